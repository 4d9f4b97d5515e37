// The failed (and, for Playwright, flaky) tests of the run's JSON reports, with the first lines of their errors.
// scripts/test-all.sh prints this just above its summary, so the tail of a CI log says what went wrong.
// Usage: node scripts/test-digest.mjs REPORT.json...  (vitest or Playwright JSON; unreadable files are skipped)
import { readFileSync } from 'node:fs';

const LINES = 8;
// biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes from error texts
const plain = (s) => String(s ?? '').replace(/\u001b\[[0-9;]*m/g, '');
const head = (s) =>
  plain(s)
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, LINES)
    .map((l) => `      ${l.slice(0, 200)}`)
    .join('\n');

function vitest(report, out) {
  for (const file of report.testResults ?? []) {
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    if (file.status === 'failed' && !failed.length) out.push(`  ✘ ${file.name}\n${head(file.message)}`);
    for (const a of failed) out.push(`  ✘ ${file.name} › ${a.fullName}\n${head(a.failureMessages?.[0])}`);
  }
}

function playwright(report, out) {
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected' && t.status !== 'flaky') continue;
        const first = (t.results ?? []).find((r) => r.status !== 'passed' && r.status !== 'skipped');
        const step = first?.steps?.find((s) => s.error)?.title;
        const mark = t.status === 'flaky' ? '⚠ flaky (passed on retry)' : '✘';
        out.push(
          `  ${mark} ${[...titles, spec.title].join(' › ')}${step ? `\n      in step: ${step}` : ''}\n${head(first?.error?.message ?? first?.error?.value)}`,
        );
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  for (const e of report.errors ?? []) out.push(`  ✘ (outside any test)\n${head(e.message)}`);
}

const out = [];
for (const file of process.argv.slice(2)) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    continue;
  }
  if (report.config && report.suites) playwright(report, out);
  else vitest(report, out);
}
if (out.length) console.log(`failed or flaky tests:\n${out.join('\n')}`);
