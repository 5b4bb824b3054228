#!/usr/bin/env node
/**
 * What each source module costs in the script-tag files, minified and gzipped.
 *
 *   node scripts/core-size.mjs            the core (dist/consentinel.js), biggest first
 *   node scripts/core-size.mjs --chunks   the core and every on-demand chunk
 *
 * It builds the same rollup configs as `npm run build`, in memory (dist/ is not touched), with
 * source maps, and gives each byte of the minified file to the source module it came from.
 * "gzip" is the module's marginal cost: the gzip size of the whole file minus that of the file
 * with the module's bytes cut out. That is what moving the module elsewhere would roughly save
 * (the column adds up to less than the total: gzip shares repeated text between modules).
 */
import { gzipSync } from 'node:zlib';
import { relative } from 'node:path';
import { rollup } from 'rollup';

process.env.CONSENTINEL_SIZE_REPORT = '1';
const { default: configs } = await import('../rollup.config.mjs');
const withChunks = process.argv.includes('--chunks');

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Source-map "mappings": per generated line, [column, source index] of each segment. */
function decodeMappings(mappings) {
  let source = 0;
  return mappings.split(';').map((line) => {
    let column = 0;
    const segments = [];
    for (const segment of line.split(',').filter(Boolean)) {
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      segments.push({ column, source: fields.length > 1 ? source : -1 });
    }
    return segments;
  });
}

const gzipSize = (text) => gzipSync(text, { level: 9 }).length;
const moduleName = (path) => {
  const file = relative(process.cwd(), path.replace(/^\0/, ''));
  const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  return pkg ? pkg[1] : file;
};

async function measure(config) {
  const bundle = await rollup({ ...config, onwarn: () => {} });
  const { output } = await bundle.generate({ ...config.output, file: undefined, sourcemap: true });
  await bundle.close();
  const { code, map } = output[0];
  const owner = new Array(code.length).fill('(glue: wrapper, banner, unmapped)');
  const lines = code.split('\n');
  let offset = 0;
  decodeMappings(map.mappings).forEach((segments, index) => {
    const line = lines[index] ?? '';
    segments.forEach((segment, i) => {
      const end = segments[i + 1]?.column ?? line.length;
      if (segment.source < 0) return;
      const name = moduleName(map.sources[segment.source]);
      for (let c = segment.column; c < end; c++) owner[offset + c] = name;
    });
    offset += line.length + 1;
  });
  const total = gzipSize(code);
  const rows = [...new Set(owner)].map((name) => {
    const rest = [...code].filter((_, i) => owner[i] !== name).join('');
    return { name, minified: code.length - rest.length, gzip: total - gzipSize(rest) };
  });
  rows.sort((a, b) => b.gzip - a.gzip);
  console.log(`\n${config.output.file}: ${code.length} B minified, ${total} B gzip -9`);
  console.log(`${'module'.padEnd(34)} ${'minified'.padStart(8)} ${'gzip'.padStart(6)}`);
  for (const row of rows) console.log(`${row.name.padEnd(34)} ${String(row.minified).padStart(8)} ${String(row.gzip).padStart(6)}`);
}

const targets = configs.filter((c) => c.output.file && (c.output.file === 'dist/consentinel.js' || (withChunks && c.output.file.endsWith('.mjs'))));
for (const config of targets) await measure(config);
