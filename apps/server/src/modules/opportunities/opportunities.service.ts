import Decimal from 'decimal.js';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordWritability } from '../../platform/access/sharing.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { isCustomerVisible } from '../customers/index.ts';
import { loadStages } from './business-types.service.ts';
import { OBJECT_TYPE, opportunityAccess, opportunityVisibility } from './opportunities.policy.ts';
import type {
  CreateOpportunityBody,
  MoveStageBody,
  OpportunityItem,
  OpportunityListQuery,
  StageItem,
  UpdateOpportunityBody,
} from './opportunities.schemas.ts';
import {
  competitors,
  opportunities,
  opportunityCompetitors,
  opportunityStageHistory,
  opportunityTypes,
} from './opportunities.table.ts';

/* Business rules as plain functions of the request context. The route helper already checked the grant. */

const O = { id: sql`o.id`, owner: sql`o.owner_id` };
const asDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
/** Money as NUMERIC(18,2) text: "1200" → "1200.00", exactly. */
export const money2 = (v: unknown) => new Decimal(String(v ?? '0')).toFixed(2);

const itemColumns = sql`o.id, o.name, o.owner_id AS "ownerId", u.name AS "ownerName",
  o.customer_id AS "customerId", cu.name AS "customerName", o.contact_id AS "contactId", ct.name AS "contactName",
  o.type_id AS "typeId", ty.name AS "typeName", o.stage_id AS "stageId", st.name AS "stageName",
  st.kind AS "stageKind", st.probability, o.amount::text AS amount,
  to_char(o.expected_close_date, 'YYYY-MM-DD') AS "expectedCloseDate", o.loss_reason AS "lossReason",
  o.notes, o.stage_entered_at AS "stageEnteredAt", o.created_at AS "createdAt", o.updated_at AS "updatedAt",
  COALESCE((SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'strengths', c.strengths,
      'weaknesses', c.weaknesses) ORDER BY c.name)
    FROM opportunity_competitors oc JOIN competitors c ON c.tenant_id = oc.tenant_id AND c.id = oc.competitor_id
    WHERE oc.tenant_id = o.tenant_id AND oc.opportunity_id = o.id), '[]'::json) AS competitors`;

const itemJoins = sql`LEFT JOIN users u ON u.tenant_id = o.tenant_id AND u.id = o.owner_id
  LEFT JOIN customers cu ON cu.tenant_id = o.tenant_id AND cu.id = o.customer_id
  LEFT JOIN contacts ct ON ct.tenant_id = o.tenant_id AND ct.id = o.contact_id
  JOIN opportunity_types ty ON ty.tenant_id = o.tenant_id AND ty.id = o.type_id
  JOIN opportunity_stages st ON st.tenant_id = o.tenant_id AND st.id = o.stage_id`;

function toItem(row: Record<string, unknown>, access: 'read' | 'write'): OpportunityItem {
  return {
    ...(row as unknown as OpportunityItem),
    amount: money2(row.amount),
    stageEnteredAt: asDate(row.stageEnteredAt),
    createdAt: asDate(row.createdAt),
    updatedAt: asDate(row.updatedAt),
    competitors: parseJson(row.competitors),
    access,
  };
}

