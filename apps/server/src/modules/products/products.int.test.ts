import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type Session, startTestApp, type TestApp, uniqueEmail } from '../../../test/harness.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { bumpOrgVersion } from '../../platform/access/org-snapshot.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { loginIdentities } from '../auth/auth.table.ts';
import { users } from '../employees/employees.table.ts';
import { addEmployee, roleIdsByCode } from '../employees/employees.test-helpers.ts';
import { rolePermissions, roles, userRoles } from '../roles/roles.table.ts';
import { registerProductUsage } from './index.ts';
import { seedDemoProducts } from './products.demo.ts';

const base = '/api/v1/products';
let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.registerTenant();
});
afterAll(() => t?.close());

/** A colleague in the admin's company holding one custom role with exactly these permissions. */
async function colleague(of: Session, permissions: string[]): Promise<Session> {
  const tenantId = of.tenant.id;
  const email = uniqueEmail('colleague');
  const passwordHash = await hashPassword(PASSWORD);
  await inTenant(t.services.database.db, tenantId, async (tx) => {
    const roleId = newId();
    const userId = newId();
    await tx.insert(roles).values({ tenantId, id: roleId, name: `role ${roleId.slice(-6)}` });
    if (permissions.length) {
      await tx.insert(rolePermissions).values(permissions.map((permission) => ({ tenantId, roleId, permission })));
    }
    await tx
      .insert(users)
      .values({ tenantId, id: userId, name: '同事', email, passwordHash, departmentId: of.user.departmentId });
    await tx.insert(userRoles).values({ tenantId, userId, roleId, isPrimary: true });
    await tx.insert(loginIdentities).values({ identity: email, tenantId, userId });
    await bumpOrgVersion(tx, tenantId);
  });
  return t.login(email, PASSWORD);
}

const create = (body: Record<string, unknown>, s = admin, lang?: string) =>
  t.request('POST', base, { token: s.token, body, lang });
const patch = (id: string, body: Record<string, unknown>, s = admin) =>
  t.request('PATCH', `${base}/${id}`, { token: s.token, body });
