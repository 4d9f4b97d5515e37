import { and, asc, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError, conflict, notFound } from '../../platform/errors/errors.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { emptyResponse, idParams } from '../../platform/http/schemas.ts';
import { users } from '../employees/employees.table.ts';
import { savedView, savedViewBody, savedViewPatch } from './customers.schemas.ts';
import { customerViews } from './customers.table.ts';

const tags = ['customers'];
const OBJECT_TYPE = 'customer_view';
type View = z.input<typeof savedView> & { userId: string };

const columns = (actor: Actor) => ({
  id: customerViews.id,
  userId: customerViews.userId,
  name: customerViews.name,
  filters: customerViews.filters,
  columns: customerViews.columns,
  sort: customerViews.sort,
  shared: customerViews.shared,
  mine: sql<boolean>`${customerViews.userId} = ${actor.userId}`,
  ownerName: users.name,
  createdAt: customerViews.createdAt,
  updatedAt: customerViews.updatedAt,
});

/** The views the actor sees: their own, and those colleagues of the same company share. */
const visibleTo = (actor: Actor) =>
  and(
    eq(customerViews.tenantId, actor.tenantId),
    or(eq(customerViews.userId, actor.userId), eq(customerViews.shared, true)),
  );

async function selectViews(tx: Tx, actor: Actor, where: SQL | undefined): Promise<View[]> {
  return (await tx
    .select(columns(actor))
    .from(customerViews)
    .leftJoin(users, and(eq(users.tenantId, customerViews.tenantId), eq(users.id, customerViews.userId)))
    .where(and(visibleTo(actor), where))
    .orderBy(desc(sql`${customerViews.userId} = ${actor.userId}`), asc(customerViews.name))) as View[];
}

/** One of the actor's own views: 404 when they cannot see it (another user's private view, another company),
 * 403 when a colleague shared it (visible, not theirs to change). */
async function ownView(tx: Tx, actor: Actor, id: string): Promise<View> {
  const [view] = await selectViews(tx, actor, eq(customerViews.id, id));
  if (!view) throw notFound();
  if (view.userId !== actor.userId) throw new AppError(403, 'customers.view_not_owner');
  return view;
}

async function assertNameFree(tx: Tx, actor: Actor, name: string, except?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: customerViews.id })
    .from(customerViews)
    .where(
      and(
        eq(customerViews.tenantId, actor.tenantId),
        eq(customerViews.userId, actor.userId),
        eq(customerViews.name, name),
      ),
    );
  if (taken && taken.id !== except) throw conflict('customers.view_name_taken');
}

/** What the audit trail compares. */
const audited = (v: View) => ({
  name: v.name,
  filters: v.filters,
  columns: v.columns,
  sort: v.sort,
  shared: v.shared,
});
const response = ({ userId: _, ...view }: View) => view;

/**
 * Saved list views (保存的视图): each user's own, optionally shared with the whole company (read-only for
 * everyone else). Another user's private view or another company's is 404; a colleague's shared view 403 on
 * change.
 */
export const savedViewRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/customers/views',
    permission: 'customers.view',
    summary: "The caller's saved customer list views, then those colleagues share",
    tags,
    response: z.object({ items: z.array(savedView) }),
    handler: async ({ tx, actor }) => ({ items: (await selectViews(tx, actor, undefined)).map(response) }),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/customers/views',
    permission: 'customers.view',
    summary: 'Save a customer list view (filters, columns, sort) under a name, optionally shared',
    tags,
    body: savedViewBody,
    response: savedView,
    status: 201,
    audit: { objectType: OBJECT_TYPE, action: 'create' },
    handler: async ({ tx, actor, audit }, { body }) => {
      await assertNameFree(tx, actor, body.name);
      const id = newId();
      await tx.insert(customerViews).values({ tenantId: actor.tenantId, id, userId: actor.userId, ...body });
      audit.record({ action: 'create', objectType: OBJECT_TYPE, recordId: id, before: null, after: body });
      return response(await ownView(tx, actor, id));
    },
  }),

  defineRoute({
    method: 'PATCH',
    url: '/api/v1/customers/views/:id',
    permission: 'customers.view',
    summary: 'Rename one of the caller’s saved views, replace its filters / columns / sort, share or unshare it',
    tags,
    params: idParams,
    body: savedViewPatch,
    response: savedView,
    audit: { objectType: OBJECT_TYPE, action: 'update' },
    handler: async ({ tx, actor, audit }, { params, body }) => {
      const before = await ownView(tx, actor, params.id);
      if (body.name !== undefined && body.name !== before.name) await assertNameFree(tx, actor, body.name, before.id);
      const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
      await tx
        .update(customerViews)
        .set({ ...changes, updatedAt: new Date() })
        .where(and(eq(customerViews.tenantId, actor.tenantId), eq(customerViews.id, params.id)));
      const after = await ownView(tx, actor, params.id);
      audit.record({
        action: 'update',
        objectType: OBJECT_TYPE,
        recordId: params.id,
        before: audited(before),
        after: audited(after),
      });
      return response(after);
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
    audit: { objectType: OBJECT_TYPE, action: 'delete' },
    handler: async ({ tx, actor, audit }, { params }) => {
      const before = await ownView(tx, actor, params.id);
      await tx
        .delete(customerViews)
        .where(and(eq(customerViews.tenantId, actor.tenantId), eq(customerViews.id, params.id)));
      audit.record({
        action: 'delete',
        objectType: OBJECT_TYPE,
        recordId: params.id,
        before: audited(before),
        after: null,
      });
      return null;
    },
  }),
];
