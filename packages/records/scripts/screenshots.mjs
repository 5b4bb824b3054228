// Screenshots of the stats page with a month of sample decisions: light and dark, desktop and
// mobile, in Chromium. `node packages/records/scripts/screenshots.mjs [output-dir]`
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startRecordsServer } from '../src/index.mjs';
import { parseRecord } from '../src/validate.mjs';

const out = resolve(process.argv[2] ?? 'stats-screenshots');
mkdirSync(out, { recursive: true });
const token = randomBytes(12).toString('hex');
const server = await startRecordsServer({ port: 0, memory: true, token, rateLimit: false });
const hex = () => randomBytes(16).toString('hex');
const ALL = ['necessary', 'analytics', 'affiliate', 'advertising'];

// A deterministic month: more visitors on weekdays, a share under Global Privacy Control.
let seed = 7;
const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
for (let daysAgo = 29; daysAgo >= 0; daysAgo--) {
  const day = new Date(Date.now() - daysAgo * 86_400_000);
  const visitors = 8 + Math.round(random() * 14) + (day.getUTCDay() % 6 ? 8 : 0);
  for (let i = 0; i < visitors; i++) {
    const at = new Date(Math.min(Date.now() - 1000, day.getTime() - random() * 3_600_000)).toISOString();
    const roll = random();
    const gpc = random() < 0.08;
    const method = gpc ? 'reject-all' : roll < 0.52 ? 'accept-all' : roll < 0.8 ? 'reject-all' : roll < 0.97 ? 'custom' : 'withdrawal';
    const granted = method === 'accept-all' ? ALL : method === 'custom' ? ALL.filter((c) => c === 'necessary' || random() < 0.55) : ['necessary'];
    const body = { recordId: hex(), id: hex(), createdAt: at, decidedAt: at, revision: 1, method, granted, refused: ALL.filter((c) => !granted.includes(c)), language: 'en', signals: { doNotTrack: false, globalPrivacyControl: gpc }, url: 'https://www.example.com/' };
    await server.store.append(parseRecord(JSON.stringify(body)));
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  for (const [device, viewport] of [['desktop', { width: 1280, height: 900 }], ['mobile', { width: 390, height: 844 }]]) {
    for (const scheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: device === 'mobile' ? 2 : 1 });
      const page = await context.newPage();
      await page.goto(`${server.url}stats?token=${token}`);
      const file = join(out, `records-stats-${device}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      if (device === 'mobile' && scheme === 'light') {
        // Without the token: the form that asks for it.
        await page.goto(`${server.url}stats`);
        await page.screenshot({ path: join(out, 'records-stats-token-mobile-light.png') });
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
