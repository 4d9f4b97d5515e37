import { z } from 'zod';
import { historyRoute } from '../../platform/audit/history-route.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { emptyResponse, idParams } from '../../platform/http/schemas.ts';
import { departmentExistsOrExisted, selectDepartments } from './org.queries.ts';
import { createDepartmentBody, department, updateDepartmentBody } from './org.schemas.ts';
import { createDepartment, deleteDepartment, updateDepartment, type WriteContext } from './org.service.ts';

const tags = ['org'];
const audit = (action: string) => ({ objectType: 'department', action });
const writeContext = (ctx: RequestContext): WriteContext => ({
  tx: ctx.tx,
  tenantId: ctx.actor.tenantId,
  audit: ctx.audit,
});

export const orgRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/departments',
    permission: 'authenticated',
    summary: 'The org tree (组织架构) as a flat list; the client builds the tree from parentId',
    tags,
    response: z.object({ items: z.array(department) }),
    handler: async (ctx) => ({ items: await selectDepartments(ctx.tx, ctx.actor.tenantId) }),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/departments',
    permission: 'org.manage',
    summary: 'Add a department, subsidiary (子公司) or branch (分支机构) under a parent',
    tags,
    body: createDepartmentBody,
    response: department,
    status: 201,
    audit: audit('create'),
    handler: (ctx, { body }) => createDepartment(writeContext(ctx), body),
  }),

  defineRoute({
    method: 'PATCH',
    url: '/api/v1/departments/:id',
    permission: 'org.manage',
    summary: 'Rename, change kind or head, reorder, or move (parentId) a department',
    tags,
    params: idParams,
    body: updateDepartmentBody,
    response: department,
    audit: audit('update'),
    handler: (ctx, { params, body }) => updateDepartment(writeContext(ctx), params.id, body),
  }),

  defineRoute({
    method: 'DELETE',
    url: '/api/v1/departments/:id',
    permission: 'org.manage',
    summary: 'Delete an empty department (refused while it has members or sub-departments)',
    tags,
    params: idParams,
    response: emptyResponse,
    audit: audit('delete'),
    handler: async (ctx, { params }) => {
      await deleteDepartment(writeContext(ctx), params.id);
      return null;
    },
  }),

  historyRoute({
    url: '/api/v1/departments/:id/history',
    objectType: 'department',
    permission: 'org.view',
    tags,
    // A deleted department's history stays readable; another tenant's id finds neither (RLS).
    isVisible: (ctx, id) => departmentExistsOrExisted(ctx.tx, ctx.actor.tenantId, id),
  }),
];
