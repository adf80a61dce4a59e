// The checks every page the browser tests see goes through, with the field's own tools (tests/tools,
// installed by scripts/deps):
//  - html-validate on the HTML the server sent for every page the browser loaded (watchDocuments
//    records them as they arrive, POST re-renders and redirect targets included);
//  - axe-core on the live page at each checkpoint: serious and critical violations fail the test;
//  - the page at desktop (1280 px) and phone (390 px) widths: a screenshot of each, no sideways
//    scroll on the phone, and the test's own layout assertions (computed styles) at both widths.
// A test calls checkPage(page, name) (or screenshot(), which is the same) wherever it would look at
// the page; openBrowser() already watches every document.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const tools = createRequire(new URL('../tools/package.json', import.meta.url));
const { HtmlValidate } = tools('html-validate');
const axeSource = readFileSync(tools.resolve('axe-core/axe.min.js'), 'utf8');
const htmlConfig = JSON.parse(readFileSync(new URL('../tools/htmlvalidate.json', import.meta.url), 'utf8'));
const validator = new HtmlValidate(htmlConfig);

export const widths = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 390, height: 844 },
};

// Records the body of every HTML document the page's main frame receives, to validate later.
export function watchDocuments(page) {
  const seen = [];
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() !== 'document' || request.frame() !== page.mainFrame()) return;
    if (response.status() >= 300 && response.status() < 400) return;
    if (!/^text\/html/.test(response.headers()['content-type'] || '')) return;
    const what = `${request.method()} ${new URL(response.url()).pathname} (${response.status()})`;
    // A body the browser already dropped (the test moved on at once) cannot be read: skipped, not failed.
    seen.push(response.text().then((body) => ({ what, body }), () => null));
  });
  return {
    // Validates what arrived since the last call; returns one line per problem.
    async problems() {
      const documents = (await Promise.all(seen.splice(0))).filter(Boolean);
      const out = [];
      for (const { what, body } of documents) {
        const report = await validator.validateString(body);
        for (const result of report.results)
          for (const m of result.messages)
            out.push(`${what} line ${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      }
      return out;
    },
  };
}

// axe-core's serious and critical violations on the page as it is now.
async function accessibilityProblems(page) {
  if (!await page.evaluate(() => typeof window.axe === 'object')) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

// The page is no wider than the window: nothing makes a phone scroll sideways.
async function sidewaysScroll(page) {
  return page.evaluate(() => {
    const excess = document.documentElement.scrollWidth - window.innerWidth;
    if (excess <= 1) return null;
    // The outermost elements past the edge that no scrolling box of their own holds in.
    const clipped = (e) => {
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e))
      .slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.className ? `.${String(e.className).split(' ')[0]}` : ''));
    return `the page is ${excess}px wider than the ${window.innerWidth}px window (${wide.join(', ') || 'a long word, or a positioned element escaping its scroll box'})`;
  });
}

// Lazy images would load only as they scroll into view: a full-page screenshot wants them all now.
async function loadAllImages(page) {
  await page.evaluate(async () => {
    const images = [...document.images].filter((img) => img.getClientRects().length > 0);
    for (const img of images) if (img.loading === 'lazy') img.loading = 'eager';
    await Promise.all(images.map((img) => img.complete || new Promise((r) => { img.onload = img.onerror = r; })));
    await document.fonts.ready;
  });
}

// Checks the page as it is now and saves `name.png` (desktop) and `name-phone.png`. `layout(page, width)`
// holds the test's assertions on computed styles and runs at both widths.
export async function checkPage(page, name, { screenshotDir, layout } = {}) {
  const problems = [];
  const watcher = page.bookfairDocuments;
  if (watcher) problems.push(...(await watcher.problems()).map((p) => `html-validate: ${p}`));
  problems.push(...(await accessibilityProblems(page)).map((p) => `axe: ${p}`));
  const original = page.viewportSize();
  try {
    for (const [label, size] of Object.entries(widths)) {
      await page.setViewportSize(size);
      await loadAllImages(page);
      if (layout) await layout(page, size.width);
      if (label === 'phone') {
        const scroll = await sidewaysScroll(page);
        if (scroll) problems.push(`phone: ${scroll}`);
      }
      if (screenshotDir) {
        const file = label === 'desktop' ? `${name}.png` : `${name}-${label}.png`;
        await page.screenshot({ path: path.join(screenshotDir, file), fullPage: true });
      }
    }
  } finally {
    await page.setViewportSize(original);
  }
  assert.deepEqual(problems, [], `${name}: ${page.url()}`);
}
