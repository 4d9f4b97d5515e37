import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface StartupRun {
  /** From spawning `node --import tsx src/main.ts` to /healthz answering 200 (what a person waits for). */
  wallMs: number;
  /** What main.ts itself reports ("started in N ms": config → database → migrations → listening). */
  reportedMs: number | null;
}

const serverDir = path.resolve(import.meta.dirname, '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Start the server as `npm start` does (PGlite under DATA_DIR, demo seed on first start), then Ctrl-C it. */
async function startOnce(dataDir: string): Promise<StartupRun> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let wallMs = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${output}`);
    if (performance.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`server not up after 60 s:\n${output}`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) {
      wallMs = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGINT');
  const stopTimer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(stopTimer);
  const reported = /started in (\d+) ms/.exec(output);
  return { wallMs, reportedMs: reported ? Number(reported[1]) : null };
}

/** Start twice on one data folder: the first creates and seeds it, the second is the figure that matters. */
export async function measureStartup(): Promise<{ first: StartupRun; second: StartupRun }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huike-bench-start-'));
  try {
    const first = await startOnce(dataDir);
    const second = await startOnce(dataDir);
    return { first, second };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
