// The pages people expect, at desktop (1280 px) and phone (390 px) widths: the header's Books and
// Authors links, the footer's pages, the authors index, a book page's preview tags and JSON-LD, the
// catalogue's "Filter and sort" toggle, checkout with a saved address, and the author dashboard.
// Screenshots: pages-*-1280.png and pages-*-390.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { adminTool, baseUrl, logIn, openBrowser, registerAuthor, screenshot, uniqueEmail } from './browser.mjs';

const stackDir = process.env.BOOKFAIR_TEST_ENV;
const widths = [1280, 390];

function sql(statement) {
  return execFileSync('mariadb', [`--defaults-file=${stackDir}/mariadb.cnf`, '--batch', '--skip-column-names',
    'bookfair_test', '-e', statement], { encoding: 'utf8' }).trim();
}

function bookfair(...args) {
  return execFileSync(adminTool, ['--config', process.env.BOOKFAIR_CONFIG, ...args],
    { encoding: 'utf8' });
}

async function atWidth(page, width) {
  await page.setViewportSize({ width, height: width > 500 ? 860 : 844 });
}

// Nothing on the page is wider than the window (no sideways scrolling).
async function assertNoSidewaysScroll(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
  }));
  assert.ok(scroll <= inner, `${what}: the page is ${scroll} px wide in a ${inner} px window`);
}

test('visitors find books, authors and the shop pages at both widths', async () => {
  const { page, close } = await openBrowser();
  try {
    const slug = sql(`SELECT slug FROM books WHERE status = 'published' AND cover_path IS NOT NULL
                      AND description <> '' ORDER BY id LIMIT 1`);
    for (const width of widths) {
      await atWidth(page, width);
      await page.goto(`${baseUrl}/`);
      const header = page.locator('.site-header');
      assert.ok(await header.getByRole('link', { name: 'Books', exact: true }).isVisible());
      assert.ok(await header.getByRole('link', { name: 'Authors', exact: true }).isVisible());
      const headerHeight = (await header.boundingBox()).height;
      if (width === 390) assert.ok(headerHeight <= 150, `a compact header on a phone (${headerHeight} px)`);
      await assertNoSidewaysScroll(page, `home at ${width}`);
      await screenshot(page, `pages-home-${width}`);

      // The catalogue: on a phone the filters wait behind a toggle (a <details>: no script needed).
      await page.goto(`${baseUrl}/books`);
      const filters = page.locator('form.filters');
      const toggle = page.locator('.filters-toggle__summary');
      if (width === 390) {
        assert.equal(await filters.isVisible(), false, 'filters folded away on a phone');
        assert.ok(await toggle.isVisible());
        const firstCard = await page.locator('.book-grid .book-card').first().boundingBox();
        assert.ok(firstCard && firstCard.y < 844, 'the first book shows on the first screen');
        await screenshot(page, `pages-books-${width}`);
        await toggle.click();
        assert.ok(await filters.isVisible(), 'the toggle opens the filters');
        await screenshot(page, `pages-books-filters-${width}`);
      } else {
        assert.ok(await filters.isVisible(), 'filters always shown on a wide screen');
        assert.equal(await toggle.isVisible(), false);
        await screenshot(page, `pages-books-${width}`);
      }
      await assertNoSidewaysScroll(page, `books at ${width}`);

      await page.locator('.site-header').getByRole('link', { name: 'Authors', exact: true }).click();
      await page.waitForURL(`${baseUrl}/authors`);
      assert.ok(await page.locator('.authors-index li').count() > 0);
      await assertNoSidewaysScroll(page, `authors at ${width}`);
      await screenshot(page, `pages-authors-${width}`);

      await page.locator('.site-footer').getByRole('link', { name: 'Shipping and returns' }).click();
      await page.waitForURL(`${baseUrl}/pages/shipping-returns`);
      assert.match(await page.locator('h1').innerText(), /Shipping and returns/);
      await screenshot(page, `pages-shipping-${width}`);
    }

    // A book page: preview tags and structured data a search engine can read.
    await atWidth(page, 1280);
    await page.goto(`${baseUrl}/books/${slug}`);
    const og = (p) => page.locator(`meta[property="${p}"]`).getAttribute('content');
    assert.equal(await og('og:type'), 'book');
    assert.match(await og('og:image'), /^https?:\/\/.+\/uploads\/.+/);
    assert.ok((await page.locator('meta[name="description"]').getAttribute('content')).length > 20);
    const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
    assert.equal(ld['@type'], 'Book');
    assert.equal(ld.name, await page.locator('h1.book__title').innerText());
    assert.equal(ld.offers['@type'], 'Offer');
    assert.match(ld.offers.price, /^\d+\.\d\d$/);
  } finally {
    await close();
  }
});