export async function list(ctx: RequestContext, query: OpportunityListQuery) {
  const cursor = decodeCursor(query.cursor);
  const beforeId = cursor?.[0];
  if (query.cursor && !z.uuid().safeParse(beforeId).success) throw invalidField('cursor', 'field.invalid_type');
  const { tenantId } = ctx.actor;
  const visible = await opportunityVisibility(ctx.tx, ctx.actor, O);
  const like = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const res = await ctx.tx.execute(sql`SELECT ${itemColumns} FROM opportunities o ${itemJoins}
    WHERE o.tenant_id = ${tenantId} AND ${visible}
      ${beforeId ? sql`AND o.id < ${beforeId as string}` : sql``}
      ${like ? sql`AND o.name ILIKE ${like}` : sql``}
      ${query.customerId ? sql`AND o.customer_id = ${query.customerId}` : sql``}
      ${query.typeId ? sql`AND o.type_id = ${query.typeId}` : sql``}
      ${query.stageId ? sql`AND o.stage_id = ${query.stageId}` : sql``}
    ORDER BY o.id DESC LIMIT ${query.limit + 1}`);
  const ids = res.rows.slice(0, query.limit).map((r) => String(r.id));
  const writable = await writableIds(ctx, ids);
  const items = res.rows.slice(0, query.limit).map((r) => toItem(r, writable.has(String(r.id)) ? 'write' : 'read'));
  const last = items.at(-1);
  return { items, nextCursor: res.rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}

async function writableIds(ctx: RequestContext, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const cond = await recordWritability(ctx.tx, ctx.actor, OBJECT_TYPE, O);
  const res = await ctx.tx.execute(sql`SELECT o.id FROM opportunities o
    WHERE o.tenant_id = ${ctx.actor.tenantId} AND o.id = ANY(${`{${ids.join(',')}}`}::uuid[]) AND ${cond}`);
  return new Set(res.rows.map((r) => String(r.id)));
}

/** A visible record, or 404: another tenant's id, an unknown id and one outside the scope look the same. */
export async function get(ctx: RequestContext, id: string): Promise<OpportunityItem> {
  const access = await opportunityAccess(ctx.tx, ctx.actor, id);
  if (access === 'none') throw notFound();
  const res = await ctx.tx.execute(sql`SELECT ${itemColumns} FROM opportunities o ${itemJoins}
    WHERE o.tenant_id = ${ctx.actor.tenantId} AND o.id = ${id}`);
  const row = res.rows[0];
  if (!row) throw notFound();
  return toItem(row, access);
}

export async function isVisible(ctx: RequestContext, id: string): Promise<boolean> {
  return (await opportunityAccess(ctx.tx, ctx.actor, id)) !== 'none';
}

/** The record for a change: 404 when invisible, 403 sharing.read_only when only readable. */
async function getWritable(ctx: RequestContext, id: string): Promise<OpportunityItem> {
  const item = await get(ctx, id);
  if (item.access !== 'write') throw new AppError(403, 'sharing.read_only');
  return item;
}

interface TypeInfo {
  id: string;
  lossReasons: string[];
  stages: StageItem[];
}

async function loadType(tx: Tx, tenantId: string, typeId: string): Promise<TypeInfo | undefined> {
  const [row] = await tx
    .select({ id: opportunityTypes.id, lossReasons: opportunityTypes.lossReasons })
    .from(opportunityTypes)
    .where(and(eq(opportunityTypes.tenantId, tenantId), eq(opportunityTypes.id, typeId)));
  if (!row) return undefined;
  const stages = (await loadStages(tx, tenantId, [typeId])).get(typeId) ?? [];
  return { ...row, stages };
}

/** Lost needs a loss reason (one of the type's, when it lists any); any other stage clears it. */
function lossReasonFor(type: TypeInfo, stage: StageItem, given: string | null | undefined): string | null {
  if (stage.kind !== 'lost') return null;
  if (!given) throw invalidField('lossReason', 'opportunities.loss_reason_required');
  if (type.lossReasons.length && !type.lossReasons.includes(given)) {
    throw invalidField('lossReason', 'field.invalid_option');
  }
  return given;
}

async function checkCustomerAndContact(ctx: RequestContext, customerId: string, contactId: string | null) {
  if (!(await isCustomerVisible(ctx.tx, ctx.actor, customerId))) throw invalidField('customerId', 'field.not_found');
  if (!contactId) return;
  const [row] = await ctx.tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(eq(contacts.tenantId, ctx.actor.tenantId), eq(contacts.id, contactId), eq(contacts.customerId, customerId)),
    );
  if (!row) throw invalidField('contactId', 'opportunities.contact_not_of_customer');
}

