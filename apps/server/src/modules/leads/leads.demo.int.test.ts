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

describe('demo leads', () => {
  it('gives 演示科技有限公司 12 leads: owned, in the pool, one converted', async () => {
    const db = t.services.database.db;
    await inSystem(db, (tx) => seedDemo(tx));
    const boss = await t.login('boss@demo.huike.local', DEMO_PASSWORD);
    const sales1 = await t.login('sales1@demo.huike.local', DEMO_PASSWORD);
    const owned = await t.request('GET', '/api/v1/leads?limit=100', { token: boss.token });
    expect(owned.status).toBe(200);
    expect(owned.body.items).toHaveLength(8);
    const pool = await t.request('GET', '/api/v1/leads/pool', { token: sales1.token });
    expect(pool.body.items).toHaveLength(4);
    const mine = await t.request('GET', '/api/v1/leads?limit=100', { token: sales1.token });
    expect(mine.body.items.every((l: { ownerName: string }) => l.ownerName === '张三')).toBe(true);
    const converted = mine.body.items.filter((l: { status: string }) => l.status === 'converted');
    expect(converted).toHaveLength(1);
    const customer = await t.request('GET', `/api/v1/customers/${converted[0].convertedCustomerId}`, {
      token: sales1.token,
    });
    expect(customer.body.name).toBe('上海云启软件有限公司');
  });
});
