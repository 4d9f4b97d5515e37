import { and, eq, inArray, sql } from 'drizzle-orm';
import { bumpOrgVersion } from '../../platform/access/org-snapshot.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError, conflict, invalidField } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { departments } from '../org/org.table.ts';
import { findVisiblePool, lockPool } from './pools.queries.ts';
import type { CreatePool, Pool, PoolRulesInput, UpdatePool } from './pools.schemas.ts';
import { customerPools, poolDepartments } from './pools.table.ts';

type Ctx = Pick<RequestContext, 'tx' | 'actor' | 'audit'>;

const ruleColumns = (r: PoolRulesInput) => ({
  noFollowUpEnabled: r.noFollowUpDays.enabled,
  noFollowUpDays: r.noFollowUpDays.days,
  noDealEnabled: r.noDealDays.enabled,
  noDealDays: r.noDealDays.days,
  excludeKey: r.excludeKey,
  warnEnabled: r.warnDays.enabled,
  warnDays: r.warnDays.days,
});

/** What the audit trail keeps of a pool: flat, so the history shows one change per setting. */
const audited = (p: Pool) => ({
  name: p.name,
  departmentIds: p.departmentIds,
  ...ruleColumns(p.rules),
  claimDailyLimit: p.claimDailyLimit,
  maxOwned: p.maxOwned,
  cooldownDays: p.cooldownDays,
});

async function checkDepartments({ tx, actor }: Ctx, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.tenantId, actor.tenantId), inArray(departments.id, unique)));
  if (found.length !== unique.length) throw invalidField('departmentIds', 'field.not_found');
  return unique;
}

async function checkName({ tx, actor }: Ctx, name: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: customerPools.id })
    .from(customerPools)
    .where(and(eq(customerPools.tenantId, actor.tenantId), eq(customerPools.name, name)));
  if (taken && taken.id !== exceptId) {
    throw new AppError(409, 'common.conflict', {}, { name: { key: 'pools.name_taken' } });
  }
}

async function setDepartments({ tx, actor }: Ctx, poolId: string, ids: string[]): Promise<void> {
  const tenantId = actor.tenantId;
  await tx
    .delete(poolDepartments)
    .where(and(eq(poolDepartments.tenantId, tenantId), eq(poolDepartments.poolId, poolId)));
  await tx.insert(poolDepartments).values(ids.map((departmentId) => ({ tenantId, poolId, departmentId })));
  await bumpOrgVersion(tx, tenantId); // memberships are cached under the access version (memberPoolIds)
}

export async function createPool(ctx: Ctx, body: CreatePool): Promise<Pool> {
  const ids = await checkDepartments(ctx, body.departmentIds);
  await checkName(ctx, body.name);
  const id = newId();
  await ctx.tx.insert(customerPools).values({
    tenantId: ctx.actor.tenantId,
    id,
    name: body.name,
    ...ruleColumns(body.rules),
    claimDailyLimit: body.claimDailyLimit,
    maxOwned: body.maxOwned,
    cooldownDays: body.cooldownDays,
  });
  await setDepartments(ctx, id, ids);
  const pool = await findVisiblePool(ctx.tx, ctx.actor, id);
  ctx.audit.record({ action: 'create', objectType: 'pool', recordId: id, before: null, after: audited(pool) });
  return pool;
}

export async function updatePool(ctx: Ctx, id: string, body: UpdatePool): Promise<Pool> {
  const before = await findVisiblePool(ctx.tx, ctx.actor, id);
  const ids = body.departmentIds ? await checkDepartments(ctx, body.departmentIds) : undefined;
  if (body.name !== undefined) await checkName(ctx, body.name, id);
  const rules = { ...before.rules, ...body.rules };
  await ctx.tx
    .update(customerPools)
    .set({
      name: body.name ?? before.name,
      ...ruleColumns(rules),
      claimDailyLimit: body.claimDailyLimit === undefined ? before.claimDailyLimit : body.claimDailyLimit,
      maxOwned: body.maxOwned === undefined ? before.maxOwned : body.maxOwned,
      cooldownDays: body.cooldownDays ?? before.cooldownDays,
      updatedAt: sql`now()`,
    })
    .where(and(eq(customerPools.tenantId, ctx.actor.tenantId), eq(customerPools.id, id)));
  if (ids) await setDepartments(ctx, id, ids);
  const after = await findVisiblePool(ctx.tx, ctx.actor, id);
  ctx.audit.record({
    action: 'update',
    objectType: 'pool',
    recordId: id,
    before: audited(before),
    after: audited(after),
  });
  return after;
}

/** A pool that still holds customers cannot be deleted (they would be nobody's); empty it first. */
export async function deletePool(ctx: Ctx, id: string): Promise<void> {
  await findVisiblePool(ctx.tx, ctx.actor, id);
  await lockPool(ctx.tx, ctx.actor.tenantId, id, 'update');
  const before = await findVisiblePool(ctx.tx, ctx.actor, id);
  if (before.customerCount > 0) throw conflict('pools.not_empty', { count: before.customerCount });
  await ctx.tx
    .delete(customerPools)
    .where(and(eq(customerPools.tenantId, ctx.actor.tenantId), eq(customerPools.id, id)));
  await bumpOrgVersion(ctx.tx, ctx.actor.tenantId); // its department rows went with it
  ctx.audit.record({ action: 'delete', objectType: 'pool', recordId: id, before: audited(before), after: null });
}
