// Gated markup in a real browser: scripts (inline, src, module), iframes, images, `!category`,
// several categories, order, attributes, elements added later, the iframe placeholder, and the
// four ways a site can load consentinel.js.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  test, useEnvironment, state, ran, banner, settle, assertNothingGatedFetched, FIXTURES,
} from './helpers.mjs';

const env = useEnvironment();

test('Elements added after start are gated too, and run when (or as soon as) allowed', async () => {
  const { page } = await env.open('/fixtures/basic.html');
  // A CMS widget adds an embed and a tag while the visitor has not decided yet.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.type = 'text/plain';
    s.setAttribute('data-consent', 'analytics');
    s.src = '/fixtures/tags/probe.js?name=late-before';
    document.body.appendChild(s);
    const f = document.createElement('iframe');
    f.id = 'late-frame';
    f.title = 'Late embed';
    f.setAttribute('data-consent', 'advertising');
    f.setAttribute('data-src', '/fixtures/frame.html?late=1');
    document.querySelector('main').appendChild(f);
    const tpl = document.createElement('template');
    tpl.setAttribute('data-consent', 'advertising');
    tpl.innerHTML = '<p id="tpl-content">Widget markup</p>';
    document.querySelector('main').appendChild(tpl);
    const wrap = document.createElement('div');
    wrap.innerHTML = '<img id="late-img" alt="" data-consent="affiliate" data-src="/fixtures/pixel.gif?late=1">';
    document.querySelector('main').appendChild(wrap);
  });
  await settle(page, 500);
  assertNothingGatedFetched(env.server);
  assert.equal(env.server.count('/fixtures/tags/probe.js'), 0, 'the late script is not fetched before consent');
  assert.equal(await page.locator('#tpl-content').count(), 0, 'a gated <template> stays inert');
  assert.equal(await page.locator('#late-frame').getAttribute('src'), null);

  await page.evaluate(() => window.Consentinel.acceptAll());
  await page.waitForFunction(() => (window.__ran ?? []).includes('late-before'));
  await page.waitForFunction(() => document.getElementById('late-frame').getAttribute('src'));
  assert.match(await page.locator('#late-img').getAttribute('src'), /pixel\.gif\?late=1/);
  await page.locator('#tpl-content').waitFor();

  // An SPA navigation adds more after the decision: it runs at once, once.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.type = 'text/plain';
    s.setAttribute('data-consent', 'analytics');
    s.textContent = "(window.__ran = window.__ran || []).push('late-after')";
    document.body.appendChild(s);
    const refused = document.createElement('script');
    refused.type = 'text/plain';
    refused.setAttribute('data-consent', '!analytics');
    refused.textContent = "(window.__ran = window.__ran || []).push('late-refused')";
    document.body.appendChild(refused);
  });
  await page.waitForFunction(() => (window.__ran ?? []).includes('late-after'));
  await settle(page, 300);
  const r = await ran(page);
  assert.equal(r.filter((x) => x === 'late-after').length, 1, 'runs once');
  assert.ok(!r.includes('late-refused'), '!analytics added later does not run while analytics is granted');
  assert.equal(env.server.count('/fixtures/tags/probe.js'), 1);
});

test('!category runs only once the category is refused; several categories need all of them', async () => {
  const { page } = await env.open('/fixtures/basic.html');
  await settle(page, 300);
  assert.ok(!(await ran(page)).includes('!analytics'), '!analytics does not run while undecided');

  await page.evaluate(() => window.Consentinel.save({ affiliate: true }));
  await page.waitForFunction(() => (window.__ran ?? []).includes('affiliate'));
  await settle(page, 300);
  let r = await ran(page);
  assert.ok(r.includes('!analytics'), '!analytics runs once analytics is decided as refused');
  assert.ok(!r.includes('affiliate+advertising'), '"affiliate advertising" waits for both');

  await page.evaluate(() => window.Consentinel.save({ advertising: true }));
  await page.waitForFunction(() => (window.__ran ?? []).includes('affiliate+advertising'));
  r = await ran(page);
  assert.equal(r.filter((x) => x === '!analytics').length, 1, '!analytics ran once');
  assert.ok(!r.includes('analytics'), 'analytics itself never ran');
  assert.equal(env.server.count('/fixtures/tags/analytics.js'), 0);
});

