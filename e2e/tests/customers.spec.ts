import { expect, type Page, test } from '@playwright/test';
import {
  addContact,
  addFollowUp,
  DESKTOP,
  dialog,
  dropdown,
  expectNoHorizontalOverflow,
  label,
  openMenu,
  PHONE,
  pickOption,
  shot,
} from './helpers.ts';

/*
 * The customers journey (issue 3, what the server offers today): an administrator of a new company adds a
 * customer, is warned of a near-duplicate and creates it anyway, adds a contact and a follow-up, sets up a
 * public pool, returns a customer to it, is refused the claim during the cooldown and assigns it instead;
 * global search finds it; the audit trail lists the changes. Desktop and phone shots.
 */

const PASSWORD = 'Journey@2026';
const run = Date.now().toString(36);
const FIRST = '汇客旅程科技有限公司';
const NEAR = '汇客旅程科技';
const POOL = '华东公海';

const drawer = (page: Page) => page.locator('.ant-drawer-open');
const toast = (page: Page, text: string) => page.locator('.ant-message').getByText(text);

async function createCustomer(page: Page, name: string, phone: string) {
  await page.goto('/customers');
  await page.getByRole('button', { name: label('新建客户') }).click();
  const form = drawer(page);
  await form.getByLabel('客户名称').fill(name);
  await form.getByLabel('客户名称').blur();
  await form.getByLabel('电话').fill(phone);
  await form.getByLabel('电话').blur();
  return form;
}

