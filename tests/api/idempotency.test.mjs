// Idempotency-Key on POST (docs/api-contract.md "Conventions"): a retry with the same key and
// body returns the first answer (status, body, Location) with Idempotent-Replayed: true and
// creates nothing; the same key with another body is 422, parameter "Idempotency-Key".
// Signed in as caseworker.herning (citizens, enrolments in ibbu-midt, where the caseworker has a
// team); projects as admin. Keys are per user: one user's key never replays another's answer.
// A key names one request — method, concrete path and body — for 24 hours; a replay passes the
// same policy question as the first request and is audited (docs/security-model.md
// "Idempotency-Key"), and the stored answer is sealed at rest (tests/cli/cli.test.mjs).
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, stopAndCheck, sql } from './server.mjs';
import {
  makeClient, signedIn, assertUnauthenticated, assertOk, assertProblem, walkList, countList, newCitizenBody, createCitizen, todayDk, iso, describe,
} from './client.mjs';
import { rememberPersonal } from './server.mjs';

let server;
let api;
let admin;
before(async () => {
  server = await startServer();
  api = await signedIn(server.base, 'caseworker.herning');
  admin = await signedIn(server.base, 'admin');
});
after(async () => {
  await stopAndCheck(server);
});

const search = async (q) => assertOk(await api.get(`/api/v1/citizens?q=${encodeURIComponent(q)}`), 200, 'CitizenList').items;
const postWithKey = (path, body, key) => api.post(path, body, { headers: { 'Idempotency-Key': key } });

test('without sign-in a POST with an Idempotency-Key is 401, creates nothing and stores no answer for the key', async () => {
  const before = await countList(api, '/api/v1/citizens');
  const { body, normalised } = await newCitizenBody(api);
  const key = randomUUID();
  assertUnauthenticated(await makeClient(server.base).post('/api/v1/citizens', body, { headers: { 'Idempotency-Key': key } }));
  assert.equal(await countList(api, '/api/v1/citizens'), before);
  // The key is still fresh: the signed-in request with it is a new request.
  const res = await postWithKey('/api/v1/citizens', body, key);
  assertOk(res, 201, 'Citizen');
  assert.equal(res.headers.get('idempotent-replayed'), null);
  assert.equal((await search(normalised)).length, 1);
});

test('keys are per user: another user\'s request with the same key and body is not a replay of mine', async () => {
  const { body } = await newCitizenBody(api);
  const key = randomUUID();
  const mine = assertOk(await postWithKey('/api/v1/citizens', body, key), 201, 'Citizen');
  const other = await signedIn(server.base, 'jobconsultant.herning');
  const theirs = await other.post('/api/v1/citizens', body, { headers: { 'Idempotency-Key': key } });
  // Not my answer replayed (that would show them a citizen registered by me): a new request,
  // which makes a record of their own (docs/security-model.md "One person, many records").
  assertOk(theirs, 201, 'Citizen');
  assert.notEqual(theirs.body.id, mine.id);
  assert.equal(theirs.headers.get('idempotent-replayed'), null);
  const { body: fresh } = await newCitizenBody(api);
  const again = await other.post('/api/v1/citizens', fresh, { headers: { 'Idempotency-Key': key } });
  // Their own key now: the same key with another body is refused for them, not for me.
  assertProblem(again, 422, 'invalid', { parameter: 'Idempotency-Key' });
});

