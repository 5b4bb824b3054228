// The gate on real sites (issue 10): a queue that never stalls and never runs what was withdrawn,
// everything that fetches (posters, media sources, stylesheets, srcdoc) waiting for consent,
// Trusted Types, and a nonce-only script policy. Every "was it fetched" comes from the server's log.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, useEnvironment, ran, banner, eventually, FIXTURES } from './helpers.mjs';

const env = useEnvironment();

/** Let the page run its pending tasks (a script's load event, a queued activation). */
const aTaskLater = (page) => page.evaluate(() => new Promise((done) => setTimeout(done)));

/** One second of silence as a 16-bit mono PCM WAV: real media the browser can decode. */
function wav() {
  const rate = 8000;
  const data = rate * 2;
  const b = Buffer.alloc(44 + data);
  b.write('RIFF', 0); b.writeUInt32LE(36 + data, 4); b.write('WAVE', 8);
  b.write('fmt ', 12); b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24); b.writeUInt32LE(rate * 2, 28); b.writeUInt16LE(2, 32); b.writeUInt16LE(16, 34);
  b.write('data', 36); b.writeUInt32LE(data, 40);
  return b;
}

test('A nomodule script or a src script of a non-JavaScript type does not stall the scripts after it', async () => {
  const { page, pageErrors } = await env.open('/fixtures/queue.html');
  await banner(page).waitFor();
  await page.evaluate(() => window.Consentinel.save({ analytics: true }));
  await page.waitForFunction(() => ['after-nomodule', 'after-not-javascript'].every((n) => (window.__ran ?? []).includes(n)));
  const r = await ran(page);
  assert.deepEqual(r, ['after-nomodule', 'after-not-javascript'], 'in order, and the two that browsers never run did not run');
  assert.equal(env.server.count('/fixtures/tags/probe.js'), 0, 'neither was fetched');
  assert.deepEqual(pageErrors, []);
});

test('Withdrawing while a gated script loads: the gated scripts queued after it never run', async () => {
  let release;
  const held = new Promise((done) => { release = done; });
  env.server.route('/fixtures/tags/held.js', async (req, res, { serveFile }) => {
    await held;
    await serveFile(join(FIXTURES, 'tags', 'probe.js'));
  });
  try {
    const { page, pageErrors } = await env.open('/fixtures/queue.html');
    await banner(page).waitFor();
    await page.evaluate(() => window.Consentinel.save({ advertising: true }));
    await page.waitForFunction(() => document.querySelector('script[src*="held.js"]:not([type="text/plain"])'));
    // The visitor withdraws while held.js is on its way (reloadOnWithdraw is off in this fixture).
    await page.evaluate(() => window.Consentinel.save({ advertising: false }));
    release();
    // held.js was already requested: the browser runs it. Nothing queued after it may.
    await page.waitForFunction(() => (window.__ran ?? []).includes('held'));
    await aTaskLater(page);
    assert.deepEqual(await ran(page), ['held']);
    assert.equal(env.server.count('/fixtures/tags/probe.js'), 0, 'the external script after it was not fetched');

    // Granted again, the two run (once), so they were waiting, not lost.
    await page.evaluate(() => window.Consentinel.save({ advertising: true }));
    await page.waitForFunction(() => (window.__ran ?? []).includes('external-after-held'));
    assert.deepEqual(await ran(page), ['held', 'after-held', 'external-after-held']);
    assert.deepEqual(pageErrors, []);
  } finally {
    release();
    env.server.unroute('/fixtures/tags/held.js');
  }
});

test('Posters, media sources, stylesheets, preloads and srcdoc wait for consent; media loads once allowed', async () => {
  for (const name of ['video', 'audio']) {
    env.server.route(`/fixtures/media/${name}.wav`, (req, res) => {
      const body = wav();
      res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
      res.end(body);
    });
  }
  try {
    const { page, pageErrors } = await env.open('/fixtures/media.html');
    await banner(page).waitFor();
    // Both iframes say they are blocked.
    await page.getByRole('group', { name: 'Plain document' }).getByRole('button', { name: 'Allow Advertising' }).waitFor();
    await page.getByRole('group', { name: 'Gated document' }).waitFor();
    const fetched = () => ({
      poster: env.server.count(/pixel\.gif\?from=poster/),
      preload: env.server.count(/pixel\.gif\?from=preload/),
      stylesheet: env.server.count('/fixtures/gated.css'),
      video: env.server.count('/fixtures/media/video.wav'),
      audio: env.server.count('/fixtures/media/audio.wav'),
      dataSrcdoc: env.server.count(/pixel\.gif\?from=data-srcdoc/),
      plainSrcdoc: env.server.count(/pixel\.gif\?from=plain-srcdoc/),
      pictureSource: env.server.count(/pixel\.gif\?from=picture-source/),
    });
    assert.deepEqual(fetched(), { poster: 0, preload: 0, stylesheet: 0, video: 0, audio: 0, dataSrcdoc: 0, plainSrcdoc: 0, pictureSource: 0 }, 'nothing fetched before consent');
    assert.deepEqual(await ran(page), [], 'the plain srcdoc document did not run');
    assert.equal(await page.evaluate(() => document.getElementById('plain-doc').contentDocument?.querySelector('img')), null, 'the blocked plain srcdoc iframe holds no content');
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.getElementById('styled')).color), 'rgb(1, 2, 3)');

    await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
    // Media starts loading: metadata of the real file arrives (not a blank player).
    await page.waitForFunction(() => ['video', 'audio'].every((id) => document.getElementById(id).readyState >= 1));
    await page.waitForFunction(() => getComputedStyle(document.getElementById('styled')).color === 'rgb(1, 2, 3)');
    await page.waitForFunction(() => document.getElementById('gated-doc').contentDocument?.getElementById('inner'));
    await page.waitForFunction(() => (window.__ran ?? []).includes('plain-srcdoc'));
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('from=preload')));
    await page.waitForFunction(() => /from=picture-source/.test(document.getElementById('picture').currentSrc));
    assert.equal(env.server.count(/from=picture-img/), 0, 'the <picture> took its gated <source>, not the fallback');
    const after = fetched();
    for (const [what, n] of Object.entries(after)) assert.ok(n >= 1, `${what} fetched after consent: ${JSON.stringify(after)}`);
    assert.match(await page.evaluate(() => document.getElementById('video').currentSrc), /video\.wav$/);
    assert.equal(await page.locator('#video').getAttribute('poster'), '/fixtures/pixel.gif?from=poster');
    assert.deepEqual(await ran(page), ['plain-srcdoc'], 'the plain srcdoc ran once, after consent');
    assert.deepEqual(pageErrors, []);
  } finally {
    for (const name of ['video', 'audio']) env.server.unroute(`/fixtures/media/${name}.wav`);
  }
});

