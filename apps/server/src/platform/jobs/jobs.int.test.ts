// The job runner the app boots with (pg-boss on PostgreSQL, in-process on PGlite): queued jobs run and are
// recorded, failures are recorded, and schedules are claimed once.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { InProcessRunner } from './in-process-runner.ts';
import { PgBossRunner } from './pg-boss-runner.ts';

let t: TestApp;
const name = (what: string) => `test.${what}.${process.pid}.${Date.now().toString(36)}`;

async function until<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const runsOf = async (job: string) =>
  (await t.services.database.db.execute(sql`SELECT status, error FROM job_runs WHERE name = ${job}`)).rows as {
    status: string;
    error: string | null;
  }[];

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('job runner', () => {
  it('is pg-boss on PostgreSQL and in-process on PGlite', () => {
    const expected = t.engine === 'postgres' ? PgBossRunner : InProcessRunner;
    expect(t.services.jobs).toBeInstanceOf(expected);
  });

  it('runs a queued job with its data and records the run', async () => {
    const job = name('echo');
    const seen: Record<string, unknown>[] = [];
    t.services.jobs.work(job, async (data) => {
      seen.push(data);
    });
    const id = await t.services.jobs.send(job, { hello: '世界' });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const data = await until(async () => seen[0]);
    expect(data).toMatchObject({ hello: '世界', jobId: id });
    const runs = await until(async () => {
      const r = await runsOf(job);
      return r[0]?.status === 'done' ? r : undefined;
    });
    expect(runs).toEqual([{ status: 'done', error: null }]);
  });

  it('records a failing job with its error', async () => {
    const job = name('fail');
    t.services.jobs.work(job, async () => {
      throw new Error('boom');
    });
    await t.services.jobs.send(job, {});
    const runs = await until(async () => {
      const r = await runsOf(job);
      return r.some((x) => x.status === 'failed') ? r : undefined;
    });
    expect(runs.find((x) => x.status === 'failed')!.error).toContain('boom');
  });

  it('claims a due schedule in one process only', async () => {
    const job = name('tick');
    let runs = 0;
    const { db } = t.services.database;
    const one = new InProcessRunner(db, 60_000);
    const two = new InProcessRunner(db, 60_000);
    for (const r of [one, two]) r.schedule(job, 3600, async () => void runs++);
    await Promise.all([one.start(), two.start()]);
    await db.execute(sql`UPDATE job_schedules SET next_run_at = now() - interval '1 second' WHERE name = ${job}`);
    await Promise.all([one.tick(), two.tick()]);
    await Promise.all([one.stop(), two.stop()]);
    expect(runs).toBe(1);
  });
});
