// 线索池: the company's one pool of ownerless leads. Claim (领取) within the daily limit and the maximum of open
// leads, assignment by a manager, return (退回) with a reason.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { conflict, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { OBJECT_TYPE } from './leads.policy.ts';
import * as repo from './leads.repo.ts';
import { assignableOwner, get, getWritable, readPoolSettings } from './leads.service.ts';
import { type leadPoolEventKinds, leadPoolEvents, leads } from './leads.table.ts';

type Ctx = Pick<RequestContext, 'tx' | 'actor'> & { audit: Pick<RequestContext['audit'], 'record'> };
type Kind = (typeof leadPoolEventKinds)[number];

/** Midnight in Asia/Shanghai (UTC+8, no daylight saving) at or before `now`. */
export function startOfShanghaiDay(now: Date): Date {
  const offset = 8 * 3_600_000;
  const local = new Date(now.getTime() + offset);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - offset);
}

async function recordEvent(
  tx: Tx,
  tenantId: string,
  e: { leadId: string; kind: Kind; userId: string; toUserId?: string; reason?: string },
) {
  await tx.insert(leadPoolEvents).values({ tenantId, id: newId(), ...e });
}

async function wasTakenFromPool(tx: Tx, tenantId: string, leadId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: leadPoolEvents.id })
    .from(leadPoolEvents)
    .where(
      and(
        eq(leadPoolEvents.tenantId, tenantId),
        eq(leadPoolEvents.leadId, leadId),
        sql`${leadPoolEvents.kind} IN ('claimed', 'assigned')`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

async function checkClaimLimits(ctx: Ctx, now: Date) {
  const { tx, actor } = ctx;
  const settings = await readPoolSettings(tx, actor.tenantId);
  if (settings.claimDailyLimit !== null) {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(leadPoolEvents)
      .where(
        and(
          eq(leadPoolEvents.tenantId, actor.tenantId),
          eq(leadPoolEvents.userId, actor.userId),
          eq(leadPoolEvents.kind, 'claimed'),
          gte(leadPoolEvents.at, startOfShanghaiDay(now)),
        ),
      );
    if (Number(row?.n ?? 0) >= settings.claimDailyLimit) {
      throw conflict('leads.daily_limit', { limit: settings.claimDailyLimit });
    }
  }
  if (settings.maxOwned !== null) {
    const owned = await repo.countOpenOwned(tx, actor.tenantId, actor.userId);
    if (owned >= settings.maxOwned) throw conflict('leads.max_owned', { max: settings.maxOwned });
  }
}

/**
 * 领取: the lead becomes the actor's in one conditional UPDATE (owner still null), so of any number of
 * concurrent claims exactly one matches the row and the others get 409 leads.already_claimed. One person's
 * claims are serialised by an advisory lock, so concurrent claims cannot overrun the limits.
 */
export async function claim(ctx: Ctx, id: string) {
  const { tx, actor } = ctx;
  const [current] = await tx
    .select({ ownerId: leads.ownerId })
    .from(leads)
    .where(and(eq(leads.tenantId, actor.tenantId), eq(leads.id, id)));
  if (!current) throw notFound();
  // Someone was faster: a lead taken out of the pool is a 409, not a 404, even when the claimant cannot see it.
  if (current.ownerId !== null) {
    if (await wasTakenFromPool(tx, actor.tenantId, id)) throw conflict('leads.already_claimed');
    await get(ctx, id);
    throw conflict('leads.already_claimed');
  }
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`leads.claim:${actor.tenantId}:${actor.userId}`}))`);
  const now = new Date();
  await checkClaimLimits(ctx, now);
  const claimed = await tx
    .update(leads)
    .set({ ownerId: actor.userId, updatedAt: now })
    .where(and(eq(leads.tenantId, actor.tenantId), eq(leads.id, id), sql`${leads.ownerId} IS NULL`))
    .returning({ id: leads.id });
  if (!claimed.length) throw conflict('leads.already_claimed');
  await recordEvent(tx, actor.tenantId, { leadId: id, kind: 'claimed', userId: actor.userId });
  ctx.audit.record({
    action: 'claim',
    objectType: OBJECT_TYPE,
    recordId: id,
    before: { ownerId: null },
    after: { ownerId: actor.userId },
  });
  return get(ctx, id);
}

/** A manager hands pool leads to a colleague within their scope; all of them or none. */
export async function assign(ctx: Ctx, ids: string[], toUserId: string) {
  const { tx, actor } = ctx;
  await assignableOwner(ctx, 'toUserId', toUserId);
  const unique = [...new Set(ids)];
  const now = new Date();
  const done = await tx
    .update(leads)
    .set({ ownerId: toUserId, updatedAt: now })
    .where(
      and(
        eq(leads.tenantId, actor.tenantId),
        sql`${leads.id} = ANY(${`{${unique.join(',')}}`}::uuid[])`,
        sql`${leads.ownerId} IS NULL`,
      ),
    )
    .returning({ id: leads.id });
  // Thrown inside the request transaction: nothing above is kept.
  if (done.length !== unique.length) throw conflict('leads.assign_unavailable', { count: unique.length - done.length });
  for (const leadId of unique) {
    await recordEvent(tx, actor.tenantId, { leadId, kind: 'assigned', userId: actor.userId, toUserId });
    ctx.audit.record({
      action: 'assign_from_pool',
      objectType: OBJECT_TYPE,
      recordId: leadId,
      before: { ownerId: null },
      after: { ownerId: toUserId },
    });
  }
  return { assigned: unique.length };
}

/** 退回: the owner (or whoever may change the lead) puts it back into the pool with a reason. */
export async function returnToPool(ctx: Ctx, id: string, reason: string) {
  const { tx, actor } = ctx;
  const before = await getWritable(ctx, id);
  if (before.ownerId === null) throw conflict('leads.already_in_pool');
  const now = new Date();
  await repo.updateRow(tx, actor.tenantId, id, { ownerId: null, returnReason: reason, returnedAt: now });
  await recordEvent(tx, actor.tenantId, { leadId: id, kind: 'returned', userId: actor.userId, reason });
  ctx.audit.record({
    action: 'return_to_pool',
    objectType: OBJECT_TYPE,
    recordId: id,
    before: { ownerId: before.ownerId },
    after: { ownerId: null, returnReason: reason },
  });
  return get(ctx, id);
}
