import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const script = path.join(import.meta.dirname, 'import-bench.ts');

/**
 * The 100,000-row XLSX import benchmark lives in bench/import-bench.ts (written separately). When it exists,
 * run it as its own process (BENCH_DATABASE_URL passed on when PostgreSQL is being measured), echo its
 * output and answer its last line that states seconds; otherwise say it is not there yet.
 */
export async function runImportBench(databaseUrl?: string): Promise<string> {
  if (!existsSync(script)) return 'bench/import-bench.ts is not there yet — not measured';
  console.log('[bench] import: running bench/import-bench.ts…');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...(databaseUrl ? { BENCH_DATABASE_URL: databaseUrl } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const echo = (d: Buffer) => {
    output += d;
    process.stdout.write(
      d
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((l) => `[import] ${l}\n`)
        .join(''),
    );
  };
  child.stdout.on('data', echo);
  child.stderr.on('data', echo);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10 * 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const figure = lines.reverse().find((l) => /\d(\.\d+)?\s*s\b/.test(l));
  if (code !== 0) return `bench/import-bench.ts exited with ${code}${figure ? `; last figure: ${figure}` : ''}`;
  return figure ?? `bench/import-bench.ts ran (exit 0) but printed no figure in seconds`;
}
