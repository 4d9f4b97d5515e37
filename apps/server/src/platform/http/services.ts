import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import type { JobRunner } from '../jobs/jobs.ts';

/** Process-wide dependencies handed to every handler; nothing else is global. */
export interface Services {
  config: Config;
  database: Database;
  jobs: JobRunner;
}
