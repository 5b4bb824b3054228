// @vitest-environment node
// schema/consentinel.schema.json (shipped as dist/consentinel.schema.json) is generated from the config
// spec (src/core/config.ts) and says what parseConfig does.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG, parseConfig } from '../../src/core/config';
import { toJsonSchema } from '../../src/core/spec-schema';
import type { ConsentConfig } from '../../src/types';
import en from '../../src/i18n/en.json';
import { configArbitrary, mutate, mutationArbitrary } from './config-arbitrary';

type SchemaNode = { [key: string]: unknown; properties?: Record<string, SchemaNode>; $ref?: string; description?: string; default?: unknown };
const schema = JSON.parse(readFileSync(new URL('../../schema/consentinel.schema.json', import.meta.url), 'utf8')) as SchemaNode & { $defs: Record<string, SchemaNode> };

// parseConfig checks a regular expression source with `new RegExp(source)`: the schema's "regex" format is the same check.
const ajv = new Ajv2020({ allErrors: true, strictTypes: true, strictTuples: true });
ajv.addFormat('regex', {
  type: 'string',
  validate: (s: string) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  },
});
const validate = ajv.compile(schema);

const parses = (input: unknown) => {
  try {
    parseConfig(input as ConsentConfig);
    return { ok: true as const };
  } catch (e) {
    return { ok: false as const, message: (e as Error).message };
  }
};
const resolve = (node: SchemaNode): SchemaNode => (node.$ref ? resolve(schema.$defs[node.$ref.replace('#/$defs/', '')]!) : node);

const FULL = {
  $schema: 'https://unpkg.com/consentinel/dist/consentinel.schema.json',
  revision: 3,
  mode: 'opt-in',
  categories: {
    necessary: { required: true, cookies: [{ name: 'session', provider: 'Northwind', purpose: 'Signing in', duration: 'Session' }] },
    analytics: { cookies: [{ pattern: '^_ga(_.*)?$', provider: 'Google Analytics', duration: '2 years' }, { name: '_gid' }], storage: ['^_hj'] },
    affiliate: { cookies: [{ name: 'affiliate_ref' }] },
    advertising: { cookies: [{ pattern: '^_gcl_' }, { name: '_fbp', pattern: '^_fbc$' }] },
  },
  respectDoNotTrack: true,
  respectGlobalPrivacyControl: true,
  cookie: { name: 'consentinel', domain: 'northwind.example', path: '/', expiresDays: 182, sameSite: 'Lax' },
  language: 'auto',
  translations: {
    et: { banner: { title: 'Sinu privaatsus', acceptAll: 'Nõustu kõigiga' }, categories: { analytics: { title: 'Analüütika' } }, reopen: 'Küpsised' },
    'pt-BR': { dialog: { save: 'Salvar' }, links: { privacyPolicy: 'Privacidade' } },
  },
  links: { privacyPolicy: '/privacy', cookiePolicy: 'https://northwind.example/cookies' },
  affiliate: { category: 'affiliate', params: ['ref', 'aff', 'partner_id'], cookie: 'affiliate_ref', expiresDays: 30, stripParam: true },
  googleConsentMode: { analytics_storage: 'analytics', ad_storage: 'advertising', wait_for_update: 500, region: ['EE', 'US-CA'], url_passthrough: true, ads_data_redaction: true },
  consentLog: { endpoint: '/api/consent' },
  ui: { layout: 'box', position: 'bottom-right', theme: 'dark', reopenButton: false, reopenPosition: 'top-right' },
  hideFromBots: true,
  reloadOnWithdraw: false,
  debug: false,
};

describe('the JSON Schema', () => {
  it('is generated from the config spec (after a change: npx vitest run test/core/schema.test.ts -u)', async () => {
    const generated = toJsonSchema(CONFIG, { id: 'https://unpkg.com/consentinel/dist/consentinel.schema.json', title: 'Consentinel config' }, en);
    await expect(`${JSON.stringify(generated, null, 2)}\n`).toMatchFileSnapshot('../../schema/consentinel.schema.json');
  });

  it('is a draft 2020-12 schema that compiles in strict mode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof validate).toBe('function');
  });

  it('accepts the default (empty) config and a full example, as parseConfig does', () => {
    expect(validate({}), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(FULL), JSON.stringify(validate.errors)).toBe(true);
    expect(parses(FULL)).toEqual({ ok: true });
    expect(validate({ googleConsentMode: true, consentLog: { endpoint: 'https://log.example/c' }, mode: 'opt-out', categories: { core: { required: true } } })).toBe(true);
  });

  it('documents every key of the config with a description', () => {
    const config = parseConfig() as unknown as Record<string, unknown>;
    const documented = Object.keys(schema.properties!);
    expect(documented).toEqual(expect.arrayContaining(['$schema', 'reloadOnWithdraw', 'debug', ...Object.keys(config).filter((k) => k !== 'order')]));
    for (const nested of ['cookie', 'affiliate', 'ui'] as const) {
      expect(Object.keys(schema.properties![nested]!.properties!).sort()).toEqual(Object.keys(config[nested] as object).sort());
    }
    expect(Object.keys(schema.properties!.affiliate!.properties!)).toContain('stripParam');
    const undocumented: string[] = [];
    const walk = (node: SchemaNode, path: string) => {
      for (const [k, child] of Object.entries(node.properties ?? {})) {
        if (!child.description && !resolve(child).description && !('default' in child)) undocumented.push(`${path}.${k}`);
        walk(resolve(child), `${path}.${k}`);
      }
    };
    walk(schema, 'config');
    for (const def of ['category', 'cookieDeclaration']) walk(schema.$defs[def]!, def);
    expect(undocumented).toEqual([]);
  });

  it('states the defaults parseConfig fills in', () => {
    const config = parseConfig() as unknown as Record<string, unknown>;
    const props = schema.properties!;
    for (const key of ['revision', 'mode', 'respectDoNotTrack', 'respectGlobalPrivacyControl', 'cookie', 'language', 'translations', 'links', 'affiliate', 'ui', 'hideFromBots', 'controls', 'reloadOnWithdraw', 'debug']) {
      expect(props[key]!.default, key).toEqual(config[key]);
    }
    expect(parseConfig({ categories: props.categories!.default as ConsentConfig['categories'] }).categories).toEqual(config.categories);
    for (const nested of ['cookie', 'affiliate', 'ui'] as const) {
      for (const [k, p] of Object.entries(props[nested]!.properties!)) expect(p.default, `${nested}.${k}`).toEqual((config[nested] as Record<string, unknown>)[k]);
    }
    expect(props.googleConsentMode!.default).toBe(false);
    expect(config.googleConsentMode).toBeNull();
  });

  it('lists the message tree of src/i18n/en.json, with the English texts as defaults', () => {
    const tree = (node: SchemaNode): unknown =>
      Object.fromEntries(Object.entries(resolve(node).properties ?? {}).map(([k, child]) => [k, child.type === 'string' ? child.default : tree(child)]));
    const messages = tree(schema.$defs.messages!) as Record<string, unknown>;
    const { categories: _c, ...withoutCategories } = en;
    const { categories, ...rest } = messages;
    expect(rest).toEqual(withoutCategories);
    expect(categories).toEqual({});
    expect(schema.$defs.messages!.additionalProperties).toBe(false);
  });
});

