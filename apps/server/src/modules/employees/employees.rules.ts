import { sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { conflict, invalidField } from '../../platform/errors/errors.ts';
import { loginIdentities } from '../auth/auth.table.ts';
import { claimLogins } from '../tenants/tenants.service.ts';

/** Checks and side tables shared by create, edit and disable. */

export async function assertDepartment(tx: Executor, tenantId: string, departmentId: string) {
  const found = await tx.execute(sql`SELECT 1 FROM departments WHERE tenant_id = ${tenantId} AND id = ${departmentId}`);
  if (!found.rows.length) throw invalidField('departmentId', 'field.not_found');
}

/** Every role id must be one of the tenant's roles. */
export async function assertRoles(tx: Executor, tenantId: string, roleIds: string[]) {
  if (!roleIds.length) return;
  const unique = [...new Set(roleIds)];
  const found = await tx.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM roles WHERE tenant_id = ${tenantId} AND id = ANY(${`{${unique.join(',')}}`}::uuid[])`,
  );
  if (Number(found.rows[0]?.n) !== unique.length) throw invalidField('roleIds', 'field.not_found');
}

export async function setRoles(tx: Tx, tenantId: string, userId: string, roleIds: string[]) {
  await tx.execute(sql`DELETE FROM user_roles WHERE tenant_id = ${tenantId} AND user_id = ${userId}`);
  const unique = [...new Set(roleIds)];
  for (const [i, roleId] of unique.entries()) {
    await tx.execute(sql`INSERT INTO user_roles (tenant_id, user_id, role_id, is_primary)
      VALUES (${tenantId}, ${userId}, ${roleId}, ${i === 0})`);
  }
}

export async function roleIdsOf(tx: Executor, tenantId: string, userId: string): Promise<string[]> {
  const rows = await tx.execute<{ roleId: string }>(sql`SELECT role_id AS "roleId" FROM user_roles
    WHERE tenant_id = ${tenantId} AND user_id = ${userId} ORDER BY is_primary DESC, role_id`);
  return rows.rows.map((r) => r.roleId);
}

/**
 * Refuse when no other active administrator would remain: disabling the last one, or taking the admin
 * role from them, would lock the company out of its own settings. Locks the admins' rows so two
 * concurrent requests cannot each remove "the other" last administrator.
 */
export async function assertNotLastAdmin(tx: Tx, tenantId: string, userId: string) {
  const admins = await tx.execute<{ id: string }>(sql`
    SELECT u.id FROM users u
    WHERE u.tenant_id = ${tenantId} AND u.status = 'active' AND EXISTS (
      SELECT 1 FROM user_roles ur JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
      WHERE ur.tenant_id = u.tenant_id AND ur.user_id = u.id AND r.code = 'admin')
    FOR UPDATE`);
  const ids = admins.rows.map((r) => r.id);
  if (ids.includes(userId) && ids.length === 1) throw conflict('employees.last_admin');
}

export async function isAdminRole(tx: Executor, tenantId: string, roleIds: string[]): Promise<boolean> {
  if (!roleIds.length) return false;
  const found = await tx.execute(sql`SELECT 1 FROM roles WHERE tenant_id = ${tenantId} AND code = 'admin'
    AND id = ANY(${`{${roleIds.join(',')}}`}::uuid[])`);
  return found.rows.length > 0;
}

export function assertHasLogin(email: string | null | undefined, mobile: string | null | undefined) {
  if (!email && !mobile) throw invalidField('email', 'employees.login_required');
}

type Logins = { email: string | null; mobile: string | null };

/** Keep the global login table in step with the employee's e-mail and mobile (logins are unique across tenants). */
export async function syncLogins(tx: Tx, tenantId: string, userId: string, before: Logins, after: Logins) {
  for (const key of ['email', 'mobile'] as const) {
    const [old, next] = [before[key], after[key]];
    if (old === next) continue;
    if (next) await claimLogins(tx, [next]);
    if (old) {
      await tx.execute(sql`DELETE FROM login_identities
        WHERE identity = ${old} AND tenant_id = ${tenantId} AND user_id = ${userId}`);
    }
    if (next) await tx.insert(loginIdentities).values({ identity: next, tenantId, userId });
  }
}
