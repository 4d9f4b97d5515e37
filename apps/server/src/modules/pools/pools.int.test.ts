// Pools: settings (CRUD), who sees which pool, and a pool's customer list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { createPool, DEFAULT_RULES, insertCustomer, makePoolOrg, type PoolOrg } from './pools.test-helpers.ts';

let t: TestApp;
let org: PoolOrg;
let foreign: PoolOrg;

beforeAll(async () => {
  t = await startTestApp();
  org = await makePoolOrg(t);
  foreign = await makePoolOrg(t);
});
afterAll(() => t?.close());

const as = (token: string) => ({
  get: (url: string) => t.request('GET', url, { token }),
  post: (url: string, body?: unknown) => t.request('POST', url, { token, body }),
  patch: (url: string, body?: unknown) => t.request('PATCH', url, { token, body }),
  del: (url: string) => t.request('DELETE', url, { token }),
});

describe('pool settings', () => {
  it('creates, reads, changes and deletes a pool, with history', async () => {
    const admin = as(org.admin.token);
    const created = await admin.post('/api/v1/pools', {
      name: '华东公海',
      departmentIds: [org.salesDept, org.salesDept],
      rules: { ...DEFAULT_RULES, noDealDays: { enabled: true, days: 60 } },
      claimDailyLimit: 5,
      maxOwned: 100,
      cooldownDays: 7,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '华东公海',
      departmentIds: [org.salesDept],
      rules: { ...DEFAULT_RULES, noDealDays: { enabled: true, days: 60 } },
      claimDailyLimit: 5,
      maxOwned: 100,
      cooldownDays: 7,
      customerCount: 0,
    });
    const id = created.body.id;
    expect((await admin.get(`/api/v1/pools/${id}`)).body.name).toBe('华东公海');

    const changed = await admin.patch(`/api/v1/pools/${id}`, {
      name: '华东一区公海',
      departmentIds: [org.teamDept, org.otherDept],
      rules: { warnDays: { enabled: false, days: 5 } },
      claimDailyLimit: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: '华东一区公海',
      rules: { ...DEFAULT_RULES, noDealDays: { enabled: true, days: 60 }, warnDays: { enabled: false, days: 5 } },
      claimDailyLimit: null,
      maxOwned: 100,
    });
    expect(changed.body.departmentIds.sort()).toEqual([org.teamDept, org.otherDept].sort());

    const history = await admin.get(`/api/v1/pools/${id}/history`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(history.body.items[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'name', from: '华东公海', to: '华东一区公海' },
        { field: 'warnEnabled', from: true, to: false },
        { field: 'claimDailyLimit', from: 5, to: null },
      ]),
    );

    expect((await admin.del(`/api/v1/pools/${id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/pools/${id}`)).status).toBe(404);
  });

  it('answers bad input with 400 field messages and a taken name with 409', async () => {
    const admin = as(org.admin.token);
    const bad = await admin.post('/api/v1/pools', {
      name: '',
      departmentIds: [],
      rules: { ...DEFAULT_RULES, noFollowUpDays: { enabled: true, days: 0 } },
      cooldownDays: -1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('common.validation');
    expect(bad.body.error.fields).toMatchObject({
      name: '必填',
      departmentIds: '至少选择 1 项',
      'rules.noFollowUpDays.days': '不能小于 1',
      cooldownDays: '不能小于 0',
    });
    const unknownDept = await admin.post('/api/v1/pools', { name: '甲', departmentIds: [foreign.salesDept] });
    expect(unknownDept.status).toBe(400);
    expect(unknownDept.body.error.fields.departmentIds).toBe('引用的记录不存在');
    const pool = await createPool(t, org, { name: '重名公海' });
    const taken = await admin.post('/api/v1/pools', { name: '重名公海', departmentIds: [org.salesDept] });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields.name).toBe('已有同名公海');
    const badPatch = await admin.patch(`/api/v1/pools/${pool.id}`, { maxOwned: 0, departmentIds: ['x'] });
    expect(badPatch.status).toBe(400);
    expect(Object.keys(badPatch.body.error.fields).sort()).toEqual(['departmentIds.0', 'maxOwned']);
  });

  it('refuses to delete a pool that still holds customers', async () => {
    const pool = await createPool(t, org);
    await insertCustomer(t, org.tenantId, { poolId: pool.id });
    const res = await as(org.admin.token).del(`/api/v1/pools/${pool.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'pools.not_empty',
      message: '公海中还有 1 个客户，请先领取或分配后再删除',
    });
  });

  it('needs pools.manage to change pools (403) and answers 404 for another company’s pool', async () => {
    const pool = await createPool(t, org);
    const manager = as(org.manager.token);
    expect((await manager.post('/api/v1/pools', { name: '新', departmentIds: [org.salesDept] })).status).toBe(403);
    expect((await manager.patch(`/api/v1/pools/${pool.id}`, { name: '新' })).status).toBe(403);
    expect((await manager.del(`/api/v1/pools/${pool.id}`)).status).toBe(403);
    expect((await manager.get(`/api/v1/pools/${pool.id}/history`)).status).toBe(403);
    expect((await as(org.noGrant.token).get('/api/v1/pools')).status).toBe(403);
    expect((await as(org.noGrant.token).get(`/api/v1/pools/${pool.id}`)).status).toBe(403);

    const other = as(foreign.admin.token);
    for (const url of ['', '/customers', '/history', '/dry-run']) {
      expect((await other.get(`/api/v1/pools/${pool.id}${url}`)).status, url).toBe(404);
    }
    expect((await other.patch(`/api/v1/pools/${pool.id}`, { name: '偷' })).status).toBe(404);
    expect((await other.del(`/api/v1/pools/${pool.id}`)).status).toBe(404);
    expect((await as(org.admin.token).get(`/api/v1/pools/${pool.id}`)).body.name).toBe(pool.name);
  });
});

describe('pool visibility', () => {
  it('shows a pool to members of its departments and the departments below, and to pool managers', async () => {
    const pool = await createPool(t, org, { departmentIds: [org.salesDept] });
    const ids = async (token: string) =>
      ((await as(token).get('/api/v1/pools')).body.items as { id: string }[]).map((p) => p.id);
    expect(await ids(org.manager.token)).toContain(pool.id); // 销售部 itself
    expect(await ids(org.sales.token)).toContain(pool.id); // 销售一组, below it
    expect(await ids(org.outsider.token)).not.toContain(pool.id); // 行政部
    expect(await ids(org.admin.token)).toContain(pool.id);
    expect(await ids(foreign.admin.token)).not.toContain(pool.id);
    expect((await as(org.outsider.token).get(`/api/v1/pools/${pool.id}`)).status).toBe(404);
    expect((await as(org.outsider.token).get(`/api/v1/pools/${pool.id}/customers`)).status).toBe(404);
  });
});

describe('pool customers elsewhere', () => {
  it('lets members of the pool (and pool managers) read a pool customer, nobody else', async () => {
    const pool = await createPool(t, org);
    const id = await insertCustomer(t, org.tenantId, { poolId: pool.id, name: '公海里的客户' });
    const read = async (token: string) => (await as(token).get(`/api/v1/customers/${id}`)).status;
    expect(await read(org.sales.token)).toBe(200);
    expect(await read(org.manager.token)).toBe(200);
    expect(await read(org.admin.token)).toBe(200);
    expect(await read(org.outsider.token)).toBe(404);
    expect(await read(foreign.admin.token)).toBe(404);
  });
});

describe('pool customers', () => {
  it('lists a pool’s customers with last owner and reason, searchable, keyset-paginated', async () => {
    const pool = await createPool(t, org);
    const owned = await insertCustomer(t, org.tenantId, {
      name: '退回的客户',
      ownerId: org.sales.id,
      industry: '制造业',
    });
    const back = await as(org.sales.token).post(`/api/v1/customers/${owned}/return`, {
      poolId: pool.id,
      reason: '客户暂无需求',
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    for (let i = 0; i < 4; i++)
      await insertCustomer(t, org.tenantId, { name: `导入客户${i}`, poolId: pool.id, level: 'A' });
    await insertCustomer(t, org.tenantId, { name: '别人的客户', ownerId: org.sales2.id });

    const sales = as(org.sales2.token);
    const first = await sales.get(`/api/v1/pools/${pool.id}/customers?limit=3`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(3);
    const second = await sales.get(`/api/v1/pools/${pool.id}/customers?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items];
    expect(new Set(all.map((c: { id: string }) => c.id)).size).toBe(5);
    expect(all.find((c: { id: string }) => c.id === owned)).toMatchObject({
      name: '退回的客户',
      industry: '制造业',
      lastOwnerId: org.sales.id,
      lastOwnerName: '张三',
      movedInKind: 'returned',
      movedInReason: '客户暂无需求',
    });
    expect(all.find((c: { name: string }) => c.name === '导入客户0')).toMatchObject({
      level: 'A',
      lastOwnerId: null,
      movedInReason: null,
      movedInAt: null,
    });

    const found = await sales.get(`/api/v1/pools/${pool.id}/customers?q=${encodeURIComponent('退回')}`);
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([owned]);
    const none = await sales.get(`/api/v1/pools/${pool.id}/customers?q=${encodeURIComponent('%')}`);
    expect(none.body.items).toEqual([]);

    const bad = await sales.get(`/api/v1/pools/${pool.id}/customers?limit=0&cursor=nope`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.limit).toBe('不能小于 1');
    const badCursor = await sales.get(`/api/v1/pools/${pool.id}/customers?cursor=nope`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.fields.cursor).toBe('格式不正确');
    expect((await as(org.noGrant.token).get(`/api/v1/pools/${pool.id}/customers`)).status).toBe(403);
    expect((await as(foreign.admin.token).get(`/api/v1/pools/${pool.id}/customers`)).status).toBe(404);
  });
});
