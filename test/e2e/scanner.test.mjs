// @consentinel/scanner against real sites in Chromium: the demo (it must come out clean and match
// its declarations), a fixture shop with deliberate faults (each reported, item by item), a page
// without any consent tool, and the command line's files and exit codes.
// The scanner's browser-free tests are packages/scanner/test/scanner.test.mjs.
import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Ajv2020 from 'ajv/dist/2020.js';
import { parseConfig } from 'consentinel';
import { scan } from '../../packages/scanner/src/index.mjs';
import { run } from '../../packages/scanner/src/cli.mjs';
import { startServer } from '../../demo/server.mjs';
import { CHROMIUM, ROOT } from './helpers.mjs';

const BIN = join(ROOT, 'packages', 'scanner', 'bin', 'consentinel-scan.mjs');
const FIXTURES = 'packages/scanner/test/fixtures';
// A scan visits each page three times in fresh contexts: slower than one test of the suite.
const SLOW = { timeout: 300_000 };

let server;
const scans = {};
/** One scan per site, shared by the tests that read it. */
function scanOnce(name, options) {
  // Two pages at a time (the default is 3): the suite shares the machine with other test files.
  scans[name] ??= scan({ chromiumPath: CHROMIUM, concurrency: 2, ...options });
  return scans[name];
}

before(async () => {
  server = await startServer({ port: 0, quiet: true, mounts: { '/shop/': `${FIXTURES}/shop`, '/plain/': `${FIXTURES}/plain` } });
  // An old address of the about page: the scan must count it once, under the page it lands on.
  server.route('/shop/our-story.html', (_request, response) => {
    response.writeHead(301, { Location: '/shop/about.html', 'Cache-Control': 'no-store' });
    response.end();
  });
});
after(async () => {
  await Promise.allSettled(Object.values(scans));
  await server?.close();
});

describe('scanner: the demo site', () => {
  test('no violations, nothing undeclared, and every cookie and key in the category the demo declares', SLOW, async () => {
    const report = await scanOnce('demo', { url: server.url, pages: 20 });
    const paths = report.pages.map((page) => new URL(page.url).pathname + new URL(page.url).search);
    for (const path of ['/', '/blog.html', '/privacy.html', '/?ref=partner42']) assert.ok(paths.includes(path), `${path} scanned (${paths.join(', ')})`);
    assert.equal(report.config.error, null);
    assert.match(report.config.source, /\/consent\.json/);
    assert.deepEqual(report.violations, []);
    assert.deepEqual(report.undeclared, []);
    assert.deepEqual(report.errors, []);
    for (const page of report.pages) {
      // Every wait ended on its condition (ready, gate settled), none on its time limit.
      assert.deepEqual(page.notes.filter((note) => !/own banner did not show/.test(note)), [], page.url);
      // The ESM pages have no window.Consentinel: their choice is made with the page's controls.
      if (page.visits.accept) assert.equal(page.visits.accept.decision.decided, true, page.url);
    }

    const cookies = Object.fromEntries(report.inventory.cookies.map((cookie) => [cookie.name, cookie.category]));
    assert.deepEqual(cookies, {
      _fbp: 'advertising',
      _ga: 'analytics',
      _ga_NW4H0ST: 'analytics',
      _gcl_au: 'advertising',
      affiliate_ref: 'affiliate',
      consentinel: 'necessary',
      nw_ad_id: 'advertising',
      nw_aff_click: 'affiliate',
    });
    for (const cookie of report.inventory.cookies) {
      assert.ok(cookie.declared, `${cookie.name} matched a declaration`);
      assert.equal(cookie.party, 'first');
      // Nothing but the consent cookie exists without a yes; only the consent cookie after a no.
      assert.deepEqual(Object.keys(cookie.visits).sort(), cookie.name === 'consentinel' ? ['accept', 'reject'] : ['accept'], cookie.name);
    }
    assert.deepEqual(report.inventory.cookies.find((c) => c.name === 'affiliate_ref').visits.accept, ['/?ref=partner42'], 'the referral cookie comes from the partner link only');
    assert.deepEqual(Object.fromEntries(report.inventory.storage.map((item) => [`${item.area}:${item.name}`, item.category])), {
      'local:nw_ads_frequency': 'advertising',
      'local:nw_analytics_visits': 'analytics',
    });
    assert.deepEqual(report.inventory.thirdParties, []);
    // The demo declares the control panel's cookies, which the marketing pages never set.
    assert.deepEqual(report.unseen.map((item) => item.name).sort(), ['nw_cart', 'nw_session']);

    const home = report.gated.find((entry) => entry.page === '/').elements;
    const ran = Object.fromEntries(home.map((element) => [element.label, Object.keys(element.ran).filter((visit) => element.ran[visit])]));
    assert.deepEqual(ran, {
      '/tags/analytics.js': ['accept'],
      '/tags/affiliate.js': ['accept'],
      '/tags/ads.js': ['accept'],
      '/tags/refused-analytics.js': ['reject'],
    });
    const homePage = report.pages.find((page) => page.url === server.url);
    assert.equal(homePage.visits.accept.decision.how, 'api');
    assert.equal(homePage.visits.accept.decision.decided, true);
    assert.deepEqual(homePage.visits.reject.decision.granted, { necessary: true, analytics: false, affiliate: false, advertising: false });
    assert.ok(homePage.screenshot.length > 10_000, 'a screenshot of the banner');
  });
});

