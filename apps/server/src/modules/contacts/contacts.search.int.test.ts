// Contact search (the list's q, mass mailings by filter, global search) over the trigram indexes of migration
// 0012, through search_contact_ids: Chinese name substrings, mobile fragments, e-mail parts.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { loadActor } from '../../platform/auth/load-actor.ts';
import { inSystem, inTenant } from '../../platform/db/database.ts';
import { cleanGinPendingLists } from '../../platform/jobs/platform-jobs.ts';
import { contactsSql, filterConditions } from './contacts.queries.ts';
import { addCustomer, type Company, company } from './contacts.test-fixture.ts';

let t: TestApp;
let c: Company;
let other: Session;

type Who = { token: string };
const names = async (who: Who, q: string) => {
  const res = await t.request('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`, { token: who.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((x: { name: string }) => x.name).sort();
};
const planOf = (rows: unknown[]) => (rows as Record<string, string>[]).map((r) => r['QUERY PLAN']).join('\n');

beforeAll(async () => {
  t = await startTestApp();
  c = await company(t);
  other = await t.registerTenant();
  const tenantId = c.admin.tenant.id;
  const mine = await addCustomer(t, c.admin, c.alice.id);
  const bobs = await addCustomer(t, c.admin, c.bob.id);
  const add = (who: Who, body: Record<string, unknown>) =>
    t.request('POST', '/api/v1/contacts', { token: who.token, body });
  expect(
    (await add(c.alice, { customerId: mine, name: '王经理', mobile: '138-0000-1111', email: 'Wang@Buyer.example' }))
      .status,
  ).toBe(201);
  await add(c.bob, { customerId: bobs, name: '王经理助理', mobile: '13800002222' });
  // Another company's contact with the same name: never found from here.
  const theirs = await addCustomer(t, other, other.user.id);
  await add(other, { customerId: theirs, name: '王经理', mobile: '13800001111' });
  // A few thousand more, so the planner has a table worth an index.
  const db = t.services.database.db;
  await inTenant(db, tenantId, (tx) =>
    tx.execute(sql`INSERT INTO contacts (tenant_id, id, customer_id, owner_id, name, mobile, email)
      SELECT ${tenantId}::uuid, gen_random_uuid(), ${bobs}::uuid, ${c.bob.id}::uuid,
        (ARRAY['张','李','刘','陈','杨','黄','赵','吴','周','徐'])[1 + i % 10]
          || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋'])[1 + (i / 10) % 10] || i,
        '1390571' || lpad(i::text, 4, '0'), 'c' || i || '@filler.example'
      FROM generate_series(1, 3000) AS i`),
  );
  await db.execute(sql`ANALYZE contacts`);
});
afterAll(() => t?.close());

describe('contact search', () => {
  it('finds contacts by a Chinese name substring, a mobile fragment or part of the e-mail, within the scope', async () => {
    expect(await names(c.alice, '王经')).toEqual(['王经理']);
    expect(await names(c.admin, '王经')).toEqual(['王经理', '王经理助理']);
    expect(await names(c.alice, '8000011')).toEqual(['王经理']);
    expect(await names(c.alice, '138 0000 11')).toEqual(['王经理']);
    expect(await names(c.alice, 'buyer.EXAMPLE')).toEqual(['王经理']);
    expect(await names(c.admin, '0000%')).toEqual([]);
    expect(await names(other, '王经')).toEqual(['王经理']);
    expect(await names(other, '助理')).toEqual([]);
  });

  it('goes through search_contact_ids, whose statement the trigram indexes serve at a few thousand rows', async () => {
    const db = t.services.database.db;
    const tenantId = c.admin.tenant.id;
    // The rows just inserted sit in the indexes' pending lists until merged, as the cleanup job does.
    await cleanGinPendingLists(db);
    // What the list route runs, as the app role: the match goes through search_contact_ids …
    const session = await inSystem(db, (tx) => loadActor(tx, c.alice.token, 'bearer', 'zh-CN'));
    const actor = session!.actor;
    const outer = await inTenant(db, tenantId, async (tx) => {
      const where = sql.join(filterConditions({ q: '王经理' }), sql` AND `);
      const { rows } = await tx.execute(sql`EXPLAIN ${await contactsSql(tx, actor, where, 51)}`);
      return planOf(rows);
    });
    expect(outer).toMatch(/search_contact_ids/);
    expect(outer).not.toMatch(/ILIKE/);
    // … whose statements (as the table owner, pinned to the tenant) are served by the trigram indexes.
    const asOwner = (arm: ReturnType<typeof sql>) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenantId}, true)`);
        const { rows } = await tx.execute(sql`EXPLAIN SELECT c.id FROM contacts c
          WHERE c.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid AND (${arm})`);
        return planOf(rows);
      });
    expect(await asOwner(sql`c.name ILIKE ${'%王经理%'}`)).toMatch(/Bitmap Index Scan on contacts_name_trgm_idx/);
    expect(await asOwner(sql`c.mobile LIKE ${'%8000011%'}`)).toMatch(/Bitmap Index Scan on contacts_mobile_trgm_idx/);
    expect(await asOwner(sql`c.email ILIKE ${'%buyer.example%'}`)).toMatch(
      /Bitmap Index Scan on contacts_email_trgm_idx/,
    );
    // The app role alone could not: row-level security keeps ILIKE (not leakproof) out of index conditions.
    const direct = await inTenant(db, tenantId, async (tx) => {
      const { rows } = await tx.execute(
        sql`EXPLAIN SELECT id FROM contacts WHERE tenant_id = ${tenantId} AND name ILIKE ${'%王经理%'}`,
      );
      return planOf(rows);
    });
    expect(direct).not.toMatch(/contacts_name_trgm_idx/);
  });

  it('answers through the function only the current tenant’s contacts', async () => {
    const count = (tenantId: string) =>
      inTenant(t.services.database.db, tenantId, async (tx) => {
        const { rows } = await tx.execute(sql`SELECT id FROM search_contact_ids('%王经理%', NULL, NULL)`);
        return rows.length;
      });
    expect(await count(c.admin.tenant.id)).toBe(2);
    expect(await count(other.tenant.id)).toBe(1);
  });
});
