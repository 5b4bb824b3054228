// Entry of the real-browser suite: `node test/e2e/run.mjs [file filter…]`.
// Without Chromium the suite is skipped outside CI and fails in CI (CI=true), so a green CI
// always means the browser tests ran.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ci = /^(1|true|yes)$/i.test(process.env.CI ?? '');

if (!existsSync(chromium)) {
  const message = `browser tests skipped: Chromium not found at ${chromium}; install it with \`apt-get install chromium\` or set CHROMIUM_PATH`;
  if (ci) {
    console.error(`${message}\n(CI=true: the browser tests are mandatory in CI)`);
    process.exit(1);
  }
  console.log(message);
  process.exit(0);
}

if (!existsSync(join(root, 'dist', 'consentinel.js'))) {
  console.error('browser tests need the build: dist/consentinel.js is missing; run `npm run build` first');
  process.exit(1);
}

const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()
  .map((f) => relative(root, join(here, f)));

if (files.length === 0) {
  console.error(`no browser test file matches ${filters.join(' ')}`);
  process.exit(1);
}

// Each file starts its own server and Chromium; a few at a time keeps timing-sensitive tests
// (focus, reloads) honest on small machines.
const concurrency = Math.max(1, Math.min(4, availableParallelism() - 1));
const child = spawn(process.execPath, ['--test', `--test-concurrency=${concurrency}`, '--test-timeout=600000', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
// Stopping the runner stops the tests (and their Chromiums) too, instead of orphaning them.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    child.kill(signal);
    setTimeout(() => process.exit(1), 5000).unref();
  });
}
child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 1));
