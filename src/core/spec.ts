/**
 * Builders for a typed spec of plain data: each says what a value may be, what it defaults to and
 * what it means (`doc`). From one spec come the validator (`parse`, here), the TypeScript types of
 * what a site writes (`Input`) and what the library reads (`Output`), and the JSON Schema
 * (core/spec-schema.ts, used by the schema check only). The build drops every `doc` and `defDoc`,
 * so descriptions cost the browser nothing (rollup.config.mjs, dropDocs).
 *
 * A problem throws `TypeError('[consentinel] <path>: <why>')`, so a typo in a site's JSON is
 * reported instead of silently weakening privacy.
 */

/** The types a node stands for; never present at run time. */
declare const types: unique symbol;

export interface Common {
  /** What the value means, for the JSON Schema and the README (dropped from the shipped build). */
  readonly doc?: string;
  /** A named definition: the JSON Schema refers to it (`#/$defs/<def>`) instead of repeating it. */
  readonly def?: string;
  /** What the named definition means wherever it is used (dropped from the shipped build). */
  readonly defDoc?: string;
}

/** Options every builder takes. */
export interface Options<T> extends Common {
  /** What a missing key gets. */
  readonly fallback?: T;
}

export interface BoolNode extends Common { readonly kind: 'bool'; readonly fallback?: boolean }
export interface IntNode extends Common { readonly kind: 'int'; readonly min: number; readonly max: number; readonly fallback?: number }
export interface OneOfNode extends Common { readonly kind: 'oneOf'; readonly values: readonly string[]; readonly fallback?: string }
export interface TextNode extends Common {
  readonly kind: 'text';
  readonly pattern?: RegExp;
  /** Names the expected value in the error ("expected <what>"). */
  readonly what?: string;
  readonly fallback?: string;
  readonly examples?: readonly string[];
}
export interface RegexNode extends Common { readonly kind: 'regex' }
export interface ListNode extends Common { readonly kind: 'list'; readonly item: Node; readonly fallback?: readonly unknown[] }
export interface ObjectNode extends Common {
  readonly kind: 'object';
  readonly shape: { readonly [key: string]: Node };
  /** Keys that must be given; the object then has no default of its own. */
  readonly needs?: readonly string[];
  /** At least one of these keys must be given. */
  readonly anyOf?: readonly string[];
}
export interface RecordNode extends Common {
  readonly kind: 'record';
  readonly key: TextNode;
  readonly value: Node;
  readonly fallback?: unknown;
  /** The error for an empty object, when one is not allowed. */
  readonly nonEmpty?: string;
}
export interface BoolOrNode extends Common { readonly kind: 'boolOr'; readonly object: Node; readonly fallback?: boolean }
export interface MessagesNode extends Common { readonly kind: 'messages' }

export type Node = BoolNode | IntNode | OneOfNode | TextNode | RegexNode | ListNode | ObjectNode | RecordNode | BoolOrNode | MessagesNode;

/** A node that stands for values of type `Out` (after parsing) and `In` (what a site may write). */
export type Spec<Out, In = Out, HasDefault extends boolean = boolean, N extends Node = Node> = N & {
  readonly [types]?: { out: Out; in: In; hasDefault: HasDefault };
};

type AnySpec = Spec<any, any, boolean>;
type Shape = { readonly [key: string]: AnySpec };
export type Output<S> = S extends Spec<infer O, any, any> ? O : never;
export type Input<S> = S extends Spec<any, infer I, any> ? I : never;
type HasDefault<S> = S extends Spec<any, any, infer D> ? D : false;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Keys with a default are always there after parsing; the others may be missing. */
export type ObjectOutput<S extends Shape> = Simplify<
  { readonly [K in keyof S as HasDefault<S[K]> extends true ? K : never]: Output<S[K]> } & {
    readonly [K in keyof S as HasDefault<S[K]> extends true ? never : K]?: Output<S[K]>;
  }
>;
/** Every key may be left out of what a site writes; no other key is allowed (a typo is a type error). */
export type ObjectInput<S extends Shape> = { readonly [K in keyof S]?: Input<S[K]> };

