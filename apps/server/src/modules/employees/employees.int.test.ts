import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type Session, startTestApp, type TestApp, uniqueEmail } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { addEmployee, roleIdsByCode, uniqueMobile } from './employees.test-helpers.ts';

let t: TestApp;
let admin: Session;
let roles: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.registerTenant();
  roles = await roleIdsByCode(t, admin.tenant.id);
});
afterAll(() => t?.close());

const get = (url: string, s = admin) => t.request('GET', url, { token: s.token });
const post = (url: string, body?: unknown, s = admin, lang?: string) =>
  t.request('POST', url, { token: s.token, body, lang });
const patch = (id: string, body: unknown, s = admin) =>
  t.request('PATCH', `/api/v1/employees/${id}`, { token: s.token, body });
const newDepartment = async (name: string, headUserId?: string) =>
  (await post('/api/v1/departments', { parentId: admin.user.departmentId, name, headUserId })).body;
const names = (items: Array<{ name: string }>) => items.map((e) => e.name).sort();

describe('employees: create and edit', () => {
  it('creates an employee whose supervisor defaults to the department head and who can log in', async () => {
    const boss = await addEmployee(t, admin, { name: '王总', roleIds: [roles.boss!] });
    const dept = await newDepartment('销售部', boss.id);
    const m = uniqueMobile();
    const res = await post('/api/v1/employees', {
      name: '张三',
      email: uniqueEmail('zhang'),
      mobile: `+86 ${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`,
      password: PASSWORD,
      departmentId: dept.id,
      positionTitle: '销售代表',
      roleIds: [roles.sales!],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '张三',
      mobile: m,
      departmentId: dept.id,
      departmentName: '销售部',
      supervisorId: boss.id,
      supervisorName: '王总',
      positionTitle: '销售代表',
      status: 'active',
      roles: [{ id: roles.sales, name: '销售人员', code: 'sales' }],
    });
    expect(typeof res.body.createdAt).toBe('string');
    const byMobile = await t.login(m, PASSWORD);
    expect(byMobile.user.id).toBe(res.body.id);
    expect((await get(`/api/v1/employees/${res.body.id}`)).body.name).toBe('张三');

    const none = await post('/api/v1/employees', {
      name: '无上级',
      mobile: uniqueMobile(),
      password: PASSWORD,
      departmentId: dept.id,
      supervisorId: null,
    });
    expect(none.body.supervisorId).toBeNull();
  });

  it('answers bad input with 400 field messages and taken logins with 409', async () => {
    const bad = await post('/api/v1/employees', { name: '', email: 'nope', password: '1', departmentId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({
      name: '必填',
      email: '邮箱格式不正确',
      password: '至少 8 个字符',
      departmentId: 'ID 格式不正确',
    });
    const base = { name: '甲', password: PASSWORD, departmentId: admin.user.departmentId };
    const noLogin = await post('/api/v1/employees', base);
    expect(noLogin.status).toBe(400);
    expect(noLogin.body.error.fields.email).toBe('邮箱和手机号至少填写一项');
    const badRole = await post('/api/v1/employees', { ...base, email: uniqueEmail(), roleIds: [crypto.randomUUID()] });
    expect(badRole.body.error.fields.roleIds).toBe('引用的记录不存在');
    const badDept = await post('/api/v1/employees', {
      ...base,
      email: uniqueEmail(),
      departmentId: crypto.randomUUID(),
    });
    expect(badDept.body.error.fields.departmentId).toBe('引用的记录不存在');
    const taken = await post('/api/v1/employees', { ...base, email: admin.user.email!.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields.email).toBe('该邮箱已被使用');
  });

  it('keeps logins in sync when e-mail or mobile change', async () => {
    const p = await addEmployee(t, admin, { name: '改邮箱' });
    const next = uniqueEmail('changed');
    const mobile = uniqueMobile();
    const res = await patch(p.id, { email: next, mobile, positionTitle: '主管' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: next, mobile, positionTitle: '主管' });
    await expect(t.login(p.email, PASSWORD)).rejects.toThrow(/401/);
    expect((await t.login(next, PASSWORD)).user.id).toBe(p.id);
    const dropped = await patch(p.id, { email: null });
    expect(dropped.body.email).toBeNull();
    expect((await t.login(mobile, PASSWORD)).user.id).toBe(p.id);
    expect((await patch(p.id, { mobile: null })).body.error.fields.email).toBe('邮箱和手机号至少填写一项');
    const other = await addEmployee(t, admin);
    expect((await patch(other.id, { mobile })).body.error.fields.mobile).toBe('该手机号已被使用');
  });

  it('refuses supervisor cycles and inactive supervisors; null clears it', async () => {
    const a = await addEmployee(t, admin, { name: 'A', supervisorId: null });
    const b = await addEmployee(t, admin, { name: 'B', supervisorId: a.id });
    const c = await addEmployee(t, admin, { name: 'C', supervisorId: b.id });
    const cycle = await patch(a.id, { supervisorId: c.id });
    expect(cycle.status).toBe(409);
    expect(cycle.body.error.code).toBe('employees.supervisor_cycle');
    expect((await patch(a.id, { supervisorId: a.id })).status).toBe(409);
    expect((await patch(c.id, { supervisorId: null })).body.supervisorId).toBeNull();
    expect((await patch(a.id, { supervisorId: c.id })).body.supervisorName).toBe('C');
    const gone = await addEmployee(t, admin, { name: '已离职' });
    await post(`/api/v1/employees/${gone.id}/disable`, { handoverToId: admin.user.id });
    const inactive = await patch(b.id, { supervisorId: gone.id });
    expect(inactive.status).toBe(400);
    expect(inactive.body.error.fields.supervisorId).toBe('该员工已停用');
    expect((await patch(b.id, { supervisorId: crypto.randomUUID() })).body.error.fields.supervisorId).toBe(
      '引用的记录不存在',
    );
  });

  it('moving to another department picks that head as supervisor unless given; roles are replaced', async () => {
    const head = await addEmployee(t, admin, { name: '客服主管' });
    const service = await newDepartment('客服部', head.id);
    const p = await addEmployee(t, admin, { name: '调岗', roleIds: [roles.sales!] });
    const moved = await patch(p.id, { departmentId: service.id, roleIds: [roles.service!, roles.warehouse!] });
    expect(moved.body).toMatchObject({ departmentName: '客服部', supervisorId: head.id });
    expect(moved.body.roles.map((r: { code: string }) => r.code)).toEqual(['service', 'warehouse']);
    // The head moved into their own department reports to the head above (the company root's head).
    const self = await patch(head.id, { departmentId: service.id });
    expect(self.body.supervisorId).toBe(admin.user.id);
  });
});

describe('employees: list and data scope', () => {
  it('searches, filters and pages by (name, id)', async () => {
    const dept = await newDepartment('分页部');
    for (const n of ['页甲', '页乙', '页丙', '页丁', '页戊'])
      await addEmployee(t, admin, { name: n, departmentId: dept.id });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = `departmentId=${dept.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await get(`/api/v1/employees?${qs}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((e: { name: string }) => e.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const q = await get(`/api/v1/employees?q=${encodeURIComponent('页丙')}`);
    expect(names(q.body.items)).toEqual(['页丙']);
    const byEmail = await get(
      `/api/v1/employees?q=${encodeURIComponent(admin.user.email!.slice(0, 12).toUpperCase())}`,
    );
    expect(byEmail.body.items.map((e: { id: string }) => e.id)).toContain(admin.user.id);
    const likeChars = await get(`/api/v1/employees?q=${encodeURIComponent('%')}`);
    expect(likeChars.body.items).toEqual([]);
    const disabledOnly = await get('/api/v1/employees?status=disabled&limit=200');
    expect(disabledOnly.body.items.every((e: { status: string }) => e.status === 'disabled')).toBe(true);
    const badCursor = await get('/api/v1/employees?cursor=garbage');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.fields.cursor).toBeDefined();
    const badQuery = await get('/api/v1/employees?limit=0&status=gone');
    expect(badQuery.status).toBe(400);
    expect(Object.keys(badQuery.body.error.fields).sort()).toEqual(['limit', 'status']);
  });

  it('a sales manager sees self and the whole chain below; a salesperson only self', async () => {
    const manager = await addEmployee(t, admin, { name: '经理', roleIds: [roles.sales_manager!], supervisorId: null });
    const lead = await addEmployee(t, admin, { name: '组长', roleIds: [roles.sales!], supervisorId: manager.id });
    const rep = await addEmployee(t, admin, { name: '组员', roleIds: [roles.sales!], supervisorId: lead.id });
    const intern = await addEmployee(t, admin, { name: '实习生', roleIds: [roles.sales!], supervisorId: rep.id });
    const outsider = await addEmployee(t, admin, { name: '外人', roleIds: [roles.sales!], supervisorId: null });

    const m = await manager.session();
    const seen = await get('/api/v1/employees?limit=200', m);
    expect(names(seen.body.items)).toEqual(
      names([{ name: '经理' }, { name: '组长' }, { name: '组员' }, { name: '实习生' }]),
    );
    expect((await get(`/api/v1/employees/${intern.id}`, m)).status).toBe(200);
    expect((await get(`/api/v1/employees/${outsider.id}`, m)).status).toBe(404);
    expect((await get(`/api/v1/employees/${admin.user.id}/history`, m)).status).toBe(404);

    const r = await rep.session();
    const own = await get('/api/v1/employees', r);
    expect(own.body.items.map((e: { id: string }) => e.id)).toEqual([rep.id]);
    expect((await get(`/api/v1/employees/${intern.id}`, r)).status).toBe(404);

    // The chain follows supervisor changes at once (org version bump).
    await patch(outsider.id, { supervisorId: intern.id });
    expect((await get(`/api/v1/employees/${outsider.id}`, m)).status).toBe(200);
  });
});

describe('employees: password reset, grants, tenants', () => {
  it('resets a password and ends the employee sessions', async () => {
    const p = await addEmployee(t, admin, { name: '忘密码' });
    const s = await p.session();
    const res = await post(`/api/v1/employees/${p.id}/reset-password`, { newPassword: 'Brand-new-1' });
    expect(res.status).toBe(200);
    expect((await get('/api/v1/auth/me', s)).status).toBe(401);
    expect((await t.login(p.email, 'Brand-new-1')).user.id).toBe(p.id);
    const short = await post(`/api/v1/employees/${p.id}/reset-password`, { newPassword: 'x' }, admin, 'en');
    expect(short.body.error.fields.newPassword).toBe('At least 8 characters');
  });

  it('403 for every write without the grant (a salesperson)', async () => {
    const target = await addEmployee(t, admin, { name: '目标' });
    const s = await (await addEmployee(t, admin, { name: '销售', roleIds: [roles.sales!] })).session();
    const calls: Array<[string, string, unknown?]> = [
      [
        'POST',
        '/api/v1/employees',
        { name: 'x', email: uniqueEmail(), password: PASSWORD, departmentId: s.user.departmentId },
      ],
      ['PATCH', `/api/v1/employees/${target.id}`, { name: 'y' }],
      ['POST', `/api/v1/employees/${target.id}/disable`, { handoverToId: s.user.id }],
      ['POST', `/api/v1/employees/${target.id}/enable`],
      ['POST', `/api/v1/employees/${target.id}/reset-password`, { newPassword: 'Whatever-123' }],
      ['GET', `/api/v1/employees/${target.id}/handover-preview`],
    ];
    for (const [method, url, body] of calls) {
      const res = await t.request(method, url, { token: s.token, body });
      expect(res.status, `${method} ${url}`).toBe(403);
    }
    // A custom role without employees.view cannot list or read employees at all.
    const roleId = crypto.randomUUID();
    await inTenant(t.services.database.db, admin.tenant.id, (tx) =>
      tx.execute(sql`INSERT INTO roles (tenant_id, id, name) VALUES (${admin.tenant.id}, ${roleId}, '无权限角色')`),
    );
    const bare = await (await addEmployee(t, admin, { name: '无权限', roleIds: [roleId] })).session();
    expect((await get('/api/v1/employees', bare)).status).toBe(403);
    expect((await get(`/api/v1/employees/${bare.user.id}`, bare)).status).toBe(403);
    expect((await get(`/api/v1/employees/${bare.user.id}/history`, bare)).status).toBe(403);
  });

  it('assigning roles also needs roles.manage, so an HR user cannot grant themselves more', async () => {
    const hrRole = await post('/api/v1/roles', {
      name: '人事专员',
      permissions: ['employees.view', 'employees.create', 'employees.edit'],
      scopes: { employees: 'all' },
    });
    expect(hrRole.status, JSON.stringify(hrRole.body)).toBe(201);
    const hr = await (await addEmployee(t, admin, { name: '人事', roleIds: [hrRole.body.id] })).session();
    const body = { name: '新人', email: uniqueEmail(), password: PASSWORD, departmentId: hr.user.departmentId };
    expect((await post('/api/v1/employees', { ...body, roleIds: [roles.admin!] }, hr)).status).toBe(403);
    expect((await patch(hr.user.id, { roleIds: [roles.admin!] }, hr)).status).toBe(403);
    expect((await post('/api/v1/employees', body, hr)).status).toBe(201);
    expect((await patch(hr.user.id, { positionTitle: '人事主管' }, hr)).status).toBe(200);
    const me = await t.request('GET', '/api/v1/auth/me', { token: hr.token });
    expect(me.body.isAdmin).toBe(false);
  });

  it('another tenant gets 404 for every /:id route', async () => {
    const target = await addEmployee(t, admin, { name: '别家看不到' });
    const other = await t.registerTenant();
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/employees/${target.id}`],
      ['GET', `/api/v1/employees/${target.id}/history`],
      ['GET', `/api/v1/employees/${target.id}/handover-preview`],
      ['PATCH', `/api/v1/employees/${target.id}`, { name: 'y' }],
      ['POST', `/api/v1/employees/${target.id}/disable`, { handoverToId: other.user.id }],
      ['POST', `/api/v1/employees/${target.id}/enable`],
      ['POST', `/api/v1/employees/${target.id}/reset-password`, { newPassword: 'Whatever-123' }],
    ];
    for (const [method, url, body] of calls) {
      const res = await t.request(method, url, { token: other.token, body });
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.error.code).toBe('common.not_found');
    }
    const list = await get('/api/v1/employees?limit=200', other);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([other.user.id]);
    expect((await get(`/api/v1/employees/${target.id}`)).body.name).toBe('别家看不到');
  });
});
