import { expect, type Page, test } from '@playwright/test';
import {
  DESKTOP,
  dropdown,
  expectNoHorizontalOverflow,
  label,
  login,
  logout,
  menuLabels,
  openMenu,
  PHONE,
  pickOption,
  shot,
} from './helpers.ts';

/*
 * The platform journey: register a company → department tree → a manager and two salespeople under them →
 * a custom role with "own + subordinates" on employees → the salesperson sees only the permitted menu → the
 * manager sees exactly self and the two salespeople. Screenshots at desktop and phone width.
 */

const PASSWORD = 'Journey@2026';
const run = Date.now().toString(36);
/** Mobile numbers are unique across the whole system: derive them from the run. */
const mobileOf = (n: number) => `139${String(Date.now()).slice(-7)}${n}`;
const admin = { name: '陈管理', email: `admin-${run}@e2e.test` };
const manager = { name: '王经理', email: `manager-${run}@e2e.test`, mobile: mobileOf(1) };
const sales = [
  { name: '李销售', email: `li-${run}@e2e.test`, mobile: mobileOf(2) },
  { name: '赵销售', email: `zhao-${run}@e2e.test`, mobile: mobileOf(3) },
];
const ROLE = '销售主管（下属）';
const ADMIN_MENU = [
  '工作台',
  '线索',
  '客户',
  '导入客户',
  '商机',
  '报价',
  '销售预测',
  '审批',
  '公海',
  '产品',
  '组织架构',
  '员工',
  '角色权限',
  '商机组设置',
  '审批流程设置',
  '系统设置',
  '操作日志',
];
const ADMIN_MENU_EN = [
  'Workbench',
  'Leads',
  'Customers',
  'Import customers',
  'Opportunities',
  'Quotes',
  'Sales forecast',
  'Approvals',
  'Public pools',
  'Products',
  'Organisation',
  'Employees',
  'Roles',
  'Business types',
  'Approval flows',
  'Settings',
  'Audit trail',
];
/**
 * The built-in 销售人员 role: leads, customers, opportunities, quotes, the forecast, pools (view, claim), products,
 * oneself; 审批 is everyone's.
 */
