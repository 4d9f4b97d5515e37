import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The module generator end to end, never in the real tree: copy the server (src, test, migrations, configs;
 * node_modules symlinked) to a temporary folder, generate a module there, generate its migration with
 * drizzle-kit, and run the generated integration test with vitest in that copy. On PGlite by default; when
 * the suite runs on PostgreSQL, in a database of its own on that server (the generated migration must not
 * reach the shared test database).
 */

const repo = path.resolve(import.meta.dirname, '../../..');
const serverDir = path.join(repo, 'apps/server');
const NAME = 'gen-probes';
let root: string;
let pgDatabase: { admin: string; name: string; url: string } | undefined;

function copyServer(to: string) {
  const dest = path.join(to, 'apps/server');
  mkdirSync(dest, { recursive: true });
  for (const entry of ['src', 'test', 'migrations']) {
    cpSync(path.join(serverDir, entry), path.join(dest, entry), { recursive: true });
  }
  for (const file of readdirSync(serverDir).filter((f) => /\.(json|ts)$/.test(f))) {
    cpSync(path.join(serverDir, file), path.join(dest, file));
  }
  for (const file of ['tsconfig.base.json', 'biome.json', 'package.json']) {
    cpSync(path.join(repo, file), path.join(to, file));
  }
  symlinkSync(path.join(repo, 'node_modules'), path.join(to, 'node_modules'), 'dir');
  if (existsSync(path.join(serverDir, 'node_modules'))) {
    symlinkSync(path.join(serverDir, 'node_modules'), path.join(dest, 'node_modules'), 'dir');
  }
}

async function createDatabase(url: string) {
  const name = `huike_gen_${process.pid}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { admin: url, name, url: u.toString() };
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'huike-generator-'));
  copyServer(root);
  if (process.env.TEST_DATABASE_URL) pgDatabase = await createDatabase(process.env.TEST_DATABASE_URL);
});

afterAll(async () => {
  if (root) rmSync(root, { recursive: true, force: true });
  if (pgDatabase) {
    const client = new pg.Client({ connectionString: pgDatabase.admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${pgDatabase.name} WITH (FORCE)`);
    await client.end();
  }
});

describe('npm run new-module', () => {
  it('refuses a name that is not lowercase letters, digits and hyphens', () => {
    for (const bad of ['Customers', 'sales_visits', '9lives', 'a--b', 'x-']) {
      const r = spawnSync(process.execPath, [path.join(repo, 'scripts/new-module.mjs'), bad, '--root', root], {
        encoding: 'utf8',
      });
      expect(r.status, bad).toBe(1);
      expect(r.stderr).toContain('not a valid module name');
    }
  });

  it('generates a module whose own integration test passes (happy path, 400, 403, scope, cross-tenant 404)', () => {
    const gen = spawnSync(
      process.execPath,
      [path.join(repo, 'scripts/new-module.mjs'), NAME, '--root', root, '--zh', '探针', '--en', 'Probes'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(gen.status, gen.stdout + gen.stderr).toBe(0);

    const moduleDir = path.join(root, 'apps/server/src/modules', NAME);
    for (const f of ['table', 'schemas', 'repo', 'service', 'routes', 'policy', 'int.test']) {
      expect(existsSync(path.join(moduleDir, `${NAME}.${f}.ts`)), f).toBe(true);
    }
    expect(existsSync(path.join(moduleDir, 'index.ts'))).toBe(true);
    expect(existsSync(path.join(root, 'apps/web/src/features', NAME, 'GenProbesListPage.tsx'))).toBe(true);
    expect(readFileSync(path.join(root, 'apps/server/src/modules/index.ts'), 'utf8')).toContain('...genProbesRoutes');

    const migrations = path.join(root, 'apps/server/migrations');
    const sqlFile = readdirSync(migrations).find((f) => f.endsWith('_gen_probes.sql'));
    expect(sqlFile, gen.stdout).toBeDefined();
    const sql = readFileSync(path.join(migrations, sqlFile!), 'utf8');
    expect(sql).toContain('CREATE TABLE "gen_probes"');
    expect(sql).toContain('ENABLE ROW LEVEL SECURITY');
    expect(sql).toMatch(/FOREIGN KEY \("tenant_id","owner_id"\) REFERENCES "public"."users"\("tenant_id","id"\)/);
    expect(sql).toContain('CREATE POLICY "gen_probes_tenant_isolation"');

    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TEST_DATABASE_URL: pgDatabase?.url ?? '' };
    delete env.FORCE_COLOR;
    if (!pgDatabase) delete env.TEST_DATABASE_URL;
    const vitest = spawnSync(
      process.execPath,
      [path.join(repo, 'node_modules/vitest/vitest.mjs'), 'run', `src/modules/${NAME}`],
      { cwd: path.join(root, 'apps/server'), env, encoding: 'utf8', timeout: 120_000 },
    );
    const output = `${vitest.stdout}\n${vitest.stderr}`;
    expect(vitest.status, output).toBe(0);
    expect(output).toMatch(/Tests\s+7 passed/);
  }, 120_000);
});