/** Nested message overrides: any subset of the message tree of src/i18n/en.json. */
export type MessagesOverride = { readonly [key: string]: string | MessagesOverride };

type WithDefault<D> = D extends undefined ? false : true;

// The builders only build plain objects. `@__NO_SIDE_EFFECTS__` tells bundlers so (they cannot
// prove it: the option spreads could run getters), so an app that imports only decodeRecord does
// not carry the whole config spec. The same mark is on config.ts's own helpers.

export const bool = /* @__NO_SIDE_EFFECTS__ */ <D extends boolean | undefined = undefined>(options: Options<boolean> & { fallback?: D } = {}) =>
  ({ kind: 'bool', ...options }) as Spec<boolean, boolean, WithDefault<D>>;

/** A whole number from `min` to `max`. */
export const int = /* @__NO_SIDE_EFFECTS__ */ <D extends number | undefined = undefined>(min: number, max: number, options: Options<number> & { fallback?: D } = {}) =>
  ({ kind: 'int', min, max, ...options }) as Spec<number, number, WithDefault<D>>;

/** One of `values`; the first is the default. */
export const oneOf = /* @__NO_SIDE_EFFECTS__ */ <const V extends readonly string[]>(values: V, options: Common = {}) =>
  ({ kind: 'oneOf', values, fallback: values[0], ...options }) as Spec<V[number], V[number], true>;

/** A string that `pattern` accepts; `what` names it in the error ("expected <what>"). */
export const text = /* @__NO_SIDE_EFFECTS__ */ <D extends string | undefined = undefined>(
  options: Options<string> & { pattern?: RegExp; what?: string; fallback?: D; examples?: readonly string[] } = {},
) => ({ kind: 'text', ...options }) as Spec<string, string, WithDefault<D>, TextNode>;

/** A text that must compile as a JavaScript regular expression (checked once, at start-up). */
export const regex = /* @__NO_SIDE_EFFECTS__ */ (options: Common = {}) => ({ kind: 'regex', ...options }) as Spec<string, string, false>;

/** An array whose every item `item` checks. */
export const list = /* @__NO_SIDE_EFFECTS__ */ <S extends AnySpec, D extends readonly Output<S>[] | undefined = undefined>(item: S, options: Options<readonly Output<S>[]> & { fallback?: D } = {}) =>
  ({ kind: 'list', item, ...options }) as Spec<readonly Output<S>[], readonly Input<S>[], WithDefault<D>>;

/**
 * Only the keys of `shape`; a missing key gets its default, a missing object the defaults of its
 * keys. `needs`: keys that must be given (the object then has no default of its own); `anyOf`:
 * at least one of these keys must be given.
 */
/* @__NO_SIDE_EFFECTS__ */ export function object<S extends Shape>(shape: S, options: Common & { anyOf?: readonly (keyof S & string)[] } = {}) {
  return { kind: 'object', shape, ...options } as Spec<ObjectOutput<S>, ObjectInput<S>, true>;
}

/** Like `object`, but with keys that must be given: a missing object is no object at all. */
/* @__NO_SIDE_EFFECTS__ */ export function objectNeeding<S extends Shape, const N extends keyof S & string>(shape: S, needs: readonly N[], options: Common = {}) {
  return { kind: 'object', shape, needs, ...options } as Spec<
    Simplify<ObjectOutput<S> & { readonly [K in N]: Output<S[K]> }>,
    Simplify<ObjectInput<S> & { readonly [K in N]: Input<S[K]> }>,
    false
  >;
}

/** An object keyed by what `key` accepts, each value checked by `value`; `nonEmpty` is the error for `{}`. */
export const record = /* @__NO_SIDE_EFFECTS__ */ <V extends AnySpec, D = undefined>(
  key: Spec<string, string, boolean, TextNode>,
  value: V,
  options: Options<unknown> & { fallback?: D; nonEmpty?: string } = {},
) => ({ kind: 'record', key, value, ...options }) as Spec<Readonly<Record<string, Output<V>>>, Readonly<Record<string, Input<V>>>, WithDefault<D>>;

