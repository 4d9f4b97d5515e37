// Pools: the rules against a real database — dry-run, applying them (with a controlled clock), applying one
// pool's rules on request (立即执行规则), the daily job. The test clock route is in pools.clock.int.test.ts.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { InProcessRunner } from '../../platform/jobs/in-process-runner.ts';
import { APPLY_RULES_JOB, applyAllPoolRules, applyPoolRules, registerPoolJobs } from './pools.apply.ts';
import { createPool, daysAgo, insertCustomer, makePoolOrg, type PoolOrg } from './pools.test-helpers.ts';

let t: TestApp;
let foreign: PoolOrg;

beforeAll(async () => {
  t = await startTestApp();
  foreign = await makePoolOrg(t);
});
afterAll(() => t?.close());

const dryRun = (org: PoolOrg, poolId: string, asOf?: Date, token = org.admin.token) =>
  t.request('GET', `/api/v1/pools/${poolId}/dry-run${asOf ? `?asOf=${asOf.toISOString()}` : ''}`, { token });
const ids = (hits: { customerId: string }[]) => hits.map((h) => h.customerId).sort();
const movedIds = (result: Awaited<ReturnType<typeof applyPoolRules>>) =>
  result.flatMap((p) => p.moves.map((m) => m.customerId)).sort();
const inPool = async (org: PoolOrg, poolId: string) =>
  (
    await inTenant(t.services.database.db, org.tenantId, (tx) =>
      tx.execute<{ id: string }>(sql`SELECT id FROM customers WHERE pool_id = ${poolId} ORDER BY id`),
    )
  ).rows.map((r) => r.id);

/** A pool with "30 days without follow-up, warn 3 days ahead, key customers excluded" and customers around it. */
async function scenario() {
  const org = await makePoolOrg(t);
  const pool = await createPool(t, org);
  const owned = (over: Parameters<typeof insertCustomer>[2]) =>
    insertCustomer(t, org.tenantId, { ownerId: org.sales.id, ownedSince: daysAgo(100), ...over });
  const c = {
    stale: await owned({ name: '久未跟进', lastFollowUpAt: daysAgo(40) }),
    claimedLongAgo: await owned({ name: '从未跟进', lastFollowUpAt: null, ownedSince: daysAgo(31) }),
    warned: await owned({ name: '即将转入', lastFollowUpAt: daysAgo(28) }),
    fresh: await owned({ name: '刚跟进', lastFollowUpAt: daysAgo(5) }),
    key: await owned({ name: '重点客户', lastFollowUpAt: daysAgo(40), isKey: true }),
    outsiders: await insertCustomer(t, org.tenantId, { ownerId: org.outsider.id, ownedSince: daysAgo(100) }),
  };
  await insertCustomer(t, foreign.tenantId, { ownerId: foreign.sales.id, ownedSince: daysAgo(100) });
  return { org, pool, c };
}

