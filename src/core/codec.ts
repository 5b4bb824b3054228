import type { Method } from '../types';

/** What the consent cookie holds. Times are Unix seconds. */
export interface ConsentRecord {
  readonly id: string;
  readonly created: number;
  readonly updated: number;
  readonly revision: number;
  readonly method: Method;
  readonly granted: readonly string[];
}

/*
 * Format (version 1), documented in the README so servers can read it:
 *   1.<id>.<created>.<updated>.<revision>.<method>.<granted>
 * Only characters that js-cookie writes as they are (no percent-encoding) and that a server can
 * split on `.` and `+` without a JSON parser.
 */
const FORMAT = /^1\.([0-9a-f]{32})\.(\d{1,11})\.(\d{1,11})\.(\d{1,9})\.(accept-all|reject-all|custom)\.((?:[a-z][a-z0-9_-]*)(?:\+[a-z][a-z0-9_-]*)*)?$/;

export function encodeRecord(r: ConsentRecord): string {
  return ['1', r.id, r.created, r.updated, r.revision, r.method, r.granted.join('+')].join('.');
}

/** Anything that is not exactly a version-1 record (foreign, tampered, truncated) is `null`: ask again. */
export function decodeRecord(raw: unknown): ConsentRecord | null {
  const m = typeof raw === 'string' && raw.length <= 1024 ? FORMAT.exec(raw) : null;
  if (!m) return null;
  const created = +m[2], updated = +m[3];
  if (updated < created) return null;
  return { id: m[1], created, updated, revision: +m[4], method: m[5] as Method, granted: m[6] ? m[6].split('+') : [] };
}

/**
 * Of every value the consent cookie has on this page (a parent-domain or a path variant can sit
 * beside this page's own cookie), the one that holds: the latest decision (`updated`); of two
 * equally recent ones, the one granting fewer categories. So an older or broader cookie never
 * grants more than the visitor's latest choice. A value that is not a record loses to any record.
 */
export function latestRecord(values: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  let top = -Infinity;
  for (const value of values) {
    const r = decodeRecord(value);
    // Later wins; within one second, fewer granted wins (there are far fewer than 1000 categories).
    const score = r ? r.updated * 1000 - r.granted.length : -Infinity;
    if (best === undefined || score > top) {
      best = value;
      top = score;
    }
  }
  return best;
}
