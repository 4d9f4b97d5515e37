import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import type {
  BusinessTypeItem,
  CreateBusinessTypeBody,
  StageItem,
  UpdateBusinessTypeBody,
} from './opportunities.schemas.ts';
import { opportunities, opportunityStages, opportunityTypes } from './opportunities.table.ts';

/* Business types (商机组): administrators' configuration. Every type has open stages plus won and lost. */

export const TYPE_OBJECT = 'opportunity_type';
export const DEFAULT_WON = '赢单';
export const DEFAULT_LOST = '输单';
const kindOrder = { open: 0, won: 1, lost: 2 } as const;

const sortStages = (stages: StageItem[]) =>
  [...stages].sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.position - b.position);

export async function loadStages(tx: Tx, tenantId: string, typeIds: string[]): Promise<Map<string, StageItem[]>> {
  const out = new Map<string, StageItem[]>(typeIds.map((id) => [id, []]));
  if (!typeIds.length) return out;
  const rows = await tx
    .select({
      id: opportunityStages.id,
      typeId: opportunityStages.typeId,
      name: opportunityStages.name,
      kind: opportunityStages.kind,
      position: opportunityStages.position,
      probability: opportunityStages.probability,
    })
    .from(opportunityStages)
    .where(and(eq(opportunityStages.tenantId, tenantId), inArray(opportunityStages.typeId, typeIds)))
    .orderBy(asc(opportunityStages.position));
  for (const { typeId, ...stage } of rows) out.get(typeId)?.push(stage);
  for (const [id, stages] of out) out.set(id, sortStages(stages));
  return out;
}

async function selectTypes(tx: Tx, tenantId: string, id?: string): Promise<BusinessTypeItem[]> {
  const rows = await tx
    .select({
      id: opportunityTypes.id,
      name: opportunityTypes.name,
      lossReasons: opportunityTypes.lossReasons,
      createdAt: opportunityTypes.createdAt,
      updatedAt: opportunityTypes.updatedAt,
      opportunityCount: sql<number>`(SELECT count(*)::int FROM opportunities o
        WHERE o.tenant_id = opportunity_types.tenant_id AND o.type_id = opportunity_types.id)`,
    })
    .from(opportunityTypes)
    .where(and(eq(opportunityTypes.tenantId, tenantId), id ? eq(opportunityTypes.id, id) : undefined))
    .orderBy(asc(opportunityTypes.createdAt), asc(opportunityTypes.id));
  const stages = await loadStages(
    tx,
    tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, opportunityCount: Number(r.opportunityCount), stages: stages.get(r.id) ?? [] }));
}

export function list(ctx: RequestContext): Promise<BusinessTypeItem[]> {
  return selectTypes(ctx.tx, ctx.actor.tenantId);
}

export async function get(ctx: RequestContext, id: string): Promise<BusinessTypeItem> {
  const [row] = await selectTypes(ctx.tx, ctx.actor.tenantId, id);
  if (!row) throw notFound();
  return row;
}

