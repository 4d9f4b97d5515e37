#!/usr/bin/env node
/**
 * `npm run new-module -- <name> [--zh 中文名] [--en "English name"]`
 *
 * Creates a server module (apps/server/src/modules/<name>/) and a web feature (apps/web/src/features/<name>/)
 * in the house style from scripts/templates/, registers the table and the routes, and generates the migration.
 * <name>: lowercase letters, digits and hyphens, starting with a letter (e.g. "visits", "sales-visits").
 *
 * Options: --root DIR (another checkout; the generator test uses a temporary copy), --no-web,
 * --no-register (only write the files), --no-migration (skip drizzle-kit generate).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const scriptDir = path.dirname(fileURLToPath(import.meta.url));
const templates = path.join(scriptDir, 'templates');

function fail(message) {
  console.error(`new-module: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = { root: path.resolve(scriptDir, '..'), web: true, register: true, migration: true };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--root') opts.root = path.resolve(argv[++i] ?? fail('--root needs a folder'));
    else if (a === '--zh') opts.zh = argv[++i] ?? fail('--zh needs a label');
    else if (a === '--en') opts.en = argv[++i] ?? fail('--en needs a label');
    else if (a === '--no-web') opts.web = false;
    else if (a === '--no-register') opts.register = false;
    else if (a === '--no-migration') opts.migration = false;
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else rest.push(a);
  }
  if (opts.help || rest.length !== 1) {
    console.log('usage: npm run new-module -- <name> [--zh 中文名] [--en "English name"] [--no-web] [--no-register]');
    process.exit(opts.help ? 0 : 1);
  }
  opts.name = rest[0];
  return opts;
}

/** "sales-visits" → the spellings each kind of identifier needs. */
function names(name) {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
    fail(
      `"${name}" is not a valid module name: use lowercase letters, digits and single hyphens, starting with a letter`,
    );
  }
  if (name.length > 40) fail(`"${name}" is too long (40 characters at most, so index names stay under 63)`);
  const parts = name.split('-');
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const camel = parts[0] + parts.slice(1).map(cap).join('');
  const words = parts.join(' ');
  return {
    kebab: name,
    snake: parts.join('_'),
    camel,
    Pascal: cap(camel),
    labelEn: cap(words),
  };
}

function render(template, vars) {
  return readFileSync(path.join(templates, template), 'utf8').replace(
    /__(kebab|snake|camel|Pascal|labelZh|labelEn)__/g,
    (_, key) => vars[key],
  );
}

