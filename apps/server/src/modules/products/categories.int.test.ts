import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';

const base = '/api/v1/product-categories';
let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.registerTenant();
});
afterAll(() => t?.close());

const create = (body: Record<string, unknown>, s = admin) => t.request('POST', base, { token: s.token, body });
const patch = (id: string, body: Record<string, unknown>, s = admin) =>
  t.request('PATCH', `${base}/${id}`, { token: s.token, body });
const remove = (id: string, s = admin, lang?: string) => t.request('DELETE', `${base}/${id}`, { token: s.token, lang });
const names = (items: { name: string }[]) => items.map((c) => c.name);

describe('product categories', () => {
  it('builds a tree and lists it in tree order with paths, depths and counts', async () => {
    const s = await t.registerTenant();
    const office = await create({ name: '办公用品' }, s);
    expect(office.status).toBe(201);
    expect(office.body).toMatchObject({ parentId: null, path: ['办公用品'], depth: 0, sortOrder: 0, childCount: 0 });
    const it = (await create({ name: '电脑' }, s)).body;
    const paper = (await create({ name: '纸张', parentId: office.body.id }, s)).body;
    const pens = (await create({ name: '文具', parentId: office.body.id, sortOrder: 0 }, s)).body;
    expect(paper).toMatchObject({ path: ['办公用品', '纸张'], depth: 1, sortOrder: 0 });
    expect(pens.sortOrder).toBe(0);
    // Siblings order by sort order, then name: 文具 (0) and 纸张 (0) by name in Chinese collation order.
    const list = await t.request('GET', base, { token: s.token });
    expect(list.status).toBe(200);
    expect(names(list.body.items)).toEqual(['办公用品', '文具', '纸张', '电脑']);
    expect(list.body.items[0]).toMatchObject({ childCount: 2, productCount: 0 });
    const one = await t.request('GET', `${base}/${paper.id}`, { token: s.token });
    expect(one.body).toMatchObject({ name: '纸张', parentId: office.body.id });
    expect(it.sortOrder).toBe(1);
  });

  it('refuses a sibling with the same name (ignoring case), but allows it elsewhere in the tree', async () => {
    const a = (await create({ name: 'Tools' })).body;
    const again = await create({ name: 'tools' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'products.category_name_taken' });
    expect(again.body.error.message).toBe('同一上级分类下已有名为“tools”的分类');
    const nested = await create({ name: 'Tools', parentId: a.id });
    expect(nested.status).toBe(201);
    const b = (await create({ name: 'Hardware' })).body;
    expect((await patch(b.id, { name: 'TOOLS' })).status).toBe(409);
    // Moving the nested "Tools" to the top level would clash with the first one.
    expect((await patch(nested.body.id, { parentId: null })).status).toBe(409);
  });

  it('moves categories, makes them top-level and refuses cycles', async () => {
    const a = (await create({ name: '甲类' })).body;
    const b = (await create({ name: '乙类', parentId: a.id })).body;
    const c = (await create({ name: '丙类', parentId: b.id })).body;
    for (const target of [a.id, b.id, c.id]) {
      const cycle = await patch(a.id, { parentId: target });
      expect(cycle.status, target).toBe(409);
      expect(cycle.body.error.code).toBe('products.category_cycle');
    }
    const moved = await patch(c.id, { parentId: a.id, sortOrder: 7 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: a.id, sortOrder: 7, path: ['甲类', '丙类'] });
    const top = await patch(b.id, { parentId: null, name: '乙类（顶级）' });
    expect(top.body).toMatchObject({ parentId: null, depth: 0, name: '乙类（顶级）' });
  });

  it('answers bad input with 400 and field messages', async () => {
    const bad = await create({ name: '', parentId: 'nope', sortOrder: -1, colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('common.validation');
    expect(bad.body.error.fields).toMatchObject({
      name: '必填',
      parentId: 'ID 格式不正确',
      sortOrder: '不能小于 0',
    });
    const unknownParent = await create({ name: '孤儿', parentId: crypto.randomUUID() });
    expect(unknownParent.status).toBe(400);
    expect(unknownParent.body.error.fields.parentId).toBe('引用的记录不存在');
    const x = (await create({ name: '某类' })).body;
    const badMove = await patch(x.id, { parentId: crypto.randomUUID() });
    expect(badMove.body.error.fields.parentId).toBe('引用的记录不存在');
    const en = await t.request('POST', base, { token: admin.token, body: {}, lang: 'en' });
    expect(en.body.error.fields.name).toBe('Required');
  });

  it('refuses to delete a category with sub-categories or products, with a clear message', async () => {
    const parent = (await create({ name: '饮品' })).body;
    const child = (await create({ name: '茶叶', parentId: parent.id })).body;
    const withChild = await remove(parent.id);
    expect(withChild.status).toBe(409);
    expect(withChild.body.error.code).toBe('products.category_not_empty');
    expect(withChild.body.error.message).toBe('分类「饮品」下还有 0 个产品和 1 个子分类，请先移走或删除后再删除该分类');
    const product = await t.request('POST', '/api/v1/products', {
      token: admin.token,
      body: { code: 'TEA-1', name: '龙井', baseUnit: '斤', categoryId: child.id },
    });
    expect(product.status).toBe(201);
    const withProduct = await remove(child.id, admin, 'en');
    expect(withProduct.status).toBe(409);
    expect(withProduct.body.error.message).toBe(
      'Category "茶叶" still has 1 products and 0 sub-categories; move or delete them first',
    );
    expect(
      (await t.request('GET', base, { token: admin.token })).body.items.find((c: { id: string }) => c.id === child.id),
    ).toMatchObject({ productCount: 1 });
    await t.request('PATCH', `/api/v1/products/${product.body.id}`, { token: admin.token, body: { categoryId: null } });
    expect((await remove(child.id)).status).toBe(200);
    expect((await remove(parent.id)).status).toBe(200);
    expect((await t.request('GET', `${base}/${parent.id}`, { token: admin.token })).status).toBe(404);
  });

  it('records history, readable after deletion', async () => {
    const c = (await create({ name: '临时' })).body;
    await patch(c.id, { name: '临时分类' });
    await remove(c.id);
    const h = await t.request('GET', `${base}/${c.id}/history`, { token: admin.token });
    expect(h.status).toBe(200);
    expect(h.body.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(h.body.items[1].changes).toEqual([{ field: 'name', from: '临时', to: '临时分类' }]);
    expect((await t.request('GET', `${base}/${crypto.randomUUID()}/history`, { token: admin.token })).status).toBe(404);
  });

  it("answers 404 to another tenant on every /:id route and never shows the other tenant's tree", async () => {
    const other = await t.registerTenant();
    const mine = (await create({ name: '保密分类' })).body;
    for (const [method, url, body] of [
      ['GET', `${base}/${mine.id}`, undefined],
      ['PATCH', `${base}/${mine.id}`, { name: '偷改' }],
      ['DELETE', `${base}/${mine.id}`, undefined],
      ['GET', `${base}/${mine.id}/history`, undefined],
    ] as const) {
      const res = await t.request(method, url, { token: other.token, body });
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.error.code).toBe('common.not_found');
    }
    // Another tenant's category as a parent is a field error, not a leak.
    const foreignParent = await create({ name: '渗透', parentId: mine.id }, other);
    expect(foreignParent.status).toBe(400);
    expect(foreignParent.body.error.fields.parentId).toBe('引用的记录不存在');
    const theirs = (await create({ name: '他们的' }, other)).body;
    expect((await patch(theirs.id, { parentId: mine.id }, other)).status).toBe(400);
    expect((await t.request('GET', base, { token: other.token })).body.items.map((c: { id: string }) => c.id)).toEqual([
      theirs.id,
    ]);
    expect((await t.request('GET', `${base}/${mine.id}`, { token: admin.token })).body.name).toBe('保密分类');
  });
});
