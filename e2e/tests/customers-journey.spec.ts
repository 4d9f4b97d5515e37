import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import {
  addContact,
  addFollowUp,
  DESKTOP,
  dialog,
  expectNoHorizontalOverflow,
  label,
  login,
  logout,
  openMenu,
  PHONE,
  pickOption,
  shot,
} from './helpers.ts';

/*
 * The customers journey of issue 3, across roles and companies:
 *   the company admin registers and sets up 销售一部 (a manager and two salespeople under them, built-in roles
 *   销售经理 / 销售人员) and a public pool covering it → salesperson 1 adds a customer and never follows it up →
 *   the admin gives the pool the rule "N 天未跟进 → 公海" in its settings, the test moves the server's business
 *   clock N + 1 days ahead (PUT /api/v1/test/clock, which exists only with TEST_CLOCK=1, see
 *   playwright.config.ts), the admin clicks 立即执行规则 and the untouched customer is in the pool with the rule as
 *   its reason; the clock goes back → salesperson 2 sees it in the 公海 → salesperson 1 adds another customer, is
 *   warned of a near-duplicate, adds a contact and a follow-up, and gives it back to the pool (退回公海) with a
 *   reason → salesperson 2 claims it (领取) on the 公海 page → the manager sees it under 下属负责的 → the manager
 *   imports an XLSX of 1,000 customers (a few bad rows and a duplicate) through the import wizard, watches the
 *   progress bar and downloads the error report → the admin of another company never sees the customer (list,
 *   global search, direct URL). Desktop (1366×800) and phone (375×812) shots of the key steps.
 *
 * The rule runs before the other customers exist: with the clock N + 1 days ahead it would move every customer of
 * 销售一部 not followed up since, and the later steps need theirs owned.
 */

const PASSWORD = 'Journey@2026';
const run = Date.now().toString(36);
const COMPANY = '汇客旅程销售有限公司';
const OTHER_COMPANY = '别家旅程贸易有限公司';
const DEPT = '销售一部';
const POOL = '销售一部公海';
const FIRST = '星河旅程数据科技有限公司';
const NEAR = '星河旅程数据科技';
const REASON = '客户预算冻结，明年再跟';
/** Salesperson 1's customer nobody follows up; the pool rule moves it after RULE_DAYS days. */
const UNTOUCHED = '云杉旅程物流有限公司';
const RULE_DAYS = 7;
const IMPORT_ROWS = 1000;
const BAD_ROWS = 4;

const admin = { name: '钱管理', email: `journey-admin-${run}@e2e.test` };
const manager = { name: '孙经理', email: `journey-manager-${run}@e2e.test` };
const sales1 = { name: '周销售', email: `journey-s1-${run}@e2e.test` };
const sales2 = { name: '吴销售', email: `journey-s2-${run}@e2e.test` };
const other = { name: '郑管理', email: `journey-other-${run}@e2e.test` };

/** What the built-in 销售人员 role must grant for this journey. */
const SALES_GRANTS = [
  'customers.view',
  'customers.create',
  'customers.edit',
  'contacts.view',
  'contacts.create',
  'followups.view',
  'followups.create',
  'pools.view',
  'pools.claim',
];

const drawer = (page: Page) => page.locator('.ant-drawer-open');
const toast = (page: Page, text: string) => page.locator('.ant-message').getByText(text);
const statistic = (page: Page, title: string) =>
  page.locator('.ant-statistic').filter({ has: page.locator('.ant-statistic-title', { hasText: title }) });

/** The desktop shot, then the same state at phone width (no sideways scrolling), then back to desktop. */
async function shots(page: Page, name: string, opts: { overflow?: boolean } = {}) {
  await shot(page, `desktop-${name}`);
  await page.setViewportSize(PHONE);
  if (opts.overflow !== false) await expectNoHorizontalOverflow(page);
  await shot(page, `phone-${name}`);
  await page.setViewportSize(DESKTOP);
}

/** Move the server's business clock (TEST_CLOCK only; loopback, no login): today + offsetDays for the pool rules. */
async function setServerClock(page: Page, offsetDays: number) {
  const res = await page.request.put('/api/v1/test/clock', { data: { offsetDays } });
  expect(res.ok(), `PUT /api/v1/test/clock → ${res.status()} ${await res.text()}`).toBe(true);
}

