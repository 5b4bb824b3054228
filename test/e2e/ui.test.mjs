// The banner and dialog as a visitor meets them: keyboard, axe, themes, hostile host CSS, RTL,
// strict CSP, layout stability and style isolation.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  test, useEnvironment, state, ran, banner, dialog, settle, deepFocus, tabUntil, FIXTURES, ROOT,
} from './helpers.mjs';

const env = useEnvironment();
const PAGE = '/fixtures/basic.html';
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

test('Keyboard: Tab reaches the banner, Preferences opens the dialog, focus is trapped, Escape restores focus', async () => {
  const { page } = await env.open(PAGE);
  await banner(page).waitFor();
  const accept = await tabUntil(page, (f) => f.inShadow && f.name === 'Accept all');
  assert.ok(accept, 'Tab reaches "Accept all" in the banner');
  // The focused control shows where it is.
  const ring = await page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const s = getComputedStyle(el);
    return { outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== 'none' };
  });
  assert.ok(ring.outline || ring.shadow, 'visible focus indicator');

  const prefs = await tabUntil(page, (f) => f.inShadow && f.name === 'Preferences', 6);
  assert.ok(prefs, 'Tab reaches "Preferences"');
  await page.keyboard.press('Enter');
  await dialog(page).waitFor();
  await page.waitForFunction(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return Boolean(el?.closest('[role="dialog"]'));
  });
  const seen = new Set();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const f = await deepFocus(page);
    assert.ok(f.inDialog, `Tab ${i + 1} stays in the dialog (focus on ${f.tag} "${f.name}")`);
    seen.add(f.name);
  }
  for (const name of ['Save preferences', 'Accept all', 'Reject all']) assert.ok([...seen].some((n) => n.includes(name)), `Tab visits "${name}" (saw ${[...seen].join(' | ')})`);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Shift+Tab');
    const f = await deepFocus(page);
    assert.ok(f.inDialog, `Shift+Tab ${i + 1} stays in the dialog (focus on ${f.tag} "${f.name}")`);
  }
  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'detached' });
  const back = await deepFocus(page);
  assert.equal(back.name, 'Preferences', 'focus returns to the button that opened the dialog');
  assert.equal((await state(page)).decided, false, 'Escape decides nothing');

  // Decide by keyboard alone.
  await tabUntil(page, (f) => f.inShadow && f.name === 'Reject all', 6, 'Shift+Tab');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.Consentinel.getState().decided);
  assert.equal((await state(page)).method, 'reject-all');
});

test('Keyboard: the "Cookie settings" link opens the dialog and Escape returns focus to the link', async () => {
  const { page } = await env.open(PAGE);
  await page.evaluate(() => window.Consentinel.rejectAll());
  await page.locator('#settings-link').focus();
  await page.keyboard.press('Enter');
  await dialog(page).waitFor();
  assert.equal((await deepFocus(page)).inDialog, true, 'focus moved into the dialog');
  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'detached' });
  const f = await deepFocus(page);
  assert.equal(f.id, 'settings-link', 'focus is back on the link');
  assert.ok(!page.url().endsWith('#'), 'the href="#" link did not navigate');
});

async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' > ')} (${n.failureSummary?.split('\n')[1]?.trim()})`).join('; ')}`);
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe: no serious or critical violation with the banner and with the dialog open (${colorScheme})`, async () => {
    const { page } = await env.open(PAGE, { colorScheme });
    await banner(page).waitFor();
    await settle(page, 300);
    assert.deepEqual(await axeViolations(page), [], 'banner');
    await banner(page).getByRole('button', { name: 'Preferences', exact: true }).click();
    await dialog(page).waitFor();
    await settle(page, 300);
    assert.deepEqual(await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' > ')).join('; ')}`);
    }), [], 'dialog');
  });
}

