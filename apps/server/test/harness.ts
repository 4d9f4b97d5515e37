import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { boot, type Running } from '../src/boot.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { SNAPSHOT } from './global-setup.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON a route answers.
export interface Response<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export interface Session {
  token: string;
  user: { id: string; name: string; departmentId: string; email: string | null };
  tenant: { id: string; name: string };
}

export interface TestApp extends Running {
  engine: 'pglite' | 'postgres';
  /** One HTTP request through the real app (Fastify inject: no socket, everything else real). */
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  request<T = any>(
    method: string,
    url: string,
    opts?: { token?: string; body?: unknown; lang?: string; headers?: Record<string, string> },
  ): Promise<Response<T>>;
  /** Register a fresh company; each test makes its own instead of truncating. */
  registerTenant(
    overrides?: Partial<{ companyName: string; adminName: string; email: string; password: string }>,
  ): Promise<Session>;
  login(login: string, password: string): Promise<Session>;
}

let seq = 0;
/** A login nobody else in this run has. */
export const uniqueEmail = (prefix = 'user') =>
  `${prefix}.${process.pid}.${Date.now().toString(36)}.${++seq}@test.huike.local`;
export const PASSWORD = 'Passw0rd!x';

/**
 * Start the app on PGlite (in memory, from the migrated snapshot) or, when TEST_DATABASE_URL is set,
 * on that PostgreSQL server. Both run the same migrations and the same code.
 */
export async function startTestApp(
  opts: {
    ownDatabase?: boolean;
    /** Extra environment variables for loadConfig, e.g. { TEST_CLOCK: '1' }. */
    env?: Record<string, string>;
  } = {},
): Promise<TestApp> {
  const shared = process.env.TEST_DATABASE_URL;
  // On PostgreSQL, test files share one database and so one pg-boss queue: a file whose queued jobs must run
  // in its own process (e.g. with its own SMTP settings) asks for a database of its own.
  const own = shared && opts.ownDatabase ? await createDatabase(shared) : undefined;
  const url = own?.url ?? shared;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huike-test-'));
  const config = { ...loadConfig({ ...opts.env, DATA_DIR: dataDir }), databaseUrl: url };
  const dbOptions = url
    ? { databaseUrl: url, poolSize: 4 }
    : existsSync(SNAPSHOT)
      ? { loadDataDir: new Blob([readFileSync(SNAPSHOT)]) }
      : {};
  const booted = await boot(config, dbOptions);
  const running: Running = own
    ? {
        ...booted,
        async close() {
          await booted.close();
          await own.drop();
        },
      }
    : booted;

  const request: TestApp['request'] = async (method, url, opts = {}) => {
    const headers: Record<string, string> = { 'accept-language': opts.lang ?? 'zh-CN', ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await running.app.inject({
      method: method as never,
      url,
      headers,
      ...(opts.body !== undefined ? { payload: opts.body as never } : {}),
    });
    let body: unknown = res.body;
    if (res.headers['content-type']?.toString().includes('application/json')) body = res.json();
    return { status: res.statusCode, body: body as never, headers: res.headers };
  };

  const login = async (loginName: string, password: string) => {
    const res = await request<Session>('POST', '/api/v1/auth/login', { body: { login: loginName, password } });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const registerTenant: TestApp['registerTenant'] = async (overrides = {}) => {
    const body = {
      companyName: `测试公司${++seq}`,
      adminName: '管理员',
      email: uniqueEmail('admin'),
      password: PASSWORD,
      ...overrides,
    };
    const res = await request<Session>('POST', '/api/v1/auth/register', { body });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  return { ...running, engine: running.services.database.engine, request, registerTenant, login };
}

/** A fresh database on the test server, dropped again by the returned function. */
async function createDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `huike_own_${process.pid}_${Date.now().toString(36)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
