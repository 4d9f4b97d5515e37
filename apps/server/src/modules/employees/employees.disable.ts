import { and, eq } from 'drizzle-orm';
import { bumpOrgVersion } from '../../platform/access/org-snapshot.ts';
import { conflict, invalidField } from '../../platform/errors/errors.ts';
import { runHandover } from '../../platform/handover/registry.ts';
import { endSessions } from '../auth/auth.service.ts';
import { findEmployee } from './employees.queries.ts';
import { assertNotLastAdmin } from './employees.rules.ts';
import type { Employee } from './employees.schemas.ts';
import { type EmployeeContext, loadUserRow, OBJECT_TYPE } from './employees.service.ts';
import { users } from './employees.table.ts';

/**
 * Disable an employee (离职): everything they own goes to a colleague through every registered hand-over
 * type, then the account is disabled and logged out — all in the caller's one transaction.
 */
export async function disableEmployee(ctx: EmployeeContext, id: string, handoverToId: string): Promise<Employee> {
  const { tx, actor } = ctx;
  const tenantId = actor.tenantId;
  const before = await loadUserRow(tx, tenantId, id);
  if (before.status === 'disabled') throw conflict('employees.already_disabled');
  if (handoverToId === id) throw invalidField('handoverToId', 'employees.handover_to_self');
  const [to] = await tx
    .select({ status: users.status })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, handoverToId)));
  if (!to) throw invalidField('handoverToId', 'field.not_found');
  if (to.status !== 'active') throw invalidField('handoverToId', 'org.user_not_active');
  await assertNotLastAdmin(tx, tenantId, id);

  const moved = await runHandover(tx, tenantId, id, handoverToId);
  const disabledAt = new Date();
  await tx
    .update(users)
    .set({ status: 'disabled', disabledAt, handedOverTo: handoverToId, updatedAt: disabledAt })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  await endSessions(tx, tenantId, id);
  await bumpOrgVersion(tx, tenantId);
  ctx.audit.record({
    action: 'disable',
    objectType: OBJECT_TYPE,
    recordId: id,
    before: { status: before.status, handedOverTo: before.handedOverTo },
    after: { status: 'disabled', handedOverTo: handoverToId, handedOver: moved },
  });
  return findEmployee(tx, tenantId, id);
}

/** Re-activate a disabled employee; what was handed over stays with the colleague. */
export async function enableEmployee(ctx: EmployeeContext, id: string): Promise<Employee> {
  const { tx, actor } = ctx;
  const before = await loadUserRow(tx, actor.tenantId, id);
  if (before.status !== 'active') {
    await tx
      .update(users)
      .set({ status: 'active', disabledAt: null, handedOverTo: null, updatedAt: new Date() })
      .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, id)));
    await bumpOrgVersion(tx, actor.tenantId);
    ctx.audit.record({
      action: 'enable',
      objectType: OBJECT_TYPE,
      recordId: id,
      before: { status: before.status, handedOverTo: before.handedOverTo },
      after: { status: 'active', handedOverTo: null },
    });
  }
  return findEmployee(tx, actor.tenantId, id);
}
