// @vitest-environment node
// docs/ARCHITECTURE.md "Layers": who may import whom, the pure core, and no side effects at import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '..'));
const SRC = join(ROOT, 'src');
const ENTRIES = ['index.ts', 'ui.ts', 'auto.ts', 'auto-ui.ts'];
const SELF_STARTING = ['auto.ts', 'auto-ui.ts'];

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });

/** src-relative path of every module, and for each, its import specifiers resolved to src-relative paths (or bare names). */
const modules = walk(SRC).map((file) => {
  const name = relative(SRC, file).split('\\').join('/');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) specifiers.push(node.arguments[0].text);
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) specifiers.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const imports = specifiers.map((s) => {
    if (!s.startsWith('.')) return s;
    const target = relative(SRC, join(dirname(file), s.replace(/\?.*$/, ''))).split('\\').join('/');
    return /\.(json|css|tsx?)$/.test(target) ? target.replace(/\.tsx?$/, '') : target;
  });
  return { name, source, imports };
});

const layer = (name: string) =>
  name === 'types.ts' ? 'types' : name === 'create-consent.ts' ? 'root' : ENTRIES.includes(name) ? 'entry' : name.split('/')[0]!;

/** What each layer may import (src-relative targets without extension, or package names). */
const allowed: Record<string, (target: string) => boolean> = {
  // The config's types are derived from its spec (type-only imports: nothing runs).
  types: (t) => t === 'core/config' || t === 'core/spec',
  core: (t) => t.startsWith('core/') || t === 'types' || /^i18n\/[\w-]+\.json$/.test(t),
  // browser/chunks.ts maps the lazily loaded parts (src/chunks/) for bundlers.
  browser: (t) => t.startsWith('core/') || t.startsWith('browser/') || t.startsWith('chunks/') || t === 'types' || t === 'js-cookie',
  // src/chunks/: browser parts loaded on demand (not in the docs table yet): the browser layer's rules.
  chunks: (t) => t.startsWith('core/') || t.startsWith('browser/') || t === 'types' || t === 'js-cookie',
  root: (t) => t.startsWith('core/') || t.startsWith('browser/') || t === 'types',
  // The UI may bundle its stylesheet (styles/ lives beside src/, it is not code).
  ui: (t) => t.startsWith('core/') || t.startsWith('ui/') || t.startsWith('i18n/') || t === 'types' || t === 'preact' || t === 'preact/hooks' || t === 'preact/jsx-runtime' || /^\.\.\/styles\/[\w-]+\.css$/.test(t),
  entry: () => true,
};

describe('import direction (docs/ARCHITECTURE.md)', () => {
  it('finds the layers', () => {
    const names = modules.map((m) => m.name);
    expect(names).toContain('types.ts');
    expect(names).toContain('create-consent.ts');
    expect(names.some((n) => n.startsWith('core/'))).toBe(true);
    expect(names.some((n) => n.startsWith('browser/'))).toBe(true);
  });

  it.each(modules.map((m) => [m.name, m] as const))('%s imports only what its layer may', (name, m) => {
    const rule = allowed[layer(name)];
    expect(rule, `no rule for the layer of ${name}`).toBeDefined();
    expect(m.imports.filter((t) => !rule!(t))).toEqual([]);
  });

  it('nothing imports preact/compat, and only ui/ and the UI entries import preact', () => {
    for (const m of modules) {
      expect(m.imports.filter((t) => t.startsWith('preact/compat'))).toEqual([]);
      if (!m.name.startsWith('ui/') && m.name !== 'ui.ts' && m.name !== 'auto-ui.ts') expect(m.imports.filter((t) => t.startsWith('preact')), m.name).toEqual([]);
    }
  });

  it('nothing imports an entry (but the script-tag core, which loads the script-tag UI as a file of its own)', () => {
    const entryTargets = ENTRIES.map((e) => e.replace(/\.ts$/, ''));
    const loadsUI = (m: { name: string }, target: string) => m.name === 'auto.ts' && target === 'auto-ui';
    for (const m of modules) expect(m.imports.filter((t) => entryTargets.includes(t) && !loadsUI(m, t)), m.name).toEqual([]);
  });
});

