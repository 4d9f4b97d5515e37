import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  numeric,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation } from '../../platform/db/columns.ts';
import { users } from '../employees/employees.table.ts';
import { departments } from '../org/org.table.ts';

/**
 * Quotas (定额) per fiscal quarter: a row is either a person's (user_id) or a department's (department_id), never
 * both. Absent row = no quota. A department's effective quota is its own when set, else the sum of its children's
 * and its members' (forecast.math.ts: rollUpQuotas).
 */
export const salesQuotas = pgTable(
  'sales_quotas',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    quarter: integer('quarter').notNull(),
    userId: uuid('user_id'),
    departmentId: uuid('department_id'),
    /** Exact money: NUMERIC(18,2). */
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    updatedBy: uuid('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'sales_quotas_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'sales_quotas_department_fk',
      columns: [t.tenantId, t.departmentId],
      foreignColumns: [departments.tenantId, departments.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'sales_quotas_updated_by_fk',
      columns: [t.tenantId, t.updatedBy],
      foreignColumns: [users.tenantId, users.id],
    }),
    // One quota per person (or department) and quarter; NULLs never collide, so each index only constrains its
    // own kind of row. They also serve the foreign keys (they lead with tenant_id and the referencing column).
    uniqueIndex('sales_quotas_user_uq').on(t.tenantId, t.userId, t.fiscalYear, t.quarter),
    uniqueIndex('sales_quotas_department_uq').on(t.tenantId, t.departmentId, t.fiscalYear, t.quarter),
    index('sales_quotas_quarter_idx').on(t.tenantId, t.fiscalYear, t.quarter, t.id),
    index('sales_quotas_updated_by_idx').on(t.tenantId, t.updatedBy, t.id),
    check('sales_quotas_subject_ck', sql`num_nonnulls(${t.userId}, ${t.departmentId}) = 1`),
    check('sales_quotas_quarter_ck', sql`${t.quarter} BETWEEN 1 AND 4`),
    check('sales_quotas_amount_ck', sql`${t.amount} >= 0`),
    tenantIsolation('sales_quotas'),
  ],
);
