import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';

export const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export const DESKTOP = { width: 1366, height: 800 };
export const PHONE = { width: 375, height: 812 };

/**
 * A button's accessible name: Ant Design puts a space between two Chinese characters ("保 存") and an icon
 * adds its own name in front ("plus 添加子部门"); match the text at the end either way.
 */
export const label = (text: string) => new RegExp(`(^|\\s)${[...text].join('\\s*')}\\s*$`);

export async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The page must not scroll sideways (phones). */
export async function expectNoHorizontalOverflow(page: Page) {
  // Polled: right after a viewport change the layout is still switching to its phone form (the menu becomes a
  // drawer, tables become cards), and a measurement taken mid-way overflows for a frame or two. An overflow
  // that lasts fails.
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
      message: 'horizontal page overflow in px',
      timeout: 5_000,
    })
    .toBeLessThanOrEqual(0);
}

/** The visible drop-down of a Select / TreeSelect. */
export const dropdown = (page: Page): Locator =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();

/** Open a Select (by its form label) and pick an option by its text, typing to search first. */
export async function pickOption(page: Page, scope: Locator | Page, fieldLabel: string, option: string, search = true) {
  const box = scope.getByLabel(fieldLabel, { exact: true });
  await box.click();
  if (search) await box.fill(option);
  const choices = dropdown(page).locator('.ant-select-item-option, .ant-select-tree-treenode');
  await choices.filter({ hasText: option }).first().click();
}

export async function login(page: Page, who: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('邮箱或手机号').fill(who);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: label('登录') }).click();
  await expect(page.getByTestId('greeting')).toBeVisible();
}

export async function logout(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** The menu entries the user sees, desktop sider or phone drawer. */
export async function menuLabels(page: Page): Promise<string[]> {
  const items = page.getByTestId('main-menu').locator('.ant-menu-item');
  return (await items.allInnerTexts()).map((s) => s.trim());
}

export async function openMenu(page: Page, name: string) {
  await page.getByTestId('main-menu').getByText(name, { exact: true }).click();
}

/** An open Ant Design dialog by (part of) its title. */
export const dialog = (page: Page, title: string) => page.getByRole('dialog').filter({ hasText: title });

/** On an open customer view: add a contact through the 联系人 tab. */
export async function addContact(page: Page, c: { name: string; title: string; mobile: string }) {
  await page.getByRole('tab', { name: /^联系人/ }).click();
  await page.getByRole('button', { name: label('添加联系人') }).click();
  const form = dialog(page, '添加联系人');
  await form.getByLabel('姓名').fill(c.name);
  await form.getByLabel('职务').fill(c.title);
  await form.getByLabel('手机').fill(c.mobile);
  await form.getByRole('button', { name: label('保存') }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('contact-card')).toContainText(c.name);
}

/** On an open customer view: write a follow-up through the 跟进记录 tab; returns the newest timeline item. */
export async function addFollowUp(page: Page, kind: string, content: string): Promise<Locator> {
  await page.getByRole('tab', { name: /^跟进记录/ }).click();
  await page.getByRole('button', { name: label('写跟进') }).click();
  const form = dialog(page, '写跟进');
  await pickOption(page, form, '跟进方式', kind, false);
  await form.getByLabel('跟进内容').fill(content);
  await form.getByRole('button', { name: label('保存') }).click();
  await expect(form).toBeHidden();
  const item = page.getByTestId('followup-item').first();
  await expect(item).toContainText(content.slice(0, 4));
  return item;
}
