import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function holder(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/**
 * PGlite's data folder must be opened by one process at a time: two would corrupt it. Take a lock file
 * holding our pid; wait a little for a previous process that is still closing, and take over a lock
 * whose process is gone. Returns the release function.
 */
export async function lockDataDir(dataDir: string, waitMs = 15_000): Promise<() => void> {
  const file = path.join(dataDir, 'huike.lock');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = holder(file);
    if (pid === null || pid === process.pid) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `The data folder ${dataDir} is in use by process ${pid}; stop it or set DATA_DIR to another folder.`,
      );
    }
    await sleep(200);
  }
}
