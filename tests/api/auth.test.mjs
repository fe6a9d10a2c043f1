// Sign-in, sessions, CSRF, API tokens, throttling and the audit chain (docs/security-model.md
// "Sessions and tokens", "Audit"). Session rows are aged with SQL on the server's own database
// (sqlite3 or psql; timestamps are Unix seconds, now taken by the test); users are disabled and tokens made and revoked with
// the samspor command line while the server runs. Each test uses its own users, so that the
// throttle and the session tables of one test never touch another's.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, samspor, sql, keyFileOf, rememberPersonal } from './server.mjs';
import {
  makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, countList, newCitizenBody, createCitizen,
  setCookieLines, sessionCookieOf, describe, todayDk, addDays, iso,
} from './client.mjs';

let server;
let keyFile;
before(async () => {
  server = await startServer();
  keyFile = keyFileOf(server.db);
});
after(async () => {
  await stopAndCheck(server);
});

const PASSWORD = 'samspor-demo';
const nowS = () => Math.floor(Date.now() / 1000);

/** The attributes of the samspor_session Set-Cookie line: {value, attrs: Map(lower name → value)}. */
function sessionCookie(res) {
  const line = setCookieLines(res.headers).find((l) => l.trim().startsWith('samspor_session='));
  assert.ok(line, `no samspor_session Set-Cookie: ${describe(res)}`);
  const [pair, ...rest] = line.split(';').map((s) => s.trim());
  const attrs = new Map();
  for (const a of rest) {
    const i = a.indexOf('=');
    attrs.set((i < 0 ? a : a.slice(0, i)).toLowerCase(), i < 0 ? true : a.slice(i + 1));
  }
  return { value: pair.slice('samspor_session='.length), attrs, line };
}

