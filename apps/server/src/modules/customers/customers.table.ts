import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  jsonb,
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
import { users } from '../employees/employees.table.ts';
import { departments } from '../org/org.table.ts';

export const customerKinds = ['enterprise', 'individual'] as const;
export const dealStatuses = ['none', 'in_progress', 'won', 'lost'] as const;

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Customers (客户). owner_id null means the customer sits in a public pool (公海, pool_id set).
 * The *_key columns hold normalised forms for duplicate checks (查重); custom holds custom field values.
 */
export const customers = pgTable(
  'customers',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: customerKinds }).notNull().default('enterprise'),
    name: text('name').notNull(),
    shortName: text('short_name'),
    /** Normalised name: width, case, spaces and legal-form suffixes (有限公司…) removed. */
    nameKey: text('name_key').notNull(),
    creditCode: text('credit_code'),
    industry: text('industry'),
    level: text('level'),
    source: text('source'),
    status: text('status'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    phone: text('phone'),
    phoneKey: text('phone_key'),
    email: text('email'),
    emailKey: text('email_key'),
    website: text('website'),
    province: text('province'),
    city: text('city'),
    district: text('district'),
    street: text('street'),
    latitude: numeric('latitude', { precision: 9, scale: 6 }),
    longitude: numeric('longitude', { precision: 9, scale: 6 }),
    ownerId: uuid('owner_id'),
    departmentId: uuid('department_id'),
    poolId: uuid('pool_id'),
    parentId: uuid('parent_id'),
    /** 热点/重点客户 */
    isKey: boolean('is_key').notNull().default(false),
    dealStatus: text('deal_status', { enum: dealStatuses }).notNull().default('none'),
    lastDealAt: ts('last_deal_at'),
    nextContactAt: ts('next_contact_at'),
    lastFollowUpAt: ts('last_follow_up_at'),
    /** When the current owner got it (created, claimed, assigned, transferred): pool rules count from here. */
    ownedSince: ts('owned_since'),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.departmentId], foreignColumns: [departments.tenantId, departments.id] }),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    // One index per offered sort under the owner filter (data scope), id as the keyset tie-breaker.
    index('customers_owner_updated_idx').on(t.tenantId, t.ownerId, t.updatedAt, t.id),
    index('customers_owner_created_idx').on(t.tenantId, t.ownerId, t.createdAt, t.id),
    index('customers_owner_follow_idx').on(t.tenantId, t.ownerId, t.lastFollowUpAt, t.id),
    index('customers_owner_next_idx').on(t.tenantId, t.ownerId, t.nextContactAt, t.id),
    index('customers_owner_name_idx').on(t.tenantId, t.ownerId, t.name, t.id),
    index('customers_updated_idx').on(t.tenantId, t.updatedAt, t.id),
    index('customers_created_by_idx').on(t.tenantId, t.createdBy),
    index('customers_department_idx').on(t.tenantId, t.departmentId),
    index('customers_parent_idx').on(t.tenantId, t.parentId),
    index('customers_pool_idx').on(t.tenantId, t.poolId, t.updatedAt, t.id),
    index('customers_name_key_idx').on(t.tenantId, t.nameKey),
    index('customers_credit_code_idx').on(t.tenantId, t.creditCode),
    index('customers_phone_key_idx').on(t.tenantId, t.phoneKey),
    index('customers_email_key_idx').on(t.tenantId, t.emailKey),
    // The "all" view sorts without an owner filter: one index per offered sort (updated_at above).
    index('customers_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('customers_follow_idx').on(t.tenantId, t.lastFollowUpAt, t.id),
    index('customers_next_idx').on(t.tenantId, t.nextContactAt, t.id),
    index('customers_name_idx').on(t.tenantId, t.name, t.id),
    // The hot list (热点客户) and the isKey filter.
    index('customers_key_idx').on(t.tenantId, t.updatedAt, t.id).where(sql`${t.isKey}`),
    // custom.<key> filters (jsonb containment).
    index('customers_custom_idx').using('gin', t.custom.op('jsonb_path_ops')),
    tenantIsolation('customers'),
  ],
);

/**
 * Saved list views (保存的视图): a user's named filters, columns and sort for the customer list. Only its
 * owner changes a view; a shared one is offered to everyone in the company (the data scope still applies).
 */
export const customerViews = pgTable(
  'customer_views',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull().default({}),
    columns: text('columns').array().notNull().default(sql`'{}'::text[]`),
    sort: jsonb('sort').$type<{ field: string; order: 'asc' | 'desc' } | null>(),
    /** Offered to the whole company (共享视图), read-only for everyone but the owner. */
    shared: boolean('shared').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    uniqueIndex('customer_views_user_name_idx').on(t.tenantId, t.userId, t.name),
    tenantIsolation('customer_views'),
  ],
);
