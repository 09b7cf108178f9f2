// Operators and roles as headquarters manages them: bookmarkable filters, new accounts, custom roles.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, screenshot, signInToShell } from './support.ts';

let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

/** Opens an antd Select/TreeSelect in the dialog and picks the option with this title. */
async function pick(page: Page, fieldId: string, title: string): Promise<void> {
  await page.getByRole('dialog').locator(`#${fieldId}`).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle(title, { exact: true })
    .click();
}

describe('operators and roles', () => {
  it('operator filters live in the address, and a new operator with a grant joins the list', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'admin');

    await page.goto('/org/operators?q=cash&status=active');
    await page.locator('.ant-table-row').first().waitFor();
    const usernames = await page
      .locator('.ant-table-row td:first-child .ant-typography-secondary')
      .allTextContents();
    expect(usernames.sort()).toEqual(['cashier', 'cashier2']);

    await page.goto('/org/operators');
    await page.getByRole('button', { name: '新建员工' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#username').fill('e2e_clerk');
    await dialog.locator('#displayName').fill('测试店员');
    await dialog.locator('#password').fill('Clerk2024x');
    await pick(page, 'unitId', '杭州西湖店');
    await dialog.getByRole('button', { name: '添加授权' }).click();
    await pick(page, 'grants_0_roleId', '收银员');
    await pick(page, 'grants_0_unitId', '杭州西湖店');
    await screenshot(page, 'operator-create-dialog');
    await dialog.getByRole('button', { name: '新建', exact: true }).click();

    const row = page.locator('.ant-table-row', { hasText: 'e2e_clerk' });
    await row.waitFor();
    expect(await row.textContent()).toContain('收银员 @ 杭州西湖店');
    await screenshot(page, 'operators-with-new-operator');
  });

  it('a custom role built from the permission checklist shows its permission count', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'admin');
    await page.goto('/org/roles');
    await page.locator('.ant-table-row').first().waitFor();

    await page.getByRole('button', { name: '新建角色' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#name').fill('会员专员');
    // The group's own box selects every permission in it.
    await dialog.getByText('会员', { exact: true }).click();
    await dialog.getByRole('button', { name: '新建', exact: true }).click();

    const row = page.locator('.ant-table-row', { hasText: '会员专员' });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('自定义');
    expect(text).toContain('5 项权限');
    await screenshot(page, 'roles-with-custom-role');
  });
});
