// Digital editions (issue #19): an author prices an ebook and uploads its EPUB from the book's
// dashboard page; a reader buys the ebook (no address asked), finds it in the library and downloads
// their personal copy, which nginx sends. Screenshots of each page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adminTool, baseUrl, logIn, openBrowser, screenshot, uniqueEmail } from './browser.mjs';

const stackDir = process.env.BOOKFAIR_TEST_ENV;

function sql(statements) {
  return execFileSync('mariadb', [`--defaults-file=${stackDir}/mariadb.cnf`, '--batch', '--skip-column-names',
    'bookfair_test', '-e', statements], { encoding: 'utf8' }).trim();
}

function createUser(email, name, role) {
  execFileSync(adminTool, ['--config', process.env.BOOKFAIR_CONFIG, 'create-user',
    '--email', email, '--name', name, '--password', 'a long ebook password', '--role', role]);
  return sql(`SELECT id FROM users WHERE email = '${email}'`);
}

// A small EPUB made with Python's zipfile (mimetype first and stored), as an author's tool would.
function makeEpub(dir) {
  const file = path.join(dir, 'the-salt-road.epub');
  execFileSync('/usr/bin/python3', ['-c', `
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w")
z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
z.writestr("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>', compress_type=zipfile.ZIP_DEFLATED)
z.writestr("OEBPS/content.opf", '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:salt-road</dc:identifier><dc:title>The Salt Road</dc:title><dc:language>en</dc:language></metadata><manifest><item id="t" href="title.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="t"/></spine></package>', compress_type=zipfile.ZIP_DEFLATED)
z.writestr("OEBPS/title.xhtml", '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>The Salt Road</title></head><body><h1>The Salt Road</h1></body></html>', compress_type=zipfile.ZIP_DEFLATED)
z.close()
`, file]);
  return file;
}

