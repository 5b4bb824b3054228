// The banner and the dialog on a real landing page (a navigation of 15 links, pricing buttons,
// footer links at the end): keyboard order, focused elements kept clear of the banner, the page's
// scroll locked under the dialog, and the layout on a phone.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { test, useEnvironment, banner, dialog, deepFocus, tabUntil, ROOT, CHROMIUM, CHROMIUM_ARGS } from './helpers.mjs';

const env = useEnvironment();
const PAGE = '/fixtures/landing.html';
const MOBILE = { width: 390, height: 844 };
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** The focused element's box and the banner's, in viewport coordinates. */
const focusAndBanner = (page) =>
  page.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const region = document.querySelector('#consentinel').shadowRoot.querySelector('[role="region"]');
    return { focused: box(document.activeElement), banner: box(region), id: document.activeElement.id, viewport: innerHeight };
  });

const overlap = (a, b) => a.bottom > b.top && a.top < b.bottom && a.right > b.left && a.left < b.right;

test('Keyboard: the first Tab reaches the banner, before the 15 links of the page, and nothing is focused at load', async () => {
  const { page } = await env.open(PAGE);
  await banner(page).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'the banner does not take focus by itself');
  await page.keyboard.press('Tab');
  const first = await deepFocus(page);
  assert.ok(first.inShadow && first.inRegion, `the first Tab lands in the banner (it landed on ${first.tag} "${first.name}")`);
  // Then on through the banner's controls and into the page, in order.
  const names = [first.name];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    const focus = await deepFocus(page);
    if (!focus.inRegion) {
      assert.equal(focus.name, 'Section 1', 'after the banner, Tab goes on with the page from its start');
      break;
    }
    names.push(focus.name);
  }
  for (const name of ['Accept all', 'Reject all', 'Preferences', 'Close']) assert.ok(names.includes(name), `Tab visits "${name}" in the banner (saw ${names.join(' | ')})`);
});

for (const viewport of [{ width: 1280, height: 800 }, MOBILE]) {
  test(`Focus not obscured (${viewport.width}×${viewport.height}): every focused page control stays clear of the banner, the footer links at the very end too`, async () => {
    const { page } = await env.open(PAGE, { viewport });
    await banner(page).waitFor();
    // Tab from the banner through the whole page: pricing buttons, then the footer links.
    await tabUntil(page, (f) => f.name === 'Section 1');
    const seen = [];
    for (let i = 0; i < 40; i++) {
      const { focused, banner: region, id } = await focusAndBanner(page);
      const name = (await deepFocus(page)).name;
      seen.push(name);
      assert.ok(!overlap(focused, region), `"${name}" is not under the banner (focused ${JSON.stringify(focused)}, banner ${JSON.stringify(region)})`);
      if (id === 'footer-terms') break;
      await page.keyboard.press('Tab');
    }
    for (const name of ['Choose plan 6', 'Privacy', 'Cookie settings', 'Terms']) assert.ok(seen.includes(name), `"${name}" was focused (saw ${seen.join(' | ')})`);

    // Scrolled to the very bottom with the mouse, then a footer link focused by Shift+Tab.
    await page.mouse.wheel(0, 20_000);
    await page.waitForFunction(() => Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1);
    await page.keyboard.press('Shift+Tab');
    const back = await focusAndBanner(page);
    assert.equal(back.id, 'footer-settings');
    assert.ok(!overlap(back.focused, back.banner), 'the footer link focused at the end of the page is not under the banner');

    // Once decided, what the banner set on the page is gone.
    await page.keyboard.press('Shift+Tab');
    await banner(page).getByRole('button', { name: 'Reject all' }).click();
    await banner(page).waitFor({ state: 'detached' });
    const left = await page.evaluate(() => ({
      scrollPadding: document.documentElement.style.cssText,
      spacers: document.querySelectorAll('[data-consentinel-spacer]').length,
    }));
    assert.deepEqual(left, { scrollPadding: '', spacers: 0 }, 'no scroll padding and no spacer left on the page');
  });
}

test('Scroll lock: the page does not scroll under the open dialog (wheel on the backdrop, or past the end of the dialog), and nothing shifts', async (t) => {
  // Headless Chromium hides scrollbars unless told not to; the shift comes from losing one.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--hide-scrollbars'] });
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(env.url(PAGE));
  await banner(page).waitFor();
  await page.mouse.wheel(0, 300);
  await page.waitForFunction(() => scrollY >= 300);
  const before = await page.evaluate(() => ({
    y: scrollY,
    heading: document.getElementById('heading').getBoundingClientRect().toJSON(),
    scrollbar: innerWidth - document.documentElement.clientWidth,
  }));
  assert.ok(before.scrollbar > 0, `the page has a classic scrollbar to lose (width ${before.scrollbar}px); without one this test could not fail`);
  await banner(page).getByRole('button', { name: 'Preferences' }).click();
  await dialog(page).waitFor();
  const opened = await page.evaluate(() => ({ y: scrollY, heading: document.getElementById('heading').getBoundingClientRect().toJSON() }));
  assert.deepEqual(opened, { y: before.y, heading: before.heading }, 'opening the dialog moves nothing on the page (its scrollbar space stays)');

  // A wheel over the backdrop, beside the dialog.
  await page.mouse.move(20, 400);
  await page.mouse.wheel(0, 600);
  // A wheel over the dialog, far past the end of its own content.
  const box = await dialog(page).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 800);
  // Both wheels were handled once the dialog's own scroll reached its end (if it scrolls at all).
  await page.waitForFunction(() => {
    const body = document.querySelector('#consentinel').shadowRoot.querySelector('.consentinel-dialog-body');
    return body.scrollTop + body.clientHeight >= body.scrollHeight - 1;
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await page.evaluate(() => scrollY), before.y, 'the page behind the dialog did not scroll');

  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.documentElement.style.cssText.includes('overflow')), false, 'the lock is gone with the dialog');
  await page.mouse.wheel(0, 200);
  await page.waitForFunction((y) => scrollY > y, before.y);
});

