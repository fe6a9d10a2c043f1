// Stateless servers (issue 10, README "Running at scale"): one PostgreSQL database made with the
// README's commands, two `samspor serve` processes on it (A and B), and nginx in front of both,
// configured by docs/nginx.conf itself (TLS with a throwaway certificate, round robin). Whatever
// one process does is in force on the next request through the other: a session, a version
// (If-Match), a consent, a disabled user, a revoked token; under concurrent load through nginx
// both processes serve reads and writes, and the audit log verifies with the chains of both processes (one per database connection).
// PostgreSQL: make check's cluster when SAMSPOR_TEST_PG names one, else one started here.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { freePort, samspor, sql, rememberPersonal, assertCleanStderr, accessLines } from '../api/server.mjs';
import {
  makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, assertSchema, createCitizen, activeEnrolment, walkList,
  setCookieLines, todayDk, iso, describe, assertNoPersonal, postTooLarge,
} from '../api/client.mjs';
import { runBlock, serveBlock } from './readme.mjs';
import { sharedOrOwnCluster, libpqVars, uniqueName, workDir } from './cluster.mjs';
import { certificate, nginxFiles, siteConfig, writeConfig, startNginx, stopNginx, httpsSend } from './nginx.mjs';

let dir;
let cluster;
let vars; // DB, KEY and the cluster's libpq variables
let dbName;
let serverA;
let serverB;
let nginx; // {files, base, http (plain listener's base)}
let send; // HTTPS through nginx, trusting the test's certificate only
let midt; // the ibbu-midt project

const today = () => iso(todayDk());