describe('scanner: a site with deliberate faults', () => {
  test('each fault is reported, item by item, on the page that has it', SLOW, async () => {
    const report = await scanOnce('shop', { url: `${server.origin}/shop/`, pages: 20 });
    const pages = report.pages.map((page) => [new URL(page.finalUrl).pathname, page.depth]);
    // The spring page is linked only from the text of the about page: two links away. The
    // redirect to the about page is not a second page, and the PDF is not a page at all.
    assert.deepEqual(pages, [['/shop/', 0], ['/shop/about.html', 1], ['/shop/deals/spring.html', 2]]);
    assert.deepEqual(report.errors, [{ url: `${server.origin}/shop/gift-cards.html`, message: 'answered HTTP 404 (a broken link?)' }]);
    assert.deepEqual(report.violations.map((v) => [v.when, v.type, v.name, v.category ?? null, v.pages]), [
      // Fault 1: the ungated pixel, before a choice and again after "Reject all".
      ['before-choice', 'cookie', '_uetsid', 'advertising', ['/shop/', '/shop/about.html']],
      // Fault 4: the page only a link reaches sets an unknown cookie before a choice.
      ['before-choice', 'cookie', 'promo_seen', null, ['/shop/deals/spring.html']],
      ['before-choice', 'request', 'localhost', null, ['/shop/', '/shop/about.html']],
      // Fault 3: the "analytics refused" fallback sets an analytics cookie: it exists after "Reject all".
      ['after-reject', 'cookie', '_clck', 'analytics', ['/shop/']],
      ['after-reject', 'cookie', '_uetsid', 'advertising', ['/shop/', '/shop/about.html']],
      ['after-reject', 'cookie', 'promo_seen', null, ['/shop/deals/spring.html']],
      ['after-reject', 'request', 'localhost', null, ['/shop/', '/shop/about.html']],
    ]);
    assert.match(report.violations.find((v) => v.type === 'request').examples[0], /^http:\/\/localhost:\d+\/shop\/pixel\.gif\?event=PageView$/);

    // Fault 2: the gated analytics tag's undeclared _gid, seen after "Accept all" only.
    const undeclared = Object.fromEntries(report.undeclared.map((item) => [item.name, { visits: item.visits, category: item.suggestion.category, provider: item.suggestion.provider, duration: item.suggestion.duration }]));
    assert.deepEqual(undeclared, {
      _clck: { visits: ['reject'], category: 'analytics', provider: 'Microsoft', duration: '1 year' },
      _gid: { visits: ['accept'], category: 'analytics', provider: 'Google Analytics', duration: '1 day' },
      _uetsid: { visits: ['none', 'accept', 'reject'], category: 'advertising', provider: 'Bing / Microsoft', duration: '1 day' },
      promo_seen: { visits: ['none', 'accept', 'reject'], category: null, provider: null, duration: '7 days' },
    });
    // Declared and necessary: set before a choice without being a violation.
    const cart = report.inventory.cookies.find((cookie) => cookie.name === 'shop_cart');
    assert.equal(cart.necessary, true);
    assert.ok(cart.visits.none);
    assert.deepEqual(report.unseen.map((item) => item.pattern), ['^_gcl_']);
  });

  test('the command line writes report.html, report.json and a --write-config file the library and the JSON Schema accept; exit 1 on violations', SLOW, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-shop-'));
    const written = join(dir, 'consent.json');
    writeFileSync(written, readFileSync(join(ROOT, FIXTURES, 'shop', 'consent.json')));
    const first = await runBin([`${server.origin}/shop/`, '--config', written, '--write-config', written, '--out', join(dir, 'report')]);
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stdout, /7 violations/);
    assert.match(first.stdout, /failing \(--fail-on violations\): 7 violations/);
    assert.match(first.stdout, /added 3 declarations marked "\[scanner guess\]"/);
    assert.match(first.stdout, /cookie promo_seen not written: not in the Open Cookie Database/);
    assert.match(first.stderr, /^scanned 3\/\d+ \/shop\/deals\/spring\.html$/m, 'plain progress lines when not on a terminal');
    assert.match(first.stdout, /1 link not scanned\n  ! http:\/\/127\.0\.0\.1:\d+\/shop\/gift-cards\.html: answered HTTP 404/);

    const config = JSON.parse(readFileSync(written, 'utf8'));
    parseConfig(config);
    const validate = schemaValidator();
    assert.ok(validate(config), JSON.stringify(validate.errors));
    assert.deepEqual(config.categories.analytics.cookies.map((c) => c.name), ['_ga', '_clck', '_gid']);
    assert.deepEqual(config.categories.advertising.cookies.map((c) => c.name ?? c.pattern), ['^_gcl_', '_uetsid']);

    const json = JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8'));
    assert.equal(json.violations.length, 7);
    for (const page of json.pages) assert.ok(existsSync(join(dir, 'report', page.screenshot)), page.screenshot);
    const html = readFileSync(join(dir, 'report', 'report.html'), 'utf8');
    assert.match(html, /<img src="data:image\/jpeg;base64,/);
    assert.match(html, /promo_seen/);

    // Against the written config, only the unknown cookie is still undeclared, and the guesses are counted.
    const second = await runBin([`${server.origin}/shop/`, '--config', written, '--fail-on', 'undeclared', '--out', join(dir, 'report2'), '--no-screenshots']);
    assert.equal(second.code, 1, second.stderr);
    assert.match(second.stdout, /1 undeclared\n {2}\? cookie promo_seen/);
    assert.match(second.stdout, /3 declarations are still marked "\[scanner guess\]"/);
    const third = await runBin([`${server.origin}/shop/`, '--config', written, '--fail-on', 'none', '--pages', '1', '--out', join(dir, 'report3'), '--no-screenshots']);
    assert.equal(third.code, 0, third.stderr);
  });
});

