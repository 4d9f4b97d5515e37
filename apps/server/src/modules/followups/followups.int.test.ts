import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { addCustomer, type Company, company, followUpColumns } from '../contacts/contacts.test-fixture.ts';

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
const iso = (s: string) => new Date(s).toISOString();
const columns = (customerId: string) => followUpColumns(t, c.admin.tenant.id, customerId);

describe('follow-ups', () => {
  it('keeps last_follow_up_at and next_contact_at right through create, edit and delete', async () => {
    const customerId = await addCustomer(t, c.admin, c.alice.id);
    const contact = await req('POST', '/api/v1/contacts', c.alice, { customerId, name: '陈' });
    const first = await req('POST', '/api/v1/follow-ups', c.alice, {
      customerId,
      contactId: contact.body.id,
      kind: 'visit',
      content: '上门拜访，介绍产品',
      at: '2025-03-01T02:00:00Z',
      nextContactAt: '2025-03-08T02:00:00Z',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      customerId,
      contactId: contact.body.id,
      contactName: '陈',
      kind: 'visit',
      authorId: c.alice.id,
      authorName: '李丽',
      attachments: [],
      access: 'write',
    });
    expect(await columns(customerId)).toEqual({ last: iso('2025-03-01T02:00:00Z'), next: iso('2025-03-08T02:00:00Z') });

    // An older follow-up recorded later changes neither.
    const older = await req('POST', '/api/v1/follow-ups', c.alice, {
      customerId,
      kind: 'call',
      content: '电话',
      at: '2025-02-01T02:00:00Z',
      nextContactAt: '2025-02-02T02:00:00Z',
    });
    expect(await columns(customerId)).toEqual({ last: iso('2025-03-01T02:00:00Z'), next: iso('2025-03-08T02:00:00Z') });

    // Moving the older one past the first makes it the latest.
    const moved = await req('PATCH', `/api/v1/follow-ups/${older.body.id}`, c.alice, { at: '2025-03-05T02:00:00Z' });
    expect(moved.status).toBe(200);
    expect(await columns(customerId)).toEqual({ last: iso('2025-03-05T02:00:00Z'), next: iso('2025-02-02T02:00:00Z') });
    await req('PATCH', `/api/v1/follow-ups/${older.body.id}`, c.alice, { nextContactAt: null });
    expect((await columns(customerId)).next).toBeNull();

    // Deleting the latest falls back to the previous one; deleting all clears both.
    expect((await req('DELETE', `/api/v1/follow-ups/${older.body.id}`, c.alice)).status).toBe(200);
    expect(await columns(customerId)).toEqual({ last: iso('2025-03-01T02:00:00Z'), next: iso('2025-03-08T02:00:00Z') });
    await req('DELETE', `/api/v1/follow-ups/${first.body.id}`, c.alice);
    expect(await columns(customerId)).toEqual({ last: null, next: null });

    // Deleting a contact keeps its follow-ups on the customer.
    const withContact = await req('POST', '/api/v1/follow-ups', c.alice, {
      customerId,
      contactId: contact.body.id,
      kind: 'wechat',
      content: '微信沟通',
    });
    await req('DELETE', `/api/v1/contacts/${contact.body.id}`, c.alice);
    const kept = await req('GET', `/api/v1/follow-ups/${withContact.body.id}`, c.alice);
    expect(kept.body).toMatchObject({ contactId: null, contactName: null });
    const history = await req('GET', `/api/v1/follow-ups/${withContact.body.id}/history`, c.alice);
    expect(history.body.items[0].action).toBe('create');
  });

  it('pages the timeline newest first', async () => {
    const customerId = await addCustomer(t, c.admin, c.alice.id);
    for (const day of [3, 1, 5, 2, 4]) {
      await req('POST', '/api/v1/follow-ups', c.alice, {
        customerId,
        kind: 'note',
        content: `第${day}天`,
        at: `2025-01-0${day}T00:00:00Z`,
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const res = await req('GET', `/api/v1/customers/${customerId}/follow-ups?limit=2${q}`, c.alice);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((f: { content: string }) => f.content));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['第5天', '第4天', '第3天', '第2天', '第1天']);
  });

  it('answers bad input with 400', async () => {
    const customerId = await addCustomer(t, c.admin, c.alice.id);
    const bad = await req('POST', '/api/v1/follow-ups', c.alice, { customerId, kind: 'fax', content: '' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['content', 'kind']);
    const bobsCustomer = await addCustomer(t, c.admin, c.bob.id);
    const bobsContact = await req('POST', '/api/v1/contacts', c.bob, { customerId: bobsCustomer, name: '波' });
    const wrongContact = await req('POST', '/api/v1/follow-ups', c.alice, {
      customerId,
      contactId: bobsContact.body.id,
      kind: 'call',
      content: '错配',
    });
    expect(wrongContact.status).toBe(400);
    expect(wrongContact.body.error.fields.contactId).toBe('该联系人不属于此客户');
  });

  it('needs the grant (403) and write access to the customer', async () => {
    const customerId = await addCustomer(t, c.admin, c.viewer.id);
    expect((await req('POST', '/api/v1/follow-ups', c.viewer, { customerId, kind: 'call', content: 'x' })).status).toBe(
      403,
    );
    expect((await req('GET', `/api/v1/customers/${customerId}/follow-ups`, c.viewer)).status).toBe(403);
    const made = await req('POST', '/api/v1/follow-ups', c.admin, { customerId, kind: 'call', content: 'x' });
    expect((await req('PATCH', `/api/v1/follow-ups/${made.body.id}`, c.viewer, { content: 'y' })).status).toBe(403);
    expect((await req('DELETE', `/api/v1/follow-ups/${made.body.id}`, c.viewer)).status).toBe(403);

    // Bob's customer: invisible to Alice (404), then read-shared (403 on writes), then writable.
    const bobsCustomer = await addCustomer(t, c.admin, c.bob.id);
    const bobs = await req('POST', '/api/v1/follow-ups', c.bob, {
      customerId: bobsCustomer,
      kind: 'call',
      content: '波',
    });
    expect((await req('GET', `/api/v1/follow-ups/${bobs.body.id}`, c.alice)).status).toBe(404);
    expect((await req('GET', `/api/v1/customers/${bobsCustomer}/follow-ups`, c.alice)).status).toBe(404);
    const add = { customerId: bobsCustomer, kind: 'call', content: '李' };
    expect((await req('POST', '/api/v1/follow-ups', c.alice, add)).status).toBe(404);
    await req('POST', `/api/v1/customers/${bobsCustomer}/shares`, c.admin, { userId: c.alice.id, access: 'read' });
    expect((await req('GET', `/api/v1/customers/${bobsCustomer}/follow-ups`, c.alice)).body.items).toHaveLength(1);
    expect((await req('POST', '/api/v1/follow-ups', c.alice, add)).status).toBe(403);
    expect((await req('DELETE', `/api/v1/follow-ups/${bobs.body.id}`, c.alice)).status).toBe(403);
  });

  it("answers 404 for another tenant's follow-up", async () => {
    const customerId = await addCustomer(t, c.admin, c.alice.id);
    const made = await req('POST', '/api/v1/follow-ups', c.admin, { customerId, kind: 'call', content: 'x' });
    const id = made.body.id;
    for (const [method, url, body] of [
      ['GET', `/api/v1/follow-ups/${id}`],
      ['PATCH', `/api/v1/follow-ups/${id}`, { content: 'y' }],
      ['DELETE', `/api/v1/follow-ups/${id}`],
      ['GET', `/api/v1/follow-ups/${id}/history`],
      ['GET', `/api/v1/customers/${customerId}/follow-ups`],
    ] as const) {
      expect((await req(method, url, other, body)).status, `${method} ${url}`).toBe(404);
    }
    expect((await req('POST', '/api/v1/follow-ups', other, { customerId, kind: 'call', content: 'x' })).status).toBe(
      404,
    );
  });
});

describe('reminders', () => {
  it('lists my customers whose next contact is due within a day, and birthdays within N days', async () => {
    const now = '2025-12-29T04:00:00Z';
    const due = await addCustomer(t, c.admin, c.bob.id, `到期客户${Date.now()}`);
    const later = await addCustomer(t, c.admin, c.bob.id);
    const alices = await addCustomer(t, c.admin, c.alice.id);
    const follow = (customerId: string, next: string) =>
      req('POST', '/api/v1/follow-ups', c.admin, {
        customerId,
        kind: 'call',
        content: 'x',
        at: '2025-12-20T00:00:00Z',
        nextContactAt: next,
      });
    await follow(due, '2025-12-30T01:00:00Z');
    await follow(later, '2026-01-05T01:00:00Z');
    await follow(alices, '2025-12-28T01:00:00Z');
    const contact = (customerId: string, name: string, birthday: string) =>
      req('POST', '/api/v1/contacts', c.admin, { customerId, name, birthday });
    const newYear = await contact(due, '元旦生', '1990-01-02');
    await contact(due, '远', '1990-01-20');
    await contact(alices, '李的', '1990-12-30');
    const leap = await contact(later, '闰日', '2000-02-29');

    const res = await req('GET', `/api/v1/reminders?asOf=${now}`, c.bob);
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ follow_up_due: 1, contact_birthday: 1 });
    expect(
      res.body.items.map((i: { type: string; recordId: string; dueAt: string }) => [i.type, i.recordId, i.dueAt]),
    ).toEqual([
      ['follow_up_due', due, iso('2025-12-30T01:00:00Z')],
      ['contact_birthday', newYear.body.id, iso('2026-01-01T16:00:00Z')],
    ]);
    expect(res.body.items[0]).toMatchObject({ recordType: 'customer', url: `/customers/${due}` });

    // A longer window reaches 20 January; 29 February falls on 28 February in 2027.
    const wide = await req('GET', `/api/v1/reminders?asOf=${now}&days=30`, c.bob);
    expect(wide.body.counts.contact_birthday).toBe(2);
    const feb = await req('GET', '/api/v1/reminders?asOf=2027-02-26T04:00:00Z&days=3', c.bob);
    expect(feb.body.items.find((i: { recordId: string }) => i.recordId === leap.body.id)?.dueAt).toBe(
      iso('2027-02-27T16:00:00Z'),
    );

    // Alice sees only hers (overdue counts too); another tenant sees nothing.
    const alice = await req('GET', `/api/v1/reminders?asOf=${now}`, c.alice);
    expect(alice.body.items.map((i: { recordId: string }) => i.recordId)).toEqual([alices, expect.any(String)]);
    const stranger = await req('GET', `/api/v1/reminders?asOf=${now}`, other);
    expect(stranger.body.items).toEqual([]);
    expect((await req('GET', '/api/v1/reminders?days=999', c.bob)).status).toBe(400);
  });
});
