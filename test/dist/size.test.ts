// @vitest-environment node
/**
 * Size budgets of the shipped files: exact byte limits on gzip (level 9) sizes, measured the way
 * `gzip -9c file | wc -c` does. A limit is raised only in a commit that says why.
 *
 * TARGETS (issue 7): core ≤ 4096 B; core + UI (first visit, CSS inside the UI) ≤ 10240 B.
 * They are not met: the core is 7669 B (3573 over) and the first visit 16979 B (6739 over); the
 * README's Performance section says what it would take. LIMITS are the sizes measured at the last
 * change (2026-11-22, after the size passes), so that nothing grows silently.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// gzip(1) itself, not zlib: its deflate differs by a few bytes, and budgets are exact.
const gz = (file: string) => execFileSync('gzip', ['-9c', `dist/${file}`]).length;

const LIMITS: Record<string, number> = {
  'consentinel.js': 7669,
  'consentinel-ui.js': 9310,
  'consentinel-cleaner.mjs': 1343,
  'consentinel-placeholder.mjs': 1397,
  'consentinel-log.mjs': 679,
  'consentinel-debug.mjs': 1421,
  'consentinel.css': 1413,
};
const FIRST_VISIT_LIMIT = 16979;

describe('size budgets (gzip -9 bytes)', () => {
  for (const [file, limit] of Object.entries(LIMITS)) {
    it(`${file} ≤ ${limit} B`, () => expect(gz(file)).toBeLessThanOrEqual(limit));
  }
  it(`first visit (core + UI) ≤ ${FIRST_VISIT_LIMIT} B`, () => {
    expect(gz('consentinel.js') + gz('consentinel-ui.js')).toBeLessThanOrEqual(FIRST_VISIT_LIMIT);
  });
});
