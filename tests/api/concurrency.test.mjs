// Optimistic concurrency on PATCH /api/v1/enrolments/{id} (docs/api-contract.md "Conventions"):
// If-Match: "<version>" is required (428 without), a stale version is 412 with current_version
// and the current ETag, and of two writers holding the same version exactly one wins.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck } from './server.mjs';
import { makeClient, assertOk, assertProblem, assertETag, walkList, todayDk, iso, createCitizen, describe } from './client.mjs';

let server;
let api;
let project;

before(async () => {
  server = await startServer();
  api = makeClient(server.base);
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
const read = async (e) => assertOk(await api.get(url(e)), 200, 'Enrolment');

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
