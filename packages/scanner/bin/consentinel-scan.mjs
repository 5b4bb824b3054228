#!/usr/bin/env node
// consentinel-scan: see `consentinel-scan --help` and packages/scanner/README.md.
import { run } from '../src/cli.mjs';

const controller = new AbortController();
let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // First Ctrl+C: stop and write what was found. Second: leave now.
    if (++interrupts > 1) process.exit(130);
    process.stderr.write('\nstopping: writing the report of the pages visited so far (Ctrl+C again to quit now)\n');
    controller.abort();
  });
}

run(process.argv.slice(2), { signal: controller.signal }).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(4);
  },
);
