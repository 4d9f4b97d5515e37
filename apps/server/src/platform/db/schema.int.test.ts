// Safety net over the whole schema, on the real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set).
// A new table or foreign key that breaks the tenancy rules fails here, whoever wrote it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { APP_ROLE, type Db, inTenant } from './database.ts';

/**
 * Tables without row-level security, each with the reason. Everything else in the public schema must have a
 * tenant_id, RLS enabled and a policy on app.tenant_id.
 */
const GLOBAL_TABLES: Record<string, string> = {
  tenants: 'the tenant list itself; read by id after authentication',
  login_identities: 'maps a login (e-mail, mobile) to its tenant before any tenant is known',
  sessions: 'looked up by token hash to find the tenant of a request',
  login_throttle: 'failed-login counters per account and per address, before authentication',
  job_schedules: 'platform housekeeping, not tenant data',
  job_runs: 'platform housekeeping, not tenant data',
};

interface TableInfo {
  name: string;
  rls: boolean;
  hasTenantId: boolean;
  policies: string[];
  pkFirstColumn: string | null;
}

let t: TestApp;
let db: Db;
let a: Session;
let b: Session;
let tables: TableInfo[];

const rows = async <T>(query: ReturnType<typeof sql>, on: Pick<Db, 'execute'> = db) =>
  (await on.execute(query)).rows as T[];

beforeAll(async () => {
  t = await startTestApp();
  db = t.services.database.db;
  a = await t.registerTenant();
  b = await t.registerTenant();
  tables = await rows<TableInfo>(sql`
    SELECT c.relname AS name, c.relrowsecurity AS rls,
      EXISTS (SELECT 1 FROM pg_attribute at WHERE at.attrelid = c.oid AND at.attname = 'tenant_id'
        AND NOT at.attisdropped) AS "hasTenantId",
      ARRAY(SELECT pg_get_expr(p.polqual, p.polrelid) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies,
      (SELECT at.attname FROM pg_index i JOIN pg_attribute at ON at.attrelid = i.indrelid
        AND at.attnum = (i.indkey::int2[])[0] WHERE i.indrelid = c.oid AND i.indisprimary) AS "pkFirstColumn"
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND c.relname NOT LIKE '\\_\\_drizzle%'
    ORDER BY c.relname`);
});
afterAll(() => t?.close());

const tenantTables = () => tables.filter((x) => !(x.name in GLOBAL_TABLES));

