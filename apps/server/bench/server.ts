/**
 * The server under load, in its own process so its memory and CPU are not mixed with the load generator's.
 * Started by run.ts with fork(); talks over the IPC channel:
 *   → {type:'ready', port, engine, bootMs, seedMs, tenants}   once seeded and listening on 127.0.0.1
 *   ← {type:'mark'}   start a new peak-RSS window        ← {type:'peak'} → {type:'peak', rss}
 *   ← {type:'stop'}   close and exit
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { boot } from '../src/boot.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { seedTenants } from './seed.ts';

const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const tenants = Number(process.env.BENCH_TENANTS ?? 20);
const employees = Number(process.env.BENCH_EMPLOYEES ?? 50);

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);

const dataDir = mkdtempSync(path.join(tmpdir(), 'huike-bench-'));
const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEED_DEMO: 'false' }), databaseUrl };
const bootStart = performance.now();
// PGlite on disk, as `npm start` runs it; PostgreSQL with the default pool.
const running = await boot(config, databaseUrl ? { databaseUrl } : { dataDir: path.join(dataDir, 'pglite') });
const bootMs = performance.now() - bootStart;

const seedStart = performance.now();
const seeded = await seedTenants(running.services.database.db, { tenants, employees });
const seedMs = performance.now() - seedStart;

await running.app.listen({ port: 0, host: '127.0.0.1' });
const address = running.app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

process.on('message', async (msg: { type: string }) => {
  if (msg.type === 'mark') {
    peak = process.memoryUsage().rss;
    process.send!({ type: 'marked' });
  } else if (msg.type === 'peak') {
    peak = Math.max(peak, process.memoryUsage().rss);
    process.send!({ type: 'peak', rss: peak });
  } else if (msg.type === 'stop') {
    clearInterval(sampler);
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(1));

process.send!({ type: 'ready', port, engine: running.services.database.engine, bootMs, seedMs, tenants: seeded });
