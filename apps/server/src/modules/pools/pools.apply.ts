import { sql } from 'drizzle-orm';
import { loadOrgSnapshot } from '../../platform/access/org-snapshot.ts';
import { AuditWriter } from '../../platform/audit/audit.ts';
import { businessNow } from '../../platform/clock.ts';
import { type Db, inTenant, type Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import type { Services } from '../../platform/http/services.ts';
import { ruleReason } from './pools.customers.ts';
import { recordPoolEvents } from './pools.events.ts';
import { findVisiblePool, lockPool, poolCoverage, selectPools } from './pools.queries.ts';
import { candidateCutoff, evaluatePoolRules, type RuleCustomer, type RuleHit } from './pools.rules.ts';
import type { Pool } from './pools.schemas.ts';

export const APPLY_RULES_JOB = 'pools.apply-rules';

export interface PlannedHit extends RuleHit {
  name: string;
  ownerId: string;
  ownerName: string | null;
}

export interface PoolPlan {
  pool: Pool;
  moves: PlannedHit[];
  warnings: PlannedHit[];
}

type CandidateRow = {
  id: string;
  name: string;
  ownerId: string;
  ownerName: string | null;
  isKey: boolean;
  dealStatus: string;
  lastFollowUpAt: Date | string | null;
  ownedSince: Date | string | null;
  createdAt: Date | string;
};

const date = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));
const uuids = (ids: Iterable<string>) => `{${[...ids].join(',')}}`;

/**
 * The owned customers a pool's rules could touch on asOf: owners whose main department is within the pool's
 * departments, and (pre-filtered in SQL) nothing touched too recently to move or warn about. With lock, the
 * rows are locked so a follow-up written meanwhile waits and the evaluation sees the latest values.
 */
async function candidates(tx: Tx, tenantId: string, pool: Pool, owners: string[], asOf: Date, lock: boolean) {
  const cutoff = candidateCutoff(pool.rules, asOf);
  if (!cutoff || owners.length === 0) return [];
  const at = cutoff.toISOString();
  const since = sql`COALESCE(c.owned_since, c.created_at)`;
  const due: ReturnType<typeof sql>[] = [];
  if (pool.rules.noFollowUpDays.enabled) due.push(sql`GREATEST(c.last_follow_up_at, ${since}) < ${at}::timestamptz`);
  if (pool.rules.noDealDays.enabled) due.push(sql`(c.deal_status <> 'won' AND ${since} < ${at}::timestamptz)`);
  const result = await tx.execute<CandidateRow>(sql`
    SELECT c.id, c.name, c.owner_id AS "ownerId", u.name AS "ownerName", c.is_key AS "isKey",
      c.deal_status AS "dealStatus", c.last_follow_up_at AS "lastFollowUpAt", c.owned_since AS "ownedSince",
      c.created_at AS "createdAt"
    FROM customers c LEFT JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.owner_id
    WHERE c.tenant_id = ${tenantId} AND c.owner_id = ANY(${uuids(owners)}::uuid[])
      ${pool.rules.excludeKey ? sql`AND NOT c.is_key` : sql``}
      AND (${sql.join(due, sql` OR `)})
    ORDER BY c.id
    ${lock ? sql`FOR UPDATE OF c` : sql``}`);
  return result.rows.map((r) => ({
    ...r,
    lastFollowUpAt: date(r.lastFollowUpAt),
    ownedSince: date(r.ownedSince),
    createdAt: date(r.createdAt)!,
  }));
}

/**
 * What the rules do on asOf, pool by pool in creation order. A customer whose owner belongs to several pools
 * moves into the first one whose rules move it; the dry-run of a pool is this plan's entry, so it shows exactly
 * what applying would do. onlyOwner narrows it to one owner's customers (their reminders).
 */
export async function planPoolRules(
  tx: Tx,
  tenantId: string,
  asOf: Date,
  opts: { lock?: boolean; onlyOwner?: string } = {},
) {
  const pools = await selectPools(tx, tenantId, sql`true`, { counts: false });
  if (pools.length === 0) return [];
  const version = await tx.execute<{ v: number }>(sql`SELECT org_version AS v FROM tenants WHERE id = ${tenantId}`);
  const org = await loadOrgSnapshot(tx, tenantId, Number(version.rows[0]?.v ?? 0));
  const taken = new Set<string>();
  const plans: PoolPlan[] = [];
  for (const pool of pools) {
    const coverage = poolCoverage(org, pool);
    const owners = org.users
      .filter((u) => coverage.has(u.departmentId) && (!opts.onlyOwner || u.id === opts.onlyOwner))
      .map((u) => u.id);
    const rows = await candidates(tx, tenantId, pool, owners, asOf, opts.lock ?? false);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const outcome = evaluatePoolRules(rows as RuleCustomer[], pool.rules, asOf);
    const withNames = (h: RuleHit): PlannedHit => {
      const r = byId.get(h.customerId)!;
      return { ...h, name: r.name, ownerId: r.ownerId, ownerName: r.ownerName };
    };
    const moves = outcome.moves.filter((m) => !taken.has(m.customerId)).map(withNames);
    for (const m of moves) taken.add(m.customerId);
    plans.push({ pool, moves, warnings: outcome.warnings.filter((w) => !taken.has(w.customerId)).map(withNames) });
  }
  return plans;
}

