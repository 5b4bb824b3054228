// The site's declarations: the Consentinel config given with --config or found on the page,
// validated by the library's own parser so an error reads exactly as the library's would.
import { readFile } from 'node:fs/promises';
import { ScanError } from './errors.mjs';

let parserPromise;

/** `parseConfig` of the installed `consentinel` package (an optional peer dependency). */
export function loadParser() {
  parserPromise ??= import('consentinel').then(
    (library) => library.parseConfig,
    () => null,
  );
  return parserPromise;
}

/** Validate a raw config object; throws ScanError('config') with the library's message. */
export async function validateConfig(raw, where) {
  const parseConfig = await loadParser();
  if (!parseConfig) {
    throw new ScanError('config', `cannot check ${where}: the consentinel package is not installed next to the scanner; run \`npm install -D consentinel\``);
  }
  try {
    return parseConfig(raw);
  } catch (error) {
    throw new ScanError('config', `${where} is not a valid Consentinel config: ${error.message}`);
  }
}

/** Read and validate a config file. */
export async function readConfigFile(path) {
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ScanError('config', error.code === 'ENOENT' ? `config file not found: ${path}` : `cannot read ${path}: ${error.message}`);
  }
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ScanError('config', `${path} is not JSON: ${error.message}`);
  }
  return { raw, parsed: await validateConfig(raw, path), source: path };
}

/**
 * What the scanner matches against: every declared cookie and storage pattern with its category.
 * The library's own cookies count as declared even if the config leaves them out: the consent
 * cookie belongs to the first required category, the referral cookie to the affiliate category.
 * @param {any} parsed a config returned by parseConfig
 */
export function declarationsOf(parsed) {
  const categories = Object.entries(parsed.categories).map(([id, category]) => ({ id, required: category.required }));
  const required = categories.find((category) => category.required)?.id ?? null;
  const cookies = [];
  const storage = [];
  for (const [id, category] of Object.entries(parsed.categories)) {
    for (const declaration of category.cookies) {
      cookies.push({
        category: id,
        name: declaration.name ?? null,
        pattern: declaration.pattern ?? null,
        test: compileCookieTest(declaration),
        provider: declaration.provider ?? null,
        purpose: declaration.purpose ?? null,
        duration: declaration.duration ?? null,
      });
    }
    for (const pattern of category.storage) storage.push({ category: id, pattern, test: regexTest(pattern) });
  }
  const implicit = [];
  if (required) implicit.push({ category: required, name: parsed.cookie.name, provider: 'Consentinel', purpose: 'Remembers the visitor\'s cookie choice.', duration: `${parsed.cookie.expiresDays} days` });
  if (parsed.affiliate?.category && parsed.categories[parsed.affiliate.category]) {
    implicit.push({ category: parsed.affiliate.category, name: parsed.affiliate.cookie, provider: 'Consentinel (affiliate referral)', purpose: 'Remembers which partner referred the visitor.', duration: `${parsed.affiliate.expiresDays} days` });
  }
  return { categories, required, cookies, storage, implicit, guesses: countGuesses(parsed) };
}

/** Declarations a previous --write-config added and nobody has checked yet. */
export const GUESS_MARK = '[scanner guess] ';

function countGuesses(parsed) {
  let count = 0;
  for (const category of Object.values(parsed.categories)) {
    for (const declaration of category.cookies) if (declaration.purpose?.startsWith(GUESS_MARK)) count++;
  }
  return count;
}

function compileCookieTest(declaration) {
  const byPattern = declaration.pattern != null ? regexTest(declaration.pattern) : () => false;
  return (name) => name === declaration.name || byPattern(name);
}

function regexTest(source) {
  const expression = new RegExp(source);
  return (text) => expression.test(text);
}
