import { z } from 'zod';
import { listQuery, optionalText } from '../../platform/http/schemas.ts';
import { quoteStatuses } from './quotes.table.ts';

/* Decimals travel as strings ("12000.50") exactly as NUMERIC stores them; a JSON number is accepted too. */
const decimal = (pattern: RegExp, message: string) =>
  z
    .union([z.string().trim(), z.number()], {
      error: (issue) => (issue.input === undefined ? 'field.required' : message),
    })
    .transform((v) => String(v))
    .pipe(z.string().regex(pattern, { message }));

/** Money ≥ 0, NUMERIC(18,2). */
export const money = () => decimal(/^\d{1,16}(\.\d{1,2})?$/, 'quotes.invalid_money');
/** Quantity > 0, NUMERIC(18,4). */
const quantity = () =>
  decimal(/^\d{1,14}(\.\d{1,4})?$/, 'quotes.invalid_quantity').refine((v) => /[1-9]/.test(v), {
    message: 'quotes.invalid_quantity',
  });
/** A percentage 0–100 with at most 2 decimals. */
export const percent = () =>
  decimal(/^\d{1,3}(\.\d{1,2})?$/, 'quotes.invalid_percent').refine((v) => Number(v) <= 100, {
    message: 'quotes.invalid_percent',
  });

const isoDate = () =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'field.required' : 'quotes.invalid_date') })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'quotes.invalid_date' })
    .refine((v) => new Date(`${v}T00:00:00Z`).toISOString?.().startsWith(v) ?? false, {
      message: 'quotes.invalid_date',
    });

export const lineInput = z.strictObject({
  productId: z.uuid(),
  unit: z.string().trim().min(1).max(20),
  quantity: quantity(),
  /** Default: the product's list price in that unit (units.ts unitPrice); required when it has none. */
  unitPrice: money().optional(),
  discountRate: percent().default('0'),
  taxRate: percent().default('13'),
});
export type LineInput = z.infer<typeof lineInput>;

const lines = z.array(lineInput).max(200);

export const createQuoteBody = z.strictObject({
  customerId: z.uuid(),
  contactId: z.uuid().nullish(),
  opportunityId: z.uuid().nullish(),
  title: optionalText(100),
  validUntil: isoDate(),
  extraDiscount: money().default('0'),
  notes: optionalText(2000),
  terms: optionalText(4000),
  lines: lines.default([]),
});
export type CreateQuoteBody = z.infer<typeof createQuoteBody>;

/** `lines`, when given, replaces all the lines (all or nothing). */
export const updateQuoteBody = z.strictObject({
  customerId: z.uuid().optional(),
  contactId: z.uuid().nullish(),
  opportunityId: z.uuid().nullish(),
  title: optionalText(100).optional(),
  validUntil: isoDate().optional(),
  extraDiscount: money().optional(),
  notes: optionalText(2000).optional(),
  terms: optionalText(4000).optional(),
  lines: lines.optional(),
});
export type UpdateQuoteBody = z.infer<typeof updateQuoteBody>;

export const statusBody = z.strictObject({ status: z.enum(['draft', 'accepted', 'rejected', 'expired']) });

export const lineItem = z.object({
  id: z.uuid(),
  position: z.number().int(),
  productId: z.uuid(),
  productName: z.string(),
  productCode: z.string(),
  specification: z.string().nullable(),
  unit: z.string(),
  quantity: z.string(),
  unitPrice: z.string(),
  discountRate: z.string(),
  taxRate: z.string(),
  gross: z.string(),
  discount: z.string(),
  extraDiscount: z.string(),
  net: z.string(),
  tax: z.string(),
  total: z.string(),
});
export type LineItem = z.infer<typeof lineItem>;

const summary = {
  id: z.uuid(),
  number: z.string(),
  title: z.string().nullable(),
  status: z.enum(quoteStatuses),
  ownerId: z.uuid(),
  ownerName: z.string().nullable(),
  customerId: z.uuid(),
  customerName: z.string().nullable(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  opportunityId: z.uuid().nullable(),
  opportunityName: z.string().nullable(),
  validUntil: z.string(),
  currency: z.string(),
  subtotal: z.string(),
  extraDiscount: z.string(),
  discountTotal: z.string(),
  amountExclTax: z.string(),
  taxTotal: z.string(),
  total: z.string(),
  /** A discount past the tenant's threshold: the quote needs approval (审批) before it is sent. */
  needsApproval: z.boolean(),
  sentAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
};

export const quoteListItem = z.object(summary);
export type QuoteListItem = z.infer<typeof quoteListItem>;

export const quoteItem = z.object({
  ...summary,
  notes: z.string().nullable(),
  terms: z.string().nullable(),
  /** Total in Chinese capital numerals (大写金额). */
  totalInWords: z.string(),
  contactEmail: z.string().nullable(),
  lines: z.array(lineItem),
  /** The actor may change it (owner in scope, or a read-write share); otherwise read only. */
  access: z.enum(['read', 'write']),
});
export type QuoteItem = z.infer<typeof quoteItem>;

export const quoteListQuery = listQuery.extend({
  /** Substring of the number, title or customer name. */
  q: z.string().trim().max(100).optional(),
  status: z.enum(quoteStatuses).optional(),
  customerId: z.uuid().optional(),
  opportunityId: z.uuid().optional(),
});
export type QuoteListQuery = z.infer<typeof quoteListQuery>;

export const quoteSettingsItem = z.object({ discountThreshold: z.string(), defaultTerms: z.string().nullable() });
export type QuoteSettingsItem = z.infer<typeof quoteSettingsItem>;
export const quoteSettingsBody = z.strictObject({
  discountThreshold: percent().optional(),
  defaultTerms: optionalText(4000).optional(),
});

export const sendResponse = z.object({ quote: quoteItem, to: z.string() });
