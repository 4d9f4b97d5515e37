import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { addCustomer, salesWorld } from './customers.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** A valid unified social credit code (GB 32100-2015 check character). */
const CREDIT_CODE = '91350100M000100Y43';

describe('customers CRUD', () => {
  it('creates with defaults (owner = creator, department = theirs), reads, edits and audits', async () => {
    const w = await salesWorld(t);
    const created = await t.request('POST', '/api/v1/customers', {
      token: w.rep1.token,
      body: {
        name: '上海汇客软件有限公司',
        creditCode: ' 91350100m000100y43 ',
        phone: '+86 139 1234 5678',
        email: ' Sales@HuiKe.CN ',
        tags: ['软件', '软件', '华东'],
        latitude: '31.230416',
        longitude: 121.473701,
        province: '上海市',
        custom: {},
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const c = created.body;
    expect(c).toMatchObject({
      kind: 'enterprise',
      name: '上海汇客软件有限公司',
      creditCode: CREDIT_CODE,
      phone: '13912345678',
      email: 'sales@huike.cn',
      tags: ['软件', '华东'],
      latitude: '31.230416',
      longitude: '121.473701',
      ownerId: w.rep1.id,
      ownerName: '张三',
      departmentId: w.sales,
      departmentName: '销售部',
      isKey: false,
      dealStatus: 'none',
      access: 'write',
    });
    expect(c.ownedSince).toBeTruthy();

    const read = await t.request('GET', `/api/v1/customers/${c.id}`, { token: w.rep1.token });
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('上海汇客软件有限公司');

    const edited = await t.request('PATCH', `/api/v1/customers/${c.id}`, {
      token: w.rep1.token,
      body: { level: 'A', isKey: true, website: 'https://huike.cn' },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ level: 'A', isKey: true, website: 'https://huike.cn' });

    const history = await t.request('GET', `/api/v1/customers/${c.id}/history`, { token: w.rep1.token });
    expect(history.status).toBe(200);
    const [update, create] = history.body.items;
    expect(update.action).toBe('update');
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'level', from: null, to: 'A' },
        { field: 'isKey', from: false, to: true },
      ]),
    );
    expect(create.action).toBe('create');
  });

  it('answers 400 with field messages', async () => {
    const w = await salesWorld(t);
    const bad = await t.request('POST', '/api/v1/customers', {
      token: w.rep1.token,
      body: { name: '', email: 'not-mail', phone: 'abc', kind: 'alien', latitude: '123.5', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('common.validation');
    expect(Object.keys(bad.body.error.fields)).toEqual(
      expect.arrayContaining(['name', 'email', 'phone', 'kind', 'latitude']),
    );
    expect(bad.body.error.fields.phone).toBe('电话号码格式不正确');

    const code = await t.request('POST', '/api/v1/customers', {
      token: w.rep1.token,
      body: { name: '信用代码错误公司', creditCode: '91350100M000100Y44' },
    });
    expect(code.status).toBe(400);
    expect(code.body.error.fields).toEqual({ creditCode: '统一社会信用代码不正确' });

    const owner = await t.request('POST', '/api/v1/customers', {
      token: w.rep1.token,
      body: { name: '越权指定负责人', ownerId: w.rep2.id },
    });
    expect(owner.status).toBe(400);
    expect(owner.body.error.fields.ownerId).toBeTruthy();
  });

  it('answers 409 customers.duplicate with the matches unless force is true; invisible matches carry no id', async () => {
    const w = await salesWorld(t);
    const first = await addCustomer(t, w.rep1.token, { name: '北京星辰科技有限公司', phone: '010-88886666' });
    const dup = await t.request('POST', '/api/v1/customers', {
      token: w.rep2.token,
      body: { name: '北京星辰科技', phone: '13800000000' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('customers.duplicate');
    expect(dup.body.error.duplicates).toEqual([
      expect.objectContaining({ id: null, name: '北京星辰科技有限公司', ownerName: '张三', visible: false }),
    ]);
    const mine = await t.request('POST', '/api/v1/customers', {
      token: w.rep1.token,
      body: { name: '另一家公司', phone: '010-88886666' },
    });
    expect(mine.status).toBe(409);
    expect(mine.body.error.duplicates[0]).toMatchObject({ id: first, visible: true, matchedOn: ['phone'] });
    const forced = await t.request('POST', '/api/v1/customers', {
      token: w.rep2.token,
      body: { name: '北京星辰科技', force: true },
    });
    expect(forced.status).toBe(201);
    const rename = await t.request('PATCH', `/api/v1/customers/${forced.body.id}`, {
      token: w.rep2.token,
      body: { name: '北京星辰科技有限公司' },
    });
    expect(rename.status).toBe(409);
  });

  it('403 without the grant or on a read-only customer; 404 for invisible customers', async () => {
    const w = await salesWorld(t);
    const id = await addCustomer(t, w.rep1.token);
    const noCreate = await t.request('POST', '/api/v1/customers', { token: w.viewer.token, body: { name: 'x' } });
    expect(noCreate.status).toBe(403);
    const noDelete = await t.request('DELETE', `/api/v1/customers/${id}`, { token: w.rep1.token });
    expect(noDelete.status).toBe(403); // salespeople hold no customers.delete
    expect((await t.request('GET', `/api/v1/customers/${id}`, { token: w.rep2.token })).status).toBe(404);
    const patch = await t.request('PATCH', `/api/v1/customers/${id}`, { token: w.rep2.token, body: { level: 'B' } });
    expect(patch.status).toBe(404);

    await t.request('POST', `/api/v1/customers/${id}/shares`, {
      token: w.rep1.token,
      body: { userId: w.rep2.id, access: 'read' },
    });
    const shared = await t.request('GET', `/api/v1/customers/${id}`, { token: w.rep2.token });
    expect(shared.status).toBe(200);
    expect(shared.body.access).toBe('read');
    const readOnly = await t.request('PATCH', `/api/v1/customers/${id}`, {
      token: w.rep2.token,
      body: { level: 'B' },
    });
    expect(readOnly.status).toBe(403);
    const giveAway = await t.request('PATCH', `/api/v1/customers/${id}`, {
      token: w.rep1.token,
      body: { ownerId: w.rep2.id },
    });
    expect(giveAway.status).toBe(403); // changing the owner needs customers.transfer
    const reassign = await t.request('PATCH', `/api/v1/customers/${id}`, {
      token: w.manager.token,
      body: { ownerId: w.rep2.id },
    });
    expect(reassign.status).toBe(200);
    expect(reassign.body).toMatchObject({ ownerId: w.rep2.id, ownerName: '李四' });
  });

  it('deletes with customers.delete and write access; refuses while subsidiaries hang below', async () => {
    const w = await salesWorld(t);
    const parent = await addCustomer(t, w.rep1.token);
    const child = await addCustomer(t, w.rep1.token, { parentId: parent });
    const blocked = await t.request('DELETE', `/api/v1/customers/${parent}`, { token: w.manager.token });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('customers.has_subsidiaries');
    expect((await t.request('DELETE', `/api/v1/customers/${child}`, { token: w.manager.token })).status).toBe(200);
    expect((await t.request('DELETE', `/api/v1/customers/${parent}`, { token: w.manager.token })).status).toBe(200);
    expect((await t.request('GET', `/api/v1/customers/${parent}`, { token: w.manager.token })).status).toBe(404);
    const history = await t.request('GET', `/api/v1/audit?objectType=customer`, { token: w.admin.token });
    expect(history.body.items.some((e: { action: string }) => e.action === 'delete')).toBe(true);
  });

  it('answers 404 on every /:id route for another tenant’s customer', async () => {
    const a = await salesWorld(t);
    const b = await salesWorld(t);
    const theirs = await addCustomer(t, b.rep1.token);
    const mine = await addCustomer(t, a.admin.token);
    const token = a.admin.token;
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/customers/${theirs}`],
      ['PATCH', `/api/v1/customers/${theirs}`, { level: 'A' }],
      ['DELETE', `/api/v1/customers/${theirs}`],
      ['PUT', `/api/v1/customers/${theirs}/parent`, { parentId: null }],
      ['PUT', `/api/v1/customers/${mine}/parent`, { parentId: theirs }],
      ['GET', `/api/v1/customers/${theirs}/tree`],
      ['GET', `/api/v1/customers/${theirs}/rollup`],
      ['GET', `/api/v1/customers/${theirs}/tabs`],
      ['GET', `/api/v1/customers/${theirs}/history`],
      ['GET', `/api/v1/customers/${theirs}/shares`],
      ['POST', `/api/v1/customers/${theirs}/transfer`, { toUserId: a.rep1.id }],
      ['POST', '/api/v1/customers/transfer', { ids: [theirs], toUserId: a.rep1.id }],
      ['GET', `/api/v1/customers/${randomUUID()}`],
    ];
    for (const [method, url, body] of calls) {
      const res = await t.request(method, url, { token, body });
      // Linking to a foreign parent names a field that does not exist: 400 field.not_found, never a leak.
      const expected = url.endsWith('/parent') && body && (body as { parentId: unknown }).parentId ? 400 : 404;
      expect(res.status, `${method} ${url}`).toBe(expected);
    }
    expect((await t.request('GET', `/api/v1/customers/${theirs}`, { token: b.rep1.token })).status).toBe(200);
  });
});