const category = async (name: string, parentId?: string, s = admin) => {
  const res = await t.request('POST', '/api/v1/product-categories', { token: s.token, body: { name, parentId } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};
const codes = (items: { code: string }[]) => items.map((p) => p.code);

const paper = (categoryId?: string, code = 'A4-70') => ({
  code,
  name: 'A4 复印纸',
  categoryId,
  specification: '70g 500张/包',
  baseUnit: '包',
  price: '22.00',
  description: '办公常用',
  units: [
    { name: '箱', factor: '5', price: '105.00' },
    { name: '托', factor: 200 },
  ],
});

describe('products', () => {
  it('creates a product with units and prices, reads, changes and deletes it', async () => {
    const cat = await category('纸张');
    const created = await create(paper(cat));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      code: 'A4-70',
      name: 'A4 复印纸',
      categoryId: cat,
      categoryName: '纸张',
      specification: '70g 500张/包',
      baseUnit: '包',
      price: '22.00',
      status: 'active',
      description: '办公常用',
    });
    expect(created.body.units).toEqual([
      { id: expect.any(String), name: '箱', factor: '5', price: '105.00', effectivePrice: '105.00' },
      { id: expect.any(String), name: '托', factor: '200', price: null, effectivePrice: '4400.00' },
    ]);
    const id = created.body.id;
    const got = await t.request('GET', `${base}/${id}`, { token: admin.token });
    expect(got.body).toEqual(created.body);

    // Units are replaced as a set; a unit whose name stays keeps its id.
    const boxId = created.body.units[0].id;
    const changed = await patch(id, {
      name: 'A4 复印纸（70g）',
      price: '21.5',
      status: 'inactive',
      specification: null,
      units: [
        { name: '半箱', factor: '2.5' },
        { name: '箱', factor: '5' },
      ],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ name: 'A4 复印纸（70g）', price: '21.50', status: 'inactive' });
    expect(changed.body.specification).toBeNull();
    expect(changed.body.units).toEqual([
      { id: expect.any(String), name: '半箱', factor: '2.5', price: null, effectivePrice: '53.75' },
      { id: boxId, name: '箱', factor: '5', price: null, effectivePrice: '107.50' },
    ]);
    // Leaving units out keeps them; a product without a list price has no derived prices.
    const unpriced = await patch(id, { price: null });
    expect(unpriced.body.units.map((u: { effectivePrice: string | null }) => u.effectivePrice)).toEqual([null, null]);

    const history = await t.request('GET', `${base}/${id}/history`, { token: admin.token });
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'update', 'create']);
    expect(history.body.items[1].changes).toEqual(
      expect.arrayContaining([
        { field: 'price', from: '22.00', to: '21.50' },
        { field: 'units', from: '1箱=5包 ¥105.00；1托=200包', to: '1半箱=2.5包；1箱=5包' },
      ]),
    );

    expect((await t.request('DELETE', `${base}/${id}`, { token: admin.token })).status).toBe(200);
    expect((await t.request('GET', `${base}/${id}`, { token: admin.token })).status).toBe(404);
    const after = await t.request('GET', `${base}/${id}/history`, { token: admin.token });
    expect(after.body.items[0].action).toBe('delete');
    // The code is free again.
    expect((await create(paper(cat))).status).toBe(201);
  });

  it('answers bad input with 400 and a message per field', async () => {
    const bad = await create({
      code: '',
      name: 'x',
      price: '2.555',
      status: 'sold_out',
      units: [{ name: '箱', factor: '0' }, { name: '', factor: '1.1234567' }, { factor: 'abc' }],
      extra: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('common.validation');
    expect(bad.body.error.fields).toMatchObject({
      code: '必填',
      baseUnit: '必填',
      price: '请输入不小于 0 的金额，最多两位小数',
      status: '不是允许的选项',
      'units.0.factor': '换算系数须大于 0，最多六位小数',
      'units.1.name': '必填',
      'units.1.factor': '换算系数须大于 0，最多六位小数',
      'units.2.name': '必填',
    });
    const negative = await create({ code: 'N', name: 'n', baseUnit: '个', price: '-1' }, admin, 'en');
    expect(negative.body.error.fields.price).toBe('Enter an amount of at least 0 with at most two decimals');
    const tooLong = await create({ code: 'L', name: 'l', baseUnit: '一个很长很长很长的单位名' });
    expect(tooLong.body.error.fields.baseUnit).toBe('最多 10 个字符');

    // Rules zod cannot see: duplicate unit names (the base unit included), an unknown category.
    const dupe = await create({
      code: 'D',
      name: 'd',
      baseUnit: '袋',
      units: [
        { name: '箱', factor: '24' },
        { name: ' 箱', factor: '12' },
      ],
    });
    expect(dupe.status).toBe(400);
    expect(dupe.body.error.fields).toEqual({ 'units.1.name': '单位“箱”在本产品中重复（含基本单位）' });
    const sameAsBase = await create({ code: 'D', name: 'd', baseUnit: 'KG', units: [{ name: 'kg', factor: '1' }] });
    expect(sameAsBase.body.error.fields).toEqual({ 'units.0.name': '单位“kg”在本产品中重复（含基本单位）' });
    const noCategory = await create({ code: 'C', name: 'c', baseUnit: '个', categoryId: crypto.randomUUID() });
    expect(noCategory.body.error.fields).toEqual({ categoryId: '引用的记录不存在' });

    const ok = (await create({ code: 'BASE-CLASH', name: 'b', baseUnit: '袋', units: [{ name: '箱', factor: '24' }] }))
      .body;
    const clash = await patch(ok.id, { baseUnit: '箱' });
    expect(clash.status).toBe(400);
    expect(clash.body.error.fields).toEqual({ baseUnit: '单位“箱”在本产品中重复（含基本单位）' });
    expect((await patch(ok.id, { baseUnit: '箱', units: [{ name: '袋', factor: '0.041667' }] })).status).toBe(200);
    expect((await patch(ok.id, { name: '' })).body.error.fields).toEqual({ name: '必填' });
  });

  it('refuses a duplicate code with 409, ignoring case', async () => {
    const first = await create({ code: 'DUP-1', name: '一号', baseUnit: '个' });
    expect(first.status).toBe(201);
    const again = await create({ code: 'dup-1', name: '二号', baseUnit: '个' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'products.code_taken', message: '产品编码“dup-1”已存在' });
    const second = (await create({ code: 'DUP-2', name: '二号', baseUnit: '个' })).body;
    const renamed = await patch(second.id, { code: 'Dup-1' });
    expect(renamed.status).toBe(409);
    // Its own code (in another case) is not a clash.
    expect((await patch(first.body.id, { code: 'dup-1' })).status).toBe(200);
  });

  it('pages in code order, searches code and name, filters by category subtree and status', async () => {
    const s = await t.registerTenant();
    const office = await category('办公用品', undefined, s);
    const paperCat = await category('纸张', office, s);
    const pens = await category('文具', office, s);
    const it = await category('电脑', undefined, s);
    const items = [
      { code: 'P-03', name: 'A3 复印纸', categoryId: paperCat },
      { code: 'p-01', name: 'A4 复印纸', categoryId: paperCat },
      { code: 'W-01', name: '中性笔', categoryId: pens, status: 'inactive' },
      { code: 'O-01', name: '文件夹 100%_装', categoryId: office },
      { code: 'C-01', name: '笔记本电脑', categoryId: it },
      { code: 'Z-01', name: '未分类的东西' },
    ];
    for (const p of items) expect((await create({ baseUnit: '个', ...p }, s)).status).toBe(201);
    const get = (q: string) => t.request('GET', `${base}?${q}`, { token: s.token });

    const first = await get('limit=4');
    expect(codes(first.body.items)).toEqual(['C-01', 'O-01', 'p-01', 'P-03']);
    const second = await get(`limit=4&cursor=${first.body.nextCursor}`);
    expect(codes(second.body.items)).toEqual(['W-01', 'Z-01']);
    expect(second.body.nextCursor).toBeNull();
    expect((await get('cursor=not-a-cursor')).status).toBe(400);
    expect((await get(`cursor=${Buffer.from('["x", 1]').toString('base64url')}`)).status).toBe(400);

    expect(codes((await get('q=p-0')).body.items)).toEqual(['p-01', 'P-03']);
    expect(codes((await get('q=复印')).body.items)).toEqual(['p-01', 'P-03']);
    expect(codes((await get(`q=${encodeURIComponent('100%_')}`)).body.items)).toEqual(['O-01']);
    expect(codes((await get(`q=${encodeURIComponent('%')}`)).body.items)).toEqual(['O-01']);
    expect(codes((await get(`categoryId=${office}`)).body.items)).toEqual(['O-01', 'p-01', 'P-03', 'W-01']);
    expect(codes((await get(`categoryId=${office}&includeSubcategories=false`)).body.items)).toEqual(['O-01']);
    expect(codes((await get(`categoryId=${office}&status=active`)).body.items)).toEqual(['O-01', 'p-01', 'P-03']);
    expect(codes((await get('status=inactive')).body.items)).toEqual(['W-01']);
    expect(codes((await get(`categoryId=${paperCat}&q=A4`)).body.items)).toEqual(['p-01']);
    // An unknown (or another tenant's) category filters to nothing rather than failing.
    expect((await get(`categoryId=${crypto.randomUUID()}`)).body.items).toEqual([]);
    const bad = await get('status=sold&categoryId=x&limit=0');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['categoryId', 'limit', 'status']);
  });

  it('refuses to delete a product that a document refers to (a registered use)', async () => {
    const used = (await create({ code: 'USED-1', name: '已用产品', baseUnit: '个' })).body;
    registerProductUsage({
      type: 'test_lines',
      label: { 'zh-CN': '测试单据', en: 'Test lines' },
      count: async (_tx, _tenant, productId) => (productId === used.id ? 2 : 0),
    });
    const refused = await t.request('DELETE', `${base}/${used.id}`, { token: admin.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'products.in_use',
      message: '产品“已用产品”已被业务单据引用，不能删除，可将其下架',
      uses: [{ type: 'test_lines', count: 2 }],
    });
    // Taking it off sale is the way out.
    expect((await patch(used.id, { status: 'inactive' })).status).toBe(200);
    const unused = (await create({ code: 'UNUSED-1', name: '未用产品', baseUnit: '个' })).body;
    expect((await t.request('DELETE', `${base}/${unused.id}`, { token: admin.token })).status).toBe(200);
  });

  it('lets every built-in role read products; only holders of products.manage write', async () => {
    const roleIds = await roleIdsByCode(t, admin.tenant.id);
    const product = (await create({ code: 'ROLE-1', name: '权限测试', baseUnit: '个' })).body;
    const cat = await category('权限分类');
    for (const code of ['boss', 'sales_manager', 'sales', 'service', 'warehouse', 'finance']) {
      const s = await (await addEmployee(t, admin, { roleIds: [roleIds[code]!] })).session();
      expect((await t.request('GET', base, { token: s.token })).status, code).toBe(200);
      expect((await t.request('GET', `${base}/${product.id}`, { token: s.token })).status, code).toBe(200);
      expect((await t.request('GET', '/api/v1/product-categories', { token: s.token })).status, code).toBe(200);
      expect((await create({ code: `X-${code}`, name: 'x', baseUnit: '个' }, s)).status, code).toBe(403);
    }

    const nobody = await colleague(admin, []);
    for (const url of [base, `${base}/${product.id}`, `${base}/${product.id}/history`, '/api/v1/product-categories']) {
      const res = await t.request('GET', url, { token: nobody.token });
      expect(res.status, url).toBe(403);
      expect(res.body.error.code).toBe('common.forbidden');
    }
    const viewer = await colleague(admin, ['products.view']);
    expect((await t.request('GET', `${base}/${product.id}/history`, { token: viewer.token })).status).toBe(200);
    for (const [method, url, body] of [
      ['POST', base, { code: 'V-1', name: 'v', baseUnit: '个' }],
      ['PATCH', `${base}/${product.id}`, { name: '改' }],
      ['DELETE', `${base}/${product.id}`, undefined],
      ['POST', '/api/v1/product-categories', { name: '新类' }],
      ['PATCH', `/api/v1/product-categories/${cat}`, { name: '改' }],
      ['DELETE', `/api/v1/product-categories/${cat}`, undefined],
    ] as const) {
      const res = await t.request(method, url, { token: viewer.token, body });
      expect(res.status, `${method} ${url}`).toBe(403);
    }
    const manager = await colleague(admin, ['products.manage']);
    // products.manage alone writes but does not read lists (the web app grants both to a product manager).
    expect((await create({ code: 'M-1', name: 'm', baseUnit: '个' }, manager)).status).toBe(201);
  });

  it("answers 404 for another tenant's product on every route and keeps the lists apart", async () => {
    const a = await t.registerTenant();
    const b = await t.registerTenant();
    const aCat = await category('A 的分类', undefined, a);
    const id = (await create(paper(aCat, 'A-SECRET'), a)).body.id;
    for (const [method, url, body] of [
      ['GET', `${base}/${id}`, undefined],
      ['PATCH', `${base}/${id}`, { name: '偷改' }],
      ['DELETE', `${base}/${id}`, undefined],
      ['GET', `${base}/${id}/history`, undefined],
    ] as const) {
      const res = await t.request(method, url, { token: b.token, body });
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.error.code).toBe('common.not_found');
    }
    expect((await t.request('GET', base, { token: b.token })).body.items).toEqual([]);
    expect((await t.request('GET', `${base}?categoryId=${aCat}`, { token: b.token })).body.items).toEqual([]);
    // A's category cannot be used by B, and A's code is free in B.
    const foreign = await create(paper(aCat, 'B-1'), b);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields.categoryId).toBe('引用的记录不存在');
    expect((await create(paper(undefined, 'A-SECRET'), b)).status).toBe(201);
    const bOwn = (await t.request('GET', base, { token: b.token })).body.items;
    expect(codes(bOwn)).toEqual(['A-SECRET']);
    expect((await patch(bOwn[0].id, { categoryId: aCat }, b)).status).toBe(400);
    expect((await t.request('GET', `${base}/${id}`, { token: a.token })).body.code).toBe('A-SECRET');
  });

  it('seeds the demo catalogue through the services', async () => {
    const s = await t.registerTenant();
    const actor = { tenantId: s.tenant.id, userId: s.user.id } as Actor;
    const n = await inTenant(t.services.database.db, s.tenant.id, (tx) =>
      seedDemoProducts({ tx, actor, audit: { record() {} } }),
    );
    expect(n).toBeGreaterThanOrEqual(10);
    const cats = (await t.request('GET', '/api/v1/product-categories', { token: s.token })).body.items;
    const office = cats.find((c: { name: string }) => c.name === '办公用品');
    const list = await t.request('GET', `${base}?limit=100&categoryId=${office.id}`, { token: s.token });
    expect(list.body.items.length).toBe(5);
    const a4 = list.body.items.find((p: { code: string }) => p.code === 'BG-A4-70');
    expect(a4).toMatchObject({ baseUnit: '包', price: '22.00' });
    expect(a4.units).toEqual([
      { id: expect.any(String), name: '箱', factor: '5', price: '105.00', effectivePrice: '105.00' },
    ]);
    const tea = (await t.request('GET', `${base}?q=CS-TEA`, { token: s.token })).body.items[0];
    expect(
      tea.units.map((u: { name: string; factor: string; effectivePrice: string }) => [
        u.name,
        u.factor,
        u.effectivePrice,
      ]),
    ).toEqual([
      ['kg', '2', '1360.00'],
      ['两', '0.1', '68.00'],
    ]);
    const count = await inTenant(t.services.database.db, s.tenant.id, (tx) =>
      tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM products WHERE status = 'inactive'`),
    );
    expect(Number(count.rows[0]?.n)).toBe(1);
  });
});
