import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { bumpOrgVersion } from '../../platform/access/org-snapshot.ts';
import { inTenant } from '../../platform/db/database.ts';
import { addCustomer, salesWorld } from '../customers/customers.test-helpers.ts';
import { addOpportunity, standardType, type TypeFixture } from '../opportunities/opportunities.test-helpers.ts';
import { quarterRange } from './forecast.quarters.ts';
import { forecastSql } from './forecast.repo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const base = '/api/v1/forecast';
type World = Awaited<ReturnType<typeof salesWorld>>;

/** Put an opportunity into its stage at a given instant (the won date), straight in the table. */
async function enteredAt(tenantId: string, id: string, at: string) {
  await inTenant(t.services.database.db, tenantId, (tx) =>
    tx.execute(
      sql`UPDATE opportunities SET stage_entered_at = ${at}::timestamptz WHERE tenant_id = ${tenantId} AND id = ${id}`,
    ),
  );
}

/**
 * In 2026Q1 (calendar fiscal year): rep1 has two open (10000 at 50 %, 333.33 at 10 %), one won inside the quarter by
 * its won date (20000, expected date outside), one won a second after the quarter (7000, expected date inside),
 * one lost and one open on the first day after; rep2 one open (1000 at 70 %); rep3 one open (8000 at 50 %).
 */
async function seed(w: World, type: TypeFixture) {
  // Each salesperson works on a customer of their own (a customer they cannot see is refused).
  const customers = new Map<string, string>();
  const opp = async (token: string, body: Record<string, unknown>) => {
    if (!customers.has(token)) customers.set(token, await addCustomer(t, token));
    return addOpportunity(t, token, { customerId: customers.get(token)!, typeId: type.id, ...body });
  };
  const rep1 = w.rep1.token;
  await opp(rep1, { amount: '10000.00', stageId: type.stage('方案报价'), expectedCloseDate: '2026-02-15' });
  await opp(rep1, { amount: '333.33', stageId: type.stage('初步接洽'), expectedCloseDate: '2026-03-31' });
  const wonIn = await opp(rep1, { amount: '20000', stageId: type.stage('赢单'), expectedCloseDate: '2026-05-01' });
  await enteredAt(w.tenantId, wonIn.id, '2026-03-31T23:59:59+08:00');
  const wonAfter = await opp(rep1, { amount: '7000', stageId: type.stage('赢单'), expectedCloseDate: '2026-02-01' });
  await enteredAt(w.tenantId, wonAfter.id, '2026-04-01T00:00:00+08:00');
  await opp(rep1, {
    amount: '5000',
    stageId: type.stage('输单'),
    lossReason: '价格太高',
    expectedCloseDate: '2026-02-01',
  });
  await opp(rep1, { amount: '900', stageId: type.stage('需求确认'), expectedCloseDate: '2026-04-01' });
  await opp(w.rep2.token, { amount: '1000', stageId: type.stage('谈判审核'), expectedCloseDate: '2026-01-01' });
  await opp(w.rep3.token, { amount: '8000', stageId: type.stage('方案报价'), expectedCloseDate: '2026-01-15' });
}

