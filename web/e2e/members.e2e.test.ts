// Members as a store works with them: register one with a lunar birthday, find them again,
// give them a card and walk it through its life; personal data stays masked for a cashier.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Browser, openBrowser, screenshot, screenshotOf, settle, signInToShell } from './support.ts';

let browser: Browser | undefined;

afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

const openDropdown = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

/**
 * Opens an antd Select (found by a locator) and picks the option with this title by typing
 * it: the option list is virtual, so a late option is not in the page until filtered to.
 */
async function pickOption(page: Page, select: ReturnType<Page['locator']>, title: string): Promise<void> {
  await select.click();
  await page.keyboard.type(title);
  // Enter takes the active (first) match; a click could land on an option being re-rendered.
  await page.locator(openDropdown).getByTitle(title, { exact: true }).waitFor();
  await page.keyboard.press('Enter');
  await select.getByTitle(title, { exact: true }).waitFor();
}

/** Searches the member list and waits for that search's answer to be on screen. */
async function search(page: Page, q: string): Promise<void> {
  const answered = page.waitForResponse(
    (response) =>
      new URL(response.url()).pathname === '/api/v1/members' &&
      new URL(response.url()).searchParams.get('q') === q,
  );
  const box = page.getByTestId('member-search').locator('input');
  await box.fill(q);
  await box.press('Enter');
  await answered;
  await settle(page);
}

/** The labels of a card's action menu, after opening it. */
async function cardActions(page: Page, cardNo: string): Promise<string[]> {
  await page.getByTestId(`card-actions-${cardNo}`).click();
  const menu = page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu');
  await menu.waitFor();
  const labels = (await menu.locator('.ant-dropdown-menu-item').allInnerTexts()).map((s) => s.trim());
  return labels;
}

async function chooseCardAction(page: Page, label: string): Promise<void> {
  await page
    .locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item')
    .getByText(label, { exact: true })
    .click();
}

