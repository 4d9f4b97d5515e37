// Every route with its permission, in a committed file: a permission change shows up as a diff in review.
// After adding or changing routes on purpose: `cd apps/server && npx vitest run test/routes.snapshot.test.ts --update`.
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../src/modules/index.ts';
import { isKnownPermission } from '../src/platform/access/permissions.ts';
import { isWrite } from '../src/platform/http/route.ts';

const sorted = [...allRoutes].sort((x, y) => x.url.localeCompare(y.url) || x.method.localeCompare(y.method));

describe('route table', () => {
  it('matches the committed route → permission snapshot', async () => {
    // Fixed columns, so a new route adds one line to the diff instead of realigning every line.
    const lines = sorted.map((r) => `${r.method.padEnd(6)} ${r.url.padEnd(56)} ${r.permission}`);
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/routes.txt');
  });

  it('declares each route once', () => {
    const keys = allRoutes.map((r) => `${r.method} ${r.url}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('names only permissions from the catalogue', () => {
    const unknown = allRoutes
      .filter((r) => r.permission !== 'public' && r.permission !== 'authenticated' && !isKnownPermission(r.permission))
      .map((r) => `${r.method} ${r.url}: ${r.permission}`);
    expect(unknown).toEqual([]);
  });

  it('keeps public routes to the few that must be (registration, login)', () => {
    const open = allRoutes.filter((r) => r.permission === 'public').map((r) => `${r.method} ${r.url}`);
    expect(open.every((k) => k.startsWith('POST /api/v1/auth/'))).toBe(true);
  });

  it('gives every non-public write an audit object type', () => {
    const unaudited = allRoutes.filter((r) => isWrite(r.method) && r.permission !== 'public' && !r.audit);
    expect(unaudited.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });
});
