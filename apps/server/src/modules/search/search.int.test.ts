import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { cleanGinPendingLists } from '../../platform/jobs/platform-jobs.ts';
import { contacts } from '../contacts/index.ts';
import { addEmployee, addRole, type TestEmployee } from '../roles/test-users.ts';
import { customerSearchQuery } from './search.customers.ts';
import { fillCustomers, putCustomer } from './search.test-helpers.ts';

let t: TestApp;
let admin: Session;
let rep1: TestEmployee;
let rep2: TestEmployee;
let clerk: TestEmployee;
let demoId: string;

const search = (token: string, q: string, extra = '') =>
  t.request('GET', `/api/v1/search?q=${encodeURIComponent(q)}${extra}`, { token });
const titles = (res: { body: { items: { title: string }[] } }) => res.body.items.map((i) => i.title).sort();

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.registerTenant();
  const tenantId = admin.tenant.id;
  const sales = await addRole(t, tenantId, ['customers.view', 'contacts.view'], { customers: 'own' });
  rep1 = await addEmployee(t, tenantId, { name: '张三', roleIds: [sales] });
  rep2 = await addEmployee(t, tenantId, { name: '李四', roleIds: [sales] });
  clerk = await addEmployee(t, tenantId, { name: '前台', roleIds: [] });
  demoId = await putCustomer(t, tenantId, {
    name: '演示科技有限公司',
    shortName: '演示',
    ownerId: rep1.id,
    phone: '139-1234-5678',
    email: 'Sales@Demo-Tech.example',
  });
  await putCustomer(t, tenantId, { name: '李四的科技伙伴', shortName: '科伙', ownerId: rep2.id });
  await putCustomer(t, tenantId, { name: 'ACME 100% Widgets', ownerId: rep2.id });
  await inTenant(t.services.database.db, tenantId, (tx) =>
    tx.insert(contacts).values({
      tenantId,
      id: newId(),
      customerId: demoId,
      ownerId: rep1.id,
      name: '王经理',
      title: '采购经理',
      mobile: '13800001111',
      email: 'Wang@Buyer.example',
    }),
  );
  // A few thousand more, so the planner has a table worth an index.
  await fillCustomers(t, tenantId, rep2.id, 3000);
});
afterAll(() => t?.close());

