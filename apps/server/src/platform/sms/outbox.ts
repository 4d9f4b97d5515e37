import { and, eq, sql } from 'drizzle-orm';
import { type Database, inTenant, type Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Services } from '../http/services.ts';
import type { JobRunner } from '../jobs/jobs.ts';
import { smsOutbox } from './sms.table.ts';
import { currentSmsProvider } from './sms-provider.ts';

export const SMS_JOB = 'sms.deliver';

export interface OutgoingSms {
  to: string;
  body: string;
  recordType?: string;
  recordId?: string;
}

/** Queue text messages in the caller's transaction under one batch id (one sms_outbox row each). */
export async function queueSms(
  tx: Tx,
  tenantId: string,
  createdBy: string | null,
  messages: OutgoingSms[],
  batchId = newId(),
): Promise<string> {
  for (let i = 0; i < messages.length; i += 500) {
    await tx.insert(smsOutbox).values(
      messages.slice(i, i + 500).map((m) => ({
        tenantId,
        id: newId(),
        batchId,
        recordType: m.recordType ?? null,
        recordId: m.recordId ?? null,
        to: m.to,
        body: m.body,
        createdBy,
      })),
    );
  }
  return batchId;
}

/** Deliver every queued row of a batch through the current provider, recording each outcome. */
export async function deliverSmsBatch(database: Database, tenantId: string, batchId: string): Promise<void> {
  const rows = await inTenant(database.db, tenantId, (tx) =>
    tx
      .select({ id: smsOutbox.id, to: smsOutbox.to, body: smsOutbox.body })
      .from(smsOutbox)
      .where(and(eq(smsOutbox.tenantId, tenantId), eq(smsOutbox.batchId, batchId), eq(smsOutbox.status, 'queued')))
      .orderBy(smsOutbox.id),
  );
  const provider = currentSmsProvider();
  for (const row of rows) {
    let error: string | null = null;
    let messageId: string | null = null;
    try {
      messageId = (await provider.send({ to: row.to, text: row.body })).messageId ?? null;
    } catch (e) {
      error = (e as Error).message.slice(0, 500);
    }
    await inTenant(database.db, tenantId, (tx) =>
      tx
        .update(smsOutbox)
        .set({
          status: error ? 'failed' : 'sent',
          error,
          provider: provider.name,
          providerMessageId: messageId,
          sentAt: error ? null : sql`now()`,
        })
        .where(and(eq(smsOutbox.tenantId, tenantId), eq(smsOutbox.id, row.id))),
    );
  }
}

const workers = new WeakSet<JobRunner>();

/** Register the delivery job on this runner (once); see registerMailJobs. */
export function registerSmsJobs({ jobs, database }: Pick<Services, 'jobs' | 'database'>): void {
  if (workers.has(jobs)) return;
  workers.add(jobs);
  jobs.work(SMS_JOB, async (data) => {
    await deliverSmsBatch(database, String(data.tenantId), String(data.batchId));
  });
}

export async function sendSmsBatch(services: Services, tenantId: string, batchId: string): Promise<void> {
  registerSmsJobs(services);
  await services.jobs.send(SMS_JOB, { tenantId, batchId });
}
