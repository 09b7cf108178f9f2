// The org tree as headquarters sees it: the demo stores, and adding a store.
import { afterEach, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, screenshot, signInToShell } from './support.ts';

let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

describe('the org tree', () => {
  it('lists the demo stores, and a store created through the dialog appears in it', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'admin');
    await page.locator('.ant-layout-sider').getByText('组织', { exact: true }).click();
    await page.locator('.ant-layout-sider').getByText('组织架构', { exact: true }).click();

    const table = page.locator('.ant-table');
    for (const store of ['上海南京路店', '杭州西湖店', '深圳南山店']) {
      await table.getByText(store, { exact: true }).waitFor();
    }
    await screenshot(page, 'org-tree');

    const name = `测试新店${Date.now() % 100000}`;
    await page.getByRole('button', { name: '新建组织单元' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill(name);
    await dialog.getByLabel('地址').fill('苏州市工业园区 1 号');
    await screenshot(page, 'org-create-store-dialog');
    await dialog.getByRole('button', { name: '新建' }).click();

    await table.getByText(name, { exact: true }).waitFor();
    const row = table.locator('tr', { hasText: name });
    expect(await row.textContent()).toContain('门店');
    expect(await row.textContent()).toContain('苏州市工业园区 1 号');
    await screenshot(page, 'org-tree-with-new-store');
  });
});
