#!/usr/bin/env node
// Screenshots of an HTML report at desktop and phone width, light and dark, to look at the report
// the way its readers will:  node scripts/screenshot-report.mjs <report.html> <output prefix>
// writes <prefix>-desktop-light.png, -desktop-dark.png, -mobile-light.png, -mobile-dark.png.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { launchChromium } from '../src/scan.mjs';

const [report, prefix] = process.argv.slice(2);
if (!report || !prefix) {
  console.error('usage: node scripts/screenshot-report.mjs <report.html> <output prefix>');
  process.exit(2);
}
const browser = await launchChromium({});
try {
  for (const [name, viewport, fullPage] of [['desktop', { width: 1280, height: 900 }, false], ['mobile', { width: 390, height: 844 }, false]]) {
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1 });
      // No network: the report must render from the file alone.
      await context.route(/^(?!file:|data:)/, (route) => route.abort());
      const page = await context.newPage();
      await page.goto(pathToFileURL(resolve(report)).href, { waitUntil: 'load' });
      const file = `${prefix}-${name}-${colorScheme}.png`;
      await page.screenshot({ path: file, fullPage: process.env.FULL_PAGE === '1' || fullPage });
      console.log(file);
      // PARTS=n: also the first n screens of the page, one file each, to read a long report.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let part = 1; part < Number(process.env.PARTS ?? 0) && part * viewport.height < height; part++) {
        const partFile = `${prefix}-${name}-${colorScheme}-${part}.png`;
        await page.screenshot({ path: partFile, fullPage: true, clip: { x: 0, y: part * viewport.height, width: viewport.width, height: Math.min(viewport.height, height - part * viewport.height) } });
        console.log(partFile);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
