import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { loadOrgSnapshot } from '../../platform/access/org-snapshot.ts';
import { wouldCreateSupervisorCycle } from '../../platform/access/scope.ts';
import type { Tx } from '../../platform/db/database.ts';
import { conflict } from '../../platform/errors/errors.ts';
import { assertActiveEmployee } from '../org/org.queries.ts';

/** A chosen supervisor (直接上级) must be an active colleague and must not sit below the employee. */
export async function assertSupervisor(tx: Tx, actor: Actor, userId: string | null, supervisorId: string) {
  await assertActiveEmployee(tx, actor.tenantId, supervisorId, 'supervisorId');
  if (!userId) return;
  const org = await loadOrgSnapshot(tx, actor.tenantId, actor.orgVersion);
  if (wouldCreateSupervisorCycle(org, userId, supervisorId)) throw conflict('employees.supervisor_cycle');
}

/**
 * The default supervisor: the head of the employee's department, or of the nearest department above
 * that has an active head, skipping the employee themselves and anyone who would close a loop.
 */
export async function defaultSupervisor(
  tx: Tx,
  actor: Actor,
  departmentId: string,
  userId: string | null,
): Promise<string | null> {
  const heads = await tx.execute<{ head: string }>(sql`
    WITH RECURSIVE up(id, parent_id, head, depth) AS (
      SELECT id, parent_id, head_user_id, 0 FROM departments WHERE tenant_id = ${actor.tenantId} AND id = ${departmentId}
      UNION ALL
      SELECT p.id, p.parent_id, p.head_user_id, up.depth + 1 FROM departments p
      JOIN up ON p.tenant_id = ${actor.tenantId} AND p.id = up.parent_id
      WHERE up.depth < 64)
    SELECT up.head FROM up JOIN users h ON h.tenant_id = ${actor.tenantId} AND h.id = up.head AND h.status = 'active'
    ORDER BY up.depth`);
  const candidates = heads.rows.map((r) => r.head).filter((h) => h !== userId);
  if (!userId) return candidates[0] ?? null;
  const org = await loadOrgSnapshot(tx, actor.tenantId, actor.orgVersion);
  return candidates.find((h) => !wouldCreateSupervisorCycle(org, userId, h)) ?? null;
}
