import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation, updatedAt } from '../../platform/db/columns.ts';
import { departments } from '../org/org.table.ts';

export const userStatuses = ['active', 'disabled'] as const;

/** Employees (员工). Each has one main department and an optional direct supervisor (直接上级). */
export const users = pgTable(
  'users',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    mobile: text('mobile'),
    passwordHash: text('password_hash').notNull(),
    departmentId: uuid('department_id').notNull(),
    supervisorId: uuid('supervisor_id'),
    positionTitle: text('position_title'),
    status: text('status', { enum: userStatuses }).notNull().default('active'),
    locale: text('locale'),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    handedOverTo: uuid('handed_over_to'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.departmentId], foreignColumns: [departments.tenantId, departments.id] }),
    foreignKey({ columns: [t.tenantId, t.supervisorId], foreignColumns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.handedOverTo], foreignColumns: [t.tenantId, t.id] }),
    index('users_department_idx').on(t.tenantId, t.departmentId),
    index('users_supervisor_idx').on(t.tenantId, t.supervisorId),
    index('users_handed_over_idx').on(t.tenantId, t.handedOverTo),
    index('users_name_idx').on(t.tenantId, t.name, t.id),
    uniqueIndex('users_email_uq').on(t.tenantId, sql`lower(${t.email})`),
    uniqueIndex('users_mobile_uq').on(t.tenantId, t.mobile),
    tenantIsolation('users'),
  ],
);
