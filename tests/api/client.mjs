// HTTP helpers and shared assertions for the API tests: one request function over fetch, a raw
// one over node:http (for bodies fetch will not send, and for answers sent before the body is
// read), sign-in (session cookie and X-CSRF-Token), problem+json checks, schema checks against src/api/openapi.json, and synthetic
// identifiers built with CPR-kontoret's substitute-number construction (docs/sources.md#s5).
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { repoRoot, validate } from './schema.mjs';
import { sentPersonalValues, rememberPersonal } from './server.mjs';

const STATE_CHANGING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const hasHeader = (h, name) => Object.keys(h).some((k) => k.toLowerCase() === name.toLowerCase());

/** The value of the samspor_session cookie in Set-Cookie header lines, or undefined. */
export function sessionCookieOf(setCookieLines) {
  for (const line of setCookieLines) {
    const m = /^\s*samspor_session=([^;]*)/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/** All Set-Cookie lines of an answer (fetch's Headers or the raw client's). */
export function setCookieLines(headers) {
  if (typeof headers.getSetCookie === 'function') {
    const lines = headers.getSetCookie();
    if (lines.length > 0) return lines;
  }
  const one = headers.get('set-cookie');
  return one ? [one] : [];
}

/** One request over fetch, with a 30 s deadline. */
async function fetchSend(method, url, headers, body) {
  const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/**
 * A client bound to a server base URL. Every answer: {status, headers, text, body, type}.
 * Anonymous until login(): then it sends the session cookie on every request and X-CSRF-Token
 * on POST/PATCH/PUT/DELETE. Per request, `cookie: false` leaves the cookie out, `csrf: false`
 * the CSRF token; a Cookie or X-CSRF-Token in `headers` is sent instead of the session's.
 * `send(method, url, headers, body)` → {status, headers (a Headers), text} carries each request
 * (default: fetch; tests/scale sends through HTTPS with its own certificate authority).
 */
/**
 * POST `body` (over the server's limit) with its Content-Length, as a raw request of `client`.
 * The server refuses a declared length over the limit before it reads the body
 * (docs/api-contract.md), so the headers go first and the body only if no answer came within 2 s:
 * writing a megabyte into a connection the server has already answered and closed races with the
 * answer (EPIPE, or fetch's "fetch failed", before the 413 is read).
 */
export function postTooLarge(client, path, body) {
  return client.raw('POST', path, {
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
    body: (req) => {
      req.on('error', () => {});
      req.flushHeaders();
      const late = setTimeout(() => req.end(body), 2000);
      req.on('response', () => clearTimeout(late));
    },
  });
}

export function makeClient(base, { send = fetchSend } = {}) {
  const session = { cookie: null, csrf: null, user: null };

  function withSession(method, h, { cookie = true, csrf = true } = {}) {
    if (cookie && session.cookie && !hasHeader(h, 'Cookie')) h.Cookie = `samspor_session=${session.cookie}`;
    if (csrf && session.csrf && STATE_CHANGING.has(method.toUpperCase()) && !hasHeader(h, 'X-CSRF-Token'))
      h['X-CSRF-Token'] = session.csrf;
    return h;
  }

  async function request(method, path, { json, body, headers = {}, cookie, csrf } = {}) {
    const h = withSession(method, { ...headers }, { cookie, csrf });
    let payload = body;
    if (json !== undefined) {
      payload = JSON.stringify(json);
      if (!hasHeader(h, 'Content-Type')) h['Content-Type'] = 'application/json';
    }
    const { status, headers: resHeaders, text } = await send(method, base + path, h, payload);
    const type = resHeaders.get('content-type') ?? '';
    let parsed;
    if (/json/.test(type) && text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status, headers: resHeaders, text, body: parsed, type, method, path };
  }

  /** Raw request over node:http; `body` is a Buffer/string or a function(req) that writes it. */
  function raw(method, path, { headers = {}, body, cookie, csrf } = {}) {
    const h = withSession(method, { ...headers }, { cookie, csrf });
    return new Promise((resolve, reject) => {
      const url = new URL(base + path);
      const req = http.request({ method, host: url.hostname, port: url.port, path: url.pathname + url.search, headers: h, agent: false });
      let answered = false;
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('response', (res) => {
        answered = true;
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const type = res.headers['content-type'] ?? '';
          let parsed;
          try {
            parsed = /json/.test(type) && text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          const hdrs = new Headers();
          for (const [k, v] of Object.entries(res.headers)) for (const one of [v].flat()) hdrs.append(k, String(one));
          resolve({ status: res.statusCode, headers: hdrs, text, body: parsed, type, method, path });
        });
        res.on('error', (e) => (answered ? undefined : reject(e)));
      });
      req.on('error', (e) => {
        // A server may answer (413) and close before it has read the whole body: the write then
        // fails with EPIPE/ECONNRESET although the answer arrived. Only fail without an answer.
        if (!answered) reject(e);
      });
      if (typeof body === 'function') body(req);
      else req.end(body);
    });
  }

  /**
   * POST /api/v1/auth/login. On 200 the client keeps the session cookie (from Set-Cookie) and
   * the csrf_token; on any other answer it keeps what it had. Returns the answer. The password,
   * the cookie and the CSRF token are recorded as personal values (never in the server's stderr).
   */
  async function login(username, password = 'samspor-demo', { headers = {} } = {}) {
    rememberPersonal(password);
    const res = await request('POST', '/api/v1/auth/login', { json: { username, password }, headers, cookie: false, csrf: false });
    if (res.status === 200) {
      const value = sessionCookieOf(setCookieLines(res.headers));
      assert.ok(value, `login as ${username}: 200 without a samspor_session cookie`);
      // Secrets, like personal values, must never reach the server's log.
      rememberPersonal(value, res.body.csrf_token);
      session.cookie = value;
      session.csrf = res.body.csrf_token;
      session.user = res.body.user;
    }
    return res;
  }

  /** POST /api/v1/auth/logout with the session; the client is anonymous afterwards. */
  async function logout() {
    const res = await request('POST', '/api/v1/auth/logout');
    session.cookie = null;
    session.csrf = null;
    session.user = null;
    return res;
  }

  return {
    base,
    request,
    raw,
    login,
    logout,
    /** The current session: {cookie, csrf, user} (all null while anonymous). */
    get session() {
      return { ...session };
    },
    /** Forget the session without telling the server (the cookie stays valid there). */
    forget() {
      session.cookie = null;
      session.csrf = null;
      session.user = null;
    },
    /** Use a session obtained elsewhere (another client's cookie and csrf token). */
    adopt({ cookie, csrf, user = null }) {
      session.cookie = cookie;
      session.csrf = csrf;
      session.user = user;
    },
    get: (p, o) => request('GET', p, o),
    post: (p, json, o = {}) => request('POST', p, { ...o, json }),
    patch: (p, json, o = {}) => request('PATCH', p, { ...o, json }),
  };
}

/** A client signed in as username (asserts 200); `options` as makeClient's. */
export async function signedIn(base, username, password = 'samspor-demo', options = {}) {
  const api = makeClient(base, options);
  const res = await api.login(username, password);
  assert.equal(res.status, 200, `login as ${username}: ${describe(res)}`);
  return api;
}

/** Assert 401 unauthenticated (the answer of every non-public route without sign-in). */
export function assertUnauthenticated(res) {
  assertProblem(res, 401, 'unauthenticated');
}

/** A short description of an answer for assertion messages (never the body of a 2xx citizen). */
export function describe(res) {
  const body = res.status >= 400 ? res.text.slice(0, 600) : `${res.text.length} bytes`;
  return `${res.method} ${res.path} → ${res.status} ${res.type}: ${body}`;
}

/** Assert that no value in sentPersonalValues (nor an identifier without its hyphen) is in text. */
export function assertNoPersonal(text, what = 'answer') {
  for (const v of sentPersonalValues) {
    const forms = [v];
    if (/^[0-9]{6}-[0-9A-Za-z]{4}$/.test(v)) forms.push(v.replace('-', ''));
    for (const f of forms) assert.ok(!text.includes(f), `${what} echoes a personal value (${f.length} chars)`);
  }
}

/** Assert a JSON body matches components.schemas[name]. */
export function assertSchema(name, body, res) {
  const errors = validate(name, body);
  assert.deepEqual(errors, [], `${name} schema violations${res ? ` in ${res.method} ${res.path}` : ''}`);
}

const PARAM_BITS = { SP_P_MIN: 'min', SP_P_MAX: 'max', SP_P_EARLIEST: 'earliest', SP_P_LATEST: 'latest', SP_P_ALLOWED: 'allowed', SP_P_EXPECTED: 'expected' };
let reasonTable;
/**
 * The server's one table of reasons, read from its source (src/base/err.c, rows like
 * `[SP_R_RANGE] = {"out_of_range", SP_P_MIN | SP_P_MAX},`): name → the parameters it carries.
 */
export function reasons() {
  if (!reasonTable) {
    const source = readFileSync(path.join(repoRoot, 'src', 'base', 'err.c'), 'utf8');
    reasonTable = new Map();
    for (const m of source.matchAll(/\[SP_R_\w+\] = \{"(\w+)", ([^}]*)\}/g)) {
      const params = m[2].split('|').map((p) => p.trim()).filter((p) => p !== '0').map((p) => PARAM_BITS[p]);
      assert.ok(params.every(Boolean), `err.c: unknown parameter in ${m[0]}`);
      reasonTable.set(m[1], params);
    }
    assert.ok(reasonTable.size > 10, 'err.c: reason table not found');
  }
  return reasonTable;
}

/**
 * Assert the problem's reason: every `invalid` problem has one, from the server's table, with
 * exactly the parameters its row declares (`allowed` an array of strings, dates YYYY-MM-DD).
 */
export function assertReason(res, reason) {
  const body = res.body;
  if (body.code !== 'invalid' && body.reason === undefined && reason === undefined) return;
  assert.equal(typeof body.reason, 'string', `no reason: ${describe(res)}`);
  const params = reasons().get(body.reason);
  assert.ok(params, `reason ${body.reason} is not in src/base/err.c: ${describe(res)}`);
  if (reason !== undefined) assert.equal(body.reason, reason, describe(res));
  for (const name of Object.values(PARAM_BITS)) {
    assert.equal(name in body, params.includes(name), `reason ${body.reason}: parameter ${name} ${name in body ? 'sent' : 'missing'}: ${describe(res)}`);
  }
}

/**
 * Assert an RFC 9457 problem: status, code, type URN, Problem schema, no personal value, a
 * reason on every `invalid` (assertReason), and optionally `field` / `parameter` (a string, or an
 * array of acceptable strings) and `reason`.
 */
export function assertProblem(res, status, code, { field, parameter, reason } = {}) {
  assert.equal(res.status, status, describe(res));
  assert.match(res.type, /^application\/problem\+json\b/, describe(res));
  assert.ok(res.body && typeof res.body === 'object', describe(res));
  assert.equal(res.body.code, code, describe(res));
  assert.equal(res.body.status, status, describe(res));
  assert.equal(res.body.type, `urn:samspor:problem:${code}`, describe(res));
  assert.equal(typeof res.body.title, 'string');
  assertSchema('Problem', res.body, res);
  if (field === null) {
    assert.ok(!('field' in res.body), `an unknown member's name is echoed in field: ${describe(res)}`);
    assert.match(res.body.detail, /^Member number [1-9][0-9]* of this object is not part of the request\.$/, describe(res));
  } else if (field !== undefined) {
    const ok = Array.isArray(field) ? field : [field];
    assert.ok(ok.includes(res.body.field), `field ${JSON.stringify(res.body.field)}, expected ${ok.join(' or ')}: ${describe(res)}`);
  }
  if (parameter !== undefined) assert.equal(res.body.parameter, parameter, describe(res));
  assertReason(res, reason);
  assertNoPersonal(res.text, 'problem');
}

/** Assert a 2xx JSON answer with status `status`, checked against schema `name`. */
export function assertOk(res, status, name) {
  assert.equal(res.status, status, describe(res));
  assert.match(res.type, /^application\/json\b/, describe(res));
  if (name) assertSchema(name, res.body, res);
  return res.body;
}

/** Assert the ETag header is "<version>" for the body's version. */
export function assertETag(res, version = res.body?.version) {
  assert.equal(res.headers.get('etag'), `"${version}"`, describe(res));
}

/** Walk every page of a list with the given limit; returns all items and the pages' sizes. */
export async function walkList(api, path, limit) {
  const items = [];
  const sizes = [];
  let cursor = null;
  for (let guard = 0; guard < 10_000; guard++) {
    const sep = path.includes('?') ? '&' : '?';
    const url = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await api.get(url);
    assert.equal(res.status, 200, describe(res));
    assert.ok(Array.isArray(res.body.items), describe(res));
    assert.ok(res.body.items.length <= limit, `page larger than limit ${limit}`);
    items.push(...res.body.items);
    sizes.push(res.body.items.length);
    cursor = res.body.next_cursor;
    if (cursor === null) return { items, sizes };
    assert.equal(typeof cursor, 'string');
  }
  throw new Error('pagination did not end');
}

/** Total number of items of a list (walks all pages with limit 200). */
export async function countList(api, path) {
  return (await walkList(api, path, 200)).items.length;
}

// --- Dates in Denmark's calendar (the server's "today" is Europe/Copenhagen) ---------------------

const dkFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Denmark as {year, month, day}. */
export function todayDk() {
  const [year, month, day] = dkFormat.format(new Date()).split('-').map(Number);
  return { year, month, day };
}

/** Add days to {year, month, day}. */
export function addDays(d, days) {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export const iso = (d) => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** Whole years from birth to on. */
export function ageOn(birth, on) {
  let age = on.year - birth.year;
  if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age -= 1;
  return age;
}

// --- Synthetic identifiers ---------------------------------------------------------------------

const p2 = (n) => String(n).padStart(2, '0');

/**
 * An erstatningspersonnummer "DDMMYY-CSSX" (docs/sources.md#s5): day + 60, the 7th digit C
 * chosen from the century table ([S2]: 4 for 2000–2036, 0 for 1900–1999), serial SS, sex digit X
 * even for female, odd for male.
 */
export function erstatning({ year, month, day }, { serial = 0, female = true } = {}) {
  const c = year >= 2000 && year <= 2036 ? 4 : year >= 1900 && year <= 1999 ? 0 : null;
  assert.ok(c !== null, `no century digit for ${year}`);
  const s = serial % 100;
  const x = female ? (Math.floor(serial / 100) % 5) * 2 : (Math.floor(serial / 100) % 5) * 2 + 1;
  return `${p2(day + 60)}${p2(month)}${p2(year % 100)}-${c}${p2(s)}${x}`;
}

let serialCounter = 10 + Math.floor(Math.random() * 50);

/**
 * An erstatning identifier for the given birth date that the signed-in user sees no record of
 * (checked by search), recorded as a personal value. Returns {identifier, normalised}. Search
 * shows only the records the user may see; the serial block 99 of the demo data (whose citizens
 * are on other teams) is left alone all the same, so that a test's person is nobody else's.
 */
export async function unusedErstatning(api, birth, { female = true } = {}) {
  for (let i = 0; i < 200; i++) {
    if (serialCounter % 100 === 99) serialCounter++;
    const identifier = erstatning(birth, { serial: serialCounter++, female });
    const res = await api.get(`/api/v1/citizens?q=${encodeURIComponent(identifier.replace('-', ''))}`);
    assert.equal(res.status, 200, describe(res));
    if (res.body.items.length === 0) {
      rememberPersonal(identifier, identifier.replace('-', ''));
      return { identifier, normalised: identifier.replace('-', '') };
    }
  }
  throw new Error('no unused identifier found');
}

let nameCounter = 0;
const FIRST = ['Testine', 'Fiktiva', 'Prøvemarie', 'Demoline', 'Syntetia'];
const LAST = ['Fiktivsen', 'Opdigtetgaard', 'Prøvesen', 'Testrup', 'Ikkeeksisterende'];

/** A fictional name no real person is likely to have; recorded as a personal value. */
export function fictionalName(tag = '') {
  nameCounter += 1;
  const n = nameCounter;
  const name = `${FIRST[n % FIRST.length]} ${tag}Zyx${n}q ${LAST[(n * 3) % LAST.length]}`;
  rememberPersonal(name);
  return name;
}

/** A citizen body with a fresh erstatning identifier; personal values recorded. */
export async function newCitizenBody(api, { birth = { year: 2001, month: 3, day: 7 }, female = true, extra = {} } = {}) {
  const { identifier, normalised } = await unusedErstatning(api, birth, { female });
  const body = { identifier, identifier_type: 'erstatning', name: fictionalName(), synthetic: true, ...extra };
  rememberPersonal(body.phone, body.email);
  return { body, normalised };
}

/** Create a citizen; returns the created citizen (asserts 201). */
export async function createCitizen(api, opts) {
  const { body } = await newCitizenBody(api, opts);
  const res = await api.post('/api/v1/citizens', body);
  return assertOk(res, 201, 'Citizen');
}

/**
 * A citizen of municipality `municipality` registered through api, enrolled today in `project`
 * (its first target group) and moved to active. → {citizen, enrolment}
 */
export async function activeEnrolment(api, project, { municipality = '657', referralSource = 'Jobcenter (API-test)' } = {}) {
  const citizen = await createCitizen(api, { extra: { municipality_code: municipality } });
  let e = assertOk(await api.post('/api/v1/enrolments', {
    project_id: project.id, citizen_id: citizen.id, referral_date: iso(todayDk()), referral_source: referralSource, target_group: project.target_groups[0],
  }), 201, 'Enrolment');
  for (const status of ['screening', 'active'])
    e = assertOk(await api.patch(`/api/v1/enrolments/${e.id}`, { status }, { headers: { 'If-Match': `"${e.version}"` } }), 200, 'Enrolment');
  return { citizen, enrolment: e };
}
