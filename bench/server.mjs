// Static server for the benchmark pages. Serves bench/pages, the competitors' files from
// node_modules, our dist/, Consentinel's config JSON and generated stand-in tags; logs every request so the runner can
// tell what each visit fetched (and prove that no gated tag was requested before consent).
// No caching headers and no compression: sizes are computed from the served bytes by the runner.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_URL, CONSENTINEL_CONFIG } from './libs.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
export const repoRoot = resolve(here, '..');
const pagesDir = join(here, 'pages');

// Only the packages the pages use are reachable under /node_modules/.
export const PACKAGES = ['vanilla-cookieconsent', 'orejime', 'klaro', 'cookieconsent', 'tarteaucitronjs'];
export const CATEGORIES = ['analytics', 'affiliate', 'advertising'];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The stand-in for a third-party tag: records that it ran and sends a beacon, so both the page
 *  state and the request log prove it. */
export function tagSource(lib, category) {
  return `(function(){var c=${JSON.stringify(category)};` +
    `window.__ran=(window.__ran||[]).concat(c);` +
    `(window.__ranAt=window.__ranAt||{})[c]=performance.now();` +
    `new Image().src='/beacon/'+c+'?lib=${encodeURIComponent(lib)}';})();\n`;
}

function safeJoin(base, rel) {
  const p = normalize(join(base, rel));
  return p === base || p.startsWith(base + sep) ? p : null;
}

async function resolveRequest(pathname) {
  if (pathname === '/' || pathname === '/index.html') pathname = '/index.html';
  let m;
  if ((m = /^\/tags\/([a-z0-9-]+)-([a-z]+)\.js$/.exec(pathname)) && CATEGORIES.includes(m[2])) {
    return { status: 200, type: TYPES['.js'], body: Buffer.from(tagSource(m[1], m[2])) };
  }
  if (pathname.startsWith('/beacon/')) return { status: 204, type: 'text/plain', body: Buffer.alloc(0) };
  // Consentinel's config as a site would serve it (data-config="/bench-config.json").
  if (pathname === CONFIG_URL) return { status: 200, type: TYPES['.json'], body: Buffer.from(JSON.stringify(CONSENTINEL_CONFIG, null, 2) + '\n') };
  let file = null;
  if (pathname.startsWith('/dist/')) file = safeJoin(join(repoRoot, 'dist'), pathname.slice(6));
  else if ((m = /^\/node_modules\/([^/]+)\/(.+)$/.exec(pathname)) && PACKAGES.includes(m[1])) {
    file = safeJoin(join(repoRoot, 'node_modules', m[1]), m[2]);
  } else file = safeJoin(pagesDir, pathname.slice(1));
  if (!file) return { status: 403, type: 'text/plain', body: Buffer.from('forbidden') };
  try {
    const body = await readFile(file);
    return { status: 200, type: TYPES[extname(file)] || 'application/octet-stream', body, file };
  } catch {
    return { status: 404, type: 'text/plain', body: Buffer.from('not found') };
  }
}

/**
 * Starts the server on 127.0.0.1 with an ephemeral port.
 * Returns { origin, log, takeLog(), counts, close() }. `log` entries: { path, status, bytes, type, file, t }.
 */
export async function startServer({ port = 0 } = {}) {
  let log = [];
  const counts = new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = decodeURIComponent(url.pathname);
    let r;
    try { r = await resolveRequest(path); } catch (e) { r = { status: 500, type: 'text/plain', body: Buffer.from(String(e)) }; }
    counts.set(path, (counts.get(path) || 0) + 1);
    log.push({ path, query: url.search, status: r.status, bytes: r.body.length, type: r.type, file: r.file || null, t: Date.now() });
    res.writeHead(r.status, { 'Content-Type': r.type, 'Content-Length': r.body.length });
    res.end(req.method === 'HEAD' ? undefined : r.body);
  });
  server.keepAliveTimeout = 5000;
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    counts,
    get log() { return log; },
    /** Returns the requests since the last call and starts a new log. */
    takeLog() { const l = log; log = []; return l; },
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = await startServer({ port: Number(process.env.PORT || 0) });
  console.log(`bench pages at ${s.origin}/  (Ctrl+C to stop)`);
}
