import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import type { OrgSnapshot } from './scope.ts';

/**
 * Org snapshots cached per tenant and keyed by tenants.org_version, which every org change bumps in its
 * own transaction. The actor load reads that version anyway, so a stale snapshot is never used, even
 * when another server process made the change.
 */
const cache = new Map<string, { version: number; snapshot: OrgSnapshot }>();
const MAX_TENANTS = 5000;

export async function loadOrgSnapshot(tx: Executor, tenantId: string, version: number): Promise<OrgSnapshot> {
  const hit = cache.get(tenantId);
  if (hit && hit.version === version) return hit.snapshot;
  const users = await tx.execute<{ id: string; departmentId: string; supervisorId: string | null }>(
    sql`SELECT id, department_id AS "departmentId", supervisor_id AS "supervisorId" FROM users WHERE tenant_id = ${tenantId}`,
  );
  const departments = await tx.execute<{ id: string; parentId: string | null; headUserId: string | null }>(
    sql`SELECT id, parent_id AS "parentId", head_user_id AS "headUserId" FROM departments WHERE tenant_id = ${tenantId}`,
  );
  const snapshot: OrgSnapshot = { users: users.rows, departments: departments.rows };
  if (cache.size >= MAX_TENANTS) cache.delete(cache.keys().next().value!);
  cache.set(tenantId, { version, snapshot });
  return snapshot;
}

/** Call inside any transaction that changes departments, supervisors, department heads or roles. */
export async function bumpOrgVersion(tx: Executor, tenantId: string): Promise<void> {
  await tx.execute(sql`UPDATE tenants SET org_version = org_version + 1, updated_at = now() WHERE id = ${tenantId}`);
}
