// Idempotency-Key on POST (docs/api-contract.md "Conventions"): a retry with the same key and
// body returns the first answer (status, body, Location) with Idempotent-Replayed: true and
// creates nothing; the same key with another body is 422, parameter "Idempotency-Key".
// Signed in as caseworker.herning (citizens, enrolments in ibbu-midt, where the caseworker has a
// team); projects as admin. Keys are per user: one user's key never replays another's answer.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, stopAndCheck } from './server.mjs';
import {
  makeClient, signedIn, assertUnauthenticated, assertOk, assertProblem, walkList, countList, newCitizenBody, createCitizen, todayDk, iso, describe,
} from './client.mjs';

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
