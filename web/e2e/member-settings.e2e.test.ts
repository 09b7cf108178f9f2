// What headquarters sets up around members: card types (with the server explaining a
// contradiction), custom fields that then appear on the register form, and importing a file.
import { afterEach, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, screenshot, settle, signInToShell } from './support.ts';

let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

describe('member settings and import', () => {
  it('a card type holding nothing is refused with the reason; a valid one joins the list', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'admin');
    await page.locator('.ant-layout-sider').getByText('设置', { exact: true }).click();
    await page.locator('.ant-layout-sider').getByText('卡类型', { exact: true }).click();
    await page.waitForURL('**/settings/card-types');
    await page.locator('.ant-table-row', { hasText: '金卡' }).waitFor();
    await settle(page);
    await screenshot(page, 'card-types');

    await page.getByRole('button', { name: '新建卡类型' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#name').fill('空卡');
    for (const flag of ['储值', '积分']) await dialog.getByText(flag, { exact: true }).first().click();
    await dialog.getByRole('button', { name: '新建', exact: true }).click();
    const invalid = page.getByTestId('card-type-invalid');
    await invalid.waitFor();
    expect(await invalid.textContent()).toContain('卡类型至少要包含储值、积分、折扣或计次中的一项');
    await settle(page);
    await screenshot(page, 'card-type-invalid');

    // Fix it: a 9.5折 discount card with a ¥5.50 joining fee.
    await dialog.locator('#name').fill('折扣卡');
    await dialog.getByText('折扣', { exact: true }).first().click();
    await dialog.locator('#discountRate').fill('9.5');
    await dialog.locator('#joinFee').fill('5.5');
    // After the first save antd can leave its (invisible) loading icon in the button when the
    // footer is below the fold, so the accessible name reads "loading 新建".
    await dialog.getByRole('button', { name: /新建$/ }).click();
    const row = page.locator('.ant-table-row', { hasText: '折扣卡' });
    await row.waitFor();
    expect(await row.textContent()).toContain('9.5 折');
    expect(await row.textContent()).toContain('办卡 ¥5.50');
  });

  it('a custom field appears on the register form', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'admin');
    await page.goto('/settings/member-fields');
    await page.getByRole('button', { name: '新建字段' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#key').fill('shoe_size');
    await dialog.locator('#label').fill('鞋码');
    await dialog.locator('#type').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('数字').click();
    await dialog.getByRole('button', { name: '新建', exact: true }).click();
    await page.locator('.ant-table-row', { hasText: '鞋码' }).waitFor();
    await settle(page);
    await screenshot(page, 'member-fields');

    await page.goto('/members');
    await page.getByRole('button', { name: '登记会员' }).click();
    const drawer = page.locator('.ant-drawer-open .ant-drawer-section');
    await drawer.getByText('自定义字段').waitFor();
    await drawer.locator('#name').fill('字段测试');
    await drawer.locator('#mobile').fill(`1350000${String(Date.now() % 10000).padStart(4, '0')}`);
    await drawer.locator('#homeStoreId').click();
    await page.keyboard.type('杭州西湖店');
    await page.keyboard.press('Enter');
    await drawer.locator('#custom_shoe_size').fill('42');
    await drawer.getByRole('button', { name: '登记', exact: true }).click();

    // The value is saved with the member and shown on the profile under the field's label.
    await page.waitForURL(/\/members\/mem_/);
    const row = page.locator('.ant-descriptions-row', { hasText: '鞋码' });
    await row.waitFor();
    expect(await row.textContent()).toContain('42');
  });

  it('imports a CSV: the dry run lists the bad row, the import reports what it did', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'admin');
    await page.goto('/members');
    await page.getByRole('button', { name: '导入' }).click();
    await page.waitForURL('**/members/import');
    await settle(page);
    await screenshot(page, 'member-import-upload');

    const suffix = String(Date.now() % 10000).padStart(4, '0');
    const csv = [
      '姓名,手机号,生日,门店',
      `导入甲,1360001${suffix},1990-05-12,上海南京路店`,
      `导入乙,not-a-phone,1991-06-01,上海南京路店`,
      `导入丙,1360002${suffix},,杭州西湖店`,
    ].join('\n');
    await page
      .getByTestId('import-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByText('members.csv · CSV · 4 列', { exact: false }).waitFor();
    expect(await page.getByTestId('mapping-1').textContent()).toContain('手机号');
    await settle(page);
    await screenshot(page, 'member-import-mapping');

    await page.getByRole('button', { name: '试运行检查' }).click();
    await page.getByText('问题行', { exact: true }).waitFor();
    expect(await page.getByTestId('import-created').textContent()).toContain('2');
    const bad = page.locator('.ant-table-row', { hasText: '手机号格式不正确' });
    await bad.waitFor();
    expect(await bad.locator('td').first().textContent()).toBe('3');
    await settle(page);
    await screenshot(page, 'member-import-dry-run');

    await page.getByRole('button', { name: '正式导入（跳过 1 行问题数据）' }).click();
    await page.getByText('导入完成', { exact: true }).waitFor();
    expect(await page.locator('.ant-result-subtitle').textContent()).toBe(
      '新增 2 位，更新 0 位，1 行未导入。',
    );
    await settle(page);
    await screenshot(page, 'member-import-done');
  });
});
