#!/usr/bin/env node
// npm 11 leaves other platforms' optional packages (rollup's native builds) out of
// package-lock.json, yet `npm ci` then refuses the lock as out of sync ("Missing:
// @rollup/rollup-android-arm-eabi from lock file"). This adds the missing entries, with their
// os/cpu/libc, so `npm ci` works everywhere; npm never installs them on a non-matching machine.
// Run after every `npm install` that changes the lock: node scripts/complete-lock.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const LIBC = { gnu: 'glibc', gnueabihf: 'glibc', musl: 'musl', musleabihf: 'musl' };
let added = 0;

for (const meta of Object.values(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const m = /^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z]+))?$/.exec(name);
    if (packages[key] || !m) continue;
    const [, os, cpu, abi] = m;
    packages[key] = { version, cpu: [cpu], dev: true, license: 'MIT', optional: true, os: [os], ...(LIBC[abi] ? { libc: [LIBC[abi]] } : {}) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lock: added ${added} optional platform entries`);
