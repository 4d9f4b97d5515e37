import {
  boolean,
  foreignKey,
  index,
  integer,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation, updatedAt } from '../../platform/db/columns.ts';
import { users } from '../employees/employees.table.ts';

export const departmentKinds = ['company', 'department', 'subsidiary', 'branch'] as const;
export type DepartmentKind = (typeof departmentKinds)[number];

/** The org tree (组织架构). Exactly one root of kind "company" per tenant (全公司). */
export const departments = pgTable(
  'departments',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    kind: text('kind', { enum: departmentKinds }).notNull().default('department'),
    independentAccounting: boolean('independent_accounting').notNull().default(false),
    headUserId: uuid('head_user_id'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.headUserId], foreignColumns: [users.tenantId, users.id] }),
    index('departments_parent_idx').on(t.tenantId, t.parentId),
    index('departments_head_idx').on(t.tenantId, t.headUserId),
    tenantIsolation('departments'),
  ],
);
