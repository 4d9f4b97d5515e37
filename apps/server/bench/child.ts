import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { CustomerSeedResult } from './customers-seed.ts';
import type { SeededTenant } from './seed.ts';

export interface CapturedStatement {
  text: string;
  values: unknown[];
  /** Which pooled connection ran it. */
  connection?: number;
}

export interface BenchServer {
  engine: 'pglite' | 'postgres';
  baseUrl: string;
  bootMs: number;
  seedMs: number;
  tenants: SeededTenant[];
  /** When BENCH_CUSTOMERS was set: how the customers were seeded. */
  customerSeed: CustomerSeedResult | null;
  /** PostgreSQL: record the statements the server runs until stopCapture() returns them. */
  startCapture(): Promise<void>;
  stopCapture(): Promise<CapturedStatement[]>;
  /** Start a new window (peak memory, CPU time; a CPU profile named `label` under BENCH_CPU_PROF). */
  mark(label?: string): Promise<void>;
  /** Since the last mark: peak RSS (bytes, sampled every 100 ms) and CPU time of the server process. */
  window(): Promise<{ rss: number; cpuMs: number }>;
  stop(): Promise<void>;
}

function reply<T>(child: ChildProcess, type: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench server: no "${type}" within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (msg: { type: string }) => {
      if (msg.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(msg as T);
    };
    child.on('message', onMessage);
  });
}

/** Fork bench/server.ts (boot + seed + listen on 127.0.0.1) and wait until it is ready. */
export async function startBenchServer(env: Record<string, string | undefined>): Promise<BenchServer> {
  const child = fork(path.join(import.meta.dirname, 'server.ts'), [], {
    // BENCH_CPU_PROF=DIR: the server writes a CPU profile of each measured scenario there (see server.ts).
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`bench server exited early with code ${code}`))),
  );
  const ready = await Promise.race([
    reply<{
      port: number;
      engine: BenchServer['engine'];
      bootMs: number;
      seedMs: number;
      tenants: SeededTenant[];
      customerSeed: CustomerSeedResult | null;
    }>(child, 'ready', Number(env.BENCH_READY_TIMEOUT_MS ?? 120_000)),
    exited,
  ]);
  exited.catch(() => {});
  return {
    engine: ready.engine,
    baseUrl: `http://127.0.0.1:${ready.port}`,
    bootMs: ready.bootMs,
    seedMs: ready.seedMs,
    tenants: ready.tenants,
    customerSeed: ready.customerSeed,
    async startCapture() {
      child.send({ type: 'capture', on: true });
      await reply(child, 'captured');
    },
    async stopCapture() {
      child.send({ type: 'capture', on: false });
      return (await reply<{ statements: CapturedStatement[] }>(child, 'captured')).statements;
    },
    async mark(label?: string) {
      child.send({ type: 'mark', label });
      await reply(child, 'marked');
    },
    async window() {
      child.send({ type: 'peak' });
      return reply<{ rss: number; cpuMs: number }>(child, 'peak');
    },
    async stop() {
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
    },
  };
}
