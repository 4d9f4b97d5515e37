import { historyRoute } from '../../platform/audit/history-route.ts';
import { previewHandover } from '../../platform/handover/registry.ts';
import { defineRoute, type RequestContext } from '../../platform/http/route.ts';
import { emptyResponse, idParams, page } from '../../platform/http/schemas.ts';
import { disableEmployee, enableEmployee } from './employees.disable.ts';
import { findVisibleEmployee, listEmployees } from './employees.queries.ts';
import {
  createEmployeeBody,
  disableBody,
  employee,
  employeeListQuery,
  handoverPreview,
  resetPasswordBody,
  updateEmployeeBody,
} from './employees.schemas.ts';
import { createEmployee, resetPassword, updateEmployee } from './employees.service.ts';

const tags = ['employees'];
const audit = (action: string) => ({ objectType: 'employee', action });
/** Every /:id route answers 404 for an employee outside the actor's data scope, as for an unknown id. */
const visible = (ctx: RequestContext, id: string) => findVisibleEmployee(ctx.tx, ctx.actor, id);

export const employeeRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/employees',
    permission: 'employees.view',
    summary: 'Employees the caller may see (data scope), searchable by name, e-mail or mobile',
    tags,
    query: employeeListQuery,
    response: page(employee),
    handler: (ctx, { query }) => listEmployees(ctx.tx, ctx.actor, query),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/employees/:id',
    permission: 'employees.view',
    summary: 'One employee',
    tags,
    params: idParams,
    response: employee,
    handler: (ctx, { params }) => visible(ctx, params.id),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/employees',
    permission: 'employees.create',
    alsoRequires: ({ body }) => (body.roleIds.length ? ['roles.manage'] : []),
    summary: 'Add an employee; the supervisor defaults to the department head',
    tags,
    body: createEmployeeBody,
    response: employee,
    status: 201,
    audit: audit('create'),
    handler: (ctx, { body }) => createEmployee(ctx, body),
  }),

  defineRoute({
    method: 'PATCH',
    url: '/api/v1/employees/:id',
    permission: 'employees.edit',
    alsoRequires: ({ body }) => (body.roleIds !== undefined ? ['roles.manage'] : []),
    summary: 'Edit an employee (department, supervisor, roles, logins, ...)',
    tags,
    params: idParams,
    body: updateEmployeeBody,
    response: employee,
    audit: audit('update'),
    handler: async (ctx, { params, body }) => {
      await visible(ctx, params.id);
      return updateEmployee(ctx, params.id, body);
    },
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/employees/:id/handover-preview',
    permission: 'employees.disable',
    summary: 'What disabling the employee would hand over, per record type',
    tags,
    params: idParams,
    response: handoverPreview,
    handler: async (ctx, { params }) => {
      await visible(ctx, params.id);
      return { items: await previewHandover(ctx.tx, ctx.actor.tenantId, params.id) };
    },
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/employees/:id/disable',
    permission: 'employees.disable',
    summary: 'Disable an employee (离职), handing everything they own to a colleague in one transaction',
    tags,
    params: idParams,
    body: disableBody,
    response: employee,
    audit: audit('disable'),
    handler: async (ctx, { params, body }) => {
      await visible(ctx, params.id);
      return disableEmployee(ctx, params.id, body.handoverToId);
    },
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/employees/:id/enable',
    permission: 'employees.disable',
    summary: 'Re-activate a disabled employee',
    tags,
    params: idParams,
    response: employee,
    audit: audit('enable'),
    handler: async (ctx, { params }) => {
      await visible(ctx, params.id);
      return enableEmployee(ctx, params.id);
    },
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/employees/:id/reset-password',
    permission: 'employees.reset_password',
    summary: 'Set a new password for an employee; their sessions end',
    tags,
    params: idParams,
    body: resetPasswordBody,
    response: emptyResponse,
    audit: audit('password_reset'),
    handler: async (ctx, { params, body }) => {
      await visible(ctx, params.id);
      await resetPassword(ctx, params.id, body.newPassword);
      return null;
    },
  }),

  historyRoute({
    url: '/api/v1/employees/:id/history',
    objectType: 'employee',
    permission: 'employees.view',
    tags,
    isVisible: async (ctx, id) => Boolean(await visible(ctx, id).catch(() => null)),
  }),
];
