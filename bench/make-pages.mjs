// Writes bench/pages/<lib>.html from article.template.html and the snippets in libs.mjs.
// Run it after editing either (the runner also runs it, so the pages never drift).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LIBS } from './libs.mjs';

const dir = fileURLToPath(new URL('./pages/', import.meta.url));
const distDir = fileURLToPath(new URL('../dist/', import.meta.url));

export function makePages() {
  const tpl = readFileSync(dir + 'article.template.html', 'utf8');
  // A setup's head may depend on what the build produced (which UI file to preload).
  const distFiles = existsSync(distDir) ? readdirSync(distDir) : [];
  for (const lib of LIBS) {
    const head = typeof lib.head === 'function' ? lib.head(distFiles) : lib.head;
    const html = tpl
      .replace('<!--LIB_HEAD-->', head ? `<!-- ${lib.name} -->\n${head}` : '')
      .replace('<!--LIB_BODY-->', `<!-- ${lib.name}: three gated stand-in tags${lib.consentinel ? '' : ', then the library'} -->\n${lib.body}`);
    const file = dir + lib.id + '.html';
    let old = null;
    try { old = readFileSync(file, 'utf8'); } catch {}
    if (old !== html) writeFileSync(file, html);
  }
  const index = `<!doctype html><meta charset="utf-8"><title>Consent benchmark pages</title><link rel="icon" href="data:,">
<h1>Consent benchmark pages</h1><ul>
${LIBS.map((l) => `<li><a href="/${l.id}.html">${l.name}</a></li>`).join('\n')}
</ul><p>Stand-in tags record themselves in <code>window.__ran</code> and request <code>/beacon/&lt;category&gt;</code>.</p>\n`;
  writeFileSync(dir + 'index.html', index);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  makePages();
  console.log('pages written to', dir);
}
