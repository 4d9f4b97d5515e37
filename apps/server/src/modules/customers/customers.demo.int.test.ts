import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { inSystem } from '../../platform/db/database.ts';
import { DEMO_PASSWORD, seedDemo } from '../tenants/demo-seed.ts';

let t: TestApp;
beforeAll(async () => {
  // Its own database on PostgreSQL: the demo company's logins are unique across tenants, so every file that
  // seeds it needs a database of its own.
  t = await startTestApp({ ownDatabase: true });
});
afterAll(async () => {
  await t?.close();
});

describe('demo customers', () => {
  it('gives 演示科技有限公司 about 30 customers owned by the sales manager and the two salespeople', async () => {
    const db = t.services.database.db;
    await inSystem(db, (tx) => seedDemo(tx));
    const manager = await t.login('manager@demo.huike.local', DEMO_PASSWORD);
    const sales1 = await t.login('sales1@demo.huike.local', DEMO_PASSWORD);
    const all = await t.request('GET', '/api/v1/customers?limit=100', { token: manager.token });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(30);
    const owners = new Set(all.body.items.map((c: { ownerName: string }) => c.ownerName));
    expect(owners).toEqual(new Set(['李经理', '张三', '李四']));
    const subs = await t.request('GET', '/api/v1/customers?view=subordinates&limit=100', { token: manager.token });
    expect(subs.body.total).toBe(22);
    const mine = await t.request('GET', '/api/v1/customers?view=mine', { token: sales1.token });
    expect(mine.body.items.every((c: { ownerName: string }) => c.ownerName === '张三')).toBe(true);
    const group = all.body.items.find((c: { name: string }) => c.name === '华东控股集团有限公司');
    const rollup = await t.request('GET', `/api/v1/customers/${group.id}/rollup`, { token: manager.token });
    expect(rollup.body.subsidiaries).toBe(3);
    // Key contacts with e-mail addresses on the main customers (a demo quote can be e-mailed).
    const people = await t.request('GET', '/api/v1/contacts?limit=50', { token: manager.token });
    expect(people.status).toBe(200);
    const keyWithMail = people.body.items.filter((c: { isKey: boolean; email: string | null }) => c.isKey && c.email);
    expect(keyWithMail.length).toBeGreaterThanOrEqual(8);
  });
});
