import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { invalidField } from '../../platform/errors/errors.ts';
import type { Department } from './org.schemas.ts';

/** Departments with their head's name and active member count, in one query. */
export async function selectDepartments(tx: Executor, tenantId: string, id?: string): Promise<Department[]> {
  const result = await tx.execute<Department>(sql`
    SELECT d.id, d.parent_id AS "parentId", d.name, d.kind, d.independent_accounting AS "independentAccounting",
      d.head_user_id AS "headUserId", h.name AS "headName", d.sort_order AS "sortOrder",
      (SELECT count(*)::int FROM users m
        WHERE m.tenant_id = d.tenant_id AND m.department_id = d.id AND m.status = 'active') AS "memberCount"
    FROM departments d
    LEFT JOIN users h ON h.tenant_id = d.tenant_id AND h.id = d.head_user_id
    WHERE d.tenant_id = ${tenantId} ${id ? sql`AND d.id = ${id}` : sql``}
    ORDER BY d.sort_order, d.created_at, d.id`);
  return result.rows.map((r) => ({ ...r, memberCount: Number(r.memberCount) }));
}

export type DepartmentLink = {
  id: string;
  parentId: string | null;
};

export async function departmentLinks(tx: Executor, tenantId: string): Promise<DepartmentLink[]> {
  const result = await tx.execute<DepartmentLink>(
    sql`SELECT id, parent_id AS "parentId" FROM departments WHERE tenant_id = ${tenantId}`,
  );
  return result.rows;
}

/** True when newParentId is departmentId itself or lies below it (moving there would close a loop). */
export function isInSubtree(links: DepartmentLink[], departmentId: string, newParentId: string): boolean {
  const parent = new Map(links.map((d) => [d.id, d.parentId]));
  const seen = new Set<string>();
  for (let at: string | null | undefined = newParentId; at && !seen.has(at); at = parent.get(at)) {
    if (at === departmentId) return true;
    seen.add(at);
  }
  return false;
}

/** A user id given as a department head (or supervisor) must be an active employee of the tenant. */
export async function assertActiveEmployee(tx: Executor, tenantId: string, userId: string, field: string) {
  const result = await tx.execute<{ status: string }>(
    sql`SELECT status FROM users WHERE tenant_id = ${tenantId} AND id = ${userId}`,
  );
  const row = result.rows[0];
  if (!row) throw invalidField(field, 'field.not_found');
  if (row.status !== 'active') throw invalidField(field, 'org.user_not_active');
}

/** The department exists, or did: it has audit entries in this tenant. */
export async function departmentExistsOrExisted(tx: Executor, tenantId: string, id: string): Promise<boolean> {
  const result = await tx.execute(sql`
    SELECT 1 FROM departments WHERE tenant_id = ${tenantId} AND id = ${id}
    UNION ALL
    SELECT 1 FROM audit_log WHERE tenant_id = ${tenantId} AND object_type = 'department' AND record_id = ${id}
    LIMIT 1`);
  return result.rows.length > 0;
}
