import { readFileSync, writeFileSync, mkdirSync, readdirSync, copyFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const banner = `/*! consentinel v${pkg.version} | MIT */`;
const exists = (f) => { try { readFileSync(f); return true; } catch { return false; } };

/** `import css from '…/x.css'` gives the file's text (minified a little): the UI adopts it as a constructable stylesheet. */
const cssText = () => ({
  name: 'css-text',
  transform(code, id) {
    if (!id.endsWith('.css')) return null;
    const min = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{}:;,>])\s*/g, '$1').replace(/;}/g, '}').trim();
    return { code: `export default ${JSON.stringify(min)};`, map: { mappings: '' } };
  },
});

/** Copies what ships beside the bundles: the stylesheet, the translations, the JSON Schema. */
const assets = () => ({
  name: 'assets',
  writeBundle() {
    mkdirSync('dist/i18n', { recursive: true });
    if (exists('styles/consentinel.css')) copyFileSync('styles/consentinel.css', 'dist/consentinel.css');
    for (const f of readdirSync('src/i18n')) {
      if (f.endsWith('.json') && f !== 'en.json') writeFileSync(`dist/i18n/${f}`, JSON.stringify(JSON.parse(readFileSync(`src/i18n/${f}`, 'utf8'))));
    }
    if (exists('schema/consentinel.schema.json')) copyFileSync('schema/consentinel.schema.json', 'dist/consentinel.schema.json');
  },
});

const minify = terser({ ecma: 2020, compress: { passes: 3, unsafe_arrows: true }, format: { comments: /^!/ } });
const ts = (declarations) =>
  typescript({
    tsconfig: './tsconfig.json',
    noEmit: false,
    noEmitOnError: false,
    declaration: declarations,
    declarationDir: declarations ? 'dist' : undefined,
    outDir: 'dist',
    rootDir: 'src',
  });

const iife = (input, file) => ({
  input,
  output: { file, format: 'iife', banner, sourcemap: false },
  plugins: [resolve(), cssText(), ts(false), minify],
});

export default [
  iife('src/auto.ts', 'dist/consentinel.js'),
  ...(exists('src/auto-ui.ts') ? [iife('src/auto-ui.ts', 'dist/consentinel-ui.js')] : []),
  {
    input: { index: 'src/index.ts', ...(exists('src/ui.ts') ? { ui: 'src/ui.ts' } : {}) },
    output: { dir: 'dist', format: 'es', banner, entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    external: [/^preact/, 'js-cookie'],
    plugins: [cssText(), ts(true), assets()],
  },
];
