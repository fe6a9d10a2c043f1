// The employment and education track's episodes, vocational profile and follow-along contacts
// (issue 11; docs/api-contract.md "Employment and education track", docs/employment-track.md,
// docs/security-model.md "Employment and education track"): every route, bad input (the member
// and reason named, nothing written), 412 on a stale If-Match, and who sees what — municipal
// staff on the team write and read, health staff read only while employment_to_health is given.
// Expected values are what this file sends and the contract's rules; dates are relative to today
// in Denmark (the server's calendar).
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, sql, rememberPersonal } from './server.mjs';
import { makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, assertETag, walkList, createCitizen, todayDk, addDays, iso } from './client.mjs';

let server;
let midt;
let enrolmentId;
let citizenId;
let employerId;
let randersEmployerId;
const clients = new Map();
const day = (n) => iso(addDays(todayDk(), n));

async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username));
  return clients.get(username);
}

const episodes = (id = enrolmentId) => `/api/v1/enrolments/${id}/episodes`;
const profile = (id = enrolmentId) => `/api/v1/enrolments/${id}/vocational-profile`;
const follow = (id = enrolmentId) => `/api/v1/enrolments/${id}/follow-along`;
const count = async (table, where = `enrolment_id = ${enrolmentId}`) => Number((await sql(server.db, `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`))[0].n);
const put = (api, path, json, version) => api.request('PUT', path, { json, headers: version ? { 'If-Match': `"${version}"` } : {} });

before(async () => {
  server = await startServer();
  const cw = await as('caseworker.herning');
  midt = (await walkList(cw, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  const citizen = await createCitizen(cw, { extra: { municipality_code: '657' } });
  citizenId = citizen.id;
  enrolmentId = assertOk(await cw.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: citizen.id, referral_date: day(-90), referral_source: 'Jobcenter (forløb)', target_group: midt.target_groups[0],
  }), 201, 'Enrolment').id;
  employerId = assertOk(await (await as('jobconsultant.herning')).post('/api/v1/employers', { name: 'Fiktiv Lager ApS', municipality_code: '657' }), 201, 'Employer').id;
  randersEmployerId = assertOk(await (await as('caseworker.randers')).post('/api/v1/employers', { name: 'Fiktiv Randers ApS', municipality_code: '730' }), 201, 'Employer').id;
});
after(async () => {
  await stopAndCheck(server);
});

test('without sign-in 401 on every route', async () => {
  const anon = makeClient(server.base);
  assertUnauthenticated(await anon.get(episodes()));
  assertUnauthenticated(await anon.get('/api/v1/episodes/1'));
  assertUnauthenticated(await anon.get(profile()));
  assertUnauthenticated(await anon.get(`${profile()}/history`));
  assertUnauthenticated(await anon.get(follow()));
});