test(`Under require-trusted-types-for 'script': gated scripts, srcdoc, the placeholder and the reopen button work`, async () => {
  env.server.route('/fixtures/trusted-types.html', (req, res, { serveFile }) => serveFile(join(FIXTURES, 'trusted-types.html'), {
    'Content-Security-Policy': "require-trusted-types-for 'script'; trusted-types consentinel",
  }));
  try {
    const { page, pageErrors, consoleErrors } = await env.open('/fixtures/trusted-types.html');
    await banner(page).waitFor();
    await page.getByRole('group', { name: 'Gated document' }).getByRole('button', { name: 'Allow Advertising' }).waitFor();
    assert.equal(await page.evaluate(() => document.getElementById('plain-doc').getAttribute('srcdoc')), '', 'the plain srcdoc was emptied through the policy');
    await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
    await page.waitForFunction(() => ['inline', 'external', 'onload', 'module'].every((n) => (window.__ran ?? []).includes(n)));
    await page.waitForFunction(() => document.getElementById('gated-doc').contentDocument?.getElementById('inner'));
    await page.waitForFunction(() => document.getElementById('plain-doc').contentDocument?.getElementById('plain'));
    const reopen = page.getByRole('button', { name: 'Cookie settings' });
    await reopen.waitFor();
    assert.equal(await reopen.evaluate((b) => b.querySelector('svg path')?.getAttribute('fill-rule')), 'evenodd', 'the reopen icon is drawn');
    await reopen.click();
    await page.getByRole('dialog').waitFor();
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no Trusted Types violation');
    assert.deepEqual(consoleErrors.filter((m) => /Trusted|TrustedScript|TrustedHTML|consentinel/i.test(m)), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    env.server.unroute('/fixtures/trusted-types.html');
  }
});

test(`Under script-src 'nonce-…' only: a gated script runs with its own nonce, never without one`, async () => {
  env.server.route('/fixtures/nonce.html', (req, res, { serveFile }) => serveFile(join(FIXTURES, 'nonce.html'), {
    'Content-Security-Policy': "script-src 'nonce-gate0nce'",
  }));
  try {
    const { page, pageErrors } = await env.open('/fixtures/nonce.html');
    await banner(page).waitFor();
    await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
    await page.waitForFunction(() => ['inline-with-nonce', 'src-with-nonce'].every((n) => (window.__ran ?? []).includes(n)));
    // The two without a nonce come first in the page: had they run, they would be listed.
    assert.deepEqual(await ran(page), ['inline-with-nonce', 'src-with-nonce']);
    // The policy was enforced on them (they were not handed the library's nonce).
    await page.waitForFunction(() => window.__csp.length >= 2);
    assert.equal(env.server.count(/name=src-without-nonce/), 0, 'the external script without a nonce was not even fetched');
    // The library's own files inherit its nonce: the UI (the banner showed) and an on-demand chunk.
    // (The debug chunk: this config declares nothing to clean and does not reload on withdrawal,
    // so the cleaner is never needed here.)
    await page.goto(env.url('/fixtures/nonce.html?consentinel-debug'));
    await eventually(() => env.server.count('/dist/consentinel-debug.mjs') > 0, { message: 'the debug chunk was not requested' });
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/consentinel-debug.mjs') && e.responseEnd > 0));
    await aTaskLater(page);
    assert.deepEqual((await page.evaluate(() => window.__csp)).map((v) => v.blocked).filter((b) => /consentinel/.test(b)), [], 'no file of the library was blocked');
    assert.deepEqual(pageErrors, []);
  } finally {
    env.server.unroute('/fixtures/nonce.html');
  }
});

test('?consentinel-debug names the one gated element that carries a fetching attribute itself', async () => {
  const context = await env.context();
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(env.url('/fixtures/media.html?consentinel-debug'));
  const found = () => warnings.filter((m) => m.includes('[consentinel]') && m.includes('without waiting'));
  await page.waitForFunction(() => document.readyState === 'complete');
  await eventually(() => found().length > 0, { message: `no warning about the plain srcdoc: ${JSON.stringify(warnings)}` });
  // The page's other gated elements use the data- forms: the plain srcdoc iframe is the only one.
  await page.evaluate(() => new Promise((done) => setTimeout(done)));
  assert.equal(found().length, 1, JSON.stringify(found()));
  assert.match(found()[0], /it has srcdoc= \(use data-srcdoc=\)/);
});
