import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';

interface Schedule {
  name: string;
  intervalSeconds: number;
  handler: () => Promise<void>;
}

/**
 * Recurring schedules on either engine. Each tick, a process claims a due schedule by moving its
 * next_run_at forward in one UPDATE ... WHERE next_run_at <= now(); only the process whose UPDATE
 * matched runs it, so N processes on one database run each due job once.
 */
export class Scheduler {
  readonly node = `${hostname()}:${process.pid}:${newId().slice(-6)}`;
  private readonly schedules = new Map<string, Schedule>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly tickMs = 1000,
  ) {}

  add(name: string, intervalSeconds: number, handler: () => Promise<void>): void {
    this.schedules.set(name, { name, intervalSeconds, handler });
  }

  async start(): Promise<void> {
    for (const s of this.schedules.values()) {
      await this.db.execute(sql`
        INSERT INTO job_schedules (name, interval_seconds, next_run_at)
        VALUES (${s.name}, ${s.intervalSeconds}, now() + make_interval(secs => ${s.intervalSeconds}))
        ON CONFLICT (name) DO UPDATE SET interval_seconds = EXCLUDED.interval_seconds,
          -- a shortened interval takes effect now rather than after the old, longer wait
          next_run_at = LEAST(job_schedules.next_run_at, EXCLUDED.next_run_at)`);
    }
    this.timer = setInterval(() => {
      this.ticking ??= this.tick().finally(() => {
        this.ticking = undefined;
      });
    }, this.tickMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** Claim and run every due schedule once. Exposed for tests that drive time themselves. */
  async tick(): Promise<void> {
    for (const s of this.schedules.values()) {
      const claimed = await this.db.execute(sql`
        UPDATE job_schedules SET next_run_at = now() + make_interval(secs => interval_seconds),
          last_run_at = now(), last_run_by = ${this.node}
        WHERE name = ${s.name} AND next_run_at <= now() RETURNING name`);
      if (claimed.rows.length === 0) continue;
      await this.run(s.name, s.handler);
    }
  }

  /** Run a job and record it in job_runs. */
  async run(name: string, handler: () => Promise<void>): Promise<void> {
    const id = newId();
    await this.db.execute(
      sql`INSERT INTO job_runs (id, name, node, status) VALUES (${id}, ${name}, ${this.node}, 'running')`,
    );
    try {
      await handler();
      await this.db.execute(sql`UPDATE job_runs SET status = 'done', finished_at = now() WHERE id = ${id}`);
    } catch (err) {
      await this.db.execute(
        sql`UPDATE job_runs SET status = 'failed', finished_at = now(), error = ${String(err).slice(0, 2000)} WHERE id = ${id}`,
      );
    }
  }
}
