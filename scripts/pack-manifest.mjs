#!/usr/bin/env node
// `prepare` builds dist/ on `npm install` in a clone (SPEC §1). In the published package that
// script has nothing to build (no src/, no rollup), and npm 11 still lists it as an install script
// for the user to approve. So `npm pack` / `npm publish` ship a package.json without it:
//   prepack:  node scripts/pack-manifest.mjs strip    (keeps the original in package.json.orig)
//   postpack: node scripts/pack-manifest.mjs restore
// The same pattern as pinst (husky), which does it for postinstall.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const FILE = new URL('../package.json', import.meta.url);
const SAVED = new URL('../package.json.orig', import.meta.url);
const DEV_ONLY = ['prepare'];

const command = process.argv[2];
if (command === 'strip') {
  if (existsSync(SAVED)) throw new Error('package.json.orig exists: an earlier pack did not finish; run `node scripts/pack-manifest.mjs restore` first');
  const text = readFileSync(FILE, 'utf8');
  writeFileSync(SAVED, text);
  const manifest = JSON.parse(text);
  for (const name of DEV_ONLY) delete manifest.scripts?.[name];
  // The workspaces are this repository's Node-side tools, published as packages of their own.
  delete manifest.workspaces;
  writeFileSync(FILE, `${JSON.stringify(manifest, null, 2)}\n`);
} else if (command === 'restore') {
  if (existsSync(SAVED)) renameSync(SAVED, FILE);
} else {
  console.error('usage: node scripts/pack-manifest.mjs strip|restore');
  process.exit(2);
}
