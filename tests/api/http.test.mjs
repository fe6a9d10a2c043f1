// HTTP-level behaviour shared by every route (docs/api-contract.md "Conventions"): health checks,
// 404/405, body limits, media type, strict JSON, the served OpenAPI document, access-log shape;
// the request head on raw sockets (node:net): Content-Length/Transfer-Encoding framing (RFC 9112
// §6), long targets, many parameters, large headers, %00 in the query; connection limits.
// Signed in as caseworker.herning; the phases before a handler run in the order 413, 404/405,
// 401 (who), 403 (CSRF), 415, 400, so an anonymous request meets 401 before 415 or 400.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { startServer, stopAndCheck, accessLines, assertCleanStderr } from './server.mjs';
import { makeClient, postTooLarge, signedIn, assertUnauthenticated, assertProblem, assertOk, countList, newCitizenBody, describe } from './client.mjs';
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

/** POST of a body of 1 MiB + 1 byte, declared in Content-Length (client.mjs postTooLarge). */
const postDeclaredTooLarge = (client, path) => postTooLarge(client, path, bodyOfSize(MiB + 1));

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
  assertProblem(await postDeclaredTooLarge(anon, '/api/v1/citizens'), 413, 'too_large');
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
  assertProblem(await postDeclaredTooLarge(api, '/api/v1/citizens'), 413, 'too_large');
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
        // The server answers once the limit is passed; ending the body after its answer would
        // race with its close (EPIPE before the 413 is read), as in postDeclaredTooLarge.
        const late = setTimeout(() => req.end(), 2000);
        req.on('response', () => clearTimeout(late));
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

// ---- The request head, on raw sockets --------------------------------------------------------

/**
 * Write `bytes` on a fresh connection and collect what comes back until the server closes it or
 * `waitMs` pass (or, with `untilAnswer`, the first whole answer has come).
 * → {text, closed, ms, responses: [{status, headers, body}]}.
 */
function exchange(port, bytes, { waitMs = 3000, localAddress, untilAnswer = false } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const chunks = [];
    let done = false;
    const sock = net.connect({ port, host: '127.0.0.1', localAddress }, () => sock.write(bytes));
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ text, closed, ms: Date.now() - t0, responses: parseResponses(text) });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    sock.on('data', (c) => {
      chunks.push(c);
      if (untilAnswer && parseResponses(Buffer.concat(chunks).toString('latin1')).length > 0) finish(false);
    });
    sock.on('error', () => finish(true));
    sock.on('close', () => finish(true));
  });
}

/** Split HTTP/1.1 responses (each with Content-Length, as the server sends them). */
function parseResponses(text) {
  const out = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.')) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const lines = rest.slice(0, end).split('\r\n');
    const headers = new Headers();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    const length = Number(headers.get('content-length') ?? 0);
    if (rest.length < end + 4 + length) break;
    out.push({ status: Number(lines[0].split(' ')[1]), headers, body: rest.slice(end + 4, end + 4 + length) });
    rest = rest.slice(end + 4 + length);
  }
  return out;
}

/** The one answer of an exchange as assertProblem() takes it; asserts there was exactly one. */
function onlyAnswer(x, what) {
  assert.equal(x.responses.length, 1, `${what}: expected one answer, got ${x.responses.length} (after ${x.ms} ms): ${x.text.slice(0, 400)}`);
  const [r] = x.responses;
  let body = null;
  try {
    body = JSON.parse(r.body);
  } catch {
    // not JSON: assertProblem reports it
  }
  return { method: 'RAW', path: what, status: r.status, type: r.headers.get('content-type') ?? '', headers: r.headers, text: r.body, body };
}

/** Asserts one problem answer and a closed connection, both well within `withinMs`. */
function assertRefusedAndClosed(x, what, status, code, opts, withinMs = 2000) {
  const res = onlyAnswer(x, what);
  assertProblem(res, status, code, opts);
  assert.ok(x.closed, `${what}: the connection stays open after the refusal`);
  assert.ok(x.ms < withinMs, `${what}: closed after ${x.ms} ms`);
  return res;
}

