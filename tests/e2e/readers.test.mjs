// A reader logs in, writes a review of a book that other readers have rated, saves the book to a
// wishlist, shares the list, and a visitor without an account opens the shared link. Screenshots of
// the book page with the reviews and of the shared list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { adminTool, baseUrl, openBrowser, screenshot, uniqueEmail } from './browser.mjs';

const stackDir = process.env.BOOKFAIR_TEST_ENV;

function sql(statement) {
  return execFileSync('mariadb', [`--defaults-file=${stackDir}/mariadb.cnf`, '--batch', '--skip-column-names',
    'bookfair_test', '-e', statement], { encoding: 'utf8' }).trim();
}

// The review section as laid out: each rating bar's coloured part is its share of the track, in a
// colour that stands out from the track; the bars take the middle column, not the whole row; the
// review list has no numbers and the sort links are apart. Runs at desktop and phone widths.
async function reviewsLaidOut(page, width) {
  const bars = await page.locator('.rating-bars tbody tr').evaluateAll((rows) => rows.map((row) => {
    const track = row.querySelector('.rating-bars__track');
    const fill = row.querySelector('.rating-bars__fill');
    return {
      percent: Number(row.querySelector('.rating-bars__count').textContent.match(/\((\d+)%\)/)[1]),
      track: track.getBoundingClientRect().width,
      fill: fill.getBoundingClientRect().width,
      trackColour: getComputedStyle(track).fill,
      fillColour: getComputedStyle(fill).fill,
      bar: row.querySelector('.rating-bars__bar').getBoundingClientRect().width,
      row: row.getBoundingClientRect().width,
    };
  }));
  assert.equal(bars.length, 5, 'a bar for each number of stars');
  for (const b of bars) {
    assert.ok(Math.abs((b.fill / b.track) * 100 - b.percent) <= 1, `${width}px: a ${b.percent}% bar fills ${b.fill} of ${b.track}px`);
    assert.notEqual(b.fillColour, b.trackColour, `${width}px: the filled part stands out from the track`);
    assert.equal(b.fillColour, 'rgb(201, 138, 27)', `${width}px: the bar's colour`);
    assert.ok(b.bar < b.row * 0.8, `${width}px: the bar (${b.bar}px) leaves room for the label and count (${b.row}px)`);
  }
  assert.equal(await page.locator('.review-list').evaluate((e) => getComputedStyle(e).listStyleType), 'none');
  const sortLinks = await page.locator('.review-sort a').evaluateAll((links) => links.map((a) => a.getBoundingClientRect()));
  assert.ok(sortLinks.length === 2 && sortLinks[1].left - sortLinks[0].right >= 8, `${width}px: the sort links are apart`);
}

// The bytes of a reader's review as stored, in hex.
const storedReview = (slug, email) => sql(`SELECT HEX(r.body) FROM reviews r JOIN books b ON b.id = r.book_id
  JOIN users u ON u.id = r.user_id WHERE b.slug = '${slug}' AND u.email = '${email}'`);
const hex = (text) => Buffer.from(text, 'utf8').toString('hex').toUpperCase();

