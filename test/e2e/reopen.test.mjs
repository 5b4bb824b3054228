// The reopen button as a returning visitor meets it: the theme of the page's colour scheme, the
// corner the site chose, and out of the way of the page's end and of focused elements.
import assert from 'node:assert/strict';
import { test, useEnvironment, deepFocus } from './helpers.mjs';

const env = useEnvironment();
const LIGHT_ACCENT = 'rgb(11, 87, 208)';
const DARK_ACCENT = 'rgb(138, 180, 248)';
const MOBILE = { width: 390, height: 844 };

/**
 * A page with the library and a footer whose links sit at its bottom-left, where the button is by
 * default. Query: position, theme (the config's ui keys), short=1 (the page fits the viewport and
 * does not scroll), dir=rtl (an Arabic page), accent=<colour> (the site's --consentinel-accent on :root), csp=1 (a
 * strict Content-Security-Policy: scripts and styles from the page's origin only).
 */
function servePage() {
  env.server.route('/reopen.html', (req, res, { url }) => {
    const q = url.searchParams;
    const config = new URLSearchParams();
    for (const key of ['position', 'theme']) if (q.has(key)) config.set(key, q.get(key));
    const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
    // No 'unsafe-inline' for styles: the page's own <style> is left out then.
    if (q.get('csp')) headers['Content-Security-Policy'] = "script-src 'self'; style-src 'self'";
    res.writeHead(200, headers);
    res.end(`<!doctype html>
${q.get('dir') === 'rtl' ? '<html lang="ar" dir="rtl">' : '<html lang="en">'}
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reopen button page</title>
<script src="/dist/consentinel.js" data-config="/reopen.json?${config}"></script>
${q.get('csp') ? '' : `<style>
  ${q.has('accent') ? `:root { --consentinel-accent: ${q.get('accent')}; }` : ''}
  body { margin: 0; font: 16px/1.5 sans-serif; ${q.get('short') ? 'min-height: 100vh; display: flex; flex-direction: column;' : ''} }
  header a { display: inline-block; padding: 8px 16px; }
  main { padding: 0 16px; ${q.get('short') ? '' : 'min-height: 2400px;'} }
  footer { margin-top: auto; padding: 8px 16px 12px; background: #eee; }
  footer a { display: inline-block; padding: 4px 0; margin-inline-end: 16px; }
</style>`}
</head>
<body>
<header><a id="home" href="#top">Home</a></header>
<main><h1>Hosting plans</h1><p>Some content.</p></main>
<footer><p>Questions? Write to us.</p><nav><a id="privacy" href="#privacy">Privacy</a><a id="terms" href="#terms">Terms</a></nav></footer>
</body>
</html>`);
  });
  env.server.route('/reopen.json', (req, res, { url }) => {
    const ui = {};
    if (url.searchParams.has('position')) ui.reopenPosition = url.searchParams.get('position');
    if (url.searchParams.has('theme')) ui.theme = url.searchParams.get('theme');
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ categories: { necessary: { required: true }, analytics: {} }, ui }));
  });
}

/** Open the page, decide (Reject all), and wait for the reopen button. */
async function returning(query = '', contextOptions = {}) {
  servePage();
  const opened = await env.open(`/reopen.html${query}`, contextOptions);
  await opened.page.evaluate(() => window.Consentinel.rejectAll());
  await opened.page.locator('#consentinel-reopen').getByRole('button', { name: 'Cookie settings' }).waitFor();
  return opened;
}

/** Facts about the button: its look, where it is, whether it stands in the visitor's way. */
const BUTTON_FACTS = () => {
  const host = document.getElementById('consentinel-reopen');
  const button = host.shadowRoot.querySelector('button.consentinel-reopen');
  const s = getComputedStyle(button);
  const r = button.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {
    theme: host.dataset.theme,
    background: s.backgroundColor,
    color: s.color,
    opacity: s.opacity,
    rect: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
    viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
    onTop: hit === host,
  };
};

/** Wait until the button is fully visible and is what a click at its centre reaches. */
function shown(page) {
  return page.waitForFunction(() => {
    const host = document.getElementById('consentinel-reopen');
    const button = host?.shadowRoot?.querySelector('button');
    if (!button) return false;
    const r = button.getBoundingClientRect();
    return getComputedStyle(button).opacity === '1' && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === host;
  });
}

/** Wait until a click at the centre of the page element #id reaches that element, and the button is invisible. */
function uncovered(page, id) {
  return page.waitForFunction((target) => {
    const el = document.getElementById(target);
    const r = el.getBoundingClientRect();
    const button = document.getElementById('consentinel-reopen').shadowRoot.querySelector('button');
    return r.bottom <= innerHeight && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el && getComputedStyle(button).opacity === '0';
  }, id);
}

const scrollToEnd = (page) => page.evaluate(() => window.scrollTo(0, document.scrollingElement.scrollHeight));

