// A lead converted with steps.opportunity becomes customer + contact + opportunity in one transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { base, standardType } from './opportunities.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function newLead(s: Session, companyName: string) {
  const res = await t.request('POST', '/api/v1/leads', {
    token: s.token,
    body: { companyName, contactName: '周瑜', mobile: '13912345678', source: '展会' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

const convert = (s: Session, id: string, steps: Record<string, unknown>) =>
  t.request('POST', `/api/v1/leads/${id}/convert`, {
    token: s.token,
    body: { customer: { mode: 'new' }, contact: { mode: 'new' }, steps },
  });

describe('lead conversion into an opportunity', () => {
  it('creates the opportunity on the new customer and contact, in the first stage of the first business type', async () => {
    const admin = await t.registerTenant();
    const type = await standardType(t, admin.token);
    const lead = await newLead(admin, '江东水运有限公司');
    const res = await convert(admin, lead.id, { opportunity: { amount: '50000', expectedCloseDate: '2026-12-31' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.opportunityId).toBeTruthy();
    expect(res.body.lead.convertedOpportunityId).toBe(res.body.opportunityId);
    const opp = await t.request('GET', `${base}/${res.body.opportunityId}`, { token: admin.token });
    expect(opp.status).toBe(200);
    expect(opp.body).toMatchObject({
      name: '江东水运有限公司',
      customerId: res.body.customerId,
      contactId: res.body.contactId,
      typeId: type.id,
      stageId: type.stage('初步接洽'),
      amount: '50000.00',
      expectedCloseDate: '2026-12-31',
    });
  });

  it('answers 400 on the step field and leaves nothing behind when the opportunity is invalid', async () => {
    const admin = await t.registerTenant();
    await standardType(t, admin.token);
    const lead = await newLead(admin, '荆州粮油有限公司');
    const res = await convert(admin, lead.id, { opportunity: { amount: '-5' } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty(['steps.opportunity.amount']);
    const customers = await t.request('GET', '/api/v1/customers?view=all', { token: admin.token });
    expect(customers.body.items.map((c: { name: string }) => c.name)).not.toContain('荆州粮油有限公司');
    expect((await t.request('GET', `/api/v1/leads/${lead.id}`, { token: admin.token })).body.status).not.toBe(
      'converted',
    );
  });

  it('asks for a business type when the company has none', async () => {
    const admin = await t.registerTenant();
    const lead = await newLead(admin, '襄阳机械有限公司');
    const res = await convert(admin, lead.id, { opportunity: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.fields['steps.opportunity.typeId']).toContain('商机组');
  });
});
