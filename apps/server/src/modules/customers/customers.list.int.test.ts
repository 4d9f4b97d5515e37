import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { addCustomer, insertCustomers, listNames, salesWorld } from './customers.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Every page of a list, following nextCursor. */
async function allPages(token: string, query: string, limit = 7) {
  const seen: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/v1/customers?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await t.request('GET', url, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return seen;
}

describe('customer list', () => {
  it('views: mine, subordinates, shared to me, all', async () => {
    const w = await salesWorld(t);
    await addCustomer(t, w.rep1.token, { name: 'R1 张三的' });
    await addCustomer(t, w.rep2.token, { name: 'R2 李四的' });
    const r3 = await addCustomer(t, w.rep3.token, { name: 'R3 王五的' });
    await addCustomer(t, w.manager.token, { name: 'M 经理的' });

    expect(await listNames(t, w.manager.token, 'view=mine')).toEqual(['M 经理的']);
    expect(await listNames(t, w.manager.token, 'view=subordinates')).toEqual(['R1 张三的', 'R2 李四的']);
    expect(await listNames(t, w.manager.token, 'view=shared')).toEqual([]);
    expect(await listNames(t, w.manager.token, 'view=all')).toEqual(['M 经理的', 'R1 张三的', 'R2 李四的']);
    expect(await listNames(t, w.rep1.token, 'view=all')).toEqual(['R1 张三的']);
    expect(await listNames(t, w.rep1.token, 'view=subordinates')).toEqual([]);
    expect(await listNames(t, w.admin.token)).toHaveLength(4);

    // Sharing a customer makes it appear under 共享给我 (and in 全部), not under 我负责的.
    const share = await t.request('POST', `/api/v1/customers/${r3}/shares`, {
      token: w.rep3.token,
      body: { userId: w.rep1.id, access: 'read' },
    });
    expect(share.status).toBe(201);
    expect(await listNames(t, w.rep1.token, 'view=shared')).toEqual(['R3 王五的']);
    expect(await listNames(t, w.rep1.token, 'view=mine')).toEqual(['R1 张三的']);
    expect(await listNames(t, w.rep1.token)).toEqual(['R1 张三的', 'R3 王五的']);
    // A department share reaches everyone in it.
    await t.request('POST', `/api/v1/customers/${r3}/shares`, {
      token: w.rep3.token,
      body: { departmentId: w.sales, access: 'read' },
    });
    expect(await listNames(t, w.rep2.token, 'view=shared')).toEqual(['R3 王五的']);
    expect(await listNames(t, w.rep3.token, 'view=shared')).toEqual([]);
  });

  it('filters on standard fields, tags, dates and custom.<key>', async () => {
    const w = await salesWorld(t);
    const a = w.admin.token;
    for (const field of [
      { key: 'region', label: '区域', type: 'select', options: ['east', 'west'] },
      { key: 'seats', label: '席位数', type: 'number' },
      { key: 'channels', label: '渠道', type: 'multiselect', options: ['web', 'phone', 'shop'] },
    ]) {
      const res = await t.request('POST', '/api/v1/custom-fields', {
        token: a,
        body: { objectType: 'customer', ...field },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const invalidCustom = await t.request('POST', '/api/v1/customers', {
      token: a,
      body: { name: '自定义字段错误', custom: { region: 'north', nope: 1 } },
    });
    expect(invalidCustom.status).toBe(400);
    expect(Object.keys(invalidCustom.body.error.fields).sort()).toEqual(['custom.nope', 'custom.region']);
    await addCustomer(t, a, {
      name: '甲 杭州软件',
      kind: 'enterprise',
      level: 'A',
      source: '展会',
      status: '跟进中',
      industry: '软件',
      tags: ['VIP', '华东'],
      province: '浙江省',
      city: '杭州市',
      isKey: true,
      dealStatus: 'won',
      phone: '0571-88880000',
      custom: { region: 'east', seats: 50, channels: ['web', 'phone'] },
      nextContactAt: '2026-01-05T08:00:00Z',
    });
    await addCustomer(t, a, {
      name: '乙 个人客户',
      kind: 'individual',
      level: 'B',
      tags: ['华东'],
      province: '江苏省',
      email: 'yi@example.com',
      custom: { region: 'west', seats: 5 },
      ownerId: w.rep1.id,
    });
    await addCustomer(t, a, { name: '丙 北京工厂', level: 'A', province: '北京市', industry: '制造' });

    expect(await listNames(t, a, 'level=A')).toEqual(['丙 北京工厂', '甲 杭州软件']);
    expect(await listNames(t, a, 'kind=individual')).toEqual(['乙 个人客户']);
    expect(await listNames(t, a, 'tag=%E5%8D%8E%E4%B8%9C')).toEqual(['乙 个人客户', '甲 杭州软件']);
    expect(await listNames(t, a, `q=${encodeURIComponent('杭州')}`)).toEqual(['甲 杭州软件']);
    expect(await listNames(t, a, 'q=yi%40example')).toEqual(['乙 个人客户']);
    expect(await listNames(t, a, 'q=0571')).toEqual(['甲 杭州软件']);
    expect(await listNames(t, a, 'isKey=true')).toEqual(['甲 杭州软件']);
    expect(await listNames(t, a, 'dealStatus=won&source=%E5%B1%95%E4%BC%9A')).toEqual(['甲 杭州软件']);
    expect(await listNames(t, a, `ownerId=${w.rep1.id}`)).toEqual(['乙 个人客户']);
    expect(await listNames(t, a, `province=${encodeURIComponent('北京市')}`)).toEqual(['丙 北京工厂']);
    expect(await listNames(t, a, 'custom.region=east')).toEqual(['甲 杭州软件']);
    expect(await listNames(t, a, 'custom.seats=5')).toEqual(['乙 个人客户']);
    expect(await listNames(t, a, 'custom.channels=phone')).toEqual(['甲 杭州软件']);
    expect(await listNames(t, a, 'custom.seats=10..100')).toEqual(['甲 杭州软件']);
    const unknownCustom = await t.request('GET', '/api/v1/customers?custom.nope=1', { token: a });
    expect(unknownCustom.status).toBe(400);
    expect(await listNames(t, a, 'nextContactBefore=2026-02-01T00:00:00Z')).toEqual(['甲 杭州软件']);
    expect(await listNames(t, a, 'createdFrom=2000-01-01&createdTo=2001-01-01')).toEqual([]);
    expect(await listNames(t, a, `followUpBefore=${new Date().toISOString()}`)).toHaveLength(3);
    const hot = await t.request('GET', '/api/v1/customers/key', { token: a });
    expect(hot.body.items.map((c: { name: string }) => c.name)).toEqual(['甲 杭州软件']);
    const bad = await t.request('GET', '/api/v1/customers?sort=owner&view=everyone&isKey=maybe', { token: a });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['isKey', 'sort', 'view']);
    const badCursor = await t.request('GET', '/api/v1/customers?cursor=zzz', { token: a });
    expect(badCursor.status).toBe(400);
  });

  it('pages through every sort in both orders without duplicates or gaps, with a total', async () => {
    const w = await salesWorld(t);
    await insertCustomers(t, w.admin, [w.rep1.id, w.rep2.id], 40);
    const expected = (await allPages(w.admin.token, 'sort=name&order=asc', 200)).map((c) => c.id);
    expect(expected).toHaveLength(40);
    for (const sort of ['updatedAt', 'createdAt', 'lastFollowUpAt', 'nextContactAt', 'name']) {
      for (const order of ['asc', 'desc']) {
        const items = await allPages(w.admin.token, `sort=${sort}&order=${order}`);
        const ids = items.map((c) => c.id);
        expect(new Set(ids).size, `${sort} ${order}`).toBe(40);
        expect([...ids].sort()).toEqual([...expected].sort());
        if (sort === 'name') {
          const names = items.map((c) => c.name as string);
          const sorted = [...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
          expect(names).toEqual(order === 'asc' ? sorted : sorted.reverse());
        }
        if (sort === 'lastFollowUpAt') {
          const values = items.map((c) => c.lastFollowUpAt as string | null);
          const firstNull = values.indexOf(null);
          // Ascending: nulls last; descending: nulls first.
          if (order === 'asc') expect(values.slice(firstNull).every((v) => v === null)).toBe(true);
          else expect(values.slice(0, values.lastIndexOf(null) + 1).every((v) => v === null)).toBe(true);
        }
      }
    }
    const first = await t.request('GET', '/api/v1/customers?limit=5&view=mine', { token: w.rep1.token });
    expect(first.body).toMatchObject({ total: 20, totalIsEstimate: false });
    expect(first.body.items).toHaveLength(5);
    expect(first.body.items[0]).toMatchObject({ ownerName: '张三', access: 'write' });
  });
});