/** `true`, `false`, or an object that `object` checks (on or off, or on with settings). */
export const boolOr = /* @__NO_SIDE_EFFECTS__ */ <S extends AnySpec>(object: S, options: Options<boolean> = {}) =>
  ({ kind: 'boolOr', object, fallback: false, ...options }) as Spec<boolean | Output<S>, boolean | Input<S>, true>;

/** Message overrides: nested objects of plain texts (the UI checks the keys against its texts). */
export const messages = /* @__NO_SIDE_EFFECTS__ */ (options: Common = {}) => ({ kind: 'messages', ...options }) as Spec<MessagesOverride, MessagesOverride, false>;

export function fail(path: string, why: string): never {
  throw new TypeError(`[consentinel] ${path}: ${why}`);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value == 'object' && value != null && !Array.isArray(value);
const MESSAGE_KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** What a missing key gets, its defaults filled in; undefined when it has none. */
function defaultOf(node: Node): unknown {
  if (node.kind == 'object') return node.needs ? undefined : parse(node, {}, '');
  if (node.kind == 'record') return node.fallback === undefined ? undefined : parse(node, node.fallback, '');
  return 'fallback' in node ? node.fallback : undefined;
}

/** `value` checked against `node`, with every default filled in. Own keys only: `__proto__` is an unknown key. */
export function parse<S extends AnySpec>(node: S, value: unknown, path: string): Output<S>;
export function parse(node: Node, value: unknown, path: string): unknown {
  switch (node.kind) {
    case 'bool':
      return typeof value == 'boolean' ? value : fail(path, 'expected true or false');
    case 'int':
      return Number.isInteger(value) && (value as number) >= node.min && (value as number) <= node.max ? value : fail(path, `expected a whole number from ${node.min} to ${node.max}`);
    case 'oneOf':
      return node.values.includes(value as string) ? value : fail(path, `expected one of "${node.values.join('", "')}"`);
    case 'text':
      return typeof value == 'string' && (!node.pattern || node.pattern.test(value)) ? value : fail(path, `expected ${node.what ?? 'a string'}`);
    case 'regex':
      if (typeof value != 'string') fail(path, 'expected a string');
      try {
        new RegExp(value);
      } catch {
        fail(path, 'not a valid regular expression');
      }
      return value;
    case 'list':
      return Array.isArray(value) ? value.map((item, i) => parse(node.item, item, `${path}[${i}]`)) : fail(path, 'expected an array');
    case 'boolOr':
      return typeof value == 'boolean' ? value : parse(node.object, value, path);
    case 'messages':
      return parseMessages(value, path);
    case 'record': {
      if (!isObject(value)) fail(path, 'expected an object');
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        out[key] = node.key.pattern!.test(key) ? parse(node.value, value[key], `${path}.${key}`) : fail(`${path}.${key}`, `not ${node.key.what}`);
      }
      if (node.nonEmpty && !Object.keys(out).length) fail(path, node.nonEmpty);
      return out;
    }
    case 'object': {
      if (!isObject(value)) fail(path, 'expected an object');
      const out: Record<string, unknown> = {};
      for (const key in node.shape) {
        const fallback = defaultOf(node.shape[key]!);
        if (fallback !== undefined) out[key] = fallback;
      }
      for (const key of Object.keys(value)) {
        out[key] = Object.hasOwn(node.shape, key) ? parse(node.shape[key]!, value[key], `${path}.${key}`) : fail(`${path}.${key}`, 'unknown key');
      }
      for (const key of node.needs ?? []) if (!Object.hasOwn(value, key)) fail(`${path}.${key}`, 'is required');
      if (node.anyOf && !node.anyOf.some((key) => value[key])) fail(path, `needs "${node.anyOf.join('" or "')}"`);
      return out;
    }
  }
}

function parseMessages(value: unknown, path: string): MessagesOverride {
  if (!isObject(value)) fail(path, 'expected an object');
  const out: Record<string, string | MessagesOverride> = {};
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (!MESSAGE_KEY.test(key)) fail(`${path}.${key}`, 'not a message key');
    out[key] = typeof child == 'string' ? child : parseMessages(child, `${path}.${key}`);
  }
  return out;
}

/** Deep-freeze plain data so a config or state snapshot cannot be changed by a caller. */
export function freeze<T>(value: T): T {
  if (typeof value == 'object' && value && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) freeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
