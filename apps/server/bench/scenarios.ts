import { BENCH_PASSWORD, type SeededTenant } from './seed.ts';

/**
 * The load scenarios, run in order against each engine. Add one by appending to the list: an
 * authenticated scenario rotates over one sales-manager session per tenant, so the org snapshot cache
 * and the data-scope filter work for many tenants at once, as in production.
 */
export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Send `Authorization: Bearer <token>` (rotating over the managers' sessions). */
  auth: boolean;
  /** A request body per request (rotating over the tenants); `n` counts requests, for unique values. */
  body?: (tenant: SeededTenant, n: number) => unknown;
  /** Rotate over these paths instead of `path` (e.g. several search texts). */
  paths?: string[];
  durationSec: number;
  connections: number;
  /** If `path` does not answer 200 yet (a module not built), measure this path instead and say so. */
  fallbackPath?: string;
}

export const scenarios: Scenario[] = [
  {
    name: 'list employees (own + subordinates)',
    method: 'GET',
    path: '/api/v1/employees?limit=50',
    auth: true,
    durationSec: 10,
    connections: 8,
    fallbackPath: '/api/v1/auth/me',
  },
  {
    name: 'GET /auth/me (auth + actor only)',
    method: 'GET',
    path: '/api/v1/auth/me',
    auth: true,
    durationSec: 4,
    connections: 8,
  },
  {
    name: 'POST /auth/login (argon2id)',
    method: 'POST',
    path: '/api/v1/auth/login',
    auth: false,
    body: (t) => ({ login: t.managerLogin, password: BENCH_PASSWORD }),
    durationSec: 4,
    connections: 8,
  },
];
