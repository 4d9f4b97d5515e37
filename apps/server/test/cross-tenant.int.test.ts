// The generic cross-tenant walk: every route with an :id in its path, called by tenant A's administrator
// with the id of one of tenant B's records, must answer 404 — never 200, 403 or 500. The walk reads the
// route table, so routes added later are covered without touching this file.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../src/modules/index.ts';
import type { RouteDef } from '../src/platform/http/route.ts';
import { type Session, startTestApp, type TestApp } from './harness.ts';
import { type SampleIds, sampleInput } from './sample-input.ts';

/** Records whose id is known without asking the API: B's root department and B's administrator. */
const knownIds = (b: Session): Record<string, string> => ({
  '/api/v1/departments': b.user.departmentId,
  '/api/v1/employees': b.user.id,
  '/api/v1/users': b.user.id,
});

/** Bodies the generic sampler cannot make valid, by "METHOD url" (the walk needs a body that passes validation). */
const BODY_OVERRIDES: Record<string, (ids: SampleIds) => unknown> = {
  // The share body takes a user or a department, not both (the sampler fills both).
  'POST /api/v1/customers/:id/shares': (ids) => ({ userId: ids.userId, access: 'read' }),
  'POST /api/v1/opportunities/:id/shares': (ids) => ({ userId: ids.userId, access: 'read' }),
  'POST /api/v1/quotes/:id/shares': (ids) => ({ userId: ids.userId, access: 'read' }),
};

const idRoutes = allRoutes.filter((r) => /\/:id(\/|$)/.test(r.url));
const prefixOf = (url: string) => url.slice(0, url.indexOf('/:id'));
const key = (r: RouteDef) => `${r.method} ${r.url}`;

let t: TestApp;
let a: Session;
let b: Session;
let aIds: SampleIds;
const bRecord = new Map<string, { id: string; from: string }>();

async function firstRoleId(s: Session): Promise<string | undefined> {
  const res = await t.request('GET', '/api/v1/roles', { token: s.token });
  return res.status === 200 ? res.body.items?.[0]?.id : undefined;
}

/** One of B's records per path prefix: known, else the first of B's list, else one B creates, else B's admin. */
async function collectBRecords(bIds: SampleIds): Promise<void> {
  const known = knownIds(b);
  for (const prefix of new Set(idRoutes.map((r) => prefixOf(r.url)))) {
    if (known[prefix]) {
      bRecord.set(prefix, { id: known[prefix], from: 'known' });
      continue;
    }
    if (prefix === '/api/v1/roles' && bIds.roleId) {
      bRecord.set(prefix, { id: bIds.roleId, from: 'list' });
      continue;
    }
    const list = allRoutes.find((r) => r.method === 'GET' && r.url === prefix);
    if (list) {
      const res = await t.request('GET', prefix, { token: b.token });
      const id = res.body?.items?.[0]?.id;
      if (res.status === 200 && typeof id === 'string') {
        bRecord.set(prefix, { id, from: 'list' });
        continue;
      }
    }
    const create = allRoutes.find((r) => r.method === 'POST' && r.url === prefix && !r.multipart);
    if (create) {
      const body = BODY_OVERRIDES[key(create)]?.(bIds) ?? sampleInput(create.body, bIds);
      const res = await t.request('POST', prefix, { token: b.token, body });
      if (res.status < 300 && typeof res.body?.id === 'string') {
        bRecord.set(prefix, { id: res.body.id, from: 'created' });
        continue;
      }
    }
    bRecord.set(prefix, { id: b.user.id, from: 'fallback: B admin' });
  }
}

/** What B can list, to check afterwards that A's calls changed nothing of B's. */
async function bListings(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const r of allRoutes) {
    if (r.method !== 'GET' || r.url.includes(':') || r.permission === 'public') continue;
    // Exports are files, not listings, and reading one is itself audited (it would change B's audit list).
    if (r.url.endsWith('/export')) continue;
    const res = await t.request('GET', r.url, { token: b.token });
    if (res.status === 200 && Array.isArray(res.body?.items)) out[r.url] = res.body.items;
  }
  return out;
}

beforeAll(async () => {
  t = await startTestApp();
  a = await t.registerTenant();
  b = await t.registerTenant();
  aIds = { userId: a.user.id, departmentId: a.user.departmentId, roleId: await firstRoleId(a) };
  await collectBRecords({ userId: b.user.id, departmentId: b.user.departmentId, roleId: await firstRoleId(b) });
});
afterAll(() => t?.close());

describe('cross-tenant walk', () => {
  it('has routes to walk', () => {
    expect(idRoutes.length).toBeGreaterThan(0);
  });

  it("answers 404 to tenant A's administrator for every /:id route given B's record", async () => {
    const before = await bListings();
    const wrong: string[] = [];
    for (const route of idRoutes) {
      const target = bRecord.get(prefixOf(route.url))!;
      const params = (sampleInput(route.params, aIds) ?? {}) as Record<string, unknown>;
      const url = route.url.replace(/:(\w+)/g, (_, name: string) =>
        encodeURIComponent(
          String(
            name === 'id' ? target.id : typeof params[name] === 'string' && params[name] ? params[name] : randomUUID(),
          ),
        ),
      );
      const body =
        route.method === 'GET' || route.method === 'DELETE' || route.multipart
          ? undefined
          : (BODY_OVERRIDES[key(route)]?.(aIds) ?? sampleInput(route.body, aIds) ?? {});
      const res = await t.request(route.method, url, { token: a.token, body });
      if (res.status !== 404) {
        wrong.push(
          `${key(route)} [B's id from ${target.from}] → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
        );
      }
    }
    expect(wrong).toEqual([]);
    // Nothing of B's changed through A's calls.
    expect(await bListings()).toEqual(before);
  });

  it("still lets B reach B's own records (the ids were real)", async () => {
    const reads = idRoutes.filter((r) => r.method === 'GET' && r.url.endsWith('/:id'));
    for (const route of reads) {
      const target = bRecord.get(prefixOf(route.url))!;
      if (target.from.startsWith('fallback')) continue;
      const res = await t.request('GET', route.url.replace(':id', target.id), { token: b.token });
      expect(res.status, `${key(route)} as B`).toBe(200);
    }
  });
});
