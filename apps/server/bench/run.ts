/**
 * `npm run bench`: a bounded load test on loopback, on PGlite and on PostgreSQL, plus start-up time.
 *
 * For each engine: a server process boots (migrations included), seeds BENCH_TENANTS companies of
 * BENCH_EMPLOYEES people each, and listens on 127.0.0.1; every tenant's sales manager logs in; then each
 * scenario in scenarios.ts runs with autocannon for a fixed time. Prints req/s, latency p50/p99, errors
 * and the server process's peak RSS per scenario. Figures, not assertions: nothing here fails on speed.
 *
 * Issue 3 (customers-bench.ts), in the same run: BENCH_CUSTOMERS (1,000,000) customers over
 * BENCH_CUSTOMER_TENANTS (100) companies of BENCH_SALESPEOPLE (20) salespeople on PostgreSQL — list as sales
 * managers (下属负责的 / 我负责的), the raw tps of the list's captured SQL through pgbench, create with 查重 +
 * audit, search; then BENCH_PGLITE_CUSTOMERS (100,000) over BENCH_PGLITE_TENANTS (10) on PGlite — list and
 * search; then bench/import-bench.ts when it exists.
 *
 * Environment: BENCH_DATABASE_URL (PostgreSQL to measure; else scripts/pg-test-cluster.sh if present),
 * BENCH_TENANTS (20), BENCH_EMPLOYEES (50), BENCH_DURATION (overrides every scenario's seconds),
 * BENCH_ENGINES (pglite,postgres), BENCH_SKIP_STARTUP=1, BENCH_SKIP_ISSUE2=1, BENCH_SKIP_CUSTOMERS=1,
 * BENCH_SKIP_IMPORT=1.
 */
import { availableParallelism, loadavg } from 'node:os';
import { startBenchServer } from './child.ts';
import { benchCustomers, type CustomersReport, LIST_MINE, LIST_SUBORDINATES } from './customers-bench.ts';
import { runImportBench } from './import-hook.ts';
import { type LoadResult, loginManagers, perRequest, runScenario } from './load.ts';
import { resolvePostgres } from './postgres.ts';
import { scenarios } from './scenarios.ts';
import { BENCH_PASSWORD } from './seed.ts';
import { measureStartup } from './startup.ts';

interface Row extends LoadResult {
  engine: string;
  peakRssMb: number;
  cpuMsPerRequest: number;
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
      await server.mark(`${engine}-${s.name}`);
      const result = await runScenario(server.baseUrl, s, tokens, server.tenants);
      if (result.note) log(`${engine}: note: ${result.note}`);
      const w = await server.window();
      rows.push({ ...result, engine, peakRssMb: mb(w.rss), cpuMsPerRequest: perRequest(w.cpuMs, result.requests) });
    }
  } finally {
    await server.stop();
  }
  return rows;
}

const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);

/** A markdown table; columns from `rightFrom` on are right-aligned (figures). */
function table(header: string[], body: string[][], rightFrom: number): void {
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((row) => width(row[i]!))));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= rightFrom ? ' '.repeat(widths[i]! - width(c)) + c : c + ' '.repeat(widths[i]! - width(c)))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of body) console.log(line(row));
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
    'server CPU ms/req',
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
    r.cpuMsPerRequest.toFixed(2),
  ]);
  table(header, body, 3);
}

const started = performance.now();
const loadAtStart = loadavg()[0]!;
const rows: Row[] = [];
const skipped: string[] = [];
const customerReports: CustomersReport[] = [];
let importResult: string | null = null;
const skipImport = process.env.BENCH_SKIP_IMPORT === '1';
const skipIssue2 = process.env.BENCH_SKIP_ISSUE2 === '1';
const skipCustomers = process.env.BENCH_SKIP_CUSTOMERS === '1';
const salespeople = Number(process.env.BENCH_SALESPEOPLE ?? 20);

if (engines.includes('postgres')) {
  const pg = resolvePostgres();
  if ('skip' in pg) {
    skipped.push(`PostgreSQL skipped: ${pg.skip}`);
    log(skipped.at(-1)!);
  } else {
    log(`postgres: using ${pg.source}`);
    try {
      if (!skipIssue2) rows.push(...(await benchEngine('postgres', pg.url)));
      if (!skipCustomers) {
        customerReports.push(
          await benchCustomers('postgres', pg.url, {
            customers: Number(process.env.BENCH_CUSTOMERS ?? 1_000_000),
            tenants: Number(process.env.BENCH_CUSTOMER_TENANTS ?? 100),
            salespeople,
          }),
        );
      }
      if (!skipImport) importResult = await runImportBench(pg.url);
    } finally {
      pg.stop();
    }
  }
}
if (engines.includes('pglite')) {
  if (!skipIssue2) rows.push(...(await benchEngine('pglite', undefined)));
  if (!skipCustomers) {
    customerReports.push(
      await benchCustomers('pglite', undefined, {
        customers: Number(process.env.BENCH_PGLITE_CUSTOMERS ?? 100_000),
        tenants: Number(process.env.BENCH_PGLITE_TENANTS ?? 10),
        salespeople,
      }),
    );
  }
}

