#!/usr/bin/env node
// `npm run typecheck`: tsc --noEmit for every workspace that has a tsconfig.json, in parallel.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const projects = ['apps/server', 'apps/web', 'e2e'];

const runs = projects.map((project) => {
  if (!existsSync(path.join(root, project, 'tsconfig.json'))) {
    console.log(`typecheck ${project}: no tsconfig.json, skipped`);
    return Promise.resolve(0);
  }
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [tsc, '-p', project, '--noEmit', '--pretty'], { cwd: root });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) => {
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      console.log(`typecheck ${project}: ${code === 0 ? 'ok' : 'FAILED'} (${secs} s)`);
      if (out.trim()) console.log(out.trimEnd());
      resolve(code ?? 1);
    });
  });
});

const codes = await Promise.all(runs);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
