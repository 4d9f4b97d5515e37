import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { AuditEntry } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/errors.ts';
import { users } from '../employees/employees.table.ts';
import { recordShares } from '../sharing/sharing.table.ts';
import { assertNoCycle, assertVisibleParent } from './customers.hierarchy.ts';
import { customerAccessRules } from './customers.policy.ts';
import { findVisibleCustomer } from './customers.queries.ts';
import type { CreateCustomer, Customer, UpdateCustomer } from './customers.schemas.ts';
import {
  customerKeys,
  findDuplicates,
  mergeCustomValues,
  validateCreditCode,
  validateCustomValues,
} from './customers.seams.ts';
import { customers } from './customers.table.ts';

export interface CustomerContext {
  tx: Tx;
  actor: Actor;
  audit: { record(entry: AuditEntry): void };
}

export const OBJECT_TYPE = 'customer';
type Row = typeof customers.$inferSelect;

/** The fields the audit trail compares (keys, bookkeeping and timestamps left out). */
export function audited(r: Partial<Row>) {
  const { nameKey, phoneKey, emailKey, tenantId, createdAt, updatedAt, createdBy, ...rest } = r;
  return rest;
}

/**
 * The row with the actor's access, locked for the write. Not visible (or unknown, or another tenant's) → 404;
 * visible but not writable → 403.
 */
export async function loadWritable(tx: Tx, actor: Actor, id: string): Promise<Row> {
  const [row] = await lockWithAccess(tx, actor, [id]);
  if (!row?.read) throw notFound();
  if (!row.write) throw new AppError(403, 'sharing.read_only');
  return row.customer;
}

export async function lockWithAccess(tx: Tx, actor: Actor, ids: string[]) {
  const rules = await customerAccessRules(tx, actor);
  return tx
    .select({ customer: customers, read: sql<boolean>`${rules.read()}`, write: sql<boolean>`${rules.write()}` })
    .from(customers)
    .where(and(eq(customers.tenantId, actor.tenantId), sql`${customers.id} = ANY(${`{${ids.join(',')}}`}::uuid[])`))
    .orderBy(customers.id)
    .for('update', { of: customers });
}

/** An active user of the tenant inside the actor's data scope on customers (who may be given a customer). */
export async function assignableOwner(tx: Tx, actor: Actor, field: string, userId: string) {
  const [u] = await tx
    .select({ id: users.id, name: users.name, departmentId: users.departmentId, status: users.status })
    .from(users)
    .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, userId)));
  if (!u) throw invalidField(field, 'field.not_found');
  if (u.status !== 'active') throw invalidField(field, 'sharing.user_disabled');
  return u;
}

async function assertOwnerInScope(tx: Tx, actor: Actor, ownerId: string) {
  const { visibleOwners } = await customerAccessRules(tx, actor);
  if (visibleOwners !== 'all' && !visibleOwners.has(ownerId))
    throw invalidField('ownerId', 'customers.owner_out_of_scope');
}

function checkCreditCode(code: string | null | undefined) {
  if (code && !validateCreditCode(code)) throw invalidField('creditCode', 'customers.invalid_credit_code');
}

async function assertNoDuplicates(
  ctx: CustomerContext,
  input: { name?: string | null; phone?: string | null; email?: string | null; creditCode?: string | null },
  excludeId: string | null,
) {
  const duplicates = await findDuplicates(ctx.tx, ctx.actor, { ...input, excludeId });
  if (duplicates.length) {
    throw new AppError(409, 'customers.duplicate', { count: duplicates.length }, undefined, { duplicates });
  }
}

