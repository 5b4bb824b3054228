#!/usr/bin/env node
// `npx consentinel scan <url> …` forwards to @consentinel/scanner, a separate package so that
// installing the browser library never downloads a browser driver (packages/README.md).
// Plain Node, no dependencies.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const INSTALL = 'npm install -D @consentinel/scanner';
const USAGE = `usage: consentinel scan <url> [options]   (consentinel scan --help for the options)

  scan   find the cookies, storage keys and third parties of a site, before and after consent
         (needs @consentinel/scanner: ${INSTALL})`;

const [command, ...rest] = process.argv.slice(2);

if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
  console.log(USAGE);
  process.exit(command === undefined ? 2 : 0);
}
if (command !== 'scan') {
  console.error(`consentinel: unknown command "${command}"\n\n${USAGE}`);
  process.exit(2);
}

const cli = await findScanner();
if (!cli) {
  console.error(`consentinel scan needs the scanner package, which is not installed. Install it with:\n\n  ${INSTALL}\n`);
  process.exit(2);
}
const { main } = await import(cli);
await main(rest);

/** The scanner's CLI module: next to this package first, then in the project it runs in. */
async function findScanner() {
  for (const base of [import.meta.url, pathToFileURL(join(process.cwd(), 'package.json')).href]) {
    try {
      return pathToFileURL(createRequire(base).resolve('@consentinel/scanner/cli')).href;
    } catch {
      // not resolvable from here; try the next place
    }
  }
  return null;
}