describe('scanner: pages without Consentinel', () => {
  test('an inventory, and every cookie and key that is not necessary is a violation', SLOW, async () => {
    const report = await scanOnce('plain', { url: `${server.origin}/plain/`, pages: 5 });
    assert.equal(report.pages.length, 1);
    assert.equal(report.pages[0].consentinel.api, null);
    assert.deepEqual(Object.keys(report.pages[0].visits), ['none'], 'no choice can be made: one visit');
    assert.equal(report.config, null);
    assert.deepEqual(report.inventory.cookies.map((c) => [c.name, c.category, c.necessary]), [
      ['_ga', 'analytics', false],
      ['_gid', 'analytics', false],
      ['PHPSESSID', 'necessary', true],
    ]);
    assert.deepEqual(report.violations.map((v) => [v.when, v.type, v.name]), [
      ['before-choice', 'cookie', '_ga'],
      ['before-choice', 'cookie', '_gid'],
      ['before-choice', 'storage', 'plain_last_visit'],
      ['before-choice', 'request', 'localhost'],
    ]);
  });

  test('a page with another consent tool: named, the first visit only, its cookies judged like any others', SLOW, async () => {
    const report = await scanOnce('other', { url: `${server.origin}/plain/other-tool.html`, pages: 1, screenshots: false });
    assert.equal(report.pages[0].otherTool, 'Cookiebot');
    assert.deepEqual(Object.keys(report.pages[0].visits), ['none']);
    assert.deepEqual(report.inventory.cookies.map((c) => [c.name, c.category, c.necessary]), [
      ['_ga', 'analytics', false],
      ['CookieConsent', 'necessary', true],
    ]);
    assert.deepEqual(report.violations.map((v) => [v.when, v.name]), [['before-choice', '_ga']]);
  });
});

describe('scanner: exit codes', () => {
  test('a clean site exits 0; an unreachable one exits 3 and says so', SLOW, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-exit-'));
    const clean = await runBin([server.url, '--pages', '1', '--out', join(dir, 'a'), '--no-screenshots']);
    assert.equal(clean.code, 0, clean.stderr + clean.stdout);
    assert.match(clean.stdout, /0 violations/);

    const closed = await startServer({ port: 0, quiet: true });
    const gone = closed.url;
    await closed.close();
    const unreachable = await runBin([gone, '--out', join(dir, 'b')]);
    assert.equal(unreachable.code, 3);
    assert.match(unreachable.stderr, /cannot load http:\/\/127\.0\.0\.1:\d+\/: .*ERR_CONNECTION_REFUSED.*Is the site running and the address right\?/);
  });

  test('an interrupted scan still writes the report of what it visited (exit 130)', SLOW, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-stop-'));
    const controller = new AbortController();
    // Stop as soon as the first page is done, the way Ctrl+C would.
    const stderr = sink((text) => { if (/scanned 1\//.test(text)) controller.abort(); });
    const code = await run([`${server.origin}/shop/`, '--out', dir, '--no-screenshots'], { stdout: sink(), stderr, signal: controller.signal });
    assert.equal(code, 130);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    assert.equal(report.interrupted, true);
    assert.ok(report.pages.length >= 1 && report.pages.length < 3, `${report.pages.length} pages`);
    assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /interrupted: partial results/);
  });
});

function runBin(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args, '--chromium', CHROMIUM], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => { stdout += data; });
    child.stderr.on('data', (data) => { stderr += data; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function sink(onText = () => {}) {
  return new Writable({ write(chunk, _encoding, done) { onText(String(chunk)); done(); } });
}

function schemaValidator() {
  const ajv = new Ajv2020({ allErrors: true, strictTypes: true, strictTuples: true });
  ajv.addFormat('regex', { type: 'string', validate: (source) => { try { new RegExp(source); return true; } catch { return false; } } });
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'consentinel.schema.json'), 'utf8')));
}
