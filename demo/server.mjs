// A small static server for the demo and the real-browser tests. No dependencies: the demo must
// start on a fresh clone with `npm start`, and the tests must count exactly what a browser asked
// for, which a caching dev server or a CDN would hide.
//
//   node demo/server.mjs [--port 8080] [--host 127.0.0.1] [--csp] [--records]
//
// /              → demo/ (pages share demo/partials/header.html and footer.html: <!--#include header-->)
// /dist/         → dist/
// /node_modules/ → node_modules/ (the demo's import map points there)
// /consent-log   → the consent log endpoint of demo/consent.json. With --records (npm start passes
//                  it) it is the consent-records service (packages/records) on PGlite in
//                  .consentinel-records/: POST stores, /consent-log/stats shows the rates, reads
//                  need the token printed at start. Without it (and under startServer() without
//                  `records`, as the tests use it) it prints each JSON body instead.
//
// `--csp` sends a strict Content-Security-Policy with every HTML page and adds a fresh nonce to
// each `<script` tag of it, like a server-side template would, so the demo can be tried under the
// policy a careful site uses.

import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The policy `--csp` sends; `{nonce}` is replaced per response. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'self'";

/**
 * Start the server. Resolves once it listens.
 *
 * @param {object} [options]
 * @param {number} [options.port] 0 picks a free port (the tests do that)
 * @param {string} [options.host] default 127.0.0.1
 * @param {string} [options.root] the repository root (demo/, dist/ and node_modules/ are under it)
 * @param {Record<string, string>} [options.mounts] extra URL prefix → directory (relative to root)
 * @param {boolean} [options.quiet] do not print consent-log bodies
 * @param {boolean} [options.csp] strict CSP with per-response nonces on HTML pages
 * @param {object} [options.records] serve /consent-log with the consent-records service: options of
 *   createRecordsService (dataDir, memory, token, databaseUrl…)
 */
export async function startServer(options = {}) {
  const { port = 8080, host = '127.0.0.1', root = repo, quiet = false, csp = false } = options;
  const mounts = [
    ...Object.entries(options.mounts ?? {}),
    ['/dist/', 'dist'],
    ['/node_modules/', 'node_modules'],
    ['/', 'demo'],
  ].map(([prefix, dir]) => [prefix, resolve(root, dir)]);

  /** @type {{ method: string, path: string, url: string, headers: object, time: number }[]} */
  const requests = [];
  /** @type {any[]} bodies POSTed to /consent-log, parsed when they are JSON */
  const consentLog = [];
  /** @type {Map<string, Function>} exact path → handler(req, res, ctx) */
  const routes = new Map();
  const records = options.records ? await startRecords(options.records, quiet) : null;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    const entry = { method: req.method ?? 'GET', path, url: url.pathname + url.search, headers: req.headers, time: Date.now() };
    requests.push(entry);
    if (records && (path === '/consent-log' || path.startsWith('/consent-log/'))) return records.listener(req, res);
    try {
      const body = req.method === 'POST' || req.method === 'PUT' ? await readBody(req) : '';
      const route = routes.get(path);
      if (route) {
        await route(req, res, { url, path, body, serveFile: (file, headers) => serveFile(req, res, file, headers, csp) });
        return;
      }
      if (path === '/consent-log') {
        if (req.method !== 'POST') return send(res, 405, 'POST only');
        let record = body;
        try { record = JSON.parse(body); } catch { /* kept as text: the log shows what arrived */ }
        consentLog.push(record);
        if (!quiet) console.log(`consent-log ${new Date().toISOString()} ${typeof record === 'string' ? record : JSON.stringify(record)}`);
        res.writeHead(204, { 'Cache-Control': 'no-store' });
        res.end();
        return;
      }
      // The demo links to the records service's stats page: without the service, say where it is.
      if (path === '/consent-log/stats') {
        return send(res, 200, 'This server prints the consent log instead of storing it. Start the demo with `npm start` (or `node demo/server.mjs --records`) to run the consent-records service and see its stats here.');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
      const file = locate(mounts, path);
      if (!file) return send(res, 404, 'not found');
      await serveFile(req, res, file, {}, csp);
    } catch (error) {
      if (!quiet) console.error(error);
      if (!res.headersSent) send(res, 500, 'server error');
      else res.end();
    }
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => { server.off('error', fail); ok(); });
  });
  const actualPort = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;

  return {
    server,
    port: actualPort,
    origin,
    url: origin + '/',
    requests,
    consentLog,
    /** How many requests matched: an exact path, a RegExp on path+query, or a predicate. */
    count(match) {
      return requests.filter(toPredicate(match)).length;
    },
    /** Requests that matched (see count). */
    matching(match) {
      return requests.filter(toPredicate(match));
    },
    /** Forget the requests and consent-log bodies seen so far. */
    clear() {
      requests.length = 0;
      consentLog.length = 0;
    },
    /** Answer one exact path with a handler `(req, res, { url, path, body, serveFile })`. */
    route(path, handler) {
      routes.set(path, handler);
      return () => routes.delete(path);
    },
    unroute(path) {
      routes.delete(path);
    },
    /** The consent-records service behind /consent-log, when `records` was given. */
    records: records?.service ?? null,
    close() {
      server.closeAllConnections?.();
      return new Promise((ok) => server.close(() => ok())).then(() => records?.service.close());
    },
  };
}

