/** Background work behind one small interface; see jobs.runner.ts for how schedules stay single across processes. */
export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

export interface JobRunner {
  readonly node: string;
  /** A recurring job: due runs happen once across every process sharing the database. */
  schedule(name: string, intervalSeconds: number, handler: () => Promise<void>): void;
  /** A handler for queued jobs of this name. */
  work(name: string, handler: JobHandler): void;
  /** Queue a job; returns its id. */
  send(name: string, data: Record<string, unknown>): Promise<string>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
