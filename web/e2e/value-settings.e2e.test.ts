// The value area as headquarters sets it up: a points rule, a batch recharge from a pasted
// list (dry run, then the run), a gift with store stock redeemed by a member, a count package.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, signInToShell } from './support.ts';
import { dialog, pick, prepare, type Setup, screenshot } from './value-support.ts';

let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

describe('value settings at headquarters', () => {
  let setup: Setup;

  beforeAll(async () => {
    setup = await prepare();
  });

  it('headquarters sets recharge and points rules, batch-recharges a list, stocks a gift and adds a package', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'admin');

    // A second tier rule through the dialog: recharge ¥500, get ¥120.
    await page.goto('/value/recharge-rules');
    await page.getByRole('button', { name: '新建充值规则' }).click();
    const rechargeRule = dialog(page, '新建充值规则');
    await page.locator('#rechargeRule_name').fill('充500送120');
    await page.locator('#rechargeRule_tiers_0_min').fill('500');
    await page.locator('#rechargeRule_tiers_0_bonus').fill('120');
    await screenshot(page, 'value-12b-recharge-rule-form');
    await rechargeRule.getByRole('button', { name: '新建', exact: true }).click();
    await page.getByText('充 ¥500.00 送 ¥120.00').waitFor();

    await page.goto('/value/points');
    await page.getByRole('tab', { name: '积分设置' }).click();
    await page.locator('#pointsSettings_pointsPerYuan').waitFor();
    await screenshot(page, 'value-13-points-settings');
    await page.getByRole('tab', { name: '积分统计' }).click();
    await page.getByTestId('points-summary').waitFor();
    await screenshot(page, 'value-14-points-summary');
    await page.getByRole('tab', { name: '积分规则' }).click();
    await page.getByRole('button', { name: '新建积分规则' }).click();
    const ruleForm = dialog(page, '新建积分规则');
    await page.locator('#pointsRule_name').fill('基础积分 1.5 倍');
    await page.locator('#pointsRule_params_rate').fill('1.5');
    await screenshot(page, 'value-14b-points-rule-form');
    await ruleForm.getByRole('button', { name: '新建', exact: true }).click();
    await page.locator('.ant-table-row', { hasText: '每 ¥1 积 1.5 分' }).waitFor();
    await ruleForm.waitFor({ state: 'hidden' });
    await screenshot(page, 'value-15-points-rules');

    // Batch recharge from a pasted list: the dry run names the row it cannot match, then the run posts.
    await page.goto('/value/batch-recharge');
    await page.getByText('导入名单', { exact: true }).click();
    await page.locator('#batchRecharge_text').fill(`手机号,金额\n${setup.mobile},10\n13900000001,20`);
    await page.getByRole('button', { name: '试算' }).click();
    const report = page.getByTestId('batch-report');
    await report.getByText('找不到会员').waitFor();
    await screenshot(page, 'value-16-batch-dry-run');
    await page.getByRole('button', { name: '执行充值' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '执行充值' }).click();
    await page.getByText('充值结果', { exact: true }).waitFor();
    await report.locator('.ant-progress-status-success').waitFor();
    expect(await report.textContent()).toContain('¥10.00');
    await screenshot(page, 'value-17-batch-run');

    // A gift with stock at the Shanghai store, redeemed there by the member with adjusted points.
    await page.goto('/value/gifts');
    await page.getByRole('button', { name: '新建礼品' }).click();
    const giftForm = dialog(page, '新建礼品');
    await page.locator('#gift_name').fill('保温杯');
    await page.locator('#gift_pointsPrice').fill('100');
    await giftForm.getByRole('button', { name: '添加门店库存' }).click();
    await pick(page, 'gift_stock_0_storeId', '上海南京路店');
    await page.locator('#gift_stock_0_quantity').fill('5');
    await screenshot(page, 'value-17b-gift-form');
    await giftForm.getByRole('button', { name: '新建', exact: true }).click();
    await page.locator('.ant-table-row', { hasText: '保温杯' }).getByText('上海南京路店 5').waitFor();
    await giftForm.waitFor({ state: 'hidden' });
    await screenshot(page, 'value-18-gifts');

    await page.getByTestId('store-switcher').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .getByText('上海南京路店', { exact: true })
      .click();
    await page.goto(`/value/members/${setup.memberId}`);
    const panel = page.getByTestId('member-value-panel');
    await panel.getByRole('button', { name: '调账', exact: true }).click();
    const adjust = dialog(page, '调账');
    await adjust.locator('label.ant-radio-button-wrapper', { hasText: '积分' }).click();
    await page.locator('#adjust_points').fill('200');
    await page.locator('#adjust_reason').fill('活动补发积分');
    await adjust.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('points').locator('.ant-statistic-content-value', { hasText: /^200$/ }).waitFor();
    await panel.getByRole('button', { name: '积分兑换', exact: true }).click();
    await pick(page, 'redeem_giftId', '保温杯 · 需 100 分');
    await dialog(page, '积分兑换').getByRole('button', { name: '积分兑换' }).click();
    await page.getByText('已兑换 保温杯，剩余积分 100').waitFor();
    await page.getByTestId('points').locator('.ant-statistic-content-value', { hasText: /^100$/ }).waitFor();
    await page.getByTestId('ledger-history').getByText('积分兑换', { exact: true }).waitFor();
    await screenshot(page, 'value-18b-points-redeemed');

    await page.goto('/value/packages');
    await page.getByRole('button', { name: '新建计次卡项目' }).click();
    const form = dialog(page, '新建计次卡项目');
    await page.locator('#packageProduct_name').fill('洗车 10 次');
    await page.locator('#packageProduct_services').fill('精洗');
    await page.locator('#packageProduct_services').press('Enter');
    await page.locator('#packageProduct_uses').fill('10');
    await page.locator('#packageProduct_price').fill('299');
    await screenshot(page, 'value-19-package-create');
    await form.getByRole('button', { name: '新建', exact: true }).click();
    const row = page.locator('.ant-table-row', { hasText: '洗车 10 次' });
    await row.waitFor();
    await form.waitFor({ state: 'hidden' });
    expect(await row.textContent()).toContain('¥299.00');
    await screenshot(page, 'value-20-packages');
  }, 120_000);
});