describe('dry-run', () => {
  it('shows exactly the moves and warnings with readable reasons', async () => {
    const { org, pool, c } = await scenario();
    const res = await dryRun(org, pool.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ids(res.body.moves)).toEqual([c.stale, c.claimedLongAgo].sort());
    expect(res.body.moves.find((m: { customerId: string }) => m.customerId === c.stale)).toMatchObject({
      name: '久未跟进',
      ownerId: org.sales.id,
      ownerName: '张三',
      rule: 'no_follow_up',
      days: 30,
      reason: '30 天未跟进',
    });
    expect(ids(res.body.warnings)).toEqual([c.warned]);
    const en = await t.request('GET', `/api/v1/pools/${pool.id}/dry-run`, { token: org.admin.token, lang: 'en' });
    expect(en.body.moves[0].reason).toBe('No follow-up for 30 days');
    // Dry-run changes nothing.
    expect(await inPool(org, pool.id)).toEqual([]);
  });

  it('answers 400 for a bad asOf, 403 without pools.manage, 404 across companies', async () => {
    const org = await makePoolOrg(t);
    const pool = await createPool(t, org);
    const bad = await t.request('GET', `/api/v1/pools/${pool.id}/dry-run?asOf=yesterday`, { token: org.admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.asOf).toBe('格式不正确');
    expect((await dryRun(org, pool.id, undefined, org.manager.token)).status).toBe(403);
    expect((await dryRun(org, pool.id, undefined, foreign.admin.token)).status).toBe(404);
  });
});

describe('reminders', () => {
  it('tells owners which of their customers a rule moves soon (or today)', async () => {
    const { org, pool, c } = await scenario();
    const res = await t.request('GET', '/api/v1/reminders', { token: org.sales.token });
    expect(res.status).toBe(200);
    const mine = res.body.items.filter((r: { type: string }) => r.type === 'pool_move_due');
    expect(ids(mine.map((r: { recordId: string }) => ({ customerId: r.recordId })))).toEqual(
      [c.stale, c.claimedLongAgo, c.warned].sort(),
    );
    expect(mine.find((r: { recordId: string }) => r.recordId === c.warned)).toMatchObject({
      title: `即将转入：30 天未跟进，将转入公海「${pool.name}」`,
      recordType: 'customer',
      url: `/customers/${c.warned}`,
    });
    const others = await t.request('GET', '/api/v1/reminders', { token: org.sales2.token });
    expect(others.body.counts.pool_move_due).toBe(0);
  });
});

describe('applying the rules', () => {
  it('moves exactly what the dry-run showed, records events and audit entries, and is idempotent', async () => {
    const { org, pool, c } = await scenario();
    const now = new Date();
    const planned = (await dryRun(org, pool.id, now)).body;
    const result = await applyPoolRules(t.services.database.db, org.tenantId, now);
    expect(movedIds(result)).toEqual(ids(planned.moves));
    expect(await inPool(org, pool.id)).toEqual([c.stale, c.claimedLongAgo].sort());

    const events = await inTenant(t.services.database.db, org.tenantId, (tx) =>
      tx.execute(sql`SELECT customer_id, kind, user_id, previous_owner_id, rule, rule_days FROM pool_events
        WHERE pool_id = ${pool.id} ORDER BY customer_id`),
    );
    expect(events.rows).toEqual(
      [c.stale, c.claimedLongAgo].sort().map((id) => ({
        customer_id: id,
        kind: 'moved_in',
        user_id: null,
        previous_owner_id: org.sales.id,
        rule: 'no_follow_up',
        rule_days: 30,
      })),
    );
    const audit = await t.request('GET', '/api/v1/audit?objectType=customer', { token: org.admin.token });
    const moves = audit.body.items.filter((e: { action: string }) => e.action === 'pool_rule_move');
    expect(moves.map((e: { recordId: string }) => e.recordId).sort()).toEqual([c.stale, c.claimedLongAgo].sort());
    expect(moves[0].actorId).toBeNull();

    const list = await t.request('GET', `/api/v1/pools/${pool.id}/customers`, { token: org.sales2.token });
    expect(list.body.items.find((x: { id: string }) => x.id === c.stale)).toMatchObject({
      lastOwnerName: '张三',
      movedInKind: 'moved_in',
      movedInReason: '30 天未跟进',
    });

    expect(movedIds(await applyPoolRules(t.services.database.db, org.tenantId, now))).toEqual([]);
    expect((await dryRun(org, pool.id, now)).body.moves).toEqual([]);
  });

  it('agrees with the dry-run on a controlled clock, days ahead', async () => {
    const { org, pool, c } = await scenario();
    const later = new Date(Date.now() + 26 * 86_400_000);
    const planned = (await dryRun(org, pool.id, later)).body;
    expect(ids(planned.moves)).toEqual([c.stale, c.claimedLongAgo, c.warned, c.fresh].sort());
    const result = await applyPoolRules(t.services.database.db, org.tenantId, later);
    expect(movedIds(result)).toEqual(ids(planned.moves));
    // The previous owner now has the customers only a cooldown-free pool would give back.
    expect(await inPool(org, pool.id)).toEqual(ids(planned.moves));
  });

  it('applies the no-deal rule unless the deal is won, and moves a customer into the first pool only', async () => {
    const org = await makePoolOrg(t);
    const noDeal = {
      noFollowUpDays: { enabled: false, days: 30 },
      noDealDays: { enabled: true, days: 60 },
      excludeKey: false,
      warnDays: { enabled: false, days: 3 },
    };
    const first = await createPool(t, org, { rules: noDeal, departmentIds: [org.salesDept] });
    const second = await createPool(t, org, { rules: noDeal, departmentIds: [org.teamDept] });
    const owned = (dealStatus: 'none' | 'won') =>
      insertCustomer(t, org.tenantId, { ownerId: org.sales.id, ownedSince: daysAgo(61), dealStatus, isKey: true });
    const open = await owned('none');
    await owned('won');
    expect(ids((await dryRun(org, first.id)).body.moves)).toEqual([open]);
    expect((await dryRun(org, second.id)).body.moves).toEqual([]);
    const result = await applyPoolRules(t.services.database.db, org.tenantId, new Date());
    expect(result.map((p) => p.poolId)).toEqual([first.id]);
    expect(await inPool(org, first.id)).toEqual([open]);
  });
});

describe("applying one pool's rules now (POST /pools/:id/apply)", () => {
  const apply = (org: PoolOrg, poolId: string, token = org.admin.token, lang?: string) =>
    t.request('POST', `/api/v1/pools/${poolId}/apply`, { token, lang });

  it('moves what is past the rule, leaves the rest, counts warnings, audits as the caller', async () => {
    const { org, pool, c } = await scenario();
    const planned = (await dryRun(org, pool.id)).body;
    const res = await apply(org, pool.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ moved: 2, warned: 1 });
    expect(ids(res.body.movedCustomers)).toEqual(ids(planned.moves));
    expect(res.body.movedCustomers.find((m: { customerId: string }) => m.customerId === c.stale)).toEqual({
      customerId: c.stale,
      name: '久未跟进',
      ownerName: '张三',
      reason: '30 天未跟进',
    });
    // Past the rule's 30 days: moved. Within it (5 days; 28 days, warned; a key customer): still owned.
    expect(await inPool(org, pool.id)).toEqual([c.stale, c.claimedLongAgo].sort());
    const owners = await inTenant(t.services.database.db, org.tenantId, (tx) =>
      tx.execute<{ id: string; owner_id: string | null }>(
        sql`SELECT id, owner_id FROM customers WHERE id IN (${c.fresh}, ${c.warned}, ${c.key})`,
      ),
    );
    expect(owners.rows.map((r) => r.owner_id)).toEqual([org.sales.id, org.sales.id, org.sales.id]);

    const list = await t.request('GET', `/api/v1/pools/${pool.id}/customers`, { token: org.sales2.token });
    expect(list.body.items.find((x: { id: string }) => x.id === c.stale)).toMatchObject({
      lastOwnerName: '张三',
      movedInKind: 'moved_in',
      movedInReason: '30 天未跟进',
    });

    const audit = await t.request('GET', `/api/v1/audit?actorId=${org.admin.user.id}`, { token: org.admin.token });
    const entries = audit.body.items as { action: string; objectType: string; recordId: string }[];
    expect(
      entries
        .filter((e) => e.action === 'pool_rule_move')
        .map((e) => e.recordId)
        .sort(),
    ).toEqual([c.stale, c.claimedLongAgo].sort());
    expect(entries.filter((e) => e.action === 'apply_rules')).toMatchObject([
      { objectType: 'pool', recordId: pool.id },
    ]);

    // Nothing left to move; the answer is in the caller's language.
    const again = await apply(org, pool.id, org.admin.token, 'en');
    expect(again.body).toMatchObject({ moved: 0, warned: 1, movedCustomers: [] });
  });

  it("applies only this pool's plan", async () => {
    const { org, pool, c } = await scenario();
    const other = await createPool(t, org, { departmentIds: [org.otherDept] });
    expect(ids((await dryRun(org, other.id)).body.moves)).toEqual([c.outsiders]);
    await apply(org, pool.id);
    expect(await inPool(org, other.id)).toEqual([]);
    expect((await apply(org, other.id)).body).toMatchObject({
      moved: 1,
      movedCustomers: [{ customerId: c.outsiders }],
    });
    expect(await inPool(org, other.id)).toEqual([c.outsiders]);
    expect(await inPool(org, pool.id)).toEqual([c.stale, c.claimedLongAgo].sort());
  });

  it('answers 403 without pools.manage and 404 across companies, moving nothing', async () => {
    const { org, pool } = await scenario();
    expect((await apply(org, pool.id, org.sales.token)).status).toBe(403);
    expect((await apply(org, pool.id, org.manager.token)).status).toBe(403);
    const foreignPool = await createPool(t, foreign);
    const cross = await apply(org, foreignPool.id);
    expect(cross.status).toBe(404);
    expect(cross.body.error.code).toBe('common.not_found');
    expect((await apply(foreign, pool.id)).status).toBe(404);
    expect(await inPool(org, pool.id)).toEqual([]);
  });
});

