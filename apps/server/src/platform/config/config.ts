import path from 'node:path';

/** Everything the server reads from the environment, parsed once at start-up. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database under dataDir is used. */
  databaseUrl: string | undefined;
  /** Seed the demo company on first start. */
  seedDemo: boolean;
  sessionTtlHours: number;
  /** Secure flag on cookies; on when served over HTTPS. */
  secureCookies: boolean;
  maxUploadBytes: number;
  logLevel: string;
  /** Directory with the built web app, served at /. */
  webDist: string | undefined;
  /** SMTP server for outgoing mail (smtp://user:pass@host:port, smtps:// for TLS); unset = record mail only. */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  /**
   * Tests only: a controlled business clock (platform/clock.ts) and its loopback-only route
   * PUT /api/v1/test/clock. Refused when NODE_ENV=production.
   */
  testClock: boolean;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function boolEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new Error(`${name} must be 1/true or 0/false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const testClock = boolEnv(env, 'TEST_CLOCK', false);
  if (testClock && env.NODE_ENV === 'production') {
    throw new Error('TEST_CLOCK moves the business clock for tests and cannot be enabled with NODE_ENV=production');
  }
  return {
    port: intEnv(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    seedDemo: env.SEED_DEMO !== 'false',
    sessionTtlHours: intEnv(env, 'SESSION_TTL_HOURS', 24 * 7),
    secureCookies: env.SECURE_COOKIES === 'true',
    maxUploadBytes: intEnv(env, 'MAX_UPLOAD_BYTES', 10 * 1024 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    webDist: env.WEB_DIST,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    testClock,
  };
}
