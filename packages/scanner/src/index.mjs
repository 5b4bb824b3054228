// @consentinel/scanner: scan a site in Chromium and report its cookies, storage keys and third
// parties before and after consent (see README.md).
import { analyze } from './analyze.mjs';
import { crawl } from './scan.mjs';
import { loadOcd } from './ocd.mjs';

export { readConfigFile, validateConfig, GUESS_MARK } from './declarations.mjs';
export { ScanError } from './errors.mjs';
export { mergeSuggestions } from './write-config.mjs';
export { renderHtml } from './report-html.mjs';
export { renderSummary } from './report-text.mjs';
export { loadOcd };

/**
 * Crawl a site and analyse what it stores and contacts.
 * @param {Parameters<typeof crawl>[0] & { firstParty?: string[], ocdFile?: string }} options
 * @returns {Promise<object>} the report (the same object --out writes as report.json)
 */
export async function scan(options) {
  const ocd = loadOcd(options.ocdFile);
  const result = await crawl(options);
  const findings = analyze(result, { ocd, firstParty: options.firstParty });
  return {
    tool: { name: '@consentinel/scanner', version: await version() },
    ...result,
    ocd: { entries: ocd.size, source: ocd.source },
    ...findings,
  };
}

async function version() {
  const { readFile } = await import('node:fs/promises');
  const file = new URL('../package.json', import.meta.url);
  return JSON.parse(await readFile(file, 'utf8')).version;
}
