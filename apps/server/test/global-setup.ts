import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { migrateDatabase, openDatabase } from '../src/platform/db/database.ts';

export const SNAPSHOT = path.resolve(import.meta.dirname, '../../../.tmp/pglite-migrated.tar.gz');

/**
 * Once per run: migrate an empty PGlite and dump it, so every test file starts from a migrated
 * database in about a second instead of migrating its own. On PostgreSQL, migrate the test database once.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  const database = await openDatabase(url ? { databaseUrl: url } : {});
  await migrateDatabase(database);
  if (!url) {
    const dump = await database.pglite!.dumpDataDir('gzip');
    mkdirSync(path.dirname(SNAPSHOT), { recursive: true });
    writeFileSync(SNAPSHOT, Buffer.from(await dump.arrayBuffer()));
  }
  await database.close();
}