test('a reader reviews a book and shares a wishlist', async () => {
  // A demo book with several reviews already, so the bars have something to show.
  // In stock: a visitor buys it from the shared list further down (the demo seed sells some books out).
  const slug = sql(`SELECT slug FROM books WHERE status = 'published' AND rating_count >= 6 AND cover_path IS NOT NULL
                    AND stock > 0 ORDER BY rating_count DESC, id LIMIT 1`);
  assert.ok(slug, 'the demo seed writes reviews');
  const before = Number(sql(`SELECT rating_count FROM books WHERE slug = '${slug}'`));
  const email = uniqueEmail('reviewer');
  execFileSync(adminTool, ['--config', process.env.BOOKFAIR_CONFIG, 'create-user',
    '--email', email, '--name', 'Iris Reviewer', '--password', 'a long reviewer password', '--role', 'customer']);

  const { page, close } = await openBrowser();
  const visitor = await openBrowser();
  try {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('a long reviewer password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${baseUrl}/account`);

    await page.goto(`${baseUrl}/books/${slug}`);
    await page.getByRole('link', { name: 'Write a review' }).click();
    await page.getByRole('button', { name: 'Publish review' }).click();  // empty: the errors come back
    assert.match(await page.locator('#field-rating-error').innerText(), /Choose a rating/);
    await page.getByLabel('4 stars: really liked it').check();
    await page.getByLabel('Title').fill('A patient, rewarding read');
    const body = 'The first chapters take their time, but the last third pays it all back.\n\n'
      + 'I will read it again in winter.\n  An indented line stays indented.';
    await page.getByLabel('Your review').fill(body);
    await page.getByRole('button', { name: 'Publish review' }).click();
    await page.waitForURL(new RegExp(`/books/${slug}`));
    assert.match(await page.locator('.flash').innerText(), /Your review is published/);
    assert.match(await page.locator('#your-review').innerText(), /A patient, rewarding read/);
    assert.match(await page.locator('.rating-summary').innerText(), new RegExp(`${before + 1} ratings`));
    await page.goto(`${baseUrl}/books/${slug}?reviews=newest#reviews`);
    assert.match(await page.locator('.review-list li').first().innerText(), /A patient, rewarding read/);
    await screenshot(page, 'reviews', { layout: reviewsLaidOut });

    // Multi-line text survives the edit form: the form shows what was saved, and any number of saves
    // keep it byte for byte (the browser sends CRLF line breaks; the shop keeps LF).
    assert.equal(storedReview(slug, email), hex(body), 'stored as typed, with LF line breaks');
    for (let save = 1; save <= 3; ++save) {
      await page.goto(`${baseUrl}/books/${slug}/review`);
      assert.equal(await page.getByLabel('Your review').inputValue(), body, 'the form shows the text as saved');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL(new RegExp(`/books/${slug}`));
      assert.equal(storedReview(slug, email), hex(body), `save ${save} keeps the review byte for byte`);
    }
    await page.goto(`${baseUrl}/books/${slug}?reviews=newest#reviews`);

    await page.getByRole('button', { name: 'Save to wishlist' }).click();
    assert.match(await page.locator('.flash').innerText(), /Saved to “My wishlist”/);
    await screenshot(page, 'review');

    await page.goto(`${baseUrl}/wishlists`);
    await page.getByRole('link', { name: 'My wishlist' }).click();
    await page.getByLabel('Priority').selectOption('1');
    await page.getByLabel('Note').fill('For the long train ride');
    await page.getByRole('button', { name: /^Save/ }).click();
    assert.match(await page.locator('.flash').innerText(), /Saved/);
    await page.getByRole('button', { name: 'Share by link' }).click();
    assert.match(await page.locator('.flash').innerText(), /Anyone with the link below/);
    const link = await page.locator('#share-url').getAttribute('href');
    assert.match(link, /^https?:\/\/\S+\/wishlists\/shared\/[A-Za-z0-9_-]+$/);
    assert.equal(await page.locator('#share-url').innerText(), link, 'the link is visible as text (no JavaScript needed)');
    const sharedPath = new URL(link).pathname;
    // With JavaScript the copy button appears and puts the link on the clipboard.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.locator('.share-link [role="status"]', { hasText: 'Copied.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    await screenshot(page, 'wishlist-owner');

    const response = await visitor.page.goto(`${baseUrl}${sharedPath}`);
    assert.equal(response.status(), 200);
    assert.match(await visitor.page.locator('main').innerText(), /shared by Iris Reviewer/);
    assert.match(await visitor.page.locator('main').innerText(), /For the long train ride/);
    await screenshot(visitor.page, 'wishlist-shared');
    // A visitor buys from the list.
    await visitor.page.getByRole('button', { name: /^Add to cart/ }).first().click();
    await visitor.page.waitForURL(`${baseUrl}/cart`);
    assert.match(await visitor.page.locator('.flash').innerText(), /Added to your cart/);

    await page.getByRole('button', { name: 'Stop sharing' }).click();
    const gone = await visitor.page.goto(`${baseUrl}${sharedPath}`);
    assert.equal(gone.status(), 404);
  } finally {
    await visitor.close();
    await close();
  }
});
