import { and, desc, eq, ilike, lt, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import type { CompetitorBody, CompetitorItem, CompetitorListQuery } from './opportunities.schemas.ts';
import { competitors } from './opportunities.table.ts';

/* Competitors (竞争对手): company-wide records (no owner, no data scope), linked to opportunities. */

export const COMPETITOR_OBJECT = 'competitor';

const columns = {
  id: competitors.id,
  name: competitors.name,
  strengths: competitors.strengths,
  weaknesses: competitors.weaknesses,
  notes: competitors.notes,
  createdAt: competitors.createdAt,
  updatedAt: competitors.updatedAt,
  opportunityCount: sql<number>`(SELECT count(*)::int FROM opportunity_competitors oc
    WHERE oc.tenant_id = competitors.tenant_id AND oc.competitor_id = competitors.id)`,
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function list(ctx: RequestContext, query: CompetitorListQuery) {
  const cursor = decodeCursor(query.cursor);
  const beforeId = cursor?.[0];
  if (query.cursor && !z.uuid().safeParse(beforeId).success) throw invalidField('cursor', 'field.invalid_type');
  const rows = await ctx.tx
    .select(columns)
    .from(competitors)
    .where(
      and(
        eq(competitors.tenantId, ctx.actor.tenantId),
        beforeId ? lt(competitors.id, beforeId as string) : undefined,
        query.q ? ilike(competitors.name, `%${escapeLike(query.q)}%`) : undefined,
      ),
    )
    .orderBy(desc(competitors.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(fix);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}

const fix = (r: CompetitorItem): CompetitorItem => ({ ...r, opportunityCount: Number(r.opportunityCount) });

export async function get(ctx: RequestContext, id: string): Promise<CompetitorItem> {
  const [row] = await ctx.tx
    .select(columns)
    .from(competitors)
    .where(and(eq(competitors.tenantId, ctx.actor.tenantId), eq(competitors.id, id)));
  if (!row) throw notFound();
  return fix(row);
}

export async function isVisible(ctx: RequestContext, id: string): Promise<boolean> {
  const rows = await ctx.tx
    .select({ id: competitors.id })
    .from(competitors)
    .where(and(eq(competitors.tenantId, ctx.actor.tenantId), eq(competitors.id, id)));
  return rows.length > 0;
}

async function nameTaken(tx: Tx, tenantId: string, name: string, exceptId?: string) {
  const rows = await tx
    .select({ id: competitors.id })
    .from(competitors)
    .where(
      and(
        eq(competitors.tenantId, tenantId),
        sql`lower(${competitors.name}) = lower(${name})`,
        exceptId ? ne(competitors.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

const audited = ({ opportunityCount: _n, createdAt: _c, updatedAt: _u, id: _i, ...rest }: CompetitorItem) => rest;

export async function create(ctx: RequestContext, body: CompetitorBody & { name: string }): Promise<CompetitorItem> {
  const { tenantId } = ctx.actor;
  if (await nameTaken(ctx.tx, tenantId, body.name)) {
    throw conflict('opportunities.competitor_name_taken', { name: body.name });
  }
  const id = newId();
  await ctx.tx.insert(competitors).values({
    tenantId,
    id,
    name: body.name,
    strengths: body.strengths ?? null,
    weaknesses: body.weaknesses ?? null,
    notes: body.notes ?? null,
  });
  const after = await get(ctx, id);
  ctx.audit.record({ action: 'create', objectType: COMPETITOR_OBJECT, recordId: id, after: audited(after) });
  return after;
}

export async function update(ctx: RequestContext, id: string, body: CompetitorBody): Promise<CompetitorItem> {
  const { tenantId } = ctx.actor;
  const before = await get(ctx, id);
  if (body.name !== undefined && (await nameTaken(ctx.tx, tenantId, body.name, id))) {
    throw conflict('opportunities.competitor_name_taken', { name: body.name });
  }
  await ctx.tx
    .update(competitors)
    .set({ ...body, updatedAt: new Date() })
    .where(and(eq(competitors.tenantId, tenantId), eq(competitors.id, id)));
  const after = await get(ctx, id);
  ctx.audit.record({
    action: 'update',
    objectType: COMPETITOR_OBJECT,
    recordId: id,
    before: audited(before),
    after: audited(after),
  });
  return after;
}

/** A competitor linked to opportunities cannot be deleted (409): unlink it first. */
export async function remove(ctx: RequestContext, id: string): Promise<null> {
  const before = await get(ctx, id);
  if (before.opportunityCount > 0) {
    throw new AppError(409, 'opportunities.competitor_in_use', { count: before.opportunityCount });
  }
  await ctx.tx.delete(competitors).where(and(eq(competitors.tenantId, ctx.actor.tenantId), eq(competitors.id, id)));
  ctx.audit.record({
    action: 'delete',
    objectType: COMPETITOR_OBJECT,
    recordId: id,
    before: audited(before),
    after: null,
  });
  return null;
}
