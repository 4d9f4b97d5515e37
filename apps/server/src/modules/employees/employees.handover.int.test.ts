// Disabling an employee (离职): the hand-over registry, one transaction, refusals, re-enabling.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { registerHandover } from '../../platform/handover/registry.ts';
import { addEmployee, roleIdsByCode } from './employees.test-helpers.ts';

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

describe('employees: disable with hand-over', () => {
  it('hands reports, headships and shares to a colleague, logs the employee out and refuses their login', async () => {
    const leaver = await addEmployee(t, admin, {
      name: '离职经理',
      roleIds: [roles.sales_manager!],
      supervisorId: null,
    });
    const heir = await addEmployee(t, admin, { name: '接任者', roleIds: [roles.sales_manager!], supervisorId: null });
    const dept = await newDepartment('华东区', leaver.id);
    const r1 = await addEmployee(t, admin, { name: '下属一', departmentId: dept.id });
    const r2 = await addEmployee(t, admin, { name: '下属二', supervisorId: leaver.id });
    expect((await get(`/api/v1/employees/${r1.id}`)).body.supervisorId).toBe(leaver.id);
    const recordA = crypto.randomUUID();
    const recordB = crypto.randomUUID();
    await inTenant(t.services.database.db, admin.tenant.id, async (tx) => {
      const share = (recordId: string, userId: string, access: string, createdBy = admin.user.id) =>
        tx.execute(sql`INSERT INTO record_shares (tenant_id, id, object_type, record_id, user_id, access, created_by)
          VALUES (${admin.tenant.id}, ${crypto.randomUUID()}, 'customer', ${recordId}, ${userId}, ${access}, ${createdBy})`);
      await share(recordA, leaver.id, 'write');
      await share(recordA, heir.id, 'read');
      await share(recordB, leaver.id, 'read');
      await share(recordB, r2.id, 'read', leaver.id);
    });
    const leaverSession = await leaver.session();

    const preview = await get(`/api/v1/employees/${leaver.id}/handover-preview`);
    expect(preview.status).toBe(200);
    const counts = Object.fromEntries(
      preview.body.items.map((i: { type: string; count: number }) => [i.type, i.count]),
    );
    expect(counts).toMatchObject({
      'employees.direct_reports': 2,
      'org.department_heads': 1,
      'sharing.record_shares': 3,
    });
    const reports = preview.body.items.find((i: { type: string }) => i.type === 'employees.direct_reports');
    expect(reports.label['zh-CN']).toBe('直接下属');

    const res = await post(`/api/v1/employees/${leaver.id}/disable`, { handoverToId: heir.id });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('disabled');
    for (const r of [r1, r2]) expect((await get(`/api/v1/employees/${r.id}`)).body.supervisorId).toBe(heir.id);
    const depts = (await get('/api/v1/departments')).body.items;
    expect(depts.find((d: { id: string }) => d.id === dept.id).headUserId).toBe(heir.id);
    const shares = await inTenant(t.services.database.db, admin.tenant.id, (tx) =>
      tx.execute<{ record_id: string; user_id: string; access: string; created_by: string }>(
        sql`SELECT record_id, user_id, access, created_by FROM record_shares ORDER BY record_id, user_id`,
      ),
    );
    expect(shares.rows.filter((s) => s.user_id === leaver.id || s.created_by === leaver.id)).toEqual([]);
    expect(shares.rows.filter((s) => s.record_id === recordA)).toEqual([
      { record_id: recordA, user_id: heir.id, access: 'write', created_by: admin.user.id },
    ]);
    expect(shares.rows.filter((s) => s.record_id === recordB)).toHaveLength(2);

    expect((await get('/api/v1/auth/me', leaverSession)).status).toBe(401);
    const login = await t.request('POST', '/api/v1/auth/login', { body: { login: leaver.email, password: PASSWORD } });
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe('auth.disabled');
    const after = await get(`/api/v1/employees/${leaver.id}/handover-preview`);
    expect(after.body.items.every((i: { count: number }) => i.count === 0)).toBe(true);
    const history = await get(`/api/v1/employees/${leaver.id}/history`);
    expect(history.body.items[0].action).toBe('disable');
    expect(history.body.items[0].changes).toContainEqual({ field: 'status', from: 'active', to: 'disabled' });

    expect((await post(`/api/v1/employees/${leaver.id}/disable`, { handoverToId: heir.id })).status).toBe(409);
    const enabled = await post(`/api/v1/employees/${leaver.id}/enable`);
    expect(enabled.body.status).toBe('active');
    expect((await leaver.session()).user.id).toBe(leaver.id);
  });

  it('a colleague from below the leaver takes their place without a loop', async () => {
    const top = await addEmployee(t, admin, { name: '总监', supervisorId: null });
    const leaver = await addEmployee(t, admin, { name: '经理X', supervisorId: top.id });
    const mid = await addEmployee(t, admin, { name: '主管Y', supervisorId: leaver.id });
    const deep = await addEmployee(t, admin, { name: '专员Z', supervisorId: mid.id });
    expect((await post(`/api/v1/employees/${leaver.id}/disable`, { handoverToId: deep.id })).status).toBe(200);
    expect((await get(`/api/v1/employees/${deep.id}`)).body.supervisorId).toBe(top.id);
    expect((await get(`/api/v1/employees/${mid.id}`)).body.supervisorId).toBe(deep.id);
  });

  it('is one transaction: a failing hand-over type leaves everything unchanged', async () => {
    const leaver = await addEmployee(t, admin, { name: '回滚者', supervisorId: null });
    const report = await addEmployee(t, admin, { name: '回滚下属', supervisorId: leaver.id });
    const heir = await addEmployee(t, admin, { name: '回滚接任' });
    const unregister = registerHandover({
      type: 'test.failing',
      label: { 'zh-CN': '测试', en: 'Test' },
      count: async () => 1,
      transfer: async () => {
        throw new Error('boom');
      },
    });
    try {
      const res = await post(`/api/v1/employees/${leaver.id}/disable`, { handoverToId: heir.id });
      expect(res.status).toBe(500);
    } finally {
      unregister();
    }
    expect((await get(`/api/v1/employees/${report.id}`)).body.supervisorId).toBe(leaver.id);
    expect((await get(`/api/v1/employees/${leaver.id}`)).body.status).toBe('active');
  });

  it('refuses handing over to self, to a disabled colleague or another tenant, and disabling the last admin', async () => {
    const p = await addEmployee(t, admin, { name: '待停用' });
    const gone = await addEmployee(t, admin, { name: '已停用' });
    await post(`/api/v1/employees/${gone.id}/disable`, { handoverToId: admin.user.id });
    const other = await t.registerTenant();
    const url = `/api/v1/employees/${p.id}/disable`;
    expect((await post(url, { handoverToId: p.id })).body.error.fields.handoverToId).toBe('不能交接给要停用的员工本人');
    expect((await post(url, { handoverToId: gone.id })).body.error.fields.handoverToId).toBe('该员工已停用');
    const foreign = await post(url, { handoverToId: other.user.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields.handoverToId).toBe('引用的记录不存在');
    expect((await post(url, {})).body.error.fields.handoverToId).toBe('必填');

    const last = await post(`/api/v1/employees/${other.user.id}/disable`, { handoverToId: other.user.id }, other);
    expect(last.status).toBe(400);
    const helper = await addEmployee(t, other, { name: '同事' });
    const lastAdmin = await post(`/api/v1/employees/${other.user.id}/disable`, { handoverToId: helper.id }, other);
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.body.error.code).toBe('employees.last_admin');
    const demote = await patch(other.user.id, { roleIds: [] }, other);
    expect(demote.status).toBe(409);
    const second = await addEmployee(t, other, {
      name: '第二管理员',
      roleIds: [(await roleIdsByCode(t, other.tenant.id)).admin!],
    });
    expect((await post(`/api/v1/employees/${other.user.id}/disable`, { handoverToId: second.id }, other)).status).toBe(
      200,
    );
  });
});
