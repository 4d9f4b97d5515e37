import { type SQL, sql } from 'drizzle-orm';
import { type Actor, can } from '../../platform/access/actor.ts';
import { loadOrgSnapshot } from '../../platform/access/org-snapshot.ts';
import { departmentSubtree, type OrgSnapshot } from '../../platform/access/scope.ts';
import { versionedTenantCache } from '../../platform/access/tenant-cache.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors/errors.ts';
import type { Pool } from './pools.schemas.ts';

type PoolRow = {
  id: string;
  name: string;
  departmentIds: string[] | string;
  noFollowUpEnabled: boolean;
  noFollowUpDays: number;
  noDealEnabled: boolean;
  noDealDays: number;
  excludeKey: boolean;
  warnEnabled: boolean;
  warnDays: number;
  claimDailyLimit: number | null;
  maxOwned: number | null;
  cooldownDays: number;
  customerCount: number | string;
  createdAt: Date | string;
  updatedAt: Date | string;
};

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const asIds = (v: string[] | string): string[] => (typeof v === 'string' ? JSON.parse(v) : v);

function toPool(r: PoolRow): Pool {
  return {
    id: r.id,
    name: r.name,
    departmentIds: asIds(r.departmentIds),
    rules: {
      noFollowUpDays: { enabled: r.noFollowUpEnabled, days: r.noFollowUpDays },
      noDealDays: { enabled: r.noDealEnabled, days: r.noDealDays },
      excludeKey: r.excludeKey,
      warnDays: { enabled: r.warnEnabled, days: r.warnDays },
    },
    claimDailyLimit: r.claimDailyLimit,
    maxOwned: r.maxOwned,
    cooldownDays: r.cooldownDays,
    customerCount: Number(r.customerCount),
    createdAt: asDate(r.createdAt),
    updatedAt: asDate(r.updatedAt),
  };
}

/** Pools with their departments and customer counts (unless not wanted), in one statement, by creation. */
export async function selectPools(
  tx: Executor,
  tenantId: string,
  where: SQL = sql`true`,
  opts: { counts?: boolean } = {},
): Promise<Pool[]> {
  const customerCount =
    opts.counts === false
      ? sql`0`
      : sql`(SELECT count(*) FROM customers c WHERE c.tenant_id = p.tenant_id AND c.pool_id = p.id)`;
  const result = await tx.execute<PoolRow>(sql`
    SELECT p.id, p.name, p.no_follow_up_enabled AS "noFollowUpEnabled", p.no_follow_up_days AS "noFollowUpDays",
      p.no_deal_enabled AS "noDealEnabled", p.no_deal_days AS "noDealDays", p.exclude_key AS "excludeKey",
      p.warn_enabled AS "warnEnabled", p.warn_days AS "warnDays", p.claim_daily_limit AS "claimDailyLimit",
      p.max_owned AS "maxOwned", p.cooldown_days AS "cooldownDays", p.created_at AS "createdAt",
      p.updated_at AS "updatedAt",
      COALESCE((SELECT json_agg(pd.department_id ORDER BY pd.department_id) FROM pool_departments pd
        WHERE pd.tenant_id = p.tenant_id AND pd.pool_id = p.id), '[]'::json) AS "departmentIds",
      ${customerCount} AS "customerCount"
    FROM customer_pools p
    WHERE p.tenant_id = ${tenantId} AND ${where}
    ORDER BY p.created_at, p.id`);
  return result.rows.map(toPool);
}

/** The departments whose members use a pool: its own and everything below them. */
export const poolCoverage = (org: OrgSnapshot, pool: Pick<Pool, 'departmentIds'>): Set<string> =>
  departmentSubtree(org, pool.departmentIds);

/** Is this user (by main department) a member of the pool? */
export function isMember(org: OrgSnapshot, userId: string, pool: Pick<Pool, 'departmentIds'>): boolean {
  const user = org.users.find((u) => u.id === userId);
  return Boolean(user && poolCoverage(org, pool).has(user.departmentId));
}

/** The actor sees a pool (and its customers) as a member of its departments, or with pools.manage. */
async function visibleTo(tx: Tx, actor: Actor, pools: Pool[]): Promise<Pool[]> {
  if (can(actor, 'pools.manage')) return pools;
  const org = await loadOrgSnapshot(tx, actor.tenantId, actor.orgVersion);
  return pools.filter((p) => poolCoverage(org, p).has(actor.departmentId));
}

export async function listVisiblePools(tx: Tx, actor: Actor): Promise<Pool[]> {
  return visibleTo(tx, actor, await selectPools(tx, actor.tenantId));
}

/** One pool the actor may see; unknown, foreign or not theirs is 404. */
export async function findVisiblePool(
  tx: Tx,
  actor: Actor,
  id: string,
  opts: { counts?: boolean } = {},
): Promise<Pool> {
  const [pool] = await visibleTo(tx, actor, await selectPools(tx, actor.tenantId, sql`p.id = ${id}`, opts));
  if (!pool) throw notFound();
  return pool;
}

/**
 * Row locks on a pool: moving customers in takes a shared lock and deleting takes an exclusive one, so a pool
 * is never deleted while a customer is on its way in (customers.pool_id has no foreign key).
 */
export async function lockPool(tx: Tx, tenantId: string, id: string, mode: 'share' | 'update'): Promise<boolean> {
  const lock = mode === 'share' ? sql`FOR SHARE` : sql`FOR UPDATE`;
  const result = await tx.execute(
    sql`SELECT id FROM customer_pools WHERE tenant_id = ${tenantId} AND id = ${id} ${lock}`,
  );
  return result.rows.length > 0;
}

/** pool → its departments, per tenant; changes bump the access version (pools.service.ts). */
const poolDepartmentsCache = versionedTenantCache<Map<string, string[]>>();

/**
 * Ids of the pools the actor is a member of (by main department), without loading the pools themselves.
 * Every customer read asks this (pool customers are visible to members), so the memberships are cached.
 */
export async function memberPoolIds(tx: Tx, actor: Actor): Promise<string[]> {
  const byPool = await poolDepartmentsCache(actor.tenantId, actor.orgVersion, async () => {
    const rows = await tx.execute<{ poolId: string; departmentId: string }>(
      sql`SELECT pool_id AS "poolId", department_id AS "departmentId" FROM pool_departments WHERE tenant_id = ${actor.tenantId}`,
    );
    const map = new Map<string, string[]>();
    for (const r of rows.rows) map.set(r.poolId, [...(map.get(r.poolId) ?? []), r.departmentId]);
    return map;
  });
  if (byPool.size === 0) return [];
  const org = await loadOrgSnapshot(tx, actor.tenantId, actor.orgVersion);
  return [...byPool]
    .filter(([, departmentIds]) => departmentSubtree(org, departmentIds).has(actor.departmentId))
    .map(([id]) => id);
}
