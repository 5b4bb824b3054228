// Exports for an auditor: CSV (spreadsheets) and JSON Lines (one record per line, easy to check
// with a script). Both carry the hashes, so the export itself can be verified.
import { recordHash } from './store.mjs';

export const EXPORT_COLUMNS = ['seq', 'recordId', 'consentId', 'receivedAt', 'createdAt', 'decidedAt', 'revision', 'method', 'granted', 'refused', 'language', 'gpc', 'dnt', 'pageOrigin', 'pagePath', 'prevHash', 'hash'];

const cell = (value) => {
  let text = Array.isArray(value) ? value.join(' ') : String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
  if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const csvHeader = () => EXPORT_COLUMNS.join(',') + '\r\n';
export const csvLine = (row) => EXPORT_COLUMNS.map((key) => cell(row[key])).join(',') + '\r\n';
export const jsonLine = (row) => JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((key) => [key, row[key]]))) + '\n';

export const toCsv = (rows) => csvHeader() + rows.map(csvLine).join('');
export const toJsonLines = (rows) => rows.map(jsonLine).join('');

/** Check a JSON Lines export on its own (no database): each line's hash and link. */
export function verifyJsonLines(text) {
  const problems = [];
  let prev = null;
  const lines = text.split('\n').filter(Boolean);
  for (const [index, line] of lines.entries()) {
    const row = JSON.parse(line);
    if (prev && (row.seq !== prev.seq + 1 || row.prevHash !== prev.hash)) problems.push({ seq: row.seq, problem: 'not linked to the line before it' });
    if (recordHash(row.prevHash, row) !== row.hash) problems.push({ seq: row.seq, problem: `line ${index + 1}: content does not match its hash` });
    prev = row;
  }
  return { ok: problems.length === 0, checked: lines.length, problems };
}
