#!/usr/bin/env node
// `npm test`: typecheck, build, unit + jsdom + built-file tests (vitest), the scanner's tests that
// need no browser (node:test), the real-browser suite (Chromium; the scanner's scans are in it),
// then the consent-records service (PGlite, PostgreSQL, Chromium). Stops at the first failing
// step and ends with one "N passed, N failed" line.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['build', 'npx', ['rollup', '-c', '--silent']],
  ['unit, jsdom and dist tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.vitest-results.json']],
  ['scanner tests without a browser', 'node', ['--test', '--test-reporter=tap', 'packages/scanner/test/scanner.test.mjs']],
  ['bench checks without a browser', 'node', ['--test', '--test-reporter=tap', 'bench/bench.test.mjs']],
  ['real-browser tests', 'node', ['test/e2e/run.mjs']],
  // PGlite always; a real PostgreSQL and Chromium when installed (mandatory with CI=true).
  // (Files listed by name: node 20 given the folder would run its helper modules as tests too.)
  ['consent-records service tests', 'node', ['--test', '--test-reporter=tap', '--test-concurrency=1', '--test-timeout=600000',
    ...readdirSync('packages/records/test').filter((f) => f.endsWith('.test.mjs')).sort().map((f) => `packages/records/test/${f}`)]],
];
let passed = 0, failed = 0, skipped = 0;

function run(name, cmd, args) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.on('close', (code) => resolve({ code, out }));
  });
}

for (const [name, cmd, args] of steps) {
  const { code, out } = await run(name, cmd, args);
  if (name.startsWith('unit')) {
    try {
      const r = JSON.parse(readFileSync('.vitest-results.json', 'utf8'));
      passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
      rmSync('.vitest-results.json');
    } catch { /* counted by the exit code below */ }
  }
  // node:test's TAP summary (`# pass N`) for the steps that run node's test runner.
  if (name.startsWith('real') || name.startsWith('scanner') || name.startsWith('bench') || name.startsWith('consent-records')) {
    const n = (k) => +(out.match(new RegExp(`^# ${k} (\\d+)`, 'm'))?.[1] ?? 0);
    passed += n('pass'); failed += n('fail'); skipped += n('skipped');
  }
  if (code !== 0) {
    console.log(`\n✖ ${name} failed (exit ${code})`);
    console.log(`tests: ${passed} passed, ${Math.max(failed, 1)} failed, ${skipped} skipped`);
    process.exit(1);
  }
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
