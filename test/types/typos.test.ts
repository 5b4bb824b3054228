// @vitest-environment node
// What a site owner sees when their config has a typo in TypeScript: a compile error naming the key.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const SNIPPETS = {
  correct: `createConsent({ revision: 1, categories: { analytics: { cookies: [{ name: '_ga' }] } } });`,
  cookeis: `createConsent({ categories: { analytics: { cookeis: [] } } });`,
  revision: `createConsent({ revision: '1' });`,
};

/** Type-check each snippet as a module beside src/ (one program for all) and return its error messages. */
function compile(snippets: Record<string, string>): Record<string, string> {
  const files = Object.fromEntries(Object.entries(snippets).map(([name, code]) => [join(ROOT, 'test', 'types', `__${name}__.ts`), `import { createConsent } from '../../src/index';\n${code}`]));
  const options: ts.CompilerOptions = { strict: true, noEmit: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, resolveJsonModule: true, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => (files[name] !== undefined ? ts.createSourceFile(name, files[name]!, version) : read(name, version));
  const program = ts.createProgram(Object.keys(files), options, host);
  const errors: Record<string, string> = {};
  for (const [name, file] of Object.entries(snippets).map(([name]) => [name, join(ROOT, 'test', 'types', `__${name}__.ts`)] as const)) {
    errors[name] = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n');
  }
  return errors;
}

const errors = compile(SNIPPETS);

describe('config typos are compile errors', () => {
  it('a correct config compiles', () => {
    expect(errors.correct).toBe('');
  });

  it('categories.analytics.cookeis names the misspelled key', () => {
    expect(errors.cookeis).toMatch(/'cookeis' does not exist/);
  });

  it('revision: "1" says a string is not a number', () => {
    expect(errors.revision).toMatch(/Type 'string' is not assignable to type 'number'/);
  });
});
