// An administrator logs in, reads the sales report for a past fortnight of orders, finds a reader's
// orders and ships one. Screenshots of the report, the order list, the order page and the other sections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { adminTool, baseUrl, openBrowser, screenshot, uniqueEmail } from './browser.mjs';

const stackDir = process.env.BOOKFAIR_TEST_ENV;

function sql(statements) {
  return execFileSync('mariadb', [`--defaults-file=${stackDir}/mariadb.cnf`, '--batch', '--skip-column-names',
    'bookfair_test', '-e', statements], { encoding: 'utf8' }).trim();
}

const day = 86400 * 1000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const sqlTime = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

// A fortnight of paid orders, 45 to 32 days ago, for books of the demo catalogue (its categories have
// real names); nothing else in the test database was paid then, so the report shows these alone.
function seedOrders() {
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const email = `nora.${tag.slice(-7)}@example.com`;
  sql(`INSERT INTO users (email, display_name, password_hash, role, email_verified_at, created_at, updated_at)
       VALUES ('${email}', 'Nora Reader', 'x', 'customer', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))`);
  const buyer = sql(`SELECT id FROM users WHERE email = '${email}'`);
  const books = sql(`SELECT id, author_id, price_cents FROM books WHERE status = 'published' AND id <= 200
                     ORDER BY id LIMIT 40`).split('\n').map((line) => line.split('\t').map(Number));
  const start = Date.now() - 45 * day;
  const statuses = ['delivered', 'delivered', 'shipped', 'delivered', 'paid', 'shipped', 'delivered', 'processing',
    'delivered', 'shipped', 'refunded', 'delivered', 'paid', 'paid'];
  let statements = '';
  statuses.forEach((status, n) => {
    const at = start + n * day + (n % 5) * 3600 * 1000;
    const lines = [books[(n * 7) % books.length], books[(n * 3 + 5) % books.length]].slice(0, 1 + (n % 2));
    const items = lines.map(([id, author, price], i) => ({ id, author, price, qty: 1 + ((n + i) % 3) }));
    const subtotal = items.reduce((sum, i) => sum + i.price * i.qty, 0);
    const shipping = subtotal >= 3500 ? 0 : 499;
    const number = `ORD-${isoDay(at).replaceAll('-', '')}-9${String(n).padStart(2, '0')}${tag.slice(-2)}`;
    statements += `
      INSERT INTO orders (number, user_id, status, idempotency_key, ship_full_name, ship_line1, ship_city, ship_region,
                          ship_postal_code, ship_country, shipping_method, subtotal_cents, shipping_cents, total_cents,
                          refunded_cents, created_at, updated_at, paid_at)
        VALUES ('${number}', ${buyer}, '${status}', 'e2e-${tag}-${n}', 'Nora Reader', '12 Harbour Lane', 'Portland', 'OR',
                '97201', 'US', 'standard', ${subtotal}, ${shipping}, ${subtotal + shipping},
                ${status === 'refunded' ? subtotal + shipping : 0}, '${sqlTime(at)}', '${sqlTime(at)}', '${sqlTime(at + 60000)}');
      SET @o = LAST_INSERT_ID();
      ${items.map((i) => `INSERT INTO order_items (order_id, book_id, author_id, title, unit_price_cents, quantity, line_total_cents)
          SELECT @o, id, author_id, title, ${i.price}, ${i.qty}, ${i.price * i.qty} FROM books WHERE id = ${i.id};`).join('\n')}
      INSERT INTO payments (order_id, attempt, provider_ref, amount_cents, status, card_brand, card_last4, created_at, settled_at)
        VALUES (@o, 1, 'pay_e2e_${tag}_${n}', ${subtotal + shipping}, 'succeeded', 'Visa', '4242', '${sqlTime(at)}', '${sqlTime(at + 60000)}');
      INSERT INTO order_events (order_id, status, note, created_at) VALUES
        (@o, 'pending_payment', 'Order placed; the books are held for payment.', '${sqlTime(at)}'),
        (@o, 'paid', 'Payment received: Visa ending 4242.', '${sqlTime(at + 60000)}');`;
  });
  // Two emails the mailer gave up on, and one it is still retrying.
  [['dead', 6, '550 5.1.1 <old.address@example.org>: mailbox unavailable'], ['dead', 6, 'connection timed out after 30 s'],
    ['pending', 2, '421 4.7.0 try again later']].forEach(([status, attempts, error], n) => {
    statements += `
      INSERT INTO outbox (dedupe_key, kind, recipient, subject, body_text, body_html, status, attempts, next_attempt_at,
                          last_error, created_at)
        VALUES ('e2e-${tag}-mail-${n}', 'receipt', '${email}', 'Your Bookfair receipt', 'text', '<p>html</p>', '${status}',
                ${attempts}, '${sqlTime(Date.now() + 600000)}', '${error}', '${sqlTime(Date.now() - (n + 1) * 3600000)}');`;
  });
  sql(statements);
  return { email, from: isoDay(start), to: isoDay(start + 13 * day) };
}

// A running flash sale of a demo book, made as FlashSales::create makes one (the copies leave the stock).
function seedSale() {
  const [book, author] = sql(`SELECT b.id, u.display_name FROM books b JOIN users u ON u.id = b.author_id
    WHERE b.status = 'published' AND b.stock >= 20 AND b.price_cents > 1000 ORDER BY b.id LIMIT 1`).split('\t');
  sql(`UPDATE books SET stock = stock - 5 WHERE id = ${book};
       INSERT INTO flash_sales (book_id, price_cents, quantity, units_left, start_at, end_at, per_customer_limit, status,
                                created_by, created_at, updated_at)
         SELECT id, 499, 5, 5, UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE, NULL, 1, 'active', author_id, UTC_TIMESTAMP(6),
                UTC_TIMESTAMP(6) FROM books WHERE id = ${book};`);
  return { id: sql(`SELECT MAX(id) FROM flash_sales WHERE book_id = ${book}`), author };
}