test('a job consultant records an internship at a register employer, ends it with a PATCH; the list pages newest start first', async () => {
  const jc = await as('jobconsultant.herning');
  const res = await jc.post(episodes(), {
    kind: 'internship', start_date: day(-60), hours_per_week: 15, employer_id: employerId, purpose: 'try_out', contact_allowed: true,
  });
  const ep = assertOk(res, 201, 'Episode');
  assert.equal(res.headers.get('location'), `/api/v1/episodes/${ep.id}`);
  assertETag(res, 1);
  assert.deepEqual(ep.employer, { id: employerId, name: 'Fiktiv Lager ApS' });
  assert.equal(ep.purpose, 'try_out');
  assert.ok(!('end_date' in ep));
  assert.equal(ep.created_by.name.length > 0, true);
  // An education and a course, later starts.
  const edu = assertOk(await jc.post(episodes(), {
    kind: 'education', start_date: day(-20), level: 'vocational', institution: 'Fiktiv Erhvervsskole', programme: 'Lager og logistik', hours_per_week: 30,
  }), 201, 'Episode');
  assertOk(await jc.post(episodes(), { kind: 'course', start_date: day(-40), place: 'Fiktivt kursussted' }), 201, 'Episode');
  const all = await walkList(jc, episodes(), 2);
  assert.deepEqual(all.sizes, [2, 1]);
  assert.deepEqual(all.items.map((e) => e.kind), ['education', 'course', 'internship']);
  // Ending: end_date needs end_reason; then the PATCH with both.
  const one = await jc.get(`/api/v1/episodes/${ep.id}`);
  assertETag(one, 1);
  assertProblem(await jc.patch(`/api/v1/episodes/${ep.id}`, { end_date: day(-30) }, { headers: { 'If-Match': '"1"' } }), 422, 'invalid', { field: '/end_reason', reason: 'required' });
  const ended = assertOk(await jc.patch(`/api/v1/episodes/${ep.id}`, { end_date: day(-30), end_reason: 'completed' }, { headers: { 'If-Match': '"1"' } }), 200, 'Episode');
  assert.equal(ended.version, 2);
  assert.equal(ended.end_reason, 'completed');
  // A stale version: 412 with the version now, nothing written.
  const stale = await jc.patch(`/api/v1/episodes/${ep.id}`, { hours_per_week: 10 }, { headers: { 'If-Match': '"1"' } });
  assertProblem(stale, 412, 'stale');
  assert.equal(stale.body.current_version, 2);
  assert.equal((await sql(server.db, `SELECT hours_per_week FROM episode WHERE id = ${ep.id}`))[0].hours_per_week, 15);
  // The summary and the weekly status read the new episodes: the education is going on today.
  const en = assertOk(await jc.get(`/api/v1/enrolments/${enrolmentId}`), 200, 'Enrolment');
  assert.deepEqual(en.employment_summary.current_episode, { kind: 'education', start_date: edu.start_date });
  assertOk(await jc.get(`/api/v1/enrolments/${enrolmentId}/labour-weeks`), 200, 'LabourWeeks');
});

test('bad episodes: the member and reason named, nothing written', async () => {
  const cw = await as('caseworker.herning');
  const before = await count('episode');
  const cases = [
    [{ start_date: day(-1) }, '/kind', 'required'],
    [{ kind: 'job', start_date: day(-1) }, '/kind', 'one_of'],
    [{ kind: 'course' }, '/start_date', 'required'],
    [{ kind: 'course', start_date: day(400) }, '/start_date', 'date_too_far_ahead'],
    [{ kind: 'course', start_date: day(-5), end_date: day(-6), end_reason: 'completed' }, '/end_date', 'date_before_start'],
    [{ kind: 'course', start_date: day(-5), end_date: day(1), end_reason: 'completed' }, '/end_date', 'date_in_future'],
    [{ kind: 'course', start_date: day(-5), end_reason: 'completed' }, '/end_reason', 'only_when_ending'],
    [{ kind: 'course', start_date: day(-5), hours_per_week: 169 }, '/hours_per_week', 'out_of_range'],
    [{ kind: 'course', start_date: day(-5), employer_id: employerId }, '/employer_id', 'only_for_kind'],
    [{ kind: 'ordinary_job', start_date: day(-5), employer_id: randersEmployerId }, '/employer_id', 'no_such_record'],
    [{ kind: 'ordinary_job', start_date: day(-5), level: 'vocational' }, '/level', 'only_for_kind'],
    [{ kind: 'education', start_date: day(-5) }, '/level', 'required'],
    [{ kind: 'education', start_date: day(-5), level: 'phd' }, '/level', 'one_of'],
    [{ kind: 'internship', start_date: day(-5) }, '/purpose', 'required'],
    [{ kind: 'course', start_date: day(-5), place: 'Linje 1\nLinje 2' }, '/place', 'not_one_line'],
  ];
  for (const [body, field, reason] of cases)
    assertProblem(await cw.post(episodes(), body), 422, 'invalid', { field, reason });
  assertProblem(await cw.post(episodes(), { kind: 'course', start_date: day(-5), shoe_size: 44 }), 422, 'invalid', { field: null });
  assert.equal(await count('episode'), before);
});

