#!/usr/bin/env node
/**
 * What an app that bundles the ESM build (dist/index.js) ships, per use: each sample app below is
 * bundled with rollup (node-resolve, terser) the way a bundler user's build would, and the code it
 * loads at start is reported in gzip -9 bytes (the on-demand chunks apart). It shows that
 * tree-shaking drops what an app does not import.
 *
 *   npm run build && node scripts/esm-size.mjs [dist directory, default dist]
 */
import { gzipSync } from 'node:zlib';
import { resolve as resolvePath } from 'node:path';
import { rollup } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const dist = resolvePath(process.argv[2] ?? 'dist');
const APPS = {
  'createConsent (headless, browser parts)': "import { createConsent } from 'consentinel'; window.consent = createConsent();",
  'parseConfig only': "import { parseConfig } from 'consentinel'; console.log(parseConfig({}));",
  'decodeRecord only (a server reading the cookie)': "import { decodeRecord } from 'consentinel'; console.log(decodeRecord(process.argv[2]));",
};

for (const [name, source] of Object.entries(APPS)) {
  const app = {
    name: 'app',
    resolveId: (id) => (id == 'app' ? id : id == 'consentinel' ? `${dist}/index.js` : null),
    load: (id) => (id == 'app' ? source : null),
  };
  const bundle = await rollup({ input: 'app', plugins: [app, nodeResolve({ browser: true }), terser()], onwarn: () => {} });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  // The entry and what it imports statically; dynamic imports (the on-demand parts) load later.
  const entry = output.find((chunk) => chunk.type == 'chunk' && chunk.isEntry);
  const atStart = [entry, ...entry.imports.map((file) => output.find((chunk) => chunk.fileName == file))];
  const bytes = atStart.reduce((sum, chunk) => sum + gzipSync(chunk.code, { level: 9 }).length, 0);
  const packages = [...new Set(atStart.flatMap((chunk) => Object.keys(chunk.modules)).map((id) => id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1]).filter(Boolean))];
  console.log(`${name.padEnd(50)} ${String(bytes).padStart(6)} B gzip${packages.length ? ` (with ${packages.join(', ')})` : ''}`);
}
