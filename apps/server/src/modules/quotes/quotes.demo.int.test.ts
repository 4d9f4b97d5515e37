import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { inSystem } from '../../platform/db/database.ts';
import { DEMO_PASSWORD, seedDemo } from '../tenants/demo-seed.ts';

let t: TestApp;
beforeAll(async () => {
  // Its own database on PostgreSQL: the demo company's logins are unique across tenants.
  t = await startTestApp({ ownDatabase: true });
});
afterAll(async () => {
  await t?.close();
});

describe('demo quotes', () => {
  it('gives the demo company three quotes on demo opportunities, by data scope, one needing approval', async () => {
    await inSystem(t.services.database.db, (tx) => seedDemo(tx));
    const boss = await t.login('boss@demo.huike.local', DEMO_PASSWORD);
    const sales1 = await t.login('sales1@demo.huike.local', DEMO_PASSWORD);
    const sales2 = await t.login('sales2@demo.huike.local', DEMO_PASSWORD);
    const finance = await t.login('finance@demo.huike.local', DEMO_PASSWORD);
    const all = await t.request('GET', '/api/v1/quotes', { token: boss.token });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(3);
    const year = new Date().getFullYear();
    expect(all.body.items.map((q: { number: string }) => q.number).sort()).toEqual(
      [1, 2, 3].map((n) => `BJ-${year}-000${n}`),
    );
    expect(all.body.items.every((q: { opportunityId: string | null }) => q.opportunityId)).toBe(true);
    expect(all.body.items.map((q: { status: string }) => q.status).sort()).toEqual(['accepted', 'draft', 'sent']);
    expect(all.body.items.filter((q: { needsApproval: boolean }) => q.needsApproval)).toHaveLength(1);
    expect((await t.request('GET', '/api/v1/quotes', { token: sales1.token })).body.items).toHaveLength(2);
    expect((await t.request('GET', '/api/v1/quotes', { token: sales2.token })).body.items).toHaveLength(0);
    expect((await t.request('GET', '/api/v1/quotes', { token: finance.token })).body.items).toHaveLength(3);
    const one = await t.request('GET', `/api/v1/quotes/${all.body.items[0].id}`, { token: boss.token });
    expect(one.body.lines.length).toBeGreaterThan(1);
    expect(Number(one.body.total)).toBeGreaterThan(0);
  });
});