type SchemaError = { instancePath: string };
/**
 * Why the two may disagree: parseConfig bugs (each has a failing test in config.test.ts or
 * codec.test.ts) and rules JSON Schema cannot state. A disagreement is explained when every
 * schema error (or parseConfig's error) has one of these reasons; anything else fails the test.
 */
const SCHEMA_ONLY: Array<[string, (e: SchemaError, input: Record<string, unknown>, raw: unknown) => boolean]> = [
  // By design: parseConfig(null) is "no config" (the JS API); a JSON document must be an object.
  ['null is no config', (e, _i, raw) => raw === null && e.instancePath === ''],
  // By design: the core does not carry the message tree (it would cost every visitor bytes); the
  // UI reports unknown message keys when it loads the texts (test/ui/messages.test.ts).
  ['unknown message key', (e) => e.instancePath.startsWith('/translations/')],
];
// JSON Schema cannot say "a value that is a key of the sibling `categories`".
const PARSE_ONLY: Array<[string, RegExp]> = [['cross reference to a category', / is not one of the categories /]];

describe('schema and parseConfig agree', () => {
  it('on 4 000 generated configs (near-valid and mutated)', () => {
    const tally: Record<string, number> = { agree: 0, accepted: 0 };
    const unexplained: unknown[] = [];
    fc.assert(
      fc.property(
        fc.oneof(
          { arbitrary: configArbitrary, weight: 3 },
          { arbitrary: fc.tuple(configArbitrary, fc.array(mutationArbitrary, { minLength: 1, maxLength: 2 })).map(([c, m]) => mutate(c, m)), weight: 2 },
          { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
        ),
        (input) => {
          const parsed = parses(input);
          const valid = validate(input) as boolean;
          if (parsed.ok) tally.accepted!++;
          if (parsed.ok === valid) return void tally.agree!++;
          const fields = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
          let reasons: string[] | null = null;
          if (parsed.ok) {
            reasons = [];
            for (const e of validate.errors ?? []) {
              const known = SCHEMA_ONLY.find(([, is]) => is(e, fields, input));
              if (!known) {
                reasons = null;
                break;
              }
              reasons.push(known[0]);
            }
          } else {
            const known = PARSE_ONLY.find(([, re]) => re.test(parsed.message));
            if (known) reasons = [known[0]];
          }
          if (reasons) for (const r of new Set(reasons)) tally[r] = (tally[r] ?? 0) + 1;
          else if (unexplained.length < 5) unexplained.push({ input, parseConfig: parsed, schema: validate.errors });
        },
      ),
      { numRuns: 4000 },
    );
    expect(unexplained).toEqual([]);
    console.info('schema vs parseConfig:', JSON.stringify(tally));
    expect(tally.accepted).toBeGreaterThan(800);
    expect(tally.agree).toBeGreaterThan(3500);
  }, 30_000);

  it.each([
    ['a category id', { categories: { Analytics: {} } }],
    ['an empty category set', { categories: {} }],
    ['a cookie declaration without name or pattern', { categories: { a: { cookies: [{ provider: 'x' }] } } }],
    ['an empty pattern', { categories: { a: { cookies: [{ pattern: '' }] } } }],
    ['an invalid pattern', { categories: { a: { storage: ['('] } } }],
    ['a javascript: link', { links: { privacyPolicy: 'javascript:alert(1)' } }],
    ['an unknown consent type', { googleConsentMode: { analytics_cookies: 'analytics' } }],
    ['googleConsentMode "true"', { googleConsentMode: 'true' }],
    ['a lower-case region', { googleConsentMode: { region: ['ee'] } }],
    ['a language', { language: 'EN' }],
    ['a translations code', { translations: { english: {} } }],
    ['cookie.expiresDays 396', { cookie: { expiresDays: 396 } }],
    ['cookie.path', { cookie: { path: 'shop' } }],
    ['an own __proto__ key', JSON.parse('{"__proto__": {}}')],
  ])('both reject %s', (_name, input) => {
    expect(parses(input).ok).toBe(false);
    expect(validate(input)).toBe(false);
  });
});
