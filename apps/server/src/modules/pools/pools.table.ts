import {
  boolean,
  foreignKey,
  index,
  integer,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation, updatedAt } from '../../platform/db/columns.ts';
import { customers } from '../customers/customers.table.ts';
import { users } from '../employees/employees.table.ts';
import { departments } from '../org/org.table.ts';

/**
 * Public pools (公海): ownerless customers that members of the pool's departments may claim. Each pool has its
 * own move-in rules (each on or off) and claim limits. customers.pool_id points here (no FK: that column belongs
 * to the customers table; a pool with customers cannot be deleted).
 */
export const customerPools = pgTable(
  'customer_pools',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** Move an owned customer in after N days without a follow-up (counted from the later of follow-up and owned_since). */
    noFollowUpEnabled: boolean('no_follow_up_enabled').notNull().default(false),
    noFollowUpDays: integer('no_follow_up_days').notNull().default(30),
    /** Move an owned customer in after N days owned without a won deal. */
    noDealEnabled: boolean('no_deal_enabled').notNull().default(false),
    noDealDays: integer('no_deal_days').notNull().default(90),
    /** Key customers (重点客户) are never moved by the rules. */
    excludeKey: boolean('exclude_key').notNull().default(true),
    /** Warn the owner N days before a rule moves their customer. */
    warnEnabled: boolean('warn_enabled').notNull().default(false),
    warnDays: integer('warn_days').notNull().default(3),
    /** Claims per person per day (Asia/Shanghai) from this pool; null = no limit. */
    claimDailyLimit: integer('claim_daily_limit'),
    /** A claim is refused while the claimant owns this many customers; null = no limit. */
    maxOwned: integer('max_owned'),
    /** Days after a customer left its owner before that owner may claim it back. */
    cooldownDays: integer('cooldown_days').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('customer_pools_name_uq').on(t.tenantId, t.name),
    tenantIsolation('customer_pools'),
  ],
);

/** The departments (and, implicitly, everything below them) whose members use a pool. */
export const poolDepartments = pgTable(
  'pool_departments',
  {
    tenantId: tenantIdColumn(),
    poolId: uuid('pool_id').notNull(),
    departmentId: uuid('department_id').notNull(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.poolId, t.departmentId] }),
    foreignKey({
      columns: [t.tenantId, t.poolId],
      foreignColumns: [customerPools.tenantId, customerPools.id],
    }).onDelete('cascade'),
    // Only an empty department can be deleted; it then simply drops out of its pools.
    foreignKey({
      columns: [t.tenantId, t.departmentId],
      foreignColumns: [departments.tenantId, departments.id],
    }).onDelete('cascade'),
    index('pool_departments_department_idx').on(t.tenantId, t.departmentId),
    tenantIsolation('pool_departments'),
  ],
);

export const poolEventKinds = ['moved_in', 'returned', 'claimed', 'assigned'] as const;
export type PoolEventKind = (typeof poolEventKinds)[number];
export const poolRuleCodes = ['no_follow_up', 'no_deal'] as const;
export type PoolRuleCode = (typeof poolRuleCodes)[number];

/**
 * Everything that moves a customer into or out of a pool. Claims per day and the cooldown are counted from
 * here; the pool's customer list shows the last owner and why the customer came in from here.
 */
export const poolEvents = pgTable(
  'pool_events',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    poolId: uuid('pool_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind', { enum: poolEventKinds }).notNull(),
    /** Who acted: the claimant, the assigning manager, the returning owner; null for the daily rules. */
    userId: uuid('user_id'),
    /** The owner the customer had before (moved_in, returned) or the last owner it had before the pool (claimed, assigned). */
    previousOwnerId: uuid('previous_owner_id'),
    /** assigned: who received it. */
    toUserId: uuid('to_user_id'),
    /** moved_in: which rule and its day count. */
    rule: text('rule', { enum: poolRuleCodes }),
    ruleDays: integer('rule_days'),
    /** returned: the owner's reason (free text). */
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.poolId],
      foreignColumns: [customerPools.tenantId, customerPools.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.previousOwnerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.toUserId], foreignColumns: [users.tenantId, users.id] }),
    index('pool_events_pool_idx').on(t.tenantId, t.poolId, t.at),
    // Latest event of a customer (list: last owner and reason; cooldown).
    index('pool_events_customer_idx').on(t.tenantId, t.customerId, t.at),
    // Claims per person per day.
    index('pool_events_user_idx').on(t.tenantId, t.userId, t.kind, t.at),
    index('pool_events_previous_owner_idx').on(t.tenantId, t.previousOwnerId),
    index('pool_events_to_user_idx').on(t.tenantId, t.toUserId),
    tenantIsolation('pool_events'),
  ],
);
