import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import type { OrgSnapshot } from './scope.ts';
import { versionedTenantCache } from './tenant-cache.ts';

/** The tenant's org (users with supervisors, the department tree), cached under its access version. */
const cached = versionedTenantCache<OrgSnapshot>();

export function loadOrgSnapshot(tx: Executor, tenantId: string, version: number): Promise<OrgSnapshot> {
  return cached(tenantId, version, () => readOrg(tx, tenantId));
}

async function readOrg(tx: Executor, tenantId: string): Promise<OrgSnapshot> {
  const users = await tx.execute<{ id: string; departmentId: string; supervisorId: string | null }>(
    sql`SELECT id, department_id AS "departmentId", supervisor_id AS "supervisorId" FROM users WHERE tenant_id = ${tenantId}`,
  );
  const departments = await tx.execute<{ id: string; parentId: string | null; headUserId: string | null }>(
    sql`SELECT id, parent_id AS "parentId", head_user_id AS "headUserId" FROM departments WHERE tenant_id = ${tenantId}`,
  );
  return { users: users.rows, departments: departments.rows };
}

/**
 * The tenant's access version: call inside any transaction that changes departments, supervisors,
 * department heads, roles, sharing defaults or pool departments (whatever a versionedTenantCache holds).
 */
export async function bumpOrgVersion(tx: Executor, tenantId: string): Promise<void> {
  await tx.execute(sql`UPDATE tenants SET org_version = org_version + 1, updated_at = now() WHERE id = ${tenantId}`);
}
