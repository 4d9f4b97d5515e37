import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { addEmployee, addRole, roleIdByCode } from './test-users.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('permission catalogue', () => {
  it('lists every declared module with its actions, scoped flag and the data scopes', async () => {
    const s = await t.registerTenant();
    const res = await t.request('GET', '/api/v1/permissions', { token: s.token });
    expect(res.status).toBe(200);
    const employees = res.body.modules.find((m: { module: string }) => m.module === 'employees');
    expect(employees.scoped).toBe(true);
    expect(employees.label['zh-CN']).toBe('员工');
    expect(employees.actions.map((a: { action: string }) => a.action)).toContain('disable');
    expect(res.body.scopes.map((x: { scope: string }) => x.scope)).toEqual([
      'own',
      'subordinates',
      'department',
      'department_tree',
      'all',
    ]);
  });

  it('needs a login', async () => {
    expect((await t.request('GET', '/api/v1/permissions')).status).toBe(401);
  });
});

describe('roles', () => {
  it('lists the built-in roles; the administrator holds everything and is locked', async () => {
    const s = await t.registerTenant();
    const res = await t.request('GET', '/api/v1/roles', { token: s.token });
    expect(res.status).toBe(200);
    const codes = res.body.items.map((r: { code: string }) => r.code);
    expect(codes).toEqual(['admin', 'boss', 'sales_manager', 'sales', 'service', 'warehouse', 'finance']);
    const admin = res.body.items[0];
    expect(admin).toMatchObject({ builtin: true, editable: false, memberCount: 1 });
    expect(admin.permissions).toContain('roles.manage');
    expect(admin.scopes.employees).toBe('all');
    const manager = res.body.items.find((r: { code: string }) => r.code === 'sales_manager');
    expect(manager).toMatchObject({ builtin: true, editable: true, memberCount: 0 });
    expect(manager.scopes.employees).toBe('subordinates');
  });

  it('creates, reads, updates and deletes a custom role, with history', async () => {
    const s = await t.registerTenant();
    const created = await t.request('POST', '/api/v1/roles', {
      token: s.token,
      body: {
        name: '区域经理',
        description: '华东区',
        permissions: ['employees.view', 'org.view', 'employees.view'],
        scopes: {},
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '区域经理',
      code: null,
      builtin: false,
      editable: true,
      permissions: ['employees.view', 'org.view'],
      // A scoped module granted without a scope gets "own".
      scopes: { employees: 'own' },
      memberCount: 0,
    });
    const id = created.body.id;

    const updated = await t.request('PUT', `/api/v1/roles/${id}`, {
      token: s.token,
      body: {
        name: '区域总监',
        permissions: ['employees.view', 'employees.edit'],
        scopes: { employees: 'department_tree' },
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.scopes).toEqual({ employees: 'department_tree' });
    expect((await t.request('GET', `/api/v1/roles/${id}`, { token: s.token })).body.name).toBe('区域总监');

    const history = await t.request('GET', `/api/v1/roles/${id}/history`, { token: s.token });
    expect(history.status).toBe(200);
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual(['update', 'create']);
    const changes = history.body.items[0].changes;
    expect(changes).toContainEqual({
      field: 'permissions',
      from: ['employees.view', 'org.view'],
      to: ['employees.edit', 'employees.view'],
    });
    expect(changes).toContainEqual({
      field: 'scopes',
      from: { employees: 'own' },
      to: { employees: 'department_tree' },
    });
    expect(history.body.items[0].actorName).toBe('管理员');

    expect((await t.request('DELETE', `/api/v1/roles/${id}`, { token: s.token })).status).toBe(200);
    expect((await t.request('GET', `/api/v1/roles/${id}`, { token: s.token })).status).toBe(404);
  });

  it('grants take effect on the next request of a holder', async () => {
    const s = await t.registerTenant();
    const roleId = await addRole(t, s.tenant.id, ['org.view']);
    const emp = await addEmployee(t, s.tenant.id, { roleIds: [roleId] });
    expect((await t.request('GET', '/api/v1/roles', { token: emp.token })).status).toBe(403);
    const put = await t.request('PUT', `/api/v1/roles/${roleId}`, {
      token: s.token,
      body: { name: '查看角色', permissions: ['roles.view', 'employees.view'], scopes: { employees: 'subordinates' } },
    });
    expect(put.status).toBe(200);
    expect((await t.request('GET', '/api/v1/roles', { token: emp.token })).status).toBe(200);
    const me = await t.request('GET', '/api/v1/auth/me', { token: emp.token });
    expect(me.body.scopes).toEqual({ employees: 'subordinates' });
  });

  it('answers bad input with field errors', async () => {
    const s = await t.registerTenant();
    const shape = await t.request('POST', '/api/v1/roles', {
      token: s.token,
      body: { name: '', permissions: 'x', scopes: { employees: 'everyone' } },
      lang: 'en',
    });
    expect(shape.status).toBe(400);
    expect(shape.body.error.code).toBe('common.validation');
    expect(Object.keys(shape.body.error.fields)).toEqual(expect.arrayContaining(['name', 'permissions']));

    const unknown = await t.request('POST', '/api/v1/roles', {
      token: s.token,
      body: { name: '甲', permissions: ['employees.fly'], scopes: {} },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.permissions).toBe('未知的权限：employees.fly');

    const unscoped = await t.request('POST', '/api/v1/roles', {
      token: s.token,
      body: { name: '乙', permissions: ['org.view'], scopes: { org: 'all' } },
      lang: 'en',
    });
    expect(unscoped.status).toBe(400);
    expect(unscoped.body.error.fields['scopes.org']).toBe('Module org has no data scope');
  });

  it('refuses a duplicate name', async () => {
    const s = await t.registerTenant();
    const dup = await t.request('POST', '/api/v1/roles', {
      token: s.token,
      body: { name: '老板', permissions: [], scopes: {} },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields.name).toBe('已有同名角色');
  });

  it('locks the administrator role and keeps built-in roles', async () => {
    const s = await t.registerTenant();
    const adminId = await roleIdByCode(t, s.tenant.id, 'admin');
    const bossId = await roleIdByCode(t, s.tenant.id, 'boss');
    const put = await t.request('PUT', `/api/v1/roles/${adminId}`, {
      token: s.token,
      body: { name: '管理员', permissions: [], scopes: {} },
    });
    expect(put.status).toBe(409);
    expect(put.body.error.code).toBe('roles.admin_locked');
    expect((await t.request('DELETE', `/api/v1/roles/${adminId}`, { token: s.token })).body.error.code).toBe(
      'roles.admin_locked',
    );
    const del = await t.request('DELETE', `/api/v1/roles/${bossId}`, { token: s.token });
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('roles.builtin_locked');
    const edit = await t.request('PUT', `/api/v1/roles/${bossId}`, {
      token: s.token,
      body: { name: '总经理', permissions: ['employees.view'], scopes: { employees: 'all' } },
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ name: '总经理', code: 'boss', builtin: true });
  });

  it('refuses to delete a role someone holds', async () => {
    const s = await t.registerTenant();
    const roleId = await addRole(t, s.tenant.id, ['org.view']);
    await addEmployee(t, s.tenant.id, { roleIds: [roleId] });
    const del = await t.request('DELETE', `/api/v1/roles/${roleId}`, { token: s.token, lang: 'en' });
    expect(del.status).toBe(409);
    expect(del.body.error).toMatchObject({
      code: 'roles.in_use',
      message: '1 employees still hold this role; change their roles first',
    });
  });

  it('allows several administrators', async () => {
    const s = await t.registerTenant();
    const adminId = await roleIdByCode(t, s.tenant.id, 'admin');
    const second = await addEmployee(t, s.tenant.id, { roleIds: [adminId] });
    const roles = await t.request('GET', '/api/v1/roles', { token: second.token });
    expect(roles.status).toBe(200);
    expect(roles.body.items[0].memberCount).toBe(2);
  });

  it('answers 403 without the grant, and stops a role manager granting what they lack', async () => {
    const s = await t.registerTenant();
    const viewer = await addEmployee(t, s.tenant.id, { roleIds: [await addRole(t, s.tenant.id, ['roles.view'])] });
    expect((await t.request('GET', '/api/v1/roles', { token: viewer.token })).status).toBe(200);
    const write = await t.request('POST', '/api/v1/roles', {
      token: viewer.token,
      body: { name: '丙', permissions: [], scopes: {} },
    });
    expect(write.status).toBe(403);
    const nobody = await addEmployee(t, s.tenant.id);
    expect((await t.request('GET', '/api/v1/roles', { token: nobody.token })).status).toBe(403);

    const manager = await addEmployee(t, s.tenant.id, {
      roleIds: [await addRole(t, s.tenant.id, ['roles.view', 'roles.manage', 'org.view'])],
    });
    const ok = await t.request('POST', '/api/v1/roles', {
      token: manager.token,
      body: { name: '丁', permissions: ['org.view'], scopes: {} },
    });
    expect(ok.status).toBe(201);
    const escalate = await t.request('PUT', `/api/v1/roles/${ok.body.id}`, {
      token: manager.token,
      body: { name: '丁', permissions: ['org.view', 'employees.create'], scopes: {} },
    });
    expect(escalate.status).toBe(403);
    expect(escalate.body.error.code).toBe('roles.grant_exceeds_own');
  });

  it('answers 404 for another tenant’s role on every route', async () => {
    const a = await t.registerTenant();
    const b = await t.registerTenant();
    const foreign = await roleIdByCode(t, b.tenant.id, 'sales');
    const body = { name: '外部', permissions: [], scopes: {} };
    expect((await t.request('GET', `/api/v1/roles/${foreign}`, { token: a.token })).status).toBe(404);
    expect((await t.request('PUT', `/api/v1/roles/${foreign}`, { token: a.token, body })).status).toBe(404);
    expect((await t.request('DELETE', `/api/v1/roles/${foreign}`, { token: a.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/roles/${foreign}/history`, { token: a.token })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/roles/not-a-uuid', { token: a.token })).status).toBe(404);
  });

  it('bumps the org version on every write', async () => {
    const s = await t.registerTenant();
    const version = async () => {
      const res = await t.services.database.db.execute<{ v: number }>(
        sql`SELECT org_version AS v FROM tenants WHERE id = ${s.tenant.id}`,
      );
      return Number(res.rows[0]!.v);
    };
    const v0 = await version();
    const created = await t.request('POST', '/api/v1/roles', {
      token: s.token,
      body: { name: '戊', permissions: [], scopes: {} },
    });
    expect(await version()).toBe(v0 + 1);
    await t.request('PUT', `/api/v1/roles/${created.body.id}`, {
      token: s.token,
      body: { name: '戊', permissions: ['org.view'], scopes: {} },
    });
    await t.request('DELETE', `/api/v1/roles/${created.body.id}`, { token: s.token });
    expect(await version()).toBe(v0 + 3);
  });
});