describe('members', () => {
  it('registers a member with a lunar birthday, finds them, and takes a card through loss and replacement', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'manager');
    await page.locator('.ant-layout-sider').getByText('会员', { exact: true }).click();
    await page.waitForURL('**/members');
    await page.locator('.ant-table-row').first().waitFor();
    await settle(page);
    await screenshot(page, 'members-list');

    // A unique mobile, so its last four digits find this member among the demo ones.
    const tail = String(1000 + (Date.now() % 9000));
    const mobile = `1370000${tail}`;
    await page.getByRole('button', { name: '登记会员' }).click();
    const drawer = page.locator('.ant-drawer-open .ant-drawer-section');
    await drawer.locator('#name').fill('测试林夕');
    await drawer.locator('#mobile').fill(mobile);
    await drawer.getByText('女', { exact: true }).click();
    await drawer.getByTestId('birthday-calendar').getByText('农历', { exact: true }).click();
    await drawer.getByRole('spinbutton', { name: '年（选填）' }).fill('1990');
    await pickOption(page, drawer.getByTestId('birthday-month'), '腊月');
    await pickOption(page, drawer.getByTestId('birthday-day'), '初八');
    await drawer.locator('#tags').click();
    await page.keyboard.type('e2e');
    await page.keyboard.press('Enter');
    await drawer.locator('.ant-drawer-title').click();
    // The home store defaults to the store the manager works in.
    expect(await drawer.locator('.ant-form-item', { hasText: '所属门店' }).textContent()).toContain(
      '上海南京路店',
    );
    await settle(page);
    await screenshotOf(drawer, 'member-register-drawer');
    await drawer.getByRole('button', { name: '登记', exact: true }).click();

    // Registering opens the new member's page.
    await page.waitForURL(/\/members\/mem_/);
    await page.getByTestId('member-name').getByText('测试林夕').waitFor();
    expect(await page.getByTestId('member-birthday').textContent()).toBe('农历 腊月初八（1990 年）');
    expect(await page.getByTestId('member-mobile').textContent()).toBe(`137****${tail}`);

    // Found by the last four digits of the phone, and by pinyin initials.
    await page.goto('/members');
    await search(page, tail);
    await page.locator('.ant-table-row', { hasText: '测试林夕' }).waitFor();
    await search(page, 'cslx');
    const row = page.locator('.ant-table-row', { hasText: '测试林夕' });
    await row.waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(1);
    expect(await row.textContent()).toContain(`137****${tail}`);
    await settle(page);
    await screenshot(page, 'members-search-initials');

    // Export takes the list as it is filtered.
    await page.getByTestId('member-export').click();
    const download = page.waitForEvent('download');
    await page.getByText('导出 CSV', { exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const csv = fs.readFileSync(await file.path(), 'utf8');
    expect(csv).toContain('测试林夕');
    expect(csv.trim().split('\n')).toHaveLength(2);
    await row.getByTestId('member-link').click();
    await page.waitForURL(/\/members\/mem_/);

    // Issue a card: the gold type needs a PIN.
    await page.getByRole('tab', { name: '会员卡' }).click();
    await page.getByText('还没有会员卡', { exact: false }).waitFor();
    await page.getByRole('button', { name: '办卡' }).click();
    const issue = page.getByRole('dialog');
    await pickOption(page, issue.locator('.ant-select', { has: page.locator('#cardTypeId') }), '金卡');
    await issue.locator('#pin').fill('135790');
    await settle(page);
    await screenshot(page, 'card-issue-dialog');
    await issue.getByRole('button', { name: '办卡', exact: true }).click();
    const cardRow = page.locator('.ant-table-row').first();
    await cardRow.getByTestId('card-status').getByText('正常').waitFor();
    const cardNo =
      (await cardRow.locator('td').first().locator('.ant-typography').first().textContent())?.trim() ?? '';
    expect(cardNo).toMatch(/^\d+$/);

    const activeActions = await cardActions(page, cardNo);
    expect(activeActions).toEqual(expect.arrayContaining(['挂失', '冻结', '注销卡']));
    expect(activeActions).not.toContain('解除挂失');
    expect(activeActions).not.toContain('补卡');
    await chooseCardAction(page, '挂失');
    const loss = page.getByRole('dialog');
    await loss.locator('#reason').fill('顾客来电报失');
    await settle(page);
    await screenshot(page, 'card-report-loss-dialog');
    await loss.getByRole('button', { name: '确认挂失' }).click();
    await cardRow.getByTestId('card-status').getByText('已挂失').waitFor();

    const lostActions = await cardActions(page, cardNo);
    expect(lostActions).toEqual(expect.arrayContaining(['解除挂失', '补卡', '注销卡']));
    expect(lostActions).not.toContain('挂失');
    expect(lostActions).not.toContain('冻结');
    await chooseCardAction(page, '补卡');
    const replace = page.getByRole('dialog');
    // The gold card's replacement fee is ¥10.00.
    expect(await replace.textContent()).toContain('¥10.00');
    await replace.locator('#reason').fill('补办新卡');
    await replace.getByRole('button', { name: '确认补卡' }).click();

    await page.locator('.ant-table-row').nth(1).waitFor();
    const statuses = await page.getByTestId('card-status').allInnerTexts();
    expect(statuses.sort()).toEqual(['已补卡作废', '正常'].sort());
    const newRow = page.locator('.ant-table-row', { hasText: '补办的新卡' });
    expect(await newRow.getByTestId('card-status').textContent()).toBe('正常');
    expect(await newRow.textContent()).not.toContain(cardNo);
    await settle(page);
    await screenshot(page, 'member-cards-after-replace');

    // A follow-up due today shows up on the follow-ups due list, linking back to the member.
    await page.getByRole('tab', { name: '回访' }).click();
    await page.getByText('还没有回访记录', { exact: false }).waitFor();
    const followUp = page.locator('.ant-card', { hasText: '记录回访' });
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    await followUp.locator('#nextFollowUpOn').fill(iso);
    await followUp.locator('#nextFollowUpOn').press('Enter');
    await followUp.locator('#content').fill('电话告知新卡已补办');
    await followUp.getByRole('button', { name: '保存回访' }).click();
    await page.locator('.ant-timeline-item', { hasText: '电话告知新卡已补办' }).waitFor();
    await settle(page);
    await screenshot(page, 'member-follow-ups');
    await page.goto('/members/follow-ups');
    await page.locator('.ant-table-row', { hasText: '测试林夕' }).waitFor();
    await settle(page);
    await screenshot(page, 'follow-ups-due');
  });

  it('a cashier sees the phone masked with no reveal; a manager reveals it', async () => {
    browser = await openBrowser('zh-CN');
    let page = browser.page;
    await signInToShell(page, 'cashier');
    await page.goto('/members?q=%E7%8E%8B');
    await page.locator('.ant-table-row').first().getByTestId('member-link').click();
    await page.waitForURL(/\/members\/mem_/);
    const memberUrl = page.url();
    await page.getByTestId('member-mobile').waitFor();
    expect(await page.getByTestId('member-mobile').textContent()).toContain('****');
    expect(await page.getByTestId('reveal-button').count()).toBe(0);
    await settle(page);
    await screenshot(page, 'member-detail-cashier');
    await browser.close();

    browser = await openBrowser('zh-CN');
    page = browser.page;
    await signInToShell(page, 'manager');
    await page.goto(memberUrl);
    const mobile = page.getByTestId('member-mobile');
    await mobile.waitFor();
    expect(await mobile.textContent()).toContain('****');
    await page.getByTestId('reveal-button').click();
    await page.waitForFunction(
      () => !document.querySelector('[data-testid=member-mobile]')?.textContent?.includes('*'),
    );
    expect(await mobile.textContent()).toMatch(/^1\d{10}$/);
    await settle(page);
    await screenshot(page, 'member-detail-revealed');
  });

  it('switching to English shows the member pages in English', async () => {
    browser = await openBrowser('zh-CN');
    const { page } = browser;
    await signInToShell(page, 'admin');
    await page.locator('.ant-layout-header').getByText('English', { exact: true }).click();
    await page.goto('/members');
    await page.getByRole('button', { name: 'Register member' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-thead').textContent()).toContain('Home store');
    await settle(page);
    await screenshot(page, 'members-list-en-US');

    await page.locator('.ant-table-row').first().getByTestId('member-link').click();
    await page.getByRole('tab', { name: 'Profile' }).waitFor();
    await page.getByRole('tab', { name: 'Cards' }).click();
    await page.getByRole('button', { name: 'Issue card' }).waitFor();
    await settle(page);
    await screenshot(page, 'member-detail-en-US');

    await page.goto('/members/follow-ups');
    await page.getByText('Follow-ups due', { exact: true }).first().waitFor();
    await page.goto('/settings/card-types');
    await page.getByRole('button', { name: 'New card type' }).waitFor();
    await settle(page);
    await screenshot(page, 'card-types-en-US');
  });
});
