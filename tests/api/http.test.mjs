// HTTP-level behaviour shared by every route (docs/api-contract.md "Conventions"): health checks,
// 404/405, body limits, media type, strict JSON, the served OpenAPI document, access-log shape.
// Signed in as caseworker.herning; the phases before a handler run in the order 413, 404/405,
// 401 (who), 403 (CSRF), 415, 400, so an anonymous request meets 401 before 415 or 400.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { startServer, stopAndCheck, accessLines, assertCleanStderr } from './server.mjs';
import { makeClient, signedIn, assertUnauthenticated, assertProblem, assertOk, countList, newCitizenBody, describe } from './client.mjs';
import { openapiPath } from './schema.mjs';

const MiB = 1024 * 1024;
let server;
let api;

before(async () => {
  server = await startServer();
  api = await signedIn(server.base, 'caseworker.herning');
});
after(async () => {
  await stopAndCheck(server);
});

/** A JSON object of exactly n bytes: {"x":"aaa…"} (refused as an unknown member if it parses). */
function bodyOfSize(n) {
  const head = '{"x":"';
  const tail = '"}';
  return head + 'a'.repeat(n - head.length - tail.length) + tail;
}

const citizenCount = () => countList(api, '/api/v1/citizens');

test('without sign-in: the public routes answer, every other route is 401 unauthenticated', async () => {
  const anon = makeClient(server.base);
  assert.deepEqual(assertOk(await anon.get('/healthz'), 200, 'Health'), { status: 'ok' });
  assert.deepEqual(assertOk(await anon.get('/readyz'), 200, 'Ready'), { status: 'ready' });
  assert.equal((await anon.get('/api/v1/openapi.json')).status, 200);
  for (const p of ['/api/v1/auth/me', '/api/v1/organisations', '/api/v1/projects', '/api/v1/projects/1', '/api/v1/citizens',
    '/api/v1/citizens/1', '/api/v1/citizens/1/access-log', '/api/v1/enrolments', '/api/v1/enrolments/1', '/api/v1/enrolments/1/consents'])
    assertUnauthenticated(await anon.get(p));
  assertUnauthenticated(await anon.post('/api/v1/auth/logout', {}));
  // A session cookie that is not one the server made is no sign-in either.
  assertUnauthenticated(await anon.get('/api/v1/projects', { headers: { Cookie: `samspor_session=${'0'.repeat(64)}` } }));
  assertUnauthenticated(await anon.get('/api/v1/projects', { headers: { Cookie: 'samspor_session=short' } }));
  assertUnauthenticated(await anon.get('/api/v1/projects', { headers: { Authorization: 'Basic YWRtaW46c2Ftc3Bvci1kZW1v' } }));
  assertUnauthenticated(await anon.get('/api/v1/projects', { headers: { Authorization: `Bearer ${'0'.repeat(64)}` } }));
});

test('phase order for an anonymous request: 413, 404 and 405 come before 401; 401 before 415 and 400', async () => {
  const anon = makeClient(server.base);
  const before = await citizenCount();
  assertProblem(await anon.get('/api/v1/nope'), 404, 'not_found');
  assertProblem(await anon.request('DELETE', '/api/v1/citizens'), 405, 'method_not_allowed');
  assertProblem(await anon.raw('POST', '/api/v1/citizens', {
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(MiB + 1) }, body: bodyOfSize(MiB + 1),
  }), 413, 'too_large');
  assertUnauthenticated(await anon.request('POST', '/api/v1/citizens', { body: '{}', headers: { 'Content-Type': 'text/plain' } }));
  assertUnauthenticated(await anon.request('POST', '/api/v1/citizens', { body: '{"x":', headers: { 'Content-Type': 'application/json' } }));
  assertUnauthenticated(await anon.request('PATCH', '/api/v1/enrolments/1', { body: '{}', headers: { 'Content-Type': 'application/json' } }));
  assert.equal(await citizenCount(), before);
});

test('GET /healthz answers 200 {"status":"ok"}', async () => {
  const res = await api.get('/healthz');
  assert.deepEqual(assertOk(res, 200, 'Health'), { status: 'ok' });
});

