import { and, eq, sql } from 'drizzle-orm';
import { inTenant, type Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Services } from '../http/services.ts';
import type { JobRunner } from '../jobs/jobs.ts';
import { mailOutbox } from './mail.table.ts';
import { currentMailer } from './mailer.ts';

export const MAIL_JOB = 'mail.deliver';

export interface OutgoingMail {
  to: string;
  subject: string;
  body: string;
  recordType?: string;
  recordId?: string;
}

/**
 * Queue e-mails in the caller's transaction (one mail_outbox row each, status queued) under one batch id.
 * Call deliverMailBatch once the transaction committed (see sendAfterCommit) to hand them to the job.
 */
export async function queueMail(
  tx: Tx,
  tenantId: string,
  createdBy: string | null,
  messages: OutgoingMail[],
  batchId = newId(),
): Promise<string> {
  for (let i = 0; i < messages.length; i += 500) {
    await tx.insert(mailOutbox).values(
      messages.slice(i, i + 500).map((m) => ({
        tenantId,
        id: newId(),
        batchId,
        recordType: m.recordType ?? null,
        recordId: m.recordId ?? null,
        to: m.to,
        subject: m.subject,
        body: m.body,
        createdBy,
      })),
    );
  }
  return batchId;
}

type QueuedRow = { id: string; to: string; subject: string; body: string };

/** Deliver every queued row of a batch; each row's outcome is written on its own, so a retry skips sent ones. */
export async function deliverMailBatch(
  { database, config }: Pick<Services, 'database' | 'config'>,
  tenantId: string,
  batchId: string,
): Promise<void> {
  const rows = await inTenant(database.db, tenantId, (tx) =>
    tx
      .select({ id: mailOutbox.id, to: mailOutbox.to, subject: mailOutbox.subject, body: mailOutbox.body })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.batchId, batchId), eq(mailOutbox.status, 'queued')))
      .orderBy(mailOutbox.id),
  );
  const mailer = currentMailer(config);
  for (const row of rows as QueuedRow[]) {
    let error: string | null = null;
    try {
      await mailer.send({ to: row.to, subject: row.subject, text: row.body });
    } catch (e) {
      error = (e as Error).message.slice(0, 500);
    }
    await inTenant(database.db, tenantId, (tx) =>
      tx
        .update(mailOutbox)
        .set({
          status: error ? 'failed' : 'sent',
          error,
          transport: mailer.transport,
          sentAt: error ? null : sql`now()`,
        })
        .where(and(eq(mailOutbox.tenantId, tenantId), eq(mailOutbox.id, row.id))),
    );
  }
}

const workers = new WeakSet<JobRunner>();

/**
 * Register the delivery job on this runner (once). boot() should call it with the other platform jobs so a
 * restarted process picks up queued batches; queueing also calls it, so the feature works either way.
 */
export function registerMailJobs(services: Pick<Services, 'jobs' | 'database' | 'config'>): void {
  const { jobs } = services;
  if (workers.has(jobs)) return;
  workers.add(jobs);
  jobs.work(MAIL_JOB, async (data) => {
    await deliverMailBatch(services, String(data.tenantId), String(data.batchId));
  });
}

/** Hand a queued batch to the delivery job. */
export async function sendMailBatch(services: Services, tenantId: string, batchId: string): Promise<void> {
  registerMailJobs(services);
  await services.jobs.send(MAIL_JOB, { tenantId, batchId });
}
