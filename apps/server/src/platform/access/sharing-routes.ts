import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../modules/employees/employees.table.ts';
import { departments } from '../../modules/org/org.table.ts';
import { recordShares, shareAccesses } from '../../modules/sharing/sharing.table.ts';
import { newId } from '../db/ids.ts';
import { AppError, invalidField, notFound } from '../errors/errors.ts';
import { defineRoute, type RequestContext } from '../http/route.ts';
import { emptyResponse, idParams } from '../http/schemas.ts';
import { recordAccess, type SharedObject, setOwner } from './sharing.ts';

export const share = z.object({
  id: z.uuid(),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  access: z.enum(shareAccesses),
  createdBy: z.uuid(),
  createdAt: z.date(),
});

const shareBody = z
  .strictObject({ userId: z.uuid().optional(), departmentId: z.uuid().optional(), access: z.enum(shareAccesses) })
  .refine((b) => Boolean(b.userId) !== Boolean(b.departmentId), {
    message: 'sharing.one_target',
    path: ['userId'],
  });
const transferBody = z.strictObject({ toUserId: z.uuid() });
const transferResponse = z.object({ id: z.uuid(), ownerId: z.uuid(), ownerName: z.string() });

/** 404 when the actor cannot see the record, 403 when they may see but not change it. */
async function requireAccess(ctx: RequestContext, def: SharedObject, id: string, need: 'read' | 'write') {
  const access = await recordAccess(ctx.tx, ctx.actor, def.objectType, id);
  if (access === 'none') throw notFound();
  if (need === 'write' && access !== 'write') throw new AppError(403, 'sharing.read_only');
}

async function listShares(ctx: RequestContext, objectType: string, recordId: string, shareId?: string) {
  return ctx.tx
    .select({
      id: recordShares.id,
      userId: recordShares.userId,
      userName: users.name,
      departmentId: recordShares.departmentId,
      departmentName: departments.name,
      access: recordShares.access,
      createdBy: recordShares.createdBy,
      createdAt: recordShares.createdAt,
    })
    .from(recordShares)
    .leftJoin(users, and(eq(users.tenantId, recordShares.tenantId), eq(users.id, recordShares.userId)))
    .leftJoin(
      departments,
      and(eq(departments.tenantId, recordShares.tenantId), eq(departments.id, recordShares.departmentId)),
    )
    .where(
      and(
        eq(recordShares.tenantId, ctx.actor.tenantId),
        eq(recordShares.objectType, objectType),
        eq(recordShares.recordId, recordId),
        shareId ? eq(recordShares.id, shareId) : undefined,
      ),
    )
    .orderBy(recordShares.createdAt, recordShares.id);
}

async function activeUser(ctx: RequestContext, field: string, userId: string) {
  const [u] = await ctx.tx
    .select({ id: users.id, name: users.name, status: users.status })
    .from(users)
    .where(and(eq(users.tenantId, ctx.actor.tenantId), eq(users.id, userId)));
  if (!u) throw invalidField(field, 'field.not_found');
  if (u.status !== 'active') throw invalidField(field, 'sharing.user_disabled');
  return u;
}

async function requireDepartment(ctx: RequestContext, departmentId: string) {
  const [d] = await ctx.tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.tenantId, ctx.actor.tenantId), eq(departments.id, departmentId)));
  if (!d) throw invalidField('departmentId', 'field.not_found');
}

export interface SharingRouteOptions {
  /** Record URL prefix, e.g. /api/v1/customers. */
  base: string;
  object: SharedObject;
  tags?: string[];
  /** Extra work in the same transaction after the owner changed (e.g. move child records along). */
  onTransfer?: (ctx: RequestContext, change: { id: string; from: string; to: string }) => Promise<void>;
}

/**
 * Shares and transfer for one registered record type: GET/POST <base>/:id/shares,
 * DELETE <base>/:id/shares/:shareId and POST <base>/:id/transfer. Reading shares needs `<module>.view`
 * and sight of the record; changing them `<module>.share` and write access; transfer `<module>.transfer`.
 */