async function setCompetitors(ctx: RequestContext, id: string, competitorIds: string[]) {
  const { tenantId } = ctx.actor;
  const ids = [...new Set(competitorIds)];
  if (ids.length) {
    const found = await ctx.tx
      .select({ id: competitors.id })
      .from(competitors)
      .where(and(eq(competitors.tenantId, tenantId), inArray(competitors.id, ids)));
    if (found.length !== ids.length) throw invalidField('competitorIds', 'field.not_found');
  }
  await ctx.tx
    .delete(opportunityCompetitors)
    .where(and(eq(opportunityCompetitors.tenantId, tenantId), eq(opportunityCompetitors.opportunityId, id)));
  if (ids.length) {
    await ctx.tx
      .insert(opportunityCompetitors)
      .values(ids.map((competitorId) => ({ tenantId, opportunityId: id, competitorId })));
  }
}

async function recordStage(
  ctx: RequestContext,
  opportunityId: string,
  from: { id: string; name: string } | null,
  to: { id: string; name: string },
  at: Date,
) {
  await ctx.tx.insert(opportunityStageHistory).values({
    tenantId: ctx.actor.tenantId,
    id: newId(),
    opportunityId,
    fromStageId: from?.id ?? null,
    fromStageName: from?.name ?? null,
    toStageId: to.id,
    toStageName: to.name,
    changedAt: at,
    changedBy: ctx.actor.userId,
  });
}

/** The audited fields of an opportunity (names rather than ids where people read them). */
const audited = (o: OpportunityItem) => ({
  name: o.name,
  customer: o.customerName,
  contact: o.contactName,
  type: o.typeName,
  stage: o.stageName,
  amount: o.amount,
  expectedCloseDate: o.expectedCloseDate,
  lossReason: o.lossReason,
  notes: o.notes,
  owner: o.ownerName,
  competitors: o.competitors.map((c) => c.name).join('、'),
});

/** The transaction's clock, so stage times are consistent with the database's now(). */
async function dbNow(tx: Tx): Promise<Date> {
  const res = await tx.execute(sql`SELECT now() AS now`);
  return asDate(res.rows[0]?.now);
}

export async function create(ctx: RequestContext, body: CreateOpportunityBody): Promise<OpportunityItem> {
  const { tenantId, userId } = ctx.actor;
  const type = await loadType(ctx.tx, tenantId, body.typeId);
  if (!type) throw invalidField('typeId', 'field.not_found');
  const stage = body.stageId ? type.stages.find((s) => s.id === body.stageId) : type.stages[0];
  if (!stage) throw invalidField('stageId', 'opportunities.stage_not_of_type');
  await checkCustomerAndContact(ctx, body.customerId, body.contactId ?? null);
  const lossReason = lossReasonFor(type, stage, body.lossReason);
  const id = newId();
  const now = await dbNow(ctx.tx);
  await ctx.tx.insert(opportunities).values({
    tenantId,
    id,
    ownerId: userId,
    createdBy: userId,
    name: body.name,
    customerId: body.customerId,
    contactId: body.contactId ?? null,
    typeId: type.id,
    stageId: stage.id,
    amount: money2(body.amount),
    expectedCloseDate: body.expectedCloseDate,
    lossReason,
    notes: body.notes,
    stageEnteredAt: now,
  });
  await setCompetitors(ctx, id, body.competitorIds);
  await recordStage(ctx, id, null, stage, now);
  const after = await get(ctx, id);
  ctx.audit.record({ action: 'create', objectType: OBJECT_TYPE, recordId: id, after: audited(after) });
  return after;
}

