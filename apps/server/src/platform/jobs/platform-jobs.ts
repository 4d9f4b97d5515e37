import { sql } from 'drizzle-orm';
import type { Services } from '../http/services.ts';

/** Housekeeping every deployment runs. */
export function registerPlatformJobs({ database, jobs }: Services): void {
  jobs.schedule('sessions.cleanup', 3600, async () => {
    await database.db.execute(sql`DELETE FROM sessions WHERE expires_at < now()`);
    await database.db.execute(sql`DELETE FROM login_throttle WHERE window_start < now() - interval '1 day'
      AND (locked_until IS NULL OR locked_until < now())`);
  });
}
