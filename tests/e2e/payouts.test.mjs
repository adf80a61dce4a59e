// An author with a year of sales reads their royalties (pending, payable), this month's statement and a
// printable monthly statement, at desktop and phone widths, and enters bank details that are checked.
// Screenshots: payouts.png, payouts-phone.png, statement.png, payout-details.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { adminTool, baseUrl, openBrowser, registerAuthor, screenshot, uniqueEmail } from './browser.mjs';

test('an author reads their royalties and statements and enters bank details', async () => {
  const { page, close } = await openBrowser();
  try {
    const email = uniqueEmail('e2e-payouts');
    await registerAuthor(page, email, 'Ottilie Brandt');
    execFileSync(adminTool, ['--config', process.env.BOOKFAIR_CONFIG, 'seed', '--sales', '300',
      '--author', email, '--days', '60'], { encoding: 'utf8' });

    await page.goto(`${baseUrl}/dashboard/payouts`);
    await assert.doesNotReject(page.getByRole('heading', { name: 'Royalties and payouts' }).waitFor());
    const payable = Number(await page.locator('[data-figure="payable"]').getAttribute('data-value'));
    const pending = Number(await page.locator('[data-figure="pending"]').getAttribute('data-value'));
    assert.ok(payable > 0 && pending > 0, `payable ${payable}, pending ${pending}`);
    await screenshot(page, 'payouts');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'payouts-phone');
    await page.setViewportSize({ width: 1280, height: 860 });

    await page.locator('.statement-list li').nth(1).locator('a').first().click();
    await assert.doesNotReject(page.getByRole('heading', { name: /^Statement for / }).waitFor());
    assert.ok(await page.locator('.statement__books tbody tr').count() > 0);
    await screenshot(page, 'statement');

    await page.goto(`${baseUrl}/account/payout`);
    await page.getByLabel('Account holder').fill('Ottilie Brandt');
    await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 01');
    await page.getByRole('button', { name: /Save/ }).click();
    await assert.doesNotReject(page.getByText('check digits do not match').first().waitFor());
    await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
    await page.getByRole('button', { name: /Save/ }).click();
    await assert.doesNotReject(page.getByText(/We sent a confirmation link/).waitFor());
    await screenshot(page, 'payout-details');
  } finally {
    await close();
  }
});
