// Node `http` (and Express, Fastify, Connect…) to the fetch-API handler and back.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * A listener for `http.createServer` that hands each request to `handler` and writes its answer.
 * Express: `app.use('/consent', toNodeListener(handler))` works as it is (Express strips the
 * mount path: create the handler with `basePath: '/'` then, or use the full path).
 * @param {(request: Request, info: { clientAddress?: string }) => Promise<Response>} handler
 * @param {{ trustProxy?: boolean, origin?: string }} [options] trustProxy: take the client address
 *   from the last X-Forwarded-For hop (only behind a proxy you run); origin: the public origin
 *   when the Host header cannot be trusted
 */
export function toNodeListener(handler, { trustProxy = false, origin } = {}) {
  return async (req, res) => {
    try {
      const request = toRequest(req, origin);
      const response = await handler(request, { clientAddress: clientAddress(req, trustProxy) });
      await writeResponse(res, response);
    } catch {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end('{"error":"internal error"}\n');
      } else res.destroy();
    }
  };
}

function clientAddress(req, trustProxy) {
  if (trustProxy) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (forwarded.length) return forwarded[forwarded.length - 1];
  }
  return req.socket?.remoteAddress ?? 'unknown';
}

/** An IncomingMessage as a fetch Request (the body streams; nothing is buffered here). */
export function toRequest(req, origin) {
  const base = origin ?? `http://${req.headers.host ?? 'localhost'}`;
  // Express and others rewrite req.url under a mount; originalUrl is the full path.
  const url = new URL(req.originalUrl ?? req.url ?? '/', base);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined || key.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(key, item);
    else headers.set(key, String(value));
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // A framework that already parsed the body (express.json()) left it on req.body; the handler
  // needs the exact text, so mount it before any body parser.
  return new Request(url, { method, headers, body: hasBody ? Readable.toWeb(req) : undefined, duplex: hasBody ? 'half' : undefined });
}

export async function writeResponse(res, response) {
  const headers = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  // Streamed (an export can be large); a body that fails half-way cuts the connection, so the
  // client sees an incomplete answer rather than a short one that looks whole.
  await pipeline(Readable.fromWeb(response.body), res).catch(() => res.destroy());
}