export function sharingRoutes(opts: SharingRouteOptions) {
  const { base, object: def } = opts;
  const { objectType, module } = def;
  const tags = opts.tags ?? [module];
  return [
    defineRoute({
      method: 'GET',
      url: `${base}/:id/shares`,
      permission: `${module}.view`,
      summary: `Who one ${objectType} is shared with`,
      tags,
      params: idParams,
      response: z.object({ items: z.array(share) }),
      handler: async (ctx, { params }) => {
        await requireAccess(ctx, def, params.id, 'read');
        return { items: await listShares(ctx, objectType, params.id) };
      },
    }),

    defineRoute({
      method: 'POST',
      url: `${base}/:id/shares`,
      permission: `${module}.share`,
      summary: `Share one ${objectType} with a user or a department (and its sub-departments)`,
      tags,
      params: idParams,
      body: shareBody,
      response: share,
      status: 201,
      audit: { objectType, action: 'share' },
      handler: async (ctx, { params, body }) => {
        await requireAccess(ctx, def, params.id, 'write');
        if (body.userId) await activeUser(ctx, 'userId', body.userId);
        if (body.departmentId) await requireDepartment(ctx, body.departmentId);
        const target = body.userId
          ? eq(recordShares.userId, body.userId)
          : eq(recordShares.departmentId, body.departmentId!);
        const where = and(
          eq(recordShares.tenantId, ctx.actor.tenantId),
          eq(recordShares.objectType, objectType),
          eq(recordShares.recordId, params.id),
          target,
        );
        const [existing] = await ctx.tx.select().from(recordShares).where(where);
        const shareId = existing?.id ?? newId();
        if (existing) {
          await ctx.tx.update(recordShares).set({ access: body.access }).where(where);
        } else {
          await ctx.tx.insert(recordShares).values({
            tenantId: ctx.actor.tenantId,
            id: shareId,
            objectType,
            recordId: params.id,
            userId: body.userId ?? null,
            departmentId: body.departmentId ?? null,
            access: body.access,
            createdBy: ctx.actor.userId,
          });
        }
        const [saved] = await listShares(ctx, objectType, params.id, shareId);
        ctx.audit.record({
          action: 'share',
          objectType,
          recordId: params.id,
          before: existing ? shareAudit(saved!, existing.access) : null,
          after: shareAudit(saved!, body.access),
        });
        return saved!;
      },
    }),

    defineRoute({
      method: 'DELETE',
      url: `${base}/:id/shares/:shareId`,
      permission: `${module}.share`,
      summary: `Stop sharing one ${objectType} with a user or department`,
      tags,
      params: z.object({ id: z.uuid(), shareId: z.uuid() }),
      response: emptyResponse,
      audit: { objectType, action: 'unshare' },
      handler: async (ctx, { params }) => {
        await requireAccess(ctx, def, params.id, 'write');
        const [existing] = await listShares(ctx, objectType, params.id, params.shareId);
        if (!existing) throw notFound();
        await ctx.tx
          .delete(recordShares)
          .where(and(eq(recordShares.tenantId, ctx.actor.tenantId), eq(recordShares.id, params.shareId)));
        ctx.audit.record({ action: 'unshare', objectType, recordId: params.id, before: shareAudit(existing) });
        return null;
      },
    }),

    defineRoute({
      method: 'POST',
      url: `${base}/:id/transfer`,
      permission: `${module}.transfer`,
      summary: `Transfer one ${objectType} to another owner (转移负责人)`,
      tags,
      params: idParams,
      body: transferBody,
      response: transferResponse,
      audit: { objectType, action: 'transfer' },
      handler: async (ctx, { params, body }) => {
        await requireAccess(ctx, def, params.id, 'write');
        const to = await activeUser(ctx, 'toUserId', body.toUserId);
        const { table, tenantId, id, owner } = def.table;
        const [row] = await ctx.tx
          .select({ from: sql<string>`${owner}` })
          .from(table)
          .where(and(eq(tenantId, ctx.actor.tenantId), eq(id, params.id)))
          .for('update');
        const from = row?.from;
        if (!from) throw notFound();
        if (from !== to.id) {
          await ctx.tx.execute(
            setOwner(def, ctx.actor.tenantId, sql`${sql.identifier(id.name)} = ${params.id}`, to.id),
          );
          await opts.onTransfer?.(ctx, { id: params.id, from, to: to.id });
          ctx.audit.record({
            action: 'transfer',
            objectType,
            recordId: params.id,
            before: { ownerId: from },
            after: { ownerId: to.id },
          });
        }
        return { id: params.id, ownerId: to.id, ownerName: to.name };
      },
    }),
  ];
}

function shareAudit(s: z.input<typeof share>, access: string = s.access) {
  return s.userId
    ? { sharedWithUser: s.userName ?? s.userId, access }
    : { sharedWithDepartment: s.departmentName ?? s.departmentId, access };
}
