// The scanner's parts that need no browser: the Open Cookie Database snapshot and its refresh
// script, the findings, --write-config, the HTML report's self-containment, the command line's
// errors and exit codes, and the root package's `consentinel scan` forwarder.
// The browser half (real scans of the demo and the fixtures) is test/e2e/scanner.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import Ajv2020 from 'ajv/dist/2020.js';
import { parseConfig } from 'consentinel';
import { analyze } from '../src/analyze.mjs';
import { run, parseArgs } from '../src/cli.mjs';
import { declarationsOf, GUESS_MARK } from '../src/declarations.mjs';
import { loadOcd } from '../src/ocd.mjs';
import { siteOf } from '../src/party.mjs';
import { renderHtml } from '../src/report-html.mjs';
import { mergeSuggestions } from '../src/write-config.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const scannerRoot = join(here, '..');
const repoRoot = join(scannerRoot, '..', '..');
const ocd = loadOcd();

function schemaValidator() {
  const ajv = new Ajv2020({ allErrors: true, strictTypes: true, strictTuples: true });
  ajv.addFormat('regex', { type: 'string', validate: (source) => { try { new RegExp(source); return true; } catch { return false; } } });
  return ajv.compile(JSON.parse(readFileSync(join(repoRoot, 'schema', 'consentinel.schema.json'), 'utf8')));
}

function capture() {
  let text = '';
  const stream = new Writable({ write(chunk, _encoding, done) { text += chunk; done(); } });
  return { stream, get text() { return text; } };
}

test('the shipped Open Cookie Database snapshot knows the common cookies, exactly and by prefix', () => {
  assert.ok(ocd.size > 2000, `${ocd.size} entries`);
  assert.deepEqual(pick(ocd.lookup('_ga')), { platform: 'Google Analytics', category: 'Analytics', wildcard: false });
  assert.deepEqual(pick(ocd.lookup('_ga_NW4H0ST')), { platform: 'Google Analytics', category: 'Analytics', wildcard: true });
  assert.equal(ocd.lookup('_fbp').category, 'Marketing');
  assert.equal(ocd.lookup('certainly_not_a_known_cookie_name'), null);
  const notice = readFileSync(join(scannerRoot, 'data', 'NOTICE'), 'utf8');
  assert.match(notice, /Open Cookie Database/);
  assert.match(readFileSync(join(scannerRoot, 'data', 'LICENSE'), 'utf8'), /Apache License/);
  function pick(entry) {
    return { platform: entry.platform, category: entry.category, wildcard: entry.wildcard };
  }
});

test('refresh-ocd.mjs rebuilds a snapshot from a CSV (quotes, line breaks, prefixes) and refuses a wrong file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocd-'));
  const output = join(dir, 'snapshot.json');
  const script = join(scannerRoot, 'scripts', 'refresh-ocd.mjs');
  const result = spawnSync(process.execPath, [script, join(here, 'fixtures', 'ocd', 'sample.csv'), output, '--commit', 'abc1234'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /wrote 3 entries/);
  const rebuilt = loadOcd(output);
  assert.equal(rebuilt.size, 3);
  assert.equal(rebuilt.lookup('_ga_ABC').platform, 'Google Analytics');
  assert.equal(rebuilt.lookup('ex_multi').description, 'A description with "quotes"\nand a line break');
  assert.equal(rebuilt.source.commit, 'abc1234');

  const wrong = join(dir, 'wrong.csv');
  writeFileSync(wrong, 'name,value\na,b\n');
  const refused = spawnSync(process.execPath, [script, wrong, output], { encoding: 'utf8' });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /no "Platform" column/);
});

