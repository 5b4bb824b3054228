/**
 * Tiny validating combinators for the config. Each rule takes the raw value and its path and
 * returns the normalised value, or throws a TypeError that names the path and says why, so a
 * typo in a site's JSON is reported instead of silently weakening privacy.
 */
export type Rule<T> = (value: unknown, path: string) => T;

export function fail(path: string, why: string): never {
  throw new TypeError(`[consentinel] ${path}: ${why}`);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const bool: Rule<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'expected true or false'));

export const int = (min: number, max = 1e9): Rule<number> => (v, p) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max
    ? (v as number)
    : fail(p, `expected a whole number from ${min} to ${max}`);

export const str = (re?: RegExp, what = 'a string'): Rule<string> => (v, p) =>
  typeof v === 'string' && (!re || re.test(v)) ? v : fail(p, `expected ${what}`);

/** A regular expression source; compiled once here so a bad pattern fails at start-up. */
export const regex: Rule<string> = (v, p) => {
  str()(v, p);
  try {
    new RegExp(v as string);
  } catch {
    fail(p, 'not a valid regular expression');
  }
  return v as string;
};

export const oneOf = <T extends string>(...options: T[]): Rule<T> => (v, p) =>
  options.includes(v as T) ? (v as T) : fail(p, `expected one of ${options.map((o) => `"${o}"`).join(', ')}`);

export const list = <T>(item: Rule<T>): Rule<T[]> => (v, p) =>
  Array.isArray(v) ? v.map((x, i) => item(x, `${p}[${i}]`)) : fail(p, 'expected an array');

/** An object whose own keys are checked by `key` and values by `value` (e.g. categories). */
export const record = <T>(key: RegExp, what: string, value: Rule<T>): Rule<Record<string, T>> => (v, p) => {
  if (!isObject(v)) fail(p, 'expected an object');
  const out: Record<string, T> = {};
  for (const k of Object.keys(v)) {
    if (!key.test(k)) fail(`${p}.${k}`, `not ${what}`);
    out[k] = value(v[k], `${p}.${k}`);
  }
  return out;
};

/**
 * An object with known keys only. `defaults` fills what is missing; a rule is run on every
 * given key. Unknown keys are errors. `__proto__` can never be a known key, so it cannot
 * reach the result.
 */
export const shape = <T extends object>(rules: { [K in keyof T]?: Rule<T[K]> }, defaults: Partial<T> = {}): Rule<T> => (v, p) => {
  if (!isObject(v)) fail(p, 'expected an object');
  const out: Record<string, unknown> = { ...defaults };
  for (const k of Object.keys(v)) {
    const rule = (rules as Record<string, Rule<unknown> | undefined>)[k];
    if (!Object.prototype.hasOwnProperty.call(rules, k) || !rule) fail(`${p}.${k}`, 'unknown key');
    out[k] = rule(v[k], `${p}.${k}`);
  }
  return out as T;
};

/** Deep-freeze plain data so a config or state snapshot cannot be changed by a caller. */
export function freeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const k of Object.keys(value)) freeze((value as Record<string, unknown>)[k]);
  }
  return value;
}
