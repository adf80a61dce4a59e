// A guest adds two books, logs in (the cart comes along), checks out with a coupon, pays with the
// success card at the simulated provider, and sees the paid order. Screenshots of each page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { adminTool, baseUrl, openBrowser, payByCard, screenshot, uniqueEmail } from './browser.mjs';

const stackDir = process.env.BOOKFAIR_TEST_ENV;
const dbName = 'bookfair_test';

// Test data goes straight into the test database, as the C++ integration fixtures do.
function sql(statements) {
  return execFileSync('mariadb', [`--defaults-file=${stackDir}/mariadb.cnf`, '--batch', '--skip-column-names', dbName,
    '-e', statements], { encoding: 'utf8' }).trim();
}

function seed() {
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  sql(`INSERT INTO users (email, display_name, password_hash, role, created_at, updated_at)
         VALUES ('author-${tag}@example.com', 'Mira Quill', 'x', 'author', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6));
       SET @author = LAST_INSERT_ID();
       INSERT INTO categories (slug, name) VALUES ('e2e-${tag}', 'Fiction');
       SET @cat = LAST_INSERT_ID();
       INSERT INTO category_closure (ancestor_id, descendant_id, depth) VALUES (@cat, @cat, 0);
       INSERT INTO books (slug, isbn13, title, description, author_id, category_id, price_cents, sale_price_cents, stock,
                          status, created_at, updated_at, published_at)
         VALUES ('lanterns-${tag}', NULL, 'The Lantern Keepers', 'e2e', @author, @cat, 1899, 1499, 12, 'published',
                 UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)),
                ('tides-${tag}', NULL, 'A Grammar of Tides', 'e2e', @author, @cat, 2450, NULL, 3, 'published',
                 UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6));
       INSERT INTO coupons (code, kind, percent_bp, max_discount_cents, created_at)
         VALUES ('READ${tag.slice(-6)}', 'percent', 1000, NULL, UTC_TIMESTAMP(6));`);
  const ids = sql(`SELECT id FROM books WHERE slug IN ('lanterns-${tag}', 'tides-${tag}') ORDER BY id`).split('\n');
  return { tag, ids, slugs: [`lanterns-${tag}`, `tides-${tag}`], coupon: `READ${tag.slice(-6)}` };
}

// The catalog's book page has the add-to-cart form; without it (this branch alone) the same form is
// put on a page of ours, and posted the same way: no token, same origin, as a cached book page would.
async function addFromBookPage(page, slug, bookId, quantity) {
  const response = await page.goto(`${baseUrl}/books/${slug}`);
  if (response.status() === 200 && await page.locator('form.add-to-cart').count() > 0) {
    await page.locator('form.add-to-cart input[name=quantity]').fill(String(quantity));
    await page.locator('form.add-to-cart button[type=submit]').click();
  } else {
    await page.goto(`${baseUrl}/`);
    await page.evaluate(({ bookId, quantity }) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = '/cart/items';
      for (const [name, value] of [['book_id', bookId], ['quantity', quantity]]) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = String(value);
        form.appendChild(input);
      }
      document.body.appendChild(form);
      form.submit();
    }, { bookId, quantity });
  }
  await page.waitForURL(`${baseUrl}/cart`);
}

test('a guest fills a cart, logs in, checks out with a coupon and pays', async () => {
  const data = seed();
  const email = uniqueEmail('shopper');
  execFileSync(adminTool, ['--config', process.env.BOOKFAIR_CONFIG, 'create-user',
    '--email', email, '--name', 'Nora Shopper', '--password', 'a long shopper password', '--role', 'customer']);

  const { page, close } = await openBrowser();
  try {
    await addFromBookPage(page, data.slugs[0], data.ids[0], 2);
    await addFromBookPage(page, data.slugs[1], data.ids[1], 1);
    assert.match(await page.locator('.flash').innerText(), /Added to your cart/);
    assert.equal(await page.locator('.cart-count').innerText(), '3');
    assert.match(await page.locator('.order-summary').innerText(), /\$54\.48/);  // 2 × 14.99 + 24.50
    await screenshot(page, 'cart-guest');

    await page.getByRole('link', { name: 'Log in' }).click();
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('a long shopper password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${baseUrl}/account`);
    assert.equal(await page.locator('.cart-count').innerText(), '3', 'the guest cart joined the account');

    await page.getByRole('link', { name: /Cart/ }).click();
    await page.getByLabel('Coupon code').fill(data.coupon.toLowerCase());
    await page.getByRole('button', { name: 'Apply' }).click();
    assert.match(await page.locator('.flash').innerText(), new RegExp(`Coupon ${data.coupon} applied`));
    assert.match(await page.locator('.order-summary').innerText(), /−\$5\.45/);
    await screenshot(page, 'cart-coupon');

    await page.getByRole('link', { name: 'Go to checkout' }).click();
    await page.waitForURL(`${baseUrl}/checkout`);
    await page.getByLabel('Full name').fill('Nora Shopper');
    await page.getByLabel('Street address').fill('27 Lantern Row');
    await page.getByLabel('City').fill('Portland');
    await page.getByLabel('State / region').fill('OR');
    await page.getByLabel('Postal code').fill('97201');
    await page.getByLabel('Country').selectOption('US');
    await page.getByLabel(/Express/).check();
    await page.getByRole('button', { name: 'Update totals' }).click();
    assert.match(await page.locator('.order-summary').innerText(), /\$12\.99/);
    await screenshot(page, 'checkout');
    await page.getByRole('button', { name: 'Place order and pay' }).click();

    await page.waitForURL(/\/pay\//);
    // 54.48 - 5.45 + 12.99 express (+ tax at the configured rate, none in the test stack)
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Pay \$62\.02/);
    await payByCard(page, '62.02', (p) => screenshot(p, 'payment'));

    assert.match(await page.locator('.flash').innerText(), /payment was received/);
    assert.equal(await page.locator('.order-head .status').innerText(), 'Paid');
    const main = await page.locator('main').innerText();
    assert.match(main, /Visa ending 4242/);
    assert.match(main, /The Lantern Keepers/);
    assert.match(main, /Nora Shopper/);
    assert.equal(await page.locator('.cart-count').innerText(), '0', 'the cart was emptied');
    await screenshot(page, 'order-paid');

    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    assert.match(await page.locator('.order-list').innerText(), /Paid/);
    await screenshot(page, 'orders');
  } finally {
    await close();
  }
});
