// The outbox: messages that leave the system (e-mail, SMS) are written in the request's transaction and
// delivered afterwards by one queued job, through one sender per channel.
import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../config/config.ts';
import { inTenant, type Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Services } from '../http/services.ts';
import type { JobRunner } from '../jobs/jobs.ts';
import { currentMailer } from './mailer.ts';
import { type OutboxChannel, outbox } from './outbox.table.ts';
import { currentSmsProvider } from './sms-provider.ts';

export const OUTBOX_JOB = 'outbox.deliver';
/** The job names of the separate mail and SMS outboxes before they were one: batches queued under them by an
 * older server still drain (their rows moved to the outbox table with the same batch ids). */
const LEGACY_JOBS = ['mail.deliver', 'sms.deliver'];

export interface OutgoingMessage {
  /** An e-mail address or a mobile number. */
  to: string;
  /** E-mail only. */
  subject?: string;
  body: string;
  recordType?: string;
  recordId?: string;
}

/** Delivers one message of a channel; throws on failure. */
export interface Sender {
  /** Recorded on the row: 'smtp' / 'log' for e-mail, the SMS provider's name. */
  readonly name: string;
  send(message: { to: string; subject: string | null; body: string }): Promise<{ messageId?: string }>;
}

/** The sender of a channel for the current configuration, looked up at delivery time. */
export function senderFor(channel: OutboxChannel, config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Sender {
  if (channel === 'email') {
    const mailer = currentMailer(config);
    return {
      name: mailer.transport,
      send: async (m) => {
        await mailer.send({ to: m.to, subject: m.subject ?? '', text: m.body });
        return {};
      },
    };
  }
  const provider = currentSmsProvider();
  return { name: provider.name, send: (m) => provider.send({ to: m.to, text: m.body }) };
}

/**
 * Queue messages of one channel in the caller's transaction (one outbox row each, status queued) under one
 * batch id. Hand the batch to the delivery job once the transaction committed: ctx.afterCommit(() =>
 * sendBatch(…)).
 */
export async function queueMessages(
  tx: Tx,
  tenantId: string,
  createdBy: string | null,
  channel: OutboxChannel,
  messages: OutgoingMessage[],
  batchId = newId(),
): Promise<string> {
  for (let i = 0; i < messages.length; i += 500) {
    await tx.insert(outbox).values(
      messages.slice(i, i + 500).map((m) => ({
        tenantId,
        id: newId(),
        batchId,
        channel,
        recordType: m.recordType ?? null,
        recordId: m.recordId ?? null,
        to: m.to,
        subject: channel === 'email' ? (m.subject ?? '') : null,
        body: m.body,
        createdBy,
      })),
    );
  }
  return batchId;
}

/** Deliver every queued row of a batch; each row's outcome is written on its own, so a retry skips sent ones. */
export async function deliverBatch(
  { database, config }: Pick<Services, 'database' | 'config'>,
  tenantId: string,
  batchId: string,
): Promise<void> {
  const rows = await inTenant(database.db, tenantId, (tx) =>
    tx
      .select({ id: outbox.id, channel: outbox.channel, to: outbox.to, subject: outbox.subject, body: outbox.body })
      .from(outbox)
      .where(and(eq(outbox.tenantId, tenantId), eq(outbox.batchId, batchId), eq(outbox.status, 'queued')))
      .orderBy(outbox.id),
  );
  const senders = new Map<OutboxChannel, Sender>();
  for (const row of rows) {
    const sender = senders.get(row.channel) ?? senderFor(row.channel, config);
    senders.set(row.channel, sender);
    let error: string | null = null;
    let messageId: string | null = null;
    try {
      messageId = (await sender.send(row)).messageId ?? null;
    } catch (e) {
      error = (e as Error).message.slice(0, 500);
    }
    await inTenant(database.db, tenantId, (tx) =>
      tx
        .update(outbox)
        .set({
          status: error ? 'failed' : 'sent',
          error,
          sender: sender.name,
          senderMessageId: messageId,
          sentAt: error ? null : sql`now()`,
        })
        .where(and(eq(outbox.tenantId, tenantId), eq(outbox.id, row.id))),
    );
  }
}

const workers = new WeakSet<JobRunner>();

/**
 * Register the delivery job on this runner (once). boot() registers it with the module jobs so a restarted
 * process picks up queued batches; sendBatch also calls it, so the feature works either way.
 */
export function registerOutboxJobs(services: Pick<Services, 'jobs' | 'database' | 'config'>): void {
  const { jobs } = services;
  if (workers.has(jobs)) return;
  workers.add(jobs);
  for (const name of [OUTBOX_JOB, ...LEGACY_JOBS]) {
    jobs.work(name, async (data) => {
      await deliverBatch(services, String(data.tenantId), String(data.batchId));
    });
  }
}

/** Hand a queued batch to the delivery job. */
export async function sendBatch(services: Services, tenantId: string, batchId: string): Promise<void> {
  registerOutboxJobs(services);
  await services.jobs.send(OUTBOX_JOB, { tenantId, batchId });
}