before(async () => {
  dir = workDir('samspor-scale-two-');
  cluster = sharedOrOwnCluster(dir);
  dbName = uniqueName('two');
  vars = { ...libpqVars(cluster.url), DBNAME: dbName, DB: `${cluster.url}/${dbName}`, KEY: path.join(dir, 'samspor.key') };
  runBlock('createdb', vars);
  runBlock('init', vars);

  const [portA, portB, httpPort, httpsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  serverA = await serveBlock('serve', { ...vars, PORT: portA });
  serverB = await serveBlock('serve', { ...vars, PORT: portB });
  runBlock('probe', { PORT: portA });
  runBlock('probe', { PORT: portB });

  const { cert, key, ca } = certificate(dir);
  const files = nginxFiles(dir);
  writeConfig(dir, files, siteConfig({ upstreams: [portA, portB], httpPort, httpsPort, cert, key, accessLog: files.accessLog }));
  send = httpsSend(ca);
  nginx = { files, base: `https://127.0.0.1:${httpsPort}`, http: `http://127.0.0.1:${httpPort}` };
  await startNginx(files, httpsPort, send);

  const cw = await signedIn(serverA.base, 'caseworker.herning');
  midt = (await walkList(cw, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  assert.ok(midt);
});

after(async () => {
  // Everything stops, also when a test failed; whatever failed to stop is reported at the end.
  const problems = [];
  const attempt = async (what, fn) => {
    try {
      await fn();
    } catch (e) {
      problems.push(`${what}: ${e.message}`);
    }
  };
  send?.close();
  if (nginx) await attempt('nginx', () => stopNginx(nginx.files));
  for (const [name, server] of [['A', serverA], ['B', serverB]]) {
    if (!server) continue;
    await attempt(`server ${name}`, async () => {
      const { code, signal, stderr } = await server.stop();
      assertCleanStderr(stderr);
      assert.equal(signal, null, `server ${name} ended by ${signal}`);
      assert.equal(code, 0, `server ${name} exit code:\n${stderr.slice(-2000)}`);
    });
  }
  if (cluster) {
    if (process.env.SAMSPOR_TEST_PG && dbName)
      await attempt('dropdb', () => sql(`${cluster.url}/postgres`, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
    await attempt('cluster', () => cluster.stop());
  }
  if (dir && !process.env.SAMSPOR_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(problems, []);
});

/** A client that goes through nginx over HTTPS. */
const viaNginx = () => makeClient(nginx.base, { send });

/** The access-log lines a server wrote so far. */
const accessOf = (server) => accessLines(server.stderr());

/**
 * The access-log lines of A and B after `before` (their counts then) that `keep` keeps, once
 * there are at least `atLeast` of them together: a process flushes its access log every 200 ms.
 */
async function accessSince(before, atLeast, keep = () => true) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const lines = [accessOf(serverA).slice(before[0]).filter(keep), accessOf(serverB).slice(before[1]).filter(keep)];
    if (lines[0].length + lines[1].length >= atLeast || Date.now() > deadline) return lines;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A Herning citizen enrolled in ibbu-midt and moved to active, made through `api`. */
const activeHerning = (api) => activeEnrolment(api, midt, { referralSource: 'Jobcenter (skalatest)' });

test('a session made by signing in through A is the same session through B: reads, a write with its CSRF token, sign-out', async () => {
  const a = await signedIn(serverA.base, 'caseworker.herning');
  const b = makeClient(serverB.base);
  b.adopt(a.session);
  const me = assertOk(await b.get('/api/v1/auth/me'), 200, 'Me');
  assert.equal(me.user.username, 'caseworker.herning');
  assert.equal(me.csrf_token, a.session.csrf, 'B hands back the CSRF token A issued');
  const citizen = await createCitizen(b, { extra: { municipality_code: '657' } });
  assert.equal(assertOk(await a.get(`/api/v1/citizens/${citizen.id}`), 200, 'Citizen').id, citizen.id, 'written through B, read through A');
  // Without the CSRF token a write through B is refused, as through A.
  assertProblem(await b.post('/api/v1/auth/logout', undefined, { csrf: false }), 403, 'csrf');
  assert.deepEqual(assertOk(await b.post('/api/v1/auth/logout'), 200, 'LogoutResponse'), { signed_out: true });
  assertUnauthenticated(await a.get('/api/v1/auth/me'));
});

test('through nginx requests are shared round robin: both access logs have them, and both processes answer', async () => {
  const api = await signedIn(nginx.base, 'researcher.ibbu-midt', undefined, { send });
  const before = [accessOf(serverA).length, accessOf(serverB).length];
  const ids = new Set();
  const N = 40;
  for (let i = 0; i < N; i++) {
    const res = await api.get('/api/v1/organisations?kind=region');
    assertOk(res, 200, 'OrganisationList');
    ids.add(res.headers.get('x-request-id').slice(0, 8));
  }
  const served = (await accessSince(before, N, (l) => l.route === '/api/v1/organisations')).map((lines) => lines.length);
  assert.equal(served[0] + served[1], N, `every request reached a process once (${served})`);
  for (const n of served) assert.ok(n >= N / 4, `each process served a fair share: ${served}`);
  assert.equal(ids.size, 2, 'request ids of two processes');
});

test('TLS at nginx: the session cookie is Secure through nginx, whatever X-Forwarded-Proto a client sends; plain HTTP is redirected', async () => {
  const secure = (res) => setCookieLines(res.headers).find((l) => l.startsWith('samspor_session='));
  const through = await viaNginx().login('jobconsultant.herning');
  assert.equal(through.status, 200, describe(through));
  assert.match(secure(through), /; Secure/);
  assert.ok(through.headers.get('strict-transport-security'), 'HSTS from nginx');
  const forged = await viaNginx().login('jobconsultant.herning', undefined, { headers: { 'X-Forwarded-Proto': 'http' } });
  assert.match(secure(forged), /; Secure/, 'nginx replaces a client\'s X-Forwarded-Proto');
  // Straight to a process: no proxy, no Secure; and the process believes the header as it comes,
  // which is why the processes must be reachable through nginx only.
  assert.doesNotMatch(secure(await makeClient(serverA.base).login('jobconsultant.herning')), /Secure/);
  const direct = await makeClient(serverA.base).login('jobconsultant.herning', undefined, { headers: { 'X-Forwarded-Proto': 'https' } });
  assert.match(secure(direct), /; Secure/);

  const plain = await fetch(`${nginx.http}/api/v1/auth/me`, { redirect: 'manual' });
  assert.equal(plain.status, 301);
  assert.match(plain.headers.get('location'), /^https:\/\/127\.0\.0\.1\/api\/v1\/auth\/me$/);
});

test('nginx refuses a body over 1 MiB as Samspor does: 413 problem+json with the same title', async () => {
  const api = await signedIn(nginx.base, 'caseworker.herning', undefined, { send });
  const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
  const viaProxy = await api.request('POST', '/api/v1/citizens', { body: big, headers: { 'Content-Type': 'application/json' } });
  assertProblem(viaProxy, 413, 'too_large');
  const direct = makeClient(serverA.base);
  direct.adopt(api.session);
  const own = await postTooLarge(direct, '/api/v1/citizens', big);
  assertProblem(own, 413, 'too_large');
  assert.equal(viaProxy.body.title, own.body.title);
  assert.equal(viaProxy.body.detail, own.body.detail);
  // Exactly 1 MiB is not refused for its size (it is not a valid citizen).
  const fits = 'x'.repeat(1024 * 1024 - JSON.stringify({ name: '' }).length);
  assert.equal((await api.request('POST', '/api/v1/citizens', { body: JSON.stringify({ name: fits }), headers: { 'Content-Type': 'application/json' } })).status, 422);
});

test('the same If-Match sent through A and B at once: exactly one 200 and one 412', async () => {
  const a = await signedIn(serverA.base, 'caseworker.herning');
  const b = makeClient(serverB.base);
  b.adopt(a.session);
  for (let round = 0; round < 3; round++) {
    const { enrolment } = await activeHerning(a);
    const ifMatch = { headers: { 'If-Match': `"${enrolment.version}"` } };
    const results = await Promise.all([
      a.patch(`/api/v1/enrolments/${enrolment.id}`, { referral_source: `Ændret gennem A ${round}` }, ifMatch),
      b.patch(`/api/v1/enrolments/${enrolment.id}`, { referral_source: `Ændret gennem B ${round}` }, ifMatch),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 412], results.map(describe).join('\n'));
    const winner = results.find((r) => r.status === 200).body;
    const loser = results.find((r) => r.status === 412);
    assertProblem(loser, 412, 'stale');
    assert.equal(loser.body.current_version, winner.version);
    const now = assertOk(await b.get(`/api/v1/enrolments/${enrolment.id}`), 200, 'Enrolment');
    assert.equal(now.referral_source, winner.referral_source);
    assert.equal(now.version, enrolment.version + 1);
  }
});

test('a consent given and withdrawn through A is in force on the very next request through B (the caseworker loses the health summary)', async () => {
  const a = await signedIn(serverA.base, 'caseworker.herning');
  const b = makeClient(serverB.base);
  b.adopt(a.session);
  const { enrolment } = await activeHerning(a);
  const seenThroughB = async () => assertOk(await b.get(`/api/v1/enrolments/${enrolment.id}`), 200, 'Enrolment');
  assert.ok(!('health_summary' in await seenThroughB()), 'no consent yet');
  const consent = (given) => a.post(`/api/v1/enrolments/${enrolment.id}/consents`, { scope: 'health_summary_to_municipality', given, date: today() });
  assertOk(await consent(true), 201, 'Consent');
  assert.deepEqual((await seenThroughB()).health_summary, { in_treatment: true, phq9: null, gad7: null, last_session: null });
  assertOk(await consent(false), 201, 'Consent');
  assert.ok(!('health_summary' in await seenThroughB()), 'withdrawn through A, gone through B at once');
  const citizenThroughB = assertOk(await b.get(`/api/v1/citizens/${enrolment.citizen_id}`), 200, 'Citizen');
  assert.ok(!('health_summary' in citizenThroughB.enrolments.find((x) => x.id === enrolment.id)));
});

test('a user disabled through A is refused on the next request through B; a token revoked is refused through both', async () => {
  const admin = await signedIn(serverA.base, 'admin');
  const username = `scale.${process.pid}`;
  const password = 'zyx-scale-test-passphrase-31';
  rememberPersonal(password);
  const created = assertOk(await admin.post('/api/v1/users', {
    username, display_name: 'Skalatest Bruger', organisation_code: '657', roles: ['caseworker'], password,
  }), 201, 'UserAdmin');
  const user = await signedIn(serverB.base, username, password);
  assert.equal((await user.get('/api/v1/auth/me')).status, 200);
  assertOk(await admin.patch(`/api/v1/users/${created.id}`, { disabled: true }, { headers: { 'If-Match': `"${created.version}"` } }), 200, 'UserAdmin');
  assertUnauthenticated(await user.get('/api/v1/auth/me'));
  assertUnauthenticated(await makeClient(serverB.base).login(username, password));

  // Tokens are made and revoked on the command line (no API route), on the shared database.
  const made = samspor(['token', 'create', '--db', vars.DB, '--key', vars.KEY, '--user', 'caseworker.herning', '--scope', 'read']);
  assert.equal(made.status, 0, made.stderr);
  const token = made.stdout.trim();
  rememberPersonal(token);
  const id = /token ([0-9]+) for/.exec(made.stderr)?.[1];
  const bearer = { headers: { Authorization: `Bearer ${token}` } };
  for (const server of [serverA, serverB]) assert.equal((await makeClient(server.base).get('/api/v1/auth/me', bearer)).status, 200);
  const revoked = samspor(['token', 'revoke', '--db', vars.DB, '--key', vars.KEY, '--id', id]);
  assert.equal(revoked.status, 0, revoked.stderr);
  for (const server of [serverA, serverB]) assertUnauthenticated(await makeClient(server.base).get('/api/v1/auth/me', bearer));
});

test('concurrent reads and writes through nginx land on both processes; every answer is 2xx; audit verify is clean with the chains of both processes', async () => {
  const api = await signedIn(nginx.base, 'caseworker.herning', undefined, { send });
  const before = [accessOf(serverA).length, accessOf(serverB).length];
  const WORKERS = 8;
  const ROUNDS = 8; // each round: 2 list reads, a citizen made (a search and a write), its enrolment, a read, a change, a consent
  const failures = [];
  const check = (res, status) => {
    if (res.status !== status) failures.push(describe(res));
    return res.body;
  };
  async function worker() {
    for (let round = 0; round < ROUNDS; round++) {
      check(await api.get('/api/v1/enrolments?limit=20'), 200);
      check(await api.get('/api/v1/citizens?limit=20'), 200);
      const citizen = await createCitizen(api, { extra: { municipality_code: '657' } });
      const e = check(await api.post('/api/v1/enrolments', {
        project_id: midt.id, citizen_id: citizen.id, referral_date: today(), referral_source: 'Belastningstest', target_group: midt.target_groups[0],
      }), 201);
      if (!e) continue;
      check(await api.get(`/api/v1/enrolments/${e.id}`), 200);
      check(await api.patch(`/api/v1/enrolments/${e.id}`, { status: 'screening' }, { headers: { 'If-Match': `"${e.version}"` } }), 200);
      check(await api.post(`/api/v1/enrolments/${e.id}/consents`, { scope: 'research_use', given: true, date: today() }), 201);
    }
  }
  await Promise.all(Array.from({ length: WORKERS }, worker));
  assert.deepEqual(failures, []);

  const lines = await accessSince(before, WORKERS * ROUNDS * 7);
  const total = lines[0].length + lines[1].length;
  assert.ok(total >= WORKERS * ROUNDS * 7, `${total} requests`);
  for (const [i, name] of ['A', 'B'].entries()) {
    const writes = lines[i].filter((l) => l.method !== 'GET').length;
    assert.ok(lines[i].length >= total / 4, `${name} served ${lines[i].length} of ${total}`);
    assert.ok(writes >= 10, `${name} served ${writes} writes`);
  }

  // nginx's access log, as docs/nginx.conf formats it: no query string (searches by identifier
  // went through it), the answering process and its request id.
  const proxyLog = readFileSync(nginx.files.accessLog, 'utf8');
  assert.match(proxyLog, /"GET \/api\/v1\/citizens" 200 [0-9]+ [0-9.]+ 127\.0\.0\.1:[0-9]+ [0-9a-f]{16}$/m);
  assert.ok(!proxyLog.includes('?'), 'no query string in nginx\'s access log');
  assertNoPersonal(proxyLog, 'nginx\'s access log');

  const { stdout } = runBlock('verify', vars);
  assert.match(stdout, /^audit log intact: /m);
  // Each process: the chain its checkpoints are written by ("serve host/pid") and one per
  // database connection of its workers ("serve worker N host/pid"), all intact.
  const chains = [...stdout.matchAll(/^chain ([0-9]+) \(serve (worker [0-9]+ )?[^/ ]+\/([0-9]+), started [^)]+\): ([0-9]+) events?, intact/gm)]
    .map((c) => ({ id: Number(c[1]), worker: c[2] !== undefined, pid: Number(c[3]), events: Number(c[4]) }));
  assert.deepEqual([...new Set(chains.map((c) => c.pid))].sort(), [serverA.pid, serverB.pid].sort(), `chains of both processes:\n${stdout}`);
  for (const pid of [serverA.pid, serverB.pid]) {
    const own = chains.filter((c) => c.pid === pid);
    assert.equal(own.filter((c) => !c.worker).length, 1, `one sealing chain for ${pid}:\n${stdout}`);
    assert.ok(own.some((c) => c.worker), `worker chains for ${pid}:\n${stdout}`);
    const events = own.reduce((n, c) => n + c.events, 0);
    assert.ok(events > WORKERS * ROUNDS, `process ${pid}: ${events} events`);
  }
  assert.doesNotMatch(stdout, /broken|changed|deleted|inserted|cut/i);
});

test('nginx limits sign-ins per client address: past its burst, 429 throttled as a problem with Retry-After', async () => {
  // Bodies Samspor refuses before any password work (422), sent faster than 10 a second.
  const anon = viaNginx();
  const answers = [];
  for (let i = 0; i < 130; i++) answers.push(await anon.post('/api/v1/auth/login', {}));
  const throttled = answers.filter((r) => r.status === 429);
  assert.ok(throttled.length >= 20, `${throttled.length} of ${answers.length} throttled`);
  for (const res of throttled) {
    assertProblem(res, 429, 'throttled');
    assert.ok(res.headers.get('retry-after'));
  }
  for (const res of answers.filter((r) => r.status !== 429)) assertProblem(res, 422, 'invalid');
  // Other routes are not limited so.
  assert.equal((await anon.get('/api/v1/auth/me')).status, 401);
});

test('with both processes stopped nginx answers 503 unavailable as a problem (the API\'s own format)', async () => {
  for (const server of [serverA, serverB]) {
    const { code, stderr } = await server.stop();
    assertCleanStderr(stderr);
    assert.equal(code, 0, stderr.slice(-2000));
  }
  serverA = serverB = null;
  const res = await viaNginx().get('/api/v1/auth/me');
  assertProblem(res, 503, 'unavailable');
  assert.ok(res.headers.get('retry-after'));
  assertSchema('Problem', res.body, res);
});