test('GET /readyz answers 200 {"status":"ready"} while storage answers', async () => {
  const res = await api.get('/readyz');
  assert.deepEqual(assertOk(res, 200, 'Ready'), { status: 'ready' });
});

test('unknown routes are 404 not_found', async () => {
  for (const p of ['/api/v1/nope', '/api/v2/projects', '/api/v1/projects/1/nope', '/api/v1/citizens/1/x']) {
    const res = await api.get(p);
    assertProblem(res, 404, 'not_found');
  }
});

test('a resource id that does not exist is 404 not_found', async () => {
  for (const p of ['/api/v1/projects/999999', '/api/v1/citizens/999999', '/api/v1/enrolments/999999']) {
    assertProblem(await api.get(p), 404, 'not_found');
  }
});

test('a non-numeric or out-of-range id is refused cleanly (404), never a 5xx', async () => {
  for (const p of ['/api/v1/projects/abc', '/api/v1/citizens/0', '/api/v1/citizens/-1', '/api/v1/enrolments/1e3',
    '/api/v1/citizens/99999999999999999999999', '/api/v1/projects/%00']) {
    const res = await api.get(p);
    assertProblem(res, 404, 'not_found');
  }
});

test('a known route with another method is 405 with Allow', async () => {
  const cases = [
    ['POST', '/healthz', ['GET']],
    ['DELETE', '/readyz', ['GET']],
    ['PUT', '/api/v1/openapi.json', ['GET']],
    ['POST', '/api/v1/organisations', ['GET']],
    ['DELETE', '/api/v1/citizens', ['GET', 'POST']],
    ['PUT', '/api/v1/projects', ['GET', 'POST']],
    ['DELETE', '/api/v1/projects/1', ['GET', 'PATCH']],
    ['DELETE', '/api/v1/citizens/1', ['GET']],
    ['PUT', '/api/v1/enrolments/1', ['GET', 'PATCH']],
    ['DELETE', '/api/v1/enrolments', ['GET', 'POST']],
  ];
  for (const [method, path, allowed] of cases) {
    const res = await api.request(method, path);
    assertProblem(res, 405, 'method_not_allowed');
    const allow = (res.headers.get('allow') ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
    for (const m of allowed) assert.ok(allow.includes(m), `${method} ${path}: Allow "${allow}" lacks ${m}`);
    for (const m of allow) assert.ok([...allowed, 'HEAD', 'OPTIONS'].includes(m), `${method} ${path}: Allow "${allow}" names ${m}`);
  }
});

test('a body of 1 MiB + 1 byte is 413 too_large (Content-Length), and nothing is written', async () => {
  const before = await citizenCount();
  const res = await api.raw('POST', '/api/v1/citizens', {
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(MiB + 1) },
    body: bodyOfSize(MiB + 1),
  });
  assertProblem(res, 413, 'too_large');
  assert.equal(await citizenCount(), before);
});

test('a chunked body over 1 MiB is 413 too_large', async () => {
  const res = await api.raw('POST', '/api/v1/projects', {
    headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    body: (req) => {
      const data = Buffer.from(bodyOfSize(MiB + 1));
      const step = 64 * 1024;
      let off = 0;
      const pump = () => {
        while (off < data.length) {
          const chunk = data.subarray(off, off + step);
          off += step;
          if (!req.write(chunk)) return req.once('drain', pump);
        }
        req.end();
      };
      req.on('error', () => {});
      pump();
    },
  });
  assertProblem(res, 413, 'too_large');
});

test('a body of exactly 1 MiB is read (refused for its content: 422, not 413)', async () => {
  const body = bodyOfSize(MiB);
  assert.equal(Buffer.byteLength(body), MiB);
  const res = await api.raw('POST', '/api/v1/citizens', { headers: { 'Content-Type': 'application/json' }, body });
  assertProblem(res, 422, 'invalid');
});

