import { and, eq, inArray, sql } from 'drizzle-orm';
import { newId } from '../../platform/db/ids.ts';
import { forbidden } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { removeAttachmentsOf } from '../attachments/index.ts';
import { followUps } from '../followups/followups.table.ts';
import { customForCreate, customForUpdate } from './contacts.custom.ts';
import { writableCustomer } from './contacts.policy.ts';
import { findVisibleContact } from './contacts.queries.ts';
import type { Contact, CreateContact, UpdateContact } from './contacts.schemas.ts';
import { contacts } from './contacts.table.ts';

const OBJECT = 'contact';

/** The fields the audit trail compares. */
const audited = (c: Contact) => ({
  customerId: c.customerId,
  name: c.name,
  title: c.title,
  mobile: c.mobile,
  email: c.email,
  wechat: c.wechat,
  birthday: c.birthday,
  isKey: c.isKey,
  custom: c.custom,
});

export async function createContact(ctx: RequestContext, input: CreateContact): Promise<Contact> {
  const { tx, actor } = ctx;
  const customer = await writableCustomer(tx, actor, input.customerId);
  const custom = await customForCreate(tx, actor.tenantId, input.custom);
  const id = newId();
  await tx.insert(contacts).values({
    tenantId: actor.tenantId,
    id,
    customerId: customer.id,
    ownerId: customer.ownerId,
    name: input.name,
    title: input.title,
    mobile: input.mobile ?? null,
    email: input.email ?? null,
    wechat: input.wechat,
    birthday: input.birthday ?? null,
    isKey: input.isKey,
    custom,
    createdBy: actor.userId,
  });
  const created = await findVisibleContact(tx, actor, id);
  ctx.audit.record({ action: 'create', objectType: OBJECT, recordId: id, after: audited(created) });
  return created;
}

/** The contact when the actor may change it (write access to its customer): 404 when invisible, 403 when read-only. */
export async function writableContact(ctx: RequestContext, id: string): Promise<Contact> {
  const contact = await findVisibleContact(ctx.tx, ctx.actor, id);
  if (contact.access !== 'write') throw forbidden();
  return contact;
}

export async function updateContact(ctx: RequestContext, id: string, input: UpdateContact): Promise<Contact> {
  const { tx, actor } = ctx;
  const before = await writableContact(ctx, id);
  const custom =
    input.custom === undefined ? undefined : await customForUpdate(tx, actor.tenantId, before.custom, input.custom);
  await tx
    .update(contacts)
    .set({ ...input, custom, updatedAt: new Date() })
    .where(and(eq(contacts.tenantId, actor.tenantId), eq(contacts.id, id)));
  const after = await findVisibleContact(tx, actor, id);
  ctx.audit.record({
    action: 'update',
    objectType: OBJECT,
    recordId: id,
    before: audited(before),
    after: audited(after),
  });
  return after;
}

/** Delete a contact: its follow-ups stay on the customer (without the contact), its files go. */
export async function deleteContact(ctx: RequestContext, id: string): Promise<void> {
  const { tx, actor } = ctx;
  const before = await writableContact(ctx, id);
  await tx
    .update(followUps)
    .set({ contactId: null })
    .where(and(eq(followUps.tenantId, actor.tenantId), eq(followUps.contactId, id)));
  await removeAttachmentsOf(ctx, OBJECT, [id]);
  await tx.delete(contacts).where(and(eq(contacts.tenantId, actor.tenantId), eq(contacts.id, id)));
  ctx.audit.record({ action: 'delete', objectType: OBJECT, recordId: id, before: audited(before) });
}

/**
 * Contacts follow their customer's owner: the customers module calls this when it transfers customers
 * (with contacts), claims or assigns them. Returns how many contacts moved.
 */
export async function moveContactsWithCustomers(
  tx: RequestContext['tx'],
  tenantId: string,
  customerIds: string[],
  toUserId: string | null,
): Promise<number> {
  if (!customerIds.length) return 0;
  const moved = await tx
    .update(contacts)
    .set({ ownerId: toUserId, updatedAt: sql`now()` })
    .where(and(eq(contacts.tenantId, tenantId), inArray(contacts.customerId, customerIds)))
    .returning({ id: contacts.id });
  return moved.length;
}
