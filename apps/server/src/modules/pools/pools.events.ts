import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import type { PoolEventKind, PoolRuleCode } from './pools.table.ts';

export interface PoolEventInput {
  customerId: string;
  kind: PoolEventKind;
  userId: string | null;
  /** Omitted for claimed/assigned: the owner the customer had before it entered the pool is looked up. */
  previousOwnerId?: string | null;
  toUserId?: string | null;
  rule?: PoolRuleCode | null;
  ruleDays?: number | null;
  reason?: string | null;
}

/** The owner a pool customer had before it came in: from its latest moved_in/returned event. */
const lastOwnerOf = (tenantId: string, customerId: string) => sql`(SELECT e.previous_owner_id FROM pool_events e
  WHERE e.tenant_id = ${tenantId} AND e.customer_id = ${customerId}::uuid AND e.kind IN ('moved_in', 'returned')
  ORDER BY e.at DESC, e.id DESC LIMIT 1)`;

/** Write pool events, a thousand rows per statement (PostgreSQL allows 65,535 parameters per statement). */
export async function recordPoolEvents(
  tx: Executor,
  tenantId: string,
  poolId: string,
  at: Date,
  events: PoolEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map(
    (
      e,
    ) => sql`(${tenantId}::uuid, ${newId()}::uuid, ${poolId}::uuid, ${e.customerId}::uuid, ${e.kind}, ${e.userId}::uuid,
      ${e.previousOwnerId === undefined ? lastOwnerOf(tenantId, e.customerId) : sql`${e.previousOwnerId}::uuid`},
      ${e.toUserId ?? null}::uuid, ${e.rule ?? null}, ${e.ruleDays ?? null}::int, ${e.reason ?? null}, ${at.toISOString()}::timestamptz)`,
  );
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.execute(sql`INSERT INTO pool_events (tenant_id, id, pool_id, customer_id, kind, user_id, previous_owner_id,
      to_user_id, rule, rule_days, reason, at) VALUES ${sql.join(rows.slice(i, i + 1000), sql`, `)}`);
  }
}
