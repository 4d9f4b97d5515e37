import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation, updatedAt } from '../../platform/db/columns.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { customers } from '../customers/customers.table.ts';
import { users } from '../employees/employees.table.ts';
import { opportunities } from '../opportunities/opportunities.table.ts';
import { products } from '../products/products.table.ts';

/**
 * Quote statuses. draft → sent → accepted / rejected / expired; pending_approval and approved are set by the
 * approvals module (a quote whose discount passes the tenant's threshold), not by this module's routes.
 */
export const quoteStatuses = [
  'draft',
  'pending_approval',
  'approved',
  'sent',
  'accepted',
  'rejected',
  'expired',
] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

/**
 * Quotes (报价). Owner-scoped with sharing, like opportunities. Money columns are NUMERIC(18,2) and hold the
 * server's totals (quotes.totals.ts), recomputed whenever the lines or the extra discount change.
 */
export const quotes = pgTable(
  'quotes',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    /** BJ-2026-0001: per tenant and year, from quote_counters. */
    number: text('number').notNull(),
    /** The employee who owns the record: data scopes (数据权限) are computed over owners. */
    ownerId: uuid('owner_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    opportunityId: uuid('opportunity_id'),
    title: text('title'),
    status: text('status', { enum: quoteStatuses }).notNull().default('draft'),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    /** 整单优惠: an amount taken off after the line discounts. */
    extraDiscount: numeric('extra_discount', { precision: 18, scale: 2 }).notNull().default('0'),
    subtotal: numeric('subtotal', { precision: 18, scale: 2 }).notNull().default('0'),
    discountTotal: numeric('discount_total', { precision: 18, scale: 2 }).notNull().default('0'),
    amountExclTax: numeric('amount_excl_tax', { precision: 18, scale: 2 }).notNull().default('0'),
    taxTotal: numeric('tax_total', { precision: 18, scale: 2 }).notNull().default('0'),
    total: numeric('total', { precision: 18, scale: 2 }).notNull().default('0'),
    /** 备注 and 条款 (payment, delivery, warranty). */
    notes: text('notes'),
    terms: text('terms'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'quotes_owner_fk',
      columns: [t.tenantId, t.ownerId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'quotes_created_by_fk',
      columns: [t.tenantId, t.createdBy],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'quotes_customer_fk',
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    foreignKey({
      name: 'quotes_contact_fk',
      columns: [t.tenantId, t.contactId],
      foreignColumns: [contacts.tenantId, contacts.id],
    }),
    foreignKey({
      name: 'quotes_opportunity_fk',
      columns: [t.tenantId, t.opportunityId],
      foreignColumns: [opportunities.tenantId, opportunities.id],
    }),
    // Serves the owner foreign key and the data-scoped list (owner = ANY(...) ORDER BY id DESC).
    index('quotes_owner_idx').on(t.tenantId, t.ownerId, t.id),
    uniqueIndex('quotes_number_uq').on(t.tenantId, t.number),
    index('quotes_customer_idx').on(t.tenantId, t.customerId),
    index('quotes_contact_idx').on(t.tenantId, t.contactId),
    index('quotes_opportunity_idx').on(t.tenantId, t.opportunityId),
    index('quotes_created_by_idx').on(t.tenantId, t.createdBy),
    index('quotes_status_idx').on(t.tenantId, t.status, t.id),
    tenantIsolation('quotes'),
  ],
);

/** Lines of a quote, replaced as a whole on every change of the lines. Amounts are the server's (quotes.totals.ts). */
export const quoteLines = pgTable(
  'quote_lines',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    quoteId: uuid('quote_id').notNull(),
    position: integer('position').notNull(),
    productId: uuid('product_id').notNull(),
    /** Copied at the time of quoting, so the printed quote does not change with the product. */
    productName: text('product_name').notNull(),
    productCode: text('product_code').notNull(),
    specification: text('specification'),
    unit: text('unit').notNull(),
    quantity: numeric('quantity', { precision: 18, scale: 4 }).notNull(),
    unitPrice: numeric('unit_price', { precision: 18, scale: 2 }).notNull(),
    discountRate: numeric('discount_rate', { precision: 5, scale: 2 }).notNull().default('0'),
    taxRate: numeric('tax_rate', { precision: 5, scale: 2 }).notNull().default('0'),
    gross: numeric('gross', { precision: 18, scale: 2 }).notNull(),
    discount: numeric('discount', { precision: 18, scale: 2 }).notNull(),
    extraDiscount: numeric('extra_discount', { precision: 18, scale: 2 }).notNull(),
    net: numeric('net', { precision: 18, scale: 2 }).notNull(),
    tax: numeric('tax', { precision: 18, scale: 2 }).notNull(),
    total: numeric('total', { precision: 18, scale: 2 }).notNull(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'quote_lines_quote_fk',
      columns: [t.tenantId, t.quoteId],
      foreignColumns: [quotes.tenantId, quotes.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'quote_lines_product_fk',
      columns: [t.tenantId, t.productId],
      foreignColumns: [products.tenantId, products.id],
    }),
    uniqueIndex('quote_lines_position_uq').on(t.tenantId, t.quoteId, t.position),
    index('quote_lines_product_idx').on(t.tenantId, t.productId),
    check('quote_lines_quantity_positive', sql`${t.quantity} > 0`),
    check('quote_lines_discount_rate_ck', sql`${t.discountRate} BETWEEN 0 AND 100`),
    check('quote_lines_tax_rate_ck', sql`${t.taxRate} BETWEEN 0 AND 100`),
    tenantIsolation('quote_lines'),
  ],
);

/** The per-tenant, per-year quote number counter (BJ-2026-0001): one row per tenant and year. */
export const quoteCounters = pgTable(
  'quote_counters',
  {
    tenantId: tenantIdColumn(),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t): PgTableExtraConfigValue[] => [primaryKey({ columns: [t.tenantId, t.year] }), tenantIsolation('quote_counters')],
);

/** Per-tenant quote settings: the discount threshold past which a quote needs approval (default 20 %). */
export const quoteSettings = pgTable(
  'quote_settings',
  {
    tenantId: tenantIdColumn(),
    discountThreshold: numeric('discount_threshold', { precision: 5, scale: 2 }).notNull().default('20'),
    /** 默认条款 printed on new quotes. */
    defaultTerms: text('default_terms'),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId] }),
    check('quote_settings_threshold_ck', sql`${t.discountThreshold} BETWEEN 0 AND 100`),
    tenantIsolation('quote_settings'),
  ],
);

export type QuoteRow = typeof quotes.$inferSelect;
export type QuoteLineRow = typeof quoteLines.$inferSelect;
