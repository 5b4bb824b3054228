#!/usr/bin/env node
// consentinel-scan: see `consentinel-scan --help` and packages/scanner/README.md.
import { main } from '../src/cli.mjs';

main(process.argv.slice(2));