const port = () => Number(new URL(server.base).port);
const SMUGGLED = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';

test('two Content-Length headers are 400 bad_request and the connection is closed: the bytes after are never a second request', async () => {
  const before = accessLines(server.stderr()).filter((l) => l.route === '/healthz').length;
  const cases = [
    // the first length wins in libmicrohttpd; behind a proxy that takes the last, "{}GET …" is a smuggled request
    `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}${SMUGGLED}`,
    `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\nContent-Length: 2\r\n\r\n{}${SMUGGLED}`,
    // equal values too (RFC 9110 §8.6 allows refusing them); a GET whose first length is 0
    `GET /api/v1/projects HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n${SMUGGLED}`,
    `GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\ncontent-length: 37\r\n\r\n${SMUGGLED}`,
  ];
  for (const [i, bytes] of cases.entries()) {
    const x = await exchange(port(), bytes);
    assertRefusedAndClosed(x, `case ${i}`, 400, 'bad_request', { parameter: 'Content-Length' });
  }
  await new Promise((r) => setTimeout(r, 400)); // access lines are flushed every 200 ms
  const after = accessLines(server.stderr()).filter((l) => l.route === '/healthz').length;
  assert.equal(after, before, 'a smuggled GET /healthz was answered');
});

test('Content-Length with Transfer-Encoding, or a coding other than chunked alone, is 400 and closed (RFC 9112 §6.1, §6.3)', async () => {
  const post = (fields, body) => `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${fields}\r\n\r\n${body}`;
  const chunkedEmpty = `2\r\n{}\r\n0\r\n\r\n${SMUGGLED}`;
  const cases = [
    post('Content-Length: 30\r\nTransfer-Encoding: chunked', chunkedEmpty),
    post('Transfer-Encoding: chunked\r\nContent-Length: 30', chunkedEmpty),
    post('Content-Length: 0\r\nTransfer-Encoding: chunked', chunkedEmpty),
    post('Transfer-Encoding: gzip, chunked', chunkedEmpty),
    post('Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked', chunkedEmpty),
    post('Transfer-Encoding: identity', `{}${SMUGGLED}`),
  ];
  for (const [i, bytes] of cases.entries()) {
    const x = await exchange(port(), bytes);
    assertRefusedAndClosed(x, `case ${i}`, 400, 'bad_request', { parameter: 'Transfer-Encoding' });
  }
  // chunked alone (any case) is still read, and the connection kept
  const ok = await exchange(port(), post('Transfer-Encoding: Chunked', `2\r\n{}\r\n0\r\n\r\n`), { waitMs: 500 });
  assert.equal(ok.responses.length, 1, ok.text.slice(0, 300));
  assertProblem(onlyAnswer(ok, 'chunked'), 422, 'invalid', { field: '/username' });
  assert.equal(ok.closed, false);
});

test('300 query parameters (2 KB) are answered 414 at once, not left hanging', async () => {
  const query = Array.from({ length: 300 }, (_, i) => `p${i}=ab`).join('&');
  assert.ok(query.length > 2000 && query.length < 2500);
  const x = await exchange(port(), `GET /api/v1/projects?${query} HTTP/1.1\r\nHost: x\r\n\r\n`);
  const res = assertRefusedAndClosed(x, '300 parameters', 414, 'uri_too_long');
  assert.match(res.body.detail, /64 parameters/);
  // 64 is still taken (the route then refuses what it does not know, after sign-in)
  const q64 = Array.from({ length: 64 }, (_, i) => `p${i}=1`).join('&');
  const ok = await exchange(port(), `GET /healthz?${q64} HTTP/1.1\r\nHost: x\r\n\r\n`, { waitMs: 500 });
  assert.equal(ok.responses[0]?.status, 200, ok.text.slice(0, 300));
});

