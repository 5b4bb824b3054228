import { dirname, resolve as resolvePath } from 'node:path';
import { readFileSync, writeFileSync, mkdirSync, readdirSync, copyFileSync, rmSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import json from '@rollup/plugin-json';
import tsc from 'typescript';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// Chunk names carry hashes: a clean dist/ keeps stale chunks out of the package.
rmSync('dist', { recursive: true, force: true });
const banner = `/*! consentinel v${pkg.version} | MIT */`;
const exists = (f) => { try { readFileSync(f); return true; } catch { return false; } };

/**
 * `import css from '…/x.css?raw'` (vitest reads the same import natively) gives the file's text,
 * lightly minified: the UI adopts it as a constructable stylesheet.
 */
/** Comments and white space out; enough for our own stylesheet (no strings or hacks in it). */
const minifyCss = (css) =>
  css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{}:;,>])\s*/g, '$1').replace(/;}/g, '}').trim();

const cssText = () => ({
  name: 'css-text',
  resolveId: (id, importer) => (id.endsWith('.css?raw') && importer ? resolvePath(dirname(importer), id) : null),
  load(id) {
    if (!id.endsWith('.css?raw')) return null;
    return { code: `export default ${JSON.stringify(minifyCss(readFileSync(id.slice(0, -4), 'utf8')))};`, map: { mappings: '' } };
  },
});

/** Copies what ships beside the bundles: the stylesheet, the translations, the JSON Schema. */
const assets = () => ({
  name: 'assets',
  writeBundle() {
    mkdirSync('dist/i18n', { recursive: true });
    // Same rules as the UI adopts; the commented source (contrast ratios, tokens) stays in styles/.
    const stylesheet = ['styles/banner.css', 'styles/dialog.css'].map((f) => minifyCss(readFileSync(f, 'utf8'))).join('');
    writeFileSync('dist/consentinel.css', `${banner}\n${stylesheet}\n`);
    for (const f of readdirSync('src/i18n')) {
      // en.json too: the UI's .d.ts types its messages from it (the UI bundles English itself).
      if (f.endsWith('.json')) writeFileSync(`dist/i18n/${f}`, JSON.stringify(JSON.parse(readFileSync(`src/i18n/${f}`, 'utf8'))));
    }
    if (exists('schema/consentinel.schema.json')) copyFileSync('schema/consentinel.schema.json', 'dist/consentinel.schema.json');
  },
});

/**
 * The config spec (src/core/config.ts) documents every key with `doc` (and `defDoc`) for the JSON
 * Schema and the README. Those texts are for site owners' editors, not for visitors' browsers:
 * this TypeScript transformer drops those properties from every object literal in src/core/.
 */
const DOC_KEYS = new Set(['doc', 'defDoc', 'def', 'examples']);
const dropDocs = () => (context) => (sourceFile) => {
  if (!/[\\/]src[\\/]core[\\/]/.test(sourceFile.fileName)) return sourceFile;
  const isDoc = (property) => tsc.isPropertyAssignment(property) && tsc.isIdentifier(property.name) && DOC_KEYS.has(property.name.text);
  const visit = (node) => {
    const next = tsc.visitEachChild(node, visit, context);
    return tsc.isObjectLiteralExpression(next) && next.properties.some(isDoc)
      ? context.factory.updateObjectLiteralExpression(next, next.properties.filter((p) => !isDoc(p)))
      : next;
  };
  return tsc.visitNode(sourceFile, visit);
};

const minify = terser({ ecma: 2020, compress: { passes: 3, unsafe_arrows: true }, format: { comments: /^!/ } });
/**
 * `target` only for the files a page loads itself: they already need ES2022's Object.hasOwn, so
 * ES2021 syntax (`??=`, `||=`) costs no browser. Bundler users get the tsconfig's ES2020.
 */
const ts = (declarations, target) =>
  typescript({
    tsconfig: './tsconfig.json',
    ...(target ? { target } : {}),
    noEmit: false,
    noEmitOnError: false,
    declaration: declarations,
    declarationDir: declarations ? 'dist' : undefined,
    outDir: 'dist',
    rootDir: 'src',
    transformers: { before: [{ type: 'program', factory: dropDocs }] },
  });

