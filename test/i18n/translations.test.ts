// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every src/i18n/<code>.json must be a complete, plain-text translation of en.json:
// same key tree, non-empty strings, the same {placeholders} and ](link targets), no markup,
// and "Accept all" / "Reject all" of comparable length (equal prominence of both choices).

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../src/i18n');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

type Tree = { [key: string]: string | Tree };

function load(file: string): Tree {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as Tree;
}

/** Flattens a message tree to `a.b.c` -> leaf; non-string, non-object leaves are kept as-is. */
function flatten(tree: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (tree !== null && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value, path, out);
      else out.set(path, value);
    }
  }
  return out;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!).sort();
const linkTargets = (text: string): string[] => [...text.matchAll(/\]\(([^()]*)\)/g)].map((m) => m[1]!).sort();

const en = flatten(load('en.json'));

describe('en.json', () => {
  it('is the reference tree with non-empty string leaves', () => {
    expect(en.size).toBeGreaterThan(0);
    for (const [key, value] of en) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });
});

describe.each(files)('%s', (file) => {
  const messages = load(file);
  const flat = flatten(messages);

  it('has exactly the key tree of en.json', () => {
    const missing = [...en.keys()].filter((key) => !flat.has(key));
    const extra = [...flat.keys()].filter((key) => !en.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('has only non-empty string leaves', () => {
    for (const [key, value] of flat) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it('keeps every {placeholder} and link target of the English text, and adds none', () => {
    for (const [key, source] of en) {
      const text = flat.get(key);
      if (typeof text !== 'string') continue; // reported by the tests above
      expect(placeholders(text), `${key}: placeholders`).toEqual(placeholders(source as string));
      expect(linkTargets(text), `${key}: link targets`).toEqual(linkTargets(source as string));
    }
  });

  it('writes links as [non-empty text](target)', () => {
    for (const [key, text] of flat) {
      if (typeof text !== 'string') continue;
      const links = [...text.matchAll(/\[([^\][]*)\]\(([^()]*)\)/g)];
      expect(links.length, `${key}: malformed link`).toBe(linkTargets(text).length);
      for (const [, label] of links) expect(label!.trim(), `${key}: empty link text`).not.toBe('');
    }
  });

  it('contains no markup', () => {
    for (const [key, text] of flat) {
      if (typeof text !== 'string') continue;
      expect(text, key).not.toMatch(/[<>]/);
    }
  });

  it('gives "accept all" and "reject all" comparable length', () => {
    for (const [accept, reject] of [
      ['banner.acceptAll', 'banner.rejectAll'],
      ['dialog.acceptAll', 'dialog.rejectAll'],
    ] as const) {
      const a = [...String(flat.get(accept) ?? '')].length;
      const r = [...String(flat.get(reject) ?? '')].length;
      expect(Math.max(a, r), `${accept} (${a}) vs ${reject} (${r})`).toBeLessThanOrEqual(2 * Math.min(a, r));
    }
  });
});
