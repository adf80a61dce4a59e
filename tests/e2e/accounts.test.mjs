// A person registers, logs out, logs in again and looks at their account page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, confirmEmail, openBrowser, screenshot, uniqueEmail } from './browser.mjs';

test('register, log out, log in and see the account page', async () => {
  const { page, close } = await openBrowser();
  try {
    const email = uniqueEmail('browser');
    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Display name').fill('Grace Browser');
    await page.getByLabel('Password').fill('a long browser password');
    await page.getByLabel('a reader').check();
    await page.getByRole('button', { name: 'Create account' }).click();

    // The same answer for a new and a taken address: check your email (#12.8).
    await page.waitForURL(`${baseUrl}/register/check-email`);
    assert.match(await page.locator('.flash').innerText(), /We sent a message to/);
    await screenshot(page, 'register-check-email');
    await confirmEmail(page, email);
    assert.match(await page.locator('.flash').innerText(), /Welcome to Bookfair, Grace Browser/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Hello, Grace Browser');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${baseUrl}/`);
    assert.match(await page.locator('.flash').innerText(), /logged out/);

    await page.getByRole('link', { name: 'Log in' }).click();
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('a long browser password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${baseUrl}/account`);
    assert.match(await page.locator('main').innerText(), new RegExp(email.replace(/[+.]/g, '\\$&')));
    await screenshot(page, 'account');
  } finally {
    await close();
  }
});

test('a wrong field re-renders the form with a message next to it', async () => {
  const { page, close } = await openBrowser();
  try {
    await page.goto(`${baseUrl}/register`);
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByLabel('Display name').fill('Kept Name');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    assert.match(await page.locator('#field-email-error').innerText(), /name@example.com/);
    assert.match(await page.locator('#field-password-error').innerText(), /at least 8/);
    assert.equal(await page.getByLabel('Display name').inputValue(), 'Kept Name');
    await screenshot(page, 'register-errors');
  } finally {
    await close();
  }
});
