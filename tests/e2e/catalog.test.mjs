// An author adds a book with a cover, publishes it and finds it by searching; a reader browses
// the home page and a book page (screenshots of both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { baseUrl, openBrowser, registerAuthor, screenshot, uniqueEmail } from './browser.mjs';

// The bytes of a book's description as stored, in hex.
function storedDescription(title) {
  return execFileSync('mariadb', [`--defaults-file=${process.env.BOOKFAIR_TEST_ENV}/mariadb.cnf`, '--batch',
    '--skip-column-names', 'bookfair_test', '-e', `SELECT HEX(description) FROM books WHERE title = '${title}'`],
  { encoding: 'utf8' }).trim();
}
const hex = (text) => Buffer.from(text, 'utf8').toString('hex').toUpperCase();

// A real 2x3 PNG: the site checks the bytes, not the name.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDK+mmyQAAAABJRU5ErkJggg==',
  'base64');

test('an author adds a book with a cover, publishes it and finds it by search', async () => {
  const { page, close } = await openBrowser();
  try {
    const word = `quill${Date.now().toString(36)}`;
    await registerAuthor(page, uniqueEmail('e2e-author'), 'Ottilie Inkwell');

    await page.goto(`${baseUrl}/dashboard/books`);
    await page.getByRole('link', { name: 'Add a book' }).click();
    await page.getByLabel('Title', { exact: true }).fill(`The ${word} Almanac`);
    const description = 'A year of small wonders,\none for each week.\n\nSecond paragraph.\n\n  Third, indented.';
    await page.getByLabel('Description', { exact: true }).fill(description);
    const options = await page.getByLabel('Category', { exact: true }).locator('option').allTextContents();
    await page.getByLabel('Category', { exact: true }).selectOption({ label: options[1] });
    await page.getByLabel('Price', { exact: true }).fill('18.50');
    await page.getByLabel('Copies in stock').fill('4');
    await page.getByLabel('Tags').fill('almanac, seasons');
    const dir = mkdtempSync(path.join(tmpdir(), 'bookfair-cover-'));
    const file = path.join(dir, 'cover.png');
    writeFileSync(file, png);
    await page.getByLabel('Cover image').setInputFiles(file);
    // The run's own word in it: the book page also shows related books, a cover of an earlier run's among them.
    await page.getByLabel('Cover description').fill(`A quill over a field of stars, ${word}`);
    await page.getByRole('button', { name: 'Save as draft' }).click();
    assert.match(await page.locator('.flash').innerText(), /Saved as a draft/);

    await page.goto(`${baseUrl}/dashboard/books`);
    const row = page.locator('tr', { hasText: `The ${word} Almanac` });
    await row.getByRole('button', { name: 'Publish' }).click();
    assert.match(await page.locator('.flash').innerText(), /is published/);
    assert.match(await row.innerText(), /low/, '4 copies is below the default warning of 10');
    await screenshot(page, 'dashboard-books');

    // The edit form shows the description as saved, and saving it again and again keeps it byte for byte.
    assert.equal(storedDescription(`The ${word} Almanac`), hex(description), 'stored as typed, with LF line breaks');
    for (let save = 1; save <= 3; ++save) {
      await page.goto(`${baseUrl}/dashboard/books`);
      await row.getByRole('link', { name: 'Edit' }).click();
      assert.equal(await page.getByLabel('Description', { exact: true }).inputValue(), description);
      if (save === 1) await screenshot(page, 'dashboard-book-edit');
      await page.getByRole('button', { name: 'Save changes' }).click();
      assert.match(await page.locator('.flash').innerText(), /Your changes are saved/);
      assert.equal(storedDescription(`The ${word} Almanac`), hex(description), `save ${save} keeps the description`);
    }

    await page.getByRole('searchbox', { name: 'Search books' }).fill(word);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/books\?q=/);
    await page.getByRole('link', { name: `The ${word} Almanac` }).click();
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), `The ${word} Almanac`);
    assert.deepEqual(await page.locator('.book__description p').allTextContents(),
      ['A year of small wonders, one for each week.', 'Second paragraph.', 'Third, indented.'], 'three paragraphs');
    assert.equal(await page.getByAltText(`A quill over a field of stars, ${word}`).count(), 1);
    assert.match(await page.locator('.stock').first().innerText(), /Only 4 left/);
    const natural = await page.getByAltText(`A quill over a field of stars, ${word}`).evaluate((img) => img.naturalWidth);
    assert.equal(natural, 2, 'the uploaded cover is served');
  } finally {
    await close();
  }
});

test('a reader sees the home page and a book page', async () => {
  const { page, close } = await openBrowser();
  try {
    await page.goto(`${baseUrl}/`);
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
    await screenshot(page, 'home');
    await page.goto(`${baseUrl}/books?sort=bestselling`);
    await screenshot(page, 'books');
    // Page 2 and back: the previous-page link returns to the same first page.
    const firstOnPage1 = await page.locator('.book-card__link').first().getAttribute('href');
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/after=/);
    assert.notEqual(await page.locator('.book-card__link').first().getAttribute('href'), firstOnPage1);
    await screenshot(page, 'books-page-2');
    await page.getByRole('link', { name: 'Previous page' }).click();
    await page.waitForURL(/before=/);
    assert.equal(await page.locator('.book-card__link').first().getAttribute('href'), firstOnPage1);
    await page.locator('.book-card__link').first().click();
    await page.waitForURL(/\/books\/[^?]+$/);
    assert.equal(await page.getByRole('button', { name: 'Add to cart' }).count() <= 1, true);
    await screenshot(page, 'book');
  } finally {
    await close();
  }
});
