// The controlled business clock (platform/clock.ts) as the pool rules use it: PUT /api/v1/test/clock exists only
// with TEST_CLOCK, and moving it moves "today" for the dry-run, 立即执行规则 and the daily job.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { businessNow } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config/config.ts';
import { inTenant } from '../../platform/db/database.ts';
import { APPLY_RULES_JOB } from './pools.apply.ts';
import { createPool, daysAgo, insertCustomer, makePoolOrg, type PoolOrg } from './pools.test-helpers.ts';

const DAY_MS = 86_400_000;
let off: TestApp;
let on: TestApp;

beforeAll(async () => {
  off = await startTestApp();
  // A database of its own on PostgreSQL too: with the clock moved, the daily job below must not reach other
  // test files' customers.
  on = await startTestApp({ ownDatabase: true, env: { TEST_CLOCK: '1' } });
});
afterAll(async () => {
  await off?.close();
  await on?.close();
});

const setClock = (t: TestApp, offsetDays: unknown) => t.request('PUT', '/api/v1/test/clock', { body: { offsetDays } });
afterEach(async () => {
  await setClock(on, 0);
});

const inPool = async (t: TestApp, org: PoolOrg, poolId: string) =>
  (
    await inTenant(t.services.database.db, org.tenantId, (tx) =>
      tx.execute<{ id: string }>(sql`SELECT id FROM customers WHERE pool_id = ${poolId} ORDER BY id`),
    )
  ).rows.map((r) => r.id);

describe('TEST_CLOCK', () => {
  it('is off by default, and cannot be turned on in production', () => {
    expect(loadConfig({}).testClock).toBe(false);
    expect(loadConfig({ TEST_CLOCK: '1' }).testClock).toBe(true);
    expect(() => loadConfig({ TEST_CLOCK: 'yes' })).toThrow(/TEST_CLOCK/);
    expect(() => loadConfig({ TEST_CLOCK: '1', NODE_ENV: 'production' })).toThrow(/production/);
  });

  it('off: the clock route does not exist', async () => {
    const res = await setClock(off, 30);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('common.not_found');
    const admin = await off.registerTenant();
    const asAdmin = await off.request('PUT', '/api/v1/test/clock', { token: admin.token, body: { offsetDays: 30 } });
    expect(asAdmin.status).toBe(404);
  });

  it('on: moves the business clock by whole days, from loopback only, and is not documented', async () => {
    const res = await setClock(on, 10);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.offsetDays).toBe(10);
    expect(Math.abs(new Date(res.body.now).getTime() - (Date.now() + 10 * DAY_MS))).toBeLessThan(60_000);
    expect(Math.abs(businessNow().getTime() - (Date.now() + 10 * DAY_MS))).toBeLessThan(60_000);

    expect((await setClock(on, 1.5)).status).toBe(400);
    expect((await setClock(on, 'soon')).status).toBe(400);
    const remote = await on.app.inject({
      method: 'PUT',
      url: '/api/v1/test/clock',
      payload: { offsetDays: 3 },
      remoteAddress: '203.0.113.7',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(remote.statusCode).toBe(403);
    expect(Math.abs(businessNow().getTime() - (Date.now() + 10 * DAY_MS))).toBeLessThan(60_000);

    expect((await setClock(on, 0)).status).toBe(200);
    expect(Math.abs(businessNow().getTime() - Date.now())).toBeLessThan(60_000);
    const doc = await on.request('GET', '/api/v1/openapi.json');
    expect(Object.keys(doc.body.paths)).not.toContain('/api/v1/test/clock');
  });
});

describe('the pool rules on the moved clock', () => {
  /** A 30-day pool and a customer followed up 5 days ago: it moves in 25 days. */
  async function scenario() {
    const org = await makePoolOrg(on);
    const pool = await createPool(on, org);
    const customer = await insertCustomer(on, org.tenantId, {
      name: '五天前跟进',
      ownerId: org.sales.id,
      ownedSince: daysAgo(100),
      lastFollowUpAt: daysAgo(5),
    });
    return { org, pool, customer };
  }
  const dryRun = (org: PoolOrg, poolId: string) =>
    on.request('GET', `/api/v1/pools/${poolId}/dry-run`, { token: org.admin.token });
  const apply = (org: PoolOrg, poolId: string) =>
    on.request('POST', `/api/v1/pools/${poolId}/apply`, { token: org.admin.token });

  it('dry-run and 立即执行规则 use the moved clock; moving it back restores today', async () => {
    const { org, pool, customer } = await scenario();
    expect((await dryRun(org, pool.id)).body.moves).toEqual([]);
    expect((await apply(org, pool.id)).body.moved).toBe(0);

    await setClock(on, 24);
    const warned = (await dryRun(org, pool.id)).body;
    expect(warned.moves).toEqual([]);
    expect(warned.warnings.map((w: { customerId: string }) => w.customerId)).toEqual([customer]);

    await setClock(on, 26);
    const planned = (await dryRun(org, pool.id)).body;
    expect(Math.abs(new Date(planned.asOf).getTime() - (Date.now() + 26 * DAY_MS))).toBeLessThan(60_000);
    expect(planned.moves).toMatchObject([{ customerId: customer, reason: '30 天未跟进' }]);
    const res = await apply(org, pool.id);
    expect(res.body).toMatchObject({ moved: 1, movedCustomers: [{ customerId: customer, name: '五天前跟进' }] });
    expect(await inPool(on, org, pool.id)).toEqual([customer]);
    const list = await on.request('GET', `/api/v1/pools/${pool.id}/customers`, { token: org.sales2.token });
    expect(list.body.items).toMatchObject([{ id: customer, movedInKind: 'moved_in', movedInReason: '30 天未跟进' }]);

    await setClock(on, 0);
    const fresh = await insertCustomer(on, org.tenantId, { ownerId: org.sales.id, lastFollowUpAt: daysAgo(5) });
    expect((await apply(org, pool.id)).body.moved).toBe(0);
    expect(await inPool(on, org, pool.id)).not.toContain(fresh);
  });

  it(`${APPLY_RULES_JOB} (the daily job) uses the moved clock`, async () => {
    const { org, pool, customer } = await scenario();
    await setClock(on, 26);
    // Make the app's own daily schedule due: its job runner claims it within a tick.
    await on.services.database.db.execute(
      sql`UPDATE job_schedules SET next_run_at = now() - interval '1 second' WHERE name = ${APPLY_RULES_JOB}`,
    );
    await expect.poll(() => inPool(on, org, pool.id), { timeout: 15_000 }).toEqual([customer]);
  });
});
