// Pools: claim (with its limits and under 50 concurrent requests), assign by managers, return by owners.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { addEmployee, roleIdByCode } from '../roles/test-users.ts';
import { createPool, insertCustomer, makePoolOrg, type PoolOrg } from './pools.test-helpers.ts';

let t: TestApp;
let org: PoolOrg;
let foreign: PoolOrg;

beforeAll(async () => {
  t = await startTestApp();
  org = await makePoolOrg(t);
  foreign = await makePoolOrg(t);
});
afterAll(() => t?.close());

const post = (token: string, url: string, body?: unknown) => t.request('POST', url, { token, body });
const claim = (token: string, poolId: string, customerId: string) =>
  post(token, `/api/v1/pools/${poolId}/claim`, { customerId });
const customerRow = async (id: string) =>
  (
    await inTenant(t.services.database.db, org.tenantId, (tx) =>
      tx.execute<{ owner_id: string | null; pool_id: string | null; department_id: string | null }>(
        sql`SELECT owner_id, pool_id, department_id, owned_since FROM customers WHERE id = ${id}`,
      ),
    )
  ).rows[0]!;
/** Move a user's pool events back in time (the limits count from them). */
const ageEvents = (where: ReturnType<typeof sql>, days: number) =>
  inTenant(t.services.database.db, org.tenantId, (tx) =>
    tx.execute(sql`UPDATE pool_events SET at = at - make_interval(days => ${days}) WHERE ${where}`),
  );

