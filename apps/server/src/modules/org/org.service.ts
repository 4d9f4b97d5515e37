import { and, eq, max, sql } from 'drizzle-orm';
import { bumpOrgVersion } from '../../platform/access/org-snapshot.ts';
import type { AuditEntry } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { conflict, invalidField, notFound } from '../../platform/errors/errors.ts';
import { assertActiveEmployee, departmentLinks, isInSubtree, selectDepartments } from './org.queries.ts';
import type { CreateDepartment, Department, UpdateDepartment } from './org.schemas.ts';
import { type DepartmentKind, departments } from './org.table.ts';

/** What org writes need: the tenant transaction and somewhere to record audit entries. */
export interface WriteContext {
  tx: Tx;
  tenantId: string;
  audit: { record(entry: AuditEntry): void };
}

const OBJECT_TYPE = 'department';

type Row = typeof departments.$inferSelect;
const audited = (d: Row) => ({
  name: d.name,
  parentId: d.parentId,
  kind: d.kind,
  independentAccounting: d.independentAccounting,
  headUserId: d.headUserId,
  sortOrder: d.sortOrder,
});

async function loadRow(tx: Tx, tenantId: string, id: string): Promise<Row> {
  const [row] = await tx
    .select()
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)));
  if (!row) throw notFound();
  return row;
}

async function loadOne(tx: Tx, tenantId: string, id: string): Promise<Department> {
  const [d] = await selectDepartments(tx, tenantId, id);
  if (!d) throw notFound();
  return d;
}

/** Independent accounting (独立核算) only applies to subsidiaries and branches. */
function checkAccounting(kind: DepartmentKind, independentAccounting: boolean) {
  if (independentAccounting && kind !== 'subsidiary' && kind !== 'branch') {
    throw invalidField('independentAccounting', 'org.independent_accounting_kind');
  }
}

export async function createDepartment(ctx: WriteContext, input: CreateDepartment): Promise<Department> {
  const { tx, tenantId } = ctx;
  const parent = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), eq(departments.id, input.parentId)));
  if (!parent.length) throw invalidField('parentId', 'field.not_found');
  checkAccounting(input.kind, input.independentAccounting);
  if (input.headUserId) await assertActiveEmployee(tx, tenantId, input.headUserId, 'headUserId');
  const sortOrder = input.sortOrder ?? (await nextSortOrder(tx, tenantId, input.parentId));
  const id = newId();
  const values = {
    tenantId,
    id,
    parentId: input.parentId,
    name: input.name,
    kind: input.kind,
    independentAccounting: input.independentAccounting,
    headUserId: input.headUserId ?? null,
    sortOrder,
  };
  await tx.insert(departments).values(values);
  await bumpOrgVersion(tx, tenantId);
  ctx.audit.record({
    action: 'create',
    objectType: OBJECT_TYPE,
    recordId: id,
    before: null,
    after: audited(values as Row),
  });
  return loadOne(tx, tenantId, id);
}

async function nextSortOrder(tx: Tx, tenantId: string, parentId: string): Promise<number> {
  const [row] = await tx
    .select({ top: max(departments.sortOrder) })
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), eq(departments.parentId, parentId)));
  return row?.top == null ? 0 : row.top + 1;
}

export async function updateDepartment(ctx: WriteContext, id: string, patch: UpdateDepartment): Promise<Department> {
  const { tx, tenantId } = ctx;
  const before = await loadRow(tx, tenantId, id);
  const isRoot = before.kind === 'company';
  if (isRoot && patch.kind !== undefined && patch.kind !== 'company') throw conflict('org.root_locked');
  if (isRoot && patch.parentId !== undefined) throw conflict('org.root_locked');
  if (!isRoot && patch.kind === 'company') throw invalidField('kind', 'field.invalid_option');

  const kind = patch.kind ?? before.kind;
  // Turning a subsidiary back into a plain department drops the flag unless the caller insists on it.
  const independentAccounting =
    patch.independentAccounting ?? (kind === 'subsidiary' || kind === 'branch' ? before.independentAccounting : false);
  checkAccounting(kind, independentAccounting);
  if (patch.headUserId) await assertActiveEmployee(tx, tenantId, patch.headUserId, 'headUserId');
  if (patch.parentId !== undefined && patch.parentId !== before.parentId) {
    const links = await departmentLinks(tx, tenantId);
    if (!links.some((d) => d.id === patch.parentId)) throw invalidField('parentId', 'field.not_found');
    if (isInSubtree(links, id, patch.parentId)) throw conflict('org.department_cycle');
  }

  const changes = {
    name: patch.name ?? before.name,
    kind,
    independentAccounting,
    headUserId: patch.headUserId === undefined ? before.headUserId : patch.headUserId,
    parentId: patch.parentId ?? before.parentId,
    sortOrder: patch.sortOrder ?? before.sortOrder,
  };
  await tx
    .update(departments)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)));
  await bumpOrgVersion(tx, tenantId);
  ctx.audit.record({
    action: 'update',
    objectType: OBJECT_TYPE,
    recordId: id,
    before: audited(before),
    after: audited({ ...before, ...changes }),
  });
  return loadOne(tx, tenantId, id);
}

export async function deleteDepartment(ctx: WriteContext, id: string): Promise<void> {
  const { tx, tenantId } = ctx;
  const before = await loadRow(tx, tenantId, id);
  if (before.kind === 'company') throw conflict('org.root_locked');
  const counts = await tx.execute<{ members: number; children: number }>(sql`
    SELECT (SELECT count(*)::int FROM users WHERE tenant_id = ${tenantId} AND department_id = ${id}) AS members,
      (SELECT count(*)::int FROM departments WHERE tenant_id = ${tenantId} AND parent_id = ${id}) AS children`);
  const members = Number(counts.rows[0]?.members ?? 0);
  const children = Number(counts.rows[0]?.children ?? 0);
  if (members > 0 || children > 0) {
    throw conflict('org.department_not_empty', { name: before.name, members, children });
  }
  // Shares made to this department go with it (record_shares cascades).
  await tx.delete(departments).where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)));
  await bumpOrgVersion(tx, tenantId);
  ctx.audit.record({ action: 'delete', objectType: OBJECT_TYPE, recordId: id, before: audited(before), after: null });
}
