import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.ts';

describe('data folder lock', () => {
  it('refuses a second holder while the first process lives, and takes over a stale lock', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'huike-lock-'));
    const lock = path.join(dir, 'huike.lock');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(lock, String(child.pid));
      await expect(lockDataDir(dir, 300)).rejects.toThrow(/in use by process/);
    } finally {
      child.kill();
    }
    await new Promise((r) => child.once('exit', r));
    const release = await lockDataDir(dir, 300);
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(lock)).toBe(false);
  });
});