if (!skipImport && importResult === null) importResult = await runImportBench();

let startup: Awaited<ReturnType<typeof measureStartup>> | undefined;
if (process.env.BENCH_SKIP_STARTUP !== '1') {
  log('start-up: `npm start` equivalent on a PGlite data folder, twice (the second reuses the data)…');
  startup = await measureStartup();
}

console.log(
  `\nHuike CRM benchmark — loopback, Node ${process.version}, ${availableParallelism()} CPUs, ` +
    `load average (1 min) ${loadAtStart.toFixed(1)} at start → ${loadavg()[0]!.toFixed(1)} at end ` +
    '(figures from a busy machine are not comparable)\n',
);
if (rows.length) {
  console.log(`Platform (issue 2): ${tenantCount} tenants × ${employeeCount} employees\n`);
  printTable(rows);
  for (const r of rows.filter((x) => x.note)) console.log(`\n* ${r.engine}: ${r.note}`);
}
for (const s of skipped) console.log(`\n* ${s}`);

for (const rep of customerReports) {
  console.log(
    `\nCustomers (issue 3) on ${rep.engine}: ${rep.customers.toLocaleString()} customers over ${rep.tenants} companies, ` +
      `${salespeople} salespeople each; 8 connections, one sales-manager session per company in rotation\n` +
      `seed: ${rep.seed}\n`,
  );
  table(
    [
      'scenario',
      'req/s',
      'p50 ms',
      'p99 ms',
      'requests',
      'non-2xx',
      'errors',
      'server CPU ms/req',
      'PostgreSQL CPU ms/req',
      'load avg',
    ],
    rep.rows.map((r) => [
      r.scenario,
      r.rps.toFixed(0),
      String(r.p50),
      String(r.p99),
      String(r.requests),
      String(r.non2xx),
      String(r.errors),
      r.cpuMsPerRequest.toFixed(2),
      r.pgCpuMsPerRequest === null ? '—' : r.pgCpuMsPerRequest.toFixed(2),
      r.load1.toFixed(1),
    ]),
    1,
  );
  const list = rep.rows.find((r) => r.path === LIST_SUBORDINATES);
  const mine = rep.rows.find((r) => r.path === LIST_MINE);
  for (const p of rep.pgbench) {
    const api = p.view === 'mine' ? mine : list;
    const ratio = api && p.tps ? api.rps / p.tps : null;
    console.log(
      `\n* pgbench, ${p.label}: ${p.failed ? `FAILED (${p.failed})` : `${p.tps.toFixed(0)} tps, latency avg ${p.latencyMs} ms${p.pgCpuMsPerTx === undefined ? '' : `, PostgreSQL CPU ${p.pgCpuMsPerTx.toFixed(2)} ms/tx`}`}` +
        (ratio !== null
          ? `\n  API ${p.view} ${api!.rps.toFixed(0)} req/s ÷ raw ${p.tps.toFixed(0)} tps = ${ratio.toFixed(2)}`
          : ''),
    );
  }
  for (const [label, api, view] of [
    ['下属负责的', list, 'subordinates'],
    ['我负责的', mine, 'mine'],
  ] as const) {
    if (!api) continue;
    // The faster raw figure of the list statement alone (extended or prepared protocol).
    const raw = Math.max(
      0,
      ...rep.pgbench.filter((p) => p.view === view && p.label.includes('alone')).map((p) => p.tps),
    );
    const half = raw ? (api.rps >= raw / 2 ? 'met' : 'NOT met') : 'not measured';
    const p99 = api.p99 < 50 ? 'met' : 'NOT met';
    console.log(
      `\n* goals (list ${label}): API ≥ half the raw tps — ${half}${raw ? ` (${(api.rps / raw).toFixed(2)})` : ''}; ` +
        `p99 < 50 ms — ${p99} (${api.p99} ms)`,
    );
  }
  const create = rep.rows.find((r) => r.path === '/api/v1/customers');
  if (create)
    console.log(
      `* goal create ≥ 500 req/s — ${create.rps >= 500 ? 'met' : 'NOT met'} (${create.rps.toFixed(0)} req/s)`,
    );
  for (const n of rep.notes) console.log(`* ${n}`);
  if (rep.explain)
    console.log(
      `\nEXPLAIN (ANALYZE, BUFFERS) of the list statement, manager 1, as huike_app under RLS:\n${rep.explain}`,
    );
}

console.log(
  `\nImport (issue 3, 100,000-row XLSX with 查重): ${importResult ? importResult : 'skipped (BENCH_SKIP_IMPORT=1)'}`,
);

if (startup) {
  const fmt = (r: { wallMs: number; reportedMs: number | null }) =>
    `${(r.wallMs / 1000).toFixed(2)} s to /healthz (server reports ${r.reportedMs ?? '?'} ms)`;
  const verdict = startup.second.wallMs < 5000 ? 'under the 5 s aim' : 'OVER the 5 s aim';
  console.log(`\nStart-up on an existing PGlite data folder: ${fmt(startup.second)} — ${verdict}`);
  console.log(`First start (creates the folder, migrates, seeds the demo): ${fmt(startup.first)}`);
}
console.log(`\nTotal bench time ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(0);
