// The demo server as `npm start` runs it: options, routes, the consent log, --csp. No browser.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

const children = [];
after(() => { for (const child of children) child.kill(); });

/** Start `node demo/server.mjs …args` and resolve with its base URL and its output so far. */
function serve(args, env = {}) {
  const child = spawn(process.execPath, [join(ROOT, 'demo', 'server.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  children.push(child);
  const output = { text: '' };
  child.stdout.on('data', (d) => { output.text += d; });
  child.stderr.on('data', (d) => { output.text += d; });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start: ${output.text}`)), 10_000);
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+\/)\)/.exec(output.text) || /demo: (http:\/\/\S+\/)/.exec(output.text);
      if (match) {
        clearTimeout(timer);
        ok({ child, output, base: match[1].replace('localhost', '127.0.0.1') });
      }
    });
    child.on('exit', (code) => fail(new Error(`server exited with ${code}: ${output.text}`)));
  });
}

test('node demo/server.mjs --port 0: prints its URL, serves demo/, dist/ and node_modules/', async () => {
  const { base, output } = await serve(['--port', '0']);
  assert.match(output.text, /http:\/\/localhost:\d+\//, 'prints the address');
  const home = await fetch(base);
  assert.equal(home.status, 200);
  assert.match(home.headers.get('content-type'), /text\/html/);
  assert.match(await home.text(), /Northwind Hosting/);
  assert.equal((await fetch(base + 'dist/consentinel.js')).status, 200);
  const preact = await fetch(base + 'node_modules/preact/dist/preact.mjs');
  assert.equal(preact.status, 200);
  assert.match(preact.headers.get('content-type'), /javascript/);
  assert.equal((await fetch(base + 'consent.json')).headers.get('cache-control'), 'no-store');
  assert.equal((await fetch(base + 'nope.html')).status, 404);
  assert.equal((await fetch(base + '%2e%2e/package.json')).status, 404, 'no way out of the served folders');
  assert.equal((await fetch(base + 'dist/..%2f..%2fpackage.json')).status, 404);
});

test('POST /consent-log is printed as JSON', async () => {
  const { base, output } = await serve([], { PORT: '0' });
  const response = await fetch(base + 'consent-log', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'abc', method: 'accept-all' }) });
  assert.equal(response.status, 204);
  for (let i = 0; i < 50 && !/consent-log .*"id":"abc"/.test(output.text); i++) await new Promise((r) => setTimeout(r, 20));
  assert.match(output.text, /consent-log \S+ \{"id":"abc","method":"accept-all"\}/);
  assert.equal((await fetch(base + 'consent-log')).status, 405, 'GET is refused');
});

test('--csp: a strict policy with a fresh nonce on every <script> of a page', async () => {
  const { base } = await serve(['--port', '0', '--csp', '--quiet']);
  const first = await fetch(base + 'esm.html');
  const policy = first.headers.get('content-security-policy');
  assert.match(policy, /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  assert.match(policy, /style-src 'self'(;|$)/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
  const nonce = /'nonce-([^']+)'/.exec(policy)[1];
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g);
  assert.ok(scripts.length > 3 && scripts.every((tag) => tag.includes(`nonce="${nonce}"`)), 'every script carries the nonce');
  const second = await fetch(base + 'esm.html');
  assert.notEqual(/'nonce-([^']+)'/.exec(second.headers.get('content-security-policy'))[1], nonce, 'a new nonce per response');
  assert.equal((await fetch(base + 'css/site.css')).headers.get('content-security-policy'), null, 'only HTML pages get the header');
});

test('a bad port is refused with a message', async () => {
  await assert.rejects(serve(['--port', 'abc']), /invalid port/);
});
