import { z } from 'zod';
import { email, listQuery, mobile, name, optionalText } from '../../platform/http/schemas.ts';
import { leadStatuses } from './leads.table.ts';

/** One lead as the API returns it. */
export const leadItem = z.object({
  id: z.uuid(),
  source: z.string().nullable(),
  companyName: z.string(),
  contactName: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  status: z.enum(leadStatuses),
  invalidReason: z.string().nullable(),
  notes: z.string().nullable(),
  nextContactAt: z.date().nullable(),
  /** Null: the lead is in the pool (线索池). */
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  returnReason: z.string().nullable(),
  returnedAt: z.date().nullable(),
  convertedCustomerId: z.uuid().nullable(),
  convertedContactId: z.uuid().nullable(),
  convertedOpportunityId: z.uuid().nullable(),
  convertedAt: z.date().nullable(),
  convertedBy: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type LeadItem = z.infer<typeof leadItem>;

const dateParam = () => z.coerce.date().optional();

export const leadListQuery = listQuery.extend({
  /** Substring of the company name, the contact person, the phone or the mobile. */
  q: z.string().trim().max(100).optional(),
  status: z.enum(leadStatuses).optional(),
  source: z.string().trim().max(50).optional(),
  ownerId: z.uuid().optional(),
  createdFrom: dateParam(),
  createdTo: dateParam(),
});
export type LeadListQuery = z.infer<typeof leadListQuery>;

/** Landline or mobile, as the customers module accepts them: digits and dashes, an optional +. */
const phone = () =>
  z
    .string()
    .trim()
    .transform((v) =>
      v
        .normalize('NFKC')
        .replace(/[\s()（）]/g, '')
        .replace(/^(\+?86)(?=1[3-9]\d{9}$)/, '')
        .replace(/-+/g, '-')
        .replace(/^-|-$/g, ''),
    )
    .refine((v) => v === '' || /^\+?[0-9][0-9-]{4,24}$/.test(v), { message: 'leads.invalid_phone' })
    .transform((v) => v || null)
    .nullish()
    .transform((v) => v ?? null);
const optionalEmail = () =>
  z
    .string()
    .trim()
    .transform((v) => v || null)
    .pipe(email().nullable())
    .nullish()
    .transform((v) => v ?? null);
const optionalMobile = () =>
  z
    .string()
    .trim()
    .transform((v) => v || null)
    .pipe(mobile().nullable())
    .nullish()
    .transform((v) => v ?? null);

const fields = {
  source: optionalText(50),
  companyName: name(200),
  contactName: optionalText(50),
  title: optionalText(50),
  phone: phone(),
  mobile: optionalMobile(),
  email: optionalEmail(),
  address: optionalText(300),
  status: z.enum(['new', 'following', 'invalid'] as const),
  invalidReason: optionalText(200),
  notes: optionalText(2000),
  nextContactAt: z.coerce.date().nullable(),
  /** null: straight into the lead pool. */
  ownerId: z.uuid().nullable(),
};

export const createLeadBody = z.strictObject({
  ...fields,
  status: fields.status.default('new'),
  nextContactAt: fields.nextContactAt.optional(),
  ownerId: fields.ownerId.optional(),
  /** Create even though the duplicate check found matches (仍然创建). */
  force: z.boolean().default(false),
});
export type CreateLead = z.infer<typeof createLeadBody>;

export const updateLeadBody = z.strictObject({
  source: fields.source.optional(),
  companyName: fields.companyName.optional(),
  contactName: fields.contactName.optional(),
  title: fields.title.optional(),
  phone: fields.phone.optional(),
  mobile: fields.mobile.optional(),
  email: fields.email.optional(),
  address: fields.address.optional(),
  status: fields.status.optional(),
  invalidReason: fields.invalidReason.optional(),
  notes: fields.notes.optional(),
  nextContactAt: fields.nextContactAt.optional(),
  force: z.boolean().default(false),
});
export type UpdateLead = z.infer<typeof updateLeadBody>;

const checkText = (max: number) => z.string().max(max).optional();
export const duplicateCheckQuery = z.object({
  companyName: checkText(200),
  phone: checkText(50),
  mobile: checkText(50),
  email: checkText(254),
  excludeId: z.uuid().optional(),
});
export type DuplicateCheckQuery = z.infer<typeof duplicateCheckQuery>;

const matchedOn = z.array(z.enum(['name', 'phone', 'mobile', 'email', 'creditCode']));
export const duplicateMatches = z.object({
  /** Leads sharing a key; one the caller may not see is only its company and owner name (id null). */
  leads: z.array(
    z.object({
      id: z.uuid().nullable(),
      companyName: z.string(),
      ownerName: z.string().nullable(),
      status: z.enum(leadStatuses),
      matchedOn,
      visible: z.boolean(),
    }),
  ),
  /** Customers sharing a key, as the customers' duplicate check reports them. */
  customers: z.array(
    z.object({
      id: z.uuid().nullable(),
      name: z.string(),
      ownerName: z.string().nullable(),
      matchedOn,
      visible: z.boolean(),
    }),
  ),
});
export type DuplicateMatches = z.infer<typeof duplicateMatches>;

export const idsBody = z.strictObject({ ids: z.array(z.uuid()).min(1).max(200), toUserId: z.uuid() });
export const returnBody = z.strictObject({ reason: name(200) });
export const poolSettings = z.object({
  claimDailyLimit: z.number().int().min(1).max(10_000).nullable(),
  maxOwned: z.number().int().min(1).max(100_000).nullable(),
});
export const poolSettingsBody = z.strictObject({
  claimDailyLimit: poolSettings.shape.claimDailyLimit,
  maxOwned: poolSettings.shape.maxOwned,
});

export const convertBody = z.strictObject({
  customer: z.discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('new'),
      /** Override the company name taken from the lead. */
      name: name(200).optional(),
      /** Create even though the customers' duplicate check found matches. */
      force: z.boolean().default(false),
    }),
    z.strictObject({ mode: z.literal('existing'), customerId: z.uuid() }),
  ]),
  contact: z
    .discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('new') }),
      z.strictObject({ mode: z.literal('existing'), contactId: z.uuid() }),
      z.strictObject({ mode: z.literal('none') }),
    ])
    .default({ mode: 'new' }),
  /** Input for registered conversion steps by name (e.g. "opportunity"); a step runs when its key is present. */
  steps: z.record(z.string().max(50), z.record(z.string(), z.unknown())).default({}),
});
export type ConvertLead = z.infer<typeof convertBody>;

export const convertResponse = z.object({
  lead: leadItem,
  customerId: z.uuid(),
  contactId: z.uuid().nullable(),
  opportunityId: z.uuid().nullable(),
});

export const conversionStepsResponse = z.object({ items: z.array(z.string()) });
