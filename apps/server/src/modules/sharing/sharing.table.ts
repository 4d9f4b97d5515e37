import { foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation } from '../../platform/db/columns.ts';
import { users } from '../employees/employees.table.ts';
import { departments } from '../org/org.table.ts';

export const defaultAccesses = ['private', 'public_read', 'public_write'] as const;
export type DefaultAccess = (typeof defaultAccesses)[number];
export const shareAccesses = ['read', 'write'] as const;
export type ShareAccess = (typeof shareAccesses)[number];

/** Per object type, the tenant's default sharing (共享模式). Absent row = private. */
export const sharingDefaults = pgTable(
  'sharing_defaults',
  {
    tenantId: tenantIdColumn(),
    objectType: text('object_type').notNull(),
    defaultAccess: text('default_access', { enum: defaultAccesses }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.objectType] }), tenantIsolation('sharing_defaults')],
);

/** One record shared with one user or one department (and its sub-departments). */
export const recordShares = pgTable(
  'record_shares',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    objectType: text('object_type').notNull(),
    recordId: uuid('record_id').notNull(),
    userId: uuid('user_id'),
    departmentId: uuid('department_id'),
    access: text('access', { enum: shareAccesses }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.departmentId],
      foreignColumns: [departments.tenantId, departments.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [users.tenantId, users.id] }),
    index('record_shares_record_idx').on(t.tenantId, t.objectType, t.recordId),
    index('record_shares_user_idx').on(t.tenantId, t.userId, t.objectType),
    index('record_shares_department_idx').on(t.tenantId, t.departmentId, t.objectType),
    index('record_shares_created_by_idx').on(t.tenantId, t.createdBy),
    tenantIsolation('record_shares'),
  ],
);
