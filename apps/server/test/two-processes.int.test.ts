// Two real server processes on one PostgreSQL database behave as one: a session made on one is valid on the
// other (and ends on both), and a recurring job runs once per due time, not once per process.
// PostgreSQL only: vitest.config.ts leaves this file out when TEST_DATABASE_URL is not set (PGlite is one process).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from './harness.ts';

const CLEANUP_SECONDS = 2;
const serverMain = path.resolve(import.meta.dirname, '../src/main.ts');

interface Server {
  name: string;
  base: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

const adminUrl = process.env.TEST_DATABASE_URL!;
const dbName = `huike_two_${process.pid}_${Date.now().toString(36)}`;
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const dataDir = mkdtempSync(path.join(tmpdir(), 'huike-two-'));
const servers: Server[] = [];
let db: pg.Pool;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startServer(name: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dataDir, name),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      JOBS_SESSION_CLEANUP_SECONDS: String(CLEANUP_SECONDS),
      // API only: this test is about sessions and jobs, not the web app.
      WEB_DIST: path.join(dataDir, 'no-web'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const server = { name, base: `http://127.0.0.1:${port}`, child, output, exited };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server ${name} exited:\n${output.join('')}`);
    const ok = await fetch(`${server.base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    if (Date.now() > deadline) throw new Error(`server ${name} did not start:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function call(server: Server, method: string, url: string, token?: string, body?: unknown) {
  const res = await fetch(server.base + url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  db = new pg.Pool({ connectionString: dbUrl, max: 2 });
  // Both start at once on an empty database: migrations must serialise between them.
  servers.push(...(await Promise.all([startServer('A'), startServer('B')])));
}, 180_000);

afterAll(async () => {
  for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  await db?.end();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('two server processes on one PostgreSQL database', () => {
  it('runs both on PostgreSQL 15 or newer', async () => {
    const [a, b] = servers;
    expect((await call(a!, 'GET', '/healthz')).body.engine).toBe('postgres');
    expect((await call(b!, 'GET', '/healthz')).body.engine).toBe('postgres');
    const { rows } = await db.query(`SELECT current_setting('server_version_num')::int AS v`);
    expect(rows[0].v).toBeGreaterThanOrEqual(150000);
  });

  it('shares sessions: a login made on A works on B, and a logout on B ends it on A', async () => {
    const [a, b] = servers;
    const reg = await call(a!, 'POST', '/api/v1/auth/register', undefined, {
      companyName: '双进程测试公司',
      adminName: '管理员',
      email: uniqueEmail('two'),
      password: PASSWORD,
    });
    expect(reg.status).toBe(201);
    const { token } = reg.body;

    const onB = await call(b!, 'GET', '/api/v1/auth/me', token);
    expect(onB.status).toBe(200);
    expect(onB.body.user.id).toBe(reg.body.user.id);

    expect((await call(b!, 'POST', '/api/v1/auth/logout', token)).status).toBeLessThan(300);
    expect((await call(a!, 'GET', '/api/v1/auth/me', token)).status).toBe(401);
    expect((await call(b!, 'GET', '/api/v1/auth/me', token)).status).toBe(401);
  });

  it('sees on A an access change made on B at once (per-process caches follow the tenant access version)', async () => {
    const [a, b] = servers;
    const reg = await call(a!, 'POST', '/api/v1/auth/register', undefined, {
      companyName: '双进程缓存公司',
      adminName: '管理员',
      email: uniqueEmail('two-cache'),
      password: PASSWORD,
    });
    const admin = reg.body.token as string;
    const roles = await call(a!, 'GET', '/api/v1/roles', admin);
    const sales = roles.body.items.find((r: { code: string | null }) => r.code === 'sales');
    const depts = await call(a!, 'GET', '/api/v1/departments', admin);
    const email = uniqueEmail('two-sales');
    const created = await call(a!, 'POST', '/api/v1/employees', admin, {
      name: '销售甲',
      email,
      password: PASSWORD,
      departmentId: depts.body.items[0].id,
      roleIds: [sales.id],
    });
    expect(created.status).toBe(201);
    const login = await call(a!, 'POST', '/api/v1/auth/login', undefined, { login: email, password: PASSWORD });
    const salesToken = login.body.token as string;
    const customer = await call(a!, 'POST', '/api/v1/customers', admin, {
      kind: 'enterprise',
      name: '双进程客户有限公司',
    });
    expect(customer.status).toBe(201);

    const seen = async () =>
      (await call(a!, 'GET', '/api/v1/customers?view=all&limit=50', salesToken)).body.items.map(
        (c: { id: string }) => c.id,
      );
    expect(await seen()).not.toContain(customer.body.id); // A has now cached the private default
    const changed = await call(b!, 'PUT', '/api/v1/sharing/defaults/customer', admin, { defaultAccess: 'public_read' });
    expect(changed.status).toBe(200);
    expect(await seen()).toContain(customer.body.id);
  });

  it('runs a recurring job once per due time across both processes', async () => {
    // Both processes tick every second and both registered sessions.cleanup every CLEANUP_SECONDS.
    await new Promise((r) => setTimeout(r, (CLEANUP_SECONDS * 3 + 1.5) * 1000));
    const { rows } = await db.query<{ node: string; ms: string }>(
      `SELECT node, (extract(epoch FROM started_at) * 1000)::bigint::text AS ms
       FROM job_runs WHERE name = 'sessions.cleanup' ORDER BY started_at`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const times = rows.map((r) => Number(r.ms));
    const gaps = times.slice(1).map((ms, i) => ms - times[i]!);
    // A second process running the same due job would show up as a gap far shorter than the interval.
    expect(Math.min(...gaps)).toBeGreaterThan(CLEANUP_SECONDS * 1000 * 0.75);
    const { rows: failed } = await db.query(`SELECT error FROM job_runs WHERE status = 'failed'`);
    expect(failed).toEqual([]);
  });

  it('stops both cleanly on SIGTERM (server, job runner and pool closed)', async () => {
    for (const s of servers) s.child.kill('SIGTERM');
    const codes = await Promise.all(servers.map((s) => s.exited));
    expect(codes, servers.map((s) => s.output.join('')).join('\n')).toEqual([0, 0]);
  }, 60_000);
});
