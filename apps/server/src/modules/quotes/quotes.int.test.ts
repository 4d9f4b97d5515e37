import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { addCustomer, salesWorld } from '../customers/customers.test-helpers.ts';
import { addOpportunity, standardType } from '../opportunities/opportunities.test-helpers.ts';
import { addEmployee, addRole, roleIdByCode } from '../roles/test-users.ts';
import { setPdfFonts } from './quotes.pdf.ts';
import { addContact, addParty, addProduct, addQuote, base, pdfUnicodeText } from './quotes.test-helpers.ts';
import { computeTotals } from './quotes.totals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const year = new Date().getFullYear();
const raw = (url: string, token?: string) =>
  t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('quotes (报价)', () => {
  it('creates a quote with list prices per unit, computes the totals on the server, numbers it per tenant', async () => {
    const admin = await t.registerTenant();
    const product = await addProduct(t, admin.token);
    const { customerId, contactId } = await addParty(t, admin.token);
    const type = await standardType(t, admin.token);
    const opp = await addOpportunity(t, admin.token, { customerId, typeId: type.id });
    const q = await addQuote(t, admin.token, {
      customerId,
      contactId,
      opportunityId: opp.id,
      title: '年度办公用品',
      extraDiscount: '10.00',
      terms: '货到付款',
      lines: [
        { productId: product.id, unit: '箱', quantity: '3', discountRate: '5', taxRate: '13' },
        { productId: product.id, unit: '包', quantity: '2.5', taxRate: '0' },
        { productId: product.id, unit: '托', quantity: '1', unitPrice: '4000', discountRate: '12.5', taxRate: '9' },
      ],
    });
    expect(q.number).toBe(`BJ-${year}-0001`);
    expect(q).toMatchObject({ status: 'draft', currency: 'CNY', customerId, contactId, opportunityId: opp.id });
    expect(q.lines.map((l: { unit: string; unitPrice: string }) => `${l.unit}:${l.unitPrice}`)).toEqual([
      '箱:105.00',
      '包:22.00',
      '托:4000.00',
    ]);
    const expected = computeTotals(
      [
        { quantity: '3', unitPrice: '105.00', discountRate: '5', taxRate: '13' },
        { quantity: '2.5', unitPrice: '22.00', discountRate: '0', taxRate: '0' },
        { quantity: '1', unitPrice: '4000.00', discountRate: '12.5', taxRate: '9' },
      ],
      '10.00',
    );
    expect(q).toMatchObject({
      subtotal: expected.subtotal,
      discountTotal: expected.discountTotal,
      amountExclTax: expected.amountExclTax,
      taxTotal: expected.tax,
      total: expected.total,
      needsApproval: false,
    });
    expect(q.subtotal).toBe('4370.00'); // 315 + 55 + 4000
    expect(q.totalInWords).toMatch(/元/);
    expect(q.lines[0]).toMatchObject({ gross: '315.00', discount: '15.75', quantity: '3', discountRate: '5' });

    const second = await addQuote(t, admin.token, { customerId, lines: [] });
    expect(second.number).toBe(`BJ-${year}-0002`);
    // Another company starts at 0001.
    const other = await t.registerTenant();
    const otherCustomer = await addCustomer(t, other.token);
    expect((await addQuote(t, other.token, { customerId: otherCustomer })).number).toBe(`BJ-${year}-0001`);

    const got = await t.request('GET', `${base}/${q.id}`, { token: admin.token });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      title: '年度办公用品',
      terms: '货到付款',
      access: 'write',
      contactEmail: 'chen@example.com',
    });

    const list = await t.request('GET', `${base}?status=draft&limit=1`, { token: admin.token });
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([second.id]);
    const next = await t.request('GET', `${base}?status=draft&limit=1&cursor=${list.body.nextCursor}`, {
      token: admin.token,
    });
    expect(next.body.items.map((r: { id: string }) => r.id)).toEqual([q.id]);
    const byOpp = await t.request('GET', `${base}?opportunityId=${opp.id}`, { token: admin.token });
    expect(byOpp.body.items.map((r: { id: string }) => r.id)).toEqual([q.id]);
    expect((await t.request('GET', `${base}?q=BJ-${year}-0002`, { token: admin.token })).body.items).toHaveLength(1);
    expect((await t.request('GET', `${base}?status=sent`, { token: admin.token })).body.items).toEqual([]);

    // PATCH replaces the lines as a whole; the totals follow.
    const patched = await t.request('PATCH', `${base}/${q.id}`, {
      token: admin.token,
      body: { lines: [{ productId: product.id, unit: '包', quantity: '10', taxRate: '13' }], extraDiscount: '0' },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.lines).toHaveLength(1);
    expect(patched.body).toMatchObject({ subtotal: '220.00', taxTotal: '28.60', total: '248.60' });
    expect(patched.body.totalInWords).toBe('贰佰肆拾捌元陆角整');

    const history = await t.request('GET', `${base}/${q.id}/history`, { token: admin.token });
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);

    // A product on a quote cannot be deleted.
    const del = await t.request('DELETE', `/api/v1/products/${product.id}`, { token: admin.token });
    expect(del.status).toBe(409);

    expect((await t.request('DELETE', `${base}/${second.id}`, { token: admin.token })).status).toBe(200);
    expect((await t.request('GET', `${base}/${second.id}`, { token: admin.token })).status).toBe(404);
  });

  it('answers bad input with 400 and a zh-CN message per field, lines included', async () => {
    const admin = await t.registerTenant();
    const product = await addProduct(t, admin.token);
    const { customerId } = await addParty(t, admin.token);
    const bad = await t.request('POST', base, {
      token: admin.token,
      body: {
        customerId,
        validUntil: '2026-02-30',
        lines: [
          { productId: product.id, unit: '箱', quantity: '1', discountRate: '100.5' },
          { productId: product.id, unit: '箱', quantity: '0' },
          { productId: product.id, unit: '箱', quantity: '1.23456' },
          { productId: product.id, unit: '箱', quantity: '1', taxRate: '13.456', unitPrice: '-1' },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('common.validation');
    expect(bad.body.error.fields).toMatchObject({
      validUntil: '日期格式不正确（YYYY-MM-DD）',
      'lines.0.discountRate': '请输入 0–100 之间的百分比，最多两位小数',
      'lines.1.quantity': '数量须大于 0，最多四位小数',
      'lines.2.quantity': '数量须大于 0，最多四位小数',
      'lines.3.taxRate': '请输入 0–100 之间的百分比，最多两位小数',
      'lines.3.unitPrice': '请输入不小于 0 的金额，最多两位小数',
    });
    const missing = await t.request('POST', base, { token: admin.token, body: {} });
    expect(missing.body.error.fields).toMatchObject({ customerId: '必填', validUntil: '必填' });

    // Rules zod cannot check, still per field: unknown unit, product off sale, unknown product, no price.
    const inactive = await addProduct(t, admin.token, { status: 'inactive' });
    const noPrice = await addProduct(t, admin.token, { price: null, units: [] });
    const rules = await t.request('POST', base, {
      token: admin.token,
      body: {
        customerId,
        validUntil: '2026-12-31',
        lines: [
          { productId: product.id, unit: '箱', quantity: '1' },
          { productId: product.id, unit: '吨', quantity: '1' },
          { productId: inactive.id, unit: '包', quantity: '1' },
          { productId: '01900000-0000-7000-8000-000000000000', unit: '包', quantity: '1' },
          { productId: noPrice.id, unit: '包', quantity: '1' },
        ],
      },
    });
    expect(rules.status).toBe(400);
    expect(rules.body.error.fields).toEqual({
      'lines.1.unit': '产品没有单位“吨”（可用单位：包、箱、托）',
      'lines.2.productId': `产品“${inactive.name}”已下架，不能报价`,
      'lines.3.productId': expect.any(String),
      'lines.4.unitPrice': `产品“${noPrice.name}”没有标准价，请填写单价`,
    });
    const en = await t.request('POST', base, {
      token: admin.token,
      lang: 'en',
      body: { customerId, validUntil: '2026-12-31', lines: [{ productId: product.id, unit: '吨', quantity: '1' }] },
    });
    expect(en.body.error.fields['lines.0.unit']).toBe('The product has no unit "吨" (its units: 包、箱、托)');

    // A contact or opportunity of another customer; an extra discount above the amount.
    const other = await addCustomer(t, admin.token);
    const otherContact = await addContact(t, admin.token, other);
    const wrong = await t.request('POST', base, {
      token: admin.token,
      body: { customerId, contactId: otherContact, validUntil: '2026-12-31' },
    });
    expect(wrong.body.error.fields).toEqual({ contactId: '联系人不属于所选客户' });
    const type = await standardType(t, admin.token);
    const opp = await addOpportunity(t, admin.token, { customerId: other, typeId: type.id });
    const wrongOpp = await t.request('POST', base, {
      token: admin.token,
      body: { customerId, opportunityId: opp.id, validUntil: '2026-12-31' },
    });
    expect(wrongOpp.body.error.fields).toEqual({ opportunityId: '商机不属于所选客户' });
    const tooMuch = await t.request('POST', base, {
      token: admin.token,
      body: {
        customerId,
        validUntil: '2026-12-31',
        extraDiscount: '105.01',
        lines: [{ productId: product.id, unit: '箱', quantity: '1' }],
      },
    });
    expect(tooMuch.body.error.fields).toEqual({ extraDiscount: '整单优惠不能超过折后金额 105.00' });
    // Nothing was written by the refused requests: the next number is still 0001.
    expect((await addQuote(t, admin.token, { customerId })).number).toBe(`BJ-${year}-0001`);
  });

  it('answers 403 without the grant', async () => {
    const admin = await t.registerTenant();
    const nobody = await addEmployee(t, admin.tenant.id, { roleIds: [await addRole(t, admin.tenant.id, [])] });
    const list = await t.request('GET', base, { token: nobody.token });
    expect(list.status).toBe(403);
    expect(list.body.error.code).toBe('common.forbidden');
    const viewerRole = await addRole(t, admin.tenant.id, ['quotes.view', 'customers.view'], {
      quotes: 'all',
      customers: 'all',
    });
    const viewer = await addEmployee(t, admin.tenant.id, { roleIds: [viewerRole] });
    const { customerId } = await addParty(t, admin.token);
    const q = await addQuote(t, admin.token, { customerId });
    expect((await t.request('GET', `${base}/${q.id}`, { token: viewer.token })).status).toBe(200);
    for (const [method, url, body] of [
      ['POST', base, { customerId, validUntil: '2026-12-31' }],
      ['PATCH', `${base}/${q.id}`, { title: 'x' }],
      ['POST', `${base}/${q.id}/send`, undefined],
      ['POST', `${base}/${q.id}/status`, { status: 'accepted' }],
      ['DELETE', `${base}/${q.id}`, undefined],
      ['PATCH', '/api/v1/quote-settings', { discountThreshold: '50' }],
    ] as const) {
      const res = await t.request(method, url, { token: viewer.token, body });
      expect(res.status, `${method} ${url}`).toBe(403);
    }
  });

  it('follows the data scope: own, subordinates, finance sees all; customers must be visible', async () => {
    const w = await salesWorld(t);
    const product = await addProduct(t, w.admin.token);
    const c1 = await addCustomer(t, w.rep1.token);
    const q1 = await addQuote(t, w.rep1.token, {
      customerId: c1,
      lines: [{ productId: product.id, unit: '箱', quantity: '2' }],
    });
    expect(q1.ownerId).toBe(w.rep1.id);
    const c3 = await addCustomer(t, w.rep3.token);
    const q3 = await addQuote(t, w.rep3.token, { customerId: c3 });

    const ids = async (token: string) =>
      (await t.request('GET', base, { token })).body.items.map((r: { id: string }) => r.id).sort();
    expect(await ids(w.rep1.token)).toEqual([q1.id]);
    expect(await ids(w.rep2.token)).toEqual([]);
    expect(await ids(w.manager.token)).toEqual([q1.id]);
    expect(await ids(w.admin.token)).toEqual([q1.id, q3.id].sort());
    expect((await t.request('GET', `${base}/${q1.id}`, { token: w.rep2.token })).status).toBe(404);
    expect((await t.request('GET', `${base}/${q1.id}/print`, { token: w.rep2.token })).status).toBe(404);
    const patch = await t.request('PATCH', `${base}/${q1.id}`, { token: w.rep2.token, body: { title: 'x' } });
    expect(patch.status).toBe(404);

    const finance = await addEmployee(t, w.tenantId, { roleIds: [await roleIdByCode(t, w.tenantId, 'finance')] });
    expect(await ids(finance.token)).toEqual([q1.id, q3.id].sort());
    const financeCreate = await t.request('POST', base, {
      token: finance.token,
      body: { customerId: c1, validUntil: '2026-12-31' },
    });
    expect(financeCreate.status).toBe(403);

    // rep2 cannot quote rep1's customer (not visible to rep2).
    const foreign = await t.request('POST', base, {
      token: w.rep2.token,
      body: { customerId: c1, validUntil: '2026-12-31' },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toEqual({ customerId: '引用的记录不存在' });

    // Sharing read-only lets rep2 see it but not change it.
    const share = await t.request('POST', `${base}/${q1.id}/shares`, {
      token: w.rep1.token,
      body: { userId: w.rep2.id, access: 'read' },
    });
    expect(share.status, JSON.stringify(share.body)).toBe(201);
    expect((await t.request('GET', `${base}/${q1.id}`, { token: w.rep2.token })).body.access).toBe('read');
    const ro = await t.request('PATCH', `${base}/${q1.id}`, { token: w.rep2.token, body: { title: 'x' } });
    expect(ro.status).toBe(403);
  });

  it('locks a quote once sent (409), records the outcome, and reopens a rejected one as a draft', async () => {
    const admin = await t.registerTenant();
    const product = await addProduct(t, admin.token);
    const { customerId, contactId } = await addParty(t, admin.token);
    const q = await addQuote(t, admin.token, {
      customerId,
      contactId,
      lines: [{ productId: product.id, unit: '箱', quantity: '1' }],
    });
    const early = await t.request('POST', `${base}/${q.id}/status`, {
      token: admin.token,
      body: { status: 'accepted' },
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('quotes.invalid_transition');
    expect((await t.request('POST', `${base}/${q.id}/send`, { token: admin.token })).status).toBe(200);

    const edit = await t.request('PATCH', `${base}/${q.id}`, { token: admin.token, body: { title: '改' } });
    expect(edit.status).toBe(409);
    expect(edit.body.error).toMatchObject({ code: 'quotes.not_editable', message: '只有草稿状态的报价可以修改或删除' });
    expect((await t.request('DELETE', `${base}/${q.id}`, { token: admin.token })).status).toBe(409);

    const rejected = await t.request('POST', `${base}/${q.id}/status`, {
      token: admin.token,
      body: { status: 'rejected' },
    });
    expect(rejected.body.status).toBe('rejected');
    const reopened = await t.request('POST', `${base}/${q.id}/status`, {
      token: admin.token,
      body: { status: 'draft' },
    });
    expect(reopened.body.status).toBe('draft');
    expect((await t.request('PATCH', `${base}/${q.id}`, { token: admin.token, body: { title: '改' } })).status).toBe(
      200,
    );
    const bad = await t.request('POST', `${base}/${q.id}/status`, { token: admin.token, body: { status: 'sent' } });
    expect(bad.status).toBe(400);
  });

  it('flags a discount past the threshold as needing approval and will not send it until approved', async () => {
    const admin = await t.registerTenant();
    const product = await addProduct(t, admin.token);
    const { customerId, contactId } = await addParty(t, admin.token);
    expect((await t.request('GET', '/api/v1/quote-settings', { token: admin.token })).body).toEqual({
      discountThreshold: '20.00',
      defaultTerms: null,
    });
    const line = (discountRate: string) => [{ productId: product.id, unit: '箱', quantity: '10', discountRate }];
    const atLimit = await addQuote(t, admin.token, { customerId, contactId, lines: line('20') });
    expect(atLimit.needsApproval).toBe(false);
    const past = await addQuote(t, admin.token, { customerId, contactId, lines: line('20.01') });
    expect(past.needsApproval).toBe(true);
    // The extra discount counts too: 250 off 1050 is 23.8 %.
    const extra = await addQuote(t, admin.token, { customerId, contactId, lines: line('0'), extraDiscount: '250' });
    expect(extra.needsApproval).toBe(true);
    const list = await t.request('GET', base, { token: admin.token });
    expect(list.body.items.map((r: { needsApproval: boolean }) => r.needsApproval)).toEqual([true, true, false]);

    const send = await t.request('POST', `${base}/${past.id}/send`, { token: admin.token });
    expect(send.status).toBe(409);
    expect(send.body.error.code).toBe('quotes.approval_required');

    const settings = await t.request('PATCH', '/api/v1/quote-settings', {
      token: admin.token,
      body: { discountThreshold: '30', defaultTerms: '款到发货' },
    });
    expect(settings.body).toEqual({ discountThreshold: '30.00', defaultTerms: '款到发货' });
    expect((await t.request('GET', `${base}/${past.id}`, { token: admin.token })).body.needsApproval).toBe(false);
    expect((await addQuote(t, admin.token, { customerId })).terms).toBe('款到发货');
    const badSetting = await t.request('PATCH', '/api/v1/quote-settings', {
      token: admin.token,
      body: { discountThreshold: '101' },
    });
    expect(badSetting.status).toBe(400);
  });

  it('e-mails the quote to its contact through the outbox with its summary and a link to the print view', async () => {
    const admin = await t.registerTenant();
    const product = await addProduct(t, admin.token);
    const { customerId, contactId } = await addParty(t, admin.token);
    const q = await addQuote(t, admin.token, {
      customerId,
      contactId,
      lines: [{ productId: product.id, unit: '箱', quantity: '2' }],
    });
    const sent = await t.request('POST', `${base}/${q.id}/send`, { token: admin.token });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.to).toBe('chen@example.com');
    expect(sent.body.quote.status).toBe('sent');
    expect(sent.body.quote.sentAt).toBeTruthy();

    const rows = await inTenant(t.services.database.db, admin.tenant.id, (tx) =>
      tx.execute(sql`SELECT channel, "to", subject, body, record_type, record_id FROM outbox
        WHERE tenant_id = ${admin.tenant.id}`),
    );
    expect(rows.rows).toHaveLength(1);
    const mail = rows.rows[0] as Record<string, string>;
    expect(mail).toMatchObject({ channel: 'email', to: 'chen@example.com', record_type: 'quote', record_id: q.id });
    expect(mail.subject).toContain(q.number);
    expect(mail.body).toContain('价税合计：¥237.30（贰佰叁拾柒元叁角整）');
    expect(mail.body).toContain(`/api/v1/quotes/${q.id}/print`);

    // A sent quote can be sent again (a reminder).
    expect((await t.request('POST', `${base}/${q.id}/send`, { token: admin.token })).status).toBe(200);

    // No contact, or a contact without e-mail: 400.
    const noContact = await addQuote(t, admin.token, { customerId });
    const r1 = await t.request('POST', `${base}/${noContact.id}/send`, { token: admin.token });
    expect(r1.status).toBe(400);
    expect(r1.body.error.fields).toEqual({ contactId: '请先为报价选择联系人' });
    const silent = await addContact(t, admin.token, customerId, { name: '王工', email: null, mobile: '13912345678' });
    const noMail = await addQuote(t, admin.token, { customerId, contactId: silent });
    const r2 = await t.request('POST', `${base}/${noMail.id}/send`, { token: admin.token });
    expect(r2.status).toBe(400);
    expect(r2.body.error).toMatchObject({
      code: 'quotes.contact_no_email',
      message: '联系人“王工”没有电子邮箱，无法发送',
    });
    expect((await t.request('GET', `${base}/${noMail.id}`, { token: admin.token })).body.status).toBe('draft');
  });

  it('prints the quote as zh-CN HTML with the amount in capital numerals, framable by the app only', async () => {
    const admin = await t.registerTenant({ companyName: '汇客演示贸易有限公司' });
    const product = await addProduct(t, admin.token, { name: '<b>复印纸</b>' });
    const { customerId, contactId } = await addParty(t, admin.token);
    const q = await addQuote(t, admin.token, {
      customerId,
      contactId,
      terms: '付款方式：月结 30 天',
      lines: [{ productId: product.id, unit: '箱', quantity: '117', unitPrice: '105.55', taxRate: '13' }],
    });
    const res = await raw(`${base}/${q.id}/print`, admin.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
    const html = res.body;
    for (const text of ['汇客演示贸易有限公司', '报价单', q.number, '数量', '单位', '单价', '折扣', '税率', '金额']) {
      expect(html).toContain(text);
    }
    // 117 × 105.55 = 12349.35; tax 1605.42 (1605.4155); total 13954.77.
    expect(q.total).toBe('13954.77');
    expect(html).toContain('¥13,954.77');
    expect(html).toContain('壹万叁仟玖佰伍拾肆元柒角柒分');
    expect(html).toContain('付款方式：月结 30 天');
    expect(html).toContain('&lt;b&gt;复印纸&lt;/b&gt;');
    expect(html).not.toContain('<b>复印纸</b>');
    expect(html).toContain('供方（盖章）');
    expect((await raw(`${base}/${q.id}/print`)).statusCode).toBe(401);
  });

  it('renders a PDF whose text really is Chinese (embedded CJK font, ToUnicode map); 503 without a font', async () => {
    const admin = await t.registerTenant({ companyName: '汇客演示贸易有限公司' });
    const product = await addProduct(t, admin.token, { name: '西湖龙井' });
    const { customerId, contactId } = await addParty(t, admin.token);
    const lines = Array.from({ length: 45 }, (_, i) => ({
      productId: product.id,
      unit: '包',
      quantity: String(i + 1),
      discountRate: '5',
    }));
    const q = await addQuote(t, admin.token, { customerId, contactId, lines, terms: '质保一年' });
    const res = await raw(`${base}/${q.id}/pdf?download=1`, admin.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+WenQuanYiMicroHei/);
    // Many lines: more than one page.
    expect((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(1);
    const text = pdfUnicodeText(pdf);
    for (const ch of `报价单汇客演示贸易有限公司西湖龙井数量单位单价折扣税率金额大写质保供需盖章${q.totalInWords}`) {
      expect(text, ch).toContain(ch);
    }
    const before = setPdfFonts([{ path: '/nonexistent/font.ttc' }]);
    try {
      const none = await t.request('GET', `${base}/${q.id}/pdf`, { token: admin.token });
      expect(none.status).toBe(503);
      expect(none.body.error.code).toBe('quotes.pdf_font_missing');
      expect(none.body.error.message).toContain('中文字体');
    } finally {
      setPdfFonts(before);
    }
  });

  it("answers 404 for another tenant's quote on every route", async () => {
    const a = await t.registerTenant();
    const b = await t.registerTenant();
    const { customerId } = await addParty(t, a.token);
    const id = (await addQuote(t, a.token, { customerId })).id;
    for (const [method, url, body] of [
      ['GET', `${base}/${id}`, undefined],
      ['PATCH', `${base}/${id}`, { title: '偷改' }],
      ['DELETE', `${base}/${id}`, undefined],
      ['GET', `${base}/${id}/history`, undefined],
      ['GET', `${base}/${id}/print`, undefined],
      ['GET', `${base}/${id}/pdf`, undefined],
      ['POST', `${base}/${id}/send`, undefined],
      ['POST', `${base}/${id}/status`, { status: 'accepted' }],
    ] as const) {
      const res = await t.request(method, url, { token: b.token, body });
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    expect((await t.request('GET', base, { token: b.token })).body.items).toEqual([]);
    expect((await t.request('GET', `${base}/${id}`, { token: a.token })).status).toBe(200);
  });
});
