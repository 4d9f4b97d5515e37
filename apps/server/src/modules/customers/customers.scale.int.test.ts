import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { loadActor } from '../../platform/auth/load-actor.ts';
import { inSystem, inTenant } from '../../platform/db/database.ts';
import { customerListSql, TOTAL_CAP } from './customers.list.ts';
import { customerListQuery } from './customers.schemas.ts';
import { insertCustomers, salesWorld } from './customers.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function actorOf(token: string) {
  const session = await inSystem(t.services.database.db, (tx) => loadActor(tx, token, 'bearer', 'zh-CN'));
  return session!.actor;
}

describe('customer list at scale', () => {
  it('serves "mine, sort by updatedAt" from an index on customers (no sequential scan)', async () => {
    const w = await salesWorld(t);
    // 3,000 customers: the salesperson owns a tenth, the rest belong to colleagues.
    await insertCustomers(t, w.admin, [w.rep1.id, ...Array(9).fill(w.rep2.id)], 3000);
    await t.services.database.db.execute(sql`ANALYZE customers`);
    const actor = await actorOf(w.rep1.token);
    const query = customerListQuery.parse({ view: 'mine', sort: 'updatedAt', order: 'desc', limit: '50' });
    const plan = await inTenant(t.services.database.db, w.tenantId, async (tx) => {
      const statement = await customerListSql(tx, actor, query);
      const res = await tx.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN ${statement}`);
      return res.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan, plan).toMatch(
      /Index (Only )?Scan( Backward)? using customers_\w+ on customers\b|Bitmap Index Scan on customers_/,
    );
    expect(plan, plan).not.toMatch(/Seq Scan on customers/);

    // The same page through the API: 50 rows, an exact total.
    const page = await t.request('GET', '/api/v1/customers?view=mine&sort=updatedAt&limit=50', { token: w.rep1.token });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 300, totalIsEstimate: false });
    expect(page.body.items).toHaveLength(50);
  });

  it('caps the total past TOTAL_CAP (1,000) and says it is an estimate', async () => {
    const w = await salesWorld(t);
    await insertCustomers(t, w.admin, [w.rep1.id], TOTAL_CAP + 5);
    const page = await t.request('GET', '/api/v1/customers?view=mine&limit=10', { token: w.rep1.token });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: TOTAL_CAP, totalIsEstimate: true });
    const filtered = await t.request('GET', '/api/v1/customers?view=mine&limit=10&q=000123', { token: w.rep1.token });
    expect(filtered.body).toMatchObject({ total: 1, totalIsEstimate: false });
  });
});