describe('schema safety net', () => {
  it('finds the platform tables', () => {
    const names = tables.map((x) => x.name);
    expect(names).toEqual(expect.arrayContaining(['users', 'departments', 'roles', 'audit_log', 'tenants']));
  });

  it('gives every tenant table a tenant_id, leading its primary key', () => {
    const problems = tenantTables().flatMap((x) => [
      ...(x.hasTenantId ? [] : [`${x.name}: no tenant_id (or list it in GLOBAL_TABLES with a reason)`]),
      ...(x.hasTenantId && x.pkFirstColumn !== 'tenant_id'
        ? [`${x.name}: primary key does not lead with tenant_id`]
        : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('enables row-level security with a policy on app.tenant_id on every tenant table', () => {
    const problems = tables
      .filter((x) => x.hasTenantId && !(x.name in GLOBAL_TABLES))
      .flatMap((x) => [
        ...(x.rls ? [] : [`${x.name}: row-level security not enabled`]),
        ...(x.policies.some((p) => p.includes('app.tenant_id')) ? [] : [`${x.name}: no policy on app.tenant_id`]),
      ]);
    expect(problems).toEqual([]);
  });

  it('indexes every foreign key: its columns are the leading columns of some index', async () => {
    const fks = await rows<{ table: string; name: string; cols: string; tableOid: number }>(sql`
      SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.conkey::text AS cols, c.conrelid::int AS "tableOid"
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`);
    const indexes = await rows<{ tableOid: number; cols: string }>(sql`
      SELECT i.indrelid::int AS "tableOid", i.indkey::text AS cols
      FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND i.indpred IS NULL`);
    const parse = (s: string) => s.replace(/[{}]/g, '').split(/[ ,]+/).filter(Boolean).map(Number);
    expect(fks.length).toBeGreaterThan(0);
    const unindexed = fks.filter((fk) => {
      const want = new Set(parse(fk.cols));
      return !indexes.some((ix) => {
        if (Number(ix.tableOid) !== Number(fk.tableOid)) return false;
        const prefix = parse(ix.cols).slice(0, want.size);
        return prefix.length === want.size && prefix.every((col) => want.has(col));
      });
    });
    expect(unindexed.map((fk) => `${fk.table}.${fk.name}`)).toEqual([]);
  });

  it('makes foreign keys between tenant tables composite with tenant_id', async () => {
    const fks = await rows<{ table: string; name: string; target: string; hasTenant: boolean }>(sql`
      SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.confrelid::regclass::text AS target,
        EXISTS (SELECT 1 FROM pg_attribute at WHERE at.attrelid = c.conrelid AND at.attname = 'tenant_id'
          AND at.attnum = ANY (c.conkey)) AS "hasTenant"
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`);
    const tenantNames = new Set(tenantTables().map((x) => x.name));
    const loose = fks.filter((fk) => tenantNames.has(fk.table) && tenantNames.has(fk.target) && !fk.hasTenant);
    expect(loose.map((fk) => `${fk.table}.${fk.name} → ${fk.target}`)).toEqual([]);
  });

  it('runs the app as a role that owns no table and cannot bypass row-level security', async () => {
    const [role] = await rows<{ rolsuper: boolean; rolbypassrls: boolean }>(
      sql`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ${APP_ROLE}`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await rows<{ relname: string }>(sql`
      SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = ${APP_ROLE}`);
    expect(owned).toEqual([]);
  });
});

describe('row-level security at work', () => {
  const rlsTables = () => tables.filter((x) => x.rls).map((x) => x.name);

  it('shows the app role no rows of any tenant table while app.tenant_id is unset', async () => {
    expect(rlsTables()).toContain('users');
    const counts = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('role', ${APP_ROLE}, true)`);
      const out: Record<string, number> = {};
      for (const name of rlsTables()) {
        const [row] = await rows<{ n: number | string }>(sql`SELECT count(*) AS n FROM ${sql.identifier(name)}`, tx);
        out[name] = Number(row!.n);
      }
      return out;
    });
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    // …while the owner sees that the rows exist.
    const [all] = await rows<{ n: number | string }>(sql`SELECT count(*) AS n FROM users`);
    expect(Number(all!.n)).toBeGreaterThanOrEqual(2);
  });

  it("shows tenant A only A's rows in every tenant table", async () => {
    const foreign = await inTenant(db, a.tenant.id, async (tx) => {
      const out: Record<string, number> = {};
      for (const name of rlsTables()) {
        const [row] = await rows<{ n: number | string }>(
          sql`SELECT count(*) AS n FROM ${sql.identifier(name)} WHERE tenant_id <> ${a.tenant.id}`,
          tx,
        );
        out[name] = Number(row!.n);
      }
      return out;
    });
    expect(Object.entries(foreign).filter(([, n]) => n > 0)).toEqual([]);

    const users = await inTenant(db, a.tenant.id, (tx) =>
      rows<{ id: string; tenant_id: string }>(sql`SELECT id, tenant_id FROM users`, tx),
    );
    expect(users.map((u) => u.id)).toContain(a.user.id);
    expect(users.map((u) => u.id)).not.toContain(b.user.id);
    expect(new Set(users.map((u) => u.tenant_id))).toEqual(new Set([a.tenant.id]));
  });

  it("refuses to write a row into another tenant's data", async () => {
    const attempt = inTenant(db, a.tenant.id, (tx) =>
      tx.execute(sql`UPDATE users SET name = 'hijacked' WHERE id = ${b.user.id} RETURNING id`),
    );
    // The UPDATE cannot see B's row: nothing changes.
    expect((await attempt).rows).toEqual([]);
    const insert = inTenant(db, a.tenant.id, (tx) =>
      tx.execute(sql`INSERT INTO roles (tenant_id, id, name) VALUES (${b.tenant.id}, gen_random_uuid(), 'x')`),
    );
    const error = await insert.then(
      () => null,
      (err: Error) => err,
    );
    // drizzle wraps the driver's error; PostgreSQL's own message is the cause.
    expect(String((error?.cause as Error | undefined)?.message ?? error?.message)).toMatch(/row-level security/);
  });
});
