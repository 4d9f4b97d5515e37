// Test support: employees, departments and roles written straight into the database, so the role,
// sharing and settings tests do not depend on the employees and org routes.
import { and, eq } from 'drizzle-orm';
import { PASSWORD, type TestApp, uniqueEmail } from '../../../test/harness.ts';
import { bumpOrgVersion } from '../../platform/access/org-snapshot.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { loginIdentities } from '../auth/auth.table.ts';
import { users } from '../employees/employees.table.ts';
import { departments } from '../org/org.table.ts';
import { rolePermissions, roleScopes, roles, userRoles } from './roles.table.ts';

let passwordHash: Promise<string> | undefined;

export interface TestEmployee {
  id: string;
  email: string;
  token: string;
  departmentId: string;
}

export async function rootDepartment(t: TestApp, tenantId: string): Promise<string> {
  return inTenant(t.services.database.db, tenantId, async (tx) => {
    const [root] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.tenantId, tenantId), eq(departments.kind, 'company')));
    return root!.id;
  });
}

export async function addDepartment(t: TestApp, tenantId: string, parentId: string, name: string): Promise<string> {
  const id = newId();
  await inTenant(t.services.database.db, tenantId, async (tx) => {
    await tx.insert(departments).values({ tenantId, id, parentId, name });
    await bumpOrgVersion(tx, tenantId);
  });
  return id;
}

/** A role with exactly these grants, written directly (no catalogue check). */
export async function addRole(
  t: TestApp,
  tenantId: string,
  permissions: string[],
  scopes: Record<string, 'own' | 'subordinates' | 'department' | 'department_tree' | 'all'> = {},
): Promise<string> {
  const id = newId();
  await inTenant(t.services.database.db, tenantId, async (tx) => {
    await tx.insert(roles).values({ tenantId, id, name: `测试角色 ${id.slice(-6)}` });
    if (permissions.length) {
      await tx.insert(rolePermissions).values(permissions.map((permission) => ({ tenantId, roleId: id, permission })));
    }
    const rows = Object.entries(scopes).map(([module, scope]) => ({ tenantId, roleId: id, module, scope }));
    if (rows.length) await tx.insert(roleScopes).values(rows);
  });
  return id;
}

export async function roleIdByCode(t: TestApp, tenantId: string, code: string): Promise<string> {
  return inTenant(t.services.database.db, tenantId, async (tx) => {
    const [r] = await tx
      .select({ id: roles.id })
      .from(roles)
      .where(and(eq(roles.tenantId, tenantId), eq(roles.code, code)));
    return r!.id;
  });
}

/** An active employee holding the given roles, logged in. */
export async function addEmployee(
  t: TestApp,
  tenantId: string,
  opts: { name?: string; roleIds?: string[]; departmentId?: string; supervisorId?: string | null } = {},
): Promise<TestEmployee> {
  passwordHash ??= hashPassword(PASSWORD);
  const id = newId();
  const email = uniqueEmail('emp');
  const departmentId = opts.departmentId ?? (await rootDepartment(t, tenantId));
  await inTenant(t.services.database.db, tenantId, async (tx) => {
    await tx.insert(users).values({
      tenantId,
      id,
      name: opts.name ?? `员工${id.slice(-4)}`,
      email,
      passwordHash: await passwordHash!,
      departmentId,
      supervisorId: opts.supervisorId ?? null,
    });
    if (opts.roleIds?.length) {
      await tx.insert(userRoles).values(opts.roleIds.map((roleId) => ({ tenantId, userId: id, roleId })));
    }
    await tx.insert(loginIdentities).values({ identity: email, tenantId, userId: id });
    await bumpOrgVersion(tx, tenantId);
  });
  const session = await t.login(email, PASSWORD);
  return { id, email, token: session.token, departmentId };
}

export async function disableEmployee(t: TestApp, tenantId: string, userId: string): Promise<void> {
  await inTenant(t.services.database.db, tenantId, async (tx) => {
    await tx
      .update(users)
      .set({ status: 'disabled' })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  });
}
