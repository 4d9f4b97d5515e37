import { sql } from 'drizzle-orm';
import { loginIdentities } from '../src/modules/auth/auth.table.ts';
import { users } from '../src/modules/employees/employees.table.ts';
import { departments } from '../src/modules/org/org.table.ts';
import { userRoles } from '../src/modules/roles/roles.table.ts';
import { createTenant } from '../src/modules/tenants/tenants.service.ts';
import { bumpOrgVersion } from '../src/platform/access/org-snapshot.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import { type Db, inSystem } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/db/ids.ts';

export const BENCH_PASSWORD = 'Bench-Passw0rd!';

export interface SeededTenant {
  tenantId: string;
  /** The sales manager (销售经理, "own + subordinates" on employees) the load scenarios log in as. */
  managerLogin: string;
  /** How many employees the manager may see: themself and everyone below them. */
  managerVisible: number;
  managerId: string;
  /** Who owns customers in the customer benchmarks: salespeople first, then team leads, then the manager. */
  owners: Array<{ id: string; departmentId: string }>;
}

/**
 * One company of `employees` people (admin included), straight through the services and SQL:
 * 全公司 → 销售部 → 销售一组..三组, 客服部, 财务部. Supervisor chain: boss → sales manager → team leads →
 * salespeople; service and finance staff report to the boss. One password hash is reused for speed.
 */
async function seedTenant(
  db: Db,
  runId: string,
  n: number,
  employees: number,
  passwordHash: string,
  salespeople?: number,
) {
  return inSystem(db, async (tx) => {
    const adminEmail = `admin.${runId}.${n}@bench.huike.local`;
    const { tenantId, rootDepartmentId, roleIds } = await createTenant(
      tx,
      { companyName: `压测公司${runId}-${n}`, adminName: '管理员', email: adminEmail, password: BENCH_PASSWORD },
      'zh-CN',
    );
    const dept = (name: string, parentId: string) => ({ tenantId, id: newId(), parentId, name });
    const sales = dept('销售部', rootDepartmentId);
    const teams = ['销售一组', '销售二组', '销售三组'].map((name) => dept(name, sales.id));
    const service = dept('客服部', rootDepartmentId);
    const finance = dept('财务部', rootDepartmentId);
    await tx.insert(departments).values([sales, ...teams, service, finance]);

    type Row = typeof users.$inferInsert & { role: string };
    const rows: Row[] = [];
    const person = (name: string, departmentId: string, supervisorId: string | null, role: string, title: string) => {
      const row: Row = {
        tenantId,
        id: newId(),
        name,
        email: `u${rows.length}.${runId}.${n}@bench.huike.local`,
        passwordHash,
        departmentId,
        supervisorId,
        positionTitle: title,
        role,
      };
      rows.push(row);
      return row;
    };
    const boss = person('老板', rootDepartmentId, null, 'boss', '总经理');
    const manager = person('销售经理', sales.id, boss.id, 'sales_manager', '销售经理');
    const leads = teams.map((t, i) => person(`组长${i + 1}`, t.id, manager.id, 'sales', '销售组长'));
    // Everyone else (the admin already exists): mostly salespeople under the team leads.
    const rest = employees - 1 - rows.length;
    const salesCount = salespeople ?? Math.max(0, Math.round(rest * 0.7));
    for (let i = 0; i < salesCount; i++) {
      const lead = leads[i % leads.length]!;
      person(`销售${i + 1}`, lead.departmentId, lead.id, 'sales', '销售代表');
    }
    for (let i = 0; rows.length < employees - 1; i++) {
      const d = i % 2 === 0 ? service : finance;
      person(`职员${i + 1}`, d.id, boss.id, i % 2 === 0 ? 'service' : 'finance', '专员');
    }
    await tx.insert(users).values(rows.map(({ role: _role, ...u }) => u));
    await tx
      .insert(userRoles)
      .values(rows.map((u) => ({ tenantId, userId: u.id, roleId: roleIds[u.role]!, isPrimary: true })));
    await tx.insert(loginIdentities).values(rows.map((u) => ({ identity: u.email!, tenantId, userId: u.id })));
    const heads: Array<[string, string]> = [
      [sales.id, manager.id],
      ...teams.map((t, i): [string, string] => [t.id, leads[i]!.id]),
    ];
    for (const [departmentId, userId] of heads) {
      await tx.execute(
        sql`UPDATE departments SET head_user_id = ${userId} WHERE tenant_id = ${tenantId} AND id = ${departmentId}`,
      );
    }
    await bumpOrgVersion(tx, tenantId);
    const managerVisible = 1 + leads.length + salesCount;
    const salesRows = rows.filter((r) => r.positionTitle === '销售代表');
    const owners = [...salesRows, ...leads, manager].map((r) => ({ id: r.id!, departmentId: r.departmentId! }));
    return { tenantId, managerLogin: manager.email!, managerVisible, managerId: manager.id!, owners };
  });
}

/** `salespeople` fixes the number of salespeople per company (else 70% of the rest). */
export async function seedTenants(
  db: Db,
  opts: { tenants: number; employees: number; salespeople?: number },
): Promise<SeededTenant[]> {
  const runId = Date.now().toString(36);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const out: SeededTenant[] = [];
  for (let n = 0; n < opts.tenants; n++)
    out.push(await seedTenant(db, runId, n, opts.employees, passwordHash, opts.salespeople));
  return out;
}
