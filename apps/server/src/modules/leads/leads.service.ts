import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { users } from '../employees/employees.table.ts';
import { assertNoLeadDuplicates, leadKeys } from './leads.dedupe.ts';
import { inScope, mayChange, OBJECT_TYPE, visibleOwners } from './leads.policy.ts';
import * as repo from './leads.repo.ts';
import type { CreateLead, LeadItem, LeadListQuery, UpdateLead } from './leads.schemas.ts';
import { leadPoolSettings } from './leads.table.ts';

/* Business rules as plain functions of the request context. The route helper already checked the grant. */

type Ctx = Pick<RequestContext, 'tx' | 'actor'> & { audit: Pick<RequestContext['audit'], 'record'> };

/** The fields the audit trail compares. */
export function audited(l: LeadItem) {
  const { ownerName, createdAt, updatedAt, ...rest } = l;
  return rest;
}

export async function list(ctx: Ctx, query: LeadListQuery, pool = false) {
  const cursor = decodeCursor(query.cursor);
  const beforeId = cursor?.[0];
  if (query.cursor && !z.uuid().safeParse(beforeId).success) throw invalidField('cursor', 'field.invalid_type');
  const visible = await visibleOwners(ctx.tx, ctx.actor);
  const { cursor: _c, ...filters } = query;
  const rows = await repo.selectPage(ctx.tx, ctx.actor.tenantId, visible, {
    ...filters,
    q: query.q || undefined,
    limit: query.limit + 1,
    beforeId: beforeId as string | undefined,
    pool,
  });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}

/** A visible lead, or 404: another tenant's id, an unknown id and one outside the scope look the same. */
export async function get(ctx: Ctx, id: string, lock = false): Promise<LeadItem> {
  const row = await repo.selectOne(ctx.tx, ctx.actor.tenantId, await visibleOwners(ctx.tx, ctx.actor), id, lock);
  if (!row) throw notFound();
  return row;
}

export async function isVisible(ctx: Ctx, id: string): Promise<boolean> {
  const visible = await visibleOwners(ctx.tx, ctx.actor);
  return Boolean(await repo.selectOne(ctx.tx, ctx.actor.tenantId, visible, id));
}

/** A visible, changeable, not yet converted lead, locked for the write. */
export async function getWritable(ctx: Ctx, id: string): Promise<LeadItem> {
  const lead = await get(ctx, id, true);
  if (!mayChange(ctx.actor, lead)) throw forbidden();
  if (lead.status === 'converted') throw conflict('leads.converted');
  return lead;
}

/** An active colleague inside the actor's data scope on leads (who may be given a lead). */
export async function assignableOwner(ctx: Ctx, field: string, userId: string) {
  const [u] = await ctx.tx
    .select({ id: users.id, status: users.status })
    .from(users)
    .where(and(eq(users.tenantId, ctx.actor.tenantId), eq(users.id, userId)));
  if (u?.status !== 'active') throw invalidField(field, 'field.not_found');
  if (!inScope(await visibleOwners(ctx.tx, ctx.actor), userId)) throw invalidField(field, 'leads.owner_out_of_scope');
  return u;
}

function checkInvalidReason(status: string | undefined, reason: string | null | undefined) {
  if (status === 'invalid' && !reason) throw invalidField('invalidReason', 'field.required');
}

export async function create(ctx: Ctx, body: CreateLead): Promise<LeadItem> {
  const { tenantId, userId } = ctx.actor;
  checkInvalidReason(body.status, body.invalidReason);
  const ownerId = body.ownerId === undefined ? userId : body.ownerId;
  if (ownerId && ownerId !== userId) await assignableOwner(ctx, 'ownerId', ownerId);
  if (!body.force) await assertNoLeadDuplicates(ctx.tx, ctx.actor, body);
  const { force, ownerId: _o, ...fields } = body;
  const id = newId();
  await repo.insertRow(ctx.tx, {
    ...fields,
    ...leadKeys(fields),
    invalidReason: fields.status === 'invalid' ? fields.invalidReason : null,
    nextContactAt: fields.nextContactAt ?? null,
    tenantId,
    id,
    ownerId,
    createdBy: userId,
  });
  const after = await get(ctx, id);
  ctx.audit.record({ action: 'create', objectType: OBJECT_TYPE, recordId: id, after: audited(after) });
  return after;
}

export async function update(ctx: Ctx, id: string, body: UpdateLead): Promise<LeadItem> {
  const before = await getWritable(ctx, id);
  const { force, ...changes } = body;
  for (const k of Object.keys(changes) as (keyof typeof changes)[]) if (changes[k] === undefined) delete changes[k];
  const next = { ...before, ...changes };
  checkInvalidReason(next.status, next.invalidReason);
  if (next.status !== 'invalid') next.invalidReason = null;
  const keyed = ['companyName', 'phone', 'mobile', 'email'] as const;
  if (!force && keyed.some((k) => changes[k] !== undefined && changes[k] !== before[k])) {
    await assertNoLeadDuplicates(ctx.tx, ctx.actor, { ...next, excludeId: id });
  }
  await repo.updateRow(ctx.tx, ctx.actor.tenantId, id, {
    ...changes,
    invalidReason: next.invalidReason,
    ...leadKeys(next),
  });
  const after = await get(ctx, id);
  ctx.audit.record({
    action: 'update',
    objectType: OBJECT_TYPE,
    recordId: id,
    before: audited(before),
    after: audited(after),
  });
  return after;
}

export async function remove(ctx: Ctx, id: string): Promise<null> {
  const before = await getWritable(ctx, id);
  await repo.deleteRow(ctx.tx, ctx.actor.tenantId, id);
  ctx.audit.record({ action: 'delete', objectType: OBJECT_TYPE, recordId: id, before: audited(before), after: null });
  return null;
}

export async function readPoolSettings(tx: Tx, tenantId: string) {
  const [row] = await tx
    .select({ claimDailyLimit: leadPoolSettings.claimDailyLimit, maxOwned: leadPoolSettings.maxOwned })
    .from(leadPoolSettings)
    .where(eq(leadPoolSettings.tenantId, tenantId));
  return row ?? { claimDailyLimit: null, maxOwned: null };
}

export async function writePoolSettings(ctx: Ctx, body: { claimDailyLimit: number | null; maxOwned: number | null }) {
  const before = await readPoolSettings(ctx.tx, ctx.actor.tenantId);
  await ctx.tx
    .insert(leadPoolSettings)
    .values({ tenantId: ctx.actor.tenantId, ...body })
    .onConflictDoUpdate({ target: leadPoolSettings.tenantId, set: { ...body, updatedAt: sql`now()` } });
  ctx.audit.record({ action: 'pool_settings', objectType: 'lead_pool', recordId: null, before, after: body });
  return body;
}
