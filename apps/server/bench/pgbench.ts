import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { CapturedStatement } from './child.ts';

/**
 * The raw tps of the SQL a request runs, through pgbench on the same server.
 *
 * The SQL is captured, not reconstructed: bench/server.ts records every statement the app's pg pool runs
 * during one request per sales manager (text + parameters, in order). Each `$n` becomes a pgbench variable;
 * the per-manager values live in a small table that the script reads with `\gset` after `\set n random(…)`,
 * so the pgbench clients rotate over the same managers (tenants) the API load does. The statements run as
 * captured: BEGIN, `set_config('app.tenant_id', …), set_config('role', 'huike_app', …)` — so row-level
 * security applies exactly as in the app — then the queries, COMMIT; protocol "extended" like node-postgres.
 */

const pgUtils = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(v: unknown): unknown };
export const PGBENCH = process.env.BENCH_PGBENCH ?? '/usr/lib/postgresql/15/bin/pgbench';

export interface PgbenchResult {
  script: string;
  statements: number;
  tps: number;
  latencyMs: number | null;
  transactions: number;
  /** PostgreSQL's CPU time per transaction, when the server runs on this machine. */
  pgCpuMsPerTx?: number;
  failed?: string;
}

/** Group the per-manager captures by statement texts; the largest group is the request's usual path. */
export function commonPath(captures: CapturedStatement[][]): CapturedStatement[][] {
  const groups = new Map<string, CapturedStatement[][]>();
  for (const c of captures) {
    const key = c.map((s) => s.text).join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length)[0] ?? [];
}

/**
 * A string literal with a colon in it would be read by pgbench as a variable (`HH24:MI`): write it as a
 * U& literal with the colon escaped (the same constant for the server). Placeholders outside literals
 * become `:name`.
 */
function toPgbenchSql(text: string, variable: (n: number) => string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (ch === "'") {
      let j = i + 1;
      let body = '';
      for (; j < text.length; j++) {
        if (text[j] === "'" && text[j + 1] === "'") {
          body += "''";
          j++;
        } else if (text[j] === "'") break;
        else body += text[j];
      }
      out += body.includes(':') ? `U&'${body.replaceAll('\\', '\\\\').replaceAll(':', '\\003A')}'` : `'${body}'`;
      i = j + 1;
    } else if (ch === '$' && /\d/.test(text[i + 1] ?? '')) {
      const m = /^\$(\d+)/.exec(text.slice(i))!;
      out += variable(Number(m[1]));
      i += m[0].length;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

const asText = (v: unknown): string | null => {
  const p = pgUtils.prepareValue(v);
  return p == null ? null : Buffer.isBuffer(p) ? p.toString() : String(p);
};

/**
 * Write the pgbench script for `captures` (one capture per manager, same statement texts) and the table of
 * their parameters; `pick` chooses which captured statements go into the script (indexes).
 */
export async function preparePgbench(
  url: string,
  name: string,
  captures: CapturedStatement[][],
  pick: (s: CapturedStatement, i: number) => boolean,
): Promise<{ file: string; statements: number; text: string }> {
  const first = captures[0]!;
  const chosen = first.map((s, i) => ({ s, i })).filter(({ s, i }) => pick(s, i));
  const columns: string[] = [];
  const lines: string[] = [];
  for (const { s, i } of chosen) {
    const sqlText = toPgbenchSql(s.text, (n) => {
      const values = captures.map((c) => asText(c[i]!.values[n - 1]));
      if (values.every((v) => v === null)) return 'NULL';
      const column = `v${i}_${n}`;
      if (!columns.includes(column)) columns.push(column);
      return `:${column}`;
    });
    lines.push(`${sqlText.trim()};`);
  }
  const table = `bench_pgbench_${name}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`CREATE TABLE ${table} (n int PRIMARY KEY${columns.map((c) => `, ${c} text`).join('')})`);
    for (const [k, c] of captures.entries()) {
      const values = columns.map((col) => {
        const [, i, n] = /^v(\d+)_(\d+)$/.exec(col)!;
        return asText(c[Number(i)]!.values[Number(n) - 1]);
      });
      await client.query(`INSERT INTO ${table} VALUES ($1${columns.map((_, j) => `, $${j + 2}`).join('')})`, [
        k + 1,
        ...values,
      ]);
    }
  } finally {
    await client.end();
  }
  const header = [
    `-- ${name}: captured from the running server (bench/server.ts), one request's statements in order.`,
    `\\set n random(1, ${captures.length})`,
    columns.length ? `SELECT ${columns.join(', ')} FROM ${table} WHERE n = :n \\gset` : '',
  ];
  const text = `${[...header, ...lines].join('\n')}\n`;
  const dir = mkdtempSync(path.join(tmpdir(), 'huike-pgbench-'));
  const file = path.join(dir, `${name}.sql`);
  writeFileSync(file, text);
  return { file, statements: chosen.length, text };
}

export function runPgbench(
  url: string,
  file: string,
  seconds: number,
  clients = 8,
  mode: 'extended' | 'prepared' = 'extended',
): PgbenchResult {
  const script = path.basename(file);
  if (!existsSync(PGBENCH))
    return { script, statements: 0, tps: 0, latencyMs: null, transactions: 0, failed: `${PGBENCH} not found` };
  const res = spawnSync(
    PGBENCH,
    ['-n', '-M', mode, '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', file, url],
    { encoding: 'utf8', timeout: (seconds + 60) * 1000 },
  );
  const out = `${res.stdout ?? ''}\n${res.stderr ?? ''}`;
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
  const lat = /latency average = ([\d.]+) ms/.exec(out);
  const tx = /number of transactions actually processed: (\d+)/.exec(out);
  if (res.status !== 0 || !tps) {
    return {
      script,
      statements: 0,
      tps: 0,
      latencyMs: null,
      transactions: 0,
      failed: out.trim().split('\n').slice(-4).join(' | '),
    };
  }
  return {
    script,
    statements: 0,
    tps: Number(tps[1]),
    latencyMs: lat ? Number(lat[1]) : null,
    transactions: Number(tx?.[1] ?? 0),
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a captured statement, inside the captured transaction set-up (RLS on). */
export async function explainCaptured(url: string, capture: CapturedStatement[], target: number): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const setup = capture.findIndex((s) => /set_config\('app\.tenant_id'/i.test(s.text));
    if (setup >= 0) await client.query(capture[setup]!.text, capture[setup]!.values as unknown[]);
    const s = capture[target]!;
    const res = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values as unknown[]);
    return res.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.end();
  }
}
