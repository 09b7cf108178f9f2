// Shared steps for the value-area browser tests: data made through the API, dialogs found by
// title, selects picked by option, and screenshots taken from the top of the page.
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { demoPassword, screenshot as fullPageShot } from './support.ts';

/** Calls the API as a demo operator (bearer token), for the data a test starts from. */
export async function apiAs(username: string) {
  const base = inject('baseUrl');
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  const { token } = (await login.json()) as { token: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
}

export interface Setup {
  memberId: string;
  mobile: string;
}

/** A fresh member of the Shanghai store with a gold card (PIN 123456), and the rule 充100送20. */
export async function prepare(): Promise<Setup> {
  const call = await apiAs('admin');
  const { items: rules } = await call<{ items: { name: string }[] }>('GET', '/api/v1/recharge-rules');
  if (!rules.some((rule) => rule.name === '充100送20')) {
    await call('POST', '/api/v1/recharge-rules', {
      name: '充100送20',
      kind: 'tiers',
      tiers: [{ minFen: 10_000, bonusFen: 2_000 }],
    });
  }
  const { items: units } = await call<{ items: { id: string; name: string }[] }>('GET', '/api/v1/org/units');
  const shanghai = units.find((unit) => unit.name === '上海南京路店');
  const { items: cardTypes } = await call<{ items: { id: string; name: string }[] }>(
    'GET',
    '/api/v1/card-types',
  );
  const gold = cardTypes.find((type) => type.name === '金卡');
  if (!shanghai || !gold) throw new Error('the demo data has no 上海南京路店 or 金卡');
  const mobile = `137${String(Date.now()).slice(-8)}`;
  const member = await call<{ id: string }>('POST', '/api/v1/members', {
    name: '储值测试',
    mobile,
    homeStoreId: shanghai.id,
  });
  await call('POST', `/api/v1/members/${member.id}/cards`, { cardTypeId: gold.id, pin: '123456' });
  return { memberId: member.id, mobile };
}

export async function fillAmount(page: Page, form: string, yuan: string): Promise<void> {
  const input = page.locator(`#${form}_amount`);
  await input.fill(yuan);
}

/**
 * A full-page screenshot taken from the top: scrolled down, the sticky header and side
 * navigation are drawn at the scroll offset, and a dialog mid-animation looks broken.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  // Looping animations (a spinner) never finish, so this only waits a little for the rest.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, {
      timeout: 2000,
    })
    .catch(() => undefined);
  await fullPageShot(page, name);
}

/** Waits until the stored-value card's headline total reads exactly this amount. */
export async function storedValueTotal(page: Page, amount: string): Promise<void> {
  const exact = new RegExp(`^${amount.replace(/[.$]/g, '\\$&')}$`);
  await page
    .getByTestId('stored-value')
    .locator('.ant-statistic-content-value', { hasText: exact })
    .waitFor();
}

/** Opens an antd Select in a dialog and picks the option with this title. */
export async function pick(page: Page, fieldId: string, title: string): Promise<void> {
  await page.locator(`#${fieldId}`).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle(title, { exact: true })
    .click();
}

export function dialog(page: Page, title: string) {
  return page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });
}
