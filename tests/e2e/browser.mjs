// Shared by the browser tests: a fresh headless Chromium profile per test, the
// stack's address, and where screenshots go. Every page is checked (checks.mjs).
import { chromium } from 'playwright-core';
import { checkPage, watchDocuments, widths } from './checks.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const baseUrl = process.env.BOOKFAIR_TEST_URL;
// The admin tool of the build under test (build-asan/ under scripts/test --sanitize), set by ctest.
export const adminTool = process.env.BOOKFAIR_ADMIN_BINARY;
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

// A query against the stack's database (the outbox, for the links a person would get by email).
export function sql(statements) {
  return execFileSync('mariadb', [`--defaults-file=${process.env.BOOKFAIR_TEST_ENV}/mariadb.cnf`, '--batch',
    '--skip-column-names', '--raw', 'bookfair_test', '-e', statements], { encoding: 'utf8' }).trim();
}

// Opens the newest confirmation link mailed to `email` and presses its button, as the person would
// from their inbox: the address is confirmed and the account logged in. Waits for `next`.
export async function confirmEmail(page, email, next = '/account') {
  const body = sql(`SELECT body_text FROM outbox WHERE recipient = '${email.replace(/'/g, "''")}'
    AND kind = 'verify_email' ORDER BY id DESC LIMIT 1`);
  const link = body.match(/https?:\/\/\S+\/verify-email\/\S+/);
  if (!link) throw new Error(`no confirmation link mailed to ${email}`);
  await page.goto(link[0]);
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await page.waitForURL(`${baseUrl}${next}`);
}

// Signs up through the form as an author, confirms the address from the mailed link and waits for the
// account page; the page stays logged in.
export async function registerAuthor(page, email, name) {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Password').fill('a long author password');
  await page.getByLabel('an author who sells books').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${baseUrl}/register/check-email`);
  await confirmEmail(page, email);
}

// Logs in through the form and waits for the page the login leads to (the account page, or `next`).
export async function logIn(page, email, password, next = '/account') {
  await page.goto(`${baseUrl}/login${next === '/account' ? '' : `?next=${encodeURIComponent(next)}`}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${baseUrl}${next}`);
}

// On the payment page: fills in the test card, pays `amount` ("7.99") and waits for the order's page.
// Answers the order number. `beforePaying(page)` runs with the form filled (a screenshot, say).
export async function payByCard(page, amount, beforePaying = async () => {}) {
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM/YY)').fill('12/34');
  await page.getByLabel('Security code (CVC)').fill('123');
  await beforePaying(page);
  await page.getByRole('button', { name: `Pay $${amount}` }).click();
  await page.waitForURL(/\/orders\/ORD-\d{8}-\d{5}$/);
  return new URL(page.url()).pathname.split('/').pop();
}
