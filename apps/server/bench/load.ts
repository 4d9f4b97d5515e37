import autocannon, { type RawRequest } from 'autocannon';
import type { Scenario } from './scenarios.ts';
import type { SeededTenant } from './seed.ts';

export interface LoadResult {
  scenario: string;
  path: string;
  /** Why the measured path differs from the scenario's (e.g. the route is not built yet). */
  note?: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** Responses per HTTP status. */
  statusCodes?: Record<string, number>;
}

/** Log every tenant's sales manager in once; the authenticated scenarios rotate over these tokens. */
export async function loginManagers(baseUrl: string, tenants: SeededTenant[], password: string): Promise<string[]> {
  const tokens: string[] = [];
  for (const t of tenants) {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: t.managerLogin, password }),
    });
    if (res.status !== 200) throw new Error(`login of ${t.managerLogin} failed: ${res.status} ${await res.text()}`);
    tokens.push(((await res.json()) as { token: string }).token);
  }
  return tokens;
}

export const perRequest = (ms: number, requests: number) => (requests > 0 ? ms / requests : 0);

async function answers200(baseUrl: string, path: string, token: string): Promise<boolean> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res.status === 200;
}

export async function runScenario(
  baseUrl: string,
  scenario: Scenario,
  tokens: string[],
  tenants: SeededTenant[],
): Promise<LoadResult> {
  let path = scenario.path;
  let note: string | undefined;
  if (scenario.auth && scenario.fallbackPath && !(await answers200(baseUrl, path, tokens[0]!))) {
    note = `${scenario.path} did not answer 200; measured ${scenario.fallbackPath} instead`;
    path = scenario.fallbackPath;
  }
  let next = 0;
  const setupRequest = (req: RawRequest): RawRequest => {
    const i = next++;
    const headers: Record<string, string> = { ...req.headers, 'accept-language': 'zh-CN' };
    if (scenario.auth) headers.authorization = `Bearer ${tokens[i % tokens.length]}`;
    const rotated = scenario.paths?.length && !note ? { path: scenario.paths[i % scenario.paths.length] } : {};
    if (scenario.body) {
      headers['content-type'] = 'application/json';
      return { ...req, ...rotated, headers, body: JSON.stringify(scenario.body(tenants[i % tenants.length]!, i)) };
    }
    return { ...req, ...rotated, headers };
  };
  const result = await autocannon({
    url: baseUrl,
    connections: scenario.connections,
    duration: scenario.durationSec,
    timeout: 10,
    requests: [{ method: scenario.method, path, setupRequest }],
  });
  return {
    scenario: scenario.name,
    path,
    note,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total ?? 0,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count])),
  };
}
