import Decimal from 'decimal.js';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { invalidField, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { get as getType } from './business-types.service.ts';
import { opportunityVisibility } from './opportunities.policy.ts';
import type { KanbanCard, KanbanQuery, KanbanStageQuery } from './opportunities.schemas.ts';
import { money2 } from './opportunities.service.ts';

/*
 * The kanban (看板) of one business type: per stage the first cards by expected close date then id, the count
 * and the summed amount of the visible opportunities. Two statements whatever the number of stages: one
 * LATERAL page per stage over opportunities_kanban_idx (tenant, type, stage, expected_close_date, id), and one
 * GROUP BY stage for the totals. A column's next page is a keyset on (expected_close_date, id).
 */

const asDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const O = { id: sql`o.id`, owner: sql`o.owner_id` };

const cardColumns = sql`o.id, o.name, o.customer_id AS "customerId", cu.name AS "customerName",
  o.owner_id AS "ownerId", u.name AS "ownerName", o.amount::text AS amount,
  to_char(o.expected_close_date, 'YYYY-MM-DD') AS "expectedCloseDate", o.stage_entered_at AS "stageEnteredAt"`;

const cardJoins = sql`LEFT JOIN customers cu ON cu.tenant_id = o.tenant_id AND cu.id = o.customer_id
  LEFT JOIN users u ON u.tenant_id = o.tenant_id AND u.id = o.owner_id`;

function toCard(r: Record<string, unknown>): KanbanCard {
  return {
    id: String(r.id),
    name: String(r.name),
    customerId: String(r.customerId),
    customerName: (r.customerName as string | null) ?? null,
    ownerId: String(r.ownerId),
    ownerName: (r.ownerName as string | null) ?? null,
    amount: money2(r.amount),
    expectedCloseDate: String(r.expectedCloseDate),
    stageEnteredAt: asDate(r.stageEnteredAt),
  };
}

/** The first page of every stage in one statement (exported for the EXPLAIN test). */
export async function kanbanPagesSql(
  tx: Tx,
  actor: Actor,
  typeId: string,
  stageIds: string[],
  limit: number,
): Promise<SQL> {
  const visible = await opportunityVisibility(tx, actor, O);
  return sql`SELECT s.stage_id AS "stageId", c.* FROM unnest(${`{${stageIds.join(',')}}`}::uuid[]) AS s(stage_id)
    CROSS JOIN LATERAL (
      SELECT ${cardColumns} FROM opportunities o ${cardJoins}
      WHERE o.tenant_id = ${actor.tenantId} AND o.type_id = ${typeId} AND o.stage_id = s.stage_id AND ${visible}
      ORDER BY o.expected_close_date, o.id
      LIMIT ${limit + 1}
    ) c`;
}

export async function kanban(ctx: RequestContext, query: KanbanQuery) {
  const { tx, actor } = ctx;
  const type = await getType(ctx, query.typeId);
  const stageIds = type.stages.map((s) => s.id);
  const visible = await opportunityVisibility(tx, actor, O);
  const pages = await tx.execute(await kanbanPagesSql(tx, actor, type.id, stageIds, query.limit));
  const totals = await tx.execute(sql`SELECT o.stage_id AS "stageId", count(*)::int AS n, sum(o.amount)::text AS amount,
      sum(o.amount * st.probability)::text AS weighted
    FROM opportunities o JOIN opportunity_stages st ON st.tenant_id = o.tenant_id AND st.id = o.stage_id
    WHERE o.tenant_id = ${actor.tenantId} AND o.type_id = ${type.id} AND ${visible}
    GROUP BY o.stage_id`);
  const byStage = new Map<string, Record<string, unknown>[]>();
  for (const r of pages.rows) {
    const list = byStage.get(String(r.stageId)) ?? [];
    list.push(r);
    byStage.set(String(r.stageId), list);
  }
  const totalOf = new Map(totals.rows.map((r) => [String(r.stageId), r]));
  return {
    type: { id: type.id, name: type.name, lossReasons: type.lossReasons },
    columns: type.stages.map((stage) => {
      const rows = byStage.get(stage.id) ?? [];
      const items = rows.slice(0, query.limit).map(toCard);
      const total = totalOf.get(stage.id);
      const last = items.at(-1);
      return {
        stage,
        count: Number(total?.n ?? 0),
        amount: money2(total?.amount ?? '0'),
        // Σ amount × probability / 100, rounded half-up to the cent once, at the end.
        weightedAmount: new Decimal(String(total?.weighted ?? '0'))
          .div(100)
          .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
          .toFixed(2),
        items,
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.expectedCloseDate, last.id]) : null,
      };
    }),
  };
}

/** The next page of one column, after the cursor (expected close date, id). */
export async function kanbanStage(ctx: RequestContext, query: KanbanStageQuery) {
  const { tx, actor } = ctx;
  const type = await getType(ctx, query.typeId);
  if (!type.stages.some((s) => s.id === query.stageId)) throw notFound();
  const cursor = decodeCursor(query.cursor);
  const [afterDate, afterId] = (cursor ?? []) as [unknown, unknown];
  if (
    query.cursor &&
    (typeof afterDate !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(afterDate) ||
      typeof afterId !== 'string' ||
      !/^[0-9a-f-]{36}$/i.test(afterId))
  ) {
    throw invalidField('cursor', 'field.invalid_type');
  }
  const visible = await opportunityVisibility(tx, actor, O);
  const res = await tx.execute(sql`SELECT ${cardColumns} FROM opportunities o ${cardJoins}
    WHERE o.tenant_id = ${actor.tenantId} AND o.type_id = ${type.id} AND o.stage_id = ${query.stageId} AND ${visible}
      ${query.cursor ? sql`AND (o.expected_close_date, o.id) > (${afterDate as string}::date, ${afterId as string}::uuid)` : sql``}
    ORDER BY o.expected_close_date, o.id
    LIMIT ${query.limit + 1}`);
  const items = res.rows.slice(0, query.limit).map(toCard);
  const last = items.at(-1);
  return {
    items,
    nextCursor: res.rows.length > query.limit && last ? encodeCursor([last.expectedCloseDate, last.id]) : null,
  };
}