/** The records service, mounted at /consent-log (the endpoint demo/consent.json names). */
async function startRecords({ onStored, ...options }, quiet) {
  const { createRecordsService, toNodeListener } = await import('@consentinel/records');
  const service = await createRecordsService({
    basePath: '/consent-log/',
    siteConfig: join(here, 'consent.json'),
    ...options,
    // Refused records and errors (never a body); stored ones are announced by onStored.
    log: (line) => !quiet && (/^error/.test(line) || /^POST \S+ [^2]/.test(line)) && console.log(`consent-records ${line}`),
  });
  const handler = async (request, info) => {
    const response = await service.handler(request, info);
    // Point at the CLI for each decision stored, so `show` is one copy-paste away.
    if (!quiet && request.method === 'POST' && response.status === 201 && onStored) onStored(await response.clone().json());
    return response;
  };
  return { service, listener: toNodeListener(handler) };
}

function toPredicate(match) {
  if (typeof match === 'function') return match;
  if (match instanceof RegExp) return (r) => match.test(r.url);
  return (r) => r.path === match;
}

function locate(mounts, path) {
  for (const [prefix, dir] of mounts) {
    if (!path.startsWith(prefix)) continue;
    const target = normalize(join(dir, path.slice(prefix.length)));
    // A `..` that climbs out of the mount is refused, not resolved.
    if (target !== dir && !target.startsWith(dir + sep)) return null;
    return target;
  }
  return null;
}