async function nameTaken(tx: Tx, tenantId: string, name: string, exceptId?: string) {
  const rows = await tx
    .select({ id: opportunityTypes.id })
    .from(opportunityTypes)
    .where(
      and(
        eq(opportunityTypes.tenantId, tenantId),
        sql`lower(${opportunityTypes.name}) = lower(${name})`,
        exceptId ? ne(opportunityTypes.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Create a type with its stages in one go; used by the route and by the demo seed. */
export async function insertType(
  tx: Tx,
  tenantId: string,
  body: CreateBusinessTypeBody,
): Promise<{ id: string; stageIds: string[] }> {
  const id = newId();
  await tx.insert(opportunityTypes).values({ tenantId, id, name: body.name, lossReasons: body.lossReasons });
  const open = body.stages.map((s, i) => ({
    tenantId,
    id: newId(),
    typeId: id,
    name: s.name,
    kind: 'open' as const,
    position: i,
    probability: s.probability,
  }));
  const finals = [
    { name: body.finalStages?.won ?? DEFAULT_WON, kind: 'won' as const, probability: 100 },
    { name: body.finalStages?.lost ?? DEFAULT_LOST, kind: 'lost' as const, probability: 0 },
  ].map((s, i) => ({ tenantId, id: newId(), typeId: id, position: open.length + i, ...s }));
  const all = [...open, ...finals];
  const names = new Set(all.map((s) => s.name.toLowerCase()));
  if (names.size !== all.length) throw invalidField('stages', 'opportunities.stage_name_repeated');
  await tx.insert(opportunityStages).values(all);
  return { id, stageIds: all.map((s) => s.id) };
}

export async function create(ctx: RequestContext, body: CreateBusinessTypeBody): Promise<BusinessTypeItem> {
  const { tenantId } = ctx.actor;
  if (await nameTaken(ctx.tx, tenantId, body.name))
    throw conflict('opportunities.type_name_taken', { name: body.name });
  const { id } = await insertType(ctx.tx, tenantId, body);
  const after = await get(ctx, id);
  ctx.audit.record({ action: 'create', objectType: TYPE_OBJECT, recordId: id, after: audited(after) });
  return after;
}

const audited = (t: BusinessTypeItem) => ({
  name: t.name,
  lossReasons: t.lossReasons.join('、'),
  stages: t.stages.map((s) => `${s.name} ${s.probability}%`).join(' → '),
});

/**
 * Rename, reorder, add or remove open stages (the list given is the new order; an existing stage keeps its id
 * and its opportunities), rename won/lost, replace the loss reasons. Removing a stage with opportunities → 409.
 */
export async function update(ctx: RequestContext, id: string, body: UpdateBusinessTypeBody): Promise<BusinessTypeItem> {
  const { tx } = ctx;
  const { tenantId } = ctx.actor;
  const before = await get(ctx, id);
  if (body.name !== undefined && (await nameTaken(tx, tenantId, body.name, id))) {
    throw conflict('opportunities.type_name_taken', { name: body.name });
  }
  if (body.name !== undefined || body.lossReasons !== undefined) {
    await tx
      .update(opportunityTypes)
      .set({ name: body.name, lossReasons: body.lossReasons, updatedAt: new Date() })
      .where(and(eq(opportunityTypes.tenantId, tenantId), eq(opportunityTypes.id, id)));
  }
  const won = before.stages.find((s) => s.kind === 'won');
  const lost = before.stages.find((s) => s.kind === 'lost');
  if (!won || !lost) throw new Error(`business type ${id} lacks its final stages`);
  if (body.stages || body.finalStages) {
    const openBefore = before.stages.filter((s) => s.kind === 'open');
    const wanted = body.stages ?? openBefore;
    const known = new Set(openBefore.map((s) => s.id));
    wanted.forEach((s, i) => {
      if (s.id && !known.has(s.id)) throw invalidField(`stages.${i}.id`, 'field.not_found');
    });
    const kept = new Set(wanted.map((s) => s.id).filter(Boolean));
    const removed = openBefore.filter((s) => !kept.has(s.id)).map((s) => s.id);
    const finalNames = { won: body.finalStages?.won ?? won.name, lost: body.finalStages?.lost ?? lost.name };
    const allNames = [...wanted.map((s) => s.name), finalNames.won, finalNames.lost].map((n) => n.toLowerCase());
    if (new Set(allNames).size !== allNames.length) throw invalidField('stages', 'opportunities.stage_name_repeated');
    if (removed.length) {
      const [used] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(opportunities)
        .where(
          and(
            eq(opportunities.tenantId, tenantId),
            eq(opportunities.typeId, id),
            inArray(opportunities.stageId, removed),
          ),
        );
      if (Number(used?.n ?? 0) > 0) {
        throw new AppError(409, 'opportunities.stage_in_use', { count: Number(used?.n) });
      }
      await tx
        .delete(opportunityStages)
        .where(and(eq(opportunityStages.tenantId, tenantId), inArray(opportunityStages.id, removed)));
    }
    // Names are unique per type only in this service, so positions and names can be rewritten in any order.
    let position = 0;
    for (const s of wanted) {
      if (s.id) {
        await tx
          .update(opportunityStages)
          .set({ name: s.name, probability: s.probability, position })
          .where(and(eq(opportunityStages.tenantId, tenantId), eq(opportunityStages.id, s.id)));
      } else {
        await tx.insert(opportunityStages).values({
          tenantId,
          id: newId(),
          typeId: id,
          name: s.name,
          kind: 'open',
          position,
          probability: s.probability,
        });
      }
      position++;
    }
    for (const [stage, name] of [
      [won, finalNames.won],
      [lost, finalNames.lost],
    ] as const) {
      await tx
        .update(opportunityStages)
        .set({ name, position: position++ })
        .where(and(eq(opportunityStages.tenantId, tenantId), eq(opportunityStages.id, stage.id)));
    }
    await tx
      .update(opportunityTypes)
      .set({ updatedAt: new Date() })
      .where(and(eq(opportunityTypes.tenantId, tenantId), eq(opportunityTypes.id, id)));
  }
  const after = await get(ctx, id);
  ctx.audit.record({
    action: 'update',
    objectType: TYPE_OBJECT,
    recordId: id,
    before: audited(before),
    after: audited(after),
  });
  return after;
}

/** A type some opportunity uses cannot be deleted (409); its stages go with it. */
export async function remove(ctx: RequestContext, id: string): Promise<null> {
  const before = await get(ctx, id);
  if (before.opportunityCount > 0) {
    throw new AppError(409, 'opportunities.type_in_use', { count: before.opportunityCount });
  }
  await ctx.tx
    .delete(opportunityTypes)
    .where(and(eq(opportunityTypes.tenantId, ctx.actor.tenantId), eq(opportunityTypes.id, id)));
  ctx.audit.record({ action: 'delete', objectType: TYPE_OBJECT, recordId: id, before: audited(before), after: null });
  return null;
}