export async function createCustomer(ctx: CustomerContext, input: CreateCustomer): Promise<Customer> {
  const { tx, actor } = ctx;
  checkCreditCode(input.creditCode);
  const ownerId = input.ownerId ?? actor.userId;
  // Owning it yourself needs no lookup: the session load found you active, in your department.
  const owner =
    ownerId === actor.userId
      ? { departmentId: actor.departmentId }
      : await assignableOwner(tx, actor, 'ownerId', ownerId);
  if (input.ownerId) await assertOwnerInScope(tx, actor, ownerId);
  if (input.parentId) await assertVisibleParent(tx, actor, input.parentId);
  const custom = await validateCustomValues(tx, actor.tenantId, 'customer', input.custom, { partial: false });
  if (!input.force) await assertNoDuplicates(ctx, input, null);

  const { force, ownerId: _o, parentId, ...fields } = input;
  const id = newId();
  const now = new Date();
  const values = {
    ...fields,
    ...customerKeys(input),
    tenantId: actor.tenantId,
    id,
    ownerId,
    departmentId: owner.departmentId,
    parentId: parentId ?? null,
    nextContactAt: input.nextContactAt ?? null,
    custom,
    ownedSince: now,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  await tx.insert(customers).values(values);
  ctx.audit.record({ action: 'create', objectType: OBJECT_TYPE, recordId: id, before: null, after: audited(values) });
  return findVisibleCustomer(tx, actor, id);
}

/** Change a customer; `action` names the change in the audit trail ('set_parent' for PUT …/parent). */
export async function updateCustomer(
  ctx: CustomerContext,
  id: string,
  patch: UpdateCustomer,
  action: 'update' | 'set_parent' = 'update',
): Promise<Customer> {
  const { tx, actor } = ctx;
  const before = await loadWritable(tx, actor, id);
  const { force, ...changes } = patch;
  for (const k of Object.keys(changes) as (keyof typeof changes)[]) if (changes[k] === undefined) delete changes[k];
  if (changes.creditCode !== undefined) checkCreditCode(changes.creditCode);
  let departmentId = before.departmentId;
  let ownedSince = before.ownedSince;
  if (changes.ownerId !== undefined && changes.ownerId !== before.ownerId) {
    const owner = await assignableOwner(tx, actor, 'ownerId', changes.ownerId);
    await assertOwnerInScope(tx, actor, owner.id);
    departmentId = owner.departmentId;
    ownedSince = new Date();
  }
  if (changes.parentId !== undefined && changes.parentId !== before.parentId && changes.parentId) {
    await assertVisibleParent(tx, actor, changes.parentId);
    await assertNoCycle(tx, actor.tenantId, id, changes.parentId);
  }
  if (changes.custom !== undefined) {
    const patchValues = await validateCustomValues(tx, actor.tenantId, 'customer', changes.custom, { partial: true });
    changes.custom = mergeCustomValues(before.custom, patchValues);
  }
  const next = { ...before, ...changes, departmentId, ownedSince };
  const keyed = ['name', 'phone', 'email', 'creditCode'] as const;
  const dedupeChanged = keyed.some((k) => changes[k] !== undefined && changes[k] !== before[k]);
  if (dedupeChanged && !force) await assertNoDuplicates(ctx, next, id);
  const values = { ...changes, ...customerKeys(next), departmentId, ownedSince, updatedAt: new Date() };
  await tx
    .update(customers)
    .set(values)
    .where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, id)));
  ctx.audit.record({
    action,
    objectType: OBJECT_TYPE,
    recordId: id,
    before: audited(before),
    after: audited(next),
  });
  return findVisibleCustomer(tx, actor, id);
}

export async function deleteCustomer(ctx: CustomerContext, id: string): Promise<void> {
  const { tx, actor } = ctx;
  const before = await loadWritable(tx, actor, id);
  const [child] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.tenantId, actor.tenantId), eq(customers.parentId, id)))
    .limit(1);
  if (child) throw new AppError(409, 'customers.has_subsidiaries');
  await tx
    .delete(recordShares)
    .where(
      and(
        eq(recordShares.tenantId, actor.tenantId),
        eq(recordShares.objectType, OBJECT_TYPE),
        eq(recordShares.recordId, id),
      ),
    );
  await tx.delete(customers).where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, id)));
  ctx.audit.record({ action: 'delete', objectType: OBJECT_TYPE, recordId: id, before: audited(before), after: null });
}
