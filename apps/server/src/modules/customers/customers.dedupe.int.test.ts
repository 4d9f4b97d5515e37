// 查重 through HTTP and the batch function, on the real database. Customers are written straight into the table
// (keys computed with customerKeys, as the customers module does) so these tests depend only on the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { addEmployee, addRole, type TestEmployee } from '../roles/test-users.ts';
import { putCustomer } from '../search/search.test-helpers.ts';
import { customerKeys, findDuplicatesBatch } from './customers.dedupe.ts';

const CODE = '91440300708461136T';

let t: TestApp;
let admin: Session;
let rep1: TestEmployee;
let rep2: TestEmployee;
let nobody: TestEmployee;
let demoId: string;

const check = (token: string, body: Record<string, unknown>, lang?: string) =>
  t.request('POST', '/api/v1/customers/duplicate-check', { token, body, lang });

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.registerTenant();
  const tenantId = admin.tenant.id;
  const sales = await addRole(t, tenantId, ['customers.view', 'customers.create'], { customers: 'own' });
  rep1 = await addEmployee(t, tenantId, { name: '张三', roleIds: [sales] });
  rep2 = await addEmployee(t, tenantId, { name: '李四', roleIds: [sales] });
  nobody = await addEmployee(t, tenantId, { name: '无权限', roleIds: [] });
  demoId = await putCustomer(t, tenantId, {
    name: '演示科技有限公司',
    ownerId: rep1.id,
    phone: '139-1234-5678',
    email: 'Sales@Demo.example',
    creditCode: CODE,
  });
  await putCustomer(t, tenantId, { name: '公海里的贸易公司', ownerId: null, phone: '010-88886666' });
});
afterAll(() => t?.close());

describe('POST /api/v1/customers/duplicate-check', () => {
  it.each([
    ['full-width name with (中国) and a legal-form suffix', { name: '演示科技（中国）有限公司' }, ['name']],
    ['name without the suffix, with spaces', { name: ' 演示  科技 ' }, ['name']],
    ['+86 phone', { phone: '+86 139 1234 5678' }, ['phone']],
    ['upper-case e-mail', { email: '  SALES@DEMO.EXAMPLE ' }, ['email']],
    ['lower-case credit code with spaces', { creditCode: '9144 0300 7084 6113 6t' }, ['creditCode']],
    [
      'several keys at once',
      { name: '演示科技股份有限公司', phone: '13912345678', email: 'x@y.example' },
      ['name', 'phone'],
    ],
  ])('finds a visible match by %s', async (_, body, matchedOn) => {
    const res = await check(rep1.token, body);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: demoId, name: '演示科技有限公司', ownerName: '张三', matchedOn, visible: true },
    ]);
  });

  it('reports a match the user may not see as name + owner name only (查重)', async () => {
    const res = await check(rep2.token, { name: '演示科技', phone: '13912345678' });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: null, name: '演示科技有限公司', ownerName: '张三', matchedOn: ['name', 'phone'], visible: false },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(demoId);
    expect(JSON.stringify(res.body)).not.toContain('139');
  });

  it('finds pool customers (no owner) and respects excludeId', async () => {
    const pool = await check(admin.token, { phone: '(010) 8888 6666' });
    expect(pool.body.items).toMatchObject([{ name: '公海里的贸易公司', ownerName: null, matchedOn: ['phone'] }]);
    const self = await check(rep1.token, { name: '演示科技有限公司', excludeId: demoId });
    expect(self.body.items).toEqual([]);
  });

  it('answers no matches for nothing to match, unrelated input, or another company', async () => {
    expect((await check(rep1.token, {})).body.items).toEqual([]);
    expect((await check(rep1.token, { name: '完全不同的公司' })).body.items).toEqual([]);
    const other = await t.registerTenant();
    const res = await check(other.token, { name: '演示科技有限公司', creditCode: CODE });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('answers 400 with field messages, 403 without customers.view', async () => {
    const bad = await check(rep1.token, { name: 123, excludeId: 'nope', extra: 1 }, 'en');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('common.validation');
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['name', 'excludeId']));
    expect((await check(nobody.token, { name: '演示科技' })).status).toBe(403);
  });
});

describe('findDuplicatesBatch', () => {
  it('answers the matches of many rows in input order, in one pass', async () => {
    const keys = [
      { ...customerKeys({ name: '演示科技（中国）有限公司' }) },
      { ...customerKeys({ name: '没有重复', phone: '+86 10 8888 6666' }) },
      { ...customerKeys({ name: '还是没有' }), creditCode: CODE },
      { nameKey: '' },
      ...Array.from({ length: 2500 }, (_, i) => customerKeys({ name: `批量${i}` })),
      { ...customerKeys({ name: '演示科技', email: 'sales@demo.example' }) },
    ];
    const found = await inTenant(t.services.database.db, admin.tenant.id, (tx) =>
      findDuplicatesBatch(tx, admin.tenant.id, keys),
    );
    expect(found).toHaveLength(keys.length);
    expect(found[0]).toEqual([
      { id: demoId, name: '演示科技有限公司', ownerId: rep1.id, poolId: null, matchedOn: ['name'] },
    ]);
    expect(found[1]!.map((m) => [m.name, m.ownerId, m.matchedOn])).toEqual([['公海里的贸易公司', null, ['phone']]]);
    expect(found[2]!.map((m) => m.matchedOn)).toEqual([['creditCode']]);
    expect(found[3]).toEqual([]);
    expect(found.slice(4, -1).every((m) => m.length === 0)).toBe(true);
    expect(found.at(-1)!.map((m) => m.matchedOn)).toEqual([['name', 'email']]);
  });
});
