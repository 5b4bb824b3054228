// Screenshots of the reopen button on a landing page, to look at:
//   npm run build && node test/e2e/reopen-screenshots.mjs [outdir]   (default /work/notes)
// mobile 390×844 and desktop 1280×800, light and dark: on the page, focused, and at the page end.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../demo/server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './helpers.mjs';

const out = resolve(process.argv[2] ?? '/work/notes');
mkdirSync(out, { recursive: true });

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Northwind Hosting</title>
<script src="/dist/consentinel.js" data-config="/shot.json"></script>
<style>
  :root { color-scheme: light dark; }
  body { margin: 0; font: 17px/1.6 system-ui, sans-serif; background: #fff; color: #1b1f24; }
  @media (prefers-color-scheme: dark) { body { background: #111418; color: #e6e9ed; } footer { background: #1b1f24 !important; } a { color: #9cc3ff; } }
  header, main, footer { padding: 16px 20px; }
  header { display: flex; gap: 20px; align-items: center; border-bottom: 1px solid #8884; }
  header strong { margin-inline-end: auto; }
  main { max-width: 60em; margin: auto; }
  .plans { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(14em, 1fr)); }
  .plans div { border: 1px solid #8886; border-radius: 8px; padding: 12px 16px; }
  footer { background: #f2f4f7; padding-bottom: 14px; }
  footer nav { display: flex; flex-wrap: wrap; gap: 8px 20px; }
</style>
</head>
<body>
<header><strong>Northwind Hosting</strong><a href="#plans">Plans</a><a href="#support">Support</a></header>
<main>
  <h1>Web hosting that stays out of your way</h1>
  <p>${'Fast servers in three regions, daily backups and a control panel your clients understand. '.repeat(4)}</p>
  <div class="plans" id="plans">
    ${['Starter', 'Business', 'Agency'].map((n, i) => `<div><h2>${n}</h2><p>${(i + 1) * 10} sites, ${(i + 1) * 50} GB SSD, free certificates.</p><p><a href="#buy">Choose ${n}</a></p></div>`).join('')}
  </div>
  <h2 id="support">Support</h2>
  <p>${'Real people answer within the hour, day and night, in four languages. '.repeat(16)}</p>
  <p>${'Move your sites for free: we copy files, databases and mail without downtime. '.repeat(10)}</p>
</main>
<footer>
  <p>© 2026 Northwind Hosting · Tallinn</p>
  <nav><a href="#privacy">Privacy</a><a href="#terms">Terms</a><a href="#imprint">Imprint</a><a href="#status">Status</a></nav>
</footer>
</body>
</html>`;

const server = await startServer({ port: 0, quiet: true });
server.route('/shot.html', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(PAGE);
});
server.route('/shot.json', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ categories: { necessary: { required: true }, analytics: {} } }));
});
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/** The button's opacity once it has settled at `value`. */
const settled = (page, value) =>
  page.waitForFunction((v) => {
    const b = document.getElementById('consentinel-reopen')?.shadowRoot?.querySelector('button');
    return b && b.getAnimations().length === 0 && getComputedStyle(b).opacity === v;
  }, value);

try {
  for (const [device, viewport] of [['mobile', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 800 }]]) {
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();
      await page.goto(`${server.url.replace(/\/$/, '')}/shot.html`);
      await page.waitForFunction(() => typeof window.Consentinel?.rejectAll === 'function');
      await page.evaluate(() => window.Consentinel.rejectAll());
      await page.locator('#consentinel-reopen').getByRole('button').waitFor();
      await page.evaluate(() => window.scrollTo(0, Math.min(300, (document.scrollingElement.scrollHeight - innerHeight) / 2)));
      await settled(page, '1');
      const name = `reopen-${device}-${colorScheme}`;
      await page.screenshot({ path: join(out, `${name}-page.png`) });
      // From the start of the page, Shift+Tab reaches the last element: the button.
      await page.keyboard.press('Shift+Tab');
      await page.waitForFunction(() => document.activeElement?.id === 'consentinel-reopen');
      await settled(page, '1');
      await page.screenshot({ path: join(out, `${name}-focused.png`) });
      await page.evaluate(() => document.activeElement.blur());
      await page.evaluate(() => window.scrollTo(0, document.scrollingElement.scrollHeight));
      await settled(page, '0');
      await page.screenshot({ path: join(out, `${name}-end.png`) });
      console.log(join(out, `${name}-{page,focused,end}.png`));
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