test('the vocational profile: each save a new version with its history; 428 without If-Match, 412 when stale; history newest first', async () => {
  const rc = await as('jobconsultant.herning');
  assertProblem(await rc.get(profile()), 404, 'not_found');
  const goals = 'Jeg vil gerne arbejde med dyr.';
  rememberPersonal(goals);
  const first = await put(rc, profile(), {
    disclosure: 'some', disclosure_note: 'Må gerne vide, at jeg har brug for pauser.', own_goals: goals, work_wanted: 'Dyrepasser', work_not_wanted: 'Kundeservice i telefon', hours_wanted: 25,
    places: 'Herning og omegn', travel: 'Cykel og bus, højst 45 minutter',
    history: [{ area: 'education', level: 'primary_lower_secondary', outcome: 'completed', to_year: 2021 }, { area: 'work', description: 'Avisbud', from_year: 2019, to_year: 2020 }],
  });
  const v1 = assertOk(first, 201, 'VocationalProfile');
  assertETag(first, 1);
  assert.equal(v1.history.length, 2);
  assert.equal(v1.history[1].description, 'Avisbud');
  assertProblem(await put(rc, profile(), { disclosure: 'none' }), 428, 'precondition_required');
  const second = assertOk(await put(rc, profile(), { disclosure: 'none', own_goals: goals }, 1), 200, 'VocationalProfile');
  assert.equal(second.version, 2);
  assert.deepEqual(second.history, []);
  const stale = await put(rc, profile(), { disclosure: 'full' }, 1);
  assertProblem(stale, 412, 'stale');
  assert.equal(stale.body.current_version, 2);
  const now = await rc.get(profile());
  assertETag(now, 2);
  assert.equal(now.body.disclosure, 'none');
  const history = await walkList(rc, `${profile()}/history`, 1);
  assert.deepEqual(history.items.map((p) => p.version), [2, 1]);
  assert.equal(history.items[1].history.length, 2);
  // Bad input names the member; nothing written.
  const before = await count('vocational_profile');
  const entries = await count('vocational_history_entry', '1 = 1');
  const cases = [
    [{}, '/disclosure', 'required'],
    [{ disclosure: 'partly' }, '/disclosure', 'one_of'],
    [{ disclosure: 'none', hours_wanted: 200 }, '/hours_wanted', 'out_of_range'],
    [{ disclosure: 'none', history: [{ area: 'education' }] }, '/history/0/level', 'required'],
    [{ disclosure: 'none', history: [{ area: 'work' }, { area: 'work', level: 'vocational' }] }, '/history/1/level', 'only_for_kind'],
    [{ disclosure: 'none', history: [{ area: 'work', from_year: 2024, to_year: 2023 }] }, '/history/0/to_year', 'not_increasing'],
    [{ disclosure: 'none', history: [{ area: 'work', from_year: 1900 }] }, '/history/0/from_year', 'out_of_range'],
    [{ disclosure: 'none', history: 'none' }, '/history', 'wrong_type'],
  ];
  for (const [body, field, reason] of cases)
    assertProblem(await put(rc, profile(), body, 2), 422, 'invalid', { field, reason });
  assert.equal(await count('vocational_profile'), before);
  assert.equal(await count('vocational_history_entry', '1 = 1'), entries);
});

