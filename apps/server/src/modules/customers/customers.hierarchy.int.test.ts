import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { registerRollup } from './customers.hierarchy.ts';
import { registerCustomerTab } from './customers.tabs.ts';
import { addCustomer, salesWorld } from './customers.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const setParent = (token: string, id: string, parentId: string | null) =>
  t.request('PUT', `/api/v1/customers/${id}/parent`, { token, body: { parentId } });

describe('customer group hierarchy (关联单位)', () => {
  it('links parents, refuses cycles, shows the tree both ways', async () => {
    const w = await salesWorld(t);
    const a = w.admin.token;
    const group = await addCustomer(t, a, { name: '华东集团' });
    const east = await addCustomer(t, a, { name: '华东集团上海分公司', parentId: group });
    const plant = await addCustomer(t, a, { name: '上海一厂' });
    const shop = await addCustomer(t, a, { name: '上海门店' });
    const linked = await setParent(a, plant, east);
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body).toMatchObject({ parentId: east, parentName: '华东集团上海分公司' });
    expect((await setParent(a, shop, east)).status).toBe(200);

    for (const [id, parent] of [
      [group, plant],
      [group, group],
      [east, plant],
    ] as const) {
      const cycle = await setParent(a, id, parent);
      expect(cycle.status).toBe(409);
      expect(cycle.body.error.code).toBe('customers.hierarchy_cycle');
    }
    const viaPatch = await t.request('PATCH', `/api/v1/customers/${group}`, { token: a, body: { parentId: shop } });
    expect(viaPatch.status).toBe(409);

    const tree = await t.request('GET', `/api/v1/customers/${east}/tree`, { token: a });
    expect(tree.status).toBe(200);
    expect(tree.body.ancestors.map((n: { name: string }) => n.name)).toEqual(['华东集团']);
    expect(tree.body.node.name).toBe('华东集团上海分公司');
    expect(tree.body.node.children.map((n: { name: string }) => n.name)).toEqual(['上海一厂', '上海门店']);
    const top = await t.request('GET', `/api/v1/customers/${group}/tree`, { token: a });
    expect(top.body.ancestors).toEqual([]);
    expect(top.body.node.children[0].children).toHaveLength(2);

    const history = await t.request('GET', `/api/v1/customers/${plant}/history`, { token: a });
    expect(history.body.items[0].changes).toEqual([{ field: 'parentId', from: null, to: east }]);
    // Linking has its own audit action; a PATCH of other fields stays 'update'.
    expect(history.body.items[0].action).toBe('set_parent');
    expect(history.body.items.filter((e: { action: string }) => e.action === 'set_parent')).toHaveLength(1);
    await t.request('PATCH', `/api/v1/customers/${plant}`, { token: a, body: { level: 'A' } });
    const after = await t.request('GET', `/api/v1/customers/${plant}/history`, { token: a });
    expect(after.body.items.map((e: { action: string }) => e.action).slice(0, 2)).toEqual(['update', 'set_parent']);
    expect((await setParent(a, plant, null)).body.parentId).toBeNull();
  });

  it('needs both customers visible; the tree shows only visible ones', async () => {
    const w = await salesWorld(t);
    const theirs = await addCustomer(t, w.rep2.token, { name: '李四的集团' });
    const mine = await addCustomer(t, w.rep1.token, { name: '张三的子公司' });
    const invisibleParent = await setParent(w.rep1.token, mine, theirs);
    expect(invisibleParent.status).toBe(400);
    expect(invisibleParent.body.error.fields.parentId).toBeTruthy();
    expect((await setParent(w.rep2.token, mine, theirs)).status).toBe(404);

    expect((await setParent(w.manager.token, mine, theirs)).status).toBe(200);
    const asRep1 = await t.request('GET', `/api/v1/customers/${mine}/tree`, { token: w.rep1.token });
    expect(asRep1.body.ancestors).toEqual([]);
    const detail = await t.request('GET', `/api/v1/customers/${mine}`, { token: w.rep1.token });
    expect(detail.body).toMatchObject({ parentId: theirs, parentName: null });
    const asRep2 = await t.request('GET', `/api/v1/customers/${theirs}/tree`, { token: w.rep2.token });
    expect(asRep2.body.node.children).toEqual([]);
    const asManager = await t.request('GET', `/api/v1/customers/${theirs}/tree`, { token: w.manager.token });
    expect(asManager.body.node.children.map((n: { name: string }) => n.name)).toEqual(['张三的子公司']);
  });

  it('rolls up the whole subtree in one query, with figures other modules register', async () => {
    const w = await salesWorld(t);
    const a = w.admin.token;
    const root = await addCustomer(t, a, { name: '集团总部' });
    const child = await addCustomer(t, a, { name: '子公司', parentId: root });
    const grandchild = await addCustomer(t, a, { name: '孙公司', parentId: child, isKey: true });
    await addCustomer(t, a, { name: '另一个子公司', parentId: root, isKey: true });
    const unrelated = await addCustomer(t, a, { name: '无关客户' });
    for (const [customerId, name] of [
      [root, '总部联系人'],
      [grandchild, '孙公司联系人'],
      [unrelated, '无关联系人'],
    ]) {
      const res = await t.request('POST', '/api/v1/contacts', { token: a, body: { customerId, name } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    for (const customerId of [child, grandchild, grandchild, unrelated]) {
      const res = await t.request('POST', '/api/v1/follow-ups', {
        token: a,
        body: { customerId, kind: 'call', content: '电话沟通' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    registerRollup({
      key: 'keyCustomers',
      label: { 'zh-CN': '重点客户', en: 'Key customers' },
      sql: (tenantId) =>
        sql`SELECT count(*) FROM customers k WHERE k.tenant_id = ${tenantId} AND k.is_key AND k.id IN (SELECT id FROM tree)`,
    });
    const res = await t.request('GET', `/api/v1/customers/${root}/rollup`, { token: a });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ subsidiaries: 3, keyCustomers: 2, contacts: 2, followUps: 3 });
    expect(res.body.items).toEqual(expect.arrayContaining([{ key: 'keyCustomers', label: '重点客户', value: 2 }]));
    const sub = await t.request('GET', `/api/v1/customers/${child}/rollup`, { token: a });
    expect(sub.body).toMatchObject({ subsidiaries: 1, keyCustomers: 1, contacts: 1, followUps: 3 });
    const leaf = await t.request('GET', `/api/v1/customers/${grandchild}/rollup`, { token: a });
    expect(leaf.body).toMatchObject({ subsidiaries: 0, contacts: 1, followUps: 2 });
    // Only what the caller may see counts: rep1 owns nothing of this group.
    expect((await t.request('GET', `/api/v1/customers/${root}/rollup`, { token: w.rep1.token })).status).toBe(404);
  });

  it('lists the customer view tabs from the registry, with counts', async () => {
    const w = await salesWorld(t);
    const id = await addCustomer(t, w.rep1.token);
    registerCustomerTab({
      key: 'opportunities',
      label: { 'zh-CN': '商机', en: 'Opportunities' },
      order: 60,
      count: async () => 7,
    });
    registerCustomerTab({
      key: 'secret',
      label: { 'zh-CN': '机密', en: 'Secret' },
      order: 70,
      permission: 'roles.manage',
    });
    const res = await t.request('GET', `/api/v1/customers/${id}/tabs`, { token: w.rep1.token });
    expect(res.status).toBe(200);
    const keys = res.body.items.map((i: { key: string }) => i.key);
    expect(keys).toEqual(expect.arrayContaining(['contacts', 'attachments', 'hierarchy', 'history', 'opportunities']));
    expect(keys).not.toContain('secret');
    expect(res.body.items.find((i: { key: string }) => i.key === 'history').count).toBe(1);
    expect(res.body.items.find((i: { key: string }) => i.key === 'opportunities')).toMatchObject({
      label: '商机',
      count: 7,
    });
    expect((await t.request('GET', `/api/v1/customers/${id}/tabs`, { token: w.rep2.token })).status).toBe(404);
  });
});
