// 报价折扣审批 end to end: a quote past the discount threshold is submitted, locked while pending, approved by the
// salesperson's supervisor and then sent; a rejection puts it back to draft.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { salesWorld } from '../customers/customers.test-helpers.ts';
import { addParty, addProduct, addQuote, base } from './quotes.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const approvals = '/api/v1/approvals';

async function world() {
  const w = await salesWorld(t);
  const flow = await t.request('PUT', `${approvals}/flows/quote_discount`, {
    token: w.admin.token,
    body: {
      enabled: true,
      definition: {
        documentType: 'quote_discount',
        name: '报价折扣审批',
        branches: [{ name: '全部', steps: [{ name: '直接上级', approvers: { kind: 'supervisor', level: 1 } }] }],
      },
    },
  });
  expect(flow.status, JSON.stringify(flow.body)).toBe(200);
  const product = await addProduct(t, w.admin.token);
  const { customerId, contactId } = await addParty(t, w.rep1.token);
  const quote = async () => {
    const q = await addQuote(t, w.rep1.token, {
      customerId,
      contactId,
      lines: [{ productId: product.id, unit: '箱', quantity: '10', discountRate: '25' }],
    });
    expect(q.needsApproval).toBe(true);
    return q as { id: string };
  };
  return { ...w, quote, customerId, contactId };
}

const status = async (token: string, id: string) => (await t.request('GET', `${base}/${id}`, { token })).body.status;

describe('quote discount approval', () => {
  it('locks the quote while pending; the supervisor approves it from the inbox; then it can be sent', async () => {
    const w = await world();
    const q = await w.quote();
    const submitted = await t.request('POST', `${approvals}/documents/quote_discount/${q.id}/submit`, {
      token: w.rep1.token,
      body: { comment: '大客户批量采购' },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(await status(w.rep1.token, q.id)).toBe('pending_approval');
    const edit = await t.request('PATCH', `${base}/${q.id}`, { token: w.rep1.token, body: { title: '改一下' } });
    expect(edit.status).toBe(409);
    expect((await t.request('POST', `${base}/${q.id}/send`, { token: w.rep1.token })).status).toBe(409);

    const inbox = await t.request('GET', `${approvals}/inbox`, { token: w.manager.token });
    const item = inbox.body.items.find((i: { documentId: string }) => i.documentId === q.id);
    expect(item?.title).toContain('报价单');
    const approved = await t.request('POST', `${approvals}/${item.id}/approve`, { token: w.manager.token, body: {} });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(await status(w.rep1.token, q.id)).toBe('approved');
    const sent = await t.request('POST', `${base}/${q.id}/send`, { token: w.rep1.token });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(await status(w.rep1.token, q.id)).toBe('sent');
  });

  it('puts a rejected quote back to draft, and refuses to submit a quote that is no draft', async () => {
    const w = await world();
    const q = await w.quote();
    const submitted = await t.request('POST', `${approvals}/documents/quote_discount/${q.id}/submit`, {
      token: w.rep1.token,
      body: {},
    });
    const rejected = await t.request('POST', `${approvals}/${submitted.body.id}/reject`, {
      token: w.manager.token,
      body: { comment: '折扣太大' },
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(await status(w.rep1.token, q.id)).toBe('draft');

    // A quote without a big discount goes out directly; once sent it cannot be submitted.
    const plain = await addQuote(t, w.rep1.token, { customerId: w.customerId, contactId: w.contactId });
    expect((await t.request('POST', `${base}/${plain.id}/send`, { token: w.rep1.token })).status).toBe(200);
    const sentQuote = plain as { id: string };
    const refused = await t.request('POST', `${approvals}/documents/quote_discount/${sentQuote.id}/submit`, {
      token: w.rep1.token,
      body: {},
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('quotes.not_submittable');
    const none = await t.request('GET', `${approvals}/documents/quote_discount/${sentQuote.id}`, {
      token: w.rep1.token,
    });
    expect(none.body.instance).toBeNull(); // the refused submission left nothing behind
  });
});
