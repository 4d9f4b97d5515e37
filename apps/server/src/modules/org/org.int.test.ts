import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { addEmployee, roleIdsByCode } from '../employees/employees.test-helpers.ts';

let t: TestApp;
let admin: Session;
let roles: Record<string, string>;
const rootOf = (s: Session) => s.user.departmentId;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.registerTenant();
  roles = await roleIdsByCode(t, admin.tenant.id);
});
afterAll(() => t?.close());

const create = (body: Record<string, unknown>, s = admin) =>
  t.request('POST', '/api/v1/departments', { token: s.token, body });
const patch = (id: string, body: Record<string, unknown>, s = admin, lang?: string) =>
  t.request('PATCH', `/api/v1/departments/${id}`, { token: s.token, body, lang });

describe('departments', () => {
  it('builds a tree: the root, departments, a subsidiary with independent accounting', async () => {
    const list0 = await t.request('GET', '/api/v1/departments', { token: admin.token });
    expect(list0.status).toBe(200);
    const root = list0.body.items.find((d: { kind: string }) => d.kind === 'company');
    expect(root).toMatchObject({ name: '全公司', parentId: null, headUserId: admin.user.id, headName: '管理员' });
    expect(root.memberCount).toBe(1);

    const sales = await create({ parentId: root.id, name: '销售部' });
    expect(sales.status).toBe(201);
    expect(sales.body).toMatchObject({
      kind: 'department',
      independentAccounting: false,
      memberCount: 0,
      sortOrder: 0,
    });
    const sub = await create({
      parentId: root.id,
      name: '上海子公司',
      kind: 'subsidiary',
      independentAccounting: true,
    });
    expect(sub.status).toBe(201);
    expect(sub.body).toMatchObject({ kind: 'subsidiary', independentAccounting: true, sortOrder: 1 });

    const list = await t.request('GET', '/api/v1/departments', { token: admin.token });
    expect(list.body.items.map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining(['全公司', '销售部', '上海子公司']),
    );
  });

  it('renames the root but refuses to move, retype or delete it', async () => {
    const root = rootOf(admin);
    const renamed = await patch(root, { name: '总公司' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('总公司');
    const child = (await create({ parentId: root, name: '市场部' })).body;
    expect((await patch(root, { parentId: child.id })).body.error.code).toBe('org.root_locked');
    expect((await patch(root, { kind: 'department' })).status).toBe(409);
    const del = await t.request('DELETE', `/api/v1/departments/${root}`, { token: admin.token });
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('org.root_locked');
  });

  it('answers bad input with 400 and field messages', async () => {
    const bad = await create({ parentId: 'nope', name: '', kind: 'company' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('common.validation');
    expect(bad.body.error.fields).toMatchObject({ parentId: 'ID 格式不正确', name: '必填', kind: '不是允许的选项' });

    const plain = await create({ parentId: rootOf(admin), name: '财务部', independentAccounting: true });
    expect(plain.status).toBe(400);
    expect(plain.body.error.fields.independentAccounting).toBe('只有子公司或分支机构可以独立核算');
    const unknownParent = await create({ parentId: crypto.randomUUID(), name: '某部' });
    expect(unknownParent.body.error.fields.parentId).toBe('引用的记录不存在');
  });

  it('independent accounting goes away when a branch becomes a plain department', async () => {
    const branch = (
      await create({ parentId: rootOf(admin), name: '深圳分公司', kind: 'branch', independentAccounting: true })
    ).body;
    const plain = await patch(branch.id, { kind: 'department' });
    expect(plain.body).toMatchObject({ kind: 'department', independentAccounting: false });
    const refused = await patch(branch.id, { independentAccounting: true }, admin, 'en');
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.independentAccounting).toBe(
      'Only subsidiaries and branches can have independent accounting',
    );
  });

  it('moves a department and refuses cycles', async () => {
    const a = (await create({ parentId: rootOf(admin), name: 'A' })).body;
    const b = (await create({ parentId: a.id, name: 'B' })).body;
    const c = (await create({ parentId: b.id, name: 'C' })).body;
    const cycle = await patch(a.id, { parentId: c.id });
    expect(cycle.status).toBe(409);
    expect(cycle.body.error.code).toBe('org.department_cycle');
    expect((await patch(a.id, { parentId: a.id })).status).toBe(409);
    const moved = await patch(c.id, { parentId: a.id, sortOrder: 5 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: a.id, sortOrder: 5 });
  });

  it('sets heads: only active employees of the tenant', async () => {
    const d = (await create({ parentId: rootOf(admin), name: '客服部' })).body;
    const person = await addEmployee(t, admin, { name: '赵客服', departmentId: d.id, roleIds: [roles.service!] });
    const headed = await patch(d.id, { headUserId: person.id });
    expect(headed.body).toMatchObject({ headUserId: person.id, headName: '赵客服', memberCount: 1 });
    const other = await t.registerTenant();
    const foreign = await patch(d.id, { headUserId: other.user.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields.headUserId).toBe('引用的记录不存在');
    await t.request('POST', `/api/v1/employees/${person.id}/disable`, {
      token: admin.token,
      body: { handoverToId: admin.user.id },
    });
    const disabled = await patch(d.id, { headUserId: person.id });
    expect(disabled.body.error.fields.headUserId).toBe('该员工已停用');
    expect((await patch(d.id, { headUserId: null })).body.headUserId).toBeNull();
  });

  it('refuses to delete a department with members or children, with a clear message', async () => {
    const parent = (await create({ parentId: rootOf(admin), name: '研发部' })).body;
    const child = (await create({ parentId: parent.id, name: '前端组' })).body;
    const withChild = await t.request('DELETE', `/api/v1/departments/${parent.id}`, { token: admin.token });
    expect(withChild.status).toBe(409);
    expect(withChild.body.error.code).toBe('org.department_not_empty');
    expect(withChild.body.error.message).toBe(
      '部门「研发部」下还有 0 名员工（含已停用）和 1 个下级部门，请先移走后再删除',
    );

    const member = await addEmployee(t, admin, { departmentId: child.id });
    const withMember = await t.request('DELETE', `/api/v1/departments/${child.id}`, { token: admin.token, lang: 'en' });
    expect(withMember.status).toBe(409);
    expect(withMember.body.error.message).toContain('still has 1 employees');

    await t.request('PATCH', `/api/v1/employees/${member.id}`, {
      token: admin.token,
      body: { departmentId: rootOf(admin) },
    });
    expect((await t.request('DELETE', `/api/v1/departments/${child.id}`, { token: admin.token })).status).toBe(200);
    expect((await t.request('DELETE', `/api/v1/departments/${parent.id}`, { token: admin.token })).status).toBe(200);
    const list = await t.request('GET', '/api/v1/departments', { token: admin.token });
    expect(list.body.items.some((d: { id: string }) => d.id === parent.id)).toBe(false);
  });

  it('records history with field changes, readable after deletion', async () => {
    const d = (await create({ parentId: rootOf(admin), name: '行政部' })).body;
    await patch(d.id, { name: '人事行政部' });
    await t.request('DELETE', `/api/v1/departments/${d.id}`, { token: admin.token });
    const h = await t.request('GET', `/api/v1/departments/${d.id}/history`, { token: admin.token });
    expect(h.status).toBe(200);
    expect(h.body.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(h.body.items[1].changes).toEqual([{ field: 'name', from: '行政部', to: '人事行政部' }]);
    expect(h.body.items[1].actorName).toBe('管理员');
  });

  it('403 without org.manage (a salesperson), though anyone may read the tree', async () => {
    const sales = await (await addEmployee(t, admin, { roleIds: [roles.sales!] })).session();
    expect((await t.request('GET', '/api/v1/departments', { token: sales.token })).status).toBe(200);
    const denied = await create({ parentId: rootOf(admin), name: '偷建部门' }, sales);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('common.forbidden');
    expect((await patch(rootOf(admin), { name: 'x' }, sales)).status).toBe(403);
    expect((await t.request('DELETE', `/api/v1/departments/${rootOf(admin)}`, { token: sales.token })).status).toBe(
      403,
    );
    expect(
      (await t.request('GET', `/api/v1/departments/${rootOf(admin)}/history`, { token: sales.token })).status,
    ).toBe(403);
  });

  it('another tenant gets 404 for every /:id route and never sees the tree', async () => {
    const other = await t.registerTenant();
    const mine = (await create({ parentId: rootOf(admin), name: '保密部' })).body;
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/departments/${mine.id}`, { name: '改名' }],
      ['DELETE', `/api/v1/departments/${mine.id}`, undefined],
      ['GET', `/api/v1/departments/${mine.id}/history`, undefined],
    ] as const) {
      const res = await t.request(method, url, { token: other.token, body });
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.error.code).toBe('common.not_found');
    }
    // Creating under a foreign parent is a field error, not a leak.
    expect((await create({ parentId: mine.id, name: '渗透' }, other)).status).toBe(400);
    const theirs = await t.request('GET', '/api/v1/departments', { token: other.token });
    expect(theirs.body.items).toHaveLength(1);
  });
});