test('a reader with a saved address checks out on a phone', async () => {
  const email = uniqueEmail('e2e-phone');
  bookfair('create-user', '--email', email, '--name', 'Pia Phone', '--password', 'a long phone password',
    '--role', 'customer');
  const slug = sql(`SELECT slug FROM books WHERE status = 'published' AND stock > 5 ORDER BY id LIMIT 1`);
  const { page, close } = await openBrowser();
  try {
    await logIn(page, email, 'a long phone password');
    await page.goto(`${baseUrl}/account/addresses/new`);
    await page.getByLabel('Full name').fill('Pia Phone');
    await page.getByLabel('Street address').fill('12 Harbour Road');
    await page.getByLabel('City').fill('Portland');
    await page.getByLabel('State / region').fill('OR');
    await page.getByLabel('Postal code').fill('97201');
    await page.getByLabel('Country').selectOption('US');
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.waitForURL(`${baseUrl}/account/addresses`);
    await page.goto(`${baseUrl}/books/${slug}`);
    await page.locator('form.add-to-cart button[type=submit]').click();
    await page.waitForURL(`${baseUrl}/cart`);

    for (const width of widths) {
      await atWidth(page, width);
      await page.goto(`${baseUrl}/checkout`);
      const saved = page.locator('input[name="address_choice"]:checked');
      assert.notEqual(await saved.getAttribute('value'), 'new', 'the saved address is chosen');
      assert.equal(await page.locator('.new-address').isVisible(), false, 'no new-address form while a saved one is chosen');
      await screenshot(page, `pages-checkout-${width}`);
      await assertNoSidewaysScroll(page, `checkout at ${width}`);
      if (width === 390) {
        const pay = await page.getByRole('button', { name: 'Place order and pay' }).boundingBox();
        assert.ok(pay.y + pay.height < 2 * 844, `the Pay button is within two screens (at ${Math.round(pay.y)} px)`);
      }
    }
    // Choosing a new address brings its form back (CSS alone: works without script).
    await page.locator('input[name="address_choice"][value="new"]').check();
    assert.ok(await page.locator('.new-address').isVisible());
  } finally {
    await close();
  }
});

test('an author reads the dashboard on a phone without sideways scrolling', async () => {
  const { page, close } = await openBrowser();
  try {
    const email = uniqueEmail('e2e-phone-author');
    await registerAuthor(page, email, 'Nadia Narrow');
    bookfair('seed', '--sales', '800', '--author', email);
    for (const width of widths) {
      await atWidth(page, width);
      await page.goto(`${baseUrl}/dashboard`);
      await page.evaluate(() => document.fonts.ready);
      await screenshot(page, `pages-dashboard-${width}`);
      await assertNoSidewaysScroll(page, `dashboard at ${width}`);
      // Chart labels as drawn on screen: the SVG is scaled to its card, so its text shrinks with it.
      const smallest = await page.evaluate(() => Math.min(...[...document.querySelectorAll('.chart__svg text')]
        .filter((t) => t.getClientRects().length > 0)
        .map((t) => {
          const svg = t.ownerSVGElement;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return parseFloat(getComputedStyle(t).fontSize) * scale;
        })));
      assert.ok(smallest >= 10, `chart labels are readable at ${width} px (smallest ${smallest.toFixed(1)} px)`);
    }
  } finally {
    await close();
  }
});

test('an administrator edits a footer page, and a reader sees it', async () => {
  const adminEmail = uniqueEmail('e2e-pages-admin');
  bookfair('create-admin', '--email', adminEmail, '--name', 'Paula Pages', '--password', 'a long admin password');
  const { page, close } = await openBrowser();
  try {
    await logIn(page, adminEmail, 'a long admin password', '/admin');
    // On a phone the twelve sections are a compact grid of four a row, not a long column of tabs.
    await screenshot(page, 'pages-admin-nav', {
      layout: async (p, width) => {
        const nav = await p.evaluate(() => {
          const ul = document.querySelector('.admin-nav ul');
          const links = [...ul.querySelectorAll('a')];
          return { height: ul.getBoundingClientRect().height, columns: getComputedStyle(ul).gridTemplateColumns,
            clipped: links.filter((a) => a.scrollWidth > a.clientWidth + 1).map((a) => a.textContent) };
        });
        if (width < 640) {
          assert.equal(nav.columns.split(' ').length, 4, `admin nav columns at ${width}: ${nav.columns}`);
          assert.ok(nav.height <= 130, `admin nav is ${nav.height} px tall at ${width} px`);
        }
        assert.deepEqual(nav.clipped, [], `admin nav labels cut at ${width} px`);
      },
    });
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Pages' }).click();
    await page.locator('.admin').getByRole('link', { name: 'Terms of sale' }).click();
    await page.getByLabel('Title', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    assert.match(await page.locator('#field-title-error').innerText(), /Enter the page/);
    for (const width of widths) {
      await atWidth(page, width);
      await assertNoSidewaysScroll(page, `page form at ${width}`);
      await screenshot(page, `pages-admin-page-${width}`);
    }
    await atWidth(page, 1280);
    await page.getByLabel('Title', { exact: true }).fill('Terms of sale and delivery');
    await page.getByLabel('Text', { exact: true }).fill('These terms apply to every order.\n\nYou may cancel an order until it ships.');
    await page.getByRole('button', { name: 'Save' }).click();
    assert.match(await page.locator('.flash').innerText(), /Saved/);
    await page.goto(`${baseUrl}/pages/terms`);
    assert.equal(await page.locator('h1').innerText(), 'Terms of sale and delivery');
    assert.equal(await page.locator('.site-page p').count(), 3, 'two paragraphs and the date');
  } finally {
    await close();
  }
});
