// Screenshots of the real demo for the README:
//   node test/e2e/screenshots.mjs [outdir]   (default docs/images)
// banner and dialog in light, dark and right-to-left (Arabic), 1280×800.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../demo/server.mjs';
import { CHROMIUM, CHROMIUM_ARGS, ROOT } from './helpers.mjs';

const out = resolve(process.argv[2] ?? join(ROOT, 'docs', 'images'));
mkdirSync(out, { recursive: true });

const config = JSON.parse(readFileSync(join(ROOT, 'demo', 'consent.json'), 'utf8'));
const server = await startServer({ port: 0, quiet: true });
let language = null;
server.route('/consent.json', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(language ? { ...config, language } : config));
});
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 390, height: 844 };
// Each state on desktop and mobile, light and dark; the right-to-left ones on desktop.
const shots = [];
for (const [device, viewport] of [['desktop', DESKTOP], ['mobile', MOBILE]]) {
  for (const colorScheme of ['light', 'dark']) {
    for (const state of ['banner', 'dialog', 'dialog-expanded', 'reopen']) shots.push({ name: `${state}-${device}-${colorScheme}`, viewport, colorScheme, state });
  }
}
shots.push({ name: 'banner-rtl', viewport: DESKTOP, colorScheme: 'light', language: 'ar', state: 'banner' });
shots.push({ name: 'dialog-rtl', viewport: DESKTOP, colorScheme: 'light', language: 'ar', state: 'dialog' });
const only = process.env.SHOTS ? new RegExp(process.env.SHOTS) : null;

try {
  for (const shot of shots.filter((s) => !only || only.test(s.name))) {
    language = shot.language ?? null;
    const context = await browser.newContext({ viewport: shot.viewport, colorScheme: shot.colorScheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(server.url);
    const region = page.locator('#consentinel').getByRole('region');
    await region.waitFor();
    if (shot.state.startsWith('dialog')) {
      await page.evaluate(() => window.Consentinel.showPreferences());
      await page.getByRole('dialog').waitFor();
    }
    if (shot.state == 'dialog-expanded') {
      // The analytics category opened, its cookie list in view.
      const summary = page.getByRole('dialog').locator('[data-consentinel-category="analytics"] summary');
      await summary.click();
      await summary.evaluate((el) => el.parentElement.querySelector('table').scrollIntoView({ block: 'center' }));
    }
    if (shot.state == 'reopen') {
      await page.getByRole('region').getByRole('button', { name: 'Reject all' }).click();
      await page.locator('#consentinel-reopen, [data-consentinel-reopen]').getByRole('button').waitFor();
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    }
    // A still frame: fonts decoded, no animation running (reduced motion).
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
    const file = join(out, `${shot.name}.png`);
    await page.screenshot({ path: file });
    console.log(file);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