describe('forecast (销售预测)', () => {
  let w: World;
  let type: TypeFixture;
  beforeAll(async () => {
    w = await salesWorld(t);
    type = await standardType(t, w.admin.token);
    await seed(w, type);
  });

  it('gives a salesperson their own quarter: closed by won date, expected, best, pipeline, attainment', async () => {
    const setQuota = await t.request('PUT', `${base}/quotas`, {
      token: w.manager.token,
      body: {
        quarter: '2026Q1',
        items: [
          { userId: w.rep1.id, amount: '40000' },
          { userId: w.rep2.id, amount: 2000.5 },
        ],
      },
    });
    expect(setQuota.status, JSON.stringify(setQuota.body)).toBe(200);
    expect(setQuota.body.items).toEqual([
      { id: w.rep1.id, quota: '40000.00' },
      { id: w.rep2.id, quota: '2000.50' },
    ]);

    const res = await t.request('GET', `${base}?quarter=2026Q1&scope=me`, { token: w.rep1.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.quarter).toMatchObject({
      key: '2026Q1',
      label: '2026财年 Q1',
      start: '2026-01-01',
      end: '2026-04-01',
    });
    expect(res.body.scope).toMatchObject({ kind: 'me', departmentId: null, name: '张三' });
    expect(res.body.totals).toEqual({
      quota: '40000.00',
      quotaRolledUp: null,
      closed: '20000.00',
      closedCount: 1,
      expected: '5033.33',
      best: '30333.33',
      pipelineCount: 2,
      pipelineAmount: '10333.33',
      attainment: '50.0',
    });
    expect(res.body.people).toHaveLength(1);

    // The next quarter holds the one won a second after midnight and the open one on the first day.
    const q2 = await t.request('GET', `${base}?quarter=2026Q2`, { token: w.rep1.token });
    expect(q2.body.totals).toMatchObject({ closed: '7000.00', expected: '270.00', best: '7900.00', quota: null });
    expect(q2.body.totals.attainment).toBeNull();
  });

  it('gives a manager the quotas of their people and an administrator departments and the company', async () => {
    const dept = await t.request('PUT', `${base}/department-quotas`, {
      token: w.admin.token,
      body: { quarter: '2026Q1', items: [{ departmentId: w.sales, amount: '100000' }] },
    });
    expect(dept.status, JSON.stringify(dept.body)).toBe(200);

    const sales = await t.request('GET', `${base}?quarter=2026Q1&scope=department:${w.sales}`, {
      token: w.admin.token,
    });
    expect(sales.status, JSON.stringify(sales.body)).toBe(200);
    expect(sales.body.scope).toMatchObject({ kind: 'department', departmentId: w.sales, name: '销售部' });
    expect(sales.body.totals).toMatchObject({
      quota: '100000.00',
      quotaRolledUp: '42000.50',
      closed: '20000.00',
      expected: '9733.33',
      best: '39333.33',
      pipelineCount: 4,
      attainment: '20.0',
    });
    const byName = Object.fromEntries(
      sales.body.people.map((p: { name: string; quota: string | null; attainment: string | null }) => [
        p.name,
        [p.quota, p.attainment],
      ]),
    );
    expect(byName).toEqual({
      李经理: [null, null],
      张三: ['40000.00', '50.0'],
      李四: ['2000.50', '0.0'],
      王五: [null, null],
      只读: [null, null],
    });

    const company = await t.request('GET', `${base}?quarter=2026Q1&scope=company`, { token: w.admin.token });
    expect(company.body.totals).toMatchObject({ quota: '100000.00', closed: '20000.00', best: '39333.33' });
    expect(company.body.scope.name).toBe('全公司');

    const quotas = await t.request('GET', `${base}/quotas?quarter=2026Q1&departmentId=${w.root}`, {
      token: w.admin.token,
    });
    expect(quotas.status, JSON.stringify(quotas.body)).toBe(200);
    expect(quotas.body.department).toMatchObject({ explicit: null, rolledUp: '100000.00', effective: '100000.00' });
    expect(quotas.body.children).toEqual([
      { id: w.sales, name: '销售部', explicit: '100000.00', rolledUp: '42000.50', effective: '100000.00' },
    ]);
    expect(quotas.body.members.length).toBeGreaterThanOrEqual(5);

    // The manager's quota list of 销售部 holds only the people they may see; their own quota is not theirs to set.
    const mine = await t.request('GET', `${base}/quotas?quarter=2026Q1&departmentId=${w.sales}`, {
      token: w.manager.token,
    });
    expect(mine.body.members.map((m: { name: string; editable: boolean }) => `${m.name}:${m.editable}`).sort()).toEqual(
      ['张三:true', '李四:true', '李经理:false'].sort(),
    );

    // Clearing a quota (null) removes it; both changes are in the audit trail.
    const cleared = await t.request('PUT', `${base}/quotas`, {
      token: w.manager.token,
      body: { quarter: '2026Q1', items: [{ userId: w.rep2.id, amount: null }] },
    });
    expect(cleared.body.items).toEqual([{ id: w.rep2.id, quota: null }]);
    const audit = await inTenant(t.services.database.db, w.tenantId, (tx) =>
      tx.execute(sql`SELECT action, object_type AS "objectType", changes FROM audit_log
        WHERE tenant_id = ${w.tenantId} AND object_type = 'sales_quota' ORDER BY at, id`),
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['set_quota', 'set_quota', 'set_quota', 'set_quota']);
    expect(JSON.stringify(audit.rows.at(-1)?.changes)).toContain('2000.50');

    const trend = await t.request('GET', `${base}/trend?quarter=2026Q2&scope=department:${w.sales}`, {
      token: w.admin.token,
    });
    expect(trend.status, JSON.stringify(trend.body)).toBe(200);
    expect(
      trend.body.items.map((i: { quarter: { key: string }; closed: string; quota: string | null }) => [
        i.quarter.key,
        i.closed,
        i.quota,
      ]),
    ).toEqual([
      ['2025Q3', '0.00', null],
      ['2025Q4', '0.00', null],
      ['2026Q1', '20000.00', '100000.00'],
      ['2026Q2', '7000.00', null],
    ]);
  });

  it('follows the fiscal year of the settings (April: 2025财年 Q4 is January to March 2026)', async () => {
    const other = await salesWorld(t);
    const tp = await standardType(t, other.admin.token);
    await seed(other, tp);
    const patch = await t.request('PATCH', '/api/v1/settings', {
      token: other.admin.token,
      body: { fiscalYearStartMonth: 4 },
    });
    expect(patch.status).toBe(200);
    const res = await t.request('GET', `${base}?quarter=2025Q4&scope=me`, { token: other.rep1.token });
    expect(res.body.quarter).toMatchObject({ label: '2025财年 Q4', start: '2026-01-01', end: '2026-04-01' });
    expect(res.body.totals).toMatchObject({ closed: '20000.00', expected: '5033.33', best: '30333.33' });
    const options = await t.request('GET', `${base}/options`, { token: other.rep1.token, lang: 'en' });
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({
      fiscalYearStartMonth: 4,
      company: false,
      departments: [],
      canSetQuotas: false,
    });
    expect(options.body.currentQuarter.label).toMatch(/^FY\d{4} Q[1-4]$/);
    const admin = await t.request('GET', `${base}/options`, { token: other.admin.token });
    expect(admin.body).toMatchObject({ company: true, canSetQuotas: true, canSetDepartmentQuotas: true });
    expect(admin.body.departments.map((d: { id: string }) => d.id)).toEqual(
      expect.arrayContaining([other.root, other.sales]),
    );
  });

  it('answers 400 with a message per field', async () => {
    const bad = await t.request('GET', `${base}?quarter=2026Q5&scope=team`, { token: w.admin.token });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['quarter', 'scope']);
    expect(bad.body.error.fields.quarter).toBe('季度格式不正确（如 2026Q1）');
    const body = await t.request('PUT', `${base}/quotas`, {
      token: w.manager.token,
      lang: 'en',
      body: {
        quarter: '2026',
        items: [
          { userId: w.rep1.id, amount: '-1' },
          { userId: 'x', amount: '1.234' },
        ],
      },
    });
    expect(body.status).toBe(400);
    expect(body.body.error.fields).toMatchObject({
      quarter: 'Invalid quarter (e.g. 2026Q1)',
      'items.0.amount': 'Enter a quota ≥ 0 with at most two decimals',
      'items.1.amount': 'Enter a quota ≥ 0 with at most two decimals',
    });
    expect(body.body.error.fields['items.1.userId']).toBeDefined();
    const twice = await t.request('PUT', `${base}/quotas`, {
      token: w.manager.token,
      body: {
        quarter: '2026Q1',
        items: [
          { userId: w.rep1.id, amount: '1' },
          { userId: w.rep1.id, amount: '2' },
        ],
      },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields['items.1.userId']).toBe('同一对象只能出现一次');
  });

  it('keeps to the data scope: 403 outside it, people outside it are unknown', async () => {
    // A salesperson: own figures only.
    for (const scope of ['company', `department:${w.sales}`]) {
      const res = await t.request('GET', `${base}?scope=${scope}`, { token: w.rep1.token });
      expect(res.status, scope).toBe(403);
      expect(res.body.error.code).toBe('forecast.scope_denied');
    }
    expect(
      (
        await t.request('PUT', `${base}/quotas`, {
          token: w.rep1.token,
          body: { quarter: '2026Q1', items: [{ userId: w.rep1.id, amount: '1' }] },
        })
      ).status,
    ).toBe(403);
    // The manager (subordinates): not the whole 销售部 (王五 reports to nobody), not their own quota, not rep3's.
    expect((await t.request('GET', `${base}?scope=department:${w.sales}`, { token: w.manager.token })).status).toBe(
      403,
    );
    const own = await t.request('PUT', `${base}/quotas`, {
      token: w.manager.token,
      body: { quarter: '2026Q1', items: [{ userId: w.manager.id, amount: '1' }] },
    });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('forecast.quota_not_allowed');
    const outside = await t.request('PUT', `${base}/quotas`, {
      token: w.manager.token,
      body: { quarter: '2026Q1', items: [{ userId: w.rep3.id, amount: '1' }] },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields['items.0.userId']).toBeDefined();
    expect(
      (
        await t.request('PUT', `${base}/department-quotas`, {
          token: w.manager.token,
          body: { quarter: '2026Q1', items: [{ departmentId: w.sales, amount: '1' }] },
        })
      ).status,
    ).toBe(403);
    // Their options offer no department (销售部 holds people outside their scope) and no company.
    const options = await t.request('GET', `${base}/options`, { token: w.manager.token });
    expect(options.body).toMatchObject({
      company: false,
      departments: [],
      canSetQuotas: true,
      canSetDepartmentQuotas: false,
    });
    // Without forecast.view at all.
    expect((await t.request('GET', base, { token: w.viewer.token })).status).toBe(403);
  });

  it('treats another company’s department or person as unknown (404 / field not found)', async () => {
    const other = await salesWorld(t);
    const scope = await t.request('GET', `${base}?scope=department:${other.sales}`, { token: w.admin.token });
    expect(scope.status).toBe(404);
    const trend = await t.request('GET', `${base}/trend?scope=department:${other.sales}`, { token: w.admin.token });
    expect(trend.status).toBe(404);
    const list = await t.request('GET', `${base}/quotas?departmentId=${other.sales}`, { token: w.admin.token });
    expect(list.status).toBe(404);
    const person = await t.request('PUT', `${base}/quotas`, {
      token: w.admin.token,
      body: { quarter: '2026Q1', items: [{ userId: other.rep1.id, amount: '1' }] },
    });
    expect(person.status).toBe(400);
    expect(person.body.error.fields['items.0.userId']).toBe('引用的记录不存在');
    const dept = await t.request('PUT', `${base}/department-quotas`, {
      token: w.admin.token,
      body: { quarter: '2026Q1', items: [{ departmentId: other.sales, amount: '1' }] },
    });
    expect(dept.status).toBe(400);
  });

  it('reads a department’s quarter through opportunities_forecast_idx (EXPLAIN)', async () => {
    // 50 people with 10,000 opportunities; the forecast of 5 of them reads only their index entries.
    const admin = await t.registerTenant();
    const tenantId = admin.tenant.id;
    const tp = await standardType(t, admin.token);
    const customerId = await addCustomer(t, admin.token);
    const owners = await inTenant(t.services.database.db, tenantId, async (tx) => {
      const res = await tx.execute(sql`INSERT INTO users (tenant_id, id, name, password_hash, department_id)
        SELECT ${tenantId}, gen_random_uuid(), '批量员工' || g, 'x', ${admin.user.departmentId}
        FROM generate_series(1, 50) g RETURNING id`);
      const ids = res.rows.map((r) => String(r.id));
      await tx.execute(sql`INSERT INTO opportunities (tenant_id, id, owner_id, created_by, name, customer_id, type_id,
          stage_id, amount, expected_close_date, stage_entered_at)
        SELECT ${tenantId}, gen_random_uuid(), (${`{${ids.join(',')}}`}::uuid[])[1 + g % 50], ${admin.user.id},
          '批量商机' || g, ${customerId}, ${tp.id},
          (${`{${tp.stages.map((s) => s.id).join(',')}}`}::uuid[])[1 + g % 6], g % 1000,
          date '2024-01-01' + (g % 1000), timestamptz '2024-01-01' + (g % 1000) * interval '1 day'
        FROM generate_series(1, 10000) g`);
      await bumpOrgVersion(tx, tenantId);
      return ids;
    });
    await t.services.database.db.execute(sql`VACUUM ANALYZE opportunities`);
    const range = quarterRange({ fiscalYear: 2026, quarter: 1 }, 1);
    const plan = await inTenant(t.services.database.db, tenantId, async (tx) => {
      const res = await tx.execute<{ 'QUERY PLAN': string }>(
        sql`EXPLAIN ${forecastSql(tenantId, new Set(owners.slice(0, 5)), [range])}`,
      );
      return res.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan, plan).toMatch(/Index (Only )?Scan using opportunities_forecast_idx on opportunities/);
    expect(plan, plan).not.toMatch(/Seq Scan on opportunities/);
    const res = await t.request('GET', `${base}?quarter=2026Q1&scope=company`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.totals.pipelineCount).toBeGreaterThan(0);
  });
});
