// The background import: batches of ~2,000 rows, each in one tenant-bound transaction — validated like the API,
// checked for duplicates in one query, written with multi-row statements, audited, and the progress saved.
// The next batch's rows are checked (pure, in small slices that yield) while the current batch is written.
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { AuditWriter } from '../../platform/audit/audit.ts';
import { type Db, inTenant, type Tx } from '../../platform/db/database.ts';
import type { Services } from '../../platform/http/services.ts';
import { customerAccessRules } from '../customers/customers.policy.ts';
import { type CustomField, listCustomFields } from '../customfields/index.ts';
import { actorFromSnapshot } from './imports.actor.ts';
import { type ColumnPlan, type PreparedRow, prepareRow } from './imports.rows.ts';
import type { ImportOptions } from './imports.schemas.ts';
import { decodeSheet } from './imports.storage.ts';
import { importJobs, importRows } from './imports.table.ts';
import { type BatchEnv, writeBatch } from './imports.write.ts';

export const IMPORT_JOB = 'imports.customers';
export const BATCH_SIZE = 2000;
/** Rows checked between yields to the event loop, so the database round trips of the batch being written go on. */
const PREPARE_SLICE = 250;

const registered = new WeakSet<object>();

export function registerImportJobs(services: Pick<Services, 'jobs' | 'database' | 'config'>): void {
  if (registered.has(services.jobs)) return;
  registered.add(services.jobs);
  services.jobs.work(IMPORT_JOB, async (data) => {
    await runImport(services, String(data.tenantId), String(data.importId));
  });
}

async function loadJob(db: Db, tenantId: string, id: string) {
  return inTenant(db, tenantId, async (tx) => {
    const [job] = await tx
      .select()
      .from(importJobs)
      .where(and(eq(importJobs.tenantId, tenantId), eq(importJobs.id, id)));
    return job;
  });
}

async function setStatus(db: Db, tenantId: string, id: string, values: Partial<typeof importJobs.$inferInsert>) {
  await inTenant(db, tenantId, (tx) =>
    tx
      .update(importJobs)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(importJobs.tenantId, tenantId), eq(importJobs.id, id))),
  );
}

/** Run (or resume, from the saved progress) one queued import. */
export async function runImport(
  services: Pick<Services, 'database' | 'config'>,
  tenantId: string,
  importId: string,
): Promise<void> {
  const db = services.database.db;
  const job = await loadJob(db, tenantId, importId);
  if (!job || job.status === 'done' || job.status === 'failed' || job.status === 'uploaded') return;
  try {
    if (job.status === 'queued') await setStatus(db, tenantId, importId, { status: 'running', startedAt: new Date() });
    const sheet = decodeSheet(job.headers, job.sheet);
    const actor = actorFromSnapshot(job.actor ?? {});
    const options = job.options as unknown as ImportOptions;
    const plan: ColumnPlan[] = [];
    sheet.headers.forEach((h, index) => {
      const target = job.mapping?.[h];
      if (target) plan.push({ index, target: target as ColumnPlan['target'] });
    });
    const env = await inTenant(db, tenantId, (tx) => batchEnv(tx, actor, options, plan));
    let reported = job.failed + job.skipped;
    const prepare = async (start: number): Promise<PreparedRow[]> => {
      const rows = sheet.rows.slice(start, start + BATCH_SIZE);
      const out: PreparedRow[] = [];
      for (let i = 0; i < rows.length; i += PREPARE_SLICE) {
        for (const r of rows.slice(i, i + PREPARE_SLICE)) {
          out.push(prepareRow(r, plan, options, actor.locale, env.customFields));
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return out;
    };
    let next: Promise<PreparedRow[]> | null = job.processed < sheet.rows.length ? prepare(job.processed) : null;
    for (let start = job.processed; next; start += BATCH_SIZE) {
      const prepared = await next;
      next = start + BATCH_SIZE < sheet.rows.length ? prepare(start + BATCH_SIZE) : null;
      // Awaited in the next round; a failure of this batch must not leave it unhandled.
      next?.catch(() => undefined);
      reported = await inTenant(db, tenantId, async (tx) => {
        const audit = new AuditWriter(tenantId, actor.userId, `JOB ${IMPORT_JOB}`);
        const result = await writeBatch(tx, env, prepared, audit);
        await audit.flush(tx);
        const rejected = result.rejected.slice(0, Math.max(0, MAX_REPORT_ROWS - reported));
        if (rejected.length) {
          await tx.insert(importRows).values(rejected.map((r) => ({ tenantId, jobId: importId, ...r })));
        }
        await tx
          .update(importJobs)
          .set({
            processed: sql`${importJobs.processed} + ${prepared.length}`,
            created: sql`${importJobs.created} + ${result.created}`,
            updated: sql`${importJobs.updated} + ${result.updated}`,
            skipped: sql`${importJobs.skipped} + ${result.skipped}`,
            failed: sql`${importJobs.failed} + ${result.failed}`,
            updatedAt: new Date(),
          })
          .where(and(eq(importJobs.tenantId, tenantId), eq(importJobs.id, importId)));
        return reported + rejected.length;
      });
    }
    await setStatus(db, tenantId, importId, { status: 'done', finishedAt: new Date() });
  } catch (err) {
    console.error(`[imports] ${importId} failed:`, err);
    const message = err instanceof Error ? err.message : String(err);
    await setStatus(db, tenantId, importId, { status: 'failed', error: message, finishedAt: new Date() });
  }
}

/** Rows kept for the report (rejected and skipped), at most this many per import. */
export const MAX_REPORT_ROWS = 50_000;

/** What every batch of one import shares, loaded once. */
async function batchEnv(tx: Tx, actor: Actor, options: ImportOptions, plan: ColumnPlan[]): Promise<BatchEnv> {
  const rules = await customerAccessRules(tx, actor);
  const fields = await listCustomFields(tx, actor.tenantId, 'customer');
  const customFields = new Map<string, CustomField>(fields.map((f) => [f.key, f]));
  const ownerId = options.ownerId ?? actor.userId;
  const [owner] = (
    await tx.execute<{ id: string; departmentId: string }>(
      sql`SELECT id, department_id AS "departmentId" FROM users WHERE tenant_id = ${actor.tenantId} AND id = ${ownerId}`,
    )
  ).rows;
  if (!owner && !options.poolId) throw new Error('the default owner is gone');
  const scope = rules.visibleOwners;
  return {
    actor,
    options,
    rules,
    customFields,
    hasCustomColumns: plan.some((p) => p.target.startsWith('custom.')),
    ownerColumn: !options.poolId && plan.some((p) => p.target === 'owner'),
    defaultOwner: options.poolId ? null : { id: owner!.id, departmentId: owner!.departmentId },
    inScope: (id) => scope === 'all' || scope.has(id),
    poolId: options.poolId ?? null,
  };
}
