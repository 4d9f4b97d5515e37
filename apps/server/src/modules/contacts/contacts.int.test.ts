import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { addCustomer, type Company, company } from './contacts.test-fixture.ts';

let t: TestApp;
let c: Company;
let other: Session;

beforeAll(async () => {
  t = await startTestApp();
  c = await company(t);
  other = await t.registerTenant();
});
afterAll(() => t?.close());

type Who = { token: string };
const req = (method: string, url: string, who: Who, body?: unknown) =>
  t.request(method, url, { token: who.token, body });

describe('contacts', () => {
  it('creates, lists, reads, edits and deletes a contact, with its history', async () => {
    const customerId = await addCustomer(t, c.admin, c.alice.id);
    const created = await req('POST', '/api/v1/contacts', c.alice, {
      customerId,
      name: '陈经理',
      title: '采购经理',
      mobile: '+86 139-1234-5678',
      email: 'Chen@Example.COM',
      wechat: 'chen_wx',
      birthday: '1985-03-12',
      isKey: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      customerId,
      ownerId: c.alice.id,
      name: '陈经理',
      mobile: '13912345678',
      email: 'chen@example.com',
      birthday: '1985-03-12',
      isKey: true,
      custom: {},
      access: 'write',
    });
    const id = created.body.id;
    await req('POST', '/api/v1/contacts', c.alice, { customerId, name: '阿张' });

    const list = await req('GET', `/api/v1/customers/${customerId}/contacts`, c.alice);
    expect(list.status).toBe(200);
    expect(list.body.items.map((x: { name: string }) => x.name)).toEqual(['阿张', '陈经理']);
    const search = await req('GET', `/api/v1/contacts?q=${encodeURIComponent('1391234')}`, c.alice);
    expect(search.body.items.map((x: { id: string }) => x.id)).toEqual([id]);
    const keyOnly = await req('GET', `/api/v1/contacts?customerId=${customerId}&isKey=true`, c.alice);
    expect(keyOnly.body.items).toHaveLength(1);
    const paged = await req('GET', `/api/v1/contacts?customerId=${customerId}&limit=1`, c.alice);
    expect(paged.body.items).toHaveLength(1);
    const next = await req(
      'GET',
      `/api/v1/contacts?customerId=${customerId}&limit=1&cursor=${paged.body.nextCursor}`,
      c.alice,
    );
    expect(next.body.items[0].name).toBe('陈经理');
    expect(next.body.nextCursor).toBeNull();

    const edited = await req('PATCH', `/api/v1/contacts/${id}`, c.alice, { title: '总经理', birthday: null });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: '总经理', birthday: null, name: '陈经理' });
    const history = await req('GET', `/api/v1/contacts/${id}/history`, c.alice);
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual(['update', 'create']);
    expect(history.body.items[0].changes).toContainEqual({ field: 'title', from: '采购经理', to: '总经理' });

    expect((await req('DELETE', `/api/v1/contacts/${id}`, c.alice)).status).toBe(200);
    expect((await req('GET', `/api/v1/contacts/${id}`, c.alice)).status).toBe(404);
  });

  it('answers bad input with 400 and field messages', async () => {
    const customerId = await addCustomer(t, c.admin, c.alice.id);
    const bad = await req('POST', '/api/v1/contacts', c.alice, {
      customerId,
      name: '',
      mobile: '123',
      email: 'nope',
      birthday: '2023-02-29',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({
      name: '必填',
      mobile: '手机号格式不正确',
      email: '邮箱格式不正确',
      birthday: '生日日期不正确',
    });
    const future = await req('POST', '/api/v1/contacts', c.alice, { customerId, name: '甲', birthday: '2999-01-01' });
    expect(future.body.error.fields.birthday).toBe('生日日期不正确');
    const leap = await req('POST', '/api/v1/contacts', c.alice, { customerId, name: '闰', birthday: '2000-02-29' });
    expect(leap.status).toBe(201);
    const unknownCustom = await req('POST', '/api/v1/contacts', c.alice, {
      customerId,
      name: '乙',
      custom: { nope: 1 },
    });
    expect(unknownCustom.status).toBe(400);
    expect(Object.keys(unknownCustom.body.error.fields)).toEqual(['custom.nope']);
    const badCursor = await req('GET', '/api/v1/contacts?cursor=zzz', c.alice);
    expect(badCursor.status).toBe(400);
  });

  it('refuses without the grant (403)', async () => {
    const customerId = await addCustomer(t, c.admin, c.viewer.id);
    expect((await req('GET', '/api/v1/contacts', c.viewer)).status).toBe(403);
    expect((await req('POST', '/api/v1/contacts', c.viewer, { customerId, name: '甲' })).status).toBe(403);
    const made = await req('POST', '/api/v1/contacts', c.admin, { customerId, name: '乙' });
    expect((await req('PATCH', `/api/v1/contacts/${made.body.id}`, c.viewer, { name: '丙' })).status).toBe(403);
    expect((await req('DELETE', `/api/v1/contacts/${made.body.id}`, c.viewer)).status).toBe(403);
    expect((await req('POST', '/api/v1/contacts/mass-sms', c.viewer, { ids: [made.body.id], body: 'x' })).status).toBe(
      403,
    );
  });

  it("answers 404 for another tenant's contact and customer", async () => {
    const customerId = await addCustomer(t, c.admin, c.alice.id);
    const made = await req('POST', '/api/v1/contacts', c.admin, { customerId, name: '外' });
    const id = made.body.id;
    for (const [method, url, body] of [
      ['GET', `/api/v1/contacts/${id}`],
      ['PATCH', `/api/v1/contacts/${id}`, { name: 'x' }],
      ['DELETE', `/api/v1/contacts/${id}`],
      ['GET', `/api/v1/contacts/${id}/history`],
      ['GET', `/api/v1/customers/${customerId}/contacts`],
    ] as const) {
      expect((await req(method, url, other, body)).status, `${method} ${url}`).toBe(404);
    }
    const create = await req('POST', '/api/v1/contacts', other, { customerId, name: '外' });
    expect(create.status).toBe(404);
    expect((await req('GET', '/api/v1/contacts', other)).body.items).toEqual([]);
  });

  it("hides a colleague's customer's contacts until the customer is shared", async () => {
    const bobsCustomer = await addCustomer(t, c.admin, c.bob.id);
    const made = await req('POST', '/api/v1/contacts', c.bob, { customerId: bobsCustomer, name: '波的客户人' });
    expect(made.status).toBe(201);
    const id = made.body.id;

    expect((await req('GET', `/api/v1/contacts/${id}`, c.alice)).status).toBe(404);
    expect((await req('GET', `/api/v1/customers/${bobsCustomer}/contacts`, c.alice)).status).toBe(404);
    const aliceList = await req('GET', '/api/v1/contacts?limit=200', c.alice);
    expect(aliceList.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await req('POST', '/api/v1/contacts', c.alice, { customerId: bobsCustomer, name: '偷加' })).status).toBe(
      404,
    );

    // Read share: visible, not writable.
    const share = await req('POST', `/api/v1/customers/${bobsCustomer}/shares`, c.admin, {
      userId: c.alice.id,
      access: 'read',
    });
    expect(share.status).toBeLessThan(300);
    const seen = await req('GET', `/api/v1/contacts/${id}`, c.alice);
    expect(seen.status).toBe(200);
    expect(seen.body.access).toBe('read');
    expect(
      (await req('GET', '/api/v1/contacts?limit=200', c.alice)).body.items.map((x: { id: string }) => x.id),
    ).toContain(id);
    expect((await req('PATCH', `/api/v1/contacts/${id}`, c.alice, { name: '改' })).status).toBe(403);
    expect((await req('POST', '/api/v1/contacts', c.alice, { customerId: bobsCustomer, name: '加' })).status).toBe(403);

    // Read-write share: writable.
    await req('POST', `/api/v1/customers/${bobsCustomer}/shares`, c.admin, { userId: c.alice.id, access: 'write' });
    expect((await req('PATCH', `/api/v1/contacts/${id}`, c.alice, { name: '改了' })).status).toBe(200);
    expect((await req('POST', '/api/v1/contacts', c.alice, { customerId: bobsCustomer, name: '加' })).status).toBe(201);
  });
});
