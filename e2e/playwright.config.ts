import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.E2E_PORT ?? 3210);
/** Point the tests at an already running CRM (e.g. the Vite dev server) instead of starting one. */
const externalBaseUrl = process.env.E2E_BASE_URL;
const baseURL = externalBaseUrl ?? `http://127.0.0.1:${PORT}`;
const dataDir = externalBaseUrl ? '' : mkdtempSync(path.join(tmpdir(), 'huike-e2e-'));
const webDist = path.resolve(here, '../apps/web/dist');
/** Build the web app first unless told the current build is fine. */
const build = process.env.E2E_SKIP_BUILD ? '' : '(cd .. && npm run build -w apps/web >/dev/null) && ';

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 180_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry under CI: a journey that passes only on retry is still reported, as flaky, in the digest that
  // scripts/test-all.sh prints above its summary (scripts/test-digest.mjs), with the first attempt's error.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 800 },
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: externalBaseUrl
    ? undefined
    : {
        command: `${build}node --import tsx ../apps/server/src/main.ts`,
        cwd: here,
        url: `${baseURL}/healthz`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
        env: {
          PORT: String(PORT),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          WEB_DIST: webDist,
          SEED_DEMO: 'false',
          LOG_LEVEL: 'warn',
          // The business clock the customers journey moves to show the pool rule (PUT /api/v1/test/clock).
          TEST_CLOCK: '1',
        },
      },
});
