import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/db/ids.ts';
import { conflict, notFound } from '../../platform/errors/errors.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { emptyResponse, idParams } from '../../platform/http/schemas.ts';
import { savedView, savedViewBody } from './customers.schemas.ts';
import { customerViews } from './customers.table.ts';

const tags = ['customers'];
const columns = {
  id: customerViews.id,
  name: customerViews.name,
  filters: customerViews.filters,
  columns: customerViews.columns,
  sort: customerViews.sort,
  createdAt: customerViews.createdAt,
  updatedAt: customerViews.updatedAt,
};

/** Saved list views (保存的视图): each user's own; another user's view id is 404. */
export const savedViewRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/customers/views',
    permission: 'customers.view',
    summary: "The caller's saved customer list views",
    tags,
    response: z.object({ items: z.array(savedView) }),
    handler: async ({ tx, actor }) => {
      const items = await tx
        .select(columns)
        .from(customerViews)
        .where(and(eq(customerViews.tenantId, actor.tenantId), eq(customerViews.userId, actor.userId)))
        .orderBy(asc(customerViews.name));
      return { items: items as z.input<typeof savedView>[] };
    },
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/customers/views',
    permission: 'customers.view',
    summary: 'Save a customer list view (filters, columns, sort) under a name',
    tags,
    body: savedViewBody,
    response: savedView,
    status: 201,
    audit: { objectType: 'customer_view', action: 'create' },
    handler: async ({ tx, actor, audit }, { body }) => {
      const mine = and(eq(customerViews.tenantId, actor.tenantId), eq(customerViews.userId, actor.userId));
      const [taken] = await tx
        .select({ id: customerViews.id })
        .from(customerViews)
        .where(and(mine, eq(customerViews.name, body.name)));
      if (taken) throw conflict('customers.view_name_taken');
      const id = newId();
      await tx.insert(customerViews).values({ tenantId: actor.tenantId, id, userId: actor.userId, ...body });
      audit.record({ action: 'create', objectType: 'customer_view', recordId: id, before: null, after: body });
      const [row] = await tx
        .select(columns)
        .from(customerViews)
        .where(and(mine, eq(customerViews.id, id)));
      return row as z.input<typeof savedView>;
    },
  }),

  defineRoute({
    method: 'DELETE',
    url: '/api/v1/customers/views/:id',
    permission: 'customers.view',
    summary: 'Delete one of the caller’s saved views',
    tags,
    params: idParams,
    response: emptyResponse,
    audit: { objectType: 'customer_view', action: 'delete' },
    handler: async ({ tx, actor, audit }, { params }) => {
      const where = and(
        eq(customerViews.tenantId, actor.tenantId),
        eq(customerViews.userId, actor.userId),
        eq(customerViews.id, params.id),
      );
      const [before] = await tx.select(columns).from(customerViews).where(where);
      if (!before) throw notFound();
      await tx.delete(customerViews).where(where);
      audit.record({ action: 'delete', objectType: 'customer_view', recordId: params.id, before, after: null });
      return null;
    },
  }),
];
