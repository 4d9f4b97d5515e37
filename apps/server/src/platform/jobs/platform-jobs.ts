import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import type { Services } from '../http/services.ts';

/** Seconds between expired-session sweeps; JOBS_SESSION_CLEANUP_SECONDS overrides (tests use a few seconds). */
export function sessionCleanupSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.JOBS_SESSION_CLEANUP_SECONDS);
  return Number.isInteger(n) && n > 0 ? n : 3600;
}

/**
 * Merge the pending lists of the GIN (trigram) indexes into the indexes proper. New rows go to a pending list
 * first (migration 0012); while it is large against the table, the planner rightly prefers a scan of the table.
 * On PostgreSQL autovacuum merges them too; PGlite has no autovacuum, so the job does it on both.
 */
export async function cleanGinPendingLists(db: Executor): Promise<void> {
  await db.execute(sql`SELECT gin_clean_pending_list(c.oid::regclass) FROM pg_class c
    JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE am.amname = 'gin' AND n.nspname = 'public'`);
}

/** Housekeeping every deployment runs. */
export function registerPlatformJobs({ database, jobs }: Services): void {
  jobs.schedule('sessions.cleanup', sessionCleanupSeconds(), async () => {
    await database.db.execute(sql`DELETE FROM sessions WHERE expires_at < now()`);
    await database.db.execute(sql`DELETE FROM login_throttle WHERE window_start < now() - interval '1 day'
      AND (locked_until IS NULL OR locked_until < now())`);
  });
  jobs.schedule('search.gin_pending_cleanup', 600, () => cleanGinPendingLists(database.db));
}
