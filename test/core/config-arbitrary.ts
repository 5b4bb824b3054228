// fast-check generators of site configs: mostly valid, with a wrong value here and there, and
// mutations of valid ones. Shared by fuzz.test.ts and schema.test.ts.
import fc from 'fast-check';
import en from '../../src/i18n/en.json';

type Json = unknown;
const DEFAULT_IDS = ['necessary', 'analytics', 'affiliate', 'advertising'];

/** Anything JSON, including the values people put in the wrong place. */
export const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e10, '', 'true', '1', [], {}, ['x'], { x: 1 }),
);

/** The valid arbitrary most of the time, else `invalid`. */
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<Json> = junk): fc.Arbitrary<T | Json> =>
  fc.oneof({ arbitrary: valid, weight: 150 }, { arbitrary: invalid, weight: 1 });

const categoryId = mostly(
  fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), fc.constantFrom(...DEFAULT_IDS)),
  fc.constantFrom('Analytics', '1a', '_a', '-a', 'a b', '', 'a.b', 'ä', 'aB'),
);
const cookieName = mostly(fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,10}$/), fc.constantFrom('', 'a b', 'a;b', 'a=b', 'é', 'a,b'));
const regex = mostly(fc.oneof(fc.constantFrom('^_ga', '^_gcl_', '.*', '[a-z]+', '\\d{2}', '(?<y>a)', 'a|b', ''), fc.string({ maxLength: 5 })), fc.constantFrom('(', '[', '*', 'a{2,1}', '\\', 1));
const url = mostly(
  fc.constantFrom('/privacy', 'https://example.com/p', 'http://x', './p', '../p', 'p.html', '#x', '', '//cdn.example/x', '?a=1'),
  fc.constantFrom('javascript:alert(1)', 'mailto:a@b.c', 'ftp://x', 'data:text/html,x', 1, null),
);
const languageCode = mostly(fc.stringMatching(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/), fc.constantFrom('EN', 'e', 'english', 'en_US', 'en-', 'auto'));
const region = mostly(fc.stringMatching(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/), fc.constantFrom('ee', 'EST', 'US-CAXX', 'U', ''));
const int = (min: number, max: number) => mostly(fc.integer({ min, max }), fc.oneof(fc.integer({ min: min - 3, max: min - 1 }), fc.integer({ min: max + 1, max: max + 3 }), fc.constantFrom(min + 0.5, `${min}`)));
const bool = mostly(fc.boolean());
const text = mostly(fc.string({ maxLength: 8 }));
const oneOf = (...values: string[]) => mostly(fc.constantFrom(...values), fc.constantFrom('', values[0]!.toUpperCase(), `${values[0]}x`));
const list = <T>(item: fc.Arbitrary<T>, maxLength = 3) => mostly(fc.array(item, { maxLength }));
const shape = (fields: Record<string, fc.Arbitrary<Json>>) => mostly(fc.record(fields, { requiredKeys: [] }));

const cookieDeclaration = shape({ name: cookieName, pattern: regex, provider: text, purpose: text, duration: text });
const category = shape({ required: bool, cookies: list(cookieDeclaration, 2), storage: list(regex, 2) });

/** Paths of the string leaves of en.json (category texts are generated apart). */
const leafPaths = (node: Record<string, unknown>, path: string[] = []): string[][] =>
  Object.entries(node).flatMap(([k, v]) =>
    path.length === 0 && k === 'categories' ? [] : typeof v === 'string' ? [[...path, k]] : leafPaths(v as Record<string, unknown>, [...path, k]),
  );

const setPath = (o: Record<string, Json>, path: readonly string[], value: Json) => {
  let node = o;
  for (const k of path.slice(0, -1)) {
    if (typeof node[k] !== 'object' || node[k] === null || Array.isArray(node[k])) node[k] = {};
    node = node[k] as Record<string, Json>;
  }
  node[path[path.length - 1]!] = value;
  return o;
};

/** A partial message tree shaped like en.json (a few texts); now and then a key en.json does not have. */
const messagesLike = (tree: Record<string, unknown>): fc.Arbitrary<Json> => {
  const leaves = leafPaths(tree);
  const known = fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...leaves), text), { maxLength: 4 }),
      fc.option(fc.dictionary(categoryId.filter((x): x is string => typeof x === 'string'), shape({ title: text, description: text }), { maxKeys: 2 }), { freq: 2 }),
    )
    .map(([texts, cats]) => {
      const o: Record<string, Json> = {};
      for (const [path, value] of texts) setPath(o, path, value);
      if (cats) o.categories = cats;
      return o;
    });
  const unknownKey = fc
    .tuple(known, fc.constantFrom(['acceptAl'], ['banner', 'titel'], ['dialog', 'Save'], ['categories', 'analytics', 'name'], ['banner', 'title', 'x']), fc.string({ maxLength: 4 }))
    .map(([o, path, v]) => setPath(structuredClone(o as Record<string, Json>), path, v));
  return fc.oneof({ arbitrary: known, weight: 30 }, { arbitrary: unknownKey, weight: 1 }, { arbitrary: junk, weight: 1 });
};

const categories = mostly(fc.dictionary(categoryId.filter((x): x is string => typeof x === 'string'), category, { minKeys: 0, maxKeys: 5 }));