// On a desktop a table fits its card, so nothing in a row (the last column's buttons above all) is cut
// off at the card's edge; on a phone it may scroll inside the card, never past the window.
async function actionsInsideTheTable(page, width) {
  const cut = await page.locator('.table-wrap').evaluateAll((wraps, desktop) => wraps.flatMap((wrap) => {
    if (desktop && wrap.scrollWidth > wrap.clientWidth + 1)
      return [`the table is ${wrap.scrollWidth - wrap.clientWidth}px wider than its card`];
    const scrolls = ['auto', 'scroll'].includes(getComputedStyle(wrap).overflowX);
    return [...wrap.querySelectorAll('button, a')]
      .filter((e) => !scrolls && e.getBoundingClientRect().right > wrap.getBoundingClientRect().right + 1)
      .map((e) => `${e.textContent.trim()} is cut off`);
  }), width >= 1000);
  assert.deepEqual(cut, [], `${width}px`);
}

test('an administrator reads the sales report, finds a reader\'s orders and ships one', async () => {
  const data = seedOrders();
  const adminEmail = uniqueEmail('admin');
  execFileSync(adminTool, ['--config', process.env.BOOKFAIR_CONFIG, 'create-admin',
    '--email', adminEmail, '--name', 'Iris Admin', '--password', 'a long admin password']);

  const { page, close } = await openBrowser();
  try {
    await page.goto(`${baseUrl}/login?next=/admin`);
    await page.getByLabel('Email address').fill(adminEmail);
    await page.getByLabel('Password').fill('a long admin password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${baseUrl}/admin`);

    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByLabel('From').fill(data.from);
    await page.getByLabel('To (included)').fill(data.to);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/\/admin\/reports\?from=/);
    const sales = page.locator('.report-table tbody tr');
    assert.ok(await sales.count() >= 3, 'categories that sold are listed');
    assert.match(await page.locator('.stat-grid').innerText(), /books sold/);
    assert.ok(await page.locator('.rank-list li').count() >= 5, 'best sellers in the range');
    await screenshot(page, 'admin-reports');

    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Orders' }).click();
    await page.getByLabel('Order number or buyer’s email').fill(data.email);
    await page.locator('form.toolbar').getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/admin\/orders\?q=/);
    assert.equal(await page.locator('.data-table tbody tr').count(), 14);
    await screenshot(page, 'admin-orders');

    // The newest order is paid: ship it, first forgetting the tracking number.
    await page.locator('.data-table tbody tr').first().locator('a.code').click();
    await page.getByLabel('Next step').selectOption('shipped');
    await page.getByLabel('Carrier').fill('Parcelway');
    await page.getByRole('button', { name: 'Save the status' }).click();
    assert.match(await page.locator('.admin-action').first().innerText(), /Enter the tracking number/);
    await page.getByLabel('Tracking number').fill('PW 1234 5678');
    await page.getByRole('button', { name: 'Save the status' }).click();
    assert.match(await page.locator('.flash').innerText(), /is now shipped/);
    assert.match(await page.locator('.audit-table').innerText(), /order\.status/);
    await screenshot(page, 'admin-order');

    // The other sections render and share the navigation.
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Categories' }).click();
    assert.ok(await page.locator('.category-table tbody tr').count() >= 10);
    await screenshot(page, 'admin-categories');
    await page.goto(`${baseUrl}/admin/coupons/new`);
    await page.getByLabel('Code').fill('x');
    await page.getByLabel('Percent off').fill('150');
    await page.getByRole('button', { name: 'Create the coupon' }).click();
    assert.match(await page.locator('.form-errors').innerText(), /Please correct the 2 fields/);
    await screenshot(page, 'admin-coupon-errors');
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Outbox' }).click();
    assert.equal(await page.locator('.outbox-tabs li').count(), 3);
    assert.match(await page.locator('.outbox-messages').innerText(), /mailbox unavailable/);
    assert.match(await page.locator('.outbox-queues tr[data-class="bulk"]').innerText(), /bulk/);
    await screenshot(page, 'admin-outbox');
    await page.locator('.outbox-messages tbody tr').first().getByRole('button', { name: 'Requeue' }).click();
    assert.match(await page.locator('.flash').innerText(), /back in line/);

    // Flash sales: every column filled (the author too), the actions within the table at any width,
    // and cancelling asks first.
    const sale = seedSale();
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Flash sales' }).click();
    const saleRow = page.locator('.sale-table tbody tr', { has: page.locator(`a[href="/sales/${sale.id}"]`) });
    assert.equal(await saleRow.locator('td').first().innerText(), sale.author, 'the Author column names the author');
    await screenshot(page, 'admin-sales', { layout: actionsInsideTheTable });
    await saleRow.getByRole('button', { name: 'Cancel' }).click();
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Cancel the flash sale/);
    await screenshot(page, 'admin-sale-cancel');
    await page.getByRole('link', { name: 'No, keep it' }).click();
    assert.equal(await saleRow.locator('.badge').first().innerText(), 'On now', 'nothing was cancelled');
    await page.goto(`${baseUrl}/sales/${sale.id}`);
    assert.match(await page.locator('.sale-page__total').innerText(), /standard shipping/);
    await screenshot(page, 'sale');
  } finally {
    await close();
  }
});
