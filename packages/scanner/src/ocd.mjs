// The Open Cookie Database snapshot (data/, Apache-2.0): what a cookie or storage key usually is.
// It only suggests; a name it does not know is still reported.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SNAPSHOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'open-cookie-database.json');

/**
 * Load a snapshot and index it.
 * @param {string} [file] a JSON file written by scripts/refresh-ocd.mjs
 * @returns {{ size: number, source: object, lookup(name: string): OcdEntry | null }}
 *
 * @typedef {{ platform: string, category: string, name: string, domain: string, description: string,
 *   retention: string, controller: string, wildcard: boolean }} OcdEntry
 */
export function loadOcd(file = SNAPSHOT) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const entries = data.rows.map((row) => {
    const entry = Object.fromEntries(data.columns.map((column, index) => [column, row[index]]));
    entry.wildcard = entry.wildcard === 1;
    return entry;
  });
  const exact = new Map();
  const exactLower = new Map();
  for (const entry of entries) {
    if (entry.wildcard) continue;
    if (!exact.has(entry.name)) exact.set(entry.name, entry);
    if (!exactLower.has(entry.name.toLowerCase())) exactLower.set(entry.name.toLowerCase(), entry);
  }
  // Longest prefix first, so `_ga_` wins over `_g` for `_ga_NW4H0ST`.
  const prefixes = entries.filter((entry) => entry.wildcard && entry.name.length > 1).sort((a, b) => b.name.length - a.name.length);
  return {
    size: entries.length,
    source: data.source,
    lookup(name) {
      return exact.get(name) ?? prefixes.find((entry) => name.startsWith(entry.name)) ?? exactLower.get(name.toLowerCase()) ?? null;
    },
  };
}