async function serveFile(req, res, file, extraHeaders = {}, csp = false) {
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return send(res, 404, 'not found');
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  let body = await readFile(file);
  if (type.startsWith('text/html')) body = Buffer.from(await includePartials(body.toString('utf8'), file));
  const headers = {
    'Content-Type': type,
    // Every request reaches the server, so the tests can count what a page really fetched.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // As a CDN serves it: the UI and the chunks are ES modules, which a page of another origin
    // (or a sandboxed iframe, whose origin is opaque) may import only with CORS.
    ...(file.startsWith(resolve(repo, 'dist')) ? { 'Access-Control-Allow-Origin': '*' } : {}),
    ...extraHeaders,
  };
  if (csp && type.startsWith('text/html') && !('Content-Security-Policy' in extraHeaders)) {
    const nonce = randomBytes(16).toString('base64');
    body = Buffer.from(body.toString('utf8').replace(/<script\b/g, `<script nonce="${nonce}"`));
    headers['Content-Security-Policy'] = STRICT_CSP.replace('{nonce}', nonce);
  }
  headers['Content-Length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * The demo's pages share their header and footer: `<!--#include header-->` stands for
 * demo/partials/header.html. The navigation link to the page itself gets aria-current="page".
 */
async function includePartials(html, file) {
  if (!html.includes('<!--#include ')) return html;
  const self = file.startsWith(join(here, '')) ? `/${file.slice(here.length + 1).replace(/(^|\/)index\.html$/, '')}` : null;
  let out = html;
  for (const [tag, name] of html.matchAll(/<!--#include ([a-z-]+)-->/g)) {
    const partial = await readFile(join(here, 'partials', `${name}.html`), 'utf8');
    out = out.replace(tag, partial.trim());
  }
  return self ? out.replace(`<a href="${self}">`, `<a href="${self}" aria-current="page">`) : out;
}

function send(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text + '\n');
}

function readBody(req) {
  return new Promise((ok, fail) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > 1 << 20) { fail(new Error('body too large')); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [key, inline] = arg.split('=', 2);
    const value = () => inline ?? argv[++i];
    if (key === '--port' || key === '-p') out.port = Number(value());
    else if (key === '--host') out.host = value();
    else if (key === '--csp') out.csp = true;
    else if (key === '--quiet') out.quiet = true;
    else if (key === '--records') out.records = true;
    else if (key === '--help' || key === '-h') out.help = true;
    else throw new Error(`unknown option ${arg} (try --help)`);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(String(error.message));
    process.exit(2);
  }
  if (args.help) {
    console.log('usage: node demo/server.mjs [--port 8080] [--host 127.0.0.1] [--csp] [--quiet] [--records]\n(PORT and HOST in the environment work too; --records stores the consent log in the consent-records service, as npm start does)');
    process.exit(0);
  }
  const port = args.port ?? (process.env.PORT ? Number(process.env.PORT) : 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid port: ${args.port ?? process.env.PORT}`);
    process.exit(2);
  }
  const host = args.host ?? process.env.HOST ?? '127.0.0.1';
  try {
    await stat(join(repo, 'dist', 'consentinel.js'));
  } catch {
    console.warn('warning: dist/consentinel.js is missing; run `npm run build` (npm start does it for you)');
  }
  // The demo's read token: CONSENTINEL_RECORDS_TOKEN when set, else a fresh one per start.
  const token = process.env.CONSENTINEL_RECORDS_TOKEN || randomBytes(18).toString('base64url');
  let recordsUrl = '';
  const records = args.records
    ? {
        dataDir: process.env.CONSENTINEL_RECORDS_DIR ?? join(repo, '.consentinel-records'),
        token,
        onStored: ({ consentId, method, seq }) =>
          console.log(`consent-log stored record #${seq}, ${method}, consent id ${consentId}; see it with\n  CONSENTINEL_RECORDS_TOKEN=${token} npx consentinel-records show ${consentId} --url ${recordsUrl}`),
      }
    : undefined;
  try {
    const s = await startServer({ port, host, quiet: args.quiet, csp: args.csp, records });
    const shown = host === '127.0.0.1' ? `http://localhost:${s.port}/` : s.url;
    recordsUrl = `${shown}consent-log/`;
    console.log(`Northwind Hosting demo: ${shown}${shown === s.url ? '' : `  (listening on ${s.url})`}`);
    if (args.csp) console.log('strict Content-Security-Policy on: ' + STRICT_CSP.replace('{nonce}', '<per response>'));
    if (records) {
      console.log(`consent records: ${s.records.store.db.describe()}, stats at ${recordsUrl}stats?token=${token}`);
      console.log(`(read token ${token}; set CONSENTINEL_RECORDS_TOKEN to keep one across restarts)`);
      console.log('Decisions are stored and listed below. Ctrl+C stops the server.');
    } else console.log('consent-log POSTs are printed below. Ctrl+C stops the server.');
    const stop = () => s.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    if (error?.code === 'EADDRINUSE') console.error(`port ${port} is in use: try PORT=8081 npm start, or --port 8081`);
    else console.error(error);
    process.exit(1);
  }
}
