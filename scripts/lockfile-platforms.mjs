#!/usr/bin/env node
// Restore the per-platform optional packages (e.g. @biomejs/cli-darwin-arm64) that package-lock.json must list
// for `npm ci` to accept it. The registry mirror on our build machines serves only the Linux glibc builds, so
// `npm install` there writes a lock file without the others and `npm ci` then refuses it as out of sync.
// Each restored entry carries its os/cpu/libc, so npm skips it on other platforms without fetching anything.
// Run after `npm install` changed the lock file: `node scripts/lockfile-platforms.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const lockPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = ['android', 'darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'riscv64', 'ppc64', 's390x', 'loong64', 'wasm32'];

/** os, cpu and libc from a platform package name such as cli-linux-x64-musl or binding-win32-arm64-msvc. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os || !cpu) return null;
  const libc = parts.includes('musl') ? 'musl' : os === 'linux' && parts.includes('gnu') ? 'glibc' : undefined;
  return { os, cpu, libc };
}

const added = [];
const skipped = [];
for (const [key, entry] of Object.entries(packages)) {
  if (!entry.optionalDependencies) continue;
  const base = key ? `${key}/node_modules/` : 'node_modules/';
  for (const [dep, spec] of Object.entries(entry.optionalDependencies)) {
    if (packages[`${base}${dep}`] || packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) {
      skipped.push(`${dep}@${spec} (wanted by ${key || 'root'})`);
      continue;
    }
    packages[`node_modules/${dep}`] = {
      version: spec,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...(entry.license ? { license: entry.license } : {}),
      os: [platform.os],
      cpu: [platform.cpu],
      ...(platform.libc ? { libc: [platform.libc] } : {}),
      ...(entry.engines ? { engines: entry.engines } : {}),
    };
    added.push(`${dep}@${spec}`);
  }
}

lock.packages = Object.fromEntries(
  // npm's own order (root first, then by localeCompare), so the diff shows only the added entries.
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`restored ${added.length} platform entries${added.length ? `: ${added.join(', ')}` : ''}`);
if (skipped.length) console.log(`left alone (not a plain platform package): ${skipped.join('; ')}`);
