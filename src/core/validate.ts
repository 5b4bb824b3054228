/**
 * One walker checks the config against a compact spec (data, not a closure per key) and fills in
 * the defaults. A problem throws a TypeError that names the path and says why, so a typo in a
 * site's JSON is reported instead of silently weakening privacy.
 */
export type Rule<T = unknown> = (value: unknown, path: string) => T;

/**
 * - `true` / `false`: true or false, defaulting to it; `null`: true or false, no default
 * - `[min, max, default?]`: a whole number
 * - `['a', 'b', …]`: one of these strings, defaulting to the first
 * - `[RegExp, what, default?]`: a string the RegExp accepts (`what` names it in the error)
 * - `[spec, , default?]`: an array of values each checked by `spec`
 * - a function: a rule of its own
 * - an object: only these keys; a missing one gets its default (a missing object, its defaults)
 */
export type Spec = boolean | null | Rule | readonly unknown[] | { readonly [key: string]: Spec };

export function fail(path: string, why: string): never {
  throw new TypeError(`[consentinel] ${path}: ${why}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v == 'object' && v != null && !Array.isArray(v);

/** What a missing key gets (undefined: nothing). */
const defaultOf = (spec: Spec): unknown =>
  typeof spec == 'boolean' ? spec
  : Array.isArray(spec) ? (typeof spec[0] == 'string' ? spec[0] : spec[2])
  : isObject(spec) ? check(spec, {}, '') : undefined;

/** The checked value with its defaults filled in. Own keys only: `__proto__` is an unknown key. */
export function check(spec: Spec, v: unknown, p: string): unknown {
  if (typeof spec == 'function') return spec(v, p);
  if (typeof spec == 'boolean' || spec === null) return typeof v == 'boolean' ? v : fail(p, 'expected true or false');
  if (Array.isArray(spec)) {
    const [a, b] = spec as unknown[];
    if (typeof a == 'number') return Number.isInteger(v) && (v as number) >= a && (v as number) <= (b as number) ? v : fail(p, `expected a whole number from ${a} to ${b}`);
    if (typeof a == 'string') return spec.includes(v) ? v : fail(p, `expected one of "${spec.join('", "')}"`);
    if (a instanceof RegExp) return typeof v == 'string' && a.test(v) ? v : fail(p, `expected ${b}`);
    return Array.isArray(v) ? v.map((x, i) => check(a as Spec, x, `${p}[${i}]`)) : fail(p, 'expected an array');
  }
  if (!isObject(v)) fail(p, 'expected an object');
  const out: Record<string, unknown> = {};
  for (const k in spec as object) {
    const d = defaultOf((spec as Record<string, Spec>)[k]!);
    if (d !== undefined) out[k] = d;
  }
  for (const k of Object.keys(v)) out[k] = Object.hasOwn(spec as object, k) ? check((spec as Record<string, Spec>)[k]!, v[k], `${p}.${k}`) : fail(`${p}.${k}`, 'unknown key');
  return out;
}

/** An object whose own keys `key` accepts (`what` names them in the error) and whose values `value` checks. */
export const record = (key: RegExp, what: string, value: Spec): Rule<Record<string, unknown>> => (v, p) => {
  if (!isObject(v)) fail(p, 'expected an object');
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = key.test(k) ? check(value, v[k], `${p}.${k}`) : fail(`${p}.${k}`, `not ${what}`);
  return out;
};

/** Deep-freeze plain data so a config or state snapshot cannot be changed by a caller. */
export function freeze<T>(value: T): T {
  if (typeof value == 'object' && value && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const k of Object.keys(value)) freeze((value as Record<string, unknown>)[k]);
  }
  return value;
}
