import Decimal from 'decimal.js';
import { type SQL, sql } from 'drizzle-orm';
import type { Visible } from '../../platform/access/scope.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { OwnerSums } from './forecast.math.ts';
import { dayStartInstant, type QuarterRange } from './forecast.quarters.ts';

/*
 * SQL only. The forecast is one statement: opportunities of the owners in scope that close (open: expected close
 * date) or were won (won stage: stage_entered_at, the instant they entered it, also the last row of their stage
 * history) in the given contiguous quarters, summed per owner and quarter. Everything else — people, departments,
 * quotas and the roll-up — is done in JS over the org snapshot. Served by opportunities_forecast_idx
 * (tenant_id, owner_id, expected_close_date, stage_entered_at, stage_id, amount): an index-only scan of the
 * owners' entries, with the stage table joined by hash.
 */

const owners = (visible: Visible): SQL =>
  visible === 'all' ? sql`true` : sql`o.owner_id = ANY(${`{${[...visible].join(',')}}`}::uuid[])`;

const instant = (date: string) => dayStartInstant(date).toISOString();

/** Which of the ranges an opportunity counts in: won → by the won instant, open → by expected close date. */
function bucket(ranges: QuarterRange[]): SQL {
  const byDate = ranges.map(
    (r, i) =>
      sql`WHEN o.expected_close_date >= ${r.start}::date AND o.expected_close_date < ${r.end}::date THEN ${sql.raw(String(i))}`,
  );
  const byWon = ranges.map(
    (r, i) =>
      sql`WHEN o.stage_entered_at >= ${instant(r.start)}::timestamptz AND o.stage_entered_at < ${instant(r.end)}::timestamptz THEN ${sql.raw(String(i))}`,
  );
  return sql`CASE WHEN st.kind = 'won' THEN CASE ${sql.join(byWon, sql` `)} END
    ELSE CASE ${sql.join(byDate, sql` `)} END END`;
}

/** The statement (exported for the EXPLAIN test). `ranges` must be contiguous and in order. */
export function forecastSql(tenantId: string, visible: Visible, ranges: QuarterRange[]): SQL {
  const first = ranges[0]!;
  const last = ranges.at(-1)!;
  return sql`SELECT x.owner_id AS "ownerId", x.b AS bucket,
      COALESCE(sum(x.amount) FILTER (WHERE x.kind = 'won'), 0)::text AS closed,
      count(*) FILTER (WHERE x.kind = 'won')::int AS "closedCount",
      COALESCE(sum(x.amount * x.probability) FILTER (WHERE x.kind = 'open'), 0)::text AS weighted,
      COALESCE(sum(x.amount) FILTER (WHERE x.kind = 'open'), 0)::text AS open,
      count(*) FILTER (WHERE x.kind = 'open')::int AS "openCount"
    FROM (
      SELECT o.owner_id, o.amount, st.kind, st.probability, ${bucket(ranges)} AS b
      FROM opportunities o
      JOIN opportunity_stages st ON st.tenant_id = o.tenant_id AND st.id = o.stage_id AND st.kind <> 'lost'
      WHERE o.tenant_id = ${tenantId} AND ${owners(visible)}
        AND ((o.expected_close_date >= ${first.start}::date AND o.expected_close_date < ${last.end}::date)
          OR (o.stage_entered_at >= ${instant(first.start)}::timestamptz
            AND o.stage_entered_at < ${instant(last.end)}::timestamptz))
    ) x
    WHERE x.b IS NOT NULL
    GROUP BY x.owner_id, x.b`;
}

/** Per range (by index), the per-owner sums. */
export async function forecastSums(
  tx: Tx,
  tenantId: string,
  visible: Visible,
  ranges: QuarterRange[],
): Promise<OwnerSums[][]> {
  const out: OwnerSums[][] = ranges.map(() => []);
  if (visible !== 'all' && visible.size === 0) return out;
  const res = await tx.execute(forecastSql(tenantId, visible, ranges));
  for (const r of res.rows) {
    out[Number(r.bucket)]?.push({
      ownerId: String(r.ownerId),
      closed: String(r.closed),
      closedCount: Number(r.closedCount),
      weighted: String(r.weighted),
      open: String(r.open),
      openCount: Number(r.openCount),
    });
  }
  return out;
}

export interface QuotaRow {
  id: string;
  fiscalYear: number;
  quarter: number;
  userId: string | null;
  departmentId: string | null;
  amount: string;
}

/** Every quota of the given quarters (a company has one row per person and department at most, per quarter). */
export async function quotasFor(
  tx: Tx,
  tenantId: string,
  quarters: { fiscalYear: number; quarter: number }[],
): Promise<QuotaRow[]> {
  if (!quarters.length) return [];
  const keys = quarters.map((q) => q.fiscalYear * 10 + q.quarter);
  const res = await tx.execute(sql`SELECT id, fiscal_year AS "fiscalYear", quarter, user_id AS "userId",
      department_id AS "departmentId", amount::text AS amount
    FROM sales_quotas
    WHERE tenant_id = ${tenantId} AND fiscal_year * 10 + quarter = ANY(${`{${keys.join(',')}}`}::int[])`);
  return res.rows.map((r) => ({
    id: String(r.id),
    fiscalYear: Number(r.fiscalYear),
    quarter: Number(r.quarter),
    userId: (r.userId as string | null) ?? null,
    departmentId: (r.departmentId as string | null) ?? null,
    amount: new Decimal(String(r.amount)).toFixed(2),
  }));
}

export interface PersonRow {
  id: string;
  name: string;
  departmentId: string;
  active: boolean;
}

export async function people(tx: Tx, tenantId: string): Promise<Map<string, PersonRow>> {
  const res = await tx.execute(sql`SELECT id, name, department_id AS "departmentId", status = 'active' AS active
    FROM users WHERE tenant_id = ${tenantId}`);
  return new Map(
    res.rows.map((r) => [
      String(r.id),
      { id: String(r.id), name: String(r.name), departmentId: String(r.departmentId), active: Boolean(r.active) },
    ]),
  );
}

export async function departmentNames(tx: Tx, tenantId: string): Promise<Map<string, string>> {
  const res = await tx.execute(sql`SELECT id, name FROM departments WHERE tenant_id = ${tenantId}`);
  return new Map(res.rows.map((r) => [String(r.id), String(r.name)]));
}
