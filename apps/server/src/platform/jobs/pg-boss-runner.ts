import PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { JobHandler, JobRunner } from './jobs.ts';
import { Scheduler } from './scheduler.ts';

export interface PgBossRunnerOptions {
  /** How often idle workers poll for new jobs; pg-boss's floor is 0.5 s. */
  pollingIntervalSeconds?: number;
  /** Scheduler tick; tests shorten it. */
  tickMs?: number;
}

/**
 * The PostgreSQL runner. Queued jobs (send/work) go through pg-boss, so any process sharing the
 * database may pick a job up, it survives a restart, and failures are retried.
 *
 * Recurring schedules stay on the Scheduler (job_schedules, claimed by one atomic UPDATE) rather than
 * pg-boss's cron: pg-boss schedules by cron expression with minute granularity (intervals of a few seconds,
 * which the two-process test relies on, cannot be expressed), and one claim mechanism on both engines means a
 * schedule behaves the same on PGlite and PostgreSQL and records its runs in job_runs the same way. The
 * Scheduler's claim is already exactly-once across processes, which is all pg-boss's singleton cron adds.
 */
export class PgBossRunner implements JobRunner {
  private readonly boss: PgBoss;
  private readonly scheduler: Scheduler;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly queues = new Map<string, Promise<void>>();
  /** This process's pg-boss worker per queue, woken on send instead of waiting for its next poll. */
  private readonly workers = new Map<string, string>();
  private started = false;
  private stopped = false;

  constructor(
    database: Database,
    private readonly opts: PgBossRunnerOptions = {},
  ) {
    if (database.engine !== 'postgres' || !database.connectionString) {
      throw new Error('PgBossRunner needs a PostgreSQL database');
    }
    this.scheduler = new Scheduler(database.db, opts.tickMs);
    this.boss = new PgBoss({
      connectionString: database.connectionString,
      application_name: 'huike-jobs',
      max: 3,
      // Cron scheduling is off: recurring work uses the Scheduler (see above).
      schedule: false,
    });
    // pg-boss reports connection and maintenance problems as events; an unhandled 'error' event would crash.
    this.boss.on('error', (err) => console.error('[jobs] pg-boss error:', err.message));
  }

  get node() {
    return this.scheduler.node;
  }

  schedule(name: string, intervalSeconds: number, handler: () => Promise<void>): void {
    this.scheduler.add(name, intervalSeconds, handler);
  }

  work(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
    if (this.started) {
      this.listen(name, handler).catch((err: Error) => console.error(`[jobs] cannot work ${name}:`, err.message));
    }
  }

  async send(name: string, data: Record<string, unknown>): Promise<string> {
    if (!this.started) throw new Error(`job runner not started; cannot send ${name}`);
    await this.ensureQueue(name);
    const id = await this.boss.send(name, data);
    if (!id) throw new Error(`pg-boss refused job ${name}`);
    // A user waits on this job (an import's progress bar): start it now if this process works the queue.
    // Other processes still pick it up on their next poll.
    const worker = this.workers.get(name);
    if (worker) this.boss.notifyWorker(worker);
    return id;
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
    for (const [name, handler] of this.handlers) await this.listen(name, handler);
    await this.scheduler.start();
  }

  /** Stop taking work, let running jobs finish (bounded), and close pg-boss's connections. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.scheduler.stop();
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 10_000, close: true });
  }

  /** Claim and run due schedules now (tests drive time themselves). */
  tick = () => this.scheduler.tick();

  /** Create the queue once per process; concurrent callers share the one attempt. */
  private ensureQueue(name: string): Promise<void> {
    let ready = this.queues.get(name);
    if (!ready) {
      ready = this.createQueue(name).catch((err) => {
        this.queues.delete(name);
        throw err;
      });
      this.queues.set(name, ready);
    }
    return ready;
  }

  /**
   * pg-boss 10 gives every queue its own partition, and two processes creating the same queue at once can
   * deadlock or collide; the loser retries and then finds the queue there.
   */
  private async createQueue(name: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (await this.boss.getQueue(name)) return;
        await this.boss.createQueue(name);
        return;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 5 || (code !== '40P01' && code !== '23505' && code !== '42P07')) throw err;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  }

  private async listen(name: string, handler: JobHandler): Promise<void> {
    await this.ensureQueue(name);
    const workerId = await this.boss.work<Record<string, unknown>>(
      name,
      { batchSize: 1, pollingIntervalSeconds: this.opts.pollingIntervalSeconds ?? 2 },
      async ([job]) => {
        if (!job) return;
        let failure: unknown;
        // Recorded in job_runs like every job; the error is re-thrown so pg-boss retries the job.
        await this.scheduler.run(name, async () => {
          try {
            await handler({ ...job.data, jobId: job.id });
          } catch (err) {
            failure = err;
            throw err;
          }
        });
        if (failure) throw failure;
      },
    );
    this.workers.set(name, workerId);
  }
}
