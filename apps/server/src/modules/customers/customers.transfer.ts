import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { tableExists } from './customers.hierarchy.ts';
import { assignableOwner, type CustomerContext, lockWithAccess, OBJECT_TYPE } from './customers.service.ts';
import { customers } from './customers.table.ts';

const contactsOwned = new Map<string, boolean>();
/** Whether contacts carry an owner of their own (only then do they move with their customer). */
async function contactsHaveOwner(tx: Tx): Promise<boolean> {
  if (contactsOwned.get('contacts')) return true;
  if (!(await tableExists(tx, 'contacts'))) return false;
  const res = await tx.execute(
    sql`SELECT 1 FROM information_schema.columns WHERE table_name = 'contacts' AND column_name = 'owner_id'`,
  );
  contactsOwned.set('contacts', res.rows.length > 0);
  return res.rows.length > 0;
}

async function moveContacts(tx: Tx, tenantId: string, ids: string[], toUserId: string): Promise<number> {
  if (!(await contactsHaveOwner(tx))) return 0;
  const res = await tx.execute(sql`UPDATE contacts SET owner_id = ${toUserId}
    WHERE tenant_id = ${tenantId} AND customer_id = ANY(${`{${ids.join(',')}}`}::uuid[])
      AND owner_id IS DISTINCT FROM ${toUserId}`);
  return Number(
    (res as { rowCount?: number; affectedRows?: number }).rowCount ??
      (res as { affectedRows?: number }).affectedRows ??
      0,
  );
}

/**
 * Transfer customers to another owner (转移), all or nothing: every id must be visible (else 404) and writable
 * (else 403) before anything changes. The department follows the new owner and ownedSince restarts.
 */
export async function transferCustomers(
  ctx: CustomerContext,
  input: { ids: string[]; toUserId: string; withContacts: boolean },
) {
  const { tx, actor } = ctx;
  const ids = [...new Set(input.ids)];
  const rows = await lockWithAccess(tx, actor, ids);
  if (rows.length !== ids.length || rows.some((r) => !r.read)) throw notFound();
  if (rows.some((r) => !r.write)) throw new AppError(403, 'sharing.read_only');
  const to = await assignableOwner(tx, actor, 'toUserId', input.toUserId);
  const moving = rows.filter((r) => r.customer.ownerId !== to.id).map((r) => r.customer);
  if (moving.length) {
    const now = new Date();
    await tx
      .update(customers)
      .set({ ownerId: to.id, departmentId: to.departmentId, ownedSince: now, updatedAt: now })
      .where(
        and(
          eq(customers.tenantId, actor.tenantId),
          sql`${customers.id} = ANY(${`{${moving.map((c) => c.id).join(',')}}`}::uuid[])`,
        ),
      );
    for (const c of moving) {
      ctx.audit.record({
        action: 'transfer',
        objectType: OBJECT_TYPE,
        recordId: c.id,
        before: { ownerId: c.ownerId, departmentId: c.departmentId, ownedSince: c.ownedSince },
        after: { ownerId: to.id, departmentId: to.departmentId, ownedSince: now },
      });
    }
  }
  const contactsMoved = input.withContacts ? await moveContacts(tx, actor.tenantId, ids, to.id) : 0;
  return { items: ids.map((id) => ({ id, ownerId: to.id, ownerName: to.name })), contactsMoved };
}

/** After the sharing factory's single transfer: department, ownedSince and the contacts follow the owner. */
export async function afterSingleTransfer(ctx: RequestContext, change: { id: string; from: string; to: string }) {
  const { tx, actor } = ctx;
  const to = await assignableOwner(tx, actor, 'toUserId', change.to);
  const now = new Date();
  await tx
    .update(customers)
    .set({ departmentId: to.departmentId, ownedSince: now, updatedAt: now })
    .where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, change.id)));
  await moveContacts(tx, actor.tenantId, [change.id], to.id);
}