test('same key, same body: same status, body and Location, Idempotent-Replayed: true, one citizen', async () => {
  const before = await countList(api, '/api/v1/citizens');
  const { body, normalised } = await newCitizenBody(api);
  const key = randomUUID();
  const first = await postWithKey('/api/v1/citizens', body, key);
  const c = assertOk(first, 201, 'Citizen');
  assert.equal(first.headers.get('idempotent-replayed'), null, 'the first answer is not a replay');
  const second = await postWithKey('/api/v1/citizens', body, key);
  assert.equal(second.status, 201, describe(second));
  assert.match(second.type, /^application\/json\b/);
  assert.deepEqual(second.body, first.body);
  assert.equal(second.body.id, c.id);
  assert.equal(second.headers.get('location'), first.headers.get('location'));
  assert.equal(second.headers.get('idempotent-replayed'), 'true');
  const third = await postWithKey('/api/v1/citizens', body, key);
  assert.deepEqual(third.body, first.body);
  assert.equal(third.headers.get('idempotent-replayed'), 'true');
  assert.equal((await search(normalised)).length, 1);
  assert.equal(await countList(api, '/api/v1/citizens'), before + 1);
});

test('same key, different body: 422 invalid, parameter "Idempotency-Key"; nothing written', async () => {
  const { body } = await newCitizenBody(api);
  const key = randomUUID();
  assertOk(await postWithKey('/api/v1/citizens', body, key), 201, 'Citizen');
  const before = await countList(api, '/api/v1/citizens');
  const { body: other, normalised } = await newCitizenBody(api);
  const res = await postWithKey('/api/v1/citizens', other, key);
  assertProblem(res, 422, 'invalid', { parameter: 'Idempotency-Key' });
  assert.equal(await countList(api, '/api/v1/citizens'), before);
  assert.deepEqual(await search(normalised), []);
});

// A new request for an identifier the caller already registered answers their record with 200
// (docs/api-contract.md), where a replay would repeat the first answer's 201.
test('without a key, a repeated POST is a new request: 200 with the record made by the first', async () => {
  const { body } = await newCitizenBody(api);
  const first = assertOk(await api.post('/api/v1/citizens', body), 201, 'Citizen');
  const second = await api.post('/api/v1/citizens', body);
  assert.equal(assertOk(second, 200, 'Citizen').id, first.id);
  assert.equal(second.headers.get('idempotent-replayed'), null);
});

test('a new key with the body of an earlier request is a new request: 200, not a replay', async () => {
  const { body } = await newCitizenBody(api);
  const first = assertOk(await postWithKey('/api/v1/citizens', body, randomUUID()), 201, 'Citizen');
  const second = await postWithKey('/api/v1/citizens', body, randomUUID());
  assert.equal(assertOk(second, 200, 'Citizen').id, first.id);
  assert.equal(second.headers.get('idempotent-replayed'), null);
});

test('two parallel POSTs with the same key and body create one citizen and answer the same id', async () => {
  const { body, normalised } = await newCitizenBody(api);
  const key = randomUUID();
  const [a, b] = await Promise.all([postWithKey('/api/v1/citizens', body, key), postWithKey('/api/v1/citizens', body, key)]);
  assert.deepEqual([a.status, b.status], [201, 201], `${describe(a)} / ${describe(b)}`);
  assert.equal(a.body.id, b.body.id);
  const replays = [a, b].filter((r) => r.headers.get('idempotent-replayed') === 'true').length;
  assert.equal(replays, 1);
  assert.equal((await search(normalised)).length, 1);
});

// Idempotency-Key under concurrency (src/store/store.h): the key is claimed in the write
// transaction before the handler runs, so a concurrent retry waits for the first request and
// replays its answer — never a second write, never 409. On SQLite the one writer orders them; on
// PostgreSQL (several processes, READ COMMITTED) the claim waits on the key's unique index.
test('eight concurrent POSTs with one key and body: one citizen, one first answer, seven replays of it', async () => {
  const before = await countList(api, '/api/v1/citizens');
  const { body, normalised } = await newCitizenBody(api);
  const key = randomUUID();
  const answers = await Promise.all(Array.from({ length: 8 }, () => postWithKey('/api/v1/citizens', body, key)));
  for (const res of answers) {
    assert.equal(res.status, 201, describe(res));
    assertOk(res, 201, 'Citizen');
    assert.deepEqual(res.body, answers[0].body);
    assert.equal(res.headers.get('location'), answers[0].headers.get('location'));
  }
  const replays = answers.filter((r) => r.headers.get('idempotent-replayed') === 'true').length;
  assert.equal(replays, 7);
  assert.equal((await search(normalised)).length, 1);
  assert.equal(await countList(api, '/api/v1/citizens'), before + 1);
});

