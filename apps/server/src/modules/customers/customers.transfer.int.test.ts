import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { addEmployee } from '../roles/test-users.ts';
import { addCustomer, listNames, salesWorld } from './customers.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const get = (token: string, id: string) => t.request('GET', `/api/v1/customers/${id}`, { token });

describe('customer transfer (转移)', () => {
  it('moves several customers with their contacts, resets ownedSince, audits each', async () => {
    const w = await salesWorld(t);
    const m = w.manager.token;
    const a = await addCustomer(t, w.rep1.token, { name: '甲' });
    const b = await addCustomer(t, w.rep1.token, { name: '乙' });
    const contact = await t.request('POST', '/api/v1/contacts', {
      token: w.admin.token,
      body: { customerId: a, name: '王经理' },
    });
    expect(contact.status).toBe(201);
    const before = (await get(m, a)).body;

    const res = await t.request('POST', '/api/v1/customers/transfer', {
      token: m,
      body: { ids: [a, b], toUserId: w.rep2.id, withContacts: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items).toEqual([
      { id: a, ownerId: w.rep2.id, ownerName: '李四' },
      { id: b, ownerId: w.rep2.id, ownerName: '李四' },
    ]);
    expect(res.body.contactsMoved).toBe(1);
    const after = (await get(m, a)).body;
    expect(after).toMatchObject({ ownerId: w.rep2.id, departmentId: w.sales });
    expect(new Date(after.ownedSince).getTime()).toBeGreaterThan(new Date(before.ownedSince).getTime());
    expect(await listNames(t, w.rep2.token, 'view=mine')).toEqual(['乙', '甲']);
    expect(await listNames(t, w.rep1.token)).toEqual([]);
    const owners = await inTenant(t.services.database.db, w.tenantId, (tx) =>
      tx.execute<{ owner_id: string }>(sql`SELECT owner_id FROM contacts WHERE id = ${contact.body.id}`),
    );
    expect(owners.rows[0]?.owner_id).toBe(w.rep2.id);
    for (const id of [a, b]) {
      const history = await t.request('GET', `/api/v1/customers/${id}/history`, { token: m });
      expect(history.body.items[0]).toMatchObject({ action: 'transfer' });
      expect(history.body.items[0].changes).toEqual(
        expect.arrayContaining([{ field: 'ownerId', from: w.rep1.id, to: w.rep2.id }]),
      );
    }
  });

  it('is all or nothing: one invisible id is 404, one read-only id is 403, and nothing moves', async () => {
    const w = await salesWorld(t);
    const m = w.manager.token;
    const mine = await addCustomer(t, w.rep1.token, { name: '下属的' });
    const outside = await addCustomer(t, w.rep3.token, { name: '别组的' });
    const invisible = await t.request('POST', '/api/v1/customers/transfer', {
      token: m,
      body: { ids: [mine, outside], toUserId: w.rep2.id },
    });
    expect(invisible.status).toBe(404);
    await t.request('POST', `/api/v1/customers/${outside}/shares`, {
      token: w.rep3.token,
      body: { userId: w.manager.id, access: 'read' },
    });
    const readOnly = await t.request('POST', '/api/v1/customers/transfer', {
      token: m,
      body: { ids: [mine, outside], toUserId: w.rep2.id },
    });
    expect(readOnly.status).toBe(403);
    expect((await get(m, mine)).body.ownerId).toBe(w.rep1.id);
    expect((await get(w.rep3.token, outside)).body.ownerId).toBe(w.rep3.id);

    const noGrant = await t.request('POST', '/api/v1/customers/transfer', {
      token: w.rep1.token,
      body: { ids: [mine], toUserId: w.rep2.id },
    });
    expect(noGrant.status).toBe(403);
    const bad = await t.request('POST', '/api/v1/customers/transfer', { token: m, body: { ids: [], toUserId: 'x' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['ids', 'toUserId']);
  });

  it('single transfer through the sharing routes moves department and ownedSince too', async () => {
    const w = await salesWorld(t);
    const id = await addCustomer(t, w.rep1.token);
    const res = await t.request('POST', `/api/v1/customers/${id}/transfer`, {
      token: w.manager.token,
      body: { toUserId: w.admin.user.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = (await get(w.admin.token, id)).body;
    expect(after).toMatchObject({ ownerId: w.admin.user.id, departmentId: w.root });
  });

  it('hands a leaver’s customers to the colleague (离职交接) with the colleague’s department', async () => {
    const w = await salesWorld(t);
    const id = await addCustomer(t, w.rep1.token);
    const preview = await t.request('GET', `/api/v1/employees/${w.rep1.id}/handover-preview`, { token: w.admin.token });
    expect(preview.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'customer', count: 1 })]),
    );
    const res = await t.request('POST', `/api/v1/employees/${w.rep1.id}/disable`, {
      token: w.admin.token,
      body: { handoverToId: w.admin.user.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await get(w.admin.token, id)).body).toMatchObject({ ownerId: w.admin.user.id, departmentId: w.root });
  });
});

describe('saved views (保存的视图)', () => {
  it('creates, lists and deletes the caller’s own views only', async () => {
    const w = await salesWorld(t);
    const body = {
      name: '华东重点',
      filters: { province: '浙江省', isKey: true },
      columns: ['name', 'ownerName', 'lastFollowUpAt'],
      sort: { field: 'lastFollowUpAt', order: 'asc' },
    };
    const created = await t.request('POST', '/api/v1/customers/views', { token: w.rep1.token, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject(body);
    const again = await t.request('POST', '/api/v1/customers/views', { token: w.rep1.token, body });
    expect(again.status).toBe(409);
    const bad = await t.request('POST', '/api/v1/customers/views', {
      token: w.rep1.token,
      body: { name: '', sort: { field: 'owner', order: 'up' } },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['name', 'sort.field', 'sort.order']));

    expect((await t.request('GET', '/api/v1/customers/views', { token: w.rep1.token })).body.items).toHaveLength(1);
    expect((await t.request('GET', '/api/v1/customers/views', { token: w.rep2.token })).body.items).toEqual([]);
    const foreign = await t.request('DELETE', `/api/v1/customers/views/${created.body.id}`, { token: w.rep2.token });
    expect(foreign.status).toBe(404);
    const other = await salesWorld(t);
    expect(
      (await t.request('DELETE', `/api/v1/customers/views/${created.body.id}`, { token: other.admin.token })).status,
    ).toBe(404);
    const removed = await t.request('DELETE', `/api/v1/customers/views/${created.body.id}`, { token: w.rep1.token });
    expect(removed.status).toBe(200);
    expect((await t.request('GET', '/api/v1/customers/views', { token: w.rep1.token })).body.items).toEqual([]);
    const nobody = await addEmployee(t, w.tenantId, { name: '无权限' });
    expect((await t.request('GET', '/api/v1/customers/views', { token: nobody.token })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/customers', { token: nobody.token })).status).toBe(403);
  });

  it('renames, re-saves filters and shares a view; only its owner changes it, elsewhere 404', async () => {
    const w = await salesWorld(t);
    const views = (token: string) => t.request('GET', '/api/v1/customers/views', { token });
    const patch = (token: string, id: string, body: unknown) =>
      t.request('PATCH', `/api/v1/customers/views/${id}`, { token, body });
    const create = (token: string, body: Record<string, unknown>) =>
      t.request('POST', '/api/v1/customers/views', { token, body });
    const a = await create(w.rep1.token, { name: '华东', filters: { province: '浙江省' } });
    const b = await create(w.rep1.token, { name: '华南', filters: { province: '广东省' } });
    expect(a.body).toMatchObject({ shared: false, mine: true, ownerName: '张三' });

    const renamed = await patch(w.rep1.token, a.body.id, { name: '华东重点' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ id: a.body.id, name: '华东重点', filters: { province: '浙江省' } });
    // Save the current list into the view: filters, columns and sort replaced at once.
    const resaved = await patch(w.rep1.token, a.body.id, {
      filters: { province: '浙江省', isKey: true, view: 'mine' },
      columns: ['name', 'lastFollowUpAt'],
      sort: { field: 'lastFollowUpAt', order: 'asc' },
    });
    expect(resaved.body).toMatchObject({
      name: '华东重点',
      filters: { province: '浙江省', isKey: true, view: 'mine' },
      columns: ['name', 'lastFollowUpAt'],
      sort: { field: 'lastFollowUpAt', order: 'asc' },
    });
    expect(new Date(resaved.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(a.body.updatedAt).getTime());

    // Validation: a taken name 409, bad or unknown fields 400; an empty change changes nothing.
    expect((await patch(w.rep1.token, a.body.id, { name: '华南' })).status).toBe(409);
    const bad = await patch(w.rep1.token, a.body.id, { name: '', sort: { field: 'owner', order: 'up' }, x: 1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['name', 'sort.field', 'sort.order']));
    expect((await patch(w.rep1.token, a.body.id, { shared: 'yes' })).status).toBe(400);
    expect((await patch(w.rep1.token, a.body.id, {})).body).toMatchObject({ name: '华东重点', shared: false });

    // Private: a colleague neither sees nor changes it (404), nor does another company.
    expect((await views(w.rep2.token)).body.items).toEqual([]);
    expect((await patch(w.rep2.token, a.body.id, { name: '抢走' })).status).toBe(404);
    const other = await salesWorld(t);
    expect((await patch(other.admin.token, a.body.id, { name: '抢走' })).status).toBe(404);

    // Shared: colleagues see it, read-only (403); other companies still get 404.
    const shared = await patch(w.rep1.token, a.body.id, { shared: true });
    expect(shared.body).toMatchObject({ shared: true, mine: true });
    const seen = (await views(w.rep2.token)).body.items;
    expect(seen).toEqual([
      expect.objectContaining({ id: a.body.id, name: '华东重点', mine: false, ownerName: '张三' }),
    ]);
    const notOwner = await patch(w.rep2.token, a.body.id, { name: '抢走' });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.error.code).toBe('customers.view_not_owner');
    expect((await t.request('DELETE', `/api/v1/customers/views/${a.body.id}`, { token: w.rep2.token })).status).toBe(
      403,
    );
    expect((await views(other.admin.token)).body.items).toEqual([]);
    expect((await patch(other.admin.token, a.body.id, { name: '抢走' })).status).toBe(404);
    // The colleague may keep a view of their own under the same name.
    expect((await create(w.rep2.token, { name: '华东重点' })).status).toBe(201);
    expect((await views(w.rep2.token)).body.items.map((v: { mine: boolean }) => v.mine)).toEqual([true, false]);
    expect((await views(w.rep1.token)).body.items.map((v: { name: string }) => v.name)).toEqual(['华东重点', '华南']);

    const history = await t.request('GET', `/api/v1/audit?objectType=customer_view&recordId=${a.body.id}`, {
      token: w.admin.token,
    });
    // Rename, re-save, share (the empty change is recorded without field changes).
    const updates = history.body.items.filter(
      (e: { action: string; changes: unknown[] }) => e.action === 'update' && e.changes.length,
    );
    expect(updates).toHaveLength(3);
    expect(updates.at(-1).changes).toEqual([{ field: 'name', from: '华东', to: '华东重点' }]);
    expect(b.status).toBe(201);
  });
});
