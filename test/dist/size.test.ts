// @vitest-environment node
/**
 * Size ceilings of the shipped files, gzip -9 bytes (as `gzip -9c file | wc -c` measures).
 *
 * A ceiling is not the file's current size: it is the line past which a visitor would notice, or
 * past which the performance targets (issue 15) move out of reach. It leaves room for a clearer
 * line of code; it does not leave room for a new feature in the wrong file. A feature that few
 * page views need belongs in an on-demand chunk, which is why each chunk has a ceiling of its own.
 *
 * | file | ceiling | target (issue 15) | measured 2026-12-01 |
 * |---|--:|--:|--:|
 * | consentinel.js (returning visitor: all the JS) | 10 300 | ≤ 6 758 (6.6 KB) | 9 876 |
 * | consentinel.js + consentinel-ui.js (first visit) | 20 300 | ≤ 12 288 (12 KB, JS+CSS) | 19 358 |
 * | consentinel-ui.js | 10 500 | | 9 482 |
 * | each on-demand chunk | 2 048 | | 679–1 421 |
 * | consentinel.css (the file for sites that ship it) | 1 800 | | 1 413 |
 *
 * The core grew from 7 669 B with the trust fixes of issue 10 (gating edges, Trusted Types,
 * start-up, whenGranted, controls, cleanup at every start), the typed config spec and the shared
 * language loader of issue 11, and the consent log's delivery queue of issue 13. These ceilings
 * hold that line; issue 15 moves what a returning visitor does not need out of the core. Lower a ceiling when the targets are met, so the
 * gain is kept.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const gz = (file: string) => execFileSync('gzip', ['-9c', `dist/${file}`]).length;

const CEILINGS: Record<string, number> = {
  'consentinel.js': 10300,
  // Issue 14 (components, readable class names, the page's focus and scroll handling) for now;
  // issue 15 splits the banner from the dialog and sets these at its targets.
  'consentinel-ui.mjs': 11300,
  // The second layer: the dialog and the cookie tables (fetched at idle, or when needed).
  'consentinel-dialog-layer.mjs': 3000,
  'consentinel.css': 1900,
};
const CHUNK_CEILING = 2048;
const FIRST_VISIT_CEILING = 21200;

describe('size ceilings (gzip -9 bytes)', () => {
  for (const [file, ceiling] of Object.entries(CEILINGS)) {
    it(`${file} ≤ ${ceiling} B`, () => expect(gz(file)).toBeLessThanOrEqual(ceiling));
  }
  // The core's on-demand chunks (src/chunks/); the UI's two files have ceilings of their own.
  const chunks = readdirSync('dist').filter((f) => /^consentinel-.+\.mjs$/.test(f) && !(f in CEILINGS));
  it('the script-tag build has on-demand chunks', () => expect(chunks.length).toBeGreaterThan(0));
  for (const chunk of chunks) {
    it(`${chunk} ≤ ${CHUNK_CEILING} B`, () => expect(gz(chunk)).toBeLessThanOrEqual(CHUNK_CEILING));
  }
  it(`first visit (core + UI) ≤ ${FIRST_VISIT_CEILING} B`, () => {
    expect(gz('consentinel.js') + gz('consentinel-ui.mjs')).toBeLessThanOrEqual(FIRST_VISIT_CEILING);
  });
});

describe('the config spec ships without its documentation', () => {
  // src/core/config.ts documents every key (doc: '…'); rollup.config.mjs drops those texts.
  // With the chunks an ESM entry imports statically (code it shares with an on-demand chunk).
  const withImports = (file: string) => {
    const code = readFileSync(`dist/${file}`, 'utf8');
    return code + [...code.matchAll(/from ?['"]\.\/([^'"]+)['"]/g)].map((m) => readFileSync(`dist/${m[1]}`, 'utf8')).join('\n');
  };
  it.each(['consentinel.js', 'index.js'])('dist/%s has none of the key descriptions', (file) => {
    const code = withImports(file);
    expect(code).not.toContain('13 months, the CNIL guideline');
    expect(code).not.toContain('RFC 6265 token characters');
    expect(code).toContain('expected a whole number from');
  });
});
