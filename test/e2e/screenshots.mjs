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

const shots = [
  { name: 'banner-light', colorScheme: 'light' },
  { name: 'banner-dark', colorScheme: 'dark' },
  { name: 'banner-rtl', colorScheme: 'light', language: 'ar' },
  { name: 'dialog-light', colorScheme: 'light', dialog: true },
  { name: 'dialog-dark', colorScheme: 'dark', dialog: true },
  { name: 'dialog-rtl', colorScheme: 'light', language: 'ar', dialog: true },
];

try {
  for (const shot of shots) {
    language = shot.language ?? null;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: shot.colorScheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(server.url);
    const region = page.locator('[data-consentinel-root]').getByRole('region');
    await region.waitFor();
    if (shot.dialog) {
      await page.evaluate(() => window.Consentinel.showPreferences());
      await page.getByRole('dialog').waitFor();
    }
    await page.waitForTimeout(300);
    const file = join(out, `${shot.name}.png`);
    await page.screenshot({ path: file });
    console.log(file);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