test('a 16 KB request target is 414 and a 16 KB header field 431, as problem+json, at once', async () => {
  const long = 'a'.repeat(16 * 1024);
  const cases = [
    [`GET /api/v1/citizens?q=${long} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'uri_too_long'],
    [`GET /api/v1/${long} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'uri_too_long'],
    [`GET /api/v1/projects HTTP/1.1\r\nHost: x\r\nX-Padding: ${long}\r\n\r\n`, 431, 'headers_too_large'],
    [`GET /api/v1/projects HTTP/1.1\r\nHost: x\r\nCookie: samspor_session=${'c'.repeat(12 * 1024)}\r\n\r\n`, 431, 'headers_too_large'],
    [`GET /api/v1/projects HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 150 }, (_, i) => `X-F${i}: v`).join('\r\n')}\r\n\r\n`, 431, 'headers_too_large'],
  ];
  for (const [bytes, status, code] of cases) {
    const x = await exchange(port(), bytes);
    assertRefusedAndClosed(x, `${status} ${bytes.length} bytes`, status, code);
  }
  // just under the limits: answered as usual (401: no sign-in) and kept open
  const ok = await exchange(port(), `GET /api/v1/projects?q=${'a'.repeat(8000)} HTTP/1.1\r\nHost: x\r\nX-Padding: ${'b'.repeat(7000)}\r\n\r\n`, { waitMs: 500 });
  assert.equal(ok.responses[0]?.status, 401, ok.text.slice(0, 300));
  assert.equal(ok.closed, false);
  // beyond the connection's memory (32 KiB; a cookie is copied once more to be parsed)
  // libmicrohttpd answers by itself, in HTML, but still at once
  for (const [bytes, status] of [
    [`GET /api/v1/projects?q=${'a'.repeat(64 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414],
    [`GET /api/v1/projects HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(64 * 1024)}\r\n\r\n`, 431],
    [`GET /api/v1/projects HTTP/1.1\r\nHost: x\r\nCookie: a=${'a'.repeat(20 * 1024)}\r\n\r\n`, 431],
  ]) {
    const huge = await exchange(port(), bytes);
    assert.equal(huge.responses[0]?.status, status, huge.text.slice(0, 300));
    assert.ok(huge.closed && huge.ms < 2000, `closed after ${huge.ms} ms`);
  }
});

test('%00 in a query parameter is 400 bad_request naming the parameter, never read as a shorter value', async () => {
  for (const [path, parameter] of [
    ['/api/v1/instruments/phq9?lang=da%00', 'lang'],
    ['/api/v1/instruments/phq9?lang=da%00en', 'lang'],
    ['/api/v1/citizens?q=Zy%00x', 'q'],
    ['/api/v1/projects?limit=5%00', 'limit'],
    ['/api/v1/organisations?kind=region&region=1084%00', 'region'],
  ]) {
    assertProblem(await api.get(path), 400, 'bad_request', { parameter });
  }
  // in a name: refused, and the name (which might be a value sent in the wrong place) not echoed
  const res = await api.get('/api/v1/projects?0101901234%00=1');
  assertProblem(res, 400, 'bad_request');
  assert.equal(res.body.parameter, undefined);
  // "%2500" is the text "%00", not a NUL
  assertProblem(await api.get('/api/v1/instruments/phq9?lang=%2500'), 422, 'invalid', { parameter: 'lang' });
  assert.equal((await api.get('/api/v1/instruments/phq9?lang=da')).status, 200);
});

// ---- Connections ------------------------------------------------------------------------------

/** The soft RLIMIT_NOFILE of this test process (the client side needs a descriptor per socket). */
function ownSoftFileLimit() {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  return Number(line.split(/\s+/)[3]);
}

/** Open n connections to port, spread over source addresses 127.0.0.2… (at most perAddress each). */
async function openIdle(portNo, n, perAddress) {
  const socks = [];
  const pending = [];
  for (let i = 0; i < n; i++) {
    const localAddress = `127.0.0.${2 + Math.floor(i / perAddress)}`;
    pending.push(new Promise((resolve, reject) => {
      const s = net.connect({ port: portNo, host: '127.0.0.1', localAddress }, () => resolve(s));
      s.on('error', reject);
      socks.push(s);
    }));
  }
  await Promise.all(pending);
  return socks;
}

test('1,100 open sockets (server started with a soft descriptor limit of 1024): a new client still gets an answer', { timeout: 60_000 }, async (t) => {
  if (ownSoftFileLimit() < 1500) {
    t.skip('this process may open fewer than 1500 descriptors');
    return;
  }
  const own = await startServer({ softFileLimit: 1024 });
  let socks = [];
  try {
    socks = await openIdle(own.port, 1100, 200);
    // each holds a started request, so the server has taken them all in, not just the kernel
    for (const s of socks) s.write('GET /healthz HTTP/1.1\r\n');
    await new Promise((r) => setTimeout(r, 300));
    // a new connection (fetch would reuse the one startServer() polled /healthz on)
    const fresh = await exchange(own.port, SMUGGLED, { waitMs: 5000, untilAnswer: true });
    assert.equal(fresh.responses[0]?.status, 200, `no answer within ${fresh.ms} ms`);
    assert.ok(fresh.ms < 2000, `answered after ${fresh.ms} ms`);
    // and one of the 1,100 is still served when it finishes its request
    const x = await new Promise((resolve) => {
      let text = '';
      socks[1099].on('data', (c) => (text += c));
      socks[1099].write('Host: x\r\n\r\n');
      setTimeout(() => resolve(text), 1000);
    });
    assert.match(x, /^HTTP\/1\.1 200/);
    const limit = Number(/at most (\d+) connections/.exec(own.stderr())?.[1]);
    assert.ok(limit >= 1100, `connection limit ${limit}`);
  } finally {
    for (const s of socks) s.destroy();
    await stopAndCheck(own);
  }
});

test('--connections-per-ip: one address beyond its share is turned away, another is still served; --idle-timeout drops a silent client', { timeout: 60_000 }, async () => {
  const own = await startServer({ serveArgs: ['--connections-per-ip', '4', '--idle-timeout', '1'] });
  let socks = [];
  try {
    const p = own.port;
    socks = await openIdle(p, 4, 4); // all from 127.0.0.2
    for (const s of socks) s.write('GET /healthz HTTP/1.1\r\n');
    await new Promise((r) => setTimeout(r, 200));
    const fifth = await exchange(p, SMUGGLED, { localAddress: '127.0.0.2', waitMs: 2000 });
    assert.equal(fifth.responses.length, 0, fifth.text.slice(0, 200));
    assert.ok(fifth.closed, 'the fifth connection from one address is closed');
    const other = await exchange(p, SMUGGLED, { localAddress: '127.0.0.3', waitMs: 500 });
    assert.equal(other.responses[0]?.status, 200);
    // A client that sends half a head and then nothing: closed after the 1 s idle timeout (slowloris).
    const slow = await exchange(p, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', { localAddress: '127.0.0.4', waitMs: 5000 });
    assert.ok(slow.closed, 'a silent client is still connected after 5 s');
    assert.ok(slow.ms >= 900 && slow.ms < 4000, `closed after ${slow.ms} ms`);
    // …and so is an idle keep-alive connection; the four held ones were dropped the same way
    const closedHeld = await Promise.all(socks.map((s) => new Promise((resolve) => {
      if (s.destroyed || s.readyState === 'closed') resolve(true);
      s.once('close', () => resolve(true));
      setTimeout(() => resolve(false), 4000);
    })));
    assert.deepEqual(closedHeld, [true, true, true, true]);
  } finally {
    for (const s of socks) s.destroy();
    await stopAndCheck(own);
  }
});