// The upstream CSV is on the development machine, not in the repository.
const SHARED_CSV = '/work/shared/data/open-cookie-database/open-cookie-database.csv';
test('the shipped snapshot is what refresh-ocd.mjs makes of the Open Cookie Database CSV', { skip: !existsSync(SHARED_CSV) && `the source CSV (${SHARED_CSV}) is not on this machine` }, () => {
  const output = join(mkdtempSync(join(tmpdir(), 'ocd-')), 'snapshot.json');
  const result = spawnSync(process.execPath, [join(scannerRoot, 'scripts', 'refresh-ocd.mjs'), SHARED_CSV, output], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const shipped = JSON.parse(readFileSync(join(scannerRoot, 'data', 'open-cookie-database.json'), 'utf8'));
  assert.deepEqual(JSON.parse(readFileSync(output, 'utf8')).rows, shipped.rows);
});

test('sites: subdomains share a site, a two-label suffix keeps three labels, IPs and localhost stand alone', () => {
  assert.equal(siteOf('www.example.com'), 'example.com');
  assert.equal(siteOf('.cdn.example.com'), 'example.com');
  assert.equal(siteOf('shop.example.co.uk'), 'example.co.uk');
  assert.equal(siteOf('127.0.0.1'), '127.0.0.1');
  assert.equal(siteOf('localhost'), 'localhost');
});

/** A crawl result as crawl() returns it, for two pages, without a browser. */
function crawlResult(config) {
  const visit = (cookies, storage = [], requests = []) => ({
    decision: null,
    cookies: cookies.map((name) => ({ name, domain: 'www.example.com', path: '/', expires: name === 'sid' ? -1 : Date.now() / 1000 + 86400 * 30, httpOnly: false, secure: false, sameSite: 'Lax' })),
    storage: storage.map((key) => ({ area: 'local', key })),
    requests: requests.map((host) => ({ url: `https://${host}/p.gif`, host, type: 'image', phase: 'after' })),
    gated: [],
  });
  const page = (path, visits) => ({ url: `https://www.example.com${path}`, finalUrl: `https://www.example.com${path}`, status: 200, html: true, title: path, consentinel: { present: true, ready: true, api: 'global' }, otherTool: null, notes: [], screenshot: null, visits, depth: 0, order: 0 });
  return {
    startUrl: 'https://www.example.com/',
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: 1000,
    interrupted: false,
    config: { source: 'test', raw: config, error: null },
    errors: [],
    declarations: declarationsOf(parseConfig(config)),
    pages: [
      page('/', {
        none: visit(['sid', '_gid'], [], ['cdn.example.com', 'px.tracker.test']),
        accept: visit(['sid', 'consentinel', '_ga', '_ga_X1', '_gid', 'mystery', '_hjSessionUser_9'], ['ab_test']),
        reject: visit(['sid', 'consentinel', '_gid'], [], ['px.tracker.test']),
      }),
      page('/b', { none: visit(['sid']), accept: visit(['sid', 'consentinel', '_ga']), reject: visit(['sid', 'consentinel']) }),
    ],
  };
}

const CONFIG = {
  categories: {
    necessary: { required: true, cookies: [{ name: 'sid', provider: 'Example' }] },
    analytics: { cookies: [{ name: '_ga', provider: 'Google Analytics' }, { name: 'never_set' }] },
    advertising: { storage: ['^ads_'] },
  },
};

test('findings: violations before a choice and after Reject all, undeclared with suggestions, declared but never seen', () => {
  const report = analyze(crawlResult(CONFIG), { ocd });
  assert.deepEqual(report.violations.map((v) => [v.when, v.type, v.name, v.pages]), [
    ['before-choice', 'cookie', '_gid', ['/']],
    ['before-choice', 'request', 'px.tracker.test', ['/']],
    ['after-reject', 'cookie', '_gid', ['/']],
    ['after-reject', 'request', 'px.tracker.test', ['/']],
  ]);
  // cdn.example.com is the same site as www.example.com: not a third party.
  assert.deepEqual(report.inventory.thirdParties.map((h) => h.host), ['px.tracker.test']);
  const undeclared = Object.fromEntries(report.undeclared.map((u) => [u.name, u.suggestion]));
  assert.deepEqual(Object.keys(undeclared).sort(), ['_ga_X1', '_gid', '_hjSessionUser_9', 'ab_test', 'consentinel', 'mystery']);
  assert.equal(undeclared._gid.category, 'analytics');
  assert.equal(undeclared._gid.provider, 'Google Analytics');
  assert.equal(undeclared._gid.duration, '30 days', 'the duration the browser was given, not the database\'s');
  assert.equal(undeclared._ga_X1.pattern, '^_ga_');
  assert.equal(undeclared.consentinel.category, 'necessary');
  assert.equal(undeclared.consentinel.source, 'consentinel');
  assert.equal(undeclared.mystery.category, null);
  assert.equal(undeclared.mystery.note, 'Set only after "Accept all": a gated tag sets it.');
  // The database calls Hotjar's cookie functional, but only a tag that waited for consent set it.
  assert.equal(undeclared._hjSessionUser_9.category, 'necessary');
  assert.match(undeclared._hjSessionUser_9.note, /calls it Functional, but here only a tag that needs consent sets it/);
  assert.equal(undeclared._gid.note, undefined, 'seen before a choice too: no note');
  assert.deepEqual(report.unseen.map((u) => [u.type, u.name ?? u.pattern]), [['cookie', 'never_set'], ['storage', '^ads_']]);
  // Scanned from another host, --first-party makes example.com's hosts (the CDN) the site's own.
  const strict = analyze({ ...crawlResult(CONFIG), startUrl: 'https://example.org/' }, { ocd, firstParty: ['www.example.com'] });
  assert.deepEqual(strict.inventory.thirdParties.map((h) => h.host), ['px.tracker.test']);
});

test('--write-config adds the suggestions marked as guesses, keeps everything, and stays valid for the library and the JSON Schema', () => {
  const report = analyze(crawlResult(CONFIG), { ocd });
  const { config, added, skipped } = mergeSuggestions(CONFIG, report.undeclared);
  assert.deepEqual(added.map((a) => `${a.type} ${a.name} → ${a.category}`), [
    'cookie ^_ga_ → analytics',
    'cookie _gid → analytics',
    'cookie consentinel → necessary',
  ]);
  assert.deepEqual(skipped.map((s) => s.name).sort(), ['_hjSessionUser_9', 'ab_test', 'mystery']);
  parseConfig(config);
  const validate = schemaValidator();
  assert.ok(validate(config), JSON.stringify(validate.errors));
  // Nothing removed or changed, every addition marked.
  assert.deepEqual(config.categories.analytics.cookies.slice(0, 2), CONFIG.categories.analytics.cookies);
  assert.deepEqual(config.categories.advertising, CONFIG.categories.advertising);
  for (const declaration of config.categories.analytics.cookies.slice(2)) assert.ok(declaration.purpose.startsWith(GUESS_MARK), declaration.purpose);
  assert.equal(CONFIG.categories.analytics.cookies.length, 2, 'the input is not modified');
  // Merging again adds nothing, and the library counts the marks left to check.
  assert.deepEqual(mergeSuggestions(config, report.undeclared).added, []);
  assert.equal(declarationsOf(parseConfig(config)).guesses, 3);

  // Without any config: a new file with the default categories written out.
  const fresh = mergeSuggestions(null, report.undeclared).config;
  parseConfig(fresh);
  assert.ok(validate(fresh), JSON.stringify(validate.errors));
  assert.deepEqual(Object.keys(fresh.categories), ['necessary', 'analytics', 'affiliate', 'advertising']);
});

test('the HTML report is self-contained, escapes what the site sent, and works without script', () => {
  const result = crawlResult(CONFIG);
  result.pages[0].visits.accept.cookies.push({ name: '<img src=x onerror=alert(1)>', domain: 'www.example.com', path: '/', expires: -1 });
  result.pages[0].screenshot = Buffer.from('not really a jpeg').toString('base64');
  result.pages[0].title = '</title><script>alert(2)</script>';
  const report = { tool: { name: '@consentinel/scanner', version: '0.0.0' }, ocd: { entries: ocd.size }, ...result, ...analyze(result, { ocd }) };
  const html = renderHtml(report);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img src=x/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.doesNotMatch(html, /<link\b/i);
  assert.doesNotMatch(html, /(?:src|href)="(?!data:|#|https:\/\/github\.com\/jkwakman)/, 'no external asset');
  assert.match(html, /src="data:image\/jpeg;base64,/);
  assert.match(html, /prefers-color-scheme: dark/);
  assert.match(html, /<meta name="viewport"/);
  assert.match(html, /Open Cookie Database/);
});

test('command line: bad usage and an invalid config exit 2 with what to fix, a missing Chromium exits 3 with how to get one', async () => {
  const cases = [
    [[], 2, /which site\? give its URL/],
    [['https://example.com/', '--pages', 'many'], 2, /--pages needs a whole number/],
    [['https://example.com/', '--fail-on', 'everything'], 2, /--fail-on takes a comma-separated list/],
    [['https://example.com/', '--bogus'], 2, /unknown option --bogus/],
    [['ftp://example.com/', '--chromium', '/usr/bin/true'], 2, /only http and https/],
    [['https://example.com/', '--config', join(here, 'fixtures', 'invalid-config.json')], 2, /\[consentinel\] config\.categories\.analytics\.cookies\[0\]: needs "name" or "pattern"/],
    [['https://example.com/', '--config', join(here, 'fixtures', 'no-such-file.json')], 2, /config file not found/],
    [['https://example.com/', '--chromium', '/nonexistent/chromium'], 3, /Chromium not found at \/nonexistent\/chromium\. Install it \(Debian\/Ubuntu: `apt-get install chromium`\), or .*CHROMIUM_PATH/],
  ];
  for (const [argv, code, message] of cases) {
    const stdout = capture();
    const stderr = capture();
    assert.equal(await run(argv, { stdout: stdout.stream, stderr: stderr.stream }), code, `exit code of ${argv.join(' ')}: ${stderr.text}`);
    assert.match(stderr.text, message, argv.join(' '));
  }
  assert.deepEqual(parseArgs(['example.com', '--fail-on', 'violations,undeclared']).failOn, ['violations', 'undeclared']);
  assert.equal(parseArgs(['example.com']).url, 'https://example.com');
  assert.deepEqual(parseArgs(['https://example.com/', '--fail-on=none']).failOn, []);
});

test('`consentinel scan` forwards to the scanner, and without it says how to install it (exit 2)', () => {
  const bin = join(repoRoot, 'bin', 'consentinel.mjs');
  const help = spawnSync(process.execPath, [bin, 'scan', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /usage: consentinel-scan <url>/);

  // The same file where no @consentinel/scanner can be resolved (a project that only installed consentinel).
  const alone = mkdtempSync(join(tmpdir(), 'consentinel-bin-'));
  copyFileSync(bin, join(alone, 'consentinel.mjs'));
  const missing = spawnSync(process.execPath, [join(alone, 'consentinel.mjs'), 'scan', 'https://example.com/'], { encoding: 'utf8', cwd: alone });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /npm install -D @consentinel\/scanner/);
  const unknown = spawnSync(process.execPath, [bin, 'scna'], { encoding: 'utf8' });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command "scna"/);
});
