import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/**
 * CPU time of a PostgreSQL server on this machine (Linux /proc): its postmaster plus every backend, live ones
 * by their own counters, ended ones through the postmaster's children counters. Split from the server
 * process's own CPU, it shows where a request's cost lies. Null when the server is not local.
 */
export async function postgresCpuMeter(url: string): Promise<(() => number) | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let postmaster: number | null = null;
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    postmaster = stat(rows[0]!.pid)?.ppid ?? null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
  if (!postmaster) return null;
  const pm = postmaster;
  const TICK_MS = 10; // USER_HZ is 100 on Linux
  return () => {
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const s = stat(Number(entry));
      if (!s) continue;
      if (s.pid === pm) ticks += s.utime + s.stime + s.cutime + s.cstime;
      else if (s.ppid === pm) ticks += s.utime + s.stime;
    }
    return ticks * TICK_MS;
  };
}

function stat(pid: number) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      pid,
      ppid: Number(f[1]),
      utime: Number(f[11]),
      stime: Number(f[12]),
      cutime: Number(f[13]),
      cstime: Number(f[14]),
    };
  } catch {
    return null;
  }
}