describe('claim (领取)', () => {
  it('makes the claimant the owner, in their department, and records it', async () => {
    const pool = await createPool(t, org);
    const id = await insertCustomer(t, org.tenantId, { poolId: pool.id, name: '待领取客户' });
    const res = await claim(org.sales.token, pool.id, id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id, name: '待领取客户', ownerId: org.sales.id, departmentId: org.teamDept });
    expect(await customerRow(id)).toMatchObject({ owner_id: org.sales.id, pool_id: null, department_id: org.teamDept });
    const events = await inTenant(t.services.database.db, org.tenantId, (tx) =>
      tx.execute(sql`SELECT kind, user_id FROM pool_events WHERE customer_id = ${id}`),
    );
    expect(events.rows).toEqual([{ kind: 'claimed', user_id: org.sales.id }]);
    const history = await t.request('GET', `/api/v1/audit?objectType=customer`, { token: org.admin.token });
    expect(history.body.items.find((e: { recordId: string }) => e.recordId === id)).toMatchObject({
      action: 'claim',
      actorId: org.sales.id,
    });

    const again = await claim(org.sales2.token, pool.id, id);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'pools.already_claimed', message: '手慢了，该客户已被其他人领取' });
  });

  it('answers 400 for bad input, 403 without pools.claim, 404 for strangers and customers not in the pool', async () => {
    const pool = await createPool(t, org);
    const id = await insertCustomer(t, org.tenantId, { poolId: pool.id });
    const bad = await post(org.sales.token, `/api/v1/pools/${pool.id}/claim`, { customerId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.customerId).toBe('ID 格式不正确');
    expect((await claim(org.noGrant.token, pool.id, id)).status).toBe(403);
    expect((await claim(foreign.admin.token, pool.id, id)).status).toBe(404);
    expect((await claim(org.outsider.token, pool.id, id)).status).toBe(404);
    const owned = await insertCustomer(t, org.tenantId, { ownerId: org.sales2.id });
    expect((await claim(org.sales.token, pool.id, owned)).status).toBe(404);
    const elsewhere = await insertCustomer(t, foreign.tenantId, {});
    expect((await claim(org.sales.token, pool.id, elsewhere)).status).toBe(404);
    expect((await claim(org.sales.token, pool.id, id)).status).toBe(200);
  });

  it('enforces the daily limit per person (Asia/Shanghai day)', async () => {
    const pool = await createPool(t, org, { claimDailyLimit: 2 });
    const ids = await Promise.all([1, 2, 3].map(() => insertCustomer(t, org.tenantId, { poolId: pool.id })));
    expect((await claim(org.sales.token, pool.id, ids[0]!)).status).toBe(200);
    expect((await claim(org.sales.token, pool.id, ids[1]!)).status).toBe(200);
    const third = await claim(org.sales.token, pool.id, ids[2]!);
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({
      code: 'pools.daily_limit',
      message: '今天已达到该公海的领取上限（每天 2 个），请明天再领',
    });
    // Someone else still may; and yesterday's claims do not count.
    await ageEvents(sql`user_id = ${org.sales.id} AND pool_id = ${pool.id}`, 1);
    expect((await claim(org.sales.token, pool.id, ids[2]!)).status).toBe(200);
  });

  it('refuses a claim while the claimant owns the maximum', async () => {
    const pool = await createPool(t, org, { maxOwned: 2 });
    const salesRole = await roleIdByCode(t, org.tenantId, 'sales');
    const rich = await addEmployee(t, org.tenantId, { roleIds: [salesRole], departmentId: org.teamDept });
    await insertCustomer(t, org.tenantId, { ownerId: rich.id });
    const a = await insertCustomer(t, org.tenantId, { poolId: pool.id });
    const b = await insertCustomer(t, org.tenantId, { poolId: pool.id });
    expect((await claim(rich.token, pool.id, a)).status).toBe(200);
    const res = await claim(rich.token, pool.id, b);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'pools.max_owned',
      message: '您负责的客户已达上限（2 个），不能再领取',
    });
  });

  it('keeps the previous owner from claiming a customer back during the cooldown', async () => {
    const pool = await createPool(t, org, { cooldownDays: 7 });
    const id = await insertCustomer(t, org.tenantId, { ownerId: org.sales.id });
    const back = await post(org.sales.token, `/api/v1/customers/${id}/return`, { poolId: pool.id, reason: '无意向' });
    expect(back.status).toBe(200);
    const res = await claim(org.sales.token, pool.id, id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('pools.cooldown');
    expect(res.body.error.message).toMatch(/^该客户刚从您名下转出，7 天内不能再次领取（\d{4}-\d\d-\d\d 后可领）$/);
    await ageEvents(sql`customer_id = ${id}`, 8);
    expect((await claim(org.sales.token, pool.id, id)).status).toBe(200);
    // Another salesperson is not held back.
    const other = await insertCustomer(t, org.tenantId, { ownerId: org.sales.id });
    await post(org.sales.token, `/api/v1/customers/${other}/return`, { poolId: pool.id, reason: '无意向' });
    expect((await claim(org.sales2.token, pool.id, other)).status).toBe(200);
  });

  it('gives exactly one of 50 concurrent claims the customer; the rest get a clear 409', async () => {
    const pool = await createPool(t, org, { claimDailyLimit: 100 });
    const id = await insertCustomer(t, org.tenantId, { poolId: pool.id, name: '抢手客户' });
    const salesRole = await roleIdByCode(t, org.tenantId, 'sales');
    const people = [org.sales, org.sales2, org.manager];
    for (let i = people.length; i < 10; i++) {
      people.push(await addEmployee(t, org.tenantId, { roleIds: [salesRole], departmentId: org.teamDept }));
    }
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => claim(people[i % people.length]!.token, pool.id, id)),
    );
    const won = results.filter((r) => r.status === 200);
    const lost = results.filter((r) => r.status !== 200);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) {
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'pools.already_claimed', message: '手慢了，该客户已被其他人领取' });
    }
    expect((await customerRow(id)).owner_id).toBe(won[0]!.body.ownerId);
    const claims = await inTenant(t.services.database.db, org.tenantId, (tx) =>
      tx.execute(sql`SELECT user_id FROM pool_events WHERE customer_id = ${id} AND kind = 'claimed'`),
    );
    expect(claims.rows).toEqual([{ user_id: won[0]!.body.ownerId }]);
  });
});