/**
 * Move one pool's planned customers in (the caller locked them by planning with lock): owner cleared, pool set,
 * one pool event and one audit entry per customer.
 */
async function movePlanned(
  tx: Tx,
  tenantId: string,
  poolId: string,
  moves: PlannedHit[],
  asOf: Date,
  audit: AuditWriter,
) {
  if (moves.length === 0) return;
  await lockPool(tx, tenantId, poolId, 'share');
  await tx.execute(sql`UPDATE customers SET owner_id = NULL, pool_id = ${poolId}, updated_at = now()
    WHERE tenant_id = ${tenantId} AND id = ANY(${uuids(moves.map((m) => m.customerId))}::uuid[])`);
  await recordPoolEvents(
    tx,
    tenantId,
    poolId,
    asOf,
    moves.map((m) => ({
      customerId: m.customerId,
      kind: 'moved_in' as const,
      userId: null,
      previousOwnerId: m.ownerId,
      rule: m.rule,
      ruleDays: m.days,
    })),
  );
  for (const m of moves) {
    audit.record({
      action: 'pool_rule_move',
      objectType: 'customer',
      recordId: m.customerId,
      before: { ownerId: m.ownerId, poolId: null },
      after: { ownerId: null, poolId, rule: m.rule, ruleDays: m.days },
    });
  }
}

/**
 * Apply every pool's rules for one tenant in one transaction (RLS-bound through inTenant): customers move
 * into their pool, each move is a pool event and an audit entry. Returns what moved, per pool.
 */
export async function applyPoolRules(db: Db, tenantId: string, asOf: Date) {
  return inTenant(db, tenantId, async (tx) => {
    const plans = await planPoolRules(tx, tenantId, asOf, { lock: true });
    const audit = new AuditWriter(tenantId, null, `job ${APPLY_RULES_JOB}`);
    const moved: { poolId: string; moves: PlannedHit[] }[] = [];
    for (const { pool, moves } of plans) {
      if (moves.length === 0) continue;
      await movePlanned(tx, tenantId, pool.id, moves, asOf, audit);
      moved.push({ poolId: pool.id, moves });
    }
    await audit.flush(tx);
    return moved;
  });
}

/**
 * Apply one pool's rules now, in the request's transaction (an administrator's 立即执行规则): the same plan as
 * the daily job and the dry-run (a customer whose owner belongs to several pools still goes to the first pool
 * whose rules move it), of which only this pool's moves are made. The moves are audited as the caller's.
 */
export async function applyOnePoolRules(ctx: RequestContext, poolId: string, asOf: Date) {
  const { tx, actor } = ctx;
  await findVisiblePool(tx, actor, poolId, { counts: false });
  // Held until commit, so the pool cannot be deleted while its customers move in.
  if (!(await lockPool(tx, actor.tenantId, poolId, 'share'))) throw notFound();
  const plan = (await planPoolRules(tx, actor.tenantId, asOf, { lock: true })).find((p) => p.pool.id === poolId);
  const moves = plan?.moves ?? [];
  const warned = plan?.warnings.length ?? 0;
  await movePlanned(tx, actor.tenantId, poolId, moves, asOf, ctx.audit);
  ctx.audit.record({
    action: 'apply_rules',
    objectType: 'pool',
    recordId: poolId,
    after: { asOf: asOf.toISOString(), moved: moves.length, warned },
  });
  return {
    asOf,
    moved: moves.length,
    warned,
    movedCustomers: moves.map((m) => ({
      customerId: m.customerId,
      name: m.name,
      ownerName: m.ownerName,
      reason: ruleReason(ctx.locale, m.rule, m.days),
    })),
  };
}

/** Every tenant with a pool, each in its own transaction; one tenant's failure does not stop the others. */
export async function applyAllPoolRules(db: Db, asOf: Date): Promise<void> {
  // Outside any tenant: the list of tenants is global; each tenant's work then runs under RLS.
  const tenants = await db.execute<{ id: string }>(sql`SELECT id FROM tenants ORDER BY id`);
  const failures: unknown[] = [];
  for (const { id } of tenants.rows) {
    try {
      await applyPoolRules(db, id, asOf);
    } catch (err) {
      failures.push(err);
    }
  }
  if (failures.length) throw new AggregateError(failures, `${APPLY_RULES_JOB}: ${failures.length} tenant(s) failed`);
}

const registered = new WeakSet<object>();

/** The daily schedule: boot() calls this with the platform jobs, before the job runner starts. */
export function registerPoolJobs({ database, jobs }: Pick<Services, 'database' | 'jobs'>): void {
  if (registered.has(jobs)) return;
  registered.add(jobs);
  jobs.schedule(APPLY_RULES_JOB, 24 * 3600, () => applyAllPoolRules(database.db, businessNow()));
}
