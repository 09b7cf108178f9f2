// Signing in and the shell around every page: language, navigation by permission, stores.
import { afterEach, describe, expect, it } from 'vitest';
import { type Browser, navLabels, openBrowser, screenshot, signIn, signInToShell } from './support.ts';

let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

describe('the console shell', () => {
  it('signing in with a Chinese browser shows the shell in Chinese with the merchant name', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'admin');

    expect(await page.getByTestId('merchant-name').textContent()).toBe('会员示范连锁');
    const labels = await navLabels(page);
    expect(labels).toEqual(expect.arrayContaining(['会员', '组织', '审计日志']));
    await screenshot(page, 'shell-zh-CN');
  });

  it('an English browser gets the shell in English, and the header switch flips it to Chinese', async () => {
    browser = await openBrowser('en-US');
    const { page } = browser;
    await signInToShell(page, 'admin');

    expect(await navLabels(page)).toEqual(expect.arrayContaining(['Members', 'Organisation', 'Audit log']));
    await screenshot(page, 'shell-en-US');

    await page.locator('.ant-layout-header').getByText('中文', { exact: true }).click();
    await page.locator('.ant-layout-sider').getByText('审计日志', { exact: true }).waitFor();
    expect(await navLabels(page)).toEqual(expect.arrayContaining(['会员', '组织', '审计日志']));
    await screenshot(page, 'shell-switched-to-zh-CN');

    // The choice outlives a reload, whatever the browser's language says.
    await page.reload();
    await page.locator('.ant-layout-sider').getByText('审计日志', { exact: true }).waitFor();
  });

  it('a wrong password shows the localized error and stays on the login page', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signIn(page, 'admin', 'not-the-password');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login-wrong-password');
  });

  it('a cashier sees no Organisation area and can only pick their own store', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'cashier');

    const labels = await navLabels(page);
    expect(labels).toContain('会员');
    expect(labels).not.toContain('组织');
    expect(labels).not.toContain('审计日志');

    const switcher = page.getByTestId('store-switcher');
    expect(await switcher.textContent()).toContain('上海南京路店');
    await switcher.click();
    const options = page.locator('.ant-select-dropdown .ant-select-item-option');
    await options.first().waitFor();
    expect(await options.allInnerTexts()).toEqual(['上海南京路店']);
    await screenshot(page, 'cashier-store-switcher');

    // Typing the address of an area outside the cashier's roles shows "no access", not a broken page.
    await page.keyboard.press('Escape');
    await page.goto('/org/units');
    await page.getByText('没有权限', { exact: true }).waitFor();
  });

  it('when the session ends elsewhere, the next call lands on the login page and returns after sign-in', async () => {
    browser = await openBrowser('zh-CN');
    const { page, context } = browser;
    await signInToShell(page, 'admin');

    // Dropping the cookie stands for a session revoked elsewhere (password reset, expiry).
    await context.clearCookies();
    await page.locator('.ant-layout-sider').getByText('审计日志', { exact: true }).click();
    await page.waitForURL('**/login');

    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('huiyuan123');
    await page.locator('button[type=submit]').click();
    await page.waitForURL('**/audit');
    await page.locator('.ant-table-row').first().waitFor();
  });

  it('the store chosen in the header is sent with every call and remembered', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'admin');

    const switcher = page.getByTestId('store-switcher');
    expect(await switcher.textContent()).toContain('全部门店');
    await switcher.click();
    await page
      .locator('.ant-select-dropdown .ant-select-item-option')
      .getByText('杭州西湖店', { exact: true })
      .click();

    await page.reload();
    await page.getByTestId('merchant-name').waitFor();
    expect(await page.getByTestId('store-switcher').textContent()).toContain('杭州西湖店');

    // Who-am-I comes first and needs no store; every call after it carries the chosen one.
    const storeHeaders: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/org/')) storeHeaders.push(request.headers()['x-store-id']);
    });
    await page.locator('.ant-layout-sider').getByText('组织', { exact: true }).click();
    await page.locator('.ant-layout-sider').getByText('组织架构', { exact: true }).click();
    await page.locator('.ant-table-row').first().waitFor();
    expect(storeHeaders.length).toBeGreaterThan(0);
    expect(storeHeaders.every((id) => id?.startsWith('unit_'))).toBe(true);
  });
});