function writeNew(file, content, written) {
  if (existsSync(file)) fail(`${file} already exists`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  written.push(file);
}

/** Add `export * from '<table>'` to platform/db/schema.ts so drizzle-kit and typed queries see the table. */
function registerTable(serverDir, n) {
  const file = path.join(serverDir, 'src/platform/db/schema.ts');
  const line = `export * from '../../modules/${n.kebab}/${n.kebab}.table.ts';`;
  const text = readFileSync(file, 'utf8');
  if (!text.includes(line)) writeFileSync(file, `${text.trimEnd()}\n${line}\n`);
  return file;
}

/** Import the module's routes in modules/index.ts and append them to allRoutes. */
function registerRoutes(serverDir, n) {
  const file = path.join(serverDir, 'src/modules/index.ts');
  let text = readFileSync(file, 'utf8');
  const routes = `${n.camel}Routes`;
  if (text.includes(routes)) return file;
  const importLine = `import { ${routes} } from './${n.kebab}/index.ts';`;
  const imports = [...text.matchAll(/^import .*;$/gm)];
  const last = imports.at(-1);
  if (!last) fail(`${file}: no import lines found`);
  const at = last.index + last[0].length;
  text = `${text.slice(0, at)}\n${importLine}${text.slice(at)}`;
  const decl = /export const allRoutes(?:: RouteDef\[\])? = \[([\s\S]*?)\];/.exec(text);
  if (!decl) fail(`${file}: "export const allRoutes = [...]" not found`);
  const body = decl[1];
  const next = body.includes('\n')
    ? `${body.trimEnd().replace(/,?$/, ',')}\n  ...${routes},\n`
    : `${body.trim().replace(/,$/, '')}${body.trim() ? ', ' : ''}...${routes}`;
  text = text.replace(decl[0], decl[0].replace(`[${body}]`, `[${next}]`));
  writeFileSync(file, text);
  return file;
}

function findBin(from, bin) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '.bin', bin);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 120_000 });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** drizzle-kit generate, serialised with other helpers' migrations when flock is available. */
function generateMigration(serverDir, n) {
  const drizzleKit = findBin(serverDir, 'drizzle-kit');
  if (!drizzleKit) return { ok: false, output: 'drizzle-kit not found in node_modules (run npm install)' };
  const hasFlock = spawnSync('sh', ['-c', 'command -v flock'], { stdio: 'ignore' }).status === 0;
  const args = ['generate', '--name', n.snake];
  return hasFlock
    ? run('flock', ['/tmp/huike-migrate.lock', drizzleKit, ...args], serverDir)
    : run(drizzleKit, args, serverDir);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const n = names(opts.name);
  const vars = { ...n, labelEn: opts.en ?? n.labelEn, labelZh: opts.zh ?? opts.en ?? n.labelEn };
  const serverDir = path.join(opts.root, 'apps/server');
  const moduleDir = path.join(serverDir, 'src/modules', n.kebab);
  const webDir = path.join(opts.root, 'apps/web/src/features', n.kebab);
  if (!existsSync(path.join(serverDir, 'src/platform'))) fail(`${serverDir} does not look like the server app`);
  if (existsSync(moduleDir)) fail(`module folder ${moduleDir} already exists`);
  const taken = readdirSync(path.join(serverDir, 'src/modules'))
    .filter((f) => f.endsWith('.ts') || existsSync(path.join(serverDir, 'src/modules', f, 'index.ts')))
    .some((f) => {
      const file = f.endsWith('.ts') ? f : `${f}/index.ts`;
      return readFileSync(path.join(serverDir, 'src/modules', file), 'utf8').includes(`module: '${n.snake}'`);
    });
  if (taken) fail(`a module named "${n.snake}" is already declared`);

  const written = [];
  const serverFiles = {
    'table.ts.tmpl': `${n.kebab}.table.ts`,
    'schemas.ts.tmpl': `${n.kebab}.schemas.ts`,
    'repo.ts.tmpl': `${n.kebab}.repo.ts`,
    'policy.ts.tmpl': `${n.kebab}.policy.ts`,
    'service.ts.tmpl': `${n.kebab}.service.ts`,
    'routes.ts.tmpl': `${n.kebab}.routes.ts`,
    'index.ts.tmpl': 'index.ts',
    'int.test.ts.tmpl': `${n.kebab}.int.test.ts`,
  };
  for (const [tpl, out] of Object.entries(serverFiles)) {
    writeNew(path.join(moduleDir, out), render(`server/${tpl}`, vars), written);
  }
  if (opts.web) {
    const webFiles = {
      'api.ts.tmpl': 'api.ts',
      'messages.ts.tmpl': 'messages.ts',
      'ListPage.tsx.tmpl': `${n.Pascal}ListPage.tsx`,
    };
    for (const [tpl, out] of Object.entries(webFiles))
      writeNew(path.join(webDir, out), render(`web/${tpl}`, vars), written);
  }

  const changed = [];
  let migration;
  if (opts.register) {
    changed.push(registerTable(serverDir, n), registerRoutes(serverDir, n));
    if (opts.migration) migration = generateMigration(serverDir, n);
  }
  const biome = findBin(opts.root, 'biome');
  if (biome) run(biome, ['check', '--write', ...written, ...changed], opts.root);

  const rel = (f) => path.relative(opts.root, f);
  console.log(`Created module "${n.kebab}" (permissions ${n.snake}.view/create/edit/delete, data-scoped):`);
  for (const f of written) console.log(`  + ${rel(f)}`);
  for (const f of changed) console.log(`  ~ ${rel(f)}`);
  if (migration) {
    console.log(migration.ok ? `  ✓ drizzle-kit generate` : `  ✗ drizzle-kit generate failed:\n${migration.output}`);
    const sqlFile = migration.output.match(/migrations\/\S+\.sql/)?.[0];
    if (sqlFile) console.log(`  + apps/server/${sqlFile}`);
  }
  const steps = [
    !opts.register &&
      `Add to apps/server/src/platform/db/schema.ts: export * from '../../modules/${n.kebab}/${n.kebab}.table.ts';`,
    !opts.register && `Register ${n.camel}Routes in apps/server/src/modules/index.ts`,
    (!opts.register || !opts.migration || !migration?.ok) &&
      'Generate the migration: cd apps/server && flock /tmp/huike-migrate.lock npx drizzle-kit generate',
    'Review the generated migration (CREATE TABLE, composite FK, indexes, RLS policy) before committing',
    `Run the module's tests: cd apps/server && npx vitest run src/modules/${n.kebab}`,
    'Accept the new routes in the route → permission snapshot: cd apps/server && npx vitest run -u test/routes.snapshot.test.ts',
    'Grant the module to built-in roles if they should have it: apps/server/src/modules/roles/builtin-roles.ts',
    'Shareable records: registerSharedObject + sharingRoutes (platform/access/sharing*.ts), and use recordVisibility in the repo',
    opts.web &&
      `Web: in apps/web/src/app/menu.tsx add { path: '/${n.kebab}', labelKey: '${n.snake}.title', icon, anyOf: ['${n.snake}.view'] }` +
        ` and in router.tsx { path: '${n.kebab}', element: guarded('/${n.kebab}', <${n.Pascal}ListPage />) }` +
        ` (import it from features/${n.kebab}/index.ts)`,
    'Replace the placeholder "name" field with the real fields (table, schemas, repo, test), then regenerate the migration',
  ].filter(Boolean);
  console.log('\nRemaining steps:');
  for (const [i, s] of steps.entries()) console.log(`  ${i + 1}. ${s}`);
  if (migration && !migration.ok) process.exit(1);
}

main();