test('follow-along: with the young person always; with the employer only when agreed on the episode; after the start', async () => {
  const jc = await as('jobconsultant.herning');
  const agreed = assertOk(await jc.post(episodes(), { kind: 'ordinary_job', start_date: day(-10), employer_id: employerId, contact_allowed: true, hours_per_week: 20 }), 201, 'Episode');
  const silent = assertOk(await jc.post(episodes(), { kind: 'ordinary_job', start_date: day(-8), place: 'Fiktiv Bager', hours_per_week: 10 }), 201, 'Episode');
  const before = await count('follow_along');
  assertOk(await jc.post(follow(), { episode_id: agreed.id, date: day(-3), with_whom: 'employer', kind: 'phone', note: 'Det går godt.' }), 201, 'FollowAlong');
  assertOk(await jc.post(follow(), { episode_id: silent.id, date: day(-2), with_whom: 'young_person', kind: 'in_person' }), 201, 'FollowAlong');
  const refused = await jc.post(follow(), { episode_id: silent.id, date: day(-2), with_whom: 'employer', kind: 'phone' });
  assertProblem(refused, 422, 'invalid', { field: '/with_whom', reason: 'contact_not_agreed' });
  const cases = [
    [{ episode_id: silent.id, date: day(-9), with_whom: 'young_person', kind: 'phone' }, '/date', 'date_before_start'],
    [{ episode_id: silent.id, date: day(1), with_whom: 'young_person', kind: 'phone' }, '/date', 'date_in_future'],
    [{ episode_id: 999999, date: day(-1), with_whom: 'young_person', kind: 'phone' }, '/episode_id', 'no_such_record'],
    [{ episode_id: silent.id, date: day(-1), with_whom: 'mother', kind: 'phone' }, '/with_whom', 'one_of'],
    [{ episode_id: silent.id, date: day(-1), with_whom: 'young_person', kind: 'letter' }, '/kind', 'one_of'],
  ];
  for (const [body, field, reason] of cases)
    assertProblem(await jc.post(follow(), body), 422, 'invalid', { field, reason });
  assert.equal(await count('follow_along'), before + 2);
  const list = await walkList(jc, follow(), 1);
  assert.deepEqual(list.items.map((f) => f.with_whom), ['young_person', 'employer']);
  assert.equal(list.items[1].note, 'Det går godt.');
});

test('who: health staff read only while employment_to_health is given and never write; other teams 403/404', async () => {
  const cw = await as('caseworker.herning');
  const cm = await as('caremanager.herning');
  const epId = (await walkList(cw, episodes(), 200)).items[0].id;
  const reads = [episodes(), `/api/v1/episodes/${epId}`, profile(), `${profile()}/history`, follow()];
  for (const path of reads) assertProblem(await cm.get(path), 403, 'forbidden');
  assertOk(await cw.post(`/api/v1/enrolments/${enrolmentId}/consents`, { scope: 'employment_to_health', given: true, date: day(0) }), 201, 'Consent');
  for (const path of reads) assert.equal((await cm.get(path)).status, 200, path);
  // Reading is all: the gate refuses the health roles' writes whatever the consent.
  const before = await count('episode');
  assertProblem(await cm.post(episodes(), { kind: 'course', start_date: day(-1) }), 403, 'forbidden');
  assertProblem(await cm.patch(`/api/v1/episodes/${epId}`, { hours_per_week: 1 }, { headers: { 'If-Match': '"1"' } }), 403, 'forbidden');
  assertProblem(await put(cm, profile(), { disclosure: 'full' }, 2), 403, 'forbidden');
  assertProblem(await cm.post(follow(), { episode_id: epId, date: day(0), with_whom: 'young_person', kind: 'phone' }), 403, 'forbidden');
  assert.equal(await count('episode'), before);
  assertOk(await cw.post(`/api/v1/enrolments/${enrolmentId}/consents`, { scope: 'employment_to_health', given: false, date: day(0) }), 201, 'Consent');
  for (const path of reads) assertProblem(await cm.get(path), 403, 'forbidden');
  // Another municipality: not theirs to know.
  const randers = await as('caseworker.randers');
  for (const path of reads) assertProblem(await randers.get(path), 404, 'not_found');
  assertProblem(await randers.post(episodes(), { kind: 'course', start_date: day(-1) }), 404, 'not_found');
  assertProblem(await cw.get('/api/v1/episodes/999999'), 404, 'not_found');
  // Every read and write is audited on the citizen, purpose employment.
  const purposes = await sql(server.db, `SELECT DISTINCT purpose FROM audit_event WHERE citizen_id = ${citizenId} AND route LIKE '%episode%'`);
  assert.deepEqual(purposes.map((r) => r.purpose), ['employment']);
});
