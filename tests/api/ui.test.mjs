// The embedded web UI: every file of ui/dist is served with its content type; hashed files under
// /assets/ are cached for a year, index.html is revalidated; the UI's own routes fall back to
// index.html; a missing asset and unknown /api/ paths stay 404; a CSP is sent with pages.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, stopAndCheck, repoRoot } from './server.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await stopAndCheck(server);
});

// Expected types from the IANA media-type registry (text/javascript per RFC 9239, font/woff2 per RFC 8081).
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.svg': 'image/svg+xml' };

function distFiles() {
  const root = path.join(repoRoot, 'ui', 'dist');
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push('/' + path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out;
}

test('every built UI file is served byte for byte with its content type and cache policy', async () => {
  const files = distFiles();
  assert.ok(files.includes('/index.html'));
  for (const file of files) {
    const res = await fetch(server.base + file);
    assert.equal(res.status, 200, file);
    const body = Buffer.from(await res.arrayBuffer());
    assert.ok(body.equals(readFileSync(path.join(repoRoot, 'ui', 'dist', file))), `${file} differs from ui/dist`);
    const ext = path.extname(file);
    if (TYPES[ext]) assert.ok(res.headers.get('content-type').startsWith(TYPES[ext]), `${file}: ${res.headers.get('content-type')}`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    if (file.startsWith('/assets/')) assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', file);
    else assert.equal(res.headers.get('cache-control'), 'no-cache', file);
  }
});

test('/ and the UI\'s own routes answer index.html with a Content-Security-Policy', async () => {
  const index = readFileSync(path.join(repoRoot, 'ui', 'dist', 'index.html'), 'utf8');
  for (const p of ['/', '/projekter', '/citizens/17/treatment']) {
    const res = await fetch(server.base + p);
    assert.equal(res.status, 200, p);
    assert.equal(await res.text(), index, p);
    assert.match(res.headers.get('content-security-policy'), /default-src 'self'/);
    assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  }
});

test('a missing hashed asset and unknown /api/ paths are 404 problems, not index.html', async () => {
  for (const p of ['/assets/nope-123.js', '/api/v1/nope', '/api/']) {
    const res = await fetch(server.base + p);
    assert.equal(res.status, 404, p);
    assert.equal(res.headers.get('content-type'), 'application/problem+json', p);
    assert.equal((await res.json()).code, 'not_found');
  }
});

test('the UI is served without sign-in (it shows the sign-in page), the API behind it is 401 until then', async () => {
  const res = await fetch(server.base + '/');
  assert.equal(res.status, 200);
  await res.arrayBuffer();
  const api = await fetch(server.base + '/api/v1/projects');
  assert.equal(api.status, 401);
  assert.equal(api.headers.get('content-type'), 'application/problem+json');
  assert.equal((await api.json()).code, 'unauthenticated');
});

test('a POST to a UI path is not a page: 404 problem', async () => {
  const res = await fetch(server.base + '/projekter', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  assert.equal(res.status, 404);
  assert.equal((await res.json()).code, 'not_found');
});