test('customers journey: duplicate warning, contact, follow-up, pool return, claim refused, assign, search', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);

  await test.step('register a company', async () => {
    await page.goto('/register');
    await page.getByLabel('企业名称').fill('汇客客户旅程有限公司');
    await page.getByLabel('管理员姓名').fill('周管理');
    await page.getByLabel('邮箱').fill(`cust-${run}@e2e.test`);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认密码').fill(PASSWORD);
    await page.getByRole('button', { name: '注册并进入' }).click();
    await expect(page.getByTestId('greeting')).toBeVisible();
  });

  await test.step('add a customer; it opens in the customer view', async () => {
    const form = await createCustomer(page, FIRST, '021-62345678');
    await pickOption(page, form, '行业', '信息技术', false);
    await form.getByRole('button', { name: label('保存') }).click();
    await expect(page.getByTestId('customer-name')).toHaveText(FIRST);
    await expect(page.getByTestId('customer-overview')).toContainText('021-62345678');
  });

  await test.step('a near-duplicate name warns while typing; the 409 asks and "仍然创建" creates it', async () => {
    const form = await createCustomer(page, NEAR, '13900001111');
    const warning = form.getByTestId('duplicate-warning');
    await expect(warning).toContainText(FIRST);
    await shot(page, 'desktop-10-customer-duplicate');
    await form.getByRole('button', { name: label('保存') }).click();
    const ask = dialog(page, '仍然创建');
    await expect(ask).toContainText(FIRST);
    await ask.getByRole('button', { name: label('仍然创建') }).click();
    await expect(page.getByTestId('customer-name')).toHaveText(NEAR);
  });

  await test.step('add a contact and a follow-up', async () => {
    await addContact(page, { name: '刘洋', title: '采购经理', mobile: '13812345678' });
    const item = await addFollowUp(page, '拜访', '上门拜访，介绍产品方案，客户下周给反馈。');
    await expect(item).toContainText('上门拜访');
    await expect(item).toContainText('拜访');
    await shot(page, 'desktop-11-customer-view');
  });

  await test.step('the list shows both, with the total', async () => {
    await openMenu(page, '客户');
    await expect(page.getByTestId('customer-row')).toHaveCount(2);
    await expect(page.getByTestId('customer-total')).toHaveText('共 2 个客户');
    await page.getByTestId('customer-search').locator('input').fill('旅程科技有限');
    await page.getByTestId('customer-search').locator('input').press('Enter');
    await expect(page.getByTestId('customer-row')).toHaveCount(1);
    await page.getByTestId('customer-search').locator('input').fill('');
    await page.getByTestId('customer-search').locator('input').press('Enter');
    await expect(page.getByTestId('customer-row')).toHaveCount(2);
    await shot(page, 'desktop-12-customers');
  });

  await test.step('set up a pool, return a customer to it; the claim is refused in the cooldown; assign it', async () => {
    await openMenu(page, '公海');
    await page.getByRole('button', { name: label('新建公海') }).click();
    const form = drawer(page);
    await form.getByLabel('公海名称').fill(POOL);
    await form.getByLabel('适用部门').click();
    await page.getByRole('tree').getByRole('treeitem').first().getByRole('checkbox').click();
    await form.locator('.ant-drawer-title').click();
    await form.getByRole('button', { name: label('保存') }).click();
    await expect(form).toBeHidden();
    await expect(page.getByTestId('pool-picker')).toContainText(POOL);

    await page.getByRole('button', { name: label('规则预览') }).click();
    const preview = dialog(page, '以下客户将被移入公海');
    await expect(preview).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(preview).toBeHidden();

    await openMenu(page, '客户');
    await page
      .getByTestId('customer-link')
      .filter({ hasText: new RegExp(`^${NEAR}$`) })
      .click();
    await expect(page.getByTestId('customer-name')).toHaveText(NEAR);
    await page.getByRole('button', { name: label('退回公海') }).click();
    const back = dialog(page, '退回原因');
    await pickOption(page, back, '公海', POOL, false);
    await back.getByLabel('退回原因').fill('客户暂无预算');
    await back.getByRole('button', { name: label('确定') }).click();
    await expect(toast(page, '已退回公海')).toBeVisible();

    await openMenu(page, '公海');
    const row = page.getByTestId('pool-row').filter({ hasText: NEAR });
    await expect(row).toContainText('客户暂无预算');
    await shot(page, 'desktop-13-pool');
    // The one who returned it sits out the cooldown: the server's 409 says so.
    await row.getByTestId('claim').click();
    await expect(page.locator('.ant-message')).toContainText('天内不能再次领取');
    // A manager assigns it instead (分配).
    await row.getByRole('checkbox').check();
    await page.getByTestId('assign').click();
    const assign = dialog(page, '分配给');
    await pickOption(page, assign, '分配给', '周管理');
    await assign.getByRole('button', { name: label('确定') }).click();
    await expect(toast(page, '已分配')).toBeVisible();
    await expect(page.getByTestId('pool-row').filter({ hasText: NEAR })).toHaveCount(0);
  });

  await test.step('global search finds the customer', async () => {
    await page.goto('/');
    const box = page.getByTestId('global-search');
    await box.click();
    await box.pressSequentially('旅程科技有限');
    const hit = page.getByTestId('search-hit').filter({ hasText: FIRST });
    await expect(hit).toBeVisible();
    await hit.click();
    await expect(page.getByTestId('customer-name')).toHaveText(FIRST);
  });

  await test.step('audit trail lists the customer changes', async () => {
    await openMenu(page, '操作日志');
    await expect(page.getByTestId('audit-row').first()).toBeVisible();
    await page.getByTestId('audit-type').click();
    await dropdown(page).getByText('客户', { exact: true }).click();
    await expect(page.getByTestId('audit-row').first()).toContainText('客户');
    await shot(page, 'desktop-14-audit');
  });

  await test.step('phone width: list cards, customer view and pool fit 375 px', async () => {
    await page.setViewportSize(PHONE);
    await page.goto('/customers');
    await expect(page.getByTestId('customer-cards').getByTestId('customer-row')).toHaveCount(2);
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-10-customers');
    await page
      .getByTestId('customer-link')
      .filter({ hasText: new RegExp(`^${NEAR}$`) })
      .click();
    await expect(page.getByTestId('customer-name')).toHaveText(NEAR);
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-11-customer-view');
    await page.goto('/pools');
    await expect(page.getByTestId('pool-picker')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-12-pool');
    await page.goto('/customers');
    await page.getByRole('button', { name: label('新建客户') }).click();
    await expect(drawer(page)).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'phone-13-customer-drawer');
  });
});
