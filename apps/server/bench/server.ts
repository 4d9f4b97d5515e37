/**
 * The server under load, in its own process so its memory and CPU are not mixed with the load generator's.
 * Started by run.ts with fork(); talks over the IPC channel:
 *   → {type:'ready', port, engine, bootMs, seedMs, tenants}   once seeded and listening on 127.0.0.1
 *   ← {type:'mark', label?}  start a new window: peak RSS, CPU time, and with BENCH_CPU_PROF a CPU profile
 *   ← {type:'peak'} → {type:'peak', rss, cpuMs}   the window's peak RSS and CPU time (user + system); the
 *                     profile, if any, is written to BENCH_CPU_PROF/<label>.cpuprofile (open in Chrome DevTools)
 *   ← {type:'stop'}   close and exit
 *   ← {type:'capture', on}  (PostgreSQL) record every statement the pool runs, in order, with its parameters;
 *                     off → {type:'captured', statements:[{text, values}]}  (how the pgbench script gets the SQL)
 * BENCH_CUSTOMERS: after the companies, seed that many customers set-based (customers-seed.ts);
 * BENCH_SALESPEOPLE: salespeople per company (else 70% of the staff).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { boot } from '../src/boot.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { seedCustomers } from './customers-seed.ts';
import { seedTenants } from './seed.ts';

const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const tenants = Number(process.env.BENCH_TENANTS ?? 20);
const employees = Number(process.env.BENCH_EMPLOYEES ?? 50);
const customerCount = Number(process.env.BENCH_CUSTOMERS ?? 0);
const salespeople = process.env.BENCH_SALESPEOPLE ? Number(process.env.BENCH_SALESPEOPLE) : undefined;

// Statement capture: wraps pg.Client#query (the app's pool is made of these), on only while asked.
type Captured = { text: string; values: unknown[]; connection: number };
let capturing: Captured[] | null = null;
const connectionIds = new WeakMap<object, number>();
let connections = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (capturing) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
    const values = Array.isArray(second) ? second : typeof first === 'object' ? (first?.values ?? []) : [];
    const text = typeof first === 'string' ? first : first?.text;
    if (!connectionIds.has(this)) connectionIds.set(this, ++connections);
    // Background work (pg-boss, the job scheduler) runs on other connections; the run side keeps the request's.
    if (typeof text === 'string') capturing.push({ text, values, connection: connectionIds.get(this)! });
  }
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof originalQuery;

let peak = process.memoryUsage().rss;
let cpuAtMark = process.cpuUsage();
const profileDir = process.env.BENCH_CPU_PROF;
let profiling: { session: Session; label: string } | null = null;

async function startProfile(label: string) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  profiling = { session, label };
}

async function stopProfile() {
  if (!profiling || !profileDir) return;
  const { session, label } = profiling;
  profiling = null;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  mkdirSync(profileDir, { recursive: true });
  writeFileSync(path.join(profileDir, `${label.replace(/[^\w.-]+/g, '_')}.cpuprofile`), JSON.stringify(profile));
}
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);

const dataDir = mkdtempSync(path.join(tmpdir(), 'huike-bench-'));
const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEED_DEMO: 'false' }), databaseUrl };
const bootStart = performance.now();
// PGlite on disk, as `npm start` runs it; PostgreSQL with the default pool.
const running = await boot(config, databaseUrl ? { databaseUrl } : { dataDir: path.join(dataDir, 'pglite') });
const bootMs = performance.now() - bootStart;

const seedStart = performance.now();
const seeded = await seedTenants(running.services.database.db, { tenants, employees, salespeople });
const seedMs = performance.now() - seedStart;
const customerSeed =
  customerCount > 0
    ? await seedCustomers(running.services.database.db, running.services.database.engine, seeded, customerCount)
    : null;

await running.app.listen({ port: 0, host: '127.0.0.1' });
const address = running.app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

process.on('message', async (msg: { type: string }) => {
  if (msg.type === 'mark') {
    peak = process.memoryUsage().rss;
    await stopProfile();
    const label = (msg as { label?: string }).label;
    if (profileDir && label) await startProfile(label);
    cpuAtMark = process.cpuUsage();
    process.send!({ type: 'marked' });
  } else if (msg.type === 'peak') {
    peak = Math.max(peak, process.memoryUsage().rss);
    const cpu = process.cpuUsage(cpuAtMark);
    await stopProfile();
    process.send!({ type: 'peak', rss: peak, cpuMs: (cpu.user + cpu.system) / 1000 });
  } else if (msg.type === 'capture') {
    const on = (msg as { on?: boolean }).on;
    if (on) capturing = [];
    const statements = capturing ?? [];
    if (!on) capturing = null;
    process.send!({ type: 'captured', statements: on ? [] : statements });
  } else if (msg.type === 'stop') {
    clearInterval(sampler);
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(1));

process.send!({
  type: 'ready',
  port,
  engine: running.services.database.engine,
  bootMs,
  seedMs,
  tenants: seeded,
  customerSeed,
});
