import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import { invalidField } from '../../platform/errors/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { type Locale, translate } from '../../platform/i18n/i18n.ts';
import type { PoolCustomersQuery } from './pools.schemas.ts';
import type { PoolEventKind, PoolRuleCode } from './pools.table.ts';

type Row = {
  id: string;
  name: string;
  industry: string | null;
  level: string | null;
  isKey: boolean;
  lastFollowUpAt: Date | string | null;
  lastOwnerId: string | null;
  lastOwnerName: string | null;
  movedInKind: PoolEventKind | null;
  rule: PoolRuleCode | null;
  ruleDays: number | null;
  reason: string | null;
  movedInAt: Date | string | null;
  cursorAt: string;
};

const date = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The readable reason a customer is in the pool: the rule that moved it, or its owner's words. */
export const ruleReason = (locale: Locale, rule: PoolRuleCode, days: number) =>
  translate(locale, `pools.rule.${rule}`, { days });

function readCursor(cursor: string | undefined): { micros: string; id: string } | null {
  if (!cursor) return null;
  const c = decodeCursor(cursor);
  if (!c || typeof c[0] !== 'string' || !/^\d{1,20}$/.test(c[0]) || !z.uuid().safeParse(c[1]).success) {
    throw invalidField('cursor', 'field.invalid_type');
  }
  return { micros: c[0], id: c[1] as string };
}

/**
 * One page of a pool's customers, most recently moved first (keyset on updated_at, id: customers_pool_idx),
 * with the last owner and why it came in from its latest pool event — one statement per page.
 */
export async function listPoolCustomers(
  tx: Tx,
  tenantId: string,
  poolId: string,
  q: PoolCustomersQuery,
  locale: Locale,
) {
  const after = readCursor(q.cursor);
  const conditions: SQL[] = [sql`c.tenant_id = ${tenantId}`, sql`c.pool_id = ${poolId}`];
  if (q.q) conditions.push(sql`c.name ILIKE ${`%${escapeLike(q.q)}%`}`);
  if (after) {
    conditions.push(sql`(c.updated_at, c.id) <
      (timestamptz 'epoch' + ${after.micros}::bigint * interval '1 microsecond', ${after.id}::uuid)`);
  }
  const result = await tx.execute<Row>(sql`
    SELECT c.id, c.name, c.industry, c.level, c.is_key AS "isKey", c.last_follow_up_at AS "lastFollowUpAt",
      e.previous_owner_id AS "lastOwnerId", u.name AS "lastOwnerName", e.kind AS "movedInKind", e.rule,
      e.rule_days AS "ruleDays", e.reason, e.at AS "movedInAt",
      (extract(epoch from c.updated_at) * 1000000)::bigint::text AS "cursorAt"
    FROM customers c
    LEFT JOIN LATERAL (
      SELECT pe.previous_owner_id, pe.kind, pe.rule, pe.rule_days, pe.reason, pe.at FROM pool_events pe
      WHERE pe.tenant_id = c.tenant_id AND pe.customer_id = c.id AND pe.pool_id = c.pool_id
        AND pe.kind IN ('moved_in', 'returned')
      ORDER BY pe.at DESC, pe.id DESC LIMIT 1
    ) e ON true
    LEFT JOIN users u ON u.tenant_id = c.tenant_id AND u.id = e.previous_owner_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY c.updated_at DESC, c.id DESC
    LIMIT ${q.limit + 1}`);
  const rows = result.rows;
  const items = rows.slice(0, q.limit).map((r) => ({
    id: r.id,
    name: r.name,
    industry: r.industry,
    level: r.level,
    isKey: r.isKey,
    lastFollowUpAt: date(r.lastFollowUpAt),
    lastOwnerId: r.lastOwnerId,
    lastOwnerName: r.lastOwnerName,
    movedInKind: r.movedInKind,
    movedInReason: r.rule && r.ruleDays !== null ? ruleReason(locale, r.rule, r.ruleDays) : r.reason,
    movedInAt: date(r.movedInAt),
  }));
  const last = rows[q.limit - 1];
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor([last.cursorAt, last.id]) : null };
}
