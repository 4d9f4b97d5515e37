import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { boot } from './boot.ts';
import { seedDemoIfEmpty } from './modules/tenants/demo-seed.ts';
import { loadConfig } from './platform/config/config.ts';

const started = performance.now();
const config = loadConfig();
config.webDist ??= path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

const running = await boot(config, undefined, { logger: true });
const demo = config.seedDemo ? await seedDemoIfEmpty(running.services) : null;
await running.app.listen({ port: config.port, host: config.host });

const engine = running.services.database.engine === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL';
console.log(`\n汇客 CRM is running at http://localhost:${config.port}  — database: ${engine}`);
console.log(`started in ${Math.round(performance.now() - started)} ms`);
if (demo) {
  console.log(`\nDemo company 演示科技有限公司 created. Administrator login: ${demo.login} / ${demo.password}`);
  console.log(`Other demo users (same password): ${demo.others.join(', ')}`);
} else {
  console.log('Demo administrator (if the demo company was seeded): admin@demo.huike.local / Huike@2026');
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal} received, stopping…`);
  await running.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