test('keys must be 1–200 visible ASCII characters: else 422 parameter "Idempotency-Key", nothing written', async () => {
  const before = await countList(api, '/api/v1/citizens');
  const bad = ['k'.repeat(201), 'has space', 'tab\tkey', ''];
  for (const key of bad) {
    const { body } = await newCitizenBody(api);
    const text = JSON.stringify(body);
    const res = await api.raw('POST', '/api/v1/citizens', {
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, 'Content-Length': String(Buffer.byteLength(text)) },
      body: text,
    });
    assertProblem(res, 422, 'invalid', { parameter: 'Idempotency-Key' });
  }
  // A non-ASCII byte (latin-1 "æ") in the header.
  {
    const { body } = await newCitizenBody(api);
    const text = JSON.stringify(body);
    const res = await api.raw('POST', '/api/v1/citizens', {
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'n\u00e6gle', 'Content-Length': String(Buffer.byteLength(text)) },
      body: text,
    });
    assertProblem(res, 422, 'invalid', { parameter: 'Idempotency-Key' });
  }
  assert.equal(await countList(api, '/api/v1/citizens'), before);
  for (const key of ['k', 'k'.repeat(200), '!~"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}']) {
    const { body } = await newCitizenBody(api);
    assertOk(await postWithKey('/api/v1/citizens', body, key), 201, 'Citizen');
  }
});

test('POST /api/v1/projects honours Idempotency-Key', async () => {
  const body = {
    slug: `idem-${process.pid}`,
    name: 'Idempotens (fiktivt)',
    description: '',
    period_start: '2025-01-01',
    period_end: '2026-01-01',
    target_count: 10,
    age_min: 18,
    age_max: 30,
    municipalities: ['370'],
    target_groups: ['sygedagpenge'],
    instruments: [],
    followup_months: [],
    randomised: false,
  };
  const key = randomUUID();
  const first = await admin.post('/api/v1/projects', body, { headers: { 'Idempotency-Key': key } });
  assertOk(first, 201, 'Project');
  const second = await admin.post('/api/v1/projects', body, { headers: { 'Idempotency-Key': key } });
  assert.equal(second.status, 201);
  assert.deepEqual(second.body, first.body);
  assert.equal(second.headers.get('idempotent-replayed'), 'true');
  assert.equal(second.headers.get('location'), first.headers.get('location'));
  const slugs = (await walkList(api, '/api/v1/projects', 200)).items.filter((p) => p.slug === body.slug);
  assert.equal(slugs.length, 1);
});

