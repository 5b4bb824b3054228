// `import { banner } from '../i18n/en.json?keys=banner,notice.json'`: a module of only those
// top-level keys of the JSON file, for rollup (rollup.config.mjs) and Vite (vitest.config.ts).
// The first layer of the UI bundles the banner's English this way, while the second layer imports
// the whole file: one module cannot be split between two chunks. The id ends in ".json", so each
// tool's own JSON plugin turns the picked text into named exports.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const KEYS = /^(.*\.json)\?keys=([\w,]+)\.json$/;

export const jsonKeys = () => ({
  name: 'json-keys',
  enforce: 'pre',
  resolveId(id, importer) {
    const match = KEYS.exec(id);
    return match && importer ? `${resolve(dirname(importer), match[1])}?keys=${match[2]}.json` : null;
  },
  load(id) {
    const match = KEYS.exec(id);
    if (!match) return null;
    const all = JSON.parse(readFileSync(match[1], 'utf8'));
    return JSON.stringify(Object.fromEntries(match[2].split(',').map((key) => [key, all[key]])));
  },
});
