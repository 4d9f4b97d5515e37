import { can } from '../../platform/access/actor.ts';
import { sharingRoutes } from '../../platform/access/sharing-routes.ts';
import { historyRoute } from '../../platform/audit/history-route.ts';
import { notFound } from '../../platform/errors/errors.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { emptyResponse, idParams } from '../../platform/http/schemas.ts';
import { customerRollup, customerTree, rollupRegistry } from './customers.hierarchy.ts';
import { listCustomers } from './customers.list.ts';
import { customerObject } from './customers.object.ts';
import { CUSTOMER } from './customers.policy.ts';
import { findVisibleCustomer, isCustomerVisible } from './customers.queries.ts';
import {
  createCustomerBody,
  customer,
  customerListQuery,
  customerPage,
  parentBody,
  rollupResponse,
  tabsResponse,
  transferBody,
  transferResponse,
  treeResponse,
  updateCustomerBody,
} from './customers.schemas.ts';
import { createCustomer, deleteCustomer, updateCustomer } from './customers.service.ts';
import { customerTabs } from './customers.tabs.ts';
import { afterSingleTransfer, transferCustomers } from './customers.transfer.ts';
import { savedViewRoutes } from './customers.views.ts';

const tags = ['customers'];
const audit = (action: string) => ({ objectType: CUSTOMER, action });

export const customerRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/customers',
    permission: 'customers.view',
    summary: 'Customers: views mine / subordinates / shared / all, filters (custom.<key> too), sort, keyset pages',
    tags,
    query: customerListQuery,
    response: customerPage,
    handler: (ctx, { query }) => listCustomers(ctx.tx, ctx.actor, query),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/customers/key',
    permission: 'customers.view',
    summary: 'Hot customers (热点客户): the key-flagged customers the caller may see',
    tags,
    query: customerListQuery,
    response: customerPage,
    handler: (ctx, { query }) => listCustomers(ctx.tx, ctx.actor, { ...query, isKey: true }),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/customers/:id',
    permission: 'customers.view',
    summary: 'One customer (access says whether the caller may change it)',
    tags,
    params: idParams,
    response: customer,
    handler: (ctx, { params }) => findVisibleCustomer(ctx.tx, ctx.actor, params.id),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/customers',
    permission: 'customers.create',
    summary: 'Add a customer; 409 customers.duplicate lists likely duplicates unless force is true',
    tags,
    body: createCustomerBody,
    response: customer,
    status: 201,
    audit: audit('create'),
    handler: (ctx, { body }) => createCustomer(ctx, body),
  }),

  defineRoute({
    method: 'PATCH',
    url: '/api/v1/customers/:id',
    permission: 'customers.edit',
    // Changing the owner is a transfer (转移) and needs that grant too.
    alsoRequires: ({ body }) => (body.ownerId !== undefined ? ['customers.transfer'] : []),
    summary: 'Edit a customer (duplicate check when name, phone, e-mail or credit code change)',
    tags,
    params: idParams,
    body: updateCustomerBody,
    response: customer,
    audit: audit('update'),
    handler: (ctx, { params, body }) => updateCustomer(ctx, params.id, body),
  }),

  defineRoute({
    method: 'DELETE',
    url: '/api/v1/customers/:id',
    permission: 'customers.delete',
    summary: 'Delete a customer (409 while it has subsidiaries)',
    tags,
    params: idParams,
    response: emptyResponse,
    audit: audit('delete'),
    handler: async (ctx, { params }) => {
      await deleteCustomer(ctx, params.id);
      return null;
    },
  }),

  defineRoute({
    method: 'PUT',
    url: '/api/v1/customers/:id/parent',
    permission: 'customers.edit',
    summary: 'Link a customer to its parent company (母公司) or unlink it; cycles are refused',
    tags,
    params: idParams,
    body: parentBody,
    response: customer,
    audit: audit('set_parent'),
    handler: (ctx, { params, body }) =>
      updateCustomer(ctx, params.id, { parentId: body.parentId, force: true }, 'set_parent'),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/customers/:id/tree',
    permission: 'customers.view',
    summary: 'The group around a customer (关联单位): visible ancestors and nested subsidiaries',
    tags,
    params: idParams,
    response: treeResponse,
    handler: (ctx, { params }) => customerTree(ctx.tx, ctx.actor, params.id),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/customers/:id/rollup',
    permission: 'customers.view',
    summary: 'Group roll-up over the whole (visible) subtree: subsidiaries, contacts, follow-ups, …',
    tags,
    params: idParams,
    response: rollupResponse,
    handler: async (ctx, { params }) => {
      const { out } = await customerRollup(ctx.tx, ctx.actor, params.id);
      const items = rollupRegistry().map((r) => ({
        key: r.key,
        label: r.label[ctx.locale],
        value: out[r.key] ?? 0,
      }));
      for (const item of items) out[item.key] = item.value;
      return { ...out, subsidiaries: out.subsidiaries ?? 0, items };
    },
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/customers/:id/tabs',
    permission: 'customers.view',
    summary: 'The tabs of the customer view that modules registered, with counts',
    tags,
    params: idParams,
    response: tabsResponse,
    handler: async (ctx, { params }) => {
      if (!(await isCustomerVisible(ctx.tx, ctx.actor, params.id))) throw notFound();
      const items = [];
      for (const tab of customerTabs()) {
        if (tab.permission && !can(ctx.actor, tab.permission)) continue;
        const count = tab.count ? await tab.count(ctx.tx, ctx.actor, params.id) : null;
        items.push({ key: tab.key, label: tab.label[ctx.locale], count });
      }
      return { items };
    },
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/customers/transfer',
    permission: 'customers.transfer',
    summary: 'Transfer customers (转移) to another owner, optionally with their contacts; all or nothing',
    tags,
    body: transferBody,
    response: transferResponse,
    audit: audit('transfer'),
    handler: (ctx, { body }) => transferCustomers(ctx, body),
  }),

  ...sharingRoutes({
    base: '/api/v1/customers',
    object: customerObject,
    tags,
    onTransfer: afterSingleTransfer,
  }),

  historyRoute({
    url: '/api/v1/customers/:id/history',
    objectType: CUSTOMER,
    permission: 'customers.view',
    tags,
    isVisible: (ctx, id) => isCustomerVisible(ctx.tx, ctx.actor, id),
  }),

  ...savedViewRoutes,
];
