// Test support for the customers tests: a small sales org and quick ways to make customers.
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Session, TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { addDepartment, addEmployee, addRole, roleIdByCode, rootDepartment } from '../roles/test-users.ts';

/**
 * 全公司 ─ 销售部: manager (销售经理, subordinates) supervises rep1 and rep2 (销售人员, own); rep3 (销售人员, own)
 * reports to nobody; viewer may only view (own). admin is the tenant's administrator.
 */
export async function salesWorld(t: TestApp) {
  const admin = await t.registerTenant();
  const tenantId = admin.tenant.id;
  const root = await rootDepartment(t, tenantId);
  const sales = await addDepartment(t, tenantId, root, '销售部');
  const managerRole = await roleIdByCode(t, tenantId, 'sales_manager');
  const salesRole = await roleIdByCode(t, tenantId, 'sales');
  const viewRole = await addRole(t, tenantId, ['customers.view'], { customers: 'own' });
  const manager = await addEmployee(t, tenantId, { name: '李经理', roleIds: [managerRole], departmentId: sales });
  const rep1 = await addEmployee(t, tenantId, {
    name: '张三',
    roleIds: [salesRole],
    departmentId: sales,
    supervisorId: manager.id,
  });
  const rep2 = await addEmployee(t, tenantId, {
    name: '李四',
    roleIds: [salesRole],
    departmentId: sales,
    supervisorId: manager.id,
  });
  const rep3 = await addEmployee(t, tenantId, { name: '王五', roleIds: [salesRole], departmentId: sales });
  const viewer = await addEmployee(t, tenantId, { name: '只读', roleIds: [viewRole], departmentId: sales });
  return { admin, tenantId, root, sales, manager, rep1, rep2, rep3, viewer };
}

let seq = 0;
/** Create a customer through the API (force: no duplicate prompt) and return its id. */
export async function addCustomer(t: TestApp, token: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await t.request('POST', '/api/v1/customers', {
    token,
    body: { name: `客户${++seq}-${Date.now().toString(36)}`, force: true, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** The names of one list page. */
export async function listNames(t: TestApp, token: string, query = ''): Promise<string[]> {
  const res = await t.request('GET', `/api/v1/customers?limit=200${query ? `&${query}` : ''}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((c: { name: string }) => c.name).sort();
}

/** Bulk rows straight into the table: n customers owned round-robin by owners (one INSERT … SELECT). */
export async function insertCustomers(t: TestApp, s: Session | { tenantId: string }, owners: string[], n: number) {
  const tenantId = 'tenant' in s ? s.tenant.id : s.tenantId;
  const list = `{${owners.join(',')}}`;
  await inTenant(t.services.database.db, tenantId, (tx) =>
    tx.execute(sql`INSERT INTO customers (tenant_id, id, name, name_key, owner_id, updated_at, created_at,
        last_follow_up_at, owned_since)
      SELECT ${tenantId}, gen_random_uuid(), '批量客户' || lpad(g::text, 6, '0'), 'bulk' || g,
        (${list}::uuid[])[1 + g % ${owners.length}],
        now() - (g % 97) * interval '1 hour', now() - g * interval '1 minute',
        CASE WHEN g % 3 = 0 THEN NULL ELSE now() - (g % 11) * interval '1 day' END, now()
      FROM generate_series(1, ${n}) g`),
  );
}
