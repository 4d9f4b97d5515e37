import { and, eq, type SQL, sql } from 'drizzle-orm';
import { newId } from '../../platform/db/ids.ts';
import { notFound, unprocessable } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { type OutboxChannel, outbox } from '../../platform/outbox/outbox.table.ts';
import { queueMessages, sendBatch } from '../../platform/outbox/outbox.ts';
import { customerConditions } from './contacts.policy.ts';
import { filterConditions } from './contacts.queries.ts';
import type { MassRecipients } from './contacts.schemas.ts';

export const MAX_RECIPIENTS = 5000;

/** The visible contacts the request names (ids or filter), with the address of the channel (null if none). */
async function recipients(ctx: RequestContext, input: MassRecipients, channel: OutboxChannel) {
  const { tx, actor } = ctx;
  const { read } = await customerConditions(tx, actor);
  const conditions: SQL[] = input.ids ? [sql`ct.id = ANY(${`{${input.ids.join(',')}}`}::uuid[])`] : [];
  if (input.filter) conditions.push(...filterConditions(input.filter));
  const where = conditions.length ? sql.join(conditions, sql` AND `) : sql`true`;
  const address = channel === 'email' ? sql`ct.email` : sql`ct.mobile`;
  const rows = await tx.execute<{ id: string; address: string | null }>(sql`
    SELECT ct.id, ${address} AS address
    FROM contacts ct
    JOIN customers ON customers.tenant_id = ct.tenant_id AND customers.id = ct.customer_id
    WHERE ct.tenant_id = ${actor.tenantId} AND ${read} AND ${where}
    ORDER BY ct.id
    LIMIT ${MAX_RECIPIENTS + 1}`);
  if (rows.rows.length > MAX_RECIPIENTS) throw unprocessable('contacts.too_many_recipients', { max: MAX_RECIPIENTS });
  const seen = new Set<string>();
  const withAddress: { id: string; address: string }[] = [];
  let skipped = 0;
  for (const r of rows.rows) {
    const key = r.address?.toLowerCase();
    if (!r.address || !key) skipped++;
    else if (!seen.has(key)) {
      seen.add(key);
      withAddress.push({ id: r.id, address: r.address });
    }
  }
  if (!withAddress.length) throw unprocessable('contacts.no_recipients');
  return { withAddress, skipped };
}

/** Queue one e-mail per distinct address; the outbox job sends them after the request committed. */
export async function massEmail(ctx: RequestContext, input: MassRecipients & { subject: string; body: string }) {
  const { withAddress, skipped } = await recipients(ctx, input, 'email');
  const batchId = newId();
  const messages = withAddress.map((r) => ({
    to: r.address,
    subject: input.subject,
    body: input.body,
    recordType: 'contact',
    recordId: r.id,
  }));
  await queueMessages(ctx.tx, ctx.actor.tenantId, ctx.actor.userId, 'email', messages, batchId);
  ctx.afterCommit(() => sendBatch(ctx.services, ctx.actor.tenantId, batchId));
  record(ctx, 'mass_email', batchId, { subject: input.subject, recipients: withAddress.length });
  return { id: batchId, channel: 'email' as const, recipients: withAddress.length, skipped };
}

export async function massSms(ctx: RequestContext, input: MassRecipients & { body: string }) {
  const { withAddress, skipped } = await recipients(ctx, input, 'sms');
  const batchId = newId();
  const messages = withAddress.map((r) => ({ to: r.address, body: input.body, recordType: 'contact', recordId: r.id }));
  await queueMessages(ctx.tx, ctx.actor.tenantId, ctx.actor.userId, 'sms', messages, batchId);
  ctx.afterCommit(() => sendBatch(ctx.services, ctx.actor.tenantId, batchId));
  record(ctx, 'mass_sms', batchId, { recipients: withAddress.length });
  return { id: batchId, channel: 'sms' as const, recipients: withAddress.length, skipped };
}

function record(ctx: RequestContext, action: string, batchId: string, after: Record<string, unknown>) {
  ctx.audit.record({ action, objectType: 'contact', recordId: batchId, after });
}

/** Progress of one of the caller's own mass mailings (e-mail or SMS), with every recipient's status. */
export async function massMessageStatus(ctx: RequestContext, batchId: string) {
  const { tx, actor } = ctx;
  const items = await tx
    .select({
      channel: outbox.channel,
      to: outbox.to,
      contactId: outbox.recordId,
      status: outbox.status,
      error: outbox.error,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(and(eq(outbox.tenantId, actor.tenantId), eq(outbox.batchId, batchId), eq(outbox.createdBy, actor.userId)))
    .orderBy(outbox.id);
  if (!items.length) throw notFound();
  const count = (s: string) => items.filter((i) => i.status === s).length;
  return {
    id: batchId,
    channel: items[0]!.channel,
    total: items.length,
    queued: count('queued'),
    sent: count('sent'),
    failed: count('failed'),
    items: items.map(({ channel: _, ...item }) => item),
  };
}