test('a body that is not application/json is 415, and nothing is written', async () => {
  const before = await citizenCount();
  const { body } = await newCitizenBody(api);
  const text = JSON.stringify(body);
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/jsonx', 'multipart/form-data; boundary=x']) {
    const res = await api.request('POST', '/api/v1/citizens', { body: text, headers: { 'Content-Type': type } });
    assertProblem(res, 415, 'unsupported_media_type');
  }
  const none = await api.raw('POST', '/api/v1/citizens', { body: text, headers: { 'Content-Length': String(Buffer.byteLength(text)) } });
  assertProblem(none, 415, 'unsupported_media_type');
  assert.equal(await citizenCount(), before);
});

test('application/json with a charset parameter is accepted', async () => {
  const { body } = await newCitizenBody(api);
  const res = await api.request('POST', '/api/v1/citizens', { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  assertOk(res, 201, 'Citizen');
});

test('bodies that are not one JSON object are 400 malformed, and nothing is written', async () => {
  const before = await citizenCount();
  const { body } = await newCitizenBody(api);
  const good = JSON.stringify(body);
  const bad = ['', ' ', '{', '{"name":', good.slice(0, -1), `${good} x`, `${good}{}`, "{'name':'x'}", '{"name":"a",}', '[]', '[' + good + ']', '"text"', '42', 'null', 'true'];
  for (const text of bad) {
    const res = await api.request('POST', '/api/v1/citizens', { body: text, headers: { 'Content-Type': 'application/json' } });
    assertProblem(res, 400, 'malformed');
  }
  assert.equal(await citizenCount(), before);
});

test('duplicate keys are 400 malformed, and nothing is written', async () => {
  const before = await citizenCount();
  const { body } = await newCitizenBody(api);
  const text = JSON.stringify(body);
  for (const dup of [`{"name":"Zyxdup Fiktiv",${text.slice(1)}`, `${text.slice(0, -1)},"identifier_type":"erstatning"}`]) {
    const res = await api.request('POST', '/api/v1/citizens', { body: dup, headers: { 'Content-Type': 'application/json' } });
    assertProblem(res, 400, 'malformed');
  }
  assert.equal(await citizenCount(), before);
});

test('invalid UTF-8 is 400 malformed, and nothing is written', async () => {
  const before = await citizenCount();
  const { body } = await newCitizenBody(api);
  const [head, tail] = JSON.stringify({ ...body, name: '@@' }).split('@@');
  const sequences = [
    [0xff], // never valid
    [0xc3], // truncated two-byte sequence
    [0xc0, 0xaf], // overlong "/"
    [0xe0, 0x80, 0xaf], // overlong
    [0xed, 0xa0, 0x80], // UTF-16 surrogate encoded in UTF-8
    [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    [0x80], // lone continuation byte
  ];
  for (const seq of sequences) {
    const raw = Buffer.concat([Buffer.from(head + 'Zyx'), Buffer.from(seq), Buffer.from('Fiktiv' + tail)]);
    const res = await api.raw('POST', '/api/v1/citizens', { headers: { 'Content-Type': 'application/json', 'Content-Length': String(raw.length) }, body: raw });
    assertProblem(res, 400, 'malformed');
  }
  assert.equal(await citizenCount(), before);
});

test('a NUL character in a string is refused (400 or 422), never stored truncated', async () => {
  const before = await citizenCount();
  const { body } = await newCitizenBody(api);
  const res = await api.post('/api/v1/citizens', { ...body, name: 'Zyxnul\u0000Fiktiv' });
  assert.ok([400, 422].includes(res.status), describe(res));
  assertProblem(res, res.status, res.status === 400 ? 'malformed' : 'invalid');
  assert.equal(await citizenCount(), before);
});

test('GET /api/v1/openapi.json serves the repository document, with every route', async () => {
  const res = await api.get('/api/v1/openapi.json');
  assert.equal(res.status, 200);
  assert.match(res.type, /^application\/(json|vnd\.oai\.openapi\+json)\b/);
  const served = JSON.parse(res.text);
  const file = JSON.parse(readFileSync(openapiPath, 'utf8'));
  assert.deepEqual(served, file);
  assert.equal(served.openapi, '3.1.0');
  for (const p of ['/healthz', '/readyz', '/api/v1/openapi.json', '/api/v1/organisations', '/api/v1/projects',
    '/api/v1/projects/{id}', '/api/v1/citizens', '/api/v1/citizens/{id}', '/api/v1/enrolments', '/api/v1/enrolments/{id}'])
    assert.ok(p in served.paths, p);
});

test('the access log names route patterns, never ids or query strings', async () => {
  await api.get('/api/v1/projects/1');
  await api.get('/api/v1/organisations?kind=region&limit=3');
  await api.get('/api/v1/citizens/999999');
  // Access lines are buffered per worker thread and flushed at least every 200 ms
  // (src/base/log.h): wait until all three have arrived, up to 5 s.
  const wanted = [
    ['GET /api/v1/projects/{id}', (l) => l.method === 'GET' && l.route === '/api/v1/projects/{id}' && l.status === 200],
    ['GET /api/v1/organisations', (l) => l.method === 'GET' && l.route === '/api/v1/organisations' && l.status === 200],
    ['a 404 on /api/v1/citizens/{id}', (l) => l.method === 'GET' && l.route === '/api/v1/citizens/{id}' && l.status === 404],
  ];
  let lines = [];
  for (let i = 0; i < 100; i++) {
    lines = accessLines(server.stderr());
    if (wanted.every(([, match]) => lines.some(match))) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const [what, match] of wanted) assert.ok(lines.some(match), `access line for ${what}`);
  const ids = lines.map((l) => String(l.request_id));
  assert.equal(new Set(ids).size, ids.length, 'request ids are unique');
});

test('deeply nested JSON is refused (400), not a crash', async () => {
  const text = `{"x":${'['.repeat(200000)}${']'.repeat(200000)}}`;
  const res = await api.request('POST', '/api/v1/citizens', { body: text, headers: { 'Content-Type': 'application/json' } });
  assertProblem(res, 400, 'malformed');
});

test('an object with 60 000 members is refused quickly (422, the first unknown member)', async () => {
  const text = `{${Array.from({ length: 60000 }, (_, i) => `"k${i}":1`).join(',')}}`;
  const t0 = Date.now();
  const res = await api.request('POST', '/api/v1/citizens', { body: text, headers: { 'Content-Type': 'application/json' } });
  assertProblem(res, 422, 'invalid');
  assert.ok(Date.now() - t0 < 5000, 'answered within 5 s');
});

test('HEAD on a GET route answers like GET without a body', async () => {
  const res = await api.raw('HEAD', '/healthz');
  assert.equal(res.status, 200);
  assert.equal(res.text, '');
});

test('many requests on one keep-alive connection', async () => {
  for (let i = 0; i < 50; i++) assert.equal((await api.get('/healthz')).status, 200);
});

test('SIGTERM while a request is in flight: it is answered, then the server exits 0 and refuses new work', async () => {
  const own = await startServer();
  const ownApi = await signedIn(own.base, 'caseworker.herning');
  const { cookie, csrf } = ownApi.session;
  const { body } = await newCitizenBody(ownApi);
  const text = JSON.stringify(body);
  const url = new URL(own.base);
  const answered = new Promise((resolve) => {
    const req = http.request(
      { method: 'POST', host: url.hostname, port: url.port, path: '/api/v1/citizens', agent: false,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)),
          Cookie: `samspor_session=${cookie}`, 'X-CSRF-Token': csrf } },
      (res) => {
        let t = '';
        res.on('data', (c) => (t += c));
        res.on('end', () => resolve({ status: res.statusCode, text: t }));
      },
    );
    req.on('error', (e) => resolve({ status: 0, text: String(e.code) }));
    req.write(text.slice(0, 10));
    setTimeout(() => req.end(text.slice(10)), 600);
  });
  await new Promise((r) => setTimeout(r, 200));
  const stopping = own.stop();
  const res = await answered;
  assert.equal(res.status, 201, res.text.slice(0, 300));
  const { code, signal, stderr } = await stopping;
  assertCleanStderr(stderr);
  assert.equal(signal, null);
  assert.equal(code, 0);
  await assert.rejects(fetch(`${own.base}/healthz`, { signal: AbortSignal.timeout(2000) }));
});
