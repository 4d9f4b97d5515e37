import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation, updatedAt } from '../../platform/db/columns.ts';
import { users } from '../employees/employees.table.ts';

/** Roles (角色): a named set of function permissions plus a data scope per module. */
export const roles = pgTable(
  'roles',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** Built-in role code (admin, boss, sales_manager, ...); null for custom roles. */
    code: text('code'),
    description: text('description'),
    /**
     * Built-in roles: the modules whose template grants were applied. A module shipped later is granted
     * once by syncBuiltinRoles; what an administrator later removes stays removed.
     */
    templateModules: text('template_modules').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), tenantIsolation('roles')],
);

export const rolePermissions = pgTable(
  'role_permissions',
  {
    tenantId: tenantIdColumn(),
    roleId: uuid('role_id').notNull(),
    permission: text('permission').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.roleId, t.permission] }),
    foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }).onDelete('cascade'),
    tenantIsolation('role_permissions'),
  ],
);

export const dataScopes = ['own', 'subordinates', 'department', 'department_tree', 'all'] as const;
export type DataScope = (typeof dataScopes)[number];

export const roleScopes = pgTable(
  'role_scopes',
  {
    tenantId: tenantIdColumn(),
    roleId: uuid('role_id').notNull(),
    module: text('module').notNull(),
    scope: text('scope', { enum: dataScopes }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.roleId, t.module] }),
    foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }).onDelete('cascade'),
    tenantIsolation('role_scopes'),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    tenantId: tenantIdColumn(),
    userId: uuid('user_id').notNull(),
    roleId: uuid('role_id').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.roleId] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.roleId], foreignColumns: [roles.tenantId, roles.id] }),
    index('user_roles_role_idx').on(t.tenantId, t.roleId),
    tenantIsolation('user_roles'),
  ],
);
