import { sql } from 'drizzle-orm';
import { bumpOrgVersion } from '../../platform/access/org-snapshot.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { inSystem, type Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import type { Services } from '../../platform/http/services.ts';
import { loginIdentities } from '../auth/auth.table.ts';
import { users } from '../employees/employees.table.ts';
import { departments } from '../org/org.table.ts';
import { userRoles } from '../roles/roles.table.ts';
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
  const { tenantId, rootDepartmentId, roleIds } = created;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const dept = async (name: string) => {
    const id = newId();
    await tx.insert(departments).values({ tenantId, id, parentId: rootDepartmentId, name });
    return id;
  };
  const office = await dept('总经办');
  const sales = await dept('销售部');
  const service = await dept('客服部');
  const warehouse = await dept('仓储部');
  const finance = await dept('财务部');

  const person = async (
    name: string,
    login: string,
    departmentId: string,
    role: string,
    title: string,
    supervisorId: string | null,
  ) => {
    const id = newId();
    const email = `${login}@demo.huike.local`;
    await tx
      .insert(users)
      .values({ tenantId, id, name, email, passwordHash, departmentId, supervisorId, positionTitle: title });
    await tx.insert(userRoles).values({ tenantId, userId: id, roleId: roleIds[role]!, isPrimary: true });
    await tx.insert(loginIdentities).values({ identity: email, tenantId, userId: id });
    return { id, email };
  };
  const boss = await person('王总', 'boss', office, 'boss', '总经理', null);
  const manager = await person('李经理', 'manager', sales, 'sales_manager', '销售经理', boss.id);
  const s1 = await person('张三', 'sales1', sales, 'sales', '销售代表', manager.id);
  const s2 = await person('李四', 'sales2', sales, 'sales', '销售代表', manager.id);
  const cs = await person('赵客服', 'service', service, 'service', '客服专员', boss.id);
  const wh = await person('钱仓管', 'warehouse', warehouse, 'warehouse', '仓库管理员', boss.id);
  const fi = await person('孙财务', 'finance', finance, 'finance', '会计', boss.id);
  const heads: Array<[string, string]> = [
    [office, boss.id],
    [sales, manager.id],
  ];
  for (const [d, u] of heads) {
    await tx.update(departments).set({ headUserId: u }).where(sql`tenant_id = ${tenantId} AND id = ${d}`);
  }
  await bumpOrgVersion(tx, tenantId);
  return {
    tenantId,
    login: DEMO_ADMIN,
    password: DEMO_PASSWORD,
    others: [boss, manager, s1, s2, cs, wh, fi].map((p) => p.email),
  };
}
