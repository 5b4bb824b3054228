#!/usr/bin/env node
// Rebuilds data/open-cookie-database.json from the Open Cookie Database CSV.
//
//   node scripts/refresh-ocd.mjs <path-or-URL of open-cookie-database.csv> [--commit <sha>]
//
// The upstream file is
// https://raw.githubusercontent.com/jkwakman/Open-Cookie-Database/master/open-cookie-database.csv
// (Apache-2.0). Only the columns the scanner shows are kept, which roughly halves the file; the
// LICENSE and NOTICE beside the snapshot must stay with it.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SNAPSHOT = join(here, '..', 'data', 'open-cookie-database.json');

/** The CSV columns kept, in the order the snapshot stores them, under the names it uses. */
export const COLUMNS = [
  ['Platform', 'platform'],
  ['Category', 'category'],
  ['Cookie / Data Key name', 'name'],
  ['Domain', 'domain'],
  ['Description', 'description'],
  ['Retention period', 'retention'],
  ['Data Controller', 'controller'],
  ['Wildcard match', 'wildcard'],
];

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (quoted) throw new Error('the CSV ends inside a quoted field: the file is cut short');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

/** The snapshot object from the CSV text; throws if a column the scanner needs is missing. */
export function buildSnapshot(csvText, source) {
  const [header, ...records] = parseCsv(csvText.replace(/^\uFEFF/, ''));
  if (!header) throw new Error('the CSV is empty');
  const positions = COLUMNS.map(([title]) => {
    const position = header.findIndex((cell) => cell.trim() === title);
    if (position < 0) throw new Error(`the CSV has no "${title}" column (found: ${header.join(', ')}); is it the Open Cookie Database file?`);
    return position;
  });
  const rows = [];
  for (const record of records) {
    const cells = positions.map((position) => (record[position] ?? '').trim());
    const nameIndex = 2;
    if (!cells[nameIndex]) continue;
    cells[7] = cells[7] === '1' ? 1 : 0;
    rows.push(cells);
  }
  if (rows.length === 0) throw new Error('the CSV has a header but no cookie rows');
  return {
    source,
    license: 'Apache-2.0 (see LICENSE and NOTICE in this directory)',
    columns: COLUMNS.map(([, key]) => key),
    rows,
  };
}

async function readSource(location) {
  if (/^https?:\/\//.test(location)) {
    const response = await fetch(location, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) throw new Error(`${location} answered ${response.status} ${response.statusText}`);
    return response.text();
  }
  return readFile(location, 'utf8');
}

async function main(argv) {
  const args = [...argv];
  let commit = null;
  const commitAt = args.indexOf('--commit');
  if (commitAt >= 0) [, commit] = args.splice(commitAt, 2);
  const [location, output = SNAPSHOT] = args;
  if (!location || location === '--help' || location === '-h') {
    console.error('usage: node scripts/refresh-ocd.mjs <path-or-URL of open-cookie-database.csv> [output.json] [--commit <sha>]');
    return 2;
  }
  const text = await readSource(location);
  const source = {
    project: 'Open Cookie Database, https://github.com/jkwakman/Open-Cookie-Database',
    file: /^https?:\/\//.test(location) ? location : 'open-cookie-database.csv',
    ...(commit ? { commit } : {}),
    built: new Date().toISOString().slice(0, 10),
  };
  const snapshot = buildSnapshot(text, source);
  // One row per line: the diff of a refresh shows which cookies changed.
  const body = [
    '{',
    `  "source": ${JSON.stringify(snapshot.source)},`,
    `  "license": ${JSON.stringify(snapshot.license)},`,
    `  "columns": ${JSON.stringify(snapshot.columns)},`,
    '  "rows": [',
    snapshot.rows.map((row) => '    ' + JSON.stringify(row)).join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
  await writeFile(output, body);
  console.log(`wrote ${snapshot.rows.length} entries to ${output}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`refresh-ocd: ${error.message}`);
      process.exit(1);
    },
  );
}