/** Run samspor on the server's database; assert the exit status. */
function cli(args, { input, status = 0 } = {}) {
  const r = samspor([...args, '--db', server.db, '--key', keyFile], { input });
  assert.equal(r.status, status, `samspor ${args.join(' ')} → ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** A new API token for a user: {token, id}. */
function makeToken(username, scope, extra = []) {
  const r = cli(['token', 'create', '--user', username, '--scope', scope, ...extra]);
  const token = r.stdout.trim();
  assert.match(token, /^[0-9a-f]{64}$/, 'the token is printed once, 64 hex digits');
  rememberPersonal(token);
  const id = Number(/token ([0-9]+) for/.exec(r.stderr)?.[1]);
  assert.ok(id > 0, `token id in: ${r.stderr}`);
  return { token, id };
}

const bearer = (token) => ({ headers: { Authorization: `Bearer ${token}` } });
const userIdOf = (username) => sql(server.db, `SELECT id FROM app_user WHERE username = '${username}'`)[0].id;

// --- Login and the cookie ------------------------------------------------------------------------

test('login: 200 {csrf_token, user}; samspor_session is HttpOnly, SameSite=Strict, Path=/, not Secure over plain HTTP', async () => {
  const api = makeClient(server.base);
  const res = await api.login('caseworker.herning');
  const body = assertOk(res, 200, 'LoginResponse');
  assert.equal(body.user.username, 'caseworker.herning');
  assert.deepEqual(body.user.roles, ['caseworker']);
  assert.equal(body.user.organisation_code, '657');
  assert.match(body.csrf_token, /^[0-9a-f]{64}$/);
  const c = sessionCookie(res);
  assert.match(c.value, /^[0-9a-f]{64}$/, 'a 256-bit random token');
  assert.equal(c.attrs.get('httponly'), true, c.line);
  assert.equal(c.attrs.get('samesite'), 'Strict', c.line);
  assert.equal(c.attrs.get('path'), '/', c.line);
  assert.ok(!c.attrs.has('secure'), `no Secure over plain HTTP: ${c.line}`);
  assert.ok(!res.text.includes(c.value), 'the session token is not in the body');
  assert.notEqual(c.value, body.csrf_token);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const me = assertOk(await api.get('/api/v1/auth/me'), 200, 'Me');
  assert.deepEqual(me.user, body.user);
  // Only the token's hash is stored.
  assert.equal(sql(server.db, `SELECT COUNT(*) AS n FROM session WHERE token_hash = '${c.value}' OR csrf_token = '${c.value}'`)[0].n, 0);
  assert.equal(sql(server.db, `SELECT COUNT(*) AS n FROM session WHERE csrf_token = '${body.csrf_token}'`)[0].n, 1);
});

test('behind TLS (X-Forwarded-Proto: https) the session cookie is also Secure, on login and on logout', async () => {
  const api = makeClient(server.base);
  const tls = { 'X-Forwarded-Proto': 'https' };
  const res = await api.login('jobconsultant.herning', PASSWORD, { headers: tls });
  assert.equal(res.status, 200, describe(res));
  const c = sessionCookie(res);
  assert.equal(c.attrs.get('secure'), true, c.line);
  assert.equal(c.attrs.get('httponly'), true, c.line);
  assert.equal(c.attrs.get('samesite'), 'Strict', c.line);
  const out = await api.request('POST', '/api/v1/auth/logout', { headers: tls });
  assertOk(out, 200, 'LogoutResponse');
  const cleared = sessionCookie(out);
  assert.equal(cleared.value, '');
  assert.equal(cleared.attrs.get('max-age'), '0');
  assert.equal(cleared.attrs.get('secure'), true, cleared.line);
});

test('login refuses malformed bodies with 422/415 before any password work, and they are not failures', async () => {
  const api = makeClient(server.base);
  assertProblem(await api.post('/api/v1/auth/login', { username: 'caseworker.skive' }), 422, 'invalid', { field: '/password' });
  assertProblem(await api.post('/api/v1/auth/login', { password: PASSWORD }), 422, 'invalid', { field: '/username' });
  assertProblem(await api.post('/api/v1/auth/login', { username: 'caseworker.skive', password: PASSWORD, remember: true }), 422, 'invalid', { field: null });
  assertProblem(await api.post('/api/v1/auth/login', { username: 'caseworker.skive', password: 7 }), 422, 'invalid', { field: '/password' });
  assertProblem(await api.post('/api/v1/auth/login', { username: 'x'.repeat(101), password: PASSWORD }), 422, 'invalid', { field: '/username' });
  assertProblem(await api.request('POST', '/api/v1/auth/login', { body: 'username=caseworker.skive', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type');
  assertProblem(await api.request('POST', '/api/v1/auth/login', { body: '{"username":', headers: { 'Content-Type': 'application/json' } }), 400, 'malformed');
  assert.equal(sql(server.db, "SELECT COUNT(*) AS n FROM audit_event WHERE action = 'login' AND username = 'caseworker.skive'")[0].n, 0);
  assert.equal((await api.login('caseworker.skive')).status, 200);
});

// --- Session fixation, logout -------------------------------------------------------------------

test('session fixation: a cookie planted before login is not the session after it; each login is a new token', async () => {
  const planted = 'ab'.repeat(32);
  const api = makeClient(server.base);
  const res = await api.request('POST', '/api/v1/auth/login', {
    json: { username: 'resourceconsultant.naestved', password: PASSWORD }, headers: { Cookie: `samspor_session=${planted}` },
  });
  assertOk(res, 200, 'LoginResponse');
  const first = sessionCookie(res).value;
  assert.notEqual(first, planted, 'the planted value is never promoted');
  assertUnauthenticated(await api.get('/api/v1/auth/me', { headers: { Cookie: `samspor_session=${planted}` } }));
  assert.equal((await api.get('/api/v1/auth/me', { headers: { Cookie: `samspor_session=${first}` } })).status, 200);

  // Signing in again, with the first session's cookie: a new token and a new CSRF token.
  const again = await api.request('POST', '/api/v1/auth/login', {
    json: { username: 'resourceconsultant.naestved', password: PASSWORD }, headers: { Cookie: `samspor_session=${first}` },
  });
  assertOk(again, 200, 'LoginResponse');
  const second = sessionCookie(again).value;
  assert.notEqual(second, first);
  assert.notEqual(again.body.csrf_token, res.body.csrf_token);
});

test('the old session works until it is logged out; logout ends it (401 after) and leaves the other session alone', async () => {
  const a = await signedIn(server.base, 'caseworker.randers');
  const b = await signedIn(server.base, 'caseworker.randers');
  assert.notEqual(a.session.cookie, b.session.cookie);
  assert.equal((await a.get('/api/v1/auth/me')).status, 200, 'the first session still works');
  assert.equal((await b.get('/api/v1/auth/me')).status, 200);

  // Logout changes state: without the CSRF token it is refused and the session goes on.
  assertProblem(await a.post('/api/v1/auth/logout', undefined, { csrf: false }), 403, 'csrf');
  assert.equal((await a.get('/api/v1/auth/me')).status, 200);

  const { cookie, csrf } = a.session;
  const out = await a.logout();
  assert.deepEqual(assertOk(out, 200, 'LogoutResponse'), { signed_out: true });
  const cleared = sessionCookie(out);
  assert.equal(cleared.value, '');
  assert.equal(cleared.attrs.get('max-age'), '0');
  const stale = makeClient(server.base);
  stale.adopt({ cookie, csrf });
  assertUnauthenticated(await stale.get('/api/v1/auth/me'));
  assertUnauthenticated(await stale.get('/api/v1/citizens'));
  const before = await countList(b, '/api/v1/citizens');
  const { body } = await newCitizenBody(b);
  assertUnauthenticated(await stale.post('/api/v1/citizens', body));
  assertUnauthenticated(await stale.post('/api/v1/auth/logout'));
  assert.equal(await countList(b, '/api/v1/citizens'), before);
  assert.equal((await b.get('/api/v1/auth/me')).status, 200, 'the other session is untouched');
  assert.equal(sql(server.db, `SELECT ended FROM session WHERE csrf_token = '${csrf}'`)[0].ended, 1);
});

// --- CSRF ------------------------------------------------------------------------------------

test('CSRF: a state change with the cookie but a missing or wrong X-CSRF-Token is 403 csrf, and nothing is written', async () => {
  const api = await signedIn(server.base, 'caseworker.skive');
  const other = await signedIn(server.base, 'caseworker.skive');
  const count = () => countList(api, '/api/v1/citizens');
  const before = await count();
  const { body, normalised } = await newCitizenBody(api);
  const wrong = [
    ['missing', { csrf: false }],
    ['wrong', { headers: { 'X-CSRF-Token': 'f'.repeat(64) } }],
    ['another session\'s', { headers: { 'X-CSRF-Token': other.session.csrf } }],
    ['empty', { headers: { 'X-CSRF-Token': '' } }],
    ['one character short', { headers: { 'X-CSRF-Token': api.session.csrf.slice(0, 63) } }],
  ];
  for (const [why, opts] of wrong) {
    const res = await api.post('/api/v1/citizens', body, opts);
    assert.equal(res.status, 403, `${why}: ${describe(res)}`);
    assertProblem(res, 403, 'csrf');
  }
  // CSRF is checked before the media type and the body.
  assertProblem(await api.request('POST', '/api/v1/citizens', { body: 'x', headers: { 'Content-Type': 'text/plain' }, csrf: false }), 403, 'csrf');
  assert.equal(await count(), before);
  assert.deepEqual(assertOk(await api.get(`/api/v1/citizens?q=${normalised}`), 200, 'CitizenList').items, []);

  // PATCH and a consent likewise.
  const project = (await api.get('/api/v1/projects?limit=200')).body.items.find((p) => p.slug === 'ibbu-midt');
  const c = await createCitizen(api);
  const e = assertOk(await api.post('/api/v1/enrolments', {
    project_id: project.id, citizen_id: c.id, referral_date: iso(todayDk()), referral_source: 'Jobcenter', target_group: project.target_groups[0],
  }), 201, 'Enrolment');
  assertProblem(await api.patch(`/api/v1/enrolments/${e.id}`, { status: 'screening' }, { headers: { 'If-Match': '"1"' }, csrf: false }), 403, 'csrf');
  assertProblem(await api.post(`/api/v1/enrolments/${e.id}/consents`, { scope: 'research_use', given: true, date: iso(todayDk()) }, { csrf: false }), 403, 'csrf');
  assert.equal(assertOk(await api.get(`/api/v1/enrolments/${e.id}`), 200, 'Enrolment').version, 1);
  assert.deepEqual(assertOk(await api.get(`/api/v1/enrolments/${e.id}/consents`), 200, 'ConsentList').items, []);
  // With the right token it goes through; GET never needs it.
  assertOk(await api.post('/api/v1/citizens', body), 201, 'Citizen');
  assert.equal(await count(), before + 2);
});

// --- Expiry ----------------------------------------------------------------------------------

test('idle timeout: a session unused for 31 minutes is 401; 29 minutes is still fine (last_seen in Unix seconds)', async () => {
  const api = await signedIn(server.base, 'therapist.herning');
  const uid = userIdOf('therapist.herning');
  const [row] = sql(server.db, `SELECT created_at, last_seen FROM session WHERE user_id = ${uid}`);
  assert.ok(Number.isInteger(row.created_at) && Math.abs(row.created_at - nowS()) < 120, `created_at ${row.created_at} is Unix seconds`);
  assert.ok(Number.isInteger(row.last_seen) && Math.abs(row.last_seen - nowS()) < 120, `last_seen ${row.last_seen} is Unix seconds`);

  sql(server.db, `UPDATE session SET last_seen = ${nowS()} - 29 * 60 WHERE user_id = ${uid}`);
  assert.equal((await api.get('/api/v1/auth/me')).status, 200, '29 minutes idle');
  // That request counted as activity.
  const touched = sql(server.db, `SELECT last_seen FROM session WHERE user_id = ${uid}`)[0].last_seen;
  assert.ok(nowS() - touched < 120, 'last_seen moved to now');

  sql(server.db, `UPDATE session SET last_seen = ${nowS()} - 31 * 60 WHERE user_id = ${uid}`);
  assertUnauthenticated(await api.get('/api/v1/auth/me'));
  assertUnauthenticated(await api.get('/api/v1/projects'));
  // A new sign-in works.
  assert.equal((await api.login('therapist.herning')).status, 200);
  assert.equal((await api.get('/api/v1/auth/me')).status, 200);
});

test('absolute timeout: a session older than 12 hours is 401 even when in use; 11 h 59 min is still fine', async () => {
  const api = await signedIn(server.base, 'supervisor.herning');
  const uid = userIdOf('supervisor.herning');
  sql(server.db, `UPDATE session SET created_at = ${nowS()} - (12 * 3600 - 60) WHERE user_id = ${uid}`);
  assert.equal((await api.get('/api/v1/auth/me')).status, 200, '11 h 59 min old');
  sql(server.db, `UPDATE session SET created_at = ${nowS()} - (12 * 3600 + 60),
    last_seen = ${nowS()} WHERE user_id = ${uid}`);
  assertUnauthenticated(await api.get('/api/v1/auth/me'));
  assertUnauthenticated(await api.post('/api/v1/auth/logout'));
});

// --- Disabled users ----------------------------------------------------------------------------

test('a user disabled with `samspor user disable` while the server runs is 401 on the next request and cannot sign in', async () => {
  const username = 'therapist.skive';
  const api = await signedIn(server.base, username);
  const { token } = makeToken(username, 'read');
  assert.equal((await api.get('/api/v1/auth/me')).status, 200);
  assert.equal((await makeClient(server.base).get('/api/v1/auth/me', bearer(token))).status, 200);
  const r = cli(['user', 'disable', '--username', username]);
  assert.match(r.stdout, /disabled/);
  assertUnauthenticated(await api.get('/api/v1/auth/me'));
  assertUnauthenticated(await api.get('/api/v1/citizens'));
  assertUnauthenticated(await makeClient(server.base).get('/api/v1/auth/me', bearer(token)));
  const again = await makeClient(server.base).login(username);
  assertUnauthenticated(again);
  // The same answer as a wrong password: a disabled account is not revealed.
  const wrong = await makeClient(server.base).login('therapist.randers', 'not-the-password-zyx1');
  assertUnauthenticated(wrong);
  assert.deepEqual(again.body, wrong.body);
  assert.ok(!setCookieLines(again.headers).some((l) => sessionCookieOf([l])), 'no cookie for a disabled user');
  // `user list` shows the state.
  assert.match(cli(['user', 'list']).stdout, new RegExp(`${username.replace('.', '\\.')}\\s+\\S+\\s+off`));
});

test('`samspor user passwd` (password on stdin) ends every session of the user; the old password stops working', async () => {
  const username = 'caseworker.jammerbugt';
  const api = await signedIn(server.base, username);
  // A password the policy refuses changes nothing.
  cli(['user', 'passwd', '--username', username], { input: 'short\n', status: 1 });
  assert.equal((await api.get('/api/v1/auth/me')).status, 200);
  const fresh = 'zyx-new-passphrase-4242';
  rememberPersonal(fresh);
  cli(['user', 'passwd', '--username', username], { input: `${fresh}\n` });
  assertUnauthenticated(await api.get('/api/v1/auth/me'));
  assertUnauthenticated(await makeClient(server.base).login(username));
  assert.equal((await makeClient(server.base).login(username, fresh)).status, 200);
});

// --- API tokens --------------------------------------------------------------------------------

test('API token with scope read: GET works with Authorization: Bearer, a write is 403 and writes nothing', async () => {
  const { token } = makeToken('caseworker.herning', 'read', ['--label', 'api-test read']);
  const integ = makeClient(server.base);
  const me = assertOk(await integ.get('/api/v1/auth/me', bearer(token)), 200, 'Me');
  assert.equal(me.user.username, 'caseworker.herning');
  assertOk(await integ.get('/api/v1/citizens', bearer(token)), 200, 'CitizenList');
  assertOk(await integ.get('/api/v1/projects', bearer(token)), 200, 'ProjectList');
  const before = await countList({ get: (p) => integ.get(p, bearer(token)) }, '/api/v1/citizens');
  const { body } = await newCitizenBody({ get: (p) => integ.get(p, bearer(token)) });
  assertProblem(await integ.post('/api/v1/citizens', body, bearer(token)), 403, 'forbidden');
  assert.equal(await countList({ get: (p) => integ.get(p, bearer(token)) }, '/api/v1/citizens'), before);
  // No cookie comes with a token.
  assert.equal(setCookieLines((await integ.get('/api/v1/auth/me', bearer(token))).headers).length, 0);
  // Malformed Authorization values are 401, never a 5xx.
  for (const h of [`Bearer ${token.slice(0, 63)}`, `Bearer ${token}0`, `Token ${token}`, 'Bearer ', `Bearer  ${token}`])
    assertUnauthenticated(await integ.get('/api/v1/auth/me', { headers: { Authorization: h } }));
});

test('API token with scope read,write: POST works without a CSRF token; revoked (token revoke --id N) it is 401', async () => {
  const { token, id } = makeToken('caseworker.herning', 'read,write');
  const integ = makeClient(server.base);
  const { body } = await newCitizenBody({ get: (p) => integ.get(p, bearer(token)) });
  const created = assertOk(await integ.post('/api/v1/citizens', body, bearer(token)), 201, 'Citizen');
  assertOk(await integ.get(`/api/v1/citizens/${created.id}`, bearer(token)), 200, 'Citizen');
  const listed = cli(['token', 'list', '--user', 'caseworker.herning']).stdout;
  assert.match(listed, new RegExp(`^${id}\\s+\\d+\\s+read,write\\s+active`, 'm'));
  cli(['token', 'revoke', '--id', String(id)]);
  assert.match(cli(['token', 'list']).stdout, new RegExp(`^${id}\\s+\\d+\\s+read,write\\s+revoked`, 'm'));
  assertUnauthenticated(await integ.get('/api/v1/auth/me', bearer(token)));
  const { body: next } = await newCitizenBody(await signedIn(server.base, 'caseworker.herning'));
  assertUnauthenticated(await integ.post('/api/v1/citizens', next, bearer(token)));
});

test('API token expiry: --expires yesterday is 401; --expires in two days works', async () => {
  const { token: expired } = makeToken('caseworker.herning', 'read', ['--expires', iso(addDays(todayDk(), -1))]);
  assertUnauthenticated(await makeClient(server.base).get('/api/v1/auth/me', bearer(expired)));
  const { token: fresh } = makeToken('caseworker.herning', 'read', ['--expires', iso(addDays(todayDk(), 2))]);
  assert.equal((await makeClient(server.base).get('/api/v1/auth/me', bearer(fresh))).status, 200);
  // Bad values are usage errors (exit 2) and make no token.
  for (const v of ['tomorrow', '2026-02-30']) cli(['token', 'create', '--user', 'caseworker.herning', '--scope', 'read', '--expires', v], { status: 2 });
  cli(['token', 'create', '--user', 'caseworker.herning', '--scope', 'write'], { status: 2 });
});

// --- Throttling ------------------------------------------------------------------------------

const failedLogins = (username) =>
  sql(server.db, `SELECT COUNT(*) AS n FROM audit_event WHERE action = 'login' AND outcome = 'failed' AND username = '${username}'`)[0].n;

test('5 wrong passwords in a row: the 6th attempt, even with the right password, is 429 throttled with Retry-After', async () => {
  const username = 'jobconsultant.skive';
  const api = makeClient(server.base);
  const answers = [];
  for (let i = 0; i < 5; i++) {
    const res = await api.login(username, `wrong-password-zyx-${i}`);
    assertUnauthenticated(res);
    answers.push(res.body);
  }
  for (const b of answers) assert.deepEqual(b, answers[0], 'every failure answers alike');
  const sixth = await api.login(username);
  assertProblem(sixth, 429, 'throttled');
  const retry = Number(sixth.headers.get('retry-after'));
  // docs/security-model.md: the first wait is 30 s, doubling up to 15 min.
  assert.ok(Number.isInteger(retry) && retry >= 25 && retry <= 30, `Retry-After ${sixth.headers.get('retry-after')}`);
  assert.equal(setCookieLines(sixth.headers).length, 0, 'no cookie while throttled');
  // The username is throttled whatever its case; other usernames are not.
  assertProblem(await api.login(username.toUpperCase()), 429, 'throttled');
  assert.equal((await makeClient(server.base).login('caseworker.syddjurs')).status, 200);
  // Every failure is in the audit log; the throttled attempts too.
  assert.equal(failedLogins(username), 5);
  assert.ok(sql(server.db, `SELECT COUNT(*) AS n FROM audit_event WHERE action = 'login' AND outcome = 'throttled' AND username = '${username}'`)[0].n >= 2);
  // After Retry-After the right password works, and clears the count. The wait is simulated by
  // moving the lock into the past in the database, as the session-expiry tests move last_seen.
  sql(server.db, `UPDATE login_throttle SET locked_until = locked_until - ${retry + 1} WHERE username = '${username}'`);
  const ok = await api.login(username);
  assert.equal(ok.status, 200, describe(ok));
  assertUnauthenticated(await makeClient(server.base).login(username, 'wrong-password-zyx-again'));
  assert.equal((await makeClient(server.base).login(username)).status, 200, 'one failure after a success is not throttled');
});

test('unknown usernames are throttled the same way, and answer exactly as a wrong password does', async () => {
  const unknown = 'nobody.zyx-unknown';
  const api = makeClient(server.base);
  const wrong = await makeClient(server.base).login('caseworker.vesthimmerland', 'wrong-password-zyx-v');
  assertUnauthenticated(wrong);
  for (let i = 0; i < 5; i++) {
    const res = await api.login(unknown, PASSWORD);
    assertUnauthenticated(res);
    assert.deepEqual(res.body, wrong.body, 'unknown user and wrong password: the same 401 body');
    assert.equal(res.headers.get('content-type'), wrong.headers.get('content-type'));
  }
  const sixth = await api.login(unknown, PASSWORD);
  assertProblem(sixth, 429, 'throttled');
  assert.ok(Number(sixth.headers.get('retry-after')) >= 1);
  assert.equal(failedLogins(unknown), 5, 'failed sign-ins of unknown usernames are audited too');
});

test('parallel wrong passwords are each counted: of 20 at once, at most 5 are checked (401), the rest are 429', async () => {
  // A server with 8 workers, so that attempts really run side by side.
  const own = await startServer({ serveArgs: ['--threads', '8'] });
  try {
    const username = 'caseworker.morsoe';
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => makeClient(own.base).login(username, `wrong-parallel-zyx-${i}`)));
    const statuses = answers.map((r) => r.status);
    for (const r of answers) assert.ok([401, 429].includes(r.status), describe(r));
    const checked = statuses.filter((s) => s === 401).length;
    const failed = sql(own.db, `SELECT COUNT(*) AS n FROM audit_event WHERE action = 'login' AND outcome = 'failed' AND username = '${username}'`)[0].n;
    const [row] = sql(own.db, `SELECT failures FROM login_throttle WHERE username = '${username}'`);
    assert.equal(failed, checked, 'every checked password is an audited failure');
    assert.equal(row.failures, checked, `the throttle counted ${row.failures} of ${checked} failures`);
    assert.ok(checked <= 5, `${checked} passwords were tried before the throttle held (statuses ${statuses.join(',')})`);
  } finally {
    await stopAndCheck(own);
  }
});

test('every failed login is in the audit log (action login, outcome failed), without the password', async () => {
  const username = 'supervisor.skive';
  const before = failedLogins(username);
  const secret = 'zyx-secret-attempt-8831';
  assertUnauthenticated(await makeClient(server.base).login(username, secret));
  assertUnauthenticated(await makeClient(server.base).login(username, `${secret}-2`));
  assert.equal(failedLogins(username), before + 2);
  const rows = sql(server.db, `SELECT * FROM audit_event WHERE action = 'login' AND username = '${username}' ORDER BY seq`);
  assert.equal(rows.length, 2);
  for (const r of rows) {
    assert.equal(r.user_id, userIdOf(username), 'a known user is named by id');
    assert.equal(r.route, '/api/v1/auth/login');
    assert.equal(r.purpose, 'authentication');
    assert.match(r.time, /^\d{4}-\d{2}-\d{2}T/);
  }
  const all = JSON.stringify(sql(server.db, 'SELECT * FROM audit_event'));
  assert.ok(!all.includes(secret), 'no password in the audit log');
  assert.ok(!all.includes(PASSWORD), 'no password in the audit log');
  // A successful login and a logout are audited as well.
  const api = await signedIn(server.base, username);
  await api.logout();
  const outcomes = sql(server.db, `SELECT action, outcome FROM audit_event WHERE username = '${username}' ORDER BY seq`).map((r) => `${r.action}:${r.outcome}`);
  assert.deepEqual(outcomes, ['login:failed', 'login:failed', 'login:allowed', 'logout:allowed']);
});

// --- The audit chain ---------------------------------------------------------------------------

/** A consistent copy of the server's database to tamper with (server.mjs's snapshotDatabase). */
const snapshot = (name) => server.snapshot(name);

/** samspor audit verify on a database (its key: server.mjs's samspor() names it). */
const verify = (db) => samspor(['audit', 'verify', '--db', db]);

test('samspor audit verify: intact → exit 0; a changed, a deleted and a forged row are each caught, naming the first broken event (exit 1)', async () => {
  // Some traffic of every kind first: reads, writes, refusals, logins.
  const api = await signedIn(server.base, 'caseworker.herning');
  const c = await createCitizen(api);
  await api.get(`/api/v1/citizens/${c.id}`);
  await (await signedIn(server.base, 'caseworker.randers')).get(`/api/v1/citizens/${c.id}`);

  const live = verify(server.db);
  assert.equal(live.status, 0, live.stdout + live.stderr);
  assert.match(live.stdout, /intact: \d+ events/);
  const total = sql(server.db, 'SELECT COUNT(*) AS n FROM audit_event')[0].n;
  assert.ok(total >= 10, `${total} events`);

  // 1. A row changed: an outcome rewritten in the middle of the chain.
  const changed = snapshot('changed');
  const [mid] = sql(changed, `SELECT seq FROM audit_event ORDER BY seq LIMIT 1 OFFSET ${Math.floor(total / 2)}`);
  sql(changed, `UPDATE audit_event SET outcome = CASE outcome WHEN 'allowed' THEN 'forbidden' ELSE 'allowed' END WHERE seq = ${mid.seq}`);
  let r = verify(changed);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`broken at event ${mid.seq}\\b`), r.stdout);

  // 2. A middle row deleted: the next one is the first broken event.
  const deleted = snapshot('deleted');
  sql(deleted, `DELETE FROM audit_event WHERE seq = ${mid.seq}`);
  r = verify(deleted);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`broken at event ${mid.seq + 1}\\b`), r.stdout);

  // 3. A forged row inserted: it names the last hash as its predecessor, but its own hash cannot
  // be made without the key.
  const forged = snapshot('forged');
  const [last] = sql(forged, 'SELECT seq, hash, chain_id, chain_seq FROM audit_event ORDER BY seq DESC LIMIT 1');
  sql(forged, `INSERT INTO audit_event (seq, chain_id, chain_seq, time, user_id, username, role, citizen_id, action, route, purpose, outcome, prev_hash, hash)
    VALUES (${last.seq + 1}, ${last.chain_id}, ${last.chain_seq + 1}, '2026-01-01T00:00:00Z', 1, 'admin', 'administrator', ${c.id}, 'read', '/api/v1/citizens/{id}',
    'case_administration', 'allowed', '${last.hash}', '${'0'.repeat(64)}')`);
  // The forger moves the chain's head on too, or the chain's row would give the row away.
  sql(forged, `UPDATE audit_chain SET head_seq = ${last.chain_seq + 1}, head_hash = '${'0'.repeat(64)}' WHERE id = ${last.chain_id}`);
  r = verify(forged);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`broken at event ${last.seq + 1}\\b`), r.stdout);

  // 3b. A forged row in place of a deleted one, same seq, chained to its predecessor.
  const replaced = snapshot('replaced');
  const [gone] = sql(replaced, `SELECT prev_hash, chain_id, chain_seq FROM audit_event WHERE seq = ${mid.seq}`);
  sql(replaced, `DELETE FROM audit_event WHERE seq = ${mid.seq}`);
  sql(replaced, `INSERT INTO audit_event (seq, chain_id, chain_seq, time, user_id, username, role, citizen_id, action, route, purpose, outcome, prev_hash, hash)
    VALUES (${mid.seq}, ${gone.chain_id}, ${gone.chain_seq}, '2026-01-01T00:00:00Z', 1, 'admin', 'administrator', 0, 'read', '/api/v1/citizens/{id}',
    'case_administration', 'allowed', '${gone.prev_hash}', '${'f'.repeat(64)}')`);
  r = verify(replaced);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`broken at event ${mid.seq}\\b`), r.stdout);

  // 4. The newest events cut: the chain's row still names the head they were.
  const cut = snapshot('cut');
  const [head] = sql(cut, 'SELECT chain_id, chain_seq FROM audit_event ORDER BY seq DESC LIMIT 1');
  sql(cut, `DELETE FROM audit_event WHERE chain_id = ${head.chain_id} AND chain_seq > ${head.chain_seq - 2}`);
  r = verify(cut);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  // The server may have sealed one of the cut links with a checkpoint meanwhile (every 60 s):
  // then that checkpoint names it, and the finding is the same cut.
  const found = r.stdout.match(new RegExp(`broken at chain ${head.chain_id}, link (\\d+)(, named by checkpoint \\d+)?: .*no longer reaches`));
  assert.ok(found, r.stdout);
  const link = Number(found[1]);
  assert.ok(link > head.chain_seq - 2 && link <= head.chain_seq && (found[2] !== undefined || link === head.chain_seq), r.stdout);

  // 5. A checkpoint seals the heads: cut below one, with the chain's row moved back to match,
  // and the checkpoint names the link that is gone. A command that writes starts its own chain
  // with a checkpoint of every chain that moved, the server's included.
  const sealed = snapshot('sealed');
  const [top] = sql(sealed, 'SELECT chain_id, chain_seq AS s FROM audit_event ORDER BY seq DESC LIMIT 1');
  const made = samspor(['token', 'create', '--db', sealed, '--user', 'caseworker.herning', '--scope', 'read']);
  assert.equal(made.status, 0, made.stderr);
  const [by] = sql(sealed, `SELECT MAX(checkpoint_id) AS id FROM audit_checkpoint_head WHERE chain_id = ${top.chain_id} AND chain_seq = ${top.s}`);
  assert.ok(by.id > 0, 'the command sealed the server chain');
  sql(sealed, `DELETE FROM audit_event WHERE chain_id = ${top.chain_id} AND chain_seq = ${top.s}`);
  sql(sealed, `UPDATE audit_chain SET head_seq = ${top.s - 1}, head_hash = (SELECT hash FROM audit_event WHERE chain_id = ${top.chain_id} AND chain_seq = ${top.s - 1}) WHERE id = ${top.chain_id}`);
  r = verify(sealed);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`broken at chain ${top.chain_id}, link ${top.s}, named by checkpoint ${by.id}: .*newest events were cut`), r.stdout);

  // The live chain is untouched and still intact.
  assert.equal(verify(server.db).status, 0);
});
