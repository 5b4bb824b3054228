// The demo with the records service embedded, in real Chromium: decisions made on the page are
// in `consentinel-records show`, on the stats page, and survive the database being down.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { chromium } from 'playwright-core';
import { startServer } from '../../../demo/server.mjs';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, banner, dialog, eventually } from '../../../test/e2e/helpers.mjs';
import { main } from '../src/cli.mjs';
import { CI, postgresSkipReason, startPostgres } from './postgres-server.mjs';
import { TOKEN } from './helpers.mjs';

const noChromium = existsSync(CHROMIUM) ? null : `Chromium tests of the records service skipped: Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
const noBuild = existsSync(join(ROOT, 'dist', 'consentinel.js')) ? null : 'dist/consentinel.js is missing: run `npm run build` first';
if (noBuild) throw new Error(noBuild);
if (noChromium && CI) throw new Error(`${noChromium}\n(CI=true: the browser tests are mandatory in CI)`);
if (noChromium) console.log(`# ${noChromium}`);
const noPostgres = postgresSkipReason();
if (noPostgres && CI) throw new Error(`${noPostgres}\n(CI=true: the PostgreSQL tests are mandatory in CI)`);

let browser;
test.before(async () => {
  if (!noChromium) browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
test.after(() => browser?.close());

/** The CLI as a user runs it; resolves to its exit code and output. */
async function cli(args, env = {}) {
  let text = '';
  const sink = new Writable({ write(chunk, _e, done) { text += chunk; done(); } });
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return { code: await main(args, { out: sink, err: sink }), text };
  } finally {
    for (const key of Object.keys(env)) if (key in saved) process.env[key] = saved[key]; else delete process.env[key];
  }
}

const consentId = (page) => page.evaluate(() => window.Consentinel.getState().id);

test('demo on PGlite: Accept all in Chromium → `show <id>` lists it; the dialog shows the id; reset() is a withdrawal; the stats page counts them', { skip: noChromium ?? false, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'consentinel-demo-records-'));
  const server = await startServer({ port: 0, quiet: true, records: { dataDir: dir, token: TOKEN } });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
    const id = await eventually(() => consentId(page), { message: 'no decision' });
    await eventually(async () => (await server.records.store.show(id)).length === 1, { message: 'the decision was not stored' });
    await eventually(() => page.evaluate(() => localStorage.getItem('consentinel:log') === null), { message: 'the queue was not cleared after the 201' });

    const shown = await cli(['show', id, '--url', `${server.origin}/consent-log/`], { CONSENTINEL_RECORDS_TOKEN: TOKEN });
    assert.equal(shown.code, 0, shown.text);
    assert.match(shown.text, new RegExp(`1 record\\(s\\) for consent id ${id}`));
    assert.match(shown.text, /#1 accept-all/);
    assert.match(shown.text, new RegExp(`page ${server.origin.replace(/[.]/g, '\\.')}/\\n`));

    await page.locator('footer [data-consentinel="preferences"]').click();
    assert.match(await dialog(page).innerText(), new RegExp(`Your consent ID: ${id}\\.`));
    await dialog(page).getByRole('button', { name: 'Close' }).first().click();

    await page.locator('#reset-choice').click();
    await eventually(async () => (await server.records.store.show(id)).length === 2, { message: 'the withdrawal was not stored' });
    const [, withdrawal] = await server.records.store.show(id);
    assert.deepEqual({ method: withdrawal.method, granted: withdrawal.granted }, { method: 'withdrawal', granted: ['necessary'] });

    // The stats page in the browser: asked for the token, then the figures.
    const stats = await context.newPage();
    const answer = await stats.goto(`${server.origin}/consent-log/stats`);
    assert.equal(answer.status(), 401);
    await stats.getByLabel('Read token').fill(TOKEN);
    await stats.getByRole('button', { name: 'Show the stats' }).click();
    await stats.getByRole('heading', { name: 'Decisions per day' }).waitFor();
    assert.match(await stats.locator('.cards').innerText(), /2\s+records/);
    assert.equal(await stats.locator('svg rect.s-accept-all').count() >= 1, true);
    assert.equal(await stats.locator('script').count(), 0);
  } finally {
    await context.close();
    await server.close();
  }
  // With the demo stopped, the CLI reads the data directory itself.
  try {
    const { text, code } = await cli(['stats', '--data-dir', dir]);
    assert.equal(code, 0);
    assert.match(text, /2 record\(s\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fault in the browser: PostgreSQL down when the visitor decides → 503, kept in the page\'s queue; after the restart the next page delivers it, once', { skip: noChromium ?? noPostgres ?? false, timeout: 120_000 }, async () => {
  const postgres = await startPostgres();
  const server = await startServer({ port: 0, quiet: true, records: { databaseUrl: postgres.url, token: TOKEN } });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const answers = [];
    page.on('response', (response) => response.url().endsWith('/consent-log') && answers.push(response.status()));
    await page.goto(server.url);
    await banner(page).waitFor();
    await postgres.stop();

    await banner(page).getByRole('button', { name: 'Reject all', exact: true }).click();
    await eventually(() => answers.includes(503), { timeout: 15_000, message: 'the endpoint did not answer 503' });
    const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('consentinel:log') ?? '[]').map((body) => JSON.parse(body)));
    assert.equal(queued.length, 1);
    const id = await consentId(page);
    assert.equal(queued[0].id, id);
    assert.equal(queued[0].method, 'reject-all');

    await postgres.start();
    // A later page: the core sees the queue, loads the log code, and sends the record again.
    await page.goto(`${server.origin}/blog.html`);
    await eventually(() => page.evaluate(() => localStorage.getItem('consentinel:log') === null), { timeout: 15_000, message: 'the queued decision was not delivered' });
    assert.ok(answers.includes(201));
    const shown = await cli(['show', id], { DATABASE_URL: postgres.url });
    assert.equal(shown.code, 0, shown.text);
    assert.match(shown.text, /1 record\(s\)[^]*#1 reject-all/);
    assert.equal((await server.records.store.show(id))[0].recordId, queued[0].recordId, 'the record sent again is the one the page kept');

    // Further pages send nothing more.
    const before = answers.length;
    await page.goto(server.url);
    await page.waitForFunction(() => window.Consentinel?.getState().decided);
    assert.equal(answers.length, before);
  } finally {
    await context.close();
    await server.close();
    await postgres.destroy();
  }
});
