import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { AuditWriter } from '../../platform/audit/audit.ts';
import { inSystem, type Tx } from '../../platform/db/database.ts';
import type { Services } from '../../platform/http/services.ts';
import { seedDemoContacts } from '../contacts/index.ts';
import { seedDemoCustomers } from '../customers/customers.demo.ts';
import { createEmployee, type EmployeeContext } from '../employees/index.ts';
import { seedDemoQuotas } from '../forecast/index.ts';
import { seedDemoLeads } from '../leads/index.ts';
import { seedDemoOpportunities } from '../opportunities/index.ts';
import { createDepartment, updateDepartment } from '../org/index.ts';
import { seedDemoProducts } from '../products/products.demo.ts';
import { seedDemoQuotes } from '../quotes/index.ts';
import { createTenant } from './tenants.service.ts';

export const DEMO_PASSWORD = 'Huike@2026';
export const DEMO_ADMIN = 'admin@demo.huike.local';

/** On first start: 演示科技有限公司 with an administrator and one user per role of seed 001. */
export async function seedDemoIfEmpty(services: Services) {
  const { db } = services.database;
  const existing = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM tenants`);
  if (Number(existing.rows[0]?.n) > 0) return null;
  return inSystem(db, (tx) => seedDemo(tx));
}

/**
 * The demo company, built through the same services as the API (rules, logins, audit trail), acting as
 * its administrator. Runs inside createTenant's tenant-bound transaction.
 */
export async function seedDemo(tx: Tx) {
  const created = await createTenant(
    tx,
    {
      companyName: '演示科技有限公司',
      adminName: '系统管理员',
      email: DEMO_ADMIN,
      mobile: null,
      password: DEMO_PASSWORD,
    },
    'zh-CN',
  );
  const { tenantId, adminId, rootDepartmentId, roleIds } = created;
  const audit = new AuditWriter(tenantId, adminId, 'demo seed');
  const ctx: EmployeeContext = { tx, actor: seedActor(tenantId, adminId, rootDepartmentId), audit };
  const org = { tx, tenantId, audit };

  const dept = async (name: string) =>
    (
      await createDepartment(org, {
        parentId: rootDepartmentId,
        name,
        kind: 'department',
        independentAccounting: false,
      })
    ).id;
  const office = await dept('总经办');
  const sales = await dept('销售部');
  const service = await dept('客服部');
  const warehouse = await dept('仓储部');
  const finance = await dept('财务部');

  /** supervisorId undefined: the department head becomes the supervisor (the default). */
  const person = async (
    name: string,
    login: string,
    departmentId: string,
    role: string,
    positionTitle: string,
    supervisorId?: string | null,
  ) => {
    const email = `${login}@demo.huike.local`;
    const e = await createEmployee(ctx, {
      name,
      email,
      password: DEMO_PASSWORD,
      departmentId,
      supervisorId,
      positionTitle,
      roleIds: [roleIds[role]!],
    });
    return { id: e.id, email };
  };
  const boss = await person('王总', 'boss', office, 'boss', '总经理', null);
  await updateDepartment(org, office, { headUserId: boss.id });
  const manager = await person('李经理', 'manager', sales, 'sales_manager', '销售经理', boss.id);
  await updateDepartment(org, sales, { headUserId: manager.id });
  const s1 = await person('张三', 'sales1', sales, 'sales', '销售代表');
  const s2 = await person('李四', 'sales2', sales, 'sales', '销售代表');
  const cs = await person('赵客服', 'service', service, 'service', '客服专员', boss.id);
  const wh = await person('钱仓管', 'warehouse', warehouse, 'warehouse', '仓库管理员', boss.id);
  const fi = await person('孙财务', 'finance', finance, 'finance', '会计', boss.id);
  await seedDemoCustomers(ctx, { manager: manager.id, s1: s1.id, s2: s2.id });
  await seedDemoContacts(ctx);
  await seedDemoProducts(ctx);
  await seedDemoLeads(ctx, { manager: manager.id, s1: s1.id, s2: s2.id });
  await seedDemoOpportunities(ctx, { manager: manager.id, s1: s1.id, s2: s2.id });
  await seedDemoQuotas(ctx, { manager: manager.id, s1: s1.id, s2: s2.id });
  await seedDemoQuotes(ctx, { manager: manager.id, s1: s1.id, s2: s2.id });
  await audit.flush(tx);
  return {
    tenantId,
    login: DEMO_ADMIN,
    password: DEMO_PASSWORD,
    others: [boss, manager, s1, s2, cs, wh, fi].map((p) => p.email),
  };
}

/** The administrator as an actor for the seed (which only creates, so no cached org snapshot is consulted). */
function seedActor(tenantId: string, userId: string, departmentId: string): Actor {
  return {
    tenantId,
    userId,
    name: '系统管理员',
    departmentId,
    roleIds: [],
    roleCodes: ['admin'],
    isAdmin: true,
    permissions: new Set(),
    scopes: new Map(),
    orgVersion: -1,
    locale: 'zh-CN',
    via: 'bearer',
  };
}
