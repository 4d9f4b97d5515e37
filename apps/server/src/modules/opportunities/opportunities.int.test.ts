import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { loadActor } from '../../platform/auth/load-actor.ts';
import { inSystem, inTenant } from '../../platform/db/database.ts';
import { addCustomer, salesWorld } from '../customers/customers.test-helpers.ts';
import { addEmployee, addRole } from '../roles/test-users.ts';
import { kanbanPagesSql } from './opportunities.kanban.ts';
import { addOpportunity, base, standardType, typesBase } from './opportunities.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const ids = (items: { id: string }[]) => items.map((r) => r.id).sort();

describe('business types (商机组)', () => {
  it('creates a type with won and lost appended, renames, reorders, adds and removes stages', async () => {
    const admin = await t.registerTenant();
    const type = await standardType(t, admin.token);
    expect(type.stages.map((s) => [s.name, s.kind, s.probability])).toEqual([
      ['初步接洽', 'open', 10],
      ['需求确认', 'open', 30],
      ['方案报价', 'open', 50],
      ['谈判审核', 'open', 70],
      ['赢单', 'won', 100],
      ['输单', 'lost', 0],
    ]);
    const [a, b, c, d] = type.stages;
    const patched = await t.request('PATCH', `${typesBase}/${type.id}`, {
      token: admin.token,
      body: {
        stages: [
          { id: b!.id, name: '需求确认', probability: 30 },
          { id: a!.id, name: '接洽', probability: 15 },
          { name: '试用', probability: 60 },
          { id: d!.id, name: '谈判审核', probability: 80 },
        ],
        finalStages: { won: '成交' },
        lossReasons: ['价格太高'],
      },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.stages.map((s: { name: string; probability: number }) => `${s.name}:${s.probability}`)).toEqual(
      ['需求确认:30', '接洽:15', '试用:60', '谈判审核:80', '成交:100', '输单:0'],
    );
    expect(patched.body.stages[0].id).toBe(b!.id);
    expect(patched.body.stages.some((s: { id: string }) => s.id === c!.id)).toBe(false);
    expect(patched.body.lossReasons).toEqual(['价格太高']);

    const list = await t.request('GET', typesBase, { token: admin.token });
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([type.id]);
  });

  it('refuses to delete a type in use or to remove a stage opportunities sit in (409)', async () => {
    const admin = await t.registerTenant();
    const type = await standardType(t, admin.token);
    const customerId = await addCustomer(t, admin.token);
    await addOpportunity(t, admin.token, { customerId, typeId: type.id, stageId: type.stage('需求确认') });

    const del = await t.request('DELETE', `${typesBase}/${type.id}`, { token: admin.token });
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('opportunities.type_in_use');

    const keep = type.stages.filter((s) => s.kind === 'open' && s.name !== '需求确认');
    const remove = await t.request('PATCH', `${typesBase}/${type.id}`, {
      token: admin.token,
      body: { stages: keep.map(({ id, name, probability }) => ({ id, name, probability })) },
    });
    expect(remove.status).toBe(409);
    expect(remove.body.error.code).toBe('opportunities.stage_in_use');

    // An unused type goes, stages and all.
    const spare = await standardType(t, admin.token, '大客户流程');
    expect((await t.request('DELETE', `${typesBase}/${spare.id}`, { token: admin.token })).status).toBe(200);
    expect((await t.request('GET', `${typesBase}/${spare.id}`, { token: admin.token })).status).toBe(404);
  });

  it('answers bad input with 400 and field messages', async () => {
    const admin = await t.registerTenant();
    const res = await t.request('POST', typesBase, {
      token: admin.token,
      body: { name: '', stages: [{ name: 'A', probability: 120 }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toMatchObject({ name: '必填', 'stages.0.probability': '不能大于 100' });
    const dup = await t.request('POST', typesBase, {
      token: admin.token,
      body: { name: 'X', stages: [{ name: '赢单', probability: 20 }] },
      lang: 'en',
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields.stages).toBe('Stage names must be unique');
    await standardType(t, admin.token, '同名');
    const taken = await t.request('POST', typesBase, {
      token: admin.token,
      body: { name: '同名', stages: [{ name: 'A', probability: 1 }] },
    });
    expect(taken.status).toBe(409);
  });

  it('lets only holders of opportunity_types.manage change types (403), and opportunities.view read them', async () => {
    const w = await salesWorld(t);
    const type = await standardType(t, w.admin.token);
    const create = await t.request('POST', typesBase, {
      token: w.manager.token,
      body: { name: 'M', stages: [{ name: 'A', probability: 1 }] },
    });
    expect(create.status).toBe(403);
    expect((await t.request('DELETE', `${typesBase}/${type.id}`, { token: w.rep1.token })).status).toBe(403);
    expect((await t.request('GET', typesBase, { token: w.rep1.token })).status).toBe(200);
    expect((await t.request('GET', typesBase, { token: w.viewer.token })).status).toBe(403);
  });
});

describe('competitors (竞争对手)', () => {
  it('creates, lists, links to opportunities, refuses deleting a linked one, 400 and 403', async () => {
    const w = await salesWorld(t);
    const created = await t.request('POST', '/api/v1/competitors', {
      token: w.rep1.token,
      body: { name: '金蝶', strengths: '品牌', weaknesses: '价格高' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: '金蝶', strengths: '品牌', weaknesses: '价格高', notes: null });
    const bad = await t.request('POST', '/api/v1/competitors', { token: w.rep1.token, body: { name: ' ' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.name).toBe('必填');
    expect(
      (await t.request('POST', '/api/v1/competitors', { token: w.rep1.token, body: { name: '金蝶' } })).status,
    ).toBe(409);
    expect((await t.request('GET', '/api/v1/competitors', { token: w.viewer.token })).status).toBe(403);
    expect((await t.request('DELETE', `/api/v1/competitors/${created.body.id}`, { token: w.rep1.token })).status).toBe(
      403,
    );

    const type = await standardType(t, w.admin.token);
    const customerId = await addCustomer(t, w.rep1.token);
    const opp = await addOpportunity(t, w.rep1.token, {
      customerId,
      typeId: type.id,
      competitorIds: [created.body.id],
    });
    expect(opp.competitors).toEqual([{ id: created.body.id, name: '金蝶', strengths: '品牌', weaknesses: '价格高' }]);
    const del = await t.request('DELETE', `/api/v1/competitors/${created.body.id}`, { token: w.manager.token });
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('opportunities.competitor_in_use');
    const unlinked = await t.request('PATCH', `${base}/${opp.id}`, {
      token: w.rep1.token,
      body: { competitorIds: [] },
    });
    expect(unlinked.body.competitors).toEqual([]);
    expect(
      (await t.request('DELETE', `/api/v1/competitors/${created.body.id}`, { token: w.manager.token })).status,
    ).toBe(200);
  });
});

describe('opportunities (商机)', () => {
  it('creates with exact amounts, reads, changes and deletes an opportunity', async () => {
    const admin = await t.registerTenant();
    const type = await standardType(t, admin.token);
    const customerId = await addCustomer(t, admin.token);
    const contact = await t.request('POST', '/api/v1/contacts', {
      token: admin.token,
      body: { customerId, name: '王经理' },
    });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);
    const created = await t.request('POST', base, {
      token: admin.token,
      body: {
        name: 'ERP 升级',
        customerId,
        contactId: contact.body.id,
        typeId: type.id,
        amount: '9999999999999999.99',
        expectedCloseDate: '2026-12-31',
        notes: '年底前',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      name: 'ERP 升级',
      customerId,
      contactId: contact.body.id,
      contactName: '王经理',
      typeId: type.id,
      typeName: '标准销售流程',
      stageName: '初步接洽',
      stageKind: 'open',
      probability: 10,
      amount: '9999999999999999.99',
      expectedCloseDate: '2026-12-31',
      ownerId: admin.user.id,
      access: 'write',
    });
    const id = created.body.id;
    const patched = await t.request('PATCH', `${base}/${id}`, {
      token: admin.token,
      body: { amount: 0.1, name: 'ERP 二期' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ amount: '0.10', name: 'ERP 二期' });
    const list = await t.request('GET', `${base}?customerId=${customerId}`, { token: admin.token });
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([id]);
    const history = await t.request('GET', `${base}/${id}/history`, { token: admin.token });
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect((await t.request('DELETE', `${base}/${id}`, { token: admin.token })).status).toBe(200);
    expect((await t.request('GET', `${base}/${id}`, { token: admin.token })).status).toBe(404);
  });

  it('answers bad input with 400 and field messages', async () => {
    const admin = await t.registerTenant();
    const type = await standardType(t, admin.token);
    const other = await standardType(t, admin.token, '另一个流程');
    const customerId = await addCustomer(t, admin.token);
    const zh = await t.request('POST', base, {
      token: admin.token,
      body: { name: '', customerId, typeId: type.id, amount: '1.234', expectedCloseDate: '2026-02-30' },
    });
    expect(zh.status).toBe(400);
    expect(zh.body.error.fields).toMatchObject({
      name: '必填',
      amount: '金额须为不小于 0 的数字，最多两位小数',
      expectedCloseDate: '日期格式不正确（YYYY-MM-DD）',
    });
    const en = await t.request('POST', base, { token: admin.token, body: { name: 'x' }, lang: 'en' });
    expect(en.body.error.fields).toMatchObject({ customerId: 'Required', typeId: 'Required', amount: 'Required' });
    const good = { name: 'x', customerId, typeId: type.id, amount: '1', expectedCloseDate: '2026-03-01' };
    const wrongStage = await t.request('POST', base, {
      token: admin.token,
      body: { ...good, stageId: other.stage('需求确认') },
    });
    expect(wrongStage.status).toBe(400);
    expect(wrongStage.body.error.fields.stageId).toBe('该阶段不属于所选商机组');
    const lost = await t.request('POST', base, { token: admin.token, body: { ...good, stageId: type.stage('输单') } });
    expect(lost.body.error.fields.lossReason).toBe('输单时须填写输单原因');
    const unknownCustomer = await t.request('POST', base, {
      token: admin.token,
      body: { ...good, customerId: '0190f1a0-0000-7000-8000-000000000000' },
    });
    expect(unknownCustomer.body.error.fields.customerId).toBe('引用的记录不存在');
    const otherCustomer = await addCustomer(t, admin.token);
    const contact = await t.request('POST', '/api/v1/contacts', {
      token: admin.token,
      body: { customerId: otherCustomer, name: '别家的人' },
    });
    const wrongContact = await t.request('POST', base, {
      token: admin.token,
      body: { ...good, contactId: contact.body.id },
    });
    expect(wrongContact.body.error.fields.contactId).toBe('联系人不属于所选客户');
  });

  it('answers 403 without the grant, and 403 sharing.read_only on a record shared read-only', async () => {
    const w = await salesWorld(t);
    const type = await standardType(t, w.admin.token);
    expect((await t.request('GET', base, { token: w.viewer.token })).status).toBe(403);
    const customerId = await addCustomer(t, w.rep1.token);
    const viewOnlyRole = await addRole(t, w.tenantId, ['opportunities.view', 'customers.view'], {
      opportunities: 'all',
      customers: 'all',
    });
    const reader = await addEmployee(t, w.tenantId, { roleIds: [viewOnlyRole] });
    const denied = await t.request('POST', base, {
      token: reader.token,
      body: { name: 'x', customerId, typeId: type.id, amount: '1', expectedCloseDate: '2026-03-01' },
    });
    expect(denied.status).toBe(403);
    const opp = await addOpportunity(t, w.rep1.token, { customerId, typeId: type.id });
    const share = await t.request('POST', `${base}/${opp.id}/shares`, {
      token: w.rep1.token,
      body: { userId: w.rep2.id, access: 'read' },
    });
    expect(share.status, JSON.stringify(share.body)).toBe(201);
    expect((await t.request('GET', `${base}/${opp.id}`, { token: w.rep2.token })).body.access).toBe('read');
    const edit = await t.request('PATCH', `${base}/${opp.id}`, { token: w.rep2.token, body: { name: '改' } });
    expect(edit.status).toBe(403);
    expect(edit.body.error.code).toBe('sharing.read_only');
  });

  it('follows the data scope: own, subordinates, and the customer must be visible to the actor', async () => {
    const w = await salesWorld(t);
    const type = await standardType(t, w.admin.token);
    const c1 = await addCustomer(t, w.rep1.token);
    const c2 = await addCustomer(t, w.rep2.token);
    const c3 = await addCustomer(t, w.rep3.token);
    const o1 = await addOpportunity(t, w.rep1.token, { customerId: c1, typeId: type.id });
    const o2 = await addOpportunity(t, w.rep2.token, { customerId: c2, typeId: type.id });
    const o3 = await addOpportunity(t, w.rep3.token, { customerId: c3, typeId: type.id });

    expect(ids((await t.request('GET', base, { token: w.rep1.token })).body.items)).toEqual([o1.id]);
    expect(ids((await t.request('GET', base, { token: w.manager.token })).body.items)).toEqual([o1.id, o2.id].sort());
    expect(ids((await t.request('GET', base, { token: w.admin.token })).body.items)).toEqual(
      [o1.id, o2.id, o3.id].sort(),
    );
    expect((await t.request('GET', `${base}/${o2.id}`, { token: w.rep1.token })).status).toBe(404);
    expect((await t.request('GET', `${base}/${o2.id}/stage-history`, { token: w.rep1.token })).status).toBe(404);
    const move = await t.request('POST', `${base}/${o2.id}/stage`, {
      token: w.rep1.token,
      body: { stageId: type.stage('需求确认') },
    });
    expect(move.status).toBe(404);

    // rep1 cannot hang an opportunity on rep2's customer: it is not visible to them.
    const foreign = await t.request('POST', base, {
      token: w.rep1.token,
      body: { name: 'x', customerId: c2, typeId: type.id, amount: '1', expectedCloseDate: '2026-03-01' },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields.customerId).toBe('引用的记录不存在');

    // The kanban counts only what the actor sees.
    const board = await t.request('GET', `${base}/kanban?typeId=${type.id}`, { token: w.manager.token });
    expect(board.body.columns[0]).toMatchObject({ count: 2, amount: '20000.00', weightedAmount: '2000.00' });
  });

  it('transfers an opportunity to a colleague (opportunities.transfer), who then sees it', async () => {
    const w = await salesWorld(t);
    const type = await standardType(t, w.admin.token);
    const customerId = await addCustomer(t, w.rep1.token);
    const opp = await addOpportunity(t, w.rep1.token, { customerId, typeId: type.id });
    const denied = await t.request('POST', `${base}/${opp.id}/transfer`, {
      token: w.rep1.token,
      body: { toUserId: w.rep2.id },
    });
    expect(denied.status).toBe(403);
    const moved = await t.request('POST', `${base}/${opp.id}/transfer`, {
      token: w.manager.token,
      body: { toUserId: w.rep2.id },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await t.request('GET', `${base}/${opp.id}`, { token: w.rep2.token })).body.ownerId).toBe(w.rep2.id);
    expect((await t.request('GET', `${base}/${opp.id}`, { token: w.rep1.token })).status).toBe(404);
  });

  it("answers 404 for another tenant's records on every route", async () => {
    const a = await t.registerTenant();
    const b = await t.registerTenant();
    const type = await standardType(t, a.token);
    const customerId = await addCustomer(t, a.token);
    const opp = await addOpportunity(t, a.token, { customerId, typeId: type.id });
    const rival = (await t.request('POST', '/api/v1/competitors', { token: a.token, body: { name: '用友' } })).body;
    const bType = await standardType(t, b.token);
    for (const [method, url, body] of [
      ['GET', `${base}/${opp.id}`, undefined],
      ['PATCH', `${base}/${opp.id}`, { name: '偷改' }],
      ['POST', `${base}/${opp.id}/stage`, { stageId: bType.stage('需求确认') }],
      ['DELETE', `${base}/${opp.id}`, undefined],
      ['GET', `${base}/${opp.id}/history`, undefined],
      ['GET', `${base}/${opp.id}/stage-history`, undefined],
      ['GET', `${base}/kanban?typeId=${type.id}`, undefined],
      ['GET', `${typesBase}/${type.id}`, undefined],
      ['PATCH', `${typesBase}/${type.id}`, { name: '偷改' }],
      ['DELETE', `${typesBase}/${type.id}`, undefined],
      ['GET', `/api/v1/competitors/${rival.id}`, undefined],
      ['PATCH', `/api/v1/competitors/${rival.id}`, { name: '偷改' }],
      ['DELETE', `/api/v1/competitors/${rival.id}`, undefined],
    ] as const) {
      const res = await t.request(method, url, { token: b.token, body });
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    // B cannot use A's customer, type or competitor either.
    const bCustomer = await addCustomer(t, b.token);
    const cross = await t.request('POST', base, {
      token: b.token,
      body: {
        name: 'x',
        customerId,
        typeId: type.id,
        amount: '1',
        expectedCloseDate: '2026-03-01',
        competitorIds: [rival.id],
      },
    });
    expect(cross.status).toBe(400);
    const crossCompetitor = await t.request('POST', base, {
      token: b.token,
      body: {
        name: 'x',
        customerId: bCustomer,
        typeId: bType.id,
        amount: '1',
        expectedCloseDate: '2026-03-01',
        competitorIds: [rival.id],
      },
    });
    expect(crossCompetitor.body.error.fields.competitorIds).toBe('引用的记录不存在');
    expect((await t.request('GET', base, { token: b.token })).body.items).toEqual([]);
    expect((await t.request('GET', `${base}/${opp.id}`, { token: a.token })).status).toBe(200);
  });
});

describe('stage changes', () => {
  it('records stage history with exact time per stage; lost needs a loss reason from the list', async () => {
    const admin = await t.registerTenant();
    const type = await standardType(t, admin.token);
    const customerId = await addCustomer(t, admin.token);
    const opp = await addOpportunity(t, admin.token, { customerId, typeId: type.id });
    const moveTo = (stageId: string, lossReason?: string) =>
      t.request('POST', `${base}/${opp.id}/stage`, { token: admin.token, body: { stageId, lossReason } });

    expect((await moveTo(type.stage('需求确认'))).body.stageName).toBe('需求确认');
    const patched = await t.request('PATCH', `${base}/${opp.id}`, {
      token: admin.token,
      body: { stageId: type.stage('方案报价') },
    });
    expect(patched.body.probability).toBe(50);
    const noReason = await moveTo(type.stage('输单'));
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.lossReason).toBe('输单时须填写输单原因');
    expect((await moveTo(type.stage('输单'), '随便写的')).status).toBe(400);
    const lost = await moveTo(type.stage('输单'), '价格太高');
    expect(lost.body).toMatchObject({ stageKind: 'lost', lossReason: '价格太高', probability: 0 });
    // Back to an open stage clears the reason; won is 100 %.
    expect((await moveTo(type.stage('需求确认'))).body.lossReason).toBeNull();
    expect((await moveTo(type.stage('赢单'))).body.probability).toBe(100);

    // Spread the stored timestamps to known instants to check the arithmetic exactly.
    await inTenant(t.services.database.db, admin.tenant.id, (tx) =>
      tx.execute(sql`UPDATE opportunity_stage_history h SET changed_at = v.at
        FROM (SELECT id, '2026-01-01 00:00:00+00'::timestamptz
                + (row_number() OVER (ORDER BY changed_at, id) - 1) * interval '1 hour 0.5 seconds' AS at
              FROM opportunity_stage_history WHERE opportunity_id = ${opp.id}) v
        WHERE h.id = v.id`),
    );
    const history = await t.request('GET', `${base}/${opp.id}/stage-history`, { token: admin.token });
    expect(history.status).toBe(200);
    const items = history.body.items as { fromStageName: string | null; toStageName: string; durationMs: number }[];
    expect(items.map((h) => `${h.fromStageName ?? '-'}→${h.toStageName}`)).toEqual([
      '-→初步接洽',
      '初步接洽→需求确认',
      '需求确认→方案报价',
      '方案报价→输单',
      '输单→需求确认',
      '需求确认→赢单',
    ]);
    expect(items.slice(0, 5).map((h) => h.durationMs)).toEqual(Array(5).fill(3_600_500));
    expect(items[5]!.durationMs).toBeGreaterThan(0);
    const byStage = Object.fromEntries(
      (history.body.byStage as { stageName: string; durationMs: number }[]).map((s) => [s.stageName, s.durationMs]),
    );
    expect(byStage.需求确认).toBe(2 * 3_600_500);
    expect(byStage.初步接洽).toBe(3_600_500);
  });

  it('refuses a stage of another type and a move without the edit grant', async () => {
    const w = await salesWorld(t);
    const type = await standardType(t, w.admin.token);
    const other = await standardType(t, w.admin.token, '另一个流程');
    const customerId = await addCustomer(t, w.rep1.token);
    const opp = await addOpportunity(t, w.rep1.token, { customerId, typeId: type.id });
    const wrong = await t.request('POST', `${base}/${opp.id}/stage`, {
      token: w.rep1.token,
      body: { stageId: other.stage('需求确认') },
    });
    expect(wrong.status).toBe(400);
    const role = await addRole(t, w.tenantId, ['opportunities.view'], { opportunities: 'all' });
    const reader = await addEmployee(t, w.tenantId, { roleIds: [role] });
    const denied = await t.request('POST', `${base}/${opp.id}/stage`, {
      token: reader.token,
      body: { stageId: type.stage('需求确认') },
    });
    expect(denied.status).toBe(403);
  });
});

describe('kanban', () => {
  it('gives per stage the first page by expected close date then id, count, sums, and a cursor per stage', async () => {
    const admin = await t.registerTenant();
    const type = await standardType(t, admin.token);
    const customerId = await addCustomer(t, admin.token);
    const first = type.stage('初步接洽');
    const made: { id: string; date: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const date = `2026-0${5 - (i % 3)}-01`;
      const o = await addOpportunity(t, admin.token, {
        customerId,
        typeId: type.id,
        stageId: first,
        amount: `${i}.10`,
        expectedCloseDate: date,
      });
      made.push({ id: o.id, date });
    }
    await addOpportunity(t, admin.token, {
      customerId,
      typeId: type.id,
      stageId: type.stage('方案报价'),
      amount: '0.01',
    });
    const expected = [...made]
      .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
      .map((m) => m.id);

    const board = await t.request('GET', `${base}/kanban?typeId=${type.id}&limit=2`, { token: admin.token });
    expect(board.status, JSON.stringify(board.body)).toBe(200);
    expect(board.body.columns.map((c: { stage: { name: string } }) => c.stage.name)).toEqual([
      '初步接洽',
      '需求确认',
      '方案报价',
      '谈判审核',
      '赢单',
      '输单',
    ]);
    const col = board.body.columns[0];
    expect(col).toMatchObject({ count: 5, amount: '10.50', weightedAmount: '1.05' });
    expect(col.items.map((c: { id: string }) => c.id)).toEqual(expected.slice(0, 2));
    expect(board.body.columns[2]).toMatchObject({ count: 1, amount: '0.01', weightedAmount: '0.01', nextCursor: null });
    expect(board.body.columns[1]).toMatchObject({ count: 0, amount: '0.00', items: [], nextCursor: null });

    const seen = [...col.items.map((c: { id: string }) => c.id)];
    let cursor = col.nextCursor;
    while (cursor) {
      const more = await t.request(
        'GET',
        `${base}/kanban/stage?typeId=${type.id}&stageId=${first}&limit=2&cursor=${cursor}`,
        { token: admin.token },
      );
      expect(more.status).toBe(200);
      seen.push(...more.body.items.map((c: { id: string }) => c.id));
      cursor = more.body.nextCursor;
    }
    expect(seen).toEqual(expected);
    const mangled = await t.request('GET', `${base}/kanban/stage?typeId=${type.id}&stageId=${first}&cursor=xyz`, {
      token: admin.token,
    });
    expect(mangled.status).toBe(400);
    const missing = await t.request('GET', `${base}/kanban`, { token: admin.token, lang: 'en' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.typeId).toBe('Required');
  });

  it('reads each column through opportunities_kanban_idx (EXPLAIN)', async () => {
    const admin = await t.registerTenant();
    const type = await standardType(t, admin.token);
    const customerId = await addCustomer(t, admin.token);
    const tenantId = admin.tenant.id;
    await inTenant(t.services.database.db, tenantId, (tx) =>
      tx.execute(sql`INSERT INTO opportunities (tenant_id, id, owner_id, created_by, name, customer_id, type_id,
          stage_id, amount, expected_close_date)
        SELECT ${tenantId}, gen_random_uuid(), ${admin.user.id}, ${admin.user.id}, '批量商机' || g, ${customerId},
          ${type.id}, (${`{${type.stages.map((s) => s.id).join(',')}}`}::uuid[])[1 + g % 6], g % 1000,
          date '2026-01-01' + (g % 365)
        FROM generate_series(1, 3000) g`),
    );
    await t.services.database.db.execute(sql`ANALYZE opportunities`);
    const actor = (await inSystem(t.services.database.db, (tx) => loadActor(tx, admin.token, 'bearer', 'zh-CN')))!
      .actor;
    const plan = await inTenant(t.services.database.db, tenantId, async (tx) => {
      const statement = await kanbanPagesSql(
        tx,
        actor,
        type.id,
        type.stages.map((s) => s.id),
        20,
      );
      const res = await tx.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN ${statement}`);
      return res.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan, plan).toMatch(/Index (Only )?Scan using opportunities_kanban_idx on opportunities/);
    expect(plan, plan).not.toMatch(/Seq Scan on opportunities|Sort/);
    const board = await t.request('GET', `${base}/kanban?typeId=${type.id}`, { token: admin.token });
    expect(board.body.columns.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(3000);
    expect(board.body.columns[0].items).toHaveLength(20);
  });
});
