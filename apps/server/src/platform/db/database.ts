import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase, NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The query interface shared by both engines; handlers and repos only ever see this (or a Tx). */
// Typed as node-postgres; PGlite's results have the same shape ({ rows }) for everything used here.
export type Db = NodePgDatabase<Schema>;
export type Tx = PgTransaction<NodePgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Executor = Db | Tx;

/** The role every tenant-bound transaction runs as: owns nothing, so row-level security always applies. */
export const APP_ROLE = 'huike_app';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface Database {
  engine: 'pglite' | 'postgres';
  db: Db;
  /** The PGlite instance when embedded (tests use it to dump a snapshot). */
  pglite?: PGlite;
  /** The pg pool when on a server (pg-boss shares its connection settings). */
  pool?: pg.Pool;
  connectionString?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder for PGlite data; omit for an in-memory database. */
  dataDir?: string;
  /** A PGlite dump (from dumpDataDir) to start from instead of an empty cluster. */
  loadDataDir?: Blob | File;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // A broken idle connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return { engine: 'postgres', db, pool, connectionString: opts.databaseUrl, close: () => pool.end() };
  }
  let release = () => {};
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    release = await lockDataDir(opts.dataDir);
  }
  try {
    // pg_trgm + btree_gin: per-company trigram indexes for substring search (migrations 0006, 0016).
    const client = await PGlite.create({
      dataDir: opts.dataDir,
      loadDataDir: opts.loadDataDir,
      extensions: { pg_trgm, btree_gin },
    });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    const close = async () => {
      await client.close();
      release();
    };
    return { engine: 'pglite', db, pglite: client, close };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * Apply committed migrations and (re)grant the app role. Safe to run from several processes at
 * once on PostgreSQL: an advisory lock serialises them.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  const { db } = database;
  if (database.engine === 'postgres') {
    const client = await database.pool!.connect();
    try {
      await client.query('SELECT pg_advisory_lock(727274)');
      const locked = drizzleNodePg(client, { schema });
      await migrateNodePg(locked, { migrationsFolder });
      await grantAppRole(locked as unknown as Db);
    } finally {
      await client.query('SELECT pg_advisory_unlock(727274)').catch(() => {});
      client.release();
    }
    return;
  }
  await migratePglite(db as never, { migrationsFolder });
  await grantAppRole(db);
}

async function grantAppRole(db: Db): Promise<void> {
  await db.execute(
    sql.raw(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
      CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`),
  );
  await db.execute(sql.raw(`GRANT ${APP_ROLE} TO CURRENT_USER`)).catch(() => {});
  await db.execute(sql.raw(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`));
  await db.execute(sql.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`));
}

/**
 * Run fn in one transaction bound to a tenant, as the app role. Row-level security then limits every
 * statement to that tenant's rows, whatever the query says.
 */
export async function inTenant<T>(db: Db, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenantId}, true), set_config('role', ${APP_ROLE}, true)`);
    return fn(tx);
  });
}

/** A platform transaction outside any tenant (registration, login, sessions). Never used by module handlers. */
export async function inSystem<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}