test('Scripts run in document order, keep their attributes, and data-type becomes the type', async () => {
  const probe = join(FIXTURES, 'tags', 'probe.js');
  const integrity = 'sha384-' + createHash('sha384').update(readFileSync(probe)).digest('base64');
  const html = readFileSync(join(FIXTURES, 'order.html'), 'utf8');
  assert.ok(html.includes(`integrity="${integrity}"`), `fixtures/order.html must carry the current hash of tags/probe.js: ${integrity}`);

  // The first script is slow: the inline one after it must still wait for it.
  env.server.route('/fixtures/tags/slow.js', async (req, res, { serveFile }) => {
    await new Promise((r) => setTimeout(r, 500));
    await serveFile(probe);
  });
  try {
    const { page, pageErrors } = await env.open('/fixtures/order.html');
    await settle(page, 300);
    assert.equal(env.server.count('/fixtures/tags/slow.js'), 0);
    assert.equal(env.server.count('/fixtures/tags/probe.js'), 0);
    await page.evaluate(() => window.Consentinel.acceptAll());
    await page.waitForFunction(() => ['fourth', 'attrs', 'module-src'].every((n) => (window.__ran ?? []).includes(n)) && (window.__ran ?? []).some((n) => n.startsWith('module-inline')));
    await settle(page, 300);
    const r = await ran(page);
    const classic = r.filter((n) => ['first', 'second', 'third', 'fourth'].includes(n));
    assert.deepEqual(classic, ['first', 'second', 'third', 'fourth'], 'document order, an external script finishing before the next');
    assert.ok(!r.includes('bad-integrity'), 'a script with a wrong integrity hash is blocked by the browser');
    assert.equal(new Set(r).size, r.length, 'every script ran once');
    assert.ok(r.includes('module-inline:string'), 'inline data-type="module" ran as a module');
    assert.match(await page.evaluate(() => window.__moduleUrl), /module\.js$/, 'src data-type="module" ran as a module');

    const attrs = await page.evaluate(() => window.__attrs.attrs);
    assert.equal(attrs.async, true, 'async kept');
    assert.equal(attrs.nonce, 'n0nce', 'nonce kept');
    assert.equal(attrs.integrity, integrity, 'integrity kept');
    assert.equal(attrs.crossorigin, 'anonymous', 'crossorigin kept');
    assert.equal(attrs.referrerpolicy, 'no-referrer', 'referrerpolicy kept');
    assert.equal(attrs.data, 'kept', 'data-* kept');
    assert.ok(attrs.type === '' || /javascript/.test(attrs.type), `type is executable, got "${attrs.type}"`);
    const moduleTypes = await page.evaluate(() => [...document.querySelectorAll('script[data-type="module"]')].map((s) => s.type));
    assert.ok(moduleTypes.length >= 2 && moduleTypes.every((t) => t === 'module'), `data-type became type: ${moduleTypes}`);
    assert.equal(await page.evaluate(() => document.querySelectorAll('script[type="text/plain"][data-consent="analytics"]').length), 0, 'no analytics script left inert');
    assert.deepEqual(pageErrors, []);
  } finally {
    env.server.unroute('/fixtures/tags/slow.js');
  }
});

test('A blocked iframe shows an accessible placeholder that names the category and allows it', async () => {
  const { page } = await env.open('/fixtures/basic.html');
  const allow = page.getByRole('button', { name: 'Allow Advertising' });
  await allow.waitFor();
  assert.ok(await allow.isVisible(), 'the allow button is visible');
  // The placeholder explains itself in text that names the category.
  assert.equal(await page.getByText(/needs your consent for Advertising/).count(), 1, 'the placeholder text names the category');
  // Same box as the iframe it stands for (no layout shift when it loads).
  const box = await allow.evaluate((el) => {
    let node = el;
    // The placeholder is the nearest ancestor as wide as the frame was.
    while (node && node.getBoundingClientRect().width < 300) node = node.parentElement || node.getRootNode().host;
    const r = node.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  assert.ok(box.width >= 400 && box.width <= 410 && box.height >= 225 && box.height <= 235, `the placeholder keeps the iframe's 400×225 box: ${JSON.stringify(box)}`);
  assert.equal(env.server.count('/fixtures/frame.html'), 0);

  await allow.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('video')?.getAttribute('src'));
  assert.equal(await page.locator('#video').isVisible(), true, 'the iframe is shown');
  const frameBox = await page.locator('#video').boundingBox();
  for (const k of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(frameBox[k] - box[k]) <= 1, `the iframe takes the placeholder's place (${k}: ${frameBox[k]} vs ${box[k]})`);
  const s = await state(page);
  assert.equal(s.granted.advertising, true, 'the placeholder granted its category');
  assert.equal(s.granted.analytics, false, 'and only that one');
  assert.equal(await page.getByRole('button', { name: 'Allow Advertising' }).count(), 0, 'the placeholder is gone');
  await page.waitForFunction(() => (window.__ran ?? []).includes('advertising'));
  assert.equal(env.server.count('/fixtures/frame.html'), 1);
});

for (const mode of ['sync', 'defer', 'async', 'end']) {
  test(`consentinel.js loaded ${mode === 'end' ? 'at the end of <body>' : mode === 'sync' ? 'synchronously in <head>' : `with ${mode}`}: banner shows, gated elements wait and then run`, async () => {
    const { page, pageErrors } = await env.open(`/fixtures/mode-${mode}.html`);
    await banner(page).waitFor();
    await settle(page, 400);
    assertNothingGatedFetched(env.server);
    assert.deepEqual(await ran(page), []);
    await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
    await page.waitForFunction(() => ['head-inline', 'analytics', 'advertising', 'body-inline'].every((n) => (window.__ran ?? []).includes(n)));
    await page.waitForFunction(() => document.getElementById('video').getAttribute('src'));
    const r = await ran(page);
    assert.equal(r.length, 4, `each ran once: ${r}`);
    assert.ok(r.indexOf('head-inline') < r.indexOf('analytics') && r.indexOf('analytics') < r.indexOf('advertising') && r.indexOf('advertising') < r.indexOf('body-inline'), `document order: ${r}`);
    assert.deepEqual(pageErrors, []);
  });
}

test('?consentinel-debug reports a cookie that no category declares (the leak detector)', async () => {
  const context = await env.context();
  await context.addCookies([{ name: 'mystery_tracker', value: '1', url: env.origin }]);
  const page = await context.newPage();
  const messages = [];
  page.on('console', (m) => messages.push(m.text()));
  await page.goto(env.url('/fixtures/basic.html?consentinel-debug'));
  await page.waitForFunction(() => window.Consentinel);
  await settle(page, 800);
  assert.ok(messages.some((m) => m.includes('[consentinel]') && m.includes('mystery_tracker')), `reported: ${JSON.stringify(messages)}`);
  assert.ok(!messages.some((m) => /\bconsentinel=/.test(m)), 'the consent cookie itself is declared');
});
