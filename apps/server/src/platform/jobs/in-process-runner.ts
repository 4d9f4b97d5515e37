import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { JobHandler, JobRunner } from './jobs.ts';
import { Scheduler } from './scheduler.ts';

/** The embedded (PGlite) runner: one process owns the database, so queued jobs run in this process. */
export class InProcessRunner implements JobRunner {
  private readonly scheduler: Scheduler;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(db: Db, tickMs?: number) {
    this.scheduler = new Scheduler(db, tickMs);
  }

  get node() {
    return this.scheduler.node;
  }

  schedule(name: string, intervalSeconds: number, handler: () => Promise<void>): void {
    this.scheduler.add(name, intervalSeconds, handler);
  }

  work(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async send(name: string, data: Record<string, unknown>): Promise<string> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`no worker for job ${name}`);
    const id = newId();
    if (this.stopped) return id;
    const p = this.scheduler.run(name, () => handler({ ...data, jobId: id })).finally(() => this.running.delete(p));
    this.running.add(p);
    return id;
  }

  start = () => this.scheduler.start();

  async stop(): Promise<void> {
    this.stopped = true;
    await this.scheduler.stop();
    await Promise.allSettled([...this.running]);
  }

  tick = () => this.scheduler.tick();
}