test('Phone (390×844): a centred, compact bar; a full-screen dialog whose × and choices stay in view; each cookie a stacked card without words split; axe clean', async () => {
  // Reduced motion: the boxes are measured where they end up, not mid-slide.
  const { page } = await env.open(PAGE, { viewport: MOBILE, reducedMotion: 'reduce' });
  await banner(page).waitFor();
  const bar = await page.evaluate(() => {
    const region = document.querySelector('#consentinel').shadowRoot.querySelector('[role="region"]');
    const text = region.querySelector('p').getBoundingClientRect();
    const buttons = region.querySelector('.consentinel-buttons').getBoundingClientRect();
    const r = region.getBoundingClientRect();
    return { gutterStart: text.left - r.left, gutterEnd: r.right - buttons.right, height: r.height };
  });
  assert.ok(Math.abs(bar.gutterStart - bar.gutterEnd) <= 1, `the bar's content is centred (gutters ${bar.gutterStart}px and ${bar.gutterEnd}px)`);
  assert.ok(bar.height <= 844 * 0.3, `the bar takes at most 30% of the screen (${Math.round(bar.height)}px)`);

  await banner(page).getByRole('button', { name: 'Preferences' }).click();
  await dialog(page).waitFor();
  const frame = await dialog(page).boundingBox();
  assert.deepEqual(frame, { x: 0, y: 0, width: MOBILE.width, height: MOBILE.height }, 'the dialog fills the screen');
  for (const id of ['analytics', 'advertising', 'affiliate', 'necessary']) await dialog(page).locator(`[data-consentinel-category="${id}"] summary`).click();
  // Scrolled to the end of its content: the × and the choices are still where a finger finds them.
  await page.evaluate(() => {
    const body = document.querySelector('#consentinel').shadowRoot.querySelector('.consentinel-dialog-body');
    body.scrollTop = body.scrollHeight;
  });
  const reachable = await page.evaluate(() => {
    const root = document.querySelector('#consentinel').shadowRoot;
    const hit = (el) => {
      const r = el.getBoundingClientRect();
      return root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el;
    };
    return ['close', 'accept-all', 'reject-all', 'save'].map((action) => [action, hit(root.querySelector(`[role="dialog"] [data-consentinel-action="${action}"]`))]);
  });
  assert.deepEqual(reachable, [['close', true], ['accept-all', true], ['reject-all', true], ['save', true]], 'the × and every choice are visible and on top');

  const cards = await page.evaluate(() => {
    const root = document.querySelector('#consentinel').shadowRoot;
    const table = root.querySelector('[data-consentinel-category="analytics"] table');
    const rows = [...table.tBodies[0].rows];
    // A word split over two lines has two boxes.
    const splitWords = [];
    for (const cell of table.querySelectorAll('td')) {
      const text = cell.firstChild;
      if (!text || text.nodeType !== 3) continue;
      for (const match of text.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        if (range.getClientRects().length > 1) splitWords.push(match[0]);
      }
    }
    return {
      rowDisplay: getComputedStyle(rows[0]).display,
      cellsStacked: [...rows[0].cells].every((cell, i, all) => i === 0 || cell.getBoundingClientRect().top >= all[i - 1].getBoundingClientRect().bottom - 1),
      labels: [...rows[0].cells].map((cell) => getComputedStyle(cell, '::before').content),
      names: rows.map((row) => row.cells[0].textContent),
      role: table.getAttribute('role'),
      splitWords,
    };
  });
  assert.equal(cards.rowDisplay, 'block', 'each cookie is a card, not a table row');
  assert.ok(cards.cellsStacked, 'its lines are stacked');
  assert.deepEqual(cards.labels.map((c) => /Name|Provider|Purpose|Duration/.exec(c)?.[0]), ['Name', 'Provider', 'Purpose', 'Duration'], `each line says its column (${cards.labels.join(', ')})`);
  assert.deepEqual(cards.names, ['_ga', '_ga_…'], 'the pattern ^_ga_ reads as "_ga_…"');
  assert.equal(cards.role, 'table', 'the table keeps its semantics');
  assert.deepEqual(cards.splitWords, [], 'no word is split across lines');

  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [], 'axe finds no violation in the full-screen dialog');
});

test('A compliance scanner that looks for "cookie" or "consent" in ids, classes and aria-labels (through open shadow roots) finds the banner and its choices', async () => {
  const { page } = await env.open(PAGE);
  await banner(page).waitFor();
  // The heuristic of open-source GDPR scanners: the outermost visible element so named, then its text and buttons.
  const found = await page.evaluate(() => {
    const named = (el) => /cookie|consent/i.test([el.id, el.getAttribute('class'), el.getAttribute('aria-label')].join(' '));
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const hits = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (named(el) && visible(el)) hits.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const box = hits.find((el) => el.querySelector('button'));
    return box && { text: box.textContent, buttons: [...box.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') || b.textContent) };
  });
  assert.ok(found, 'an element named for cookies or consent, with buttons, is found');
  assert.match(found.text, /We use cookies/);
  for (const name of ['Accept all', 'Reject all', 'Preferences']) assert.ok(found.buttons.includes(name), `its buttons include "${name}" (${found.buttons.join(', ')})`);
});