test('an author uploads an ebook; a reader buys it and downloads it from the library', async () => {
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const authorEmail = uniqueEmail('ebook-author');
  const readerEmail = uniqueEmail('ebook-reader');
  const authorId = createUser(authorEmail, 'Ines Salt', 'author');
  createUser(readerEmail, 'Theo Reader', 'customer');
  sql(`INSERT INTO categories (slug, name) VALUES ('ebooks-${tag}', 'Travel');
       SET @cat = LAST_INSERT_ID();
       INSERT INTO category_closure (ancestor_id, descendant_id, depth) VALUES (@cat, @cat, 0);
       INSERT INTO books (slug, title, description, author_id, category_id, price_cents, stock, status, created_at,
                          updated_at, published_at)
         VALUES ('salt-road-${tag}', 'The Salt Road', 'A walk along an old trade route.', ${authorId}, @cat, 2200, 4,
                 'published', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6));`);
  const bookId = sql(`SELECT id FROM books WHERE slug = 'salt-road-${tag}'`);
  const work = mkdtempSync(path.join(tmpdir(), 'bookfair-ebook-'));

  const author = await openBrowser();
  try {
    const page = author.page;
    await logIn(page, authorEmail, 'a long ebook password');
    await page.goto(`${baseUrl}/dashboard/books/${bookId}`);
    await page.getByRole('link', { name: /Ebook edition/ }).click();
    await page.waitForURL(`${baseUrl}/dashboard/books/${bookId}/ebook`);
    await page.getByLabel('Ebook price').fill('7.99');
    await page.getByRole('button', { name: "Save the ebook's price" }).click();
    assert.match(await page.locator('.flash').innerText(), /price is saved/);
    await page.getByLabel('Format').selectOption('epub');
    await page.getByLabel('File', { exact: true }).setInputFiles(makeEpub(work));
    await page.getByRole('button', { name: 'Upload' }).click();
    assert.match(await page.locator('.flash').innerText(), /EPUB uploaded/);
    assert.match(await page.locator('main').innerText(), /For sale/);
    await screenshot(page, 'ebook-dashboard');
  } finally {
    await author.close();
  }

  const reader = await openBrowser();
  try {
    const page = reader.page;
    await logIn(page, readerEmail, 'a long ebook password');
    await page.goto(`${baseUrl}/books/salt-road-${tag}`);
    assert.match(await page.locator('.buy-box').innerText(), /\$7\.99/);
    await screenshot(page, 'ebook-book-page');
    await page.getByRole('button', { name: 'Add the ebook to cart' }).click();
    await page.waitForURL(`${baseUrl}/cart`);
    assert.match(await page.locator('.cart-table').innerText(), /Ebook/);
    assert.match(await page.locator('.order-summary').innerText(), /None: ebooks only/);
    await screenshot(page, 'ebook-cart');

    await page.getByRole('link', { name: 'Go to checkout' }).click();
    await page.waitForURL(`${baseUrl}/checkout`);
    assert.equal(await page.getByLabel('Street address').count(), 0, 'no address for ebooks alone');
    await screenshot(page, 'ebook-checkout');
    await page.getByRole('button', { name: 'Place order and pay' }).click();
    await page.waitForURL(/\/pay\//);
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Expiry (MM/YY)').fill('12/34');
    await page.getByLabel('Security code (CVC)').fill('123');
    await page.getByRole('button', { name: /Pay \$7\.99/ }).click();
    await page.waitForURL(/\/orders\/ORD-\d{8}-\d{5}$/);
    const number = new URL(page.url()).pathname.split('/').pop();
    await screenshot(page, 'ebook-order-paid');

    await page.getByRole('link', { name: 'your library' }).click();
    await page.waitForURL(`${baseUrl}/library`);
    const shelf = await page.locator('main').innerText();
    assert.match(shelf, /The Salt Road/);
    assert.match(shelf, /10 of 10 downloads left today/);
    await screenshot(page, 'library');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download EPUB/ }).click(),
    ]);
    const saved = path.join(work, 'downloaded.epub');
    await download.saveAs(saved);
    assert.match(download.suggestedFilename(), /^salt-road-.*\.epub$/);
    const check = execFileSync('/usr/bin/python3', ['-c', `
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.infolist()[0].filename == "mimetype" and z.infolist()[0].compress_type == zipfile.ZIP_STORED
print(z.read("OEBPS/content.opf").decode())
print(z.read("OEBPS/title.xhtml").decode())
`, saved], { encoding: 'utf8' });
    assert.match(check, new RegExp(`Licensed to Theo Reader \\(order ${number}\\)`));

    await page.goto(`${baseUrl}/library`);
    assert.match(await page.locator('main').innerText(), /9 of 10 downloads left today/);
    await screenshot(page, 'library-after-download');
  } finally {
    await reader.close();
    rmSync(work, { recursive: true, force: true });
  }
});

