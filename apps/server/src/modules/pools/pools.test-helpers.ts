// Test support for the pools module: an org with a sales department, members and outsiders, and customers
// written straight into the database (the pool tests do not depend on the customers routes).
import { expect } from 'vitest';
import type { Session, TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { customers } from '../customers/customers.table.ts';
import { addDepartment, addEmployee, roleIdByCode, type TestEmployee } from '../roles/test-users.ts';

export interface PoolOrg {
  admin: Session;
  tenantId: string;
  /** 销售部 and its team below it: the pool's members. */
  salesDept: string;
  teamDept: string;
  /** 行政部: not a member. */
  otherDept: string;
  manager: TestEmployee;
  sales: TestEmployee;
  sales2: TestEmployee;
  outsider: TestEmployee;
  /** No pools grant at all. */
  noGrant: TestEmployee;
}

export async function makePoolOrg(t: TestApp): Promise<PoolOrg> {
  const admin = await t.registerTenant();
  const tenantId = admin.tenant.id;
  const salesDept = await addDepartment(t, tenantId, admin.user.departmentId, '销售部');
  const teamDept = await addDepartment(t, tenantId, salesDept, '销售一组');
  const otherDept = await addDepartment(t, tenantId, admin.user.departmentId, '行政部');
  const salesRole = await roleIdByCode(t, tenantId, 'sales');
  const managerRole = await roleIdByCode(t, tenantId, 'sales_manager');
  const manager = await addEmployee(t, tenantId, { name: '李经理', roleIds: [managerRole], departmentId: salesDept });
  const sales = await addEmployee(t, tenantId, {
    name: '张三',
    roleIds: [salesRole],
    departmentId: teamDept,
    supervisorId: manager.id,
  });
  const sales2 = await addEmployee(t, tenantId, {
    name: '李四',
    roleIds: [salesRole],
    departmentId: teamDept,
    supervisorId: manager.id,
  });
  const outsider = await addEmployee(t, tenantId, { name: '王五', roleIds: [salesRole], departmentId: otherDept });
  const noGrant = await addEmployee(t, tenantId, { name: '赵六', departmentId: teamDept });
  return { admin, tenantId, salesDept, teamDept, otherDept, manager, sales, sales2, outsider, noGrant };
}

export interface CustomerSeed {
  name?: string;
  ownerId?: string | null;
  poolId?: string | null;
  industry?: string | null;
  level?: string | null;
  isKey?: boolean;
  dealStatus?: 'none' | 'in_progress' | 'won' | 'lost';
  ownedSince?: Date | null;
  lastFollowUpAt?: Date | null;
  createdAt?: Date;
}

let seq = 0;
/** Insert a customer directly (name_key = lower(name)); returns its id. */
export async function insertCustomer(t: TestApp, tenantId: string, seed: CustomerSeed = {}): Promise<string> {
  const id = newId();
  const name = seed.name ?? `客户${++seq}号有限公司`;
  await inTenant(t.services.database.db, tenantId, (tx) =>
    tx.insert(customers).values({
      tenantId,
      id,
      name,
      nameKey: name.toLowerCase(),
      industry: seed.industry ?? null,
      level: seed.level ?? null,
      ownerId: seed.ownerId ?? null,
      poolId: seed.poolId ?? null,
      isKey: seed.isKey ?? false,
      dealStatus: seed.dealStatus ?? 'none',
      ownedSince: seed.ownedSince ?? (seed.ownerId ? new Date() : null),
      lastFollowUpAt: seed.lastFollowUpAt ?? null,
      ...(seed.createdAt ? { createdAt: seed.createdAt } : {}),
    }),
  );
  return id;
}

export const DEFAULT_RULES = {
  noFollowUpDays: { enabled: true, days: 30 },
  noDealDays: { enabled: false, days: 90 },
  excludeKey: true,
  warnDays: { enabled: true, days: 3 },
};

/** Create a pool through the API as the admin. */
export async function createPool(t: TestApp, org: PoolOrg, body: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/v1/pools', {
    token: org.admin.token,
    body: { name: `公海${++seq}`, departmentIds: [org.salesDept], rules: DEFAULT_RULES, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string };
}

export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
