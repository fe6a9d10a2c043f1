// Optimistic concurrency on PATCH /api/v1/enrolments/{id} (docs/api-contract.md "Conventions"):
// If-Match: "<version>" is required (428 without), a stale version is 412 with current_version
// and the current ETag, and of two writers holding the same version exactly one wins.
// Signed in as caseworker.odense (on the Odense team of ips-syddanmark); project creation as admin.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck } from './server.mjs';
import { makeClient, signedIn, assertUnauthenticated, assertOk, assertProblem, assertETag, walkList, countList, todayDk, iso, createCitizen, newCitizenBody, describe } from './client.mjs';

let server;
let api;
let admin;
let project;

before(async () => {
  server = await startServer();
  api = await signedIn(server.base, 'caseworker.odense');
  admin = await signedIn(server.base, 'admin');
  project = (await walkList(api, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ips-syddanmark');
  assert.ok(project);
});
after(async () => {
  await stopAndCheck(server);
});

async function newEnrolment() {
  const c = await createCitizen(api);
  const res = await api.post('/api/v1/enrolments', {
    project_id: project.id,
    citizen_id: c.id,
    referral_date: iso(todayDk()),
    referral_source: 'Psykiatrien (API-test)',
    target_group: project.target_groups[0],
  });
  return assertOk(res, 201, 'Enrolment');
}

const url = (e) => `/api/v1/enrolments/${e.id}`;
const read = async (e) => plain(assertOk(await api.get(url(e)), 200, 'Enrolment'));

// Contract change: GET of an enrolment adds employment_summary for a caseworker (a municipal
// role); the PATCH answer does not. Compare without the summaries.
const plain = ({ health_summary, employment_summary, ...rest }) => rest;

test('without sign-in PATCH is 401 unauthenticated before If-Match is looked at; nothing written', async () => {
  const e = await newEnrolment();
  const anon = makeClient(server.base);
  assertUnauthenticated(await anon.patch(url(e), { status: 'screening' }, { headers: { 'If-Match': '"1"' } }));
  assertUnauthenticated(await anon.patch(url(e), { status: 'screening' }));
  assert.deepEqual(await read(e), e);
});

test('PATCH without If-Match is 428 precondition_required, parameter "If-Match"; nothing written', async () => {
  const e = await newEnrolment();
  const res = await api.patch(url(e), { status: 'screening' });
  assertProblem(res, 428, 'precondition_required', { parameter: 'If-Match' });
  assert.deepEqual(await read(e), e);
});

test('a stale If-Match is 412 stale with current_version and the current ETag; then the fresh one wins', async () => {
  const e = await newEnrolment();
  const v2 = assertOk(await api.patch(url(e), { referral_source: 'Første ændring' }, { headers: { 'If-Match': '"1"' } }), 200, 'Enrolment');
  assert.equal(v2.version, 2);

  const stale = await api.patch(url(e), { status: 'screening' }, { headers: { 'If-Match': '"1"' } });
  assertProblem(stale, 412, 'stale');
  assert.equal(stale.body.current_version, 2);
  assert.equal(stale.headers.get('etag'), '"2"');
  assert.deepEqual(await read(e), v2, 'nothing written');

  // A version from the future is just as stale.
  const ahead = await api.patch(url(e), { status: 'screening' }, { headers: { 'If-Match': '"7"' } });
  assertProblem(ahead, 412, 'stale');
  assert.equal(ahead.body.current_version, 2);

  const fresh = await api.patch(url(e), { status: 'screening' }, { headers: { 'If-Match': stale.headers.get('etag') } });
  const v3 = assertOk(fresh, 200, 'Enrolment');
  assert.equal(v3.version, 3);
  assert.equal(v3.status, 'screening');
  assertETag(fresh, 3);
});

test('a malformed If-Match is refused (never applied), and nothing is written', async () => {
  const e = await newEnrolment();
  for (const value of ['1', 'W/"1"', '"1', '"one"', '""', '"-1"', '"1", "2"', '*', '"99999999999999999999999"']) {
    const res = await api.patch(url(e), { status: 'screening' }, { headers: { 'If-Match': value } });
    assert.ok([400, 412, 422, 428].includes(res.status), `If-Match ${value}: ${describe(res)}`);
    assertProblem(res, res.status, { 400: 'malformed', 412: 'stale', 422: 'invalid', 428: 'precondition_required' }[res.status]);
    if (res.status === 422 || res.status === 428) assert.equal(res.body.parameter, 'If-Match', `If-Match ${value}`);
  }
  assert.deepEqual(await read(e), e);
});

test('If-Match is checked before the body: a stale version with a bad body is 412', async () => {
  const e = await newEnrolment();
  await api.patch(url(e), { referral_source: 'x' }, { headers: { 'If-Match': '"1"' } });
  const res = await api.patch(url(e), { status: 'screening' }, { headers: { 'If-Match': '"1"' } });
  assertProblem(res, 412, 'stale');
});

test('two parallel PATCHes with the same version: exactly one 200 and one 412', async () => {
  for (let round = 0; round < 5; round++) {
    const e = await newEnrolment();
    const [a, b] = await Promise.all([
      api.patch(url(e), { status: 'screening' }, { headers: { 'If-Match': '"1"' } }),
      api.patch(url(e), { referral_source: `Parallel ${round}` }, { headers: { 'If-Match': '"1"' } }),
    ]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 412], `round ${round}: ${describe(a)} / ${describe(b)}`);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    assertProblem(loser, 412, 'stale');
    assert.equal(loser.body.current_version, 2);
    const now = await read(e);
    assert.equal(now.version, 2);
    assert.deepEqual(now, winner.body, 'the stored row is the winner\'s');
    if (winner === a) assert.equal(now.referral_source, e.referral_source, 'the loser wrote nothing');
    else assert.equal(now.status, 'referred', 'the loser wrote nothing');
  }
});

test('ten parallel PATCHes with the same version: exactly one wins', async () => {
  const e = await newEnrolment();
  const answers = await Promise.all(
    Array.from({ length: 10 }, (_, i) => api.patch(url(e), { referral_source: `Kilde ${i}` }, { headers: { 'If-Match': '"1"' } })),
  );
  const wins = answers.filter((r) => r.status === 200);
  const stale = answers.filter((r) => r.status === 412);
  assert.equal(wins.length, 1, answers.map((r) => r.status).join(','));
  assert.equal(stale.length, 9, answers.map((r) => r.status).join(','));
  const now = await read(e);
  assert.equal(now.version, 2);
  assert.equal(now.referral_source, wins[0].body.referral_source);
});

test('GET carries the ETag of the current version', async () => {
  const e = await newEnrolment();
  const v2 = assertOk(await api.patch(url(e), { status: 'screening' }, { headers: { 'If-Match': '"1"' } }), 200, 'Enrolment');
  const res = await api.get(url(e));
  assertETag(res, v2.version);
});

test('parallel POSTs of the same identifier by one user: exactly one 201, the rest 200 with that record; one citizen', async () => {
  const { body, normalised } = await newCitizenBody(api);
  const answers = await Promise.all(Array.from({ length: 6 }, () => api.post('/api/v1/citizens', body)));
  const statuses = answers.map((r) => r.status).sort();
  assert.deepEqual(statuses, [200, 200, 200, 200, 200, 201], answers.map(describe).join('\n'));
  const created = answers.find((r) => r.status === 201).body;
  for (const r of answers) assert.equal(assertOk(r, r.status, 'Citizen').id, created.id);
  const found = assertOk(await api.get(`/api/v1/citizens?q=${normalised}`), 200, 'CitizenList').items;
  assert.equal(found.length, 1);
});

test('parallel POSTs of the same project slug: exactly one 201, the rest 409', async () => {
  const body = {
    slug: `parallel-${process.pid}`, name: 'Parallelt (fiktivt)', description: '', period_start: '2025-01-01',
    period_end: '2026-01-01', target_count: 5, age_min: 18, age_max: 30, municipalities: ['461'],
    target_groups: ['other'], instruments: [], followup_months: [], randomised: false,
  };
  const answers = await Promise.all(Array.from({ length: 5 }, () => admin.post('/api/v1/projects', body)));
  assert.deepEqual(answers.map((r) => r.status).sort(), [201, 409, 409, 409, 409], answers.map(describe).join('\n'));
  const all = (await walkList(admin, '/api/v1/projects', 200)).items.filter((p) => p.slug === body.slug);
  assert.equal(all.length, 1);
});

test('parallel enrolments of one citizen in one project: exactly one 201, the rest 409', async () => {
  const c = await createCitizen(api);
  const body = { project_id: project.id, citizen_id: c.id, referral_date: iso(todayDk()), referral_source: 'Jobcenter', target_group: project.target_groups[0] };
  const answers = await Promise.all(Array.from({ length: 5 }, () => api.post('/api/v1/enrolments', body)));
  assert.deepEqual(answers.map((r) => r.status).sort(), [201, 409, 409, 409, 409], answers.map(describe).join('\n'));
  const mine = (await walkList(api, `/api/v1/enrolments?project=${project.id}`, 200)).items.filter((e) => e.citizen_id === c.id);
  assert.equal(mine.length, 1);
});

test('20 parallel creations of different citizens all succeed (no busy, no 5xx)', async () => {
  const bodies = [];
  for (let i = 0; i < 20; i++) bodies.push((await newCitizenBody(api)).body);
  const before = await countList(api, '/api/v1/citizens');
  const answers = await Promise.all(bodies.map((b) => api.post('/api/v1/citizens', b)));
  for (const r of answers) assertOk(r, 201, 'Citizen');
  assert.equal(new Set(answers.map((r) => r.body.id)).size, 20);
  assert.equal(await countList(api, '/api/v1/citizens'), before + 20);
});

test('reads while writing: parallel GETs and PATCHes all answer 200/412, never 5xx', async () => {
  const e = await newEnrolment();
  const work = [];
  for (let i = 0; i < 30; i++) {
    work.push(api.get(url(e)));
    work.push(api.get('/api/v1/enrolments?limit=50'));
    work.push(api.patch(url(e), { referral_source: `Kilde ${i}` }, { headers: { 'If-Match': `"${1 + (i % 3)}"` } }));
  }
  const answers = await Promise.all(work);
  for (const r of answers) assert.ok([200, 412].includes(r.status), describe(r));
  const final = await read(e);
  assert.equal(final.version, 1 + answers.filter((r) => r.method === 'PATCH' && r.status === 200).length);
});
