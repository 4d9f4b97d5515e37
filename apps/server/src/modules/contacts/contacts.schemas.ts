import { z } from 'zod';
import { email, listQuery, mobile, name, optionalText } from '../../platform/http/schemas.ts';

/** A calendar date YYYY-MM-DD that exists (no 2023-02-29), not in the future and not before 1900. */
export const birthday = () =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'contacts.invalid_birthday' })
    .refine(isPlausibleBirthday, { message: 'contacts.invalid_birthday' });

export function isPlausibleBirthday(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real && y >= 1900 && date.getTime() <= Date.now();
}

export const contact = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string(),
  ownerId: z.uuid().nullable(),
  name: z.string(),
  title: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  birthday: z.string().nullable(),
  isKey: z.boolean(),
  custom: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
  updatedAt: z.date(),
  /** What the caller may do with it: the access they have to its customer. */
  access: z.enum(['read', 'write']),
});
export type Contact = z.infer<typeof contact>;

const custom = () => z.record(z.string().max(64), z.unknown());

export const createContactBody = z.object({
  customerId: z.uuid(),
  name: name(50),
  title: optionalText(50),
  mobile: mobile().nullish(),
  email: email().nullish(),
  wechat: optionalText(50),
  birthday: birthday().nullish(),
  isKey: z.boolean().default(false),
  custom: custom().default({}),
});
export type CreateContact = z.infer<typeof createContactBody>;

export const updateContactBody = z.object({
  name: name(50).optional(),
  title: optionalText(50).optional(),
  mobile: mobile().nullable().optional(),
  email: email().nullable().optional(),
  wechat: optionalText(50).optional(),
  birthday: birthday().nullable().optional(),
  isKey: z.boolean().optional(),
  custom: custom().optional(),
});
export type UpdateContact = z.infer<typeof updateContactBody>;

export const contactFilter = z.object({
  customerId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  isKey: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ContactFilter = z.infer<typeof contactFilter>;

export const contactListQuery = listQuery.extend(contactFilter.shape);
export type ContactListQuery = z.infer<typeof contactListQuery>;

/** Recipients of a mass mailing: explicit contact ids, or every visible contact matching a filter. */
const recipients = {
  ids: z.array(z.uuid()).min(1).max(5000).optional(),
  filter: z
    .object({
      customerId: z.uuid().optional(),
      q: z.string().trim().max(100).optional(),
      isKey: z.boolean().optional(),
    })
    .optional(),
};
const oneOfIdsOrFilter = (v: { ids?: unknown; filter?: unknown }) => (v.ids === undefined) !== (v.filter === undefined);

export const massEmailBody = z
  .object({ ...recipients, subject: name(200), body: z.string().trim().min(1).max(20_000) })
  .refine(oneOfIdsOrFilter, { message: 'contacts.ids_or_filter', path: ['ids'] });
export const massSmsBody = z
  .object({ ...recipients, body: z.string().trim().min(1).max(500) })
  .refine(oneOfIdsOrFilter, { message: 'contacts.ids_or_filter', path: ['ids'] });
export type MassRecipients = { ids?: string[]; filter?: { customerId?: string; q?: string; isKey?: boolean } };

export const massMessageQueued = z.object({
  id: z.uuid(),
  channel: z.enum(['email', 'sms']),
  /** Messages queued (one per distinct address). */
  recipients: z.number().int(),
  /** Matching contacts without an e-mail address / mobile number. */
  skipped: z.number().int(),
});

export const massMessageStatus = z.object({
  id: z.uuid(),
  channel: z.enum(['email', 'sms']),
  total: z.number().int(),
  queued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  items: z.array(
    z.object({
      to: z.string(),
      contactId: z.uuid().nullable(),
      status: z.enum(['queued', 'sent', 'failed']),
      error: z.string().nullable(),
      sentAt: z.date().nullable(),
    }),
  ),
});
