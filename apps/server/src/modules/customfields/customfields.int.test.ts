import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/errors.ts';
import { customers } from '../customers/customers.table.ts';
import { addEmployee, addRole, disableEmployee, type TestEmployee } from '../roles/test-users.ts';
import { putCustomer } from '../search/search.test-helpers.ts';
import { type CustomFilterOp, customFieldCondition, customFilterFromQuery } from './customfields.filter.ts';
import type { CustomField } from './customfields.schemas.ts';
import { mergeCustomValues, validateCustomValues, visibleCustomValues } from './customfields.values.ts';

let t: TestApp;
let admin: Session;
let rep: TestEmployee;
const fields: Record<string, CustomField> = {};

const create = (body: Record<string, unknown>, token = admin.token, lang?: string) =>
  t.request('POST', '/api/v1/custom-fields', { token, body, lang });

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.registerTenant();
  const role = await addRole(t, admin.tenant.id, ['customers.view'], { customers: 'own' });
  rep = await addEmployee(t, admin.tenant.id, { name: '张三', roleIds: [role] });
  const defs: Record<string, unknown>[] = [
    { label: '备注', type: 'text' },
    { label: '员工数', type: 'number' },
    { label: '注册资本', type: 'money', required: true, key: 'capital' },
    { label: '成立日期', type: 'date' },
    { label: '企业规模', type: 'select', options: ['小型', '中型', '大型'] },
    { label: '经营范围', type: 'multiselect', options: ['软件', '硬件', '咨询'] },
    { label: '传真', type: 'phone' },
    { label: '财务邮箱', type: 'email' },
    { label: '客户经理', type: 'user' },
    { label: '营业执照', type: 'attachment' },
  ];
  for (const d of defs) {
    const res = await create({ objectType: 'customer', ...d });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    fields[res.body.type] = res.body;
  }
});
afterAll(() => t?.close());

const validate = (values: Record<string, unknown>, partial = false, tenantId = admin.tenant.id) =>
  inTenant(t.services.database.db, tenantId, (tx) =>
    validateCustomValues(tx, tenantId, 'customer', values, { partial }),
  );

async function fieldErrors(values: Record<string, unknown>, partial = false): Promise<Record<string, string>> {
  try {
    await validate(values, partial);
  } catch (err) {
    if (err instanceof AppError)
      return Object.fromEntries(Object.entries(err.fields ?? {}).map(([k, f]) => [k, f.key]));
    throw err;
  }
  return {};
}

