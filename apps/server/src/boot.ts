import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { moduleJobs } from './modules/index.ts';
import { syncBuiltinRoles } from './modules/roles/roles.builtin.service.ts';
import type { Config } from './platform/config/config.ts';
import { type Database, migrateDatabase, type OpenOptions, openDatabase } from './platform/db/database.ts';
import type { Services } from './platform/http/services.ts';
import { InProcessRunner } from './platform/jobs/in-process-runner.ts';
import type { JobRunner } from './platform/jobs/jobs.ts';
import { PgBossRunner } from './platform/jobs/pg-boss-runner.ts';
import { registerPlatformJobs } from './platform/jobs/platform-jobs.ts';

export interface Running {
  app: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

/** Open the database, migrate, start jobs and build the app: shared by main.ts, tests and benchmarks. */
export async function boot(config: Config, dbOptions?: OpenOptions, opts: { logger?: boolean } = {}): Promise<Running> {
  const database: Database = await openDatabase(
    dbOptions ?? { databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') },
  );
  await migrateDatabase(database);
  await syncBuiltinRoles(database.db);
  // PostgreSQL: pg-boss queues shared by every process; PGlite: one process owns the data, jobs run in it.
  const jobs: JobRunner =
    database.engine === 'postgres' ? new PgBossRunner(database) : new InProcessRunner(database.db);
  const services: Services = { config, database, jobs };
  registerPlatformJobs(services);
  for (const register of moduleJobs) register(services);
  await jobs.start();
  const app = await buildApp(services, opts);
  await app.ready();
  return {
    app,
    services,
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
    },
  };
}
