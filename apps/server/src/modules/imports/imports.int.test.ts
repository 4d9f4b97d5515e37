import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { addCustomer, salesWorld } from '../customers/customers.test-helpers.ts';
import { addEmployee, addRole } from '../roles/test-users.ts';
import { EXAMPLE_CREDIT_CODE } from './imports.template.ts';
import { csvOf, importFile, readXlsx, report, uploadFile, waitForImport, xlsxOf } from './imports.test-helpers.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof salesWorld>>;

beforeAll(async () => {
  t = await startTestApp();
  w = await salesWorld(t);
});
afterAll(() => t?.close());

const admin = () => w.admin.token;
const get = (url: string, token = admin()) => t.request('GET', url, { token });
const find = async (q: string, token = admin()) => {
  const res = await get(`/api/v1/customers?limit=200&q=${encodeURIComponent(q)}`, token);
  expect(res.status).toBe(200);
  return res.body.items as Record<string, unknown>[];
};

describe('customer import', () => {
  it('imports a UTF-8 CSV: auto-mapped Chinese headers, cleaning, rejected rows in the report', async () => {
    const file = csvOf(
      [
        ['客户名称', '联系电话', '邮箱', '统一社会信用代码', '行业', '标签', '备注'],
        [
          '  杭州　清洗  科技有限公司 ',
          '１３８ ０００１ ２３４５',
          ' Sales@QingXi.COM ',
          EXAMPLE_CREDIT_CODE,
          '软件',
          '重点，华东、新客',
          'x',
        ],
        ['', '13800000000', '', '', '', '', ''],
        ['坏信用代码有限公司', '', '', '91310000MA1K4X0A1X', '', '', ''],
        ['坏邮箱有限公司', '', 'not-an-email', '', '', '', ''],
      ],
      true,
    );
    const up = await uploadFile(t, admin(), file, '客户.csv');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({
      rowCount: 4,
      headers: ['客户名称', '联系电话', '邮箱', '统一社会信用代码', '行业', '标签', '备注'],
    });
    expect(up.body.suggestedMapping).toEqual({
      客户名称: 'name',
      联系电话: 'phone',
      邮箱: 'email',
      统一社会信用代码: 'creditCode',
      行业: 'industry',
      标签: 'tags',
      备注: null,
    });
    expect(up.body.sampleRows[0][0]).toBe('  杭州　清洗  科技有限公司 ');

    const start = await t.request('POST', `/api/v1/imports/${up.body.id}/start`, {
      token: admin(),
      body: { mapping: up.body.suggestedMapping, options: {} },
    });
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    expect(start.body.status).toBe('queued');
    const job = await waitForImport(t, admin(), up.body.id);
    expect(job).toMatchObject({ status: 'done', rowCount: 4, processed: 4, created: 1, failed: 3, skipped: 0 });

    const [c] = await find('清洗');
    expect(c).toMatchObject({
      name: '杭州 清洗 科技有限公司',
      phone: '13800012345',
      email: 'sales@qingxi.com',
      creditCode: EXAMPLE_CREDIT_CODE,
      industry: '软件',
      tags: ['重点', '华东', '新客'],
      ownerId: w.admin.user.id,
    });
    const history = await get(`/api/v1/customers/${c!.id}/history`);
    expect(history.body.items[0]).toMatchObject({ action: 'create', actorId: w.admin.user.id });

    const rows = await report(t, admin(), up.body.id);
    expect(rows[0]).toEqual([
      '客户名称',
      '联系电话',
      '邮箱',
      '统一社会信用代码',
      '行业',
      '标签',
      '备注',
      '错误原因',
      '原行号',
    ]);
    expect(rows.slice(1).map((r) => r[8])).toEqual(['3', '4', '5']);
    expect(rows[1]![7]).toContain('客户名称');
    expect(rows[2]![7]).toContain('统一社会信用代码不正确');
    expect(rows[3]![7]).toContain('邮箱格式不正确');
    expect(rows[2]![0]).toBe('坏信用代码有限公司');
  });

  it('detects a GBK CSV (as Excel saves it)', async () => {
    // "客户名称,电话,邮箱\r\n杭州甲乙有限公司,13800000001,A@X.COM\r\n" in GBK
    const gbk = Buffer.from(
      'bfcdbba7c3fbb3c62cb5e7bbb02cd3cacfe40d0ababcd6ddbcd7d2d2d3d0cfdeb9abcbbe2c31333830303030303030312c4140582e434f4d0d0a',
      'hex',
    );
    const { upload, job } = await importFile(t, admin(), gbk, 'gbk.csv');
    expect(upload.headers).toEqual(['客户名称', '电话', '邮箱']);
    expect(upload.suggestedMapping).toEqual({ 客户名称: 'name', 电话: 'phone', 邮箱: 'email' });
    expect(job).toMatchObject({ status: 'done', created: 1 });
    const [c] = await find('甲乙');
    expect(c).toMatchObject({ name: '杭州甲乙有限公司', phone: '13800000001', email: 'a@x.com' });
  });

  it('imports an XLSX with English headers, a custom field and a 负责人 column within scope', async () => {
    const field = await t.request('POST', '/api/v1/custom-fields', {
      token: admin(),
      body: { objectType: 'customer', label: '年营业额', type: 'money', key: 'revenue' },
    });
    expect(field.status, JSON.stringify(field.body)).toBe(201);
    const file = await xlsxOf([
      ['Name', 'Phone', 'E-mail', 'Level', 'Owner', '年营业额', 'Province', 'City'],
      ['Acme Widgets Ltd', '021-61234567', 'hi@acme.test', 'A', '张三', '12345.5', '上海市', '上海市'],
      ['Beta Trading Co', 13912345678, '', 'B', w.rep2.email, '', '', ''],
      ['Gamma 有限公司', '', '', '', '没有这个人', '', '', ''],
      ['Delta 有限公司', '', '', '', '', 'abc', '', ''],
    ]);
    const { upload, job } = await importFile(t, admin(), file, 'customers.xlsx');
    expect(upload.suggestedMapping).toEqual({
      Name: 'name',
      Phone: 'phone',
      'E-mail': 'email',
      Level: 'level',
      Owner: 'owner',
      年营业额: 'custom.revenue',
      Province: 'province',
      City: 'city',
    });
    expect(job).toMatchObject({ status: 'done', created: 2, failed: 2 });
    const [acme] = await find('Acme');
    expect(acme).toMatchObject({ ownerId: w.rep1.id, level: 'A', custom: { revenue: '12345.50' }, province: '上海市' });
    const [beta] = await find('Beta');
    expect(beta).toMatchObject({ ownerId: w.rep2.id, phone: '13912345678' });
    const rows = await report(t, admin(), upload.id);
    expect(rows[1]![8]).toContain('找不到员工“没有这个人”');
    expect(rows[2]![8]).toContain('年营业额');

    // A salesperson's own scope: another rep as owner is refused row by row.
    const importer = await addRole(t, w.tenantId, ['customers.view', 'customers.import'], { customers: 'own' });
    const rep = await addEmployee(t, w.tenantId, { name: '导入员', roleIds: [importer], departmentId: w.sales });
    const own = await importFile(
      t,
      rep.token,
      await xlsxOf([
        ['客户名称', '负责人'],
        ['越权客户有限公司', '张三'],
        ['自己的客户有限公司', ''],
      ]),
      'x.xlsx',
    );
    expect(own.job).toMatchObject({ created: 1, failed: 1 });
    expect((await report(t, rep.token, own.upload.id))[1]![2]).toContain('数据权限范围');
  });

  it('duplicate modes: skip, update and create by the chosen keys', async () => {
    const id = await addCustomer(t, w.rep1.token, { name: '重复测试股份有限公司', phone: '13700000001', level: 'C' });
    const rows = [
      ['客户名称', '电话', '级别'],
      ['重复测试有限公司', '', 'A'],
      ['别名公司', '137-0000-0001', 'B'],
    ];
    const skip = await importFile(t, admin(), csvOf(rows), 'd.csv', { options: { duplicateKeys: ['name', 'phone'] } });
    expect(skip.job).toMatchObject({ created: 0, skipped: 2 });
    const reasons = (await report(t, admin(), skip.upload.id)).slice(1).map((r) => r[3]);
    expect(reasons[0]).toContain('重复测试股份有限公司');
    expect(reasons[0]).toContain('张三');

    const byName = await importFile(t, admin(), csvOf(rows.slice(0, 2)), 'd.csv', {
      options: { duplicateMode: 'update', duplicateKeys: ['name'] },
    });
    expect(byName.job).toMatchObject({ updated: 1, created: 0 });
    const after = await get(`/api/v1/customers/${id}`);
    expect(after.body).toMatchObject({
      level: 'A',
      name: '重复测试有限公司',
      phone: '13700000001',
      ownerId: w.rep1.id,
    });
    const history = await get(`/api/v1/customers/${id}/history`);
    expect(history.body.items[0].action).toBe('update');

    const create = await importFile(t, admin(), csvOf(rows.slice(0, 2)), 'd.csv', {
      options: { duplicateMode: 'create', duplicateKeys: ['name'] },
    });
    expect(create.job).toMatchObject({ created: 1, skipped: 0 });
    expect(await find('重复测试')).toHaveLength(2);

    // The same customer twice in one file: the second row is reported as a duplicate of the first.
    const twice = await importFile(
      t,
      admin(),
      csvOf([['客户名称'], ['文件内重复有限公司'], ['文件内重复公司']]),
      'twice.csv',
    );
    expect(twice.job).toMatchObject({ created: 1, skipped: 1 });
    expect((await report(t, admin(), twice.upload.id))[1]![1]).toContain('第 2 行');
  });

  it('imports straight into a public pool', async () => {
    const pool = await t.request('POST', '/api/v1/pools', {
      token: admin(),
      body: { name: '导入公海', departmentIds: [w.sales] },
    });
    expect(pool.status, JSON.stringify(pool.body)).toBe(201);
    const { job } = await importFile(
      t,
      admin(),
      csvOf([
        ['客户名称', '负责人'],
        ['公海导入有限公司', '张三'],
      ]),
      'p.csv',
      {
        options: { poolId: pool.body.id },
      },
    );
    expect(job).toMatchObject({ created: 1 });
    const list = await get(`/api/v1/pools/${pool.body.id}/customers`);
    expect(list.status).toBe(200);
    const c = list.body.items.find((x: { name: string }) => x.name === '公海导入有限公司');
    expect(c).toBeTruthy();
    expect(await find('公海导入')).toHaveLength(0); // owned lists leave pool customers out
  });

  it('imports a 1,000-row XLSX fully', async () => {
    const rows: (string | number)[][] = [['客户名称', '电话', '邮箱']];
    for (let i = 0; i < 1000; i++)
      rows.push([`千行导入${i}号有限公司`, `1390000${String(i).padStart(4, '0')}`, `k${i}@bulk.test`]);
    const { job } = await importFile(t, admin(), await xlsxOf(rows), 'k.xlsx', {
      options: { duplicateKeys: ['name', 'phone', 'email'] },
    });
    expect(job).toMatchObject({ status: 'done', rowCount: 1000, processed: 1000, created: 1000, failed: 0 });
    const res = await get('/api/v1/customers?limit=1&q=千行导入');
    expect(res.body.total).toBe(1000);
  });

  it('templates list the standard headers, the custom fields and an example row that imports cleanly', async () => {
    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/v1/imports/templates/customers.xlsx',
      headers: { authorization: `Bearer ${admin()}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const rows = await readXlsx(xlsx.rawPayload);
    expect(rows[0]!.slice(0, 3)).toEqual(['客户名称', '简称', '客户类型']);
    expect(rows[0]).toContain('年营业额');
    const csv = await get('/api/v1/imports/templates/customers.csv');
    expect(csv.status).toBe(200);
    expect(String(csv.body).charCodeAt(0)).toBe(0xfeff);
    const { job } = await importFile(t, admin(), xlsx.rawPayload, 'template.xlsx', {
      options: { duplicateMode: 'create' },
    });
    expect(job).toMatchObject({ created: 1, failed: 0 });
  });

  it('answers 400, 403 and 404 across tenants', async () => {
    const bad = await uploadFile(t, admin(), Buffer.from('hello'), 'a.pdf');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.file).toBeTruthy();
    const headerOnly = await uploadFile(t, admin(), csvOf([['客户名称']]), 'a.csv');
    expect(headerOnly.status).toBe(400);

    const up = await uploadFile(
      t,
      admin(),
      csvOf([
        ['公司', '电话'],
        ['x', '1'],
      ]),
      'a.csv',
    );
    expect(up.status).toBe(201);
    const noName = await t.request('POST', `/api/v1/imports/${up.body.id}/start`, {
      token: admin(),
      body: { mapping: { 公司: null, 电话: 'phone' }, options: {} },
    });
    expect(noName.status).toBe(400);
    expect(noName.body.error.fields.mapping).toBeTruthy();
    const unknown = await t.request('POST', `/api/v1/imports/${up.body.id}/start`, {
      token: admin(),
      body: { mapping: { 公司: 'name', 电话: 'fax' }, options: { duplicateMode: 'merge' } },
    });
    expect(unknown.status).toBe(400);

    // viewer: customers.view only
    expect((await uploadFile(t, w.viewer.token, csvOf([['客户名称'], ['x']]), 'a.csv')).status).toBe(403);
    expect((await get(`/api/v1/imports/${up.body.id}`, w.viewer.token)).status).toBe(403);
    expect((await get('/api/v1/imports/templates/customers.xlsx', w.viewer.token)).status).toBe(403);

    const other = await t.registerTenant();
    expect((await get(`/api/v1/imports/${up.body.id}`, other.token)).status).toBe(404);
    expect((await get(`/api/v1/imports/${up.body.id}/report.xlsx`, other.token)).status).toBe(404);
    const start = await t.request('POST', `/api/v1/imports/${up.body.id}/start`, {
      token: other.token,
      body: { mapping: { 公司: 'name' } },
    });
    expect(start.status).toBe(404);

    const ok = await t.request('POST', `/api/v1/imports/${up.body.id}/start`, {
      token: admin(),
      body: { mapping: { 公司: 'name' } },
    });
    expect(ok.status).toBe(200);
    const again = await t.request('POST', `/api/v1/imports/${up.body.id}/start`, {
      token: admin(),
      body: { mapping: { 公司: 'name' } },
    });
    expect(again.status).toBe(409);
  });
});
