import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { salesWorld } from '../customers/customers.test-helpers.ts';
import { addEmployee, addRole } from '../roles/test-users.ts';
import { registerLeadConversionStep, unregisterLeadConversionStep } from './leads.convert.ts';

const base = '/api/v1/leads';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

type Tok = { token: string };
let seq = 0;
const uniq = () => `${++seq}${Date.now().toString(36).slice(-4)}`;
const create = (s: Tok, body: Record<string, unknown>) =>
  t.request('POST', base, { token: s.token, body: { companyName: `线索公司${uniq()}`, ...body } });
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((r) => r.id);

async function count(tenantId: string, query: ReturnType<typeof sql>): Promise<number> {
  return inTenant(t.services.database.db, tenantId, async (tx) =>
    Number((await tx.execute<{ n: number }>(query)).rows[0]?.n ?? 0),
  );
}

describe('leads', () => {
  it('creates, reads, lists with filters and search, changes, shows the history of and deletes a lead', async () => {
    const admin = await t.registerTenant();
    const created = await create(admin, {
      companyName: '杭州云帆科技有限公司',
      source: '展会',
      contactName: '赵云',
      title: '采购经理',
      phone: '0571-8888 1234',
      mobile: '+86 138 0000 1111',
      email: 'ZhaoYun@YunFan.cn',
      address: '杭州市西湖区',
      notes: '展会上留的名片',
      nextContactAt: '2030-01-02T00:00:00.000Z',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      companyName: '杭州云帆科技有限公司',
      status: 'new',
      phone: '0571-88881234',
      mobile: '13800001111',
      email: 'zhaoyun@yunfan.cn',
      ownerId: admin.user.id,
      ownerName: admin.user.name,
      convertedCustomerId: null,
    });
    const id = created.body.id;
    const other = (await create(admin, { source: '网络推广', contactName: '孙权', status: 'following' })).body;

    expect((await t.request('GET', `${base}/${id}`, { token: admin.token })).body.contactName).toBe('赵云');
    for (const [query, expected] of [
      ['q=云帆', [id]],
      ['q=赵云', [id]],
      ['q=8888', [id]],
      ['q=13800001111', [id]],
      ['status=following', [other.id]],
      ['source=展会', [id]],
      [`ownerId=${admin.user.id}`, [other.id, id]],
      [`createdFrom=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`, [other.id, id]],
      ['createdTo=2000-01-01', []],
    ] as const) {
      const res = await t.request('GET', `${base}?${query}`, { token: admin.token });
      expect(res.status, query).toBe(200);
      expect(ids(res), query).toEqual(expected);
    }

    const patched = await t.request('PATCH', `${base}/${id}`, {
      token: admin.token,
      body: { status: 'invalid', invalidReason: '空号' },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ status: 'invalid', invalidReason: '空号' });
    const back = await t.request('PATCH', `${base}/${id}`, { token: admin.token, body: { status: 'following' } });
    expect(back.body).toMatchObject({ status: 'following', invalidReason: null });

    const history = await t.request('GET', `${base}/${id}/history`, { token: admin.token });
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'update', 'create']);

    expect((await t.request('DELETE', `${base}/${id}`, { token: admin.token })).status).toBe(200);
    expect((await t.request('GET', `${base}/${id}`, { token: admin.token })).status).toBe(404);
  });

  it('pages the list with a cursor, newest first', async () => {
    const admin = await t.registerTenant();
    for (const name of ['甲公司', '乙公司', '丙公司'])
      expect((await create(admin, { companyName: name })).status).toBe(201);
    const first = await t.request('GET', `${base}?limit=2`, { token: admin.token });
    expect(first.body.items.map((r: { companyName: string }) => r.companyName)).toEqual(['丙公司', '乙公司']);
    const second = await t.request('GET', `${base}?limit=2&cursor=${first.body.nextCursor}`, { token: admin.token });
    expect(second.body.items.map((r: { companyName: string }) => r.companyName)).toEqual(['甲公司']);
    expect(second.body.nextCursor).toBeNull();
    expect((await t.request('GET', `${base}?cursor=not-a-cursor`, { token: admin.token })).status).toBe(400);
  });

  it('answers bad input with 400 and field errors in the caller language', async () => {
    const admin = await t.registerTenant();
    const zh = await t.request('POST', base, {
      token: admin.token,
      body: { companyName: '', mobile: '123', email: 'nope', status: 'converted' },
    });
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('common.validation');
    expect(Object.keys(zh.body.error.fields).sort()).toEqual(['companyName', 'email', 'mobile', 'status']);
    expect(zh.body.error.fields.companyName).toBe('必填');
    const en = await t.request('POST', base, { token: admin.token, body: {}, lang: 'en' });
    expect(en.body.error.fields.companyName).toBe('Required');
    const noReason = await create(admin, { status: 'invalid' });
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.error.fields)).toEqual(['invalidReason']);
    const badConvert = await t.request('POST', `${base}/${admin.user.id}/convert`, {
      token: admin.token,
      body: { customer: { mode: 'maybe' } },
    });
    expect(badConvert.status).toBe(400);
  });

  it('answers 403 without the grant', async () => {
    const w = await salesWorld(t);
    const nobody = await addEmployee(t, w.tenantId, { roleIds: [await addRole(t, w.tenantId, [])] });
    const list = await t.request('GET', base, { token: nobody.token });
    expect(list.status).toBe(403);
    expect(list.body.error.code).toBe('common.forbidden');
    expect((await create(w.viewer, {})).status).toBe(403);
    // Salespeople claim but neither assign nor change the pool's settings.
    const lead = (await create(w.admin, { ownerId: null })).body;
    const assign = await t.request('POST', `${base}/assign`, {
      token: w.rep1.token,
      body: { ids: [lead.id], toUserId: w.rep1.id },
    });
    expect(assign.status).toBe(403);
    const settings = await t.request('PUT', `${base}/pool/settings`, {
      token: w.rep1.token,
      body: { claimDailyLimit: 1, maxOwned: null },
    });
    expect(settings.status).toBe(403);
    // Converting into a new customer also needs customers.create.
    const convertOnly = await addEmployee(t, w.tenantId, {
      roleIds: [await addRole(t, w.tenantId, ['leads.view', 'leads.create', 'leads.convert'], { leads: 'own' })],
    });
    const own = (await create(convertOnly, {})).body;
    const convert = await t.request('POST', `${base}/${own.id}/convert`, {
      token: convertOnly.token,
      body: { customer: { mode: 'new' }, contact: { mode: 'none' } },
    });
    expect(convert.status).toBe(403);
  });

  it('follows the data scope: own, subordinates, all; the pool is visible to everyone', async () => {
    const w = await salesWorld(t);
    const r1 = (await create(w.rep1, {})).body;
    const r2 = (await create(w.rep2, {})).body;
    const r3 = (await create(w.rep3, {})).body;
    const m = (await create(w.manager, {})).body;
    const pool = (await create(w.admin, { ownerId: null })).body;

    expect(ids(await t.request('GET', base, { token: w.rep1.token }))).toEqual([r1.id]);
    expect(ids(await t.request('GET', base, { token: w.manager.token }))).toEqual([m.id, r2.id, r1.id]);
    expect(ids(await t.request('GET', base, { token: w.admin.token }))).toEqual([m.id, r3.id, r2.id, r1.id]);
    expect(ids(await t.request('GET', `${base}/pool`, { token: w.rep1.token }))).toEqual([pool.id]);

    expect((await t.request('GET', `${base}/${r2.id}`, { token: w.rep1.token })).status).toBe(404);
    expect((await t.request('GET', `${base}/${r3.id}`, { token: w.manager.token })).status).toBe(404);
    expect((await t.request('GET', `${base}/${pool.id}`, { token: w.rep1.token })).status).toBe(200);
    const edit = await t.request('PATCH', `${base}/${r2.id}`, { token: w.rep1.token, body: { notes: 'x' } });
    expect(edit.status).toBe(404);
    // A salesperson may not change a pool lead, nor give a lead to someone outside their scope.
    const poolEdit = await t.request('PATCH', `${base}/${pool.id}`, { token: w.rep1.token, body: { notes: 'x' } });
    expect(poolEdit.status).toBe(403);
    const outside = await create(w.rep1, { ownerId: w.rep2.id });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields.ownerId).toBeTruthy();
    expect((await create(w.manager, { ownerId: w.rep2.id })).status).toBe(201);
  });

  it('checks duplicates against leads and customers, hides what the caller may not see, and 409s on create', async () => {
    const w = await salesWorld(t);
    const mine = (await create(w.rep1, { companyName: '上海东方明珠有限公司', mobile: '13911112222' })).body;
    await create(w.rep2, { companyName: '北京长城贸易有限公司', phone: '010-66668888' });
    const customer = await t.request('POST', '/api/v1/customers', {
      token: w.rep1.token,
      body: { name: '深圳华南电子有限公司', email: 'info@huanan.cn', force: true },
    });
    expect(customer.status).toBe(201);

    const check = (q: string) => t.request('GET', `${base}/duplicate-check?${q}`, { token: w.rep1.token });
    const byMobile = await check('mobile=139-1111-2222');
    expect(byMobile.status).toBe(200);
    expect(byMobile.body.leads).toEqual([
      expect.objectContaining({ id: mine.id, visible: true, matchedOn: ['mobile'] }),
    ]);
    // The company name key ignores "有限公司" and the like, and rep1 may not see rep2's lead.
    const byName = await check(`companyName=${encodeURIComponent('北京长城贸易')}`);
    expect(byName.body.leads).toEqual([
      {
        id: null,
        companyName: '北京长城贸易有限公司',
        ownerName: '李四',
        status: 'new',
        matchedOn: ['name'],
        visible: false,
      },
    ]);
    const byEmail = await check('email=INFO@huanan.cn');
    expect(byEmail.body.customers).toEqual([
      expect.objectContaining({ id: customer.body.id, name: '深圳华南电子有限公司', matchedOn: ['email'] }),
    ]);
    expect((await check('')).body).toEqual({ leads: [], customers: [] });

    const dup = await create(w.rep1, { companyName: '深圳华南电子有限公司' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('leads.duplicate');
    expect(dup.body.error.duplicates.customers).toHaveLength(1);
    expect((await create(w.rep1, { companyName: '深圳华南电子有限公司', force: true })).status).toBe(201);
    // Editing a lead to collide also asks; unchanged keys do not.
    const other = (await create(w.rep1, {})).body;
    const clash = await t.request('PATCH', `${base}/${other.id}`, {
      token: w.rep1.token,
      body: { mobile: '13911112222' },
    });
    expect(clash.status).toBe(409);
    expect(
      (await t.request('PATCH', `${base}/${mine.id}`, { token: w.rep1.token, body: { notes: '无变化' } })).status,
    ).toBe(200);
  });

  it('runs the pool: claim once, daily limit, maximum owned, return with a reason, assignment', async () => {
    const w = await salesWorld(t);
    const a = (await create(w.admin, { ownerId: null })).body;
    const b = (await create(w.admin, { ownerId: null })).body;
    const c = (await create(w.admin, { ownerId: null })).body;

    const claimed = await t.request('POST', `${base}/${a.id}/claim`, { token: w.rep1.token });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(claimed.body.ownerId).toBe(w.rep1.id);
    const late = await t.request('POST', `${base}/${a.id}/claim`, { token: w.rep2.token });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('leads.already_claimed');

    // Two people at once: exactly one wins.
    const race = await Promise.all([
      t.request('POST', `${base}/${b.id}/claim`, { token: w.rep2.token }),
      t.request('POST', `${base}/${b.id}/claim`, { token: w.rep3.token }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);

    const put = await t.request('PUT', `${base}/pool/settings`, {
      token: w.manager.token,
      body: { claimDailyLimit: 1, maxOwned: null },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const limited = await t.request('POST', `${base}/${c.id}/claim`, { token: w.rep1.token });
    expect(limited.status).toBe(409);
    expect(limited.body.error.code).toBe('leads.daily_limit');
    await t.request('PUT', `${base}/pool/settings`, {
      token: w.manager.token,
      body: { claimDailyLimit: null, maxOwned: 1 },
    });
    const full = await t.request('POST', `${base}/${c.id}/claim`, { token: w.rep1.token });
    expect(full.body.error.code).toBe('leads.max_owned');
    expect((await t.request('GET', `${base}/pool/settings`, { token: w.rep1.token })).body).toEqual({
      claimDailyLimit: null,
      maxOwned: 1,
    });

    const noReason = await t.request('POST', `${base}/${a.id}/return`, { token: w.rep1.token, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.reason).toBeTruthy();
    const returned = await t.request('POST', `${base}/${a.id}/return`, {
      token: w.rep1.token,
      body: { reason: '客户暂无需求' },
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({ ownerId: null, returnReason: '客户暂无需求' });
    expect(ids(await t.request('GET', `${base}/pool`, { token: w.rep2.token }))).toEqual([c.id, a.id]);

    const assigned = await t.request('POST', `${base}/assign`, {
      token: w.manager.token,
      body: { ids: [a.id, c.id], toUserId: w.rep2.id },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body.assigned).toBe(2);
    expect(ids(await t.request('GET', `${base}/pool`, { token: w.rep2.token }))).toEqual([]);
    // All or none: a lead no longer in the pool refuses the whole assignment.
    const again = await t.request('POST', `${base}/assign`, {
      token: w.manager.token,
      body: { ids: [a.id], toUserId: w.rep1.id },
    });
    expect(again.status).toBe(409);
    // The manager may only assign within their scope.
    const outside = await t.request('POST', `${base}/assign`, {
      token: w.manager.token,
      body: { ids: [a.id], toUserId: w.rep3.id },
    });
    expect(outside.status).toBe(400);
  });

  it('converts a lead into a new customer and contact in one go; the lead is read-only afterwards', async () => {
    const w = await salesWorld(t);
    const lead = (
      await create(w.rep1, {
        companyName: '武汉楚天光电有限公司',
        contactName: '黄忠',
        title: '总工',
        mobile: '13700001234',
        email: 'hz@chutian.cn',
        source: '展会',
      })
    ).body;
    // The opportunities module registers its step; sending nothing under steps.opportunity skips it.
    expect((await t.request('GET', `${base}/conversion-steps`, { token: w.rep1.token })).body.items).toContain(
      'opportunity',
    );
    const res = await t.request('POST', `${base}/${lead.id}/convert`, {
      token: w.rep1.token,
      body: { customer: { mode: 'new' }, contact: { mode: 'new' } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.lead).toMatchObject({
      status: 'converted',
      convertedCustomerId: res.body.customerId,
      convertedContactId: res.body.contactId,
      convertedOpportunityId: null,
      convertedBy: w.rep1.id,
    });
    const customer = await t.request('GET', `/api/v1/customers/${res.body.customerId}`, { token: w.rep1.token });
    expect(customer.body).toMatchObject({ name: '武汉楚天光电有限公司', ownerId: w.rep1.id, source: '展会' });
    const contact = await t.request('GET', `/api/v1/contacts/${res.body.contactId}`, { token: w.rep1.token });
    expect(contact.body).toMatchObject({ name: '黄忠', mobile: '13700001234', customerId: res.body.customerId });

    const edit = await t.request('PATCH', `${base}/${lead.id}`, { token: w.rep1.token, body: { notes: '改' } });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('leads.converted');
    const twice = await t.request('POST', `${base}/${lead.id}/convert`, {
      token: w.rep1.token,
      body: { customer: { mode: 'new' } },
    });
    expect(twice.status).toBe(409);
    expect((await t.request('DELETE', `${base}/${lead.id}`, { token: w.admin.token })).status).toBe(409);

    // The customers' duplicate check applies to a new customer: a second lead of the same company gets 409.
    const second = (await create(w.rep1, { companyName: '武汉楚天光电有限公司', force: true })).body;
    const dup = await t.request('POST', `${base}/${second.id}/convert`, {
      token: w.rep1.token,
      body: { customer: { mode: 'new' }, contact: { mode: 'none' } },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('customers.duplicate');
    // ...so it goes to the existing customer with the existing contact instead.
    const existing = await t.request('POST', `${base}/${second.id}/convert`, {
      token: w.rep1.token,
      body: {
        customer: { mode: 'existing', customerId: res.body.customerId },
        contact: { mode: 'existing', contactId: res.body.contactId },
      },
    });
    expect(existing.status, JSON.stringify(existing.body)).toBe(200);
    expect(existing.body).toMatchObject({ customerId: res.body.customerId, contactId: res.body.contactId });
  });

  it('converts all or nothing: a failing contact step or registered step leaves no customer behind', async () => {
    const w = await salesWorld(t);
    const otherCustomer = await t.request('POST', '/api/v1/customers', {
      token: w.rep1.token,
      body: { name: '另一家客户有限公司', force: true },
    });
    const otherContact = await t.request('POST', '/api/v1/contacts', {
      token: w.rep1.token,
      body: { customerId: otherCustomer.body.id, name: '别人' },
    });
    expect(otherContact.status).toBe(201);
    const lead = (await create(w.rep1, { companyName: '原子性测试有限公司', contactName: '甘宁' })).body;
    const customersNamed = () =>
      count(w.tenantId, sql`SELECT count(*) AS n FROM customers WHERE name = '原子性测试有限公司'`);

    // The contact step fails after the customer was created: everything rolls back.
    const wrongContact = await t.request('POST', `${base}/${lead.id}/convert`, {
      token: w.rep1.token,
      body: { customer: { mode: 'new' }, contact: { mode: 'existing', contactId: otherContact.body.id } },
    });
    expect(wrongContact.status).toBe(400);
    expect(wrongContact.body.error.fields['contact.contactId']).toBeTruthy();
    expect(await customersNamed()).toBe(0);

    // A registered step that throws undoes customer and contact.
    let seen: unknown;
    registerLeadConversionStep('test_step', async (_ctx, args) => {
      seen = args;
      if (args.input.fail) throw new Error('boom');
      return { opportunityId: '0190f2a0-0000-7000-8000-000000000001' };
    });
    try {
      const failed = await t.request('POST', `${base}/${lead.id}/convert`, {
        token: w.rep1.token,
        body: { customer: { mode: 'new' }, contact: { mode: 'new' }, steps: { test_step: { fail: true } } },
      });
      expect(failed.status).toBe(500);
      expect(await customersNamed()).toBe(0);
      expect(await count(w.tenantId, sql`SELECT count(*) AS n FROM contacts WHERE name = '甘宁'`)).toBe(0);
      expect((await t.request('GET', `${base}/${lead.id}`, { token: w.rep1.token })).body.status).toBe('new');

      const ok = await t.request('POST', `${base}/${lead.id}/convert`, {
        token: w.rep1.token,
        body: { customer: { mode: 'new' }, steps: { test_step: { name: '商机' } } },
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.lead.convertedOpportunityId).toBe('0190f2a0-0000-7000-8000-000000000001');
      expect(seen).toMatchObject({
        customerId: ok.body.customerId,
        contactId: ok.body.contactId,
        input: { name: '商机' },
      });
    } finally {
      unregisterLeadConversionStep('test_step');
    }
    const unknownStep = await t.request('POST', `${base}/${(await create(w.rep1, {})).body.id}/convert`, {
      token: w.rep1.token,
      body: { customer: { mode: 'new' }, contact: { mode: 'none' }, steps: { test_step: {} } },
    });
    expect(unknownStep.status).toBe(400);
  });

  it("answers 404 for another tenant's lead on every route", async () => {
    const a = await t.registerTenant();
    const b: Session = await t.registerTenant();
    const id = (await create(a, { companyName: 'A 公司的线索' })).body.id;
    for (const [method, url, body] of [
      ['GET', `${base}/${id}`, undefined],
      ['PATCH', `${base}/${id}`, { notes: '偷改' }],
      ['DELETE', `${base}/${id}`, undefined],
      ['GET', `${base}/${id}/history`, undefined],
      ['POST', `${base}/${id}/claim`, undefined],
      ['POST', `${base}/${id}/return`, { reason: '偷退' }],
      ['POST', `${base}/${id}/convert`, { customer: { mode: 'new' }, contact: { mode: 'none' } }],
    ] as const) {
      const res = await t.request(method, url, { token: b.token, body });
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.error.code).toBe('common.not_found');
    }
    const assign = await t.request('POST', `${base}/assign`, {
      token: b.token,
      body: { ids: [id], toUserId: b.user.id },
    });
    expect(assign.status).toBe(409);
    expect((await t.request('GET', base, { token: b.token })).body.items).toEqual([]);
    expect(
      (await t.request('GET', `${base}/duplicate-check?companyName=A 公司的线索`, { token: b.token })).body.leads,
    ).toEqual([]);
    expect((await t.request('GET', `${base}/${id}`, { token: a.token })).body.companyName).toBe('A 公司的线索');
  });
});