describe('the daily job', () => {
  it(`runs ${APPLY_RULES_JOB} every 24 hours over every tenant`, async () => {
    const one = await scenario();
    const two = await scenario();
    // asOf = now: other test files sharing the database keep their fresh customers.
    await applyAllPoolRules(t.services.database.db, new Date());
    expect(await inPool(one.org, one.pool.id)).toEqual([one.c.stale, one.c.claimedLongAgo].sort());
    expect(await inPool(two.org, two.pool.id)).toEqual([two.c.stale, two.c.claimedLongAgo].sort());

    const three = await scenario();
    const { db } = t.services.database;
    const runner = new InProcessRunner(db, 60_000);
    registerPoolJobs({ database: t.services.database, jobs: runner });
    await runner.start();
    const schedule = await db.execute<{ interval_seconds: number }>(
      sql`SELECT interval_seconds FROM job_schedules WHERE name = ${APPLY_RULES_JOB}`,
    );
    expect(schedule.rows[0]?.interval_seconds).toBe(86_400);
    await db.execute(
      sql`UPDATE job_schedules SET next_run_at = now() - interval '1 second' WHERE name = ${APPLY_RULES_JOB}`,
    );
    await runner.tick();
    await runner.stop();
    expect(await inPool(three.org, three.pool.id)).toEqual([three.c.stale, three.c.claimedLongAgo].sort());
  });
});
