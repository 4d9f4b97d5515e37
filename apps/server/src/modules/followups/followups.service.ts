import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { forbidden, invalidField } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { removeAttachmentsOf } from '../attachments/index.ts';
import { writableCustomer } from '../contacts/contacts.policy.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { findVisibleFollowUp } from './followups.queries.ts';
import type { CreateFollowUp, FollowUp, UpdateFollowUp } from './followups.schemas.ts';
import { followUps } from './followups.table.ts';

const OBJECT = 'follow_up';

const audited = (f: FollowUp) => ({
  customerId: f.customerId,
  contactId: f.contactId,
  kind: f.kind,
  content: f.content,
  at: f.at,
  nextContactAt: f.nextContactAt,
});

/**
 * Lock the customer, then derive last_follow_up_at (latest `at`) and next_contact_at (the latest follow-up's
 * next contact time) from its follow-ups. The lock serialises concurrent writers on one customer, and the
 * UPDATE runs as a new statement after it, so it sees every follow-up committed before.
 */
export async function recomputeCustomerFollowUp(tx: Tx, tenantId: string, customerId: string): Promise<void> {
  await tx.execute(sql`SELECT 1 FROM customers WHERE tenant_id = ${tenantId} AND id = ${customerId} FOR UPDATE`);
  await tx.execute(sql`
    UPDATE customers c SET
      last_follow_up_at = latest.at,
      next_contact_at = latest.next_contact_at
    FROM (SELECT
        (SELECT f.at FROM follow_ups f WHERE f.tenant_id = ${tenantId} AND f.customer_id = ${customerId}
          ORDER BY f.at DESC, f.id DESC LIMIT 1) AS at,
        (SELECT f.next_contact_at FROM follow_ups f WHERE f.tenant_id = ${tenantId} AND f.customer_id = ${customerId}
          ORDER BY f.at DESC, f.id DESC LIMIT 1) AS next_contact_at) latest
    WHERE c.tenant_id = ${tenantId} AND c.id = ${customerId}`);
}

async function checkContact(tx: Tx, tenantId: string, customerId: string, contactId: string | null | undefined) {
  if (!contactId) return;
  const [row] = await tx
    .select({ customerId: contacts.customerId })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
  if (row?.customerId !== customerId) throw invalidField('contactId', 'followups.contact_not_of_customer');
}

export async function createFollowUp(ctx: RequestContext, input: CreateFollowUp): Promise<FollowUp> {
  const { tx, actor } = ctx;
  const customer = await writableCustomer(tx, actor, input.customerId);
  await checkContact(tx, actor.tenantId, customer.id, input.contactId);
  const id = newId();
  await tx.insert(followUps).values({
    tenantId: actor.tenantId,
    id,
    customerId: customer.id,
    contactId: input.contactId ?? null,
    kind: input.kind,
    content: input.content,
    at: input.at ?? new Date(),
    nextContactAt: input.nextContactAt ?? null,
    authorId: actor.userId,
  });
  await recomputeCustomerFollowUp(tx, actor.tenantId, customer.id);
  const created = await findVisibleFollowUp(tx, actor, id);
  ctx.audit.record({ action: 'create', objectType: OBJECT, recordId: id, after: audited(created) });
  return created;
}

/** The follow-up when the actor may change its customer: 404 when invisible, 403 when read-only. */
export async function writableFollowUp(ctx: RequestContext, id: string): Promise<FollowUp> {
  const found = await findVisibleFollowUp(ctx.tx, ctx.actor, id);
  if (found.access !== 'write') throw forbidden();
  return found;
}

export async function updateFollowUp(ctx: RequestContext, id: string, input: UpdateFollowUp): Promise<FollowUp> {
  const { tx, actor } = ctx;
  const before = await writableFollowUp(ctx, id);
  await checkContact(tx, actor.tenantId, before.customerId, input.contactId);
  await tx
    .update(followUps)
    .set({ ...input, updatedAt: new Date() })
    .where(and(eq(followUps.tenantId, actor.tenantId), eq(followUps.id, id)));
  await recomputeCustomerFollowUp(tx, actor.tenantId, before.customerId);
  const after = await findVisibleFollowUp(tx, actor, id);
  ctx.audit.record({
    action: 'update',
    objectType: OBJECT,
    recordId: id,
    before: audited(before),
    after: audited(after),
  });
  return after;
}

export async function deleteFollowUp(ctx: RequestContext, id: string): Promise<void> {
  const { tx, actor } = ctx;
  const before = await writableFollowUp(ctx, id);
  await removeAttachmentsOf(ctx, OBJECT, [id]);
  await tx.delete(followUps).where(and(eq(followUps.tenantId, actor.tenantId), eq(followUps.id, id)));
  await recomputeCustomerFollowUp(tx, actor.tenantId, before.customerId);
  ctx.audit.record({ action: 'delete', objectType: OBJECT, recordId: id, before: audited(before) });
}
