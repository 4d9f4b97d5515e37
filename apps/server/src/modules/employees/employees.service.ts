import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { bumpOrgVersion } from '../../platform/access/org-snapshot.ts';
import type { AuditEntry } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { notFound } from '../../platform/errors/errors.ts';
import { endSessions } from '../auth/auth.service.ts';
import { findEmployee } from './employees.queries.ts';
import {
  assertDepartment,
  assertHasLogin,
  assertNotLastAdmin,
  assertRoles,
  isAdminRole,
  roleIdsOf,
  setRoles,
  syncLogins,
} from './employees.rules.ts';
import type { CreateEmployee, Employee, UpdateEmployee } from './employees.schemas.ts';
import { assertSupervisor, defaultSupervisor } from './employees.supervisor.ts';
import { users } from './employees.table.ts';

/** What employee writes need: the tenant transaction, the actor (org version, tenant) and the audit trail. */
export interface EmployeeContext {
  tx: Tx;
  actor: Actor;
  audit: { record(entry: AuditEntry): void };
}

export const OBJECT_TYPE = 'employee';

type Row = typeof users.$inferSelect;
export const audited = (u: Row, roleIds: string[]) => ({
  name: u.name,
  email: u.email,
  mobile: u.mobile,
  departmentId: u.departmentId,
  supervisorId: u.supervisorId,
  positionTitle: u.positionTitle,
  status: u.status,
  roleIds,
});

export async function loadUserRow(tx: Tx, tenantId: string, id: string): Promise<Row> {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  if (!row) throw notFound();
  return row;
}

export async function createEmployee(ctx: EmployeeContext, input: CreateEmployee): Promise<Employee> {
  const { tx, actor } = ctx;
  const tenantId = actor.tenantId;
  const email = input.email ?? null;
  const mobile = input.mobile ?? null;
  assertHasLogin(email, mobile);
  await assertDepartment(tx, tenantId, input.departmentId);
  await assertRoles(tx, tenantId, input.roleIds);
  let supervisorId = input.supervisorId ?? null;
  if (input.supervisorId) await assertSupervisor(tx, actor, null, input.supervisorId);
  if (input.supervisorId === undefined) supervisorId = await defaultSupervisor(tx, actor, input.departmentId, null);

  const id = newId();
  await syncLogins(tx, tenantId, id, { email: null, mobile: null }, { email, mobile });
  const values = {
    tenantId,
    id,
    name: input.name,
    email,
    mobile,
    passwordHash: await hashPassword(input.password),
    departmentId: input.departmentId,
    supervisorId,
    positionTitle: input.positionTitle ?? null,
  };
  await tx.insert(users).values(values);
  await setRoles(tx, tenantId, id, input.roleIds);
  await bumpOrgVersion(tx, tenantId);
  const after = audited({ ...values, status: 'active' } as Row, [...new Set(input.roleIds)]);
  ctx.audit.record({ action: 'create', objectType: OBJECT_TYPE, recordId: id, before: null, after });
  return findEmployee(tx, tenantId, id);
}

export async function updateEmployee(ctx: EmployeeContext, id: string, patch: UpdateEmployee): Promise<Employee> {
  const { tx, actor } = ctx;
  const tenantId = actor.tenantId;
  const before = await loadUserRow(tx, tenantId, id);
  const rolesBefore = await roleIdsOf(tx, tenantId, id);
  const email = patch.email === undefined ? before.email : patch.email;
  const mobile = patch.mobile === undefined ? before.mobile : patch.mobile;
  assertHasLogin(email, mobile);
  const departmentId = patch.departmentId ?? before.departmentId;
  if (patch.departmentId) await assertDepartment(tx, tenantId, patch.departmentId);
  if (patch.roleIds) {
    await assertRoles(tx, tenantId, patch.roleIds);
    const wasAdmin = await isAdminRole(tx, tenantId, rolesBefore);
    if (wasAdmin && !(await isAdminRole(tx, tenantId, patch.roleIds))) await assertNotLastAdmin(tx, tenantId, id);
  }
  let supervisorId = before.supervisorId;
  if (patch.supervisorId) await assertSupervisor(tx, actor, id, patch.supervisorId);
  if (patch.supervisorId !== undefined) supervisorId = patch.supervisorId;
  else if (departmentId !== before.departmentId) supervisorId = await defaultSupervisor(tx, actor, departmentId, id);

  await syncLogins(tx, tenantId, id, before, { email, mobile });
  const changes = {
    name: patch.name ?? before.name,
    email,
    mobile,
    departmentId,
    supervisorId,
    positionTitle: patch.positionTitle === undefined ? before.positionTitle : patch.positionTitle,
  };
  await tx
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  const rolesAfter = patch.roleIds ? [...new Set(patch.roleIds)] : rolesBefore;
  if (patch.roleIds) await setRoles(tx, tenantId, id, rolesAfter);
  const orgChanged =
    departmentId !== before.departmentId || supervisorId !== before.supervisorId || Boolean(patch.roleIds);
  if (orgChanged) await bumpOrgVersion(tx, tenantId);
  ctx.audit.record({
    action: 'update',
    objectType: OBJECT_TYPE,
    recordId: id,
    before: audited(before, rolesBefore),
    after: audited({ ...before, ...changes }, rolesAfter),
  });
  return findEmployee(tx, tenantId, id);
}

/** Admin password reset (重置密码): new hash, every session of the employee ends. */
export async function resetPassword(ctx: EmployeeContext, id: string, newPassword: string): Promise<void> {
  const { tx, actor } = ctx;
  await loadUserRow(tx, actor.tenantId, id);
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(newPassword), updatedAt: new Date() })
    .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, id)));
  await endSessions(tx, actor.tenantId, id);
  ctx.audit.record({ action: 'password_reset', objectType: OBJECT_TYPE, recordId: id });
}
