import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { inSystem } from '../../platform/db/database.ts';
import { DEMO_PASSWORD, seedDemo } from '../tenants/demo-seed.ts';

let t: TestApp;
beforeAll(async () => {
  // Its own database on PostgreSQL: the demo company's logins are unique across tenants, so every file that
  // seeds it needs a database of its own.
  t = await startTestApp({ ownDatabase: true });
});
afterAll(async () => {
  await t?.close();
});

describe('demo opportunities', () => {
  it('gives the demo company 标准销售流程 and opportunities spread over its stages, by data scope', async () => {
    const db = t.services.database.db;
    await inSystem(db, (tx) => seedDemo(tx));
    const boss = await t.login('boss@demo.huike.local', DEMO_PASSWORD);
    const sales1 = await t.login('sales1@demo.huike.local', DEMO_PASSWORD);
    const types = await t.request('GET', '/api/v1/opportunity-types', { token: sales1.token });
    expect(types.status).toBe(200);
    const type = types.body.items[0];
    expect(type.stages.map((s: { name: string; probability: number }) => `${s.name} ${s.probability}`)).toEqual([
      '初步接洽 10',
      '需求确认 30',
      '方案报价 50',
      '谈判审核 70',
      '赢单 100',
      '输单 0',
    ]);
    const board = await t.request('GET', `/api/v1/opportunities/kanban?typeId=${type.id}`, { token: boss.token });
    expect(board.status).toBe(200);
    const counts = board.body.columns.map((c: { count: number }) => c.count);
    expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(11);
    expect(counts.filter((n: number) => n > 0).length).toBeGreaterThanOrEqual(5);
    const mine = await t.request('GET', '/api/v1/opportunities?limit=100', { token: sales1.token });
    expect(mine.body.items.length).toBe(5);
    expect(mine.body.items.every((o: { ownerName: string }) => o.ownerName === '张三')).toBe(true);
    const won = mine.body.items.find((o: { stageKind: string }) => o.stageKind === 'won');
    const history = await t.request('GET', `/api/v1/opportunities/${won.id}/stage-history`, { token: sales1.token });
    expect(history.body.items.length).toBeGreaterThanOrEqual(2);
  });
});
