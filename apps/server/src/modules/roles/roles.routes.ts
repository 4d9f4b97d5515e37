import { z } from 'zod';
import { declaredModules } from '../../platform/access/permissions.ts';
import { historyRoute } from '../../platform/audit/history-route.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { emptyResponse, idParams } from '../../platform/http/schemas.ts';
import { catalogueResponse, role, roleBody, scopeLabels } from './roles.schemas.ts';
import { createRole, deleteRole, getRole, listRoles, roleExists, updateRole } from './roles.service.ts';
import { dataScopes } from './roles.table.ts';

const tags = ['roles'];
const audit = { objectType: 'role', action: 'update' };

export const roleRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/permissions',
    permission: 'authenticated',
    summary: 'The permission catalogue: every module, its actions, whether it has a data scope',
    tags,
    response: catalogueResponse,
    handler: async () => ({
      modules: declaredModules().map((m) => ({
        module: m.module,
        label: m.label,
        actions: Object.entries(m.actions).map(([action, label]) => ({ action, label })),
        scoped: m.scoped,
      })),
      scopes: dataScopes.map((scope) => ({ scope, label: scopeLabels[scope] })),
    }),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/roles',
    permission: 'roles.view',
    summary: 'Roles (角色) with their permissions, data scopes and member counts',
    tags,
    response: z.object({ items: z.array(role) }),
    handler: async ({ tx, actor }) => ({ items: await listRoles(tx, actor.tenantId) }),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/roles/:id',
    permission: 'roles.view',
    summary: 'One role',
    tags,
    params: idParams,
    response: role,
    handler: async ({ tx, actor }, { params }) => getRole(tx, actor.tenantId, params.id),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/roles',
    permission: 'roles.manage',
    summary: 'Create a custom role',
    tags,
    body: roleBody,
    response: role,
    status: 201,
    audit: { ...audit, action: 'create' },
    handler: async (ctx, { body }) => createRole(ctx, body),
  }),

  defineRoute({
    method: 'PUT',
    url: '/api/v1/roles/:id',
    permission: 'roles.manage',
    summary: 'Replace a role’s name, description, permissions and scopes (the administrator role is locked)',
    tags,
    params: idParams,
    body: roleBody,
    response: role,
    audit,
    handler: async (ctx, { params, body }) => updateRole(ctx, params.id, body),
  }),

  defineRoute({
    method: 'DELETE',
    url: '/api/v1/roles/:id',
    permission: 'roles.manage',
    summary: 'Delete a custom role that nobody holds',
    tags,
    params: idParams,
    response: emptyResponse,
    audit: { ...audit, action: 'delete' },
    handler: async (ctx, { params }) => {
      await deleteRole(ctx, params.id);
      return null;
    },
  }),

  historyRoute({
    url: '/api/v1/roles/:id/history',
    objectType: 'role',
    permission: 'roles.view',
    tags,
    isVisible: (ctx, id) => roleExists(ctx.tx, ctx.actor.tenantId, id),
  }),
];