test('The button follows the colour scheme (theme auto), an explicit theme, and the site\'s own accent', async () => {
  const dark = await returning('', { colorScheme: 'dark' });
  const darkFacts = await dark.page.evaluate(BUTTON_FACTS);
  assert.equal(darkFacts.theme, 'auto', 'the host carries data-theme like the UI host');
  assert.equal(darkFacts.background, DARK_ACCENT, 'dark scheme: the dark accent');
  assert.equal(darkFacts.color, 'rgb(11, 29, 58)', 'dark scheme: the dark accent-fg');

  const light = await returning('', { colorScheme: 'light' });
  const lightFacts = await light.page.evaluate(BUTTON_FACTS);
  assert.equal(lightFacts.background, LIGHT_ACCENT, 'light scheme: the light accent');
  assert.equal(lightFacts.color, 'rgb(255, 255, 255)');

  // The scheme changing while the page is open changes the button with it.
  await light.page.emulateMedia({ colorScheme: 'dark' });
  await light.page.waitForFunction((accent) => {
    const b = document.getElementById('consentinel-reopen').shadowRoot.querySelector('button');
    return getComputedStyle(b).backgroundColor === accent;
  }, DARK_ACCENT);

  const forced = await returning('?theme=dark', { colorScheme: 'light' });
  assert.equal((await forced.page.evaluate(BUTTON_FACTS)).background, DARK_ACCENT, 'ui.theme "dark" wins over a light scheme');

  const site = await returning('?accent=rgb(120,20,60)', { colorScheme: 'dark' });
  assert.equal((await site.page.evaluate(BUTTON_FACTS)).background, 'rgb(120, 20, 60)', "the site's --consentinel-accent on :root wins");
  for (const opened of [dark, light, forced, site]) assert.deepEqual(opened.pageErrors, []);
});

test("Under style-src 'self' (no 'unsafe-inline') the button is themed and nothing is refused", async () => {
  const { page, pageErrors, consoleErrors } = await returning('?csp=1', { colorScheme: 'dark' });
  await shown(page);
  assert.equal((await page.evaluate(BUTTON_FACTS)).background, DARK_ACCENT);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no securitypolicyviolation event');
  assert.deepEqual(consoleErrors.filter((m) => /Content[ -]Security[ -]Policy|Refused to/i.test(m)), []);
  assert.deepEqual(pageErrors, []);
});

test('Mobile 390×844: at the end of the page the footer links are not covered, and the button comes back above it', async () => {
  const { page, pageErrors } = await returning('', { viewport: MOBILE });
  await shown(page);
  const start = await page.evaluate(BUTTON_FACTS);
  assert.ok(start.rect.left < 40 && start.viewport.height - start.rect.bottom < 40, `bottom-left by default: ${JSON.stringify(start.rect)}`);

  await scrollToEnd(page);
  await uncovered(page, 'privacy');
  await uncovered(page, 'terms');

  // Back up the page, where content can still scroll out from under it, the button shows again.
  await page.evaluate(() => window.scrollTo(0, document.scrollingElement.scrollHeight / 2));
  await shown(page);
  assert.deepEqual(await page.evaluate(() => window.__shifts), [], 'no layout shift');
  assert.deepEqual(pageErrors, []);
});

test('A focused footer link is never under the button; Tab reaches the button, which shows with its focus ring', async () => {
  // A page that does not scroll keeps the button over its footer, until a link under it takes focus.
  const { page, pageErrors } = await returning('?short=1', { viewport: MOBILE });
  await shown(page);
  const covered = await page.evaluate(() => {
    const r = document.getElementById('privacy').getBoundingClientRect();
    return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.id;
  });
  assert.equal(covered, 'consentinel-reopen', 'the fixture puts the Privacy link under the button');

  await page.locator('#terms').focus();
  await page.keyboard.press('Shift+Tab');
  assert.equal((await deepFocus(page)).name, 'Privacy');
  await uncovered(page, 'privacy');

  // The next Tab lands on the button (last in the tab order), which shows again.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focus = await deepFocus(page);
  assert.equal(focus.name, 'Cookie settings');
  await shown(page);
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.getElementById('consentinel-reopen').shadowRoot.querySelector('button'));
    return { style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor };
  });
  assert.deepEqual(ring, { style: 'solid', width: '3px', color: LIGHT_ACCENT }, 'a 3px ring in the focus colour');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();

  // On a long page, Tab to the footer scrolls to the end: the focused link is not covered.
  const long = await returning('', { viewport: MOBILE });
  await long.page.locator('#privacy').focus();
  await uncovered(long.page, 'privacy');
  assert.deepEqual([...pageErrors, ...long.pageErrors], []);
});

test('ui.reopenPosition puts the button in the chosen corner, mirrored in a right-to-left language', async () => {
  const corners = {
    'bottom-left': { left: true, bottom: true },
    'bottom-right': { left: false, bottom: true },
    'top-left': { left: true, bottom: false },
    'top-right': { left: false, bottom: false },
  };
  for (const [position, corner] of Object.entries(corners)) {
    for (const dir of ['ltr', 'rtl']) {
      const { page } = await returning(`?position=${position}&dir=${dir}`, { viewport: { width: 1280, height: 800 } });
      // Top corners step aside at the top of the page (over the header): look a little further down.
      if (!corner.bottom) await page.evaluate(() => window.scrollTo(0, 400));
      await shown(page);
      const { rect, viewport } = await page.evaluate(BUTTON_FACTS);
      const atLeft = dir === 'rtl' ? !corner.left : corner.left;
      const near = (distance) => distance >= 8 && distance <= 40;
      assert.ok(atLeft ? near(rect.left) : near(viewport.width - rect.right), `${position} ${dir}: horizontal place ${JSON.stringify(rect)}`);
      assert.ok(corner.bottom ? near(viewport.height - rect.bottom) : near(rect.top), `${position} ${dir}: vertical place ${JSON.stringify(rect)}`);
    }
  }
  // At the top of the page a top corner leaves the header link free.
  const { page } = await returning('?position=top-left', { viewport: MOBILE });
  await page.evaluate(() => window.scrollTo(0, 0));
  await uncovered(page, 'home');
});
