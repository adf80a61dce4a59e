// An author with two years of sales opens the dashboard: figures, both charts (drawn without
// script or inline style), the books sorted by a column, recent sales and the CSV export.
// Screenshot: dashboard.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { adminTool, baseUrl, openBrowser, registerAuthor, screenshot, uniqueEmail } from './browser.mjs';

// Every part of the header row sits apart (no two boxes overlap) and the search form holds its button.
async function assertHeaderClear(page, width) {
  const boxes = await page.evaluate(() => {
    const r = (el) => { const b = el.getBoundingClientRect(); return { left: b.left, right: b.right, top: b.top, bottom: b.bottom }; };
    const search = document.querySelector('.header-row .search');
    return {
      parts: [...document.querySelectorAll('.header-row > *')].map((el) => ({ name: el.className || el.tagName, ...r(el) })),
      search: r(search),
      button: r(search.querySelector('button')),
      books: r(document.querySelector('.site-nav a[href="/books"]')),
    };
  });
  const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  assert.ok(boxes.button.right <= boxes.search.right + 0.5, `at ${width} px the search button leaves its form: ${JSON.stringify(boxes)}`);
  assert.ok(!overlap(boxes.button, boxes.books), `at ${width} px the search button covers "Books": ${JSON.stringify(boxes)}`);
  for (let i = 0; i < boxes.parts.length; ++i)
    for (let j = i + 1; j < boxes.parts.length; ++j)
      assert.ok(!overlap(boxes.parts[i], boxes.parts[j]), `at ${width} px ${boxes.parts[i].name} overlaps ${boxes.parts[j].name}`);
}

test('an author reads their sales on the dashboard and downloads them as CSV', async () => {
  const { page, close } = await openBrowser();
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
  try {
    const email = uniqueEmail('e2e-dashboard');
    await registerAuthor(page, email, 'Marguerite Vell');
    // Two years of sales of the author's (generated) books, with their rollups.
    execFileSync(adminTool, ['--config', process.env.BOOKFAIR_CONFIG, 'seed', '--sales', '2500',
      '--author', email], { encoding: 'utf8' });

    await page.locator('.account-nav a[href="/dashboard"]').click();
    await page.waitForURL(`${baseUrl}/dashboard`);
    await assert.doesNotReject(page.getByRole('heading', { name: 'Your dashboard' }).waitFor());
    const allTime = await page.locator('[data-period="all-time"] [data-figure="units"]').getAttribute('data-value');
    assert.ok(Number(allTime) >= 2500, `all-time units ${allTime}`);
    assert.equal(await page.locator('svg[role="img"]').count(), 2);
    assert.equal(await page.locator('#chart-monthly .chart__column').count(), 12);
    assert.equal(await page.locator('#chart-daily .chart__column').count(), 30);
    assert.match(await page.locator('#chart-monthly figcaption').innerText(), /Total \$/);
    // A third of the generated books are ebooks too: every figure splits print from ebook, and the
    // charts stack the two with a legend.
    const split = page.locator('[data-period="all-time"] [data-split="revenue"]');
    assert.match(await split.innerText(), /Print \$[\d,.]+k?\s+Ebook \$[\d,.]+/);
    assert.ok(Number(await split.getAttribute('data-ebook')) > 0);
    assert.ok(await page.locator('#chart-monthly .chart__legend').isVisible());
    assert.ok(await page.locator('#chart-monthly rect.chart__bar--ebook').count() > 0);
    assert.match(await page.locator('#chart-monthly figcaption').innerText(), /printed copies \$[\d,.]+, ebooks \$/);
    assert.ok(await page.getByRole('link', { name: 'Manage books' }).isVisible());

    // Sorting through the URL: by title, A to Z.
    await page.locator('thead a[data-sort="title"]').click();
    await page.waitForURL(/sort=title&dir=asc/);
    const titles = await page.locator('.sales-table tbody th a').allInnerTexts();
    assert.deepEqual(titles, [...titles].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    assert.equal(await page.locator('th[aria-sort="ascending"]').count(), 1);
    await page.goto(`${baseUrl}/dashboard`);
    await page.evaluate(() => document.fonts.ready);
    // The header with an author's links: the search box keeps inside its own box and clear of "Books".
    await screenshot(page, 'dashboard', { layout: assertHeaderClear });

    // The export: a download named for its range, starting with the BOM.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^bookfair-revenue-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await (await import('node:fs/promises')).readFile(await download.path());
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(csv.subarray(3).toString('utf8'), /^date,book_id,isbn13,title,currency,units,revenue,print_units,print_revenue,ebook_units,ebook_revenue\r\n\d{4}-/);
    assert.deepEqual(violations, []);
  } finally {
    await close();
  }
});