describe('custom field definitions', () => {
  it('creates fields of every type with stable generated or given keys, listed in order', async () => {
    expect(fields.text!.key).toMatch(/^f_[a-z0-9]{8}$/);
    expect(fields.money!.key).toBe('capital');
    expect(fields.select).toMatchObject({ objectType: 'customer', options: ['小型', '中型', '大型'], required: false });
    const list = await t.request('GET', '/api/v1/custom-fields?objectType=customer', { token: rep.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((f: CustomField) => f.label)).toEqual([
      '备注',
      '员工数',
      '注册资本',
      '成立日期',
      '企业规模',
      '经营范围',
      '传真',
      '财务邮箱',
      '客户经理',
      '营业执照',
    ]);
    const contacts = await t.request('GET', '/api/v1/custom-fields?objectType=contact', { token: rep.token });
    expect(contacts.body.items).toEqual([]);
  });

  it('refuses a taken key (409), a bad key or type, a choice field without options (400), writes without settings.manage (403)', async () => {
    const taken = await create({ objectType: 'customer', label: '重复', type: 'text', key: 'capital' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('customfields.key_taken');
    const bad = await create({ objectType: 'customer', label: '', type: 'colour', key: '9x' }, admin.token, 'en');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['key', 'label', 'type']);
    expect(bad.body.error.fields.key).toMatch(/lower-case letter/);
    const noOptions = await create({ objectType: 'customer', label: '等级', type: 'select' });
    expect(noOptions.status).toBe(400);
    expect(noOptions.body.error.fields).toEqual({ options: '请至少添加一个选项' });
    const dupOptions = await create({ objectType: 'customer', label: '等级', type: 'select', options: ['A', 'A'] });
    expect(dupOptions.status).toBe(400);
    expect((await create({ objectType: 'customer', label: '无权', type: 'text' }, rep.token)).status).toBe(403);
    const patch = await t.request('PATCH', `/api/v1/custom-fields/${fields.text!.id}`, {
      token: rep.token,
      body: { label: 'x' },
    });
    expect(patch.status).toBe(403);
  });

  it('changes label, options, required and order, but never key or type; deletes by hiding', async () => {
    const id = fields.select!.id;
    const patched = await t.request('PATCH', `/api/v1/custom-fields/${id}`, {
      token: admin.token,
      body: { label: '规模', options: ['小型', '中型', '大型', '超大型'], sortOrder: 5 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ label: '规模', options: ['小型', '中型', '大型', '超大型'], sortOrder: 5 });
    const typeChange = await t.request('PATCH', `/api/v1/custom-fields/${id}`, {
      token: admin.token,
      body: { type: 'text' },
    });
    expect(typeChange.status).toBe(400);

    const temp = await create({ objectType: 'contact', label: '临时', type: 'text', key: 'temp' });
    const del = await t.request('DELETE', `/api/v1/custom-fields/${temp.body.id}`, { token: admin.token });
    expect(del.status).toBe(200);
    const after = await t.request('GET', '/api/v1/custom-fields?objectType=contact', { token: admin.token });
    expect(after.body.items).toEqual([]);
    expect((await t.request('DELETE', `/api/v1/custom-fields/${temp.body.id}`, { token: admin.token })).status).toBe(
      404,
    );
    // the key is never handed out again
    expect((await create({ objectType: 'contact', label: '再来', type: 'text', key: 'temp' })).status).toBe(409);
    const history = await t.request('GET', '/api/v1/audit?objectType=custom_field', { token: admin.token });
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'delete']),
    );
  });

  it('removes a deleted field’s values: stored rows, GET, lists and export of customers and contacts', async () => {
    const tenantId = admin.tenant.id;
    const db = t.services.database.db;
    const gone = await create({ objectType: 'customer', label: '旧编号', type: 'text', key: 'old_no' });
    const kept = await create({ objectType: 'customer', label: '保留项', type: 'text', key: 'kept' });
    const hobby = await create({ objectType: 'contact', label: '爱好', type: 'text', key: 'hobby' });
    expect([gone.status, kept.status, hobby.status]).toEqual([201, 201, 201]);
    const made = await t.request('POST', '/api/v1/customers', {
      token: admin.token,
      body: {
        name: '字段删除测试有限公司',
        ownerId: rep.id,
        force: true,
        custom: { capital: '10', old_no: 'OLD-7781', kept: 'KEEP-7781' },
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id;
    const contact = await t.request('POST', '/api/v1/contacts', {
      token: admin.token,
      body: { customerId: id, name: '删字段联系人', custom: { hobby: '钓鱼' } },
    });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);
    const stored = async () => {
      const [row] = await inTenant(db, tenantId, (tx) =>
        tx
          .select({ custom: customers.custom, updatedAt: customers.updatedAt })
          .from(customers)
          .where(and(eq(customers.tenantId, tenantId), eq(customers.id, id))),
      );
      return row!;
    };
    const before = await stored();
    expect(before.custom).toMatchObject({ old_no: 'OLD-7781' });

    for (const f of [gone, hobby]) {
      expect((await t.request('DELETE', `/api/v1/custom-fields/${f.body.id}`, { token: admin.token })).status).toBe(
        200,
      );
    }
    // Gone from the stored JSON, in the delete's own transaction; nobody edited the record itself.
    const after = await stored();
    expect(after.custom).toEqual({ capital: '10.00', kept: 'KEEP-7781' });
    expect(after.updatedAt).toEqual(before.updatedAt);
    const [ct] = await inTenant(db, tenantId, (tx) =>
      tx.execute<{ custom: unknown }>(
        sql`SELECT custom FROM contacts WHERE tenant_id = ${tenantId} AND id = ${contact.body.id}`,
      ),
    ).then((r) => r.rows);
    expect(typeof ct!.custom === 'string' ? JSON.parse(ct!.custom) : ct!.custom).toEqual({});

    // A value that escaped the UPDATE (written concurrently, restored from a backup) stays hidden on read.
    await inTenant(db, tenantId, (tx) =>
      tx.execute(sql`UPDATE customers SET custom = custom || '{"old_no": "OLD-7781"}'::jsonb
        WHERE tenant_id = ${tenantId} AND id = ${id}`),
    );
    await inTenant(db, tenantId, (tx) =>
      tx.execute(sql`UPDATE contacts SET custom = '{"hobby": "钓鱼"}'::jsonb
        WHERE tenant_id = ${tenantId} AND id = ${contact.body.id}`),
    );
    const one = await t.request('GET', `/api/v1/customers/${id}`, { token: admin.token });
    expect(one.body.custom).toEqual({ capital: '10.00', kept: 'KEEP-7781' });
    const list = await t.request('GET', `/api/v1/customers?view=all&q=${encodeURIComponent('字段删除测试')}`, {
      token: admin.token,
    });
    expect(list.body.items.map((c: { custom: unknown }) => c.custom)).toEqual([
      { capital: '10.00', kept: 'KEEP-7781' },
    ]);
    const exported = await t.app.inject({
      method: 'GET',
      url: `/api/v1/customers/export?format=csv&q=${encodeURIComponent('字段删除测试')}`,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain('KEEP-7781');
    expect(exported.body).not.toContain('OLD-7781');
    const contactOne = await t.request('GET', `/api/v1/contacts/${contact.body.id}`, { token: admin.token });
    expect(contactOne.body.custom).toEqual({});
    const contactList = await t.request('GET', `/api/v1/customers/${id}/contacts`, { token: admin.token });
    expect(contactList.body.items.map((c: { custom: unknown }) => c.custom)).toEqual([{}]);
  });

  it('answers 404 for another company’s field', async () => {
    const other = await t.registerTenant();
    const id = fields.text!.id;
    const patch = await t.request('PATCH', `/api/v1/custom-fields/${id}`, { token: other.token, body: { label: 'x' } });
    expect(patch.status).toBe(404);
    expect((await t.request('DELETE', `/api/v1/custom-fields/${id}`, { token: other.token })).status).toBe(404);
    const list = await t.request('GET', '/api/v1/custom-fields', { token: other.token });
    expect(list.body.items).toEqual([]);
  });
});

describe('validateCustomValues', () => {
  it('normalises every type to its stored form', async () => {
    const k = (type: string) => fields[type]!.key;
    const out = await validate({
      [k('text')]: '  老客户 ',
      [k('number')]: '1,200.50',
      capital: 1234.5,
      [k('date')]: '2024/3/9',
      [k('select')]: '中型',
      [k('multiselect')]: ['咨询', '软件', '软件'],
      [k('phone')]: '+86 139 1234 5678',
      [k('email')]: ' Finance@Demo.EXAMPLE ',
      [k('user')]: rep.id,
      [k('attachment')]: '01a208aa-0685-7371-95c1-10109e6e567e',
    });
    expect(out).toEqual({
      [k('text')]: '老客户',
      [k('number')]: '1200.5',
      capital: '1234.50',
      [k('date')]: '2024-03-09',
      [k('select')]: '中型',
      [k('multiselect')]: ['软件', '咨询'],
      [k('phone')]: '13912345678',
      [k('email')]: 'finance@demo.example',
      [k('user')]: rep.id,
      [k('attachment')]: '01a208aa-0685-7371-95c1-10109e6e567e',
    });
    expect(await validate({ capital: '0.1' })).toEqual({ capital: '0.10' });
  });

  it('names every bad value, unknown key and missing required field as custom.<key>', async () => {
    const k = (type: string) => `custom.${fields[type]!.key}`;
    const errors = await fieldErrors({
      [fields.number!.key]: 'abc',
      [fields.date!.key]: '2024-02-30',
      [fields.select!.key]: '巨型',
      [fields.multiselect!.key]: ['软件', '游戏'],
      [fields.phone!.key]: '12',
      [fields.email!.key]: 'not-an-email',
      [fields.user!.key]: '01a208aa-0685-7371-95c1-10109e6e567e',
      [fields.attachment!.key]: 'nope',
      nosuch: 1,
    });
    expect(errors).toEqual({
      [k('number')]: 'customfields.invalid_number',
      [k('date')]: 'customfields.invalid_date',
      [k('select')]: 'field.invalid_option',
      [k('multiselect')]: 'field.invalid_option',
      [k('phone')]: 'customfields.invalid_phone',
      [k('email')]: 'field.invalid_email',
      [k('user')]: 'customfields.inactive_user',
      [k('attachment')]: 'field.invalid_uuid',
      'custom.nosuch': 'field.unknown',
      'custom.capital': 'field.required',
    });
    expect(await fieldErrors({ capital: '1.234' })).toEqual({ 'custom.capital': 'customfields.money_scale' });
  });

  it('on update checks only the keys given; empty clears unless required; a disabled user is refused', async () => {
    expect(await validate({ [fields.text!.key]: '' }, true)).toEqual({ [fields.text!.key]: null });
    expect(await fieldErrors({ capital: '' }, true)).toEqual({ 'custom.capital': 'field.required' });
    expect(await validate({}, true)).toEqual({});
    const gone = await addEmployee(t, admin.tenant.id, { name: '已离职' });
    await disableEmployee(t, admin.tenant.id, gone.id);
    expect(await fieldErrors({ [fields.user!.key]: gone.id }, true)).toEqual({
      [`custom.${fields.user!.key}`]: 'customfields.inactive_user',
    });
    expect(mergeCustomValues({ a: 1, b: 2 }, { b: null, c: 3 })).toEqual({ a: 1, c: 3 });
    expect(visibleCustomValues([{ key: 'a' }], { a: 1, deleted: 2 })).toEqual({ a: 1 });
  });
});

describe('customFieldCondition', () => {
  it('filters customers on custom values: equality, any-of, has-all, substrings, ranges, empty', async () => {
    const tenantId = admin.tenant.id;
    const k = (type: string) => fields[type]!.key;
    const rows = [
      {
        name: '甲',
        custom: { capital: '100.00', [k('date')]: '2020-01-01', [k('select')]: '小型', [k('multiselect')]: ['软件'] },
      },
      {
        name: '乙',
        custom: {
          capital: '2500.50',
          [k('date')]: '2022-06-30',
          [k('select')]: '中型',
          [k('multiselect')]: ['软件', '咨询'],
          [k('text')]: '重点老客户',
        },
      },
      { name: '丙', custom: { capital: '99999.00', [k('select')]: '大型', [k('number')]: '12' } },
    ];
    for (const r of rows) await putCustomer(t, tenantId, { name: `筛选${r.name}`, ownerId: rep.id, custom: r.custom });
    const names = (cond: ReturnType<typeof customFieldCondition>) =>
      inTenant(t.services.database.db, tenantId, async (tx) =>
        (
          await tx
            .select({ name: customers.name })
            .from(customers)
            .where(and(eq(customers.tenantId, tenantId), sql`${customers.name} LIKE '筛选%'`, cond))
        )
          .map((r) => r.name.slice(2))
          .sort(),
      );
    const on = (type: string, op: CustomFilterOp, value?: unknown) =>
      names(customFieldCondition(customers.custom, fields[type]!, op, value));
    const q = (type: string, raw: string) => names(customFilterFromQuery(customers.custom, fields[type]!, raw));

    expect(await on('select', 'eq', '中型')).toEqual(['乙']);
    expect(await on('select', 'in', ['小型', '大型'])).toEqual(['丙', '甲']);
    expect(await on('multiselect', 'eq', '软件')).toEqual(['乙', '甲']);
    expect(await on('multiselect', 'contains', ['软件', '咨询'])).toEqual(['乙']);
    expect(await on('text', 'contains', '老客')).toEqual(['乙']);
    expect(await on('money', 'gte', '2500.5')).toEqual(['丙', '乙']);
    expect(await on('money', 'eq', '100')).toEqual(['甲']);
    expect(await on('date', 'between', ['2021-01-01', '2023-01-01'])).toEqual(['乙']);
    expect(await on('number', 'empty')).toEqual(['乙', '甲']);
    expect(await on('number', 'notEmpty')).toEqual(['丙']);
    expect(await q('money', '1000..')).toEqual(['丙', '乙']);
    expect(await q('money', '..1000')).toEqual(['甲']);
    expect(await q('date', '2020-01-01..2022-06-30')).toEqual(['乙', '甲']);
    expect(await q('select', '小型,中型')).toEqual(['乙', '甲']);
    expect(await q('multiselect', '咨询')).toEqual(['乙']);
    expect(await q('number', '!')).toEqual(['乙', '甲']);
    expect(() => customFilterFromQuery(customers.custom, fields.money!, 'abc')).toThrow(AppError);
    expect(() => customFieldCondition(customers.custom, fields.select!, 'gte', '1')).toThrow(AppError);
  });
});