const consentTypes = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage'];
const translations = mostly(fc.dictionary(languageCode.filter((x): x is string => typeof x === 'string'), messagesLike(en), { maxKeys: 2 }));
const independent = fc.record(
  {
    $schema: text,
    revision: int(0, 999_999_999),
    mode: oneOf('opt-in', 'opt-out'),
    respectDoNotTrack: bool,
    respectGlobalPrivacyControl: bool,
    cookie: shape({ name: cookieName, domain: mostly(fc.stringMatching(/^[a-z0-9.-]{0,12}$/), fc.constantFrom('a_b', 'a b', 'é.com')), path: mostly(fc.stringMatching(/^\/[a-z/]{0,6}$/), fc.constantFrom('', 'shop')), expiresDays: int(1, 395), sameSite: oneOf('Lax', 'Strict', 'None') }),
    language: mostly(fc.oneof(fc.constant('auto'), languageCode)),
    translations,
    links: shape({ privacyPolicy: url, cookiePolicy: url }),
    consentLog: mostly(fc.oneof({ arbitrary: fc.record({ endpoint: url }), weight: 8 }, { arbitrary: fc.constant({}), weight: 1 })),
    ui: shape({ layout: oneOf('bar', 'box'), position: oneOf('bottom', 'top', 'bottom-left', 'bottom-right', 'top-left', 'top-right', 'center'), theme: oneOf('light', 'dark', 'auto'), reopenButton: bool, reopenPosition: oneOf('bottom-left', 'bottom-right', 'top-left', 'top-right') }),
    hideFromBots: bool,
    controls: oneOf('all', 'no-accept-all'),
    reloadOnWithdraw: bool,
    debug: bool,
  },
  { requiredKeys: [] },
);
const affiliateParams = list(mostly(fc.stringMatching(/^[\w.-]{1,6}$/), fc.constantFrom('a b', '', 'a&b')));
const unknownTopKey = fc.tuple(fc.constantFrom('revison', 'cookies', 'Mode', 'googleConsentmode', 'x'), junk);

/** The keys that name categories, drawn mostly from `ids` (the configured ones). */
const referencing = (ids: string[]) => {
  const ref = fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 30 }, { arbitrary: categoryId, weight: 1 });
  const gcmObject = fc.record(
    { ...Object.fromEntries(consentTypes.map((t) => [t, ref])), wait_for_update: int(0, 60000), region: list(region), url_passthrough: bool, ads_data_redaction: bool },
    { requiredKeys: [] },
  );
  return fc.record(
    {
      affiliate: shape({ category: ref, params: affiliateParams, cookie: cookieName, expiresDays: int(1, 395), stripParam: bool }),
      googleConsentMode: mostly(fc.oneof(fc.boolean(), gcmObject)),
    },
    { requiredKeys: [] },
  );
};
const referencingDefaults = referencing(DEFAULT_IDS);

/** A config in the shape of SPEC §3, valid about half the time, with cross references that mostly name a configured category. */
export const configArbitrary: fc.Arbitrary<Record<string, Json>> = fc
  .tuple(
    fc.option(categories, { nil: undefined, freq: 2 }).chain((cats) => {
      const ids = cats && typeof cats === 'object' && !Array.isArray(cats) && Object.keys(cats).length ? Object.keys(cats) : null;
      return (ids ? referencing(ids) : referencingDefaults).map((refs) => (cats === undefined ? refs : { categories: cats, ...refs }));
    }),
    independent,
    fc.oneof({ arbitrary: fc.constant(null), weight: 40 }, { arbitrary: unknownTopKey, weight: 1 }),
  )
  .map(([refs, rest, unknown]) => ({ ...refs, ...rest, ...(unknown ? { [unknown[0]]: unknown[1] } : {}) }));

/** Every path to an object or array inside `value` (the root is []). */
function containers(value: Json, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [];
  const entries: Array<[string | number, Json]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [path, ...entries.flatMap(([k, v]) => containers(v, [...path, k]))];
}

/** One edit of a config: replace or delete a value, add an unknown key, or empty a container. */
export type Mutation = { at: number; op: 'replace' | 'delete' | 'add' | 'empty'; key: string; value: Json };
export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('replace', 'delete', 'add', 'empty'),
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'name', 'x', ''), fc.string({ maxLength: 5 })),
  value: junk,
});

const put = (o: object, key: string | number, value: Json) =>
  Object.defineProperty(o, key, { value, enumerable: true, configurable: true, writable: true });
const at = (root: Json, path: Array<string | number>) => path.reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], root);

/** `config` (deep-copied) with the mutations applied at pseudo-randomly chosen places. */
export function mutate(config: Json, mutations: readonly Mutation[]): Json {
  let root = structuredClone(config);
  for (const original of mutations) {
    // fast-check hands out shared instances (constants): copy, so no edit reaches them or makes a cycle.
    const m = { ...original, value: structuredClone(original.value) };
    const paths = containers(root);
    if (!paths.length) return m.value;
    const path = paths[m.at % paths.length]!;
    const target = at(root, path) as Record<string, Json> | Json[];
    const keys = Object.keys(target);
    const key = keys.length ? keys[m.at % keys.length]! : m.key;
    if (m.op === 'empty') {
      if (!path.length) root = m.value;
      else put(at(root, path.slice(0, -1)) as object, path[path.length - 1]!, Array.isArray(target) ? [] : {});
    } else if (Array.isArray(target)) {
      if (m.op === 'delete') target.splice(m.at % (target.length || 1), 1);
      else if (m.op === 'add') target.push(m.value);
      else target[m.at % (target.length || 1)] = m.value;
    } else if (m.op === 'delete') delete target[key];
    else put(target, m.op === 'add' ? m.key : key, m.value);
  }
  return root;
}