describe('GET /api/v1/search', () => {
  it('finds customers by Chinese substrings of the name or short name, phone digits and e-mail', async () => {
    const byName = await search(admin.token, '科技');
    expect(byName.status).toBe(200);
    expect(titles(byName)).toEqual(['李四的科技伙伴', '演示科技有限公司']);
    expect(byName.body.items.find((i: { id: string }) => i.id === demoId)).toEqual({
      type: 'customer',
      id: demoId,
      title: '演示科技有限公司',
      subtitle: '演示 · 139-1234-5678 · 张三',
      url: `/customers/${demoId}`,
    });
    expect(titles(await search(admin.token, '科伙'))).toEqual(['李四的科技伙伴']);
    expect(titles(await search(admin.token, '１２３４５'))).toEqual(['演示科技有限公司']);
    expect(titles(await search(admin.token, 'demo-tech'))).toEqual(['演示科技有限公司']);
    expect(titles(await search(admin.token, '100%'))).toEqual(['ACME 100% Widgets']);
    expect(titles(await search(admin.token, '0%W'))).toEqual([]);
  });

  it('applies the data scope: a salesperson finds only their own; no customers.view finds nothing', async () => {
    expect(titles(await search(rep1.token, '科技'))).toEqual(['演示科技有限公司']);
    expect(titles(await search(rep2.token, '科技'))).toEqual(['李四的科技伙伴']);
    expect(titles(await search(rep2.token, '13912345678'))).toEqual([]);
    const none = await search(clerk.token, '科技');
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
  });

  it('finds contacts of visible customers by name, mobile and e-mail', async () => {
    const res = await search(rep1.token, '王经理');
    expect(res.body.items).toEqual([
      {
        type: 'contact',
        id: expect.any(String),
        title: '王经理',
        subtitle: '演示科技有限公司 · 采购经理 · 13800001111',
        url: expect.stringMatching(new RegExp(`^/customers/${demoId}\\?tab=contacts&contact=`)),
      },
    ]);
    expect((await search(admin.token, '1380000111')).body.items.map((i: { type: string }) => i.type)).toEqual([
      'contact',
    ]);
    expect((await search(admin.token, 'wang@buyer')).body.items.map((i: { title: string }) => i.title)).toEqual([
      '王经理',
    ]);
    expect((await search(rep2.token, '王经理')).body.items).toEqual([]);
  });

  it('never finds another company’s customers', async () => {
    const other = await t.registerTenant();
    const res = await search(other.token, '演示科技');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('caps results per source and answers 400 for a missing or oversized query', async () => {
    const capped = await search(admin.token, '有限公司', '&limit=5');
    expect(capped.body.items).toHaveLength(5);
    const missing = await t.request('GET', '/api/v1/search', { token: admin.token });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty('q');
    expect((await search(admin.token, 'x', '&limit=500')).status).toBe(400);
    expect((await t.request('GET', '/api/v1/search?q=abc')).status).toBe(401);
  });

  it('uses the trigram index for a name substring at a few thousand rows', async () => {
    const db = t.services.database.db;
    const tenantId = admin.tenant.id;
    const planOf = (rows: unknown[]) => (rows as Record<string, string>[]).map((r) => r['QUERY PLAN']).join('\n');
    // The rows just inserted sit in the indexes' pending lists until merged, as the cleanup job does.
    await cleanGinPendingLists(db);
    // What the route runs, as the app role: the match goes through search_customer_ids …
    const actor = { tenantId, userId: admin.user.id, isAdmin: true } as Actor;
    const outer = await inTenant(db, tenantId, async (tx) => {
      const { rows } = await tx.execute(sql`EXPLAIN ${await customerSearchQuery(tx, actor, '演示科技', 10)}`);
      return planOf(rows);
    });
    expect(outer).toMatch(/search_customer_ids/);
    // … whose statement (as the table owner, pinned to the tenant) is served by the trigram index.
    const inner = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenantId}, true)`);
      const { rows } = await tx.execute(sql`EXPLAIN SELECT c.id FROM customers c
        WHERE c.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
          AND (c.name ILIKE ${'%演示科技%'} OR c.short_name ILIKE ${'%演示科技%'})`);
      return planOf(rows);
    });
    expect(inner).toMatch(/Bitmap Index Scan on customers_name_trgm_idx/);
    // The app role alone could not: row-level security keeps ILIKE (not leakproof) out of index conditions.
    const direct = await inTenant(db, tenantId, async (tx) => {
      const { rows } = await tx.execute(
        sql`EXPLAIN SELECT id FROM customers WHERE tenant_id = ${tenantId} AND name ILIKE ${'%演示科技%'}`,
      );
      return planOf(rows);
    });
    expect(direct).not.toMatch(/customers_name_trgm_idx/);
  });

  it('finds one- and two-character texts (张伟, 恒远) through the per-company grams index', async () => {
    const tenantId = admin.tenant.id;
    await putCustomer(t, tenantId, { name: '深圳恒远贸易有限公司', ownerId: rep2.id });
    await putCustomer(t, tenantId, { name: '远大物流', shortName: '恒远物流', ownerId: rep2.id });
    expect(titles(await search(admin.token, '恒远'))).toEqual(['深圳恒远贸易有限公司', '远大物流']);
    expect(titles(await search(admin.token, '远'))).toContain('远大物流'); // one character: ranked by prefix
    expect(titles(await search(admin.token, '恒达'))).toEqual([]);
    expect(titles(await search(admin.token, '经理'))).toContain('王经理'); // contacts too
    // The list's search box reads texts the same way.
    const list = await t.request('GET', `/api/v1/customers?view=all&q=${encodeURIComponent('恒远')}`, {
      token: admin.token,
    });
    expect(list.body.items.map((c: { name: string }) => c.name).sort()).toEqual(['深圳恒远贸易有限公司', '远大物流']);

    const db = t.services.database.db;
    await cleanGinPendingLists(db);
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenantId}, true)`);
      const { rows } = await tx.execute(sql`EXPLAIN SELECT c.id FROM customers c
        WHERE c.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
          AND huike_grams(c.name || E'\n' || coalesce(c.short_name, '')) @> ARRAY[${'恒远'}]`);
      return (rows as Record<string, string>[]).map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Bitmap Index Scan on customers_name_grams_idx/);
  });

  it('answers through the function only the current tenant, whatever the caller passes', async () => {
    const other = await t.registerTenant();
    const ids = await inTenant(t.services.database.db, other.tenant.id, async (tx) => {
      const { rows } = await tx.execute(sql`SELECT id FROM search_customer_ids('%演示科技%', NULL, NULL)`);
      return rows;
    });
    expect(ids).toEqual([]);
  });
});