test('POST /api/v1/enrolments honours Idempotency-Key', async () => {
  // ibbu-midt, where the caseworker has a team (was paa-vej-til-arbejde before sign-in).
  const project = (await walkList(api, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  const c = await createCitizen(api);
  const body = { project_id: project.id, citizen_id: c.id, referral_date: iso(todayDk()), referral_source: 'Jobcenter', target_group: project.target_groups[0] };
  const key = randomUUID();
  const first = await postWithKey('/api/v1/enrolments', body, key);
  assertOk(first, 201, 'Enrolment');
  const second = await postWithKey('/api/v1/enrolments', body, key);
  assert.equal(second.status, 201);
  assert.deepEqual(second.body, first.body);
  assert.equal(second.headers.get('idempotent-replayed'), 'true');
  const mine = (await walkList(api, `/api/v1/enrolments?project=${project.id}`, 200)).items.filter((e) => e.citizen_id === c.id);
  assert.equal(mine.length, 1);
});

test('the replayed answer is the first one, even after the resource changed', async () => {
  // ibbu-midt, where the caseworker has a team (was ibbu-nord before sign-in).
  const project = (await walkList(api, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  const c = await createCitizen(api);
  const body = { project_id: project.id, citizen_id: c.id, referral_date: iso(todayDk()), referral_source: 'Jobcenter', target_group: project.target_groups[0] };
  const key = randomUUID();
  const first = assertOk(await postWithKey('/api/v1/enrolments', body, key), 201, 'Enrolment');
  assertOk(await api.patch(`/api/v1/enrolments/${first.id}`, { status: 'screening' }, { headers: { 'If-Match': '"1"' } }), 200, 'Enrolment');
  const replay = await postWithKey('/api/v1/enrolments', body, key);
  assert.equal(replay.status, 201);
  assert.deepEqual(replay.body, first);
  assert.equal(replay.headers.get('idempotent-replayed'), 'true');
});

// --- A replay passes the policy and the audit log; a key names one request ---------------------

const clients = new Map();
async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username));
  return clients.get(username);
}
const today = () => iso(todayDk());
let noteCounter = 0;
/** A session body whose note is health detail (recorded as a personal value: never in a log). */
function sessionBody() {
  noteCounter += 1;
  const note = `Fiktiv samtalenote ${noteCounter}q${process.pid}: søvn og bekymringer`;
  return { date: today(), kind: 'individual', duration_min: 45, note };
}
/** A citizen registered and referred to ibbu-midt by `username` (the enrolment goes to their team). */
async function referral(username) {
  const api = await as(username);
  const project = (await walkList(api, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  const c = await createCitizen(api);
  const e = assertOk(await api.post('/api/v1/enrolments', {
    project_id: project.id, citizen_id: c.id, referral_date: today(), referral_source: 'Jobcenter', target_group: project.target_groups[0],
  }), 201, 'Enrolment');
  return { citizen: c, enrolment: e };
}
const sessionsOn = (enrolmentId) => sql(server.db, `SELECT COUNT(*) AS n FROM treatment_session WHERE enrolment_id = ${enrolmentId}`)[0].n;
/** The newest audit event of a user on a route pattern. */
const lastEvent = (username, route) => sql(server.db,
  `SELECT action, outcome, citizen_id, purpose FROM audit_event WHERE username = '${username}' AND route = '${route}' ORDER BY seq DESC LIMIT 1`)[0];
async function setMember(teamId, username, member) {
  const users = (await walkList(admin, '/api/v1/users', 200)).items;
  const u = users.find((x) => x.username === username);
  assertOk(await admin.post(`/api/v1/teams/${teamId}/members`, { user_id: u.id, member }), 200);
}

test('removed from the team, a replay with the same key is refused as a new request would be, audited, and the note is not sent', async () => {
  const cm = await as('caremanager.herning');
  const { citizen, enrolment } = await referral('caremanager.herning');
  const url = `/api/v1/enrolments/${enrolment.id}/sessions`;
  const body = sessionBody();
  rememberPersonal(body.note);
  const key = randomUUID();
  const first = assertOk(await cm.post(url, body, { headers: { 'Idempotency-Key': key } }), 201, 'TreatmentSession');
  assert.equal(first.note, body.note);

  await setMember(enrolment.team_id, 'caremanager.herning', false);
  try {
    // What the handler answers this caller now (a request without a key writes nothing when refused).
    const fresh = await cm.post(url, body);
    assert.ok([403, 404].includes(fresh.status), describe(fresh));
    const replay = await cm.post(url, body, { headers: { 'Idempotency-Key': key } });
    assertProblem(replay, fresh.status, fresh.body.code);
    assert.equal(replay.headers.get('idempotent-replayed'), null);
    assert.ok(!replay.text.includes(body.note), 'the session note of the first answer is not sent');
    const event = lastEvent('caremanager.herning', '/api/v1/enrolments/{id}/sessions');
    assert.deepEqual(event, { action: 'session', outcome: fresh.body.code, citizen_id: citizen.id, purpose: 'treatment' }, 'the refused replay is audited');
    assert.equal(sessionsOn(enrolment.id), 1);
  } finally {
    await setMember(enrolment.team_id, 'caremanager.herning', true);
  }
  // Back on the team: the replay is the first answer again, with an audit event of its own.
  const before = sql(server.db, 'SELECT COUNT(*) AS n FROM audit_event')[0].n;
  const again = await cm.post(url, body, { headers: { 'Idempotency-Key': key } });
  assert.equal(again.status, 201, describe(again));
  assert.deepEqual(again.body, first);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(lastEvent('caremanager.herning', '/api/v1/enrolments/{id}/sessions'),
    { action: 'session', outcome: 'replayed', citizen_id: citizen.id, purpose: 'treatment' });
  assert.equal(sql(server.db, 'SELECT COUNT(*) AS n FROM audit_event')[0].n, before + 1, 'one event for the replay');
  assert.equal(sessionsOn(enrolment.id), 1);
});

test('a replay of POST /api/v1/citizens is audited, and once the citizen is out of sight it is 409 naming the key', async () => {
  const cw = await as('caseworker.herning');
  const { body } = await newCitizenBody(cw);
  const key = randomUUID();
  const first = assertOk(await cw.post('/api/v1/citizens', body, { headers: { 'Idempotency-Key': key } }), 201, 'Citizen');
  const replay = await cw.post('/api/v1/citizens', body, { headers: { 'Idempotency-Key': key } });
  assert.equal(replay.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(lastEvent('caseworker.herning', '/api/v1/citizens'), { action: 'create', outcome: 'replayed', citizen_id: first.id, purpose: 'case_administration' });
  // Referred to the caseworker's ibbu-midt team, then the caseworker leaves that team: the citizen
  // is no longer theirs to see, so the stored answer (name, identifier) is not sent again.
  const project = (await walkList(cw, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  const e = assertOk(await cw.post('/api/v1/enrolments', {
    project_id: project.id, citizen_id: first.id, referral_date: today(), referral_source: 'Jobcenter', target_group: project.target_groups[0],
  }), 201, 'Enrolment');
  await setMember(e.team_id, 'caseworker.herning', false);
  try {
    assert.ok([403, 404].includes((await cw.get(`/api/v1/citizens/${first.id}`)).status), 'the citizen is out of sight');
    const gone = await cw.post('/api/v1/citizens', body, { headers: { 'Idempotency-Key': key } });
    // The conflict is the key's (docs/api-contract.md): it names no member of the body.
    assertProblem(gone, 409, 'conflict', { parameter: 'Idempotency-Key' });
    assert.ok(!('field' in gone.body));
    assert.equal(gone.headers.get('idempotent-replayed'), null);
    assert.deepEqual(lastEvent('caseworker.herning', '/api/v1/citizens'), { action: 'create', outcome: 'conflict', citizen_id: first.id, purpose: 'case_administration' });
  } finally {
    await setMember(e.team_id, 'caseworker.herning', true);
  }
});

test('the same key on an enrolment the caller may not know of is 404 as without a key, audited, and writes nothing there', async () => {
  const cm = await as('caremanager.herning');
  const { enrolment: mine } = await referral('caremanager.herning');
  const { enrolment: randers } = await referral('caseworker.randers'); // another municipality
  const body = sessionBody();
  rememberPersonal(body.note);
  const key = randomUUID();
  assertOk(await cm.post(`/api/v1/enrolments/${mine.id}/sessions`, body, { headers: { 'Idempotency-Key': key } }), 201, 'TreatmentSession');
  const fresh = await cm.post(`/api/v1/enrolments/${randers.id}/sessions`, body);
  assertProblem(fresh, 404, 'not_found');
  const res = await cm.post(`/api/v1/enrolments/${randers.id}/sessions`, body, { headers: { 'Idempotency-Key': key } });
  assertProblem(res, 404, 'not_found');
  assert.equal(res.headers.get('idempotent-replayed'), null);
  assert.ok(!res.text.includes(body.note));
  assert.equal(sessionsOn(randers.id), 0);
  assert.equal(lastEvent('caremanager.herning', '/api/v1/enrolments/{id}/sessions').outcome, 'not_found');
});

test('a key names one request: the same key and body on another enrolment, route or method is 422 "Idempotency-Key" and writes nothing', async () => {
  const cm = await as('caremanager.herning');
  const { enrolment: four } = await referral('caremanager.herning');
  const { enrolment: five } = await referral('caremanager.herning');
  const body = sessionBody();
  rememberPersonal(body.note);
  const key = randomUUID();
  const first = assertOk(await cm.post(`/api/v1/enrolments/${four.id}/sessions`, body, { headers: { 'Idempotency-Key': key } }), 201, 'TreatmentSession');
  assert.equal(first.enrolment_id, four.id);
  const other = await cm.post(`/api/v1/enrolments/${five.id}/sessions`, body, { headers: { 'Idempotency-Key': key } });
  assertProblem(other, 422, 'invalid', { parameter: 'Idempotency-Key' });
  assert.equal(sessionsOn(five.id), 0, 'nothing written on the other enrolment');
  const followup = { date: today(), action: 'risk_assessed', note: body.note };
  assertProblem(await cm.post(`/api/v1/enrolments/${four.id}/safety-followups`, followup, { headers: { 'Idempotency-Key': key } }),
    422, 'invalid', { parameter: 'Idempotency-Key' });
  assert.equal(sql(server.db, `SELECT COUNT(*) AS n FROM safety_followup WHERE enrolment_id = ${four.id}`)[0].n, 0);
  // Without the key, the same request on the other enrolment is a request like any other.
  assertOk(await cm.post(`/api/v1/enrolments/${five.id}/sessions`, body), 201, 'TreatmentSession');
  assert.equal(sessionsOn(four.id), 1);
});

// Expired answers of other keys are deleted by a later write at most once a minute per server
// process (tests/unit/store/idempotency_test.c); the key's own expired answer is taken over here.
test('a key is kept 24 hours: an older answer is not replayed, and the new request takes the key over', async () => {
  const cm = await as('caremanager.herning');
  const { enrolment } = await referral('caremanager.herning');
  const url = `/api/v1/enrolments/${enrolment.id}/sessions`;
  const body = sessionBody();
  rememberPersonal(body.note);
  const key = randomUUID();
  const first = assertOk(await cm.post(url, body, { headers: { 'Idempotency-Key': key } }), 201, 'TreatmentSession');
  // 23 hours later it is still a replay.
  sql(server.db, 'UPDATE idempotency SET created_s = created_s - 23 * 3600');
  const within = await cm.post(url, body, { headers: { 'Idempotency-Key': key } });
  assert.equal(within.headers.get('idempotent-replayed'), 'true', describe(within));
  // Every stored answer a further 2 hours older: 25 hours.
  sql(server.db, 'UPDATE idempotency SET created_s = created_s - 2 * 3600');
  // Older than a day (created_s is Unix seconds; now taken here, so the SQL is either engine's).
  const expired = () => sql(server.db, `SELECT COUNT(*) AS n FROM idempotency WHERE created_s < ${Math.floor(Date.now() / 1000) - 86400}`)[0].n;
  const stale = expired();
  assert.ok(stale >= 1);
  const late = await cm.post(url, body, { headers: { 'Idempotency-Key': key } });
  const second = assertOk(late, 201, 'TreatmentSession');
  assert.equal(late.headers.get('idempotent-replayed'), null, 'a new request, not a replay');
  assert.notEqual(second.id, first.id);
  assert.equal(sessionsOn(enrolment.id), 2);
  assert.ok(expired() < stale,
    'the key\'s expired answer is replaced by the new one');
  // The new answer is the one replayed now.
  const replay = await cm.post(url, body, { headers: { 'Idempotency-Key': key } });
  assert.equal(replay.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(replay.body, second);
});