const BROWSER = new Set(['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'history', 'screen', 'matchMedia', 'customElements']);

/**
 * Browser globals a piece of code names (identifiers only: comments, strings and property names
 * such as `options.document` do not count). With `eager`, function bodies are skipped: they run
 * later, not at import.
 */
const browserReads = (node: ts.Node, eager: boolean): string[] => {
  if (eager && ts.isFunctionLike(node)) return [];
  if (ts.isIdentifier(node) && BROWSER.has(node.text)) {
    const p = node.parent;
    const isName = p && (((ts.isPropertyAccessExpression(p) || ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p)) && p.name === node) || ts.isParameter(p) || (ts.isBindingElement(p) && p.propertyName === node));
    if (!isName) return [node.text];
  }
  const found: string[] = [];
  ts.forEachChild(node, (c) => void found.push(...browserReads(c, eager)));
  return found;
};

describe('the core is pure', () => {
  const core = modules.filter((m) => m.name.startsWith('core/'));
  it.each(core.map((m) => [m.name, m] as const))('%s names no browser global', (_name, m) => {
    expect(browserReads(m.source, false)).toEqual([]);
  });
});

describe('importing a module has no side effects', () => {
  const DECLARATION = new Set([
    ts.SyntaxKind.ImportDeclaration,
    ts.SyntaxKind.ImportEqualsDeclaration,
    ts.SyntaxKind.ExportDeclaration,
    ts.SyntaxKind.ExportAssignment,
    ts.SyntaxKind.FunctionDeclaration,
    ts.SyntaxKind.ClassDeclaration,
    ts.SyntaxKind.InterfaceDeclaration,
    ts.SyntaxKind.TypeAliasDeclaration,
    ts.SyntaxKind.EnumDeclaration,
    ts.SyntaxKind.ModuleDeclaration,
    ts.SyntaxKind.VariableStatement,
  ]);

  const checked = modules.filter((m) => !SELF_STARTING.includes(m.name));
  it.each(checked.map((m) => [m.name, m] as const))('%s has only declarations at the top level', (name, m) => {
    const statements = m.source.statements.filter((s) => s.kind !== ts.SyntaxKind.EmptyStatement);
    const others = statements.filter((s) => !DECLARATION.has(s.kind)).map((s) => `${name}:${m.source.getLineAndCharacterOfPosition(s.getStart()).line + 1}: ${s.getText().slice(0, 60)}`);
    expect(others).toEqual([]);
    // No module-level mutable state (factories and closures instead).
    const mutable = statements.filter((s) => ts.isVariableStatement(s) && !(s.declarationList.flags & ts.NodeFlags.Const)).map((s) => s.getText().slice(0, 60));
    expect(mutable).toEqual([]);
    // A const initializer runs at import: it must not read the browser.
    const reads = statements.filter(ts.isVariableStatement).flatMap((s) => browserReads(s.declarationList, true));
    expect(reads).toEqual([]);
  });
});

// Under require-trusted-types-for 'script' these take only TrustedHTML; the library writes HTML as
// nodes (README "Content Security Policy"), and srcdoc only through browser/trusted.ts.
const HTML_SINKS = new Set(['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'dangerouslySetInnerHTML', 'createContextualFragment', 'parseFromString', 'setHTMLUnsafe']);
const htmlSinks = (node: ts.Node): string[] => {
  const documentWrite = ts.isPropertyAccessExpression(node) && /^document$/.test(node.expression.getText()) && /^write(ln)?$/.test(node.name.text);
  const found = documentWrite ? ['document.' + node.name.text] : ts.isIdentifier(node) && HTML_SINKS.has(node.text) ? [node.text] : [];
  ts.forEachChild(node, (c) => void found.push(...htmlSinks(c)));
  return found;
};

describe('no HTML strings (Trusted Types)', () => {
  it.each(modules.map((m) => [m.name, m] as const))('%s assigns no HTML string', (_name, m) => {
    expect(htmlSinks(m.source)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const parse = (code: string) => ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  it('see a browser global in code but not in comments, strings or property names', () => {
    expect(browserReads(parse('// window.x\nconst a = "document.y"; const b = o.document; const c = { location: 1 };'), false)).toEqual([]);
    expect(browserReads(parse('export const f = () => navigator.userAgent;'), false)).toEqual(['navigator']);
    expect(browserReads(parse('export const f = () => navigator.userAgent;'), true)).toEqual([]);
    expect(browserReads(parse('const s = document.currentScript;'), true)).toEqual(['document']);
  });
  it('see an HTML sink in code but not in comments or strings', () => {
    expect(htmlSinks(parse('// el.innerHTML = x\nconst a = "innerHTML";'))).toEqual([]);
    expect(htmlSinks(parse('el.innerHTML = x; h("p", { dangerouslySetInnerHTML: y }); store.write(z);'))).toEqual(['innerHTML', 'dangerouslySetInnerHTML']);
    expect(htmlSinks(parse('document.write(x);'))).toEqual(['document.write']);
  });
  it('reject the imports the table forbids', () => {
    expect(allowed.core!('preact')).toBe(false);
    expect(allowed.core!('browser/env')).toBe(false);
    expect(allowed.browser!('ui/App')).toBe(false);
    expect(allowed.ui!('browser/gate')).toBe(false);
    expect(allowed.ui!('js-cookie')).toBe(false);
    expect(allowed.ui!('preact/compat')).toBe(false);
    expect(allowed.root!('preact')).toBe(false);
  });
});