const SALES_MENU = ['工作台', '线索', '客户', '商机', '报价', '销售预测', '审批', '公海', '产品', '员工'];
/** A 1×1 PNG for the logo upload. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function addDepartment(page: Page, parent: string, name: string, kind?: '子公司' | '分支机构') {
  await page.getByTestId(`dept-node-${parent}`).click();
  await expect(page.getByTestId('department-detail')).toContainText(parent);
  await page.getByRole('button', { name: label('添加子部门') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称').fill(name);
  if (kind) {
    await dialog.getByText(kind, { exact: true }).click();
    await dialog.getByLabel('独立核算').click();
  }
  await dialog.getByRole('button', { name: label('保存') }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`dept-node-${name}`)).toBeVisible();
}

async function addEmployee(
  page: Page,
  e: { name: string; email: string; mobile: string },
  opts: { position: string; supervisor?: string; role?: string },
) {
  await page.getByRole('button', { name: '新建员工' }).click();
  const drawer = page.locator('.ant-drawer-open');
  await drawer.getByLabel('姓名').fill(e.name);
  await drawer.getByLabel('手机号').fill(e.mobile);
  await drawer.getByLabel('邮箱').fill(e.email);
  await drawer.getByLabel('初始密码').fill(PASSWORD);
  await pickOption(page, drawer, '归属部门', '销售一部', false);
  if (opts.supervisor) await pickOption(page, drawer, '直接上级', opts.supervisor);
  await drawer.getByLabel('职位').fill(opts.position);
  if (opts.role) await pickOption(page, drawer, '角色', opts.role);
  await drawer.getByRole('button', { name: label('保存') }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId('employee-row').filter({ hasText: e.name })).toBeVisible();
}

test('platform journey: company, org tree, employees, custom role, menus and data scope', async ({ page }) => {
  await page.setViewportSize(DESKTOP);

  await test.step('register a company and land on the workbench', async () => {
    await page.goto('/register');
    await shot(page, 'desktop-01-register');
    await page.getByLabel('企业名称').fill('汇客旅程测试有限公司');
    await page.getByLabel('管理员姓名').fill(admin.name);
    await page.getByLabel('邮箱').fill(admin.email);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认密码').fill(PASSWORD);
    await page.getByRole('button', { name: '注册并进入' }).click();
    await expect(page.getByTestId('greeting')).toContainText(admin.name);
    await expect(page.getByTestId('company-brand')).toContainText('汇客旅程测试有限公司');
    expect(await menuLabels(page)).toEqual(ADMIN_MENU);
    await shot(page, 'desktop-02-workbench-admin');
  });

  await test.step('build the department tree', async () => {
    await openMenu(page, '组织架构');
    const root = await page.locator('[data-testid^="dept-node-"]').first().getAttribute('data-testid');
    const rootName = root!.replace('dept-node-', '');
    await addDepartment(page, rootName, '销售部');
    await addDepartment(page, '销售部', '销售一部');
    await addDepartment(page, rootName, '上海子公司', '子公司');
    const shanghai = page.getByTestId('dept-node-上海子公司');
    await expect(shanghai).toContainText('子公司');
    await expect(shanghai).toContainText('独立核算');
    await page.getByTestId('dept-node-销售一部').click();
    await expect(page.getByTestId('department-detail')).toContainText(`${rootName} / 销售部 / 销售一部`);
    await shot(page, 'desktop-03-org-tree');
  });

  await test.step('drag 销售一部 onto 上海子公司: confirm, and the tree and the API agree', async () => {
    const source = page.getByTestId('dept-node-销售一部');
    const target = page.getByTestId('dept-node-上海子公司');
    // Drop onto the lower half and to the right of the target's start: the tree reads that as "inside".
    const height = (await target.boundingBox())!.height;
    await source.dragTo(target, {
      sourcePosition: { x: 5, y: height / 2 },
      targetPosition: { x: 80, y: height * 0.7 },
      force: true,
    });
    const confirm = page.getByRole('dialog').filter({ hasText: '销售一部' });
    await expect(confirm).toContainText('上海子公司');
    await confirm.getByRole('button', { name: label('确定') }).click();
    await expect(page.locator('.ant-message').getByText('已移动')).toBeVisible();
    await page.getByTestId('dept-node-销售一部').click();
    await expect(page.getByTestId('department-detail')).toContainText('上海子公司 / 销售一部');
    const { items } = (await (await page.request.get('/api/v1/departments')).json()) as {
      items: { id: string; name: string; parentId: string | null }[];
    };
    const byName = (n: string) => items.find((d) => d.name === n)!;
    expect(byName('销售一部').parentId).toBe(byName('上海子公司').id);
  });

  await test.step('switch to English: the menu reads in English; switch back', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect(page.getByTestId('main-menu')).toContainText('Organisation');
    await expect.poll(() => menuLabels(page)).toEqual(ADMIN_MENU_EN);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await expect.poll(() => menuLabels(page)).toEqual(ADMIN_MENU);
  });

  await test.step('add a manager and two salespeople under them', async () => {
    await openMenu(page, '员工');
    await addEmployee(page, manager, { position: '销售经理' });
    for (const s of sales)
      await addEmployee(page, s, { position: '销售代表', supervisor: manager.name, role: '销售人员' });
    const rows = page.getByTestId('employee-row');
    await expect(rows.filter({ hasText: sales[0]!.name })).toContainText(manager.name);
    await shot(page, 'desktop-04-employees-admin');
  });

  await test.step('make a custom role with employees.view on "own + subordinates"', async () => {
    await openMenu(page, '角色权限');
    await page.getByRole('button', { name: '新建角色' }).click();
    const editor = page.getByTestId('role-editor');
    await editor.getByLabel('角色名称').fill(ROLE);
    const row = editor.getByTestId('perm-row-employees');
    await row.getByText('查看', { exact: true }).click();
    await row.getByRole('combobox').click();
    await dropdown(page).getByText('本人及下属', { exact: true }).click();
    await expect(row).toContainText('本人及下属');
    await editor.getByRole('button', { name: label('保存') }).click();
    await expect(page.getByTestId(`role-item-${ROLE}`)).toBeVisible();
    await page.getByTestId('role-item-系统管理员').click();
    await expect(page.getByTestId('role-editor')).toContainText('不可修改');
    await page.getByTestId(`role-item-${ROLE}`).click();
    await shot(page, 'desktop-05-role-matrix');
  });

  await test.step('assign the role to the manager', async () => {
    await openMenu(page, '员工');
    await page
      .getByTestId('employee-row')
      .filter({ hasText: manager.name })
      .getByRole('button', { name: `编辑 ${manager.name}` })
      .click();
    const drawer = page.locator('.ant-drawer-open');
    await pickOption(page, drawer, '角色', ROLE, false);
    await drawer.locator('.ant-drawer-title').click();
    await drawer.getByRole('button', { name: label('保存') }).click();
    await expect(drawer).toBeHidden();
    const managerRow = page
      .getByTestId('employee-row')
      .filter({ has: page.getByRole('button', { name: manager.name, exact: true }) });
    await expect(managerRow).toContainText(ROLE);
    await logout(page);
  });

  await test.step('a salesperson sees only the permitted menu', async () => {
    await login(page, sales[0]!.email, PASSWORD);
    expect(await menuLabels(page)).toEqual(SALES_MENU);
    await shot(page, 'desktop-06-workbench-sales');
    await page.goto('/roles');
    await expect(page.getByTestId('page-403')).toBeVisible();
    await page.goto('/employees');
    await expect(page.getByTestId('employee-row')).toHaveCount(1);
    await page.setViewportSize(PHONE);
    await page.goto('/');
    await page.getByTestId('menu-toggle').click();
    expect(await menuLabels(page)).toEqual(SALES_MENU);
    await shot(page, 'phone-01-menu-sales');
    await page.keyboard.press('Escape');
    await logout(page);
    await page.setViewportSize(DESKTOP);
  });

  await test.step('the manager sees exactly self and the two salespeople', async () => {
    await login(page, manager.mobile, PASSWORD);
    await openMenu(page, '员工');
    const rows = page.getByTestId('employee-row');
    await expect(rows).toHaveCount(3);
    const names = (await rows.locator('td:first-child').allInnerTexts()).map((s) => s.trim()).sort();
    expect(names).toEqual([manager.name, ...sales.map((s) => s.name)].sort());
    await shot(page, 'desktop-07-employees-manager');

    await page.setViewportSize(PHONE);
    await page.reload();
    await expect(page.getByTestId('employee-row')).toHaveCount(3);
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-02-employees-manager');
    await logout(page);
  });

  await test.step('phone width: login and the admin pages fit 375 px', async () => {
    await shot(page, 'phone-03-login');
    await expectNoHorizontalOverflow(page);
    await login(page, admin.email, PASSWORD);
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-04-workbench-admin');
    for (const [path, name] of [
      ['/org', 'phone-05-org'],
      ['/employees', 'phone-06-employees-admin'],
      ['/roles', 'phone-07-roles'],
      ['/settings', 'phone-08-settings'],
    ] as const) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await expectNoHorizontalOverflow(page);
      if (path === '/roles') {
        // Phones get a compact role picker above the editor instead of the full list.
        await expect(page.getByTestId('role-picker')).toBeVisible();
        await expect(page.getByTestId('role-list')).toHaveCount(0);
      }
      await shot(page, name);
    }
    // Logo upload (multipart with the CSRF header) shows up in the header brand.
    await page.goto('/settings');
    await page.locator('input[type=file]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await expect(page.getByText('LOGO 已更新')).toBeVisible();
    await expect(page.getByTestId('company-brand').locator('img')).toHaveAttribute('src', /\/api\/v1\/settings\/logo/);
    await page.goto('/employees');
    await page.getByRole('button', { name: '新建员工' }).click();
    await expect(page.locator('.ant-drawer-open')).toBeVisible();
    await shot(page, 'phone-09-employee-drawer');
  });
});
