// --write-config: add what the scan found and the config does not declare. Nothing is removed or
// changed; every added cookie's purpose starts with GUESS_MARK so the owner knows what to check
// (the config format has no other place for a note, and unknown keys are an error).
import { GUESS_MARK } from './declarations.mjs';
import { escapeRegex } from './analyze.mjs';

const CATEGORY_ID = /^[a-z][a-z0-9_-]*$/;

const necessaryOf = (categories) => Object.keys(categories).find((id) => categories[id]?.required) ?? null;

/**
 * @param {object | null} raw the config as written (null: start a new one)
 * @param {any[]} undeclared the report's `undeclared` list
 * @returns {{ config: object, added: { type: string, name: string, category: string }[], skipped: { type: string, name: string, why: string }[] }}
 */
export function mergeSuggestions(raw, undeclared) {
  const config = raw ? structuredClone(raw) : { $schema: './node_modules/consentinel/schema/consentinel.schema.json' };
  const added = [];
  const skipped = [];
  // A config without "categories" uses the library's default set; writing categories replaces
  // that set, so the defaults are written out first to keep their meaning.
  config.categories ??= {
    necessary: { required: true },
    analytics: {},
    affiliate: {},
    advertising: {},
  };
  const categories = config.categories;

  for (const item of undeclared) {
    const suggestion = item.suggestion;
    if (!suggestion?.category || !CATEGORY_ID.test(suggestion.category)) {
      skipped.push({ type: item.type, name: item.name, why: 'not in the Open Cookie Database: decide its category and declare it yourself' });
      continue;
    }
    if (suggestion.note && suggestion.category === necessaryOf(categories)) {
      skipped.push({ type: item.type, name: item.name, why: suggestion.note });
      continue;
    }
    const category = (categories[suggestion.category] ??= { required: false });
    if (item.type === 'cookie') {
      category.cookies ??= [];
      const declaration = suggestion.pattern ? { pattern: suggestion.pattern } : { name: item.name };
      const exists = category.cookies.some((d) => (declaration.name && d.name === declaration.name) || (declaration.pattern && d.pattern === declaration.pattern));
      if (exists) continue; // another cookie of the same wildcard family already added it
      if (suggestion.provider) declaration.provider = suggestion.provider;
      declaration.purpose = GUESS_MARK + (suggestion.purpose || `${item.name}: purpose unknown, describe it.`);
      if (suggestion.duration) declaration.duration = suggestion.duration;
      category.cookies.push(declaration);
      added.push({ type: 'cookie', name: declaration.name ?? declaration.pattern, category: suggestion.category });
    } else {
      category.storage ??= [];
      const pattern = suggestion.pattern ?? `^${escapeRegex(item.name)}$`;
      if (category.storage.includes(pattern)) continue;
      category.storage.push(pattern);
      added.push({ type: 'storage', name: pattern, category: suggestion.category });
    }
  }
  return { config, added, skipped };
}
