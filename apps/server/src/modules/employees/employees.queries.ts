import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { ownerCondition, visibleOwnersIn } from '../../platform/access/visibility.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { invalidField, notFound } from '../../platform/errors/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import type { Employee, EmployeeListQuery } from './employees.schemas.ts';

/**
 * Employees with department and supervisor names and their roles, in one statement whatever the page size.
 * `where` is ANDed onto the tenant filter; rows come ordered by (name, id) for keyset pagination.
 */
export async function selectEmployees(tx: Executor, tenantId: string, where: SQL, limit: number): Promise<Employee[]> {
  const result = await tx.execute<Employee>(sql`
    SELECT u.id, u.name, u.email, u.mobile, u.department_id AS "departmentId", d.name AS "departmentName",
      u.supervisor_id AS "supervisorId", s.name AS "supervisorName", u.position_title AS "positionTitle",
      u.status, u.created_at AS "createdAt",
      COALESCE((SELECT json_agg(json_build_object('id', r.id, 'name', r.name, 'code', r.code)
          ORDER BY ur.is_primary DESC, r.name)
        FROM user_roles ur JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
        WHERE ur.tenant_id = u.tenant_id AND ur.user_id = u.id), '[]'::json) AS roles
    FROM users u
    JOIN departments d ON d.tenant_id = u.tenant_id AND d.id = u.department_id
    LEFT JOIN users s ON s.tenant_id = u.tenant_id AND s.id = u.supervisor_id
    WHERE u.tenant_id = ${tenantId} AND ${where}
    ORDER BY u.name, u.id
    LIMIT ${limit}`);
  return result.rows.map((r) => ({
    ...r,
    createdAt: r.createdAt instanceof Date ? r.createdAt : new Date(r.createdAt),
    roles: typeof r.roles === 'string' ? JSON.parse(r.roles) : r.roles,
  }));
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of the employees the actor may see (data scope on module "employees": the owner is the employee). */
export async function listEmployees(tx: Tx, actor: Actor, query: EmployeeListQuery) {
  const visible = await visibleOwnersIn(tx, actor, 'employees');
  const conditions: SQL[] = [ownerCondition(visible, sql`u.id`)];
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    conditions.push(sql`(u.name ILIKE ${like} OR u.email ILIKE ${like} OR u.mobile ILIKE ${like})`);
  }
  if (query.departmentId) conditions.push(sql`u.department_id = ${query.departmentId}`);
  if (query.status) conditions.push(sql`u.status = ${query.status}`);
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    if (!c || typeof c[0] !== 'string' || typeof c[1] !== 'string') throw invalidField('cursor', 'field.invalid_type');
    conditions.push(sql`(u.name, u.id) > (${c[0]}, ${c[1]}::uuid)`);
  }
  const rows = await selectEmployees(tx, actor.tenantId, sql.join(conditions, sql` AND `), query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null };
}

/** One employee the actor may see; anything else (unknown, other tenant, outside the data scope) is 404. */
export async function findVisibleEmployee(tx: Tx, actor: Actor, id: string): Promise<Employee> {
  const visible = await visibleOwnersIn(tx, actor, 'employees');
  if (visible !== 'all' && !visible.has(id)) throw notFound();
  const [row] = await selectEmployees(tx, actor.tenantId, sql`u.id = ${id}`, 1);
  if (!row) throw notFound();
  return row;
}

export async function findEmployee(tx: Executor, tenantId: string, id: string): Promise<Employee> {
  const [row] = await selectEmployees(tx, tenantId, sql`u.id = ${id}`, 1);
  if (!row) throw notFound();
  return row;
}
