// Checks of the bench itself (no browser): the arithmetic behind the targets table, the pages and
// the server. Run: node --test bench/bench.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONFIG_URL, CONSENTINEL_CONFIG, LIBS, QUICK_START, uiPreload } from './libs.mjs';
import { makePages } from './make-pages.mjs';
import { startServer } from './server.mjs';
import { FIRST_VISIT_BUDGET, RETURN_JS_BUDGET, interactionToPaint, median, p90, splitLog, targets } from './stats.mjs';

const pages = fileURLToPath(new URL('./pages/', import.meta.url));

test('interaction to next paint: the longest pointer/click entry of the click, not the hover before it', () => {
  const events = [['pointerover', 99.5, 120, 0], ['pointerdown', 100, 40, 7], ['pointerup', 100.2, 48, 7], ['click', 100.2, 48, 7], ['pointerover', 300, 64, 0]];
  assert.deepEqual(interactionToPaint({ downAt: 100, events, eventTiming: true }), { ms: 48, source: 'event-timing' });
});

test('interaction to next paint: no entry above the 16 ms threshold counts as 16; frames only without the API', () => {
  assert.deepEqual(interactionToPaint({ downAt: 100, events: [], eventTiming: true, paintAfterDown: 170 }), { ms: 16, source: 'below-threshold' });
  assert.deepEqual(interactionToPaint({ downAt: 100, events: [], eventTiming: false, paintAfterDown: 130 }), { ms: 30, source: 'frame' });
  assert.deepEqual(interactionToPaint({ downAt: null, events: [] }), { ms: null, source: null });
});

test('the request log splits at the banner on the server clock', () => {
  const log = [{ path: '/dist/a.js', t: 1000 + 50 }, { path: '/dist/b.js', t: 1000 + 200 }, { path: '/dist/c.js', t: 1000 + 201 }];
  const [before, after] = splitLog(log, 1000, 200);
  assert.deepEqual(before.map((e) => e.path), ['/dist/a.js', '/dist/b.js']);
  assert.deepEqual(after.map((e) => e.path), ['/dist/c.js']);
});

test('median and p90', () => {
  assert.equal(median([3, 1, 2, null]), 2);
  assert.equal(median([1, 2, 3, 4]), 2.5);
  assert.equal(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 9);
  assert.equal(median([]), null);
});

// An aggregate as run.mjs builds it, with only what targets() reads.
const agg = (over) => ({
  name: 'x', banner: [], preBanner: null, toDialog: [], retJs: null, retFirstTagAt: [], retFirstTag: [], tbt: [], cls: [], inp: [],
  inpBelowThreshold: 0, inpFromFrames: 0, leaks: 0, n: 3, ...over,
});

test('targets: measured ÷ limit against the fastest other library, budgets in KiB', () => {
  const slow = agg({ name: 'slow', banner: [500, 500, 500], retFirstTagAt: [400, 400, 400] });
  const quick = agg({ name: 'quick', banner: [200, 300, 400], retFirstTagAt: [100, 100, 100] });
  const ours = agg({
    banner: [140, 140, 140], preBanner: FIRST_VISIT_BUDGET, toDialog: [50, 60, 101], retJs: RETURN_JS_BUDGET + 1,
    retFirstTagAt: [80, 80, 80], retFirstTag: [40, 40, 40], tbt: [0, 10, 20], cls: [0, 0, 0], inp: [40, 48, 56],
  });
  const rows = Object.fromEntries(targets(ours, [slow, quick]).map((t) => [t.name.split(/[,:(]/)[0].trim(), t]));
  const banner = targets(ours, [slow, quick])[0];
  assert.equal(banner.limit, 0.7 * 300); // quick's median, not slow's
  assert.equal(banner.pass, true);
  assert.equal(banner.ratio, 140 / 210);
  const bannerP90 = targets(ours, [slow, quick])[1];
  assert.equal(bannerP90.limit, 0.8 * 400); // quick's p90
  assert.equal(FIRST_VISIT_BUDGET, 12288);
  assert.equal(RETURN_JS_BUDGET, 6758);
  assert.equal(rows['First visit'].pass, true); // exactly 12 KiB meets it
  assert.equal(rows['Click on Preferences → dialog visible'].value, 101); // p90 of three visits is the largest
  assert.equal(rows['Click on Preferences → dialog visible'].pass, false);
  const returning = targets(ours, [slow, quick]).filter((t) => t.name.startsWith('Returning visitor'));
  assert.equal(returning[0].pass, false); // one byte over
  assert.equal(returning[1].limit, 80); // 0.8 × quick's 100 ms
  assert.equal(returning[1].pass, true);
  assert.equal(returning[2].pass, true); // 40 ms after DOMContentLoaded meets "≤ 40"
  assert.equal(rows['Total blocking time'].pass, true); // median 10
  assert.equal(rows['Cumulative layout shift 0'].pass, true);
  assert.equal(rows['Accept all'].value, 48);
  assert.equal(rows['No gated tag ran or was requested before consent'].pass, true);
});

test('targets: a value that was not measured is no PASS', () => {
  const rows = targets(agg({}), [agg({ name: 'other', banner: [300] })]);
  for (const t of rows.filter((r) => r.value == null)) assert.equal(t.pass, false, t.name);
  assert.ok(rows.some((r) => r.value == null));
});

test('pages: the SPEC setup is the bare SPEC §2 tag, the quick start its chosen setup, both with the gated tags', () => {
  makePages();
  const spec = readFileSync(pages + 'consentinel-spec.html', 'utf8');
  assert.ok(spec.includes(`<script defer src="/dist/consentinel.js" data-config="${CONFIG_URL}"></script>`));
  assert.ok(spec.includes('<script type="text/plain" data-consent="analytics" src="/tags/consentinel-spec-analytics.js"></script>'));
  const quick = LIBS.find((l) => l.id === 'consentinel-quick');
  assert.equal(quick.setup, QUICK_START);
  assert.ok(!LIBS.some((l) => l.variant && l.setup === QUICK_START), 'the quick start is not measured twice');
});

test('the UI hint follows the build: modulepreload for a module, preload as=script for the classic file', () => {
  assert.equal(uiPreload(['consentinel.js', 'consentinel-ui.mjs']), '<link rel="modulepreload" href="/dist/consentinel-ui.mjs">');
  assert.equal(uiPreload(['consentinel.js', 'consentinel-ui.js']), '<link rel="preload" href="/dist/consentinel-ui.js" as="script">');
  assert.equal(uiPreload(['consentinel.js']), '');
});

test('server: the config URL answers the same config, and every page id gets its stand-in tags', async () => {
  const server = await startServer();
  try {
    const config = await fetch(server.origin + CONFIG_URL);
    assert.equal(config.status, 200);
    assert.match(config.headers.get('content-type'), /^application\/json/);
    assert.deepEqual(await config.json(), CONSENTINEL_CONFIG);
    for (const lib of LIBS) {
      const tag = await fetch(`${server.origin}/tags/${lib.id}-analytics.js`);
      assert.equal(tag.status, 200, lib.id);
      assert.match(await tag.text(), /window\.__ran/);
    }
    const log = server.takeLog();
    assert.ok(log.every((e) => typeof e.t === 'number'));
  } finally {
    await server.close();
  }
});