describe('assign from the pool (分配)', () => {
  it('assigns several customers to a member, all or nothing', async () => {
    const pool = await createPool(t, org);
    const a = await insertCustomer(t, org.tenantId, { poolId: pool.id });
    const b = await insertCustomer(t, org.tenantId, { poolId: pool.id });
    const url = `/api/v1/pools/${pool.id}/assign`;
    const ok = await post(org.manager.token, url, { customerIds: [a, b, a], toUserId: org.sales.id });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ assigned: 2, customerIds: [a, b] });
    expect(await customerRow(b)).toMatchObject({ owner_id: org.sales.id, pool_id: null, department_id: org.teamDept });

    const c = await insertCustomer(t, org.tenantId, { poolId: pool.id });
    const partial = await post(org.manager.token, url, { customerIds: [c, a], toUserId: org.sales2.id });
    expect(partial.status).toBe(409);
    expect(partial.body.error).toMatchObject({
      code: 'pools.assign_unavailable',
      message: '有 1 个客户已不在该公海中，本次未分配任何客户',
    });
    expect(await customerRow(c)).toMatchObject({ owner_id: null, pool_id: pool.id });
    expect(await customerRow(a)).toMatchObject({ owner_id: org.sales.id });

    const outsider = await post(org.manager.token, url, { customerIds: [c], toUserId: org.outsider.id });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.fields.toUserId).toBe('该员工不属于此公海的部门');
    const stranger = await post(org.manager.token, url, { customerIds: [c], toUserId: foreign.sales.id });
    expect(stranger.body.error.fields.toUserId).toBe('引用的记录不存在');
  });

  it('answers 400, 403 without pools.assign and 404 across companies', async () => {
    const pool = await createPool(t, org);
    const c = await insertCustomer(t, org.tenantId, { poolId: pool.id });
    const url = `/api/v1/pools/${pool.id}/assign`;
    const bad = await post(org.manager.token, url, { customerIds: [], toUserId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({ customerIds: '至少选择 1 项', toUserId: 'ID 格式不正确' });
    expect((await post(org.sales.token, url, { customerIds: [c], toUserId: org.sales.id })).status).toBe(403);
    expect((await post(foreign.admin.token, url, { customerIds: [c], toUserId: foreign.sales.id })).status).toBe(404);
  });
});

describe('return to the pool (退回公海)', () => {
  it('lets the owner return a customer with a reason, and a manager with customers.transfer do it for them', async () => {
    const pool = await createPool(t, org);
    const mine = await insertCustomer(t, org.tenantId, { ownerId: org.sales.id });
    const res = await post(org.sales.token, `/api/v1/customers/${mine}/return`, { poolId: pool.id, reason: '已倒闭' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: mine, poolId: pool.id });
    expect(await customerRow(mine)).toMatchObject({ owner_id: null, pool_id: pool.id });

    const subordinate = await insertCustomer(t, org.tenantId, { ownerId: org.sales.id });
    const byManager = await post(org.manager.token, `/api/v1/customers/${subordinate}/return`, {
      poolId: pool.id,
      reason: '长期无进展',
    });
    expect(byManager.status, JSON.stringify(byManager.body)).toBe(200);
    const event = await inTenant(t.services.database.db, org.tenantId, (tx) =>
      tx.execute(
        sql`SELECT kind, user_id, previous_owner_id, reason FROM pool_events WHERE customer_id = ${subordinate}`,
      ),
    );
    expect(event.rows).toEqual([
      { kind: 'returned', user_id: org.manager.id, previous_owner_id: org.sales.id, reason: '长期无进展' },
    ]);
  });

  it('refuses customers the actor may not see or give away, pools the owner is not in, and pool customers', async () => {
    const pool = await createPool(t, org);
    const otherPool = await createPool(t, org, { departmentIds: [org.otherDept] });
    const id = await insertCustomer(t, org.tenantId, { ownerId: org.sales.id });
    const url = `/api/v1/customers/${id}/return`;
    expect((await post(org.sales2.token, url, { poolId: pool.id, reason: '抢' })).status).toBe(404);
    expect((await post(foreign.admin.token, url, { poolId: pool.id, reason: '抢' })).status).toBe(404);
    expect((await post(org.noGrant.token, url, { poolId: pool.id, reason: '抢' })).status).toBe(403);
    const bad = await post(org.sales.token, url, { poolId: 'x', reason: ' ' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({ poolId: 'ID 格式不正确', reason: '必填' });
    const notTheirs = await post(org.sales.token, url, { poolId: otherPool.id, reason: '退' });
    expect(notTheirs.status).toBe(400);
    expect(notTheirs.body.error.fields.poolId).toBe('客户负责人不属于此公海的部门');
    const foreignPool = await createPool(t, foreign);
    const unknown = await post(org.sales.token, url, { poolId: foreignPool.id, reason: '退' });
    expect(unknown.body.error.fields.poolId).toBe('引用的记录不存在');
    expect((await post(org.sales.token, url, { poolId: pool.id, reason: '退' })).status).toBe(200);
    const twice = await post(org.admin.token, url, { poolId: pool.id, reason: '退' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('pools.not_owned');
  });
});