export async function update(ctx: RequestContext, id: string, body: UpdateOpportunityBody): Promise<OpportunityItem> {
  const { tenantId } = ctx.actor;
  const before = await getWritable(ctx, id);
  const typeId = body.typeId ?? before.typeId;
  const type = await loadType(ctx.tx, tenantId, typeId);
  if (!type) throw invalidField('typeId', 'field.not_found');
  const stageId = body.stageId ?? (typeId === before.typeId ? before.stageId : undefined);
  if (!stageId) throw invalidField('stageId', 'field.required');
  const stage = type.stages.find((s) => s.id === stageId);
  if (!stage) throw invalidField('stageId', 'opportunities.stage_not_of_type');
  const customerId = body.customerId ?? before.customerId;
  const contactId = body.contactId !== undefined ? body.contactId : before.contactId;
  if (body.customerId !== undefined || body.contactId !== undefined) {
    await checkCustomerAndContact(ctx, customerId, contactId ?? null);
  }
  const stageChanged = stage.id !== before.stageId;
  // A lost opportunity left in place keeps its reason even if the type's list changed since.
  const keepReason = !stageChanged && body.lossReason === undefined && stage.kind === 'lost' && before.lossReason;
  const lossReason = keepReason
    ? before.lossReason
    : lossReasonFor(type, stage, body.lossReason !== undefined ? body.lossReason : null);
  const now = await dbNow(ctx.tx);
  await ctx.tx
    .update(opportunities)
    .set({
      name: body.name,
      customerId,
      contactId: contactId ?? null,
      typeId,
      stageId: stage.id,
      amount: body.amount !== undefined ? money2(body.amount) : undefined,
      expectedCloseDate: body.expectedCloseDate,
      lossReason,
      notes: body.notes,
      ...(stageChanged ? { stageEnteredAt: now } : {}),
      updatedAt: now,
    })
    .where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.id, id)));
  if (body.competitorIds) await setCompetitors(ctx, id, body.competitorIds);
  if (stageChanged) await recordStage(ctx, id, { id: before.stageId, name: before.stageName }, stage, now);
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

/** The kanban drag: another stage of the same type; lost needs a loss reason. */
export function move(ctx: RequestContext, id: string, body: MoveStageBody): Promise<OpportunityItem> {
  return update(ctx, id, { stageId: body.stageId, lossReason: body.lossReason });
}

export async function remove(ctx: RequestContext, id: string): Promise<null> {
  const before = await getWritable(ctx, id);
  await ctx.tx
    .delete(opportunities)
    .where(and(eq(opportunities.tenantId, ctx.actor.tenantId), eq(opportunities.id, id)));
  ctx.audit.record({ action: 'delete', objectType: OBJECT_TYPE, recordId: id, before: audited(before), after: null });
  return null;
}

/**
 * Stage history: every stage entered, when, by whom, and how long it lasted — up to the next change, or up to
 * now for the current stage. Durations are computed in the database from the stored microsecond timestamps and
 * given in whole milliseconds; byStage sums repeated stays in the same stage.
 */
export async function stageHistory(ctx: RequestContext, id: string) {
  if (!(await isVisible(ctx, id))) throw notFound();
  const res = await ctx.tx.execute(sql`SELECT h.id, h.from_stage_id AS "fromStageId",
      h.from_stage_name AS "fromStageName", h.to_stage_id AS "toStageId", h.to_stage_name AS "toStageName",
      h.changed_at AS "changedAt", h.changed_by AS "changedBy", u.name AS "changedByName",
      lead(h.changed_at) OVER w AS "leftAt",
      floor(extract(epoch FROM (COALESCE(lead(h.changed_at) OVER w, now()) - h.changed_at)) * 1000)::bigint::text
        AS "durationMs"
    FROM opportunity_stage_history h
    LEFT JOIN users u ON u.tenant_id = h.tenant_id AND u.id = h.changed_by
    WHERE h.tenant_id = ${ctx.actor.tenantId} AND h.opportunity_id = ${id}
    WINDOW w AS (ORDER BY h.changed_at, h.id)
    ORDER BY h.changed_at, h.id`);
  const items = res.rows.map((r) => ({
    id: String(r.id),
    fromStageId: (r.fromStageId as string | null) ?? null,
    fromStageName: (r.fromStageName as string | null) ?? null,
    toStageId: String(r.toStageId),
    toStageName: String(r.toStageName),
    changedAt: asDate(r.changedAt),
    changedBy: String(r.changedBy),
    changedByName: (r.changedByName as string | null) ?? null,
    leftAt: r.leftAt == null ? null : asDate(r.leftAt),
    durationMs: Math.max(0, Number(r.durationMs)),
  }));
  const byStage = new Map<string, { stageId: string; stageName: string; durationMs: number }>();
  for (const h of items) {
    const entry = byStage.get(h.toStageId) ?? { stageId: h.toStageId, stageName: h.toStageName, durationMs: 0 };
    entry.durationMs += h.durationMs;
    byStage.set(h.toStageId, entry);
  }
  return { items, byStage: [...byStage.values()] };
}