// An ebook-only book, its flash sale of the ebook, and the library after buying it there: the author
// sees the book form's Editions field and makes the sale on the dashboard; the reader sees the book's
// page and the sale's page (which say it is the ebook), buys without an address and finds the book in
// the library. Each page checked and shot at desktop and phone widths.
test('an ebook-only book on a flash sale of its ebook, bought into the library', async () => {
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const authorEmail = uniqueEmail('flash-ebook-author');
  const readerEmail = uniqueEmail('flash-ebook-reader');
  const authorId = createUser(authorEmail, 'Mara Quill', 'author');
  const readerId = createUser(readerEmail, 'Pia Reader', 'customer');
  sql(`UPDATE users SET email_verified_at = UTC_TIMESTAMP(6) WHERE id = ${readerId}`);
  const work = mkdtempSync(path.join(tmpdir(), 'bookfair-ebook-'));
  // A category the workers know already (their category tree is cached: a new one may not show yet).
  sql(`SET @cat = (SELECT id FROM categories ORDER BY id LIMIT 1);
       INSERT INTO books (slug, title, description, author_id, category_id, price_cents, stock, print_edition, status,
                          created_at, updated_at, published_at)
         VALUES ('night-ferry-${tag}', 'The Night Ferry', 'Poems written on a crossing.', ${authorId}, @cat, 900, 0, 0,
                 'published', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6));
       SET @book = LAST_INSERT_ID();
       INSERT INTO digital_editions (book_id, price_cents, created_at, updated_at)
         VALUES (@book, 900, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6));`);
  const bookId = sql(`SELECT id FROM books WHERE slug = 'night-ferry-${tag}'`);
  // The EPUB as an upload leaves it: under ebooks_dir, named in edition_files.
  const stored = `books/${bookId}/night-ferry-${tag}.epub`;
  mkdirSync(path.join(stackDir, 'ebooks', 'books', String(bookId)), { recursive: true });
  copyFileSync(makeEpub(work), path.join(stackDir, 'ebooks', stored));
  sql(`INSERT INTO edition_files (book_id, format, stored_name, original_name, size_bytes, sha256, created_at, updated_at)
       VALUES (${bookId}, 'epub', '${stored}', 'night-ferry.epub', 1000, UNHEX(SHA2('${tag}', 256)),
               UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))`);

  const author = await openBrowser();
  try {
    const page = author.page;
    await logIn(page, authorEmail, 'a long ebook password');
    await page.goto(`${baseUrl}/dashboard/books/new`);
    await page.getByLabel(/Ebook only/).check();
    await screenshot(page, 'book-form-editions');
    await page.goto(`${baseUrl}/dashboard/sales`);
    await page.getByLabel('Book', { exact: true }).selectOption(String(bookId));
    await page.getByLabel('Edition').selectOption('digital');
    await page.getByLabel('Sale price').fill('3.00');
    await page.getByLabel('Copies', { exact: true }).fill('250');
    await page.getByLabel('Starts (UTC)').fill('2020-01-01T00:00');
    await page.getByRole('button', { name: 'Create the sale' }).click();
    assert.match(await page.locator('.flash').innerText(), /Flash sale created/);
    assert.match(await page.locator('.sale-table').innerText(), /The Night Ferry\s*Ebook/);
    await screenshot(page, 'flash-sales-ebook-manage');
  } finally {
    await author.close();
  }
  const saleId = sql(`SELECT MAX(id) FROM flash_sales WHERE book_id = ${bookId}`);

  const reader = await openBrowser();
  try {
    const page = reader.page;
    await logIn(page, readerEmail, 'a long ebook password');
    await page.goto(`${baseUrl}/books/night-ferry-${tag}`);
    const box = await page.locator('.buy-box').innerText();
    assert.match(box, /Ebook only/);
    assert.match(box, /Flash sale\s*Ebook/);
    await screenshot(page, 'ebook-only-book');

    await page.getByRole('link', { name: 'See the flash sale' }).click();
    await page.waitForURL(`${baseUrl}/sales/${saleId}`);
    const sale = await page.locator('main').innerText();
    assert.match(sale, /\(ebook\)/);
    assert.match(sale, /250 of 250 ebooks left/);
    assert.equal(await page.getByLabel('Street address').count(), 0, 'no address for an ebook');
    await screenshot(page, 'ebook-flash-sale');
    await page.getByRole('button', { name: 'Buy the ebook for $3.00' }).click();
    await page.waitForURL(/\/pay\//);
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Expiry (MM/YY)').fill('12/34');
    await page.getByLabel('Security code (CVC)').fill('123');
    await page.getByRole('button', { name: /Pay \$3\.00/ }).click();
    await page.waitForURL(/\/orders\/ORD-\d{8}-\d{5}$/);
    await page.getByRole('link', { name: 'your library' }).click();
    await page.waitForURL(`${baseUrl}/library`);
    assert.match(await page.locator('main').innerText(), /The Night Ferry/);
    await screenshot(page, 'library-flash-sale');
  } finally {
    await reader.close();
    rmSync(work, { recursive: true, force: true });
  }
});
