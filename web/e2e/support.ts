// Shared steps for the browser suite: a fresh Chromium profile per test, signing in, screenshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';

const resultsDir = path.resolve(import.meta.dirname, '../test-results');

export const demoPassword = 'huiyuan123';

export interface Browser {
  page: Page;
  context: BrowserContext;
  close: () => Promise<void>;
}

/** Debian's Chromium with an empty profile, so no cookie or remembered language leaks between tests. */
export async function openBrowser(locale: 'zh-CN' | 'en-US'): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale,
    viewport: { width: 1440, height: 900 },
    baseURL: inject('baseUrl'),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function signIn(page: Page, username: string, password = demoPassword): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
}

/** Waits for the shell (side navigation and merchant name) after signing in. */
export async function signInToShell(page: Page, username: string): Promise<void> {
  await signIn(page, username);
  await page.getByTestId('merchant-name').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
}

/** Waits until nothing is loading and opening animations (dialogs, drawers) have played. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton').length === 0,
  );
  await page.waitForTimeout(400);
}

/** A screenshot of one element (a drawer, a dialog), for overlays a full-page shot would cut up. */
export async function screenshotOf(locator: Locator, name: string): Promise<void> {
  fs.mkdirSync(resultsDir, { recursive: true });
  await locator.screenshot({ path: path.join(resultsDir, `${name}.png`) });
}

/** The labels of the side navigation's top-level entries, as the user reads them. */
export async function navLabels(page: Page): Promise<string[]> {
  const items = page.locator('.ant-layout-sider .ant-menu-root > li');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((text) => text.trim());
}
