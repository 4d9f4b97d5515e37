/**
 * `npm run bench`: a bounded load test on loopback, on PGlite and on PostgreSQL, plus start-up time.
 *
 * For each engine: a server process boots (migrations included), seeds BENCH_TENANTS companies of
 * BENCH_EMPLOYEES people each, and listens on 127.0.0.1; every tenant's sales manager logs in; then each
 * scenario in scenarios.ts runs with autocannon for a fixed time. Prints req/s, latency p50/p99, errors
 * and the server process's peak RSS per scenario. Figures, not assertions: nothing here fails on speed.
 *
 * Environment: BENCH_DATABASE_URL (PostgreSQL to measure; else scripts/pg-test-cluster.sh if present),
 * BENCH_TENANTS (20), BENCH_EMPLOYEES (50), BENCH_DURATION (overrides every scenario's seconds),
 * BENCH_ENGINES (pglite,postgres), BENCH_SKIP_STARTUP=1.
 */
import { availableParallelism, loadavg } from 'node:os';
import { startBenchServer } from './child.ts';
import { type LoadResult, loginManagers, runScenario } from './load.ts';
import { resolvePostgres } from './postgres.ts';
import { scenarios } from './scenarios.ts';
import { BENCH_PASSWORD } from './seed.ts';
import { measureStartup } from './startup.ts';

interface Row extends LoadResult {
  engine: string;
  peakRssMb: number;
}

const tenantCount = Number(process.env.BENCH_TENANTS ?? 20);
const employeeCount = Number(process.env.BENCH_EMPLOYEES ?? 50);
const durationOverride = process.env.BENCH_DURATION ? Number(process.env.BENCH_DURATION) : undefined;
const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((s) => s.trim());
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const log = (line: string) => console.log(`[bench] ${line}`);

async function benchEngine(engine: string, databaseUrl: string | undefined): Promise<Row[]> {
  log(`${engine}: booting and seeding ${tenantCount} tenants × ${employeeCount} employees…`);
  const server = await startBenchServer({
    BENCH_DATABASE_URL: databaseUrl ?? '',
    BENCH_TENANTS: String(tenantCount),
    BENCH_EMPLOYEES: String(employeeCount),
  });
  const rows: Row[] = [];
  try {
    const visible = server.tenants[0]?.managerVisible;
    log(
      `${engine}: boot ${Math.round(server.bootMs)} ms, seed ${Math.round(server.seedMs)} ms; ` +
        `each sales manager sees ${visible} of ${employeeCount} employees`,
    );
    const tokens = await loginManagers(server.baseUrl, server.tenants, BENCH_PASSWORD);
    const probe = await fetch(`${server.baseUrl}/api/v1/employees?limit=200`, {
      headers: { authorization: `Bearer ${tokens[0]}` },
    });
    const seen = probe.ok ? ((await probe.json()) as { items: unknown[] }).items.length : `HTTP ${probe.status}`;
    log(`${engine}: data-scope check — the manager's employee list has ${seen} rows (expected ${visible})`);
    for (const scenario of scenarios) {
      const s = durationOverride ? { ...scenario, durationSec: durationOverride } : scenario;
      log(`${engine}: ${s.name} — ${s.connections} connections for ${s.durationSec} s`);
      await server.mark();
      const result = await runScenario(server.baseUrl, s, tokens, server.tenants);
      if (result.note) log(`${engine}: note: ${result.note}`);
      rows.push({ ...result, engine, peakRssMb: mb(await server.peakRss()) });
    }
  } finally {
    await server.stop();
  }
  return rows;
}

function printTable(rows: Row[]): void {
  const header = [
    'engine',
    'scenario',
    'path',
    'req/s',
    'p50 ms',
    'p99 ms',
    'requests',
    'errors',
    'non-2xx',
    'peak RSS MB',
  ];
  const body = rows.map((r) => [
    r.engine,
    r.scenario,
    r.path,
    r.rps.toFixed(0),
    String(r.p50),
    String(r.p99),
    String(r.requests),
    String(r.errors),
    String(r.non2xx),
    String(r.peakRssMb),
  ]);
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((row) => width(row[i]!))));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= 3 ? ' '.repeat(widths[i]! - width(c)) + c : c + ' '.repeat(widths[i]! - width(c)))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of body) console.log(line(row));
}

const started = performance.now();
const loadAtStart = loadavg()[0]!;
const rows: Row[] = [];
const skipped: string[] = [];

if (engines.includes('pglite')) rows.push(...(await benchEngine('pglite', undefined)));
if (engines.includes('postgres')) {
  const pg = resolvePostgres();
  if ('skip' in pg) {
    skipped.push(`PostgreSQL skipped: ${pg.skip}`);
    log(skipped.at(-1)!);
  } else {
    log(`postgres: using ${pg.source}`);
    try {
      rows.push(...(await benchEngine('postgres', pg.url)));
    } finally {
      pg.stop();
    }
  }
}

let startup: Awaited<ReturnType<typeof measureStartup>> | undefined;
if (process.env.BENCH_SKIP_STARTUP !== '1') {
  log('start-up: `npm start` equivalent on a PGlite data folder, twice (the second reuses the data)…');
  startup = await measureStartup();
}

console.log(
  `\nHuike CRM benchmark — loopback, ${tenantCount} tenants × ${employeeCount} employees, Node ${process.version}, ` +
    `${availableParallelism()} CPUs, load average ${loadAtStart.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} ` +
    '(figures from a busy machine are not comparable)\n',
);
printTable(rows);
for (const r of rows.filter((x) => x.note)) console.log(`\n* ${r.engine}: ${r.note}`);
for (const s of skipped) console.log(`\n* ${s}`);
if (startup) {
  const fmt = (r: { wallMs: number; reportedMs: number | null }) =>
    `${(r.wallMs / 1000).toFixed(2)} s to /healthz (server reports ${r.reportedMs ?? '?'} ms)`;
  const verdict = startup.second.wallMs < 5000 ? 'under the 5 s aim' : 'OVER the 5 s aim';
  console.log(`\nStart-up on an existing PGlite data folder: ${fmt(startup.second)} — ${verdict}`);
  console.log(`First start (creates the folder, migrates, seeds the demo): ${fmt(startup.first)}`);
}
console.log(`\nTotal bench time ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(0);
