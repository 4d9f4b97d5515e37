import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { addCustomer, salesWorld } from '../customers/customers.test-helpers.ts';
import { addEmployee, addRole } from '../roles/test-users.ts';
import { readXlsx } from './imports.test-helpers.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof salesWorld>>;

beforeAll(async () => {
  t = await startTestApp();
  w = await salesWorld(t);
});
afterAll(() => t?.close());

const download = (url: string, token: string) =>
  t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

function csvRows(payload: Buffer): string[][] {
  const text = payload.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

describe('customer export', () => {
  it('exports within the data scope and with the list filters, as CSV (BOM) and XLSX', async () => {
    const exporter = await addRole(t, w.tenantId, ['customers.view', 'customers.export'], { customers: 'own' });
    const rep = await addEmployee(t, w.tenantId, { name: '导出员', roleIds: [exporter], departmentId: w.sales });
    await addCustomer(t, w.admin.token, { name: '导出甲有限公司', ownerId: rep.id, level: 'A', phone: '13800000011' });
    await addCustomer(t, w.admin.token, {
      name: '导出乙有限公司',
      ownerId: rep.id,
      level: 'B',
      tags: ['华东', '重点'],
    });
    await addCustomer(t, w.admin.token, { name: '别人的客户有限公司', ownerId: w.rep1.id, level: 'A' });

    const mine = await download('/api/v1/customers/export?format=csv', rep.token);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.headers['content-type']).toContain('text/csv');
    expect(String(mine.headers['content-disposition'])).toContain('.csv');
    const rows = csvRows(mine.rawPayload);
    expect(rows[0]!.slice(0, 2)).toEqual(['客户名称', '简称']);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['导出乙有限公司', '导出甲有限公司']);
    const yi = rows.find((r) => r[0] === '导出乙有限公司')!;
    expect(yi[rows[0]!.indexOf('标签')]).toBe('华东，重点');
    expect(yi[rows[0]!.indexOf('负责人')]).toBe('导出员');

    const filtered = csvRows((await download('/api/v1/customers/export?format=csv&level=A', rep.token)).rawPayload);
    expect(filtered.slice(1).map((r) => r[0])).toEqual(['导出甲有限公司']);

    const all = await download('/api/v1/customers/export?format=xlsx&level=A', w.admin.token);
    expect(all.statusCode).toBe(200);
    const sheet = await readXlsx(all.rawPayload);
    expect(
      sheet
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['别人的客户有限公司', '导出甲有限公司']);
  });

  it('pages through more rows than one page', async () => {
    const { insertCustomers } = await import('../customers/customers.test-helpers.ts');
    const other = await t.registerTenant();
    await insertCustomers(t, other, [other.user.id], 2500);
    const res = await download('/api/v1/customers/export?format=csv&sort=name&order=asc', other.token);
    const rows = csvRows(res.rawPayload);
    expect(rows).toHaveLength(2501);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(2500);
  });

  it('answers 403 without customers.export and 400 on a bad filter', async () => {
    expect((await download('/api/v1/customers/export', w.rep1.token)).statusCode).toBe(403);
    const bad = await download('/api/v1/customers/export?format=pdf', w.admin.token);
    expect(bad.statusCode).toBe(400);
    const badCustom = await download('/api/v1/customers/export?custom.nope=1', w.admin.token);
    expect(badCustom.statusCode).toBe(400);
  });
});
