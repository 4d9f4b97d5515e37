import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PostgresTarget {
  url: string;
  /** Where it came from, for the report. */
  source: string;
  stop(): void;
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const clusterScript = path.join(repoRoot, 'scripts/pg-test-cluster.sh');

/**
 * The PostgreSQL server to measure: BENCH_DATABASE_URL when set (left as it is afterwards), otherwise a
 * throwaway cluster from scripts/pg-test-cluster.sh (`start DIR` prints its URL, `stop DIR` removes it).
 * `{skip}` with the reason when neither is available.
 */
export function resolvePostgres(): PostgresTarget | { skip: string } {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, source: 'BENCH_DATABASE_URL', stop() {} };
  if (!existsSync(clusterScript)) {
    return { skip: 'set BENCH_DATABASE_URL, or add scripts/pg-test-cluster.sh, to measure PostgreSQL too' };
  }
  const dir = path.join(tmpdir(), `huike-bench-pg-${process.pid}`);
  const started = spawnSync('bash', [clusterScript, 'start', dir], { encoding: 'utf8', timeout: 120_000 });
  const url = /postgres(?:ql)?:\/\/\S+/.exec(started.stdout ?? '')?.[0];
  if (started.status !== 0 || !url) {
    const why = (started.stderr || started.stdout || '').trim().split('\n').slice(-3).join(' | ');
    spawnSync('bash', [clusterScript, 'stop', dir], { stdio: 'ignore', timeout: 60_000 });
    return { skip: `scripts/pg-test-cluster.sh start failed (${why || `exit ${started.status}`})` };
  }
  // The cluster also listens on a Unix socket in its folder: the app server and pgbench sit on the same machine,
  // so they connect as a co-located deployment would (cheaper per round trip than TCP over loopback).
  const port = new URL(url).port;
  const socketUrl = `postgres://huike:huike@/huike_test?host=${encodeURIComponent(dir)}&port=${port}`;
  return {
    url: socketUrl,
    source: `scripts/pg-test-cluster.sh, through its Unix socket (${dir})`,
    stop() {
      spawnSync('bash', [clusterScript, 'stop', dir], { stdio: 'ignore', timeout: 60_000 });
    },
  };
}
