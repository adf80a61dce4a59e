// Shared by the browser tests: a fresh headless Chromium profile per test, the
// stack's address, and where screenshots go. Every page is checked (checks.mjs).
import { chromium } from 'playwright-core';
import { checkPage, watchDocuments, widths } from './checks.mjs';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const baseUrl = process.env.BOOKFAIR_TEST_URL;
if (!baseUrl) throw new Error('BOOKFAIR_TEST_URL is not set: run browser tests through scripts/test');

export const screenshotDir = process.env.BOOKFAIR_SCREENSHOT_DIR || path.join(tmpdir(), 'bookfair-screenshots');
mkdirSync(screenshotDir, { recursive: true });

export async function openBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), 'bookfair-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: widths.desktop,
  });
  const page = context.pages()[0] || await context.newPage();
  page.bookfairDocuments = watchDocuments(page);
  return {
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Looks at the page the way a person would: HTML validity, accessibility, desktop and phone
// screenshots (`name.png`, `name-phone.png`), and the test's `layout` assertions at both widths.
export async function screenshot(page, name, { layout } = {}) {
  await checkPage(page, name, { screenshotDir, layout });
}

export function uniqueEmail(prefix) {
  return `${prefix}+${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

// Signs up through the form as an author and waits for the account page; the page stays logged in.
export async function registerAuthor(page, email, name) {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Password').fill('a long author password');
  await page.getByLabel('an author who sells books').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${baseUrl}/account`);
}

// Logs in through the form and waits for the page the login leads to (the account page, or `next`).
export async function logIn(page, email, password, next = '/account') {
  await page.goto(`${baseUrl}/login${next === '/account' ? '' : `?next=${encodeURIComponent(next)}`}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${baseUrl}${next}`);
}
