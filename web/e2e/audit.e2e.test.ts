// The audit log shows what just happened, starting with signing in.
import { afterEach, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, screenshot, signInToShell } from './support.ts';

let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

describe('the audit log', () => {
  it('shows the sign-in that opened this session', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'admin');
    await page.locator('.ant-layout-sider').getByText('审计日志', { exact: true }).click();

    await page.waitForURL('**/audit');
    const loginRow = page.locator('.ant-table-row', { hasText: 'auth.login' }).first();
    await loginRow.waitFor();
    const text = await loginRow.textContent();
    expect(text).toContain('登录');
    expect(text).toContain('admin');

    // Filtering by action keeps the filter in the address, so the view can be bookmarked.
    await page.goto('/audit?action=auth.login');
    await page.locator('.ant-table-row', { hasText: 'auth.login' }).first().waitFor();
    const actions = await page.locator('.ant-table-row td:nth-child(5)').allInnerTexts();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((cell) => cell.includes('auth.login'))).toBe(true);

    await page
      .locator('.ant-table-row', { hasText: 'auth.login' })
      .first()
      .locator('.ant-table-row-expand-icon')
      .click();
    await page.getByText('变更后', { exact: true }).first().waitFor();
    await screenshot(page, 'audit-log');
  });
});
