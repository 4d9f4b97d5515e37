import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';

/** Failed-login throttling, stored in the database so it holds across server processes. */
export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  maxPerAccount: 5,
  maxPerAddress: 30,
};

export async function lockedUntil(db: Executor, keys: string[]): Promise<Date | null> {
  const r = await db.execute<{ until: Date | string | null }>(
    sql`SELECT max(locked_until) AS until FROM login_throttle
        WHERE key = ANY(${pgTextArray(keys)}::text[]) AND locked_until > now()`,
  );
  const until = r.rows[0]?.until;
  return until ? new Date(until) : null;
}

/** A PostgreSQL text[] literal; both drivers pass it as one text parameter. */
function pgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(',')}}`;
}

/** Count one failure against each key; lock a key that passes its limit within the window. */
export async function recordFailure(db: Executor, key: string, max: number): Promise<void> {
  await db.execute(sql`
    INSERT INTO login_throttle (key, failures, window_start) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN login_throttle.window_start < now() - make_interval(mins => ${THROTTLE.windowMinutes})
        THEN 1 ELSE login_throttle.failures + 1 END,
      window_start = CASE WHEN login_throttle.window_start < now() - make_interval(mins => ${THROTTLE.windowMinutes})
        THEN now() ELSE login_throttle.window_start END`);
  await db.execute(sql`
    UPDATE login_throttle SET locked_until = now() + make_interval(mins => ${THROTTLE.lockMinutes})
    WHERE key = ${key} AND failures >= ${max}`);
}

export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.execute(sql`DELETE FROM login_throttle WHERE key = ${key}`);
}
