// @vitest-environment node
// rules/consentinel.json against the rule type of @duckduckgo/autoconsent (AutoConsentCMPRule in
// its lib/rules.ts, from which upstream's `npm run rule-syntax-check` builds its JSON Schema).
// The JSON is type-checked as an object literal, so a misspelt step or key is an error, not a
// step the engine silently skips. The browser suite (test/e2e/autoconsent.test.mjs) runs it.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const RULE_FILE = join(ROOT, 'rules', 'consentinel.json');

/** Type errors of `source`, compiled as a file in the repository root (so its imports resolve there). */
function typeErrors(source: string): string[] {
  const fileName = join(ROOT, '__autoconsent_rule_check__.ts');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (name) => name === fileName || ts.sys.fileExists(name);
  host.readFile = (name) => (name === fileName ? source : readFile(name));
  host.getSourceFile = (name, language, ...rest) =>
    name === fileName ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
  const program = ts.createProgram([fileName], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const check = (json: string) =>
  typeErrors(`import type { AutoConsentCMPRule } from '@duckduckgo/autoconsent';\nexport const rule: AutoConsentCMPRule = ${json};\n`);

describe('rules/consentinel.json (autoconsent rule)', () => {
  const json = readFileSync(RULE_FILE, 'utf8');

  // A TypeScript program per check: a few seconds on a busy machine.
  it('is an AutoConsentCMPRule of the installed @duckduckgo/autoconsent', { timeout: 60_000 }, () => {
    expect(check(json)).toEqual([]);
  });

  it('the check catches a misspelt step and a wrong value (so the test above can fail)', { timeout: 60_000 }, () => {
    expect(check(json.replace('"waitForThenClick"', '"waitForThenClik"')).join('\n')).toMatch(/waitForThenClik/);
    expect(check(json.replace('"check": "none"', '"check": "nothing"')).join('\n')).toMatch(/"nothing"/);
  });

  it('is named "consentinel", has a self-test and no eval step (those need a snippet in the engine)', () => {
    const rule = JSON.parse(json);
    expect(rule.name).toBe('consentinel');
    expect(rule.test?.length).toBeGreaterThan(0);
    expect(json).not.toMatch(/"eval"/);
    expect(dirname(RULE_FILE)).toBe(join(ROOT, 'rules'));
  });
});