/**
 * The script-tag files load the on-demand chunks (src/browser/chunks.ts) as the ES modules
 * consentinel-<name>.mjs beside them: an IIFE cannot be code-split, and bundling the chunks
 * would defeat them. The URL is made absolute from the script's own URL, read while the file
 * runs (document.currentScript): a relative import() in a script from another origin (a CDN,
 * without crossorigin) would resolve against about:blank. A dynamic import inherits the
 * script's nonce.
 */
const CHUNK_NAMES = readdirSync('src/chunks').filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
const chunksBesideScript = () => ({
  name: 'chunks-beside-script',
  resolveDynamicImport(specifier, importer) {
    if (typeof specifier != 'string') return null;
    // The UI (src/auto-ui.ts), which the core imports when something must be shown.
    if (/[\\/]src[\\/]auto\.ts$/.test(importer) && specifier == './auto-ui') return { id: './consentinel-ui.mjs', external: true };
    const name = /[\\/]src[\\/]browser[\\/]chunks\.ts$/.test(importer) && specifier.match(/^\.\.\/chunks\/([\w-]+)$/)?.[1];
    return name && CHUNK_NAMES.includes(name) ? { id: `./consentinel-${name}.mjs`, external: true } : null;
  },
  renderDynamicImport: ({ targetModuleId }) =>
    targetModuleId?.startsWith('./consentinel-') ? { left: 'import(new URL(', right: ', scriptUrl).href)' } : null,
});
// Read before anything else runs, while document.currentScript is this file (absent in Node).
const SCRIPT_URL = "const scriptUrl = typeof document != 'undefined' && document.currentScript && document.currentScript.src || (typeof document != 'undefined' ? document.baseURI : '');";

const iife = (input, file) => ({
  input,
  output: { file, format: 'iife', banner, intro: SCRIPT_URL, sourcemap: false },
  plugins: [chunksBesideScript(), resolve(), json({ preferConst: true, compact: true }), cssText(), ts(false, 'ES2021'), minify],
});

/** Code the script-tag core imports from its own directory when first needed. */
const chunk = (name) => ({
  input: `src/chunks/${name}.ts`,
  output: { file: `dist/consentinel-${name}.mjs`, format: 'es', banner },
  plugins: [resolve(), json({ preferConst: true, compact: true }), ts(false, 'ES2021'), minify],
});

/**
 * The script-tag UI: consentinel-ui.mjs (Preact and the banner, what a first visit needs to see
 * it) and consentinel-dialog-layer.mjs (the dialog and the cookie tables, which the first imports
 * at idle or when needed). ES modules, so that the second shares the first's Preact.
 */
const ui = {
  input: { 'consentinel-ui': 'src/auto-ui.ts' },
  // The entry may export more than mount() (what the dialog file imports from it): no facade file.
  preserveEntrySignatures: 'allow-extension',
  output: { dir: 'dist', format: 'es', banner, entryFileNames: '[name].mjs', chunkFileNames: 'consentinel-[name].mjs' },
  plugins: [resolve(), json({ preferConst: true, compact: true }), cssText(), ts(false, 'ES2021'), minify],
};

export default [
  iife('src/auto.ts', 'dist/consentinel.js'),
  ui,
  ...CHUNK_NAMES.map(chunk),
  {
    input: { index: 'src/index.ts', ...(exists('src/ui.ts') ? { ui: 'src/ui.ts' } : {}) },
    output: { dir: 'dist', format: 'es', banner, entryFileNames: '[name].js',
      // Languages get stable names (dist/i18n/et.js) so a page can preload the one it needs.
      chunkFileNames: (c) => (/[\\/]i18n[\\/]/.test(c.facadeModuleId ?? '') ? 'i18n/[name].js' : '[name]-[hash].js') },
    external: [/^preact/, 'js-cookie'],
    plugins: [json({ preferConst: true }), cssText(), ts(true), assets()],
  },
];