test('Themes: the dark theme follows prefers-color-scheme and differs from the light one', async () => {
  const colours = {};
  for (const colorScheme of ['light', 'dark']) {
    const { page } = await env.open(PAGE, { colorScheme });
    await banner(page).waitFor();
    colours[colorScheme] = await banner(page).evaluate((el) => {
      // The first opaque background from the region outwards (inside the shadow root).
      for (let n = el; n; n = n.parentElement || n.getRootNode().host) {
        const bg = getComputedStyle(n).backgroundColor;
        if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
      }
      return null;
    });
  }
  assert.ok(colours.light && colours.dark, `opaque banner backgrounds: ${JSON.stringify(colours)}`);
  assert.notEqual(colours.dark, colours.light, 'dark theme differs');
});

test('The banner overlays the page: no layout shift, and the page keeps its own styles', async () => {
  const snapshot = () => {
    const pick = (sel) => {
      const s = getComputedStyle(document.querySelector(sel));
      return [s.fontFamily, s.fontSize, s.color, s.backgroundColor, s.margin, s.padding, s.lineHeight].join('|');
    };
    return ['body', 'h1', '#text', '#page-button', '#settings-link'].map(pick);
  };
  const { page } = await env.open(PAGE, {
    initScript: `document.addEventListener('DOMContentLoaded', () => { window.__before = (${snapshot})(); window.__headingTop = document.getElementById('heading').getBoundingClientRect().top; });`,
  });
  await banner(page).waitFor();
  await settle(page, 800);
  const shift = await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
  assert.ok(shift < 0.01, `cumulative layout shift ${shift}`);
  const headingTop = await page.evaluate(() => document.getElementById('heading').getBoundingClientRect().top);
  assert.equal(headingTop, await page.evaluate(() => window.__headingTop), 'the content did not move');
  const position = await banner(page).evaluate((el) => {
    for (let n = el; n; n = n.parentElement || n.getRootNode().host) {
      const p = getComputedStyle(n).position;
      if (p === 'fixed' || p === 'sticky') return p;
    }
    return 'in-flow';
  });
  assert.equal(position, 'fixed', 'the banner is fixed over the page');
  assert.deepEqual(await page.evaluate(snapshot), await page.evaluate(() => window.__before), 'the UI styles did not leak into the page');
});

test('prefers-reduced-motion: the banner and dialog appear without animation', async () => {
  const { page } = await env.open(PAGE, { reducedMotion: 'reduce' });
  await banner(page).waitFor();
  await banner(page).getByRole('button', { name: 'Preferences', exact: true }).click();
  await dialog(page).waitFor();
  const moving = await page.evaluate(() => {
    const out = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        const s = getComputedStyle(el);
        const long = (v) => v.split(',').some((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 1 : 1000) > 10);
        if ((s.animationName !== 'none' && long(s.animationDuration)) || long(s.transitionDuration)) out.push(`${el.tagName}.${el.className} ${s.animationName} ${s.animationDuration} ${s.transitionDuration}`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    for (const host of document.querySelectorAll('[data-consentinel-root]')) if (host.shadowRoot) walk(host.shadowRoot);
    return out;
  });
  assert.deepEqual(moving, [], 'no animation or transition longer than 10ms');
});

test('Aggressive host CSS (* { all: revert }, button { display: none !important }) does not break the banner', async () => {
  const { page } = await env.open('/fixtures/hostile.html');
  const region = banner(page);
  await region.waitFor();
  assert.equal(await page.locator('#page-button').isVisible(), false, 'the host CSS applies to the page itself');
  const viewport = page.viewportSize();
  for (const name of ['Accept all', 'Reject all', 'Preferences']) {
    const b = region.getByRole('button', { name, exact: true });
    assert.ok(await b.isVisible(), `${name} visible`);
    const box = await b.boundingBox();
    assert.ok(box.width >= 44 && box.height >= 24, `${name} has a usable size: ${JSON.stringify(box)}`);
    assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height, `${name} is inside the viewport`);
  }
  const regionBox = await region.boundingBox();
  assert.ok(regionBox.height < viewport.height * 0.6, `the banner stays a banner (height ${regionBox.height})`);
  await region.getByRole('button', { name: 'Preferences', exact: true }).click();
  await dialog(page).waitFor();
  assert.ok(await dialog(page).getByRole('button', { name: 'Save preferences' }).isVisible());
  await dialog(page).getByRole('button', { name: 'Accept all' }).click();
  await page.waitForFunction(() => window.Consentinel.getState().decided);
  await page.waitForFunction(() => (window.__ran ?? []).includes('analytics'));
});

