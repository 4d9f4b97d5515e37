#!/usr/bin/env node
// `npm start`: build the web app when its sources changed since the last build, then run the server in
// the foreground. Signals are forwarded, so Ctrl-C (or a service manager's SIGTERM) stops the server
// cleanly and leaves no orphan. PORT, HOST, DATA_DIR, DATABASE_URL and the rest pass through unchanged.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'apps/web');
const builtIndex = path.join(web, 'dist/index.html');

/** Newest modification time under the given paths, skipping dependencies and build output. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const entry of readdirSync(p)) {
        if (entry !== 'node_modules' && entry !== 'dist') visit(path.join(p, entry));
      }
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const p of paths) visit(p);
  return newest;
}

function buildWebIfStale() {
  if (!existsSync(path.join(web, 'index.html'))) {
    console.log('[start] apps/web has no index.html yet: serving the API only.');
    return;
  }
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json'].map((p) =>
    path.join(web, p),
  );
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
  if (builtAt >= newestMtime(sources)) return;
  console.log(builtAt ? '[start] web sources changed: rebuilding…' : '[start] building the web app (first start)…');
  const t0 = performance.now();
  const res = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    if (!builtAt) {
      console.error('[start] web build failed.');
      process.exit(res.status ?? 1);
    }
    console.error('[start] web build failed: serving the previous build.');
    return;
  }
  console.log(`[start] web app built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

buildWebIfStale();

const env = { ...process.env, DATA_DIR: path.resolve(process.env.DATA_DIR || path.join(root, 'data')) };
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
  cwd: root,
  env,
  stdio: 'inherit',
});

// Forward termination signals; the server shuts down gracefully and we exit with its status.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  });
}
server.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1) : 1));
});
server.on('error', (err) => {
  console.error('[start] could not start the server:', err.message);
  process.exit(1);
});
