/**
 * The JSON Schema (draft 2020-12) of a spec (core/spec.ts). Not part of any shipped bundle: the
 * schema test (test/core/schema.test.ts) writes schema/consentinel.schema.json from it and fails
 * when the file is not current.
 */
import type { Node } from './spec';
import { parse } from './spec';

export type JsonSchema = { [key: string]: unknown };

/** What each part of the message tree is, for the translations' schema. */
const MESSAGE_DOCS: Record<string, string> = {
  banner: 'The first layer: title, text and the three equal buttons.',
  notice: 'The opt-out (US-style) notice with its "Do not sell or share" choice.',
  dialog: 'The preferences dialog.',
  table: 'The cookie table (column headings).',
  categories: 'Title and description of each category in the banner and the dialog, by category id.',
  placeholder: 'The placeholder of a blocked iframe.',
  reopen: 'Accessible name of the floating button that reopens the preferences.',
  links: 'Link texts for the configured policy links.',
};
const MESSAGES_DOC =
  'Texts of one language: any subset of the message tree of src/i18n/en.json, merged over the built-in texts. Plain text only (markup is shown as text). Links: [link text](privacyPolicy) or [link text](cookiePolicy). Placeholders: {category}, {signal}. Defaults shown are the English texts.';

type Tree = { [key: string]: string | Tree };

interface Context {
  defs: Record<string, JsonSchema>;
  english: Tree;
}

/** The schema of `root`, with its named definitions under `$defs`. `english`: src/i18n/en.json. */
export function toJsonSchema(root: Node, head: { id: string; title: string }, english: Tree): JsonSchema {
  const context: Context = { defs: {}, english };
  const body = schemaOf(root, context, false);
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: head.id, title: head.title, ...body, $defs: context.defs };
}

/** A node's schema: its body (or a reference to its definition), then its meaning and default. */
function schemaOf(node: Node, context: Context, isProperty: boolean): JsonSchema {
  let out: JsonSchema;
  if (node.def) {
    context.defs[node.def] ??= { ...bodyOf(node, context), ...(node.defDoc ? { description: node.defDoc } : {}) };
    out = { $ref: `#/$defs/${node.def}` };
  } else {
    out = bodyOf(node, context);
  }
  if (node.doc) out.description = node.doc;
  const fallback = defaultOf(node, isProperty);
  if (fallback !== undefined) out.default = fallback;
  return out;
}

/** The default as a site would write it (an object property's default is its keys' defaults). */
function defaultOf(node: Node, isProperty: boolean): unknown {
  if (node.kind == 'object') return isProperty && !node.def && !node.needs ? parse(node, {}, '') : undefined;
  if (node.kind == 'regex' || node.kind == 'messages') return undefined;
  return node.fallback;
}

function bodyOf(node: Node, context: Context): JsonSchema {
  switch (node.kind) {
    case 'bool':
      return { type: 'boolean' };
    case 'int':
      return { type: 'integer', minimum: node.min, maximum: node.max };
    case 'oneOf':
      return { enum: [...node.values] };
    case 'text':
      return { type: 'string', ...(node.pattern ? { pattern: node.pattern.source } : {}), ...(node.examples ? { examples: [...node.examples] } : {}) };
    case 'regex':
      return { type: 'string', format: 'regex' };
    case 'list':
      return { type: 'array', items: schemaOf(node.item, context, false) };
    case 'boolOr':
      return { oneOf: [{ type: 'boolean' }, schemaOf(node.object, context, false)] };
    case 'record':
      return {
        type: 'object',
        ...(node.nonEmpty ? { minProperties: 1 } : {}),
        propertyNames: schemaOf(node.key, context, false),
        additionalProperties: schemaOf(node.value, context, false),
      };
    case 'messages':
      return messagesSchema(context);
    case 'object': {
      const properties: Record<string, JsonSchema> = {};
      for (const [key, child] of Object.entries(node.shape)) properties[key] = schemaOf(child, context, true);
      return {
        type: 'object',
        additionalProperties: false,
        ...(node.needs ? { required: [...node.needs] } : {}),
        // Given and not empty, as parse() checks it.
        ...(node.anyOf ? { anyOf: node.anyOf.map((key) => ({ required: [key], properties: { [key]: { type: 'string', minLength: 1 } } })) } : {}),
        properties,
      };
    }
  }
}

/** The message tree of en.json, English texts as defaults; categories by id (the UI checks their keys). */
function messagesSchema(context: Context): JsonSchema {
  context.defs.categoryTexts ??= {
    type: 'object',
    additionalProperties: false,
    properties: { title: { type: 'string', description: 'Shown as the category name.' }, description: { type: 'string', description: 'What the category is for.' } },
  };
  const texts = (tree: Tree): JsonSchema => ({
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, typeof value == 'string' ? { type: 'string', default: value } : texts(value)])),
  });
  const properties: Record<string, JsonSchema> = {};
  for (const [key, value] of Object.entries(context.english)) {
    properties[key] =
      key == 'categories'
        ? { type: 'object', propertyNames: { $ref: '#/$defs/categoryId' }, additionalProperties: { $ref: '#/$defs/categoryTexts' } }
        : typeof value == 'string'
          ? { type: 'string', default: value }
          : texts(value);
    if (MESSAGE_DOCS[key]) properties[key]!.description = MESSAGE_DOCS[key];
  }
  return { type: 'object', additionalProperties: false, properties, description: MESSAGES_DOC };
}