test('Host CSS: html { font-size: 62.5% } does not shrink the banner text below 12px', async () => {
  const { page } = await env.open('/fixtures/hostile.html');
  await banner(page).waitFor();
  const size = await banner(page).getByRole('button', { name: 'Accept all', exact: true }).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 12, `button font-size ${size}px`);
});

test('Right-to-left: <html lang="ar"> gives an Arabic banner with dir=rtl', async () => {
  const { page } = await env.open('/fixtures/rtl.html');
  const region = page.locator('[data-consentinel-root]').getByRole('region');
  await region.waitFor();
  const facts = await region.evaluate((el) => {
    let dir = null;
    for (let n = el; n && !dir; n = n.parentElement || n.getRootNode().host) dir = n.getAttribute?.('dir');
    return { dir, direction: getComputedStyle(el).direction, text: el.innerText };
  });
  assert.equal(facts.dir, 'rtl', 'dir=rtl on the banner (the page itself has no dir)');
  assert.equal(facts.direction, 'rtl');
  assert.match(facts.text, /[\u0600-\u06FF]/, 'Arabic text');
  assert.doesNotMatch(facts.text, /Accept all/, 'not the English text');
  assert.equal(env.server.count('/dist/i18n/ar.json'), 1, 'the Arabic texts were loaded on demand');
  assert.equal(env.server.count(/\/dist\/i18n\/(?!ar\.json)/), 0, 'and no other language');
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('dir')), null, 'the page dir is untouched');
});

test('Strict CSP (script-src self + nonce, style-src self): no violation, styled UI, nonce passed on', async () => {
  env.server.route('/fixtures/csp.html', (req, res, { serveFile }) => serveFile(join(FIXTURES, 'csp.html'), {
    'Content-Security-Policy': "script-src 'self' 'nonce-cspn0nce'; style-src 'self'",
  }));
  try {
    // The same button without a CSP, for comparison: styles must apply under the policy too.
    const plain = await env.open(PAGE);
    await banner(plain.page).waitFor();
    const look = (el) => { const s = getComputedStyle(el); return [s.backgroundColor, s.color, s.fontSize, s.padding, s.borderRadius].join('|'); };
    const expected = await banner(plain.page).getByRole('button', { name: 'Accept all', exact: true }).evaluate(look);

    const { page, consoleErrors, pageErrors } = await env.open('/fixtures/csp.html');
    const region = banner(page);
    await region.waitFor();
    assert.equal(await region.getByRole('button', { name: 'Accept all', exact: true }).evaluate(look), expected, 'the banner is styled under the CSP');
    await region.getByRole('button', { name: 'Preferences', exact: true }).click();
    await dialog(page).waitFor();
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Allow Advertising' }).waitFor();
    await region.getByRole('button', { name: 'Accept all', exact: true }).click();
    await page.waitForFunction(() => ['inline-with-nonce', 'analytics', 'advertising'].every((n) => (window.__ran ?? []).includes(n)));
    await page.waitForFunction(() => document.getElementById('video').getAttribute('src'));
    await settle(page, 300);
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no securitypolicyviolation event');
    assert.deepEqual(consoleErrors.filter((m) => /Content[ -]Security[ -]Policy|Refused to/i.test(m)), [], 'no CSP error in the console');
    assert.deepEqual(pageErrors, []);
  } finally {
    env.server.unroute('/fixtures/csp.html');
  }
});

test('The reopen button and the cookie-settings link reopen the dialog after a decision', async () => {
  const { page } = await env.open(PAGE);
  await banner(page).getByRole('button', { name: 'Reject all', exact: true }).click();
  await page.waitForFunction(() => window.Consentinel.getState().decided);
  const reopen = page.getByRole('button', { name: 'Cookie settings' });
  await reopen.waitFor();
  await reopen.click();
  await dialog(page).waitFor();
  assert.deepEqual(await ran(page), ['!analytics']);
});
