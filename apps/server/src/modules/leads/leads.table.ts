import {
  foreignKey,
  index,
  integer,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation, updatedAt } from '../../platform/db/columns.ts';
import { users } from '../employees/employees.table.ts';

export const leadStatuses = ['new', 'following', 'converted', 'invalid'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Leads (线索). Tenant table: keys lead with tenant_id, the owner is a composite foreign key into users, every
 * foreign key has an index, RLS backstop. A lead without an owner sits in the company's lead pool (线索池).
 * The dedupe keys are the customers' (customerKeys): company name, phone, mobile and e-mail.
 * converted_* record what the lead became (no foreign keys: a customer or contact deleted later must not be
 * blocked by its lead, and the opportunity lives in a module that plugs in through a conversion step).
 */
export const leads = pgTable(
  'leads',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    /** The employee who owns the lead; null = in the lead pool. */
    ownerId: uuid('owner_id'),
    source: text('source'),
    companyName: text('company_name').notNull(),
    contactName: text('contact_name'),
    title: text('title'),
    phone: text('phone'),
    mobile: text('mobile'),
    email: text('email'),
    address: text('address'),
    status: text('status', { enum: leadStatuses }).notNull().default('new'),
    invalidReason: text('invalid_reason'),
    notes: text('notes'),
    nextContactAt: ts('next_contact_at'),
    nameKey: text('name_key').notNull().default(''),
    phoneKey: text('phone_key'),
    mobileKey: text('mobile_key'),
    emailKey: text('email_key'),
    /** The reason given the last time the lead went back to the pool (退回). */
    returnReason: text('return_reason'),
    returnedAt: ts('returned_at'),
    convertedCustomerId: uuid('converted_customer_id'),
    convertedContactId: uuid('converted_contact_id'),
    convertedOpportunityId: uuid('converted_opportunity_id'),
    convertedAt: ts('converted_at'),
    convertedBy: uuid('converted_by'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'leads_owner_fk',
      columns: [t.tenantId, t.ownerId],
      foreignColumns: [users.tenantId, users.id],
    }),
    // Serves the owner foreign key, the data-scoped list and the pool (owner IS NULL ORDER BY id DESC).
    index('leads_owner_idx').on(t.tenantId, t.ownerId, t.id),
    index('leads_status_idx').on(t.tenantId, t.status, t.id),
    index('leads_name_key_idx').on(t.tenantId, t.nameKey),
    index('leads_phone_key_idx').on(t.tenantId, t.phoneKey),
    index('leads_mobile_key_idx').on(t.tenantId, t.mobileKey),
    index('leads_email_key_idx').on(t.tenantId, t.emailKey),
    index('leads_converted_customer_idx').on(t.tenantId, t.convertedCustomerId),
    tenantIsolation('leads'),
  ],
);

export type LeadRow = typeof leads.$inferSelect;

export const leadPoolEventKinds = ['claimed', 'assigned', 'returned'] as const;

/** Claims, assignments and returns of the lead pool: the daily claim limit counts these. */
export const leadPoolEvents = pgTable(
  'lead_pool_events',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    leadId: uuid('lead_id').notNull(),
    kind: text('kind', { enum: leadPoolEventKinds }).notNull(),
    /** Who acted (the claimant, the assigning manager, the one returning). */
    userId: uuid('user_id').notNull(),
    /** For an assignment: who received the lead. */
    toUserId: uuid('to_user_id'),
    reason: text('reason'),
    at: ts('at').notNull().defaultNow(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'lead_pool_events_lead_fk',
      columns: [t.tenantId, t.leadId],
      foreignColumns: [leads.tenantId, leads.id],
    }).onDelete('cascade'),
    index('lead_pool_events_lead_idx').on(t.tenantId, t.leadId),
    index('lead_pool_events_user_idx').on(t.tenantId, t.userId, t.kind, t.at),
    tenantIsolation('lead_pool_events'),
  ],
);

/** The company's one lead pool: claim limits (null = no limit). */
export const leadPoolSettings = pgTable(
  'lead_pool_settings',
  {
    tenantId: tenantIdColumn(),
    /** Claims per person per day (Asia/Shanghai). */
    claimDailyLimit: integer('claim_daily_limit'),
    /** A claim is refused while the claimant owns this many open leads (not converted, not invalid). */
    maxOwned: integer('max_owned'),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [primaryKey({ columns: [t.tenantId] }), tenantIsolation('lead_pool_settings')],
);
