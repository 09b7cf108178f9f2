// Stored value as a store manager works it: a recharge with its bonus preview, a charge
// behind the card's PIN, the refund of a recharge whose bonus was partly spent (the manager
// deducts it), and the same pages in English.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, signInToShell } from './support.ts';
import { dialog, fillAmount, prepare, type Setup, screenshot, storedValueTotal } from './value-support.ts';

let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

describe('member stored value', () => {
  let setup: Setup;

  beforeAll(async () => {
    setup = await prepare();
  });

  it('recharges with a bonus, charges behind the PIN, refunds a partly spent recharge, in both languages', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'manager');

    // Find the member the way a cashier does: by mobile, from the value area.
    await page.locator('.ant-layout-sider').getByText('储值积分', { exact: true }).click();
    await page.locator('.ant-layout-sider').getByText('会员储值', { exact: true }).click();
    await page.getByPlaceholder('手机号 / 卡号 / 姓名').fill(setup.mobile);
    await page.getByPlaceholder('手机号 / 卡号 / 姓名').press('Enter');
    await page.getByRole('button', { name: '查看储值' }).click();
    const panel = page.getByTestId('member-value-panel');
    await panel.waitFor();
    await storedValueTotal(page, '¥0.00');
    await screenshot(page, 'value-01-member-panel');

    // Recharge ¥100 by WeChat: the preview shows the ¥20 bonus before anything is posted.
    await panel.getByRole('button', { name: '充值', exact: true }).click();
    const recharge = dialog(page, '充值');
    await fillAmount(page, 'recharge', '100');
    await recharge.getByText('微信支付', { exact: true }).click();
    await recharge.getByText('赠送 ¥20.00（充100送20）').waitFor();
    await screenshot(page, 'value-02-recharge-preview');
    await recharge.getByRole('button', { name: '确认充值' }).click();
    await recharge.getByText('充值成功').waitFor();
    const after = recharge.getByTestId('balances-after');
    expect(await after.textContent()).toContain('¥120.00');
    expect(await after.textContent()).toContain('¥20.00');
    await screenshot(page, 'value-03-recharge-done');
    await recharge.getByRole('button', { name: '完成' }).click();
    await storedValueTotal(page, '¥120.00');

    // Charge ¥30: the gold card wants its PIN; a wrong one is refused in the dialog, in words.
    await panel.getByRole('button', { name: '消费', exact: true }).click();
    const charge = dialog(page, '储值消费');
    await fillAmount(page, 'charge', '30');
    await page.locator('#charge_pin').fill('000000');
    await charge.getByRole('button', { name: '确认扣款' }).click();
    await charge.getByTestId('problem').getByText('卡密码错误', { exact: false }).waitFor();
    await screenshot(page, 'value-04-charge-wrong-pin');
    await page.locator('#charge_pin').fill('123456');
    await charge.getByRole('button', { name: '确认扣款' }).click();
    await charge.getByText('扣款成功').waitFor();
    expect(await charge.getByTestId('balances-after').textContent()).toContain('¥90.00');
    await charge.getByRole('button', { name: '完成' }).click();

    const history = page.getByTestId('ledger-history');
    await history.locator('.ant-table-row', { hasText: '储值消费' }).waitFor();
    expect(await history.locator('.ant-table-row').count()).toBe(2);
    await screenshot(page, 'value-05-history-after-charge');

    // A later ¥50 recharge (no bonus at that amount) leaves enough principal to refund the first.
    await panel.getByRole('button', { name: '充值', exact: true }).click();
    await fillAmount(page, 'recharge', '50');
    await recharge.getByText('该金额没有赠送').waitFor();
    await recharge.getByRole('button', { name: '确认充值' }).click();
    await recharge.getByText('充值成功').waitFor();
    await recharge.getByRole('button', { name: '完成' }).click();
    await storedValueTotal(page, '¥140.00');

    // Refund the ¥100 recharge: part of its bonus is spent, so the server refuses until the
    // manager confirms deducting the spent bonus.
    const rechargeRow = history.locator('.ant-table-row', { hasText: '¥100.00' }).filter({ hasText: '充值' });
    const rechargeId = await rechargeRow.getAttribute('data-row-key');
    const firstRecharge = history.locator(`tr[data-row-key="${rechargeId}"]`);
    await firstRecharge.getByRole('button', { name: '退款' }).click();
    const refund = dialog(page, '充值退款');
    await page.locator('#refundRecharge_reason').fill('顾客要求退款');
    await refund.getByRole('button', { name: '确认退款' }).click();
    const spent = refund.getByTestId('bonus-spent');
    await spent.waitFor();
    expect(await spent.textContent()).toContain('¥5.00');
    await screenshot(page, 'value-06-refund-bonus-spent');
    await spent.getByRole('button', { name: '扣除已用赠送金并退款' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '扣除已用赠送金并退款' }).click();
    await refund.getByText('退款成功').waitFor();
    expect(await refund.textContent()).toContain('¥95.00');
    await screenshot(page, 'value-07-refund-done');
    await refund.getByRole('button', { name: '完成' }).click();
    await storedValueTotal(page, '¥25.00');
    await history.locator('.ant-table-row', { hasText: '充值退款' }).waitFor();
    await firstRecharge.getByText('已退款').waitFor();
    await screenshot(page, 'value-08-history-after-refund');

    // The same panel and the value pages in English.
    await page.locator('.ant-layout-header').getByText('English', { exact: true }).click();
    await history.getByText('Recharge refund', { exact: true }).waitFor();
    expect(await page.getByTestId('stored-value').textContent()).toContain('Principal');
    expect(await panel.getByRole('button', { name: 'Recharge', exact: true }).count()).toBe(1);
    await screenshot(page, 'value-09-panel-en-US');

    await page.goto('/value/recharge-rules');
    await page.getByText('Recharge ¥100.00, get ¥20.00').first().waitFor();
    await screenshot(page, 'value-10-recharge-rules-en-US');
    await page.goto('/value/liability');
    await page.getByTestId('liability-now').getByText('Outstanding stored value').waitFor();
    await screenshot(page, 'value-11-liability-en-US');
    await page.goto('/value/points?tab=summary');
    await page
      .getByTestId('points-summary')
      .or(page.getByText('merchant-wide report access'))
      .first()
      .waitFor();
    await screenshot(page, 'value-12-points-en-US');
  }, 120_000);
});
