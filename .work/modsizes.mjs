// Per-module cost of a bundle: each module's rendered code minified and gzipped on its own
// (an upper bound: gzip shares strings across modules in the real file).
import { rollup } from 'rollup';
import { minify } from 'terser';
import { gzipSync } from 'node:zlib';
import config from '../rollup.config.mjs';
const which = process.argv[2] || 'consentinel-ui';
const c = config.find((c) => (typeof c.input == 'object' && !Array.isArray(c.input) ? Object.keys(c.input).includes(which) : String(c.output.file).includes(which)));
const bundle = await rollup({ ...c, onwarn() {} });
const { output } = await bundle.generate({ format: 'es', plugins: [] });
for (const chunk of output) {
  if (chunk.type != 'chunk') continue;
  const rows = [];
  for (const [id, m] of Object.entries(chunk.modules)) {
    if (!m.code) continue;
    const min = (await minify(m.code, { ecma: 2020, compress: { passes: 2 }, mangle: true })).code || '';
    rows.push([gzipSync(min, { level: 9 }).length, min.length, id.replace(process.cwd() + '/', '')]);
  }
  rows.sort((a, b) => b[0] - a[0]);
  console.log('==', chunk.fileName);
  for (const [gz, min, id] of rows) console.log(String(gz).padStart(6), String(min).padStart(7), id);
}