/** A JSON call with the page's session, and the CSRF header on writes as the web app sends it. */
async function call<T>(page: Page, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'huike_csrf')?.value;
  const res = await page.request.fetch(url, {
    method,
    data,
    headers: method === 'GET' || !csrf ? {} : { 'x-csrf-token': decodeURIComponent(csrf) },
  });
  expect(res.ok(), `${method} ${url} → ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

async function register(page: Page, company: string, who: { name: string; email: string }) {
  await page.goto('/register');
  await page.getByLabel('企业名称').fill(company);
  await page.getByLabel('管理员姓名').fill(who.name);
  await page.getByLabel('邮箱').fill(who.email);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('确认密码').fill(PASSWORD);
  await page.getByRole('button', { name: '注册并进入' }).click();
  await expect(page.getByTestId('greeting')).toContainText(who.name);
}

async function newCustomer(page: Page, name: string, phone: string) {
  await page.goto('/customers');
  await page.getByRole('button', { name: label('新建客户') }).click();
  const form = drawer(page);
  await form.getByLabel('客户名称').fill(name);
  await form.getByLabel('客户名称').blur();
  await form.getByLabel('电话').fill(phone);
  await form.getByLabel('电话').blur();
  return form;
}

/** 1,000 rows: valid customers, a few rows the server must reject, one duplicate of an existing customer. */
async function customersXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('客户');
  sheet.addRow(['客户名称', '电话', '邮箱', '行业', '客户级别']);
  for (let i = 1; i <= IMPORT_ROWS; i++) {
    const n = String(i).padStart(4, '0');
    if (i === 100) sheet.addRow(['', '021-66660100', 'noname@example.com', '制造业', 'A']);
    else if (i === 200) sheet.addRow([`导入旅程客户${n}有限公司`, '021-66660200', 'not-an-email', '制造业', 'B']);
    else if (i === 300) sheet.addRow([`导入旅程客户${n}有限公司`, '12', 'c0300@example.com', '制造业', 'B']);
    else if (i === 400) sheet.addRow(['', '', '', '零售', '']);
    else if (i === 500) sheet.addRow([FIRST, '021-62000500', 'dup@example.com', '信息技术', 'A']);
    else sheet.addRow([`导入旅程客户${n}有限公司`, `021-6${n.padStart(7, '6')}`, `c${n}@example.com`, '制造业', 'C']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('customers journey: pool rule, duplicate, contact, follow-up, return, claim, 下属负责的, tenant isolation, 1,000-row import', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize(DESKTOP);
  let customerUrl = '';

  await test.step('the admin registers a company and sets up 销售一部, its people and its pool', async () => {
    await register(page, COMPANY, admin);
    const { items: depts } = await call<{ items: { id: string; parentId: string | null }[] }>(
      page,
      'GET',
      '/api/v1/departments',
    );
    const root = depts.find((d) => d.parentId === null)!;
    const dept = await call<{ id: string }>(page, 'POST', '/api/v1/departments', { parentId: root.id, name: DEPT });
    const { items: roles } = await call<{ items: { id: string; name: string; code: string | null }[] }>(
      page,
      'GET',
      '/api/v1/roles',
    );
    const roleId = (name: string) => roles.find((r) => r.name === name)!.id;
    const person = (who: { name: string; email: string }, role: string, supervisorId: string | null, title: string) =>
      call<{ id: string }>(page, 'POST', '/api/v1/employees', {
        name: who.name,
        email: who.email,
        password: PASSWORD,
        departmentId: dept.id,
        supervisorId,
        positionTitle: title,
        roleIds: [roleId(role)],
      });
    const boss = await person(manager, '销售经理', null, '销售经理');
    await person(sales1, '销售人员', boss.id, '销售代表');
    await person(sales2, '销售人员', boss.id, '销售代表');
    await call(page, 'POST', '/api/v1/pools', { name: POOL, departmentIds: [dept.id] });
    await openMenu(page, '公海');
    await expect(page.getByTestId('pool-picker')).toContainText(POOL);
    await logout(page);
  });

  await test.step('salesperson 1 has the 销售人员 grants', async () => {
    await login(page, sales1.email, PASSWORD);
    const me = await call<{ permissions: string[]; scopes: Record<string, string> }>(page, 'GET', '/api/v1/auth/me');
    expect(
      SALES_GRANTS.filter((p) => !me.permissions.includes(p)),
      'missing grants of 销售人员',
    ).toEqual([]);
    expect(me.permissions).not.toContain('customers.import');
  });

  await test.step('salesperson 1 adds a customer and never follows it up', async () => {
    const form = await newCustomer(page, UNTOUCHED, '0571-88001234');
    await form.getByRole('button', { name: label('保存') }).click();
    await expect(page.getByTestId('customer-name')).toHaveText(UNTOUCHED);
    await logout(page);
  });

  await test.step(`the admin sets "${RULE_DAYS} 天未跟进 → 公海", the clock moves ${RULE_DAYS + 1} days, 立即执行规则 moves the customer`, async () => {
    await login(page, admin.email, PASSWORD);
    await openMenu(page, '公海');
    await expect(page.getByTestId('pool-picker')).toContainText(POOL);
    await page.getByRole('button', { name: label('公海设置') }).click();
    const settings = drawer(page);
    const rule = settings.getByTestId('rule-noFollowUpDays');
    await rule.getByRole('switch').click();
    await expect(rule.getByRole('switch')).toBeChecked();
    await rule.getByLabel('超过 N 天未跟进，移入公海 N').fill(String(RULE_DAYS));
    await settings.getByRole('button', { name: label('保存') }).click();
    await expect(toast(page, '公海设置已保存')).toBeVisible();
    await expect(page.getByText(`超过 ${RULE_DAYS} 天未跟进`)).toBeVisible();

    // Today the customer is brand new: the preview moves nothing.
    await page.getByTestId('dry-run').click();
    const preview = dialog(page, '规则预览');
    await expect(preview).toContainText('今天没有客户会被移入公海');
    await page.keyboard.press('Escape');
    await expect(preview).toBeHidden();

    await setServerClock(page, RULE_DAYS + 1);
    try {
      await page.getByTestId('apply-rules').click();
      const confirm = page.locator('.ant-popconfirm');
      await expect(confirm).toContainText(`立即执行“${POOL}”的回收规则？`);
      await confirm.getByRole('button', { name: label('立即执行规则') }).click();
      const result = page.getByTestId('apply-result');
      await expect(result).toContainText('移入公海 1 个客户');
      await expect(result).toContainText(UNTOUCHED);
    } finally {
      await setServerClock(page, 0);
    }
    const row = page.getByTestId('pool-row').filter({ hasText: UNTOUCHED });
    await expect(row).toContainText(`${RULE_DAYS} 天未跟进`);
    await expect(row).toContainText(sales1.name);
    await shots(page, '27-admin-pool-rule-applied');
    await logout(page);
  });

  await test.step('salesperson 2 sees the untouched customer in the 公海, moved by the rule', async () => {
    await login(page, sales2.email, PASSWORD);
    await openMenu(page, '公海');
    const row = page.getByTestId('pool-row').filter({ hasText: UNTOUCHED });
    await expect(row).toContainText(`${RULE_DAYS} 天未跟进`);
    await expect(row).toContainText(sales1.name);
    await expect(row.getByTestId('claim')).toBeVisible();
    await shots(page, '28-sales2-pool-rule');
    await logout(page);
  });

  await test.step('salesperson 1 adds a customer, then a near-duplicate: warned while typing and on save', async () => {
    await login(page, sales1.email, PASSWORD);
    let form = await newCustomer(page, FIRST, '0755-86001234');
    await pickOption(page, form, '行业', '信息技术', false);
    await form.getByRole('button', { name: label('保存') }).click();
    await expect(page.getByTestId('customer-name')).toHaveText(FIRST);

    form = await newCustomer(page, NEAR, '13700001234');
    await expect(form.getByTestId('duplicate-warning')).toContainText(FIRST);
    await shots(page, '20-sales-duplicate-warning');
    await form.getByRole('button', { name: label('保存') }).click();
    const ask = dialog(page, '仍然创建');
    await expect(ask).toContainText(FIRST);
    await ask.getByRole('button', { name: label('仍然创建') }).click();
    await expect(page.getByTestId('customer-name')).toHaveText(NEAR);
    customerUrl = new URL(page.url()).pathname;
    expect(customerUrl).toMatch(/^\/customers\/[0-9a-f-]{36}$/);
  });

  await test.step('salesperson 1 adds a contact and a follow-up', async () => {
    await addContact(page, { name: '林晓', title: '信息部主任', mobile: '13712345678' });
    await expect(await addFollowUp(page, '电话', '电话沟通需求，客户今年预算已冻结。')).toContainText('预算已冻结');
    await shots(page, '21-sales-customer-view');
  });

  await test.step('salesperson 1 returns it to the pool (退回公海) with a reason', async () => {
    await page.getByRole('button', { name: label('退回公海') }).click();
    const back = dialog(page, '退回原因');
    await pickOption(page, back, '公海', POOL, false);
    await back.getByLabel('退回原因').fill(REASON);
    await back.getByRole('button', { name: label('确定') }).click();
    await expect(toast(page, '已退回公海')).toBeVisible();
    await logout(page);
  });

  await test.step('salesperson 2 finds it in the 公海 with the reason and claims it (领取)', async () => {
    await login(page, sales2.email, PASSWORD);
    await openMenu(page, '公海');
    await expect(page.getByTestId('pool-picker')).toContainText(POOL);
    const row = page.getByTestId('pool-row').filter({ hasText: NEAR });
    await expect(row).toContainText(REASON);
    await expect(row).toContainText(sales1.name);
    await shots(page, '22-sales2-pool');
    await row.getByTestId('claim').click();
    await expect(toast(page, '领取成功')).toBeVisible();
    await expect(page.getByTestId('pool-row').filter({ hasText: NEAR })).toHaveCount(0);

    await openMenu(page, '客户');
    await expect(page.getByRole('tab', { name: '我负责的', selected: true })).toBeVisible();
    await expect(page.getByTestId('customer-row')).toHaveCount(1);
    await page.getByTestId('customer-link').filter({ hasText: NEAR }).click();
    await expect(page.getByTestId('customer-name')).toHaveText(NEAR);
    await expect(page.getByTestId('customer-header')).toContainText(sales2.name);
    await logout(page);
  });

  await test.step('the manager sees it under 下属负责的, owned by salesperson 2', async () => {
    await login(page, manager.email, PASSWORD);
    await openMenu(page, '客户');
    await page.getByRole('tab', { name: '下属负责的' }).click();
    const rows = page.getByTestId('customer-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: NEAR }).filter({ hasNotText: FIRST })).toContainText(sales2.name);
    await expect(rows.filter({ hasText: FIRST })).toContainText(sales1.name);
    await shots(page, '23-manager-subordinates');
  });

  await test.step('the manager imports 1,000 customers from XLSX: progress, result, error report', async () => {
    const xlsx = await customersXlsx();
    await openMenu(page, '导入客户');
    await page.locator('input[type=file]').setInputFiles({
      name: '客户导入.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx,
    });
    const mapping = page.locator('.ant-card').filter({ hasText: '客户导入.xlsx' });
    await expect(mapping).toContainText(/共 1,?000 行数据/);
    await shots(page, '24-import-mapping');
    await page.getByRole('button', { name: label('下一步') }).click();
    await expect(page.getByText('查重依据')).toBeVisible();
    // Record every value the progress bar shows while the background job runs.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('.ant-progress[role=progressbar]');
        const v = Number(bar?.getAttribute('aria-valuenow') ?? Number.NaN);
        if (!Number.isNaN(v) && seen.at(-1) !== v) seen.push(v);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const started = Date.now();
    await page.getByRole('button', { name: label('开始导入') }).click();

    const progress = page.getByRole('progressbar');
    await expect(progress).toBeVisible();
    await expect(page.getByRole('heading', { name: '导入完成' })).toBeVisible({ timeout: 90_000 });
    await expect(progress).toHaveAttribute('aria-valuenow', '100');
    await expect(progress).toHaveClass(/ant-progress-status-success/);
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    test.info().annotations.push({
      type: 'import',
      description: `${IMPORT_ROWS} rows in ${Date.now() - started} ms; progress bar showed ${seen.join(' → ')}`,
    });
    expect(seen.at(-1)).toBe(100);
    await expect(statistic(page, '新建')).toContainText(String(IMPORT_ROWS - BAD_ROWS - 1));
    await expect(statistic(page, '失败')).toContainText(String(BAD_ROWS));
    await expect(statistic(page, '跳过')).toContainText('1');
    await shots(page, '25-import-result');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: label('下载错误报告') }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const report = new ExcelJS.Workbook();
    await report.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const rows: string[][] = [];
    report.worksheets[0]!.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '')));
    });
    expect(rows[0]).toEqual(expect.arrayContaining(['客户名称', '错误原因']));
    expect(rows).toHaveLength(1 + BAD_ROWS + 1);
    const text = rows.map((r) => r.join(' ')).join('\n');
    expect(text).toContain('not-an-email');
    expect(text).toContain(FIRST);

    await page.getByRole('button', { name: label('查看客户列表') }).click();
    await expect(page.getByTestId('customer-total')).toHaveText(
      `共 ${(IMPORT_ROWS - BAD_ROWS - 1).toLocaleString()} 个客户`,
    );
    await logout(page);
  });

  await test.step('the admin of another company never sees the customer', async () => {
    await register(page, OTHER_COMPANY, other);
    await openMenu(page, '客户');
    await page.getByRole('tab', { name: '全部' }).click();
    const search = page.getByTestId('customer-search').locator('input');
    await search.fill(NEAR);
    await search.press('Enter');
    await expect(page.getByText('没有符合条件的客户')).toBeVisible();
    await expect(page.getByTestId('customer-row').filter({ hasText: NEAR })).toHaveCount(0);

    const box = page.getByTestId('global-search');
    await box.click();
    await box.pressSequentially('星河旅程');
    await expect(page.getByText('没有找到“星河旅程”')).toBeVisible();
    await expect(page.getByTestId('search-hit')).toHaveCount(0);
    await page.keyboard.press('Escape');

    await page.goto(customerUrl);
    await expect(page.getByText('客户不存在或无权查看')).toBeVisible();
    await expect(page.getByTestId('customer-name')).toHaveCount(0);
    await shots(page, '26-other-company-not-found');
  });
});
