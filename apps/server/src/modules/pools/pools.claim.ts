import { sql } from 'drizzle-orm';
import { loadOrgSnapshot } from '../../platform/access/org-snapshot.ts';
import type { Tx } from '../../platform/db/database.ts';
import { conflict, invalidField, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { recordPoolEvents } from './pools.events.ts';
import { findVisiblePool, isMember } from './pools.queries.ts';
import { startOfShanghaiDay } from './pools.rules.ts';
import type { Pool } from './pools.schemas.ts';

type Ctx = Pick<RequestContext, 'tx' | 'actor' | 'audit'>;
const DAY_MS = 86_400_000;

const count = async (tx: Tx, query: ReturnType<typeof sql>) =>
  Number((await tx.execute<{ n: number | string }>(query)).rows[0]?.n ?? 0);

/** Daily limit, maximum owned and cooldown; each refusal is a 409 that says which and why. */
async function checkClaimLimits(ctx: Ctx, pool: Pool, customerId: string, now: Date): Promise<void> {
  const { tx, actor } = ctx;
  const { tenantId, userId } = actor;
  if (pool.cooldownDays > 0) {
    const since = new Date(now.getTime() - pool.cooldownDays * DAY_MS);
    const left = await tx.execute<{ at: Date | string }>(sql`SELECT max(at) AS at FROM pool_events
      WHERE tenant_id = ${tenantId} AND customer_id = ${customerId} AND previous_owner_id = ${userId}
        AND kind IN ('moved_in', 'returned') AND at > ${since.toISOString()}::timestamptz`);
    const at = left.rows[0]?.at;
    if (at) {
      const until = new Date(new Date(at).getTime() + pool.cooldownDays * DAY_MS);
      throw conflict('pools.cooldown', { days: pool.cooldownDays, until: until.toISOString().slice(0, 10) });
    }
  }
  if (pool.claimDailyLimit !== null) {
    const today = await count(
      tx,
      sql`SELECT count(*) AS n FROM pool_events WHERE tenant_id = ${tenantId} AND user_id = ${userId}
        AND kind = 'claimed' AND pool_id = ${pool.id} AND at >= ${startOfShanghaiDay(now).toISOString()}::timestamptz`,
    );
    if (today >= pool.claimDailyLimit) throw conflict('pools.daily_limit', { limit: pool.claimDailyLimit });
  }
  if (pool.maxOwned !== null) {
    const owned = await count(
      tx,
      sql`SELECT count(*) AS n FROM customers WHERE tenant_id = ${tenantId} AND owner_id = ${userId}`,
    );
    if (owned >= pool.maxOwned) throw conflict('pools.max_owned', { max: pool.maxOwned });
  }
}

/** Was this customer taken out of this pool (claimed or assigned)? Then a late claim is a 409, not a 404. */
async function wasTakenFrom(tx: Tx, tenantId: string, poolId: string, customerId: string): Promise<boolean> {
  const n = await count(
    tx,
    sql`SELECT count(*) AS n FROM pool_events WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
      AND pool_id = ${poolId} AND kind IN ('claimed', 'assigned')`,
  );
  return n > 0;
}

/**
 * 领取: the customer becomes the actor's in one conditional UPDATE, so of any number of concurrent claims
 * exactly one matches the row (pool_id still set, no owner) and the others get 409 pools.already_claimed.
 * One person's claims are serialised by an advisory lock, so concurrent claims cannot overrun their limits.
 */
export async function claimCustomer(ctx: Ctx, poolId: string, customerId: string) {
  const { tx, actor } = ctx;
  const { tenantId, userId } = actor;
  const pool = await findVisiblePool(tx, actor, poolId, { counts: false });
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`pools.claim:${tenantId}:${userId}`}))`);
  const found = await tx.execute<{ poolId: string | null }>(
    sql`SELECT pool_id AS "poolId" FROM customers WHERE tenant_id = ${tenantId} AND id = ${customerId}`,
  );
  const current = found.rows[0];
  if (!current) throw notFound();
  if (current.poolId !== poolId) {
    if (await wasTakenFrom(tx, tenantId, poolId, customerId)) throw conflict('pools.already_claimed');
    throw notFound();
  }
  const now = new Date();
  await checkClaimLimits(ctx, pool, customerId, now);
  const claimed = await tx.execute<{ id: string; name: string; departmentId: string | null }>(sql`
    UPDATE customers SET owner_id = ${userId}, pool_id = NULL, owned_since = ${now.toISOString()}::timestamptz,
      department_id = ${actor.departmentId}, updated_at = now()
    WHERE tenant_id = ${tenantId} AND id = ${customerId} AND pool_id = ${poolId} AND owner_id IS NULL
    RETURNING id, name, department_id AS "departmentId"`);
  const row = claimed.rows[0];
  if (!row) throw conflict('pools.already_claimed');
  await recordPoolEvents(tx, tenantId, poolId, now, [{ customerId, kind: 'claimed', userId }]);
  ctx.audit.record({
    action: 'claim',
    objectType: 'customer',
    recordId: customerId,
    before: { ownerId: null, poolId },
    after: { ownerId: userId, poolId: null },
  });
  return { ...row, ownerId: userId, ownedSince: now };
}

/** Managers hand pool customers to a member of the pool; all of them or none. */
export async function assignCustomers(ctx: Ctx, poolId: string, customerIds: string[], toUserId: string) {
  const { tx, actor } = ctx;
  const { tenantId } = actor;
  const pool = await findVisiblePool(tx, actor, poolId, { counts: false });
  const target = await tx.execute<{ departmentId: string; status: string }>(
    sql`SELECT department_id AS "departmentId", status FROM users WHERE tenant_id = ${tenantId} AND id = ${toUserId}`,
  );
  const to = target.rows[0];
  if (to?.status !== 'active') throw invalidField('toUserId', 'field.not_found');
  const org = await loadOrgSnapshot(tx, tenantId, actor.orgVersion);
  if (!isMember(org, toUserId, pool)) throw invalidField('toUserId', 'pools.not_member');
  const ids = [...new Set(customerIds)];
  const now = new Date();
  const assigned = await tx.execute<{ id: string }>(sql`
    UPDATE customers SET owner_id = ${toUserId}, pool_id = NULL, owned_since = ${now.toISOString()}::timestamptz,
      department_id = ${to.departmentId}, updated_at = now()
    WHERE tenant_id = ${tenantId} AND id = ANY(${`{${ids.join(',')}}`}::uuid[]) AND pool_id = ${poolId}
      AND owner_id IS NULL
    RETURNING id`);
  // Thrown inside the request transaction: nothing above is kept.
  if (assigned.rows.length !== ids.length) {
    throw conflict('pools.assign_unavailable', { count: ids.length - assigned.rows.length });
  }
  await recordPoolEvents(
    tx,
    tenantId,
    poolId,
    now,
    ids.map((customerId) => ({ customerId, kind: 'assigned' as const, userId: actor.userId, toUserId })),
  );
  for (const id of ids) {
    ctx.audit.record({
      action: 'assign_from_pool',
      objectType: 'customer',
      recordId: id,
      before: { ownerId: null, poolId },
      after: { ownerId: toUserId, poolId: null },
    });
  }
  return { assigned: ids.length, customerIds: ids };
}
