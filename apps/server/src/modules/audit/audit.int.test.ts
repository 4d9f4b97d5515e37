import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { addEmployee, addRole } from '../roles/test-users.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** Audit rows written directly, with chosen timestamps (several sharing one instant, as in one transaction). */
async function seed(
  tenantId: string,
  actorId: string,
  rows: Array<{ at: string; objectType?: string; recordId?: string }>,
) {
  await inTenant(t.services.database.db, tenantId, (tx) =>
    tx.insert(auditLog).values(
      rows.map((r) => ({
        tenantId,
        id: newId(),
        at: new Date(r.at),
        actorId,
        action: 'update',
        objectType: r.objectType ?? 'probe',
        recordId: r.recordId ?? null,
        changes: [],
      })),
    ),
  );
}

// drizzle maps a string through Date for mode 'date' columns; keep microseconds via a raw literal instead.
async function seedSameInstant(tenantId: string, actorId: string, count: number) {
  await inTenant(t.services.database.db, tenantId, async (tx) => {
    for (let i = 0; i < count; i++) {
      await tx.execute(
        `INSERT INTO audit_log (tenant_id, id, at, actor_id, action, object_type, changes)
         VALUES ('${tenantId}', '${newId()}', '2024-05-01 10:00:00.123456+08', '${actorId}', 'update', 'burst', '[]')` as never,
      );
    }
  });
}

describe('audit trail', () => {
  it('lists entries newest first with the actor name, filtered by type, actor and record', async () => {
    const s = await t.registerTenant({ adminName: '审计员' });
    const created = await t.request('POST', '/api/v1/roles', {
      token: s.token,
      body: { name: '审计测试', permissions: ['org.view'], scopes: {} },
    });
    await t.request('PATCH', '/api/v1/settings', { token: s.token, body: { fiscalYearStartMonth: 3 } });
    const all = await t.request('GET', '/api/v1/audit', { token: s.token });
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: { objectType: string }) => i.objectType).slice(0, 2)).toEqual(['settings', 'role']);
    expect(all.body.items[0]).toMatchObject({
      actorId: s.user.id,
      actorName: '审计员',
      action: 'update',
      route: 'PATCH /api/v1/settings',
    });

    const roles = await t.request('GET', '/api/v1/audit?objectType=role', { token: s.token });
    expect(roles.body.items).toHaveLength(1);
    expect(roles.body.items[0].recordId).toBe(created.body.id);
    const byRecord = await t.request('GET', `/api/v1/audit?recordId=${created.body.id}`, { token: s.token });
    expect(byRecord.body.items).toHaveLength(1);
    const other = await addEmployee(t, s.tenant.id);
    const byActor = await t.request('GET', `/api/v1/audit?actorId=${other.id}`, { token: s.token });
    expect(byActor.body).toEqual({ items: [], nextCursor: null });
  });

  it('filters by date range: a date covers the whole day in China time', async () => {
    const s = await t.registerTenant();
    await seed(s.tenant.id, s.user.id, [
      { at: '2024-03-31T15:59:59Z' }, // 2024-03-31 23:59:59 +08
      { at: '2024-03-31T16:00:00Z' }, // 2024-04-01 00:00:00 +08
      { at: '2024-04-01T15:59:59Z' }, // 2024-04-01 23:59:59 +08
      { at: '2024-04-01T16:00:00Z' }, // 2024-04-02 00:00:00 +08
    ]);
    const day = await t.request('GET', '/api/v1/audit?objectType=probe&from=2024-04-01&to=2024-04-01', {
      token: s.token,
    });
    expect(day.body.items.map((i: { at: string }) => i.at)).toEqual([
      '2024-04-01T15:59:59.000Z',
      '2024-03-31T16:00:00.000Z',
    ]);
    const since = await t.request(
      'GET',
      `/api/v1/audit?objectType=probe&from=${encodeURIComponent('2024-04-01T16:00:00Z')}`,
      { token: s.token },
    );
    expect(since.body.items).toHaveLength(1);
  });

  it('pages with a cursor without losing entries written in the same instant', async () => {
    const s = await t.registerTenant();
    await seedSameInstant(s.tenant.id, s.user.id, 5);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `/api/v1/audit?objectType=burst&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.request('GET', q, { token: s.token });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('answers bad input with field errors', async () => {
    const s = await t.registerTenant();
    const res = await t.request('GET', '/api/v1/audit?actorId=nope&from=yesterday&limit=0', { token: s.token });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['actorId', 'from', 'limit']);
    const cursor = await t.request('GET', '/api/v1/audit?cursor=garbage', { token: s.token });
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.fields.cursor).toBeDefined();
  });

  it('needs audit.view', async () => {
    const s = await t.registerTenant();
    const plain = await addEmployee(t, s.tenant.id);
    expect((await t.request('GET', '/api/v1/audit', { token: plain.token })).status).toBe(403);
    const auditor = await addEmployee(t, s.tenant.id, { roleIds: [await addRole(t, s.tenant.id, ['audit.view'])] });
    expect((await t.request('GET', '/api/v1/audit', { token: auditor.token })).status).toBe(200);
  });

  it('never shows another company’s entries', async () => {
    const a = await t.registerTenant();
    const b = await t.registerTenant();
    const created = await t.request('POST', '/api/v1/roles', {
      token: a.token,
      body: { name: '甲的角色', permissions: [], scopes: {} },
    });
    const byRecord = await t.request('GET', `/api/v1/audit?recordId=${created.body.id}`, { token: b.token });
    expect(byRecord.body.items).toEqual([]);
    const byActor = await t.request('GET', `/api/v1/audit?actorId=${a.user.id}`, { token: b.token });
    expect(byActor.body.items).toEqual([]);
  });
});
