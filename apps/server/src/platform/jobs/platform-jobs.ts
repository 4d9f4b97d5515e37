import { sql } from 'drizzle-orm';
import type { Services } from '../http/services.ts';

/** Seconds between expired-session sweeps; JOBS_SESSION_CLEANUP_SECONDS overrides (tests use a few seconds). */
export function sessionCleanupSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.JOBS_SESSION_CLEANUP_SECONDS);
  return Number.isInteger(n) && n > 0 ? n : 3600;
}

/** Housekeeping every deployment runs. */
export function registerPlatformJobs({ database, jobs }: Services): void {
  jobs.schedule('sessions.cleanup', sessionCleanupSeconds(), async () => {
    await database.db.execute(sql`DELETE FROM sessions WHERE expires_at < now()`);
    await database.db.execute(sql`DELETE FROM login_throttle WHERE window_start < now() - interval '1 day'
      AND (locked_until IS NULL OR locked_until < now())`);
  });
}
