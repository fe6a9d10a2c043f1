// /api/v1/enrolments and /api/v1/enrolments/{id}: a citizen in a project. Status moves follow
// docs/api-contract.md "Enrolment": one step forward along referred → screening → active →
// aftercare → completed, active → completed, or to withdrawn/excluded from any non-final status.
// Signed in as caremanager.herning (regional health staff on the Herning team of ibbu-midt). The
// care manager is also put on the Thisted team of ibbu-nord with `samspor team add-member`, so
// that one user can refer the same citizen to two projects (regional staff follow their team
// memberships, docs/security-model.md). Lists show only enrolments of the caller's teams.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, samspor } from './server.mjs';
import {
  makeClient, signedIn, assertUnauthenticated, assertOk, assertProblem, assertETag, walkList, countList, describe, todayDk, addDays, iso, ageOn, createCitizen,
} from './client.mjs';

let server;
let api;
let midt; // the ibbu-midt project
let nord; // the ibbu-nord project
let outsideGroup; // a target group that exists but that ibbu-midt does not list
let myTeam; // {project id: the caller's team id in it}

// The reference table of target groups (src/store/migrations/0002_reference_data.sql, from
// BEK nr. 2636 af 28/12/2021 § 1, docs/sources.md#s20).
const ALL_GROUPS = ['dagpenge', 'jobparat-kontanthjaelp', 'aktivitetsparat-kontanthjaelp', 'uddannelsesparat-uddannelseshjaelp',
  'aktivitetsparat-uddannelseshjaelp', 'sygedagpenge', 'jobafklaring', 'ressourceforloeb', 'fleksjob', 'revalidering',
  'foertidspension', 'ledighedsydelse', 'other'];

before(async () => {
  server = await startServer();
  const teams = samspor(['team', 'list', '--db', server.db]);
  assert.equal(teams.status, 0, teams.stderr);
  api = await signedIn(server.base, 'caremanager.herning');
  const { items } = await walkList(api, '/api/v1/projects', 200);
  midt = items.find((p) => p.slug === 'ibbu-midt');
  nord = items.find((p) => p.slug === 'ibbu-nord');
  assert.ok(midt && nord, 'seeded projects');
  // `team list`: "id project muni name"; the Thisted (787) team of ibbu-nord.
  const thisted = teams.stdout.split('\n').map((l) => l.trim().split(/\s+/)).find((f) => Number(f[1]) === nord.id && f[2] === '787');
  assert.ok(thisted, `a Thisted team of ibbu-nord in:\n${teams.stdout}`);
  const added = samspor(['team', 'add-member', '--db', server.db, '--team', thisted[0], '--username', 'caremanager.herning']);
  assert.equal(added.status, 0, added.stderr);
  const me = assertOk(await api.get('/api/v1/auth/me'), 200, 'Me').user;
  myTeam = Object.fromEntries(me.teams.map((t) => [t.project_id, t.id]));
  assert.ok(myTeam[midt.id] && myTeam[nord.id], `teams in ibbu-midt and ibbu-nord: ${JSON.stringify(me.teams)}`);
  outsideGroup = ALL_GROUPS.find((g) => !midt.target_groups.includes(g));
  assert.ok(outsideGroup, 'some target group is not in ibbu-midt');
});
after(async () => {
  await stopAndCheck(server);
});

const today = () => iso(todayDk());
const count = () => countList(api, '/api/v1/enrolments');

async function enrol(project = midt, extra = {}) {
  const c = await createCitizen(api);
  const body = {
    project_id: project.id,
    citizen_id: c.id,
    referral_date: today(),
    referral_source: 'Jobcenter (API-test)',
    target_group: project.target_groups[0],
    ...extra,
  };
  const res = await api.post('/api/v1/enrolments', body);
  return { res, body, citizen: c, enrolment: res.status === 201 ? res.body : undefined };
}

async function patch(e, body, version = e.version) {
  return api.patch(`/api/v1/enrolments/${e.id}`, body, { headers: { 'If-Match': `"${version}"` } });
}

// Contract change (security model): GET of an enrolment adds the summaries the caller may see
// (a care manager: health_summary; employment_summary only with consent employment_to_health);
// the answers of POST and PATCH and the list items carry neither. Compare without them.
const plain = ({ health_summary, employment_summary, ...rest }) => rest;

async function current(id) {
  const res = await api.get(`/api/v1/enrolments/${id}`);
  return plain(assertOk(res, 200, 'Enrolment'));
}

test('without sign-in the enrolment routes are 401 unauthenticated, and nothing is written', async () => {
  const anon = makeClient(server.base);
  const { enrolment: e, body } = await enrol();
  const before = await count();
  assertUnauthenticated(await anon.get('/api/v1/enrolments'));
  assertUnauthenticated(await anon.get(`/api/v1/enrolments?project=${midt.id}`));
  assertUnauthenticated(await anon.get(`/api/v1/enrolments/${e.id}`));
  assertUnauthenticated(await anon.patch(`/api/v1/enrolments/${e.id}`, { status: 'screening' }, { headers: { 'If-Match': '"1"' } }));
  const c = await createCitizen(api);
  assertUnauthenticated(await anon.post('/api/v1/enrolments', { ...body, citizen_id: c.id }));
  assert.equal(await count(), before);
  assert.deepEqual(await current(e.id), e);
});

test('lists show only enrolments of the caller\'s teams', async () => {
  const all = (await walkList(api, '/api/v1/enrolments', 200)).items;
  const mine = new Set(Object.values(myTeam));
  assert.ok(all.length > 0);
  for (const e of all) assert.ok(mine.has(e.team_id), `enrolment ${e.id} on team ${e.team_id}`);
  // The Herning and Thisted demo teams have 18 people each (src/cli/demo.c).
  for (const [project, team] of Object.entries(myTeam)) {
    const demo = all.filter((e) => e.team_id === team && e.referral_source !== 'Jobcenter (API-test)');
    assert.ok(demo.length >= 18, `project ${project}: ${demo.length} enrolments on team ${team}`);
  }
});

test('a referral goes to the caller\'s team: no team in the project is 403 /project_id; a citizen the caller cannot see is 422 /citizen_id', async () => {
  const c = await createCitizen(api);
  const projects = (await walkList(api, '/api/v1/projects', 200)).items;
  const other = projects.find((p) => p.slug === 'samarbejdsmodellen');
  const before = await count();
  const res = await api.post('/api/v1/enrolments', {
    project_id: other.id, citizen_id: c.id, referral_date: today(), referral_source: 'Jobcenter', target_group: other.target_groups[0],
  });
  assertProblem(res, 403, 'forbidden', { field: '/project_id' });
  // A citizen registered by someone else and on none of the caller's teams: answered as if
  // there were no such citizen (its existence is not the caller's to know).
  const randers = await signedIn(server.base, 'caseworker.randers');
  const theirs = await createCitizen(randers);
  const hidden = await api.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: theirs.id, referral_date: today(), referral_source: 'Jobcenter', target_group: midt.target_groups[0],
  });
  assertProblem(hidden, 422, 'invalid', { field: '/citizen_id' });
  assert.equal(await count(), before);
});

test('create: 201, Location, ETag "1", status "referred", version 1; GET answers it back', async () => {
  const { res, body } = await enrol();
  const e = assertOk(res, 201, 'Enrolment');
  assert.equal(res.headers.get('location'), `/api/v1/enrolments/${e.id}`);
  assertETag(res, 1);
  assert.equal(e.status, 'referred');
  assert.equal(e.version, 1);
  for (const k of ['project_id', 'citizen_id', 'referral_date', 'referral_source', 'target_group']) assert.equal(e[k], body[k], k);
  // Contract change: POST assigns the caller's own team in the project (it was absent before).
  assert.equal(e.team_id, myTeam[midt.id], 'the caller\'s team');
  assert.ok(!('health_summary' in e) && !('employment_summary' in e), 'no summaries in the POST answer');
  assert.match(e.status_changed, new RegExp(`^${today().slice(0, 4)}-`));
  const got = await api.get(`/api/v1/enrolments/${e.id}`);
  const full = assertOk(got, 200, 'Enrolment');
  assert.deepEqual(plain(full), e);
  // A care manager (health role) sees the health summary; employment only with consent.
  assert.deepEqual(full.health_summary, { in_treatment: false, phq9: null, gad7: null, last_session: null }, 'referred: not in treatment');
  assert.ok(!('employment_summary' in full), 'employment_summary absent without consent employment_to_health');
  assertETag(got, 1);
});

test('a referral dated today or in the past is accepted; tomorrow+ is 422 /referral_date', async () => {
  // The past reaches back to the project's first day (a referral is to the project), no further.
  const past = await enrol(midt, { referral_date: midt.period_start });
  assertOk(past.res, 201, 'Enrolment');
  const before = await count();
  const future = await enrol(midt, { referral_date: iso(addDays(todayDk(), 2)) });
  assertProblem(future.res, 422, 'invalid', { field: '/referral_date', reason: 'date_in_future' });
  assert.equal(future.res.body.latest, today());
  const [y, m, d] = midt.period_start.split('-').map(Number);
  const early = await enrol(midt, { referral_date: iso(addDays({ year: y, month: m, day: d }, -1)) });
  assertProblem(early.res, 422, 'invalid', { field: '/referral_date', reason: 'date_before_project_start' });
  assert.equal(early.res.body.earliest, midt.period_start);
  assert.equal(await count(), before);
});

test('each invalid member in turn: 422 with its field, and nothing is written', async () => {
  const c = await createCitizen(api);
  const good = { project_id: midt.id, citizen_id: c.id, referral_date: today(), referral_source: 'Jobcenter', target_group: midt.target_groups[0] };
  const rows = [
    [{ project_id: 999999 }, '/project_id', 'unknown project'],
    [{ project_id: 0 }, '/project_id', 'project 0'],
    [{ project_id: String(midt.id) }, '/project_id', 'project id as a string'],
    [{ project_id: 1.5 }, '/project_id', 'fractional project id'],
    [{ project_id: undefined }, '/project_id', 'missing project'],
    [{ citizen_id: 999999 }, '/citizen_id', 'unknown citizen'],
    [{ citizen_id: -3 }, '/citizen_id', 'negative citizen id'],
    [{ citizen_id: null }, '/citizen_id', 'null citizen id'],
    [{ citizen_id: undefined }, '/citizen_id', 'missing citizen'],
    [{ referral_date: '2024-02-30' }, '/referral_date', 'not a date'],
    [{ referral_date: '20240101' }, '/referral_date', 'no hyphens'],
    [{ referral_date: undefined }, '/referral_date', 'missing date'],
    [{ referral_source: '' }, '/referral_source', 'empty source'],
    [{ referral_source: 'x'.repeat(201) }, '/referral_source', 'source of 201 characters'],
    [{ referral_source: undefined }, '/referral_source', 'missing source'],
    [{ target_group: outsideGroup }, '/target_group', 'target group not in the project'],
    [{ target_group: 'no-such-group' }, '/target_group', 'unknown target group'],
    [{ target_group: undefined }, '/target_group', 'missing target group'],
    [{ status: 'active' }, null, 'status is not sent on create'],
    [{ team_id: 'herning' }, '/team_id', 'team_id that is not an id'],
    [{ team_id: 0 }, '/team_id', 'team 0'],
    [{ version: 1 }, null, 'unknown member'],
  ];
  const before = await count();
  for (const [extra, field, why] of rows) {
    const body = { ...good, ...extra };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    const res = await api.post('/api/v1/enrolments', body);
    assert.equal(res.status, 422, `${why}: ${describe(res)}`);
    assertProblem(res, 422, 'invalid', { field });
  }
  assert.equal(await count(), before);
  const mine = (await walkList(api, `/api/v1/enrolments?project=${midt.id}`, 200)).items.filter((e) => e.citizen_id === c.id);
  assert.deepEqual(mine, []);
});

test('the same citizen in the same project twice is 409; in another project it is fine', async () => {
  const first = await enrol();
  assertOk(first.res, 201, 'Enrolment');
  const before = await count();
  const again = await api.post('/api/v1/enrolments', { ...first.body, referral_source: 'Anden kilde' });
  assertProblem(again, 409, 'conflict');
  assert.equal(await count(), before);
  assert.deepEqual(await current(first.enrolment.id), first.enrolment, 'the first enrolment is unchanged');
  const other = await api.post('/api/v1/enrolments', { ...first.body, project_id: nord.id, target_group: nord.target_groups[0] });
  assertOk(other, 201, 'Enrolment');
});

test('list filtered by project, by status, and both', async () => {
  const a = (await enrol(midt)).enrolment;
  const b = (await enrol(nord, { target_group: nord.target_groups[0] })).enrolment;
  const moved = assertOk(await patch(a, { status: 'screening' }), 200, 'Enrolment');

  const byProject = (await walkList(api, `/api/v1/enrolments?project=${midt.id}`, 200)).items;
  assert.ok(byProject.length > 0 && byProject.every((e) => e.project_id === midt.id));
  assert.ok(byProject.some((e) => e.id === a.id));
  assert.ok(!byProject.some((e) => e.id === b.id));

  const byStatus = (await walkList(api, '/api/v1/enrolments?status=screening', 200)).items;
  assert.ok(byStatus.every((e) => e.status === 'screening'));
  assert.ok(byStatus.some((e) => e.id === a.id));

  const both = (await walkList(api, `/api/v1/enrolments?project=${nord.id}&status=referred`, 200)).items;
  assert.ok(both.every((e) => e.project_id === nord.id && e.status === 'referred'));
  assert.ok(both.some((e) => e.id === b.id));
  assert.ok(!both.some((e) => e.id === moved.id));

  const all = (await walkList(api, '/api/v1/enrolments', 200)).items;
  const expected = all.filter((e) => e.project_id === midt.id && e.status === 'screening').map((e) => e.id);
  const got = (await walkList(api, `/api/v1/enrolments?project=${midt.id}&status=screening`, 200)).items.map((e) => e.id);
  assert.deepEqual(got, expected);
  assertOk(await api.get(`/api/v1/enrolments?project=${midt.id}`), 200, 'EnrolmentList');
});

test('list filters: a project with no enrolments gives []; bad values are 422 with the parameter', async () => {
  assert.deepEqual(assertOk(await api.get('/api/v1/enrolments?project=999999'), 200, 'EnrolmentList').items, []);
  for (const v of ['abc', '0', '-1', '1.5', '']) assertProblem(await api.get(`/api/v1/enrolments?project=${v}`), 422, 'invalid', { parameter: 'project' });
  for (const v of ['done', 'REFERRED', '']) assertProblem(await api.get(`/api/v1/enrolments?status=${v}`), 422, 'invalid', { parameter: 'status' });
});

test('list pagination: limit=3 walks every enrolment once, in the same order as one page', async () => {
  for (let i = 0; i < 4; i++) await enrol();
  const whole = (await walkList(api, '/api/v1/enrolments', 200)).items;
  const { items, sizes } = await walkList(api, '/api/v1/enrolments', 3);
  assert.deepEqual(items.map((e) => e.id), whole.map((e) => e.id));
  assert.equal(new Set(items.map((e) => e.id)).size, items.length);
  assert.ok(sizes.slice(0, -1).every((n) => n === 3));
  const filtered = await walkList(api, `/api/v1/enrolments?project=${midt.id}`, 2);
  assert.equal(new Set(filtered.items.map((e) => e.id)).size, filtered.items.length);
  assert.ok(filtered.items.every((e) => e.project_id === midt.id));
});

test('status moves forward one step at a time with If-Match; each write bumps version and ETag', async () => {
  let e = (await enrol()).enrolment;
  for (const status of ['screening', 'active', 'aftercare', 'completed']) {
    const res = await patch(e, { status });
    const next = assertOk(res, 200, 'Enrolment');
    assert.equal(next.status, status);
    assert.equal(next.version, e.version + 1);
    assertETag(res, next.version);
    assert.deepEqual(await current(e.id), next);
    e = next;
  }
  // completed is final.
  for (const status of ['aftercare', 'withdrawn', 'excluded', 'referred']) {
    assertProblem(await patch(e, { status }), 422, 'invalid', { field: '/status' });
  }
  assert.deepEqual(await current(e.id), e, 'nothing written');
});

test('a backward move is 422 /status and leaves version and status unchanged', async () => {
  let e = (await enrol()).enrolment;
  e = assertOk(await patch(e, { status: 'screening' }), 200, 'Enrolment');
  e = assertOk(await patch(e, { status: 'active' }), 200, 'Enrolment');
  for (const status of ['referred', 'screening']) {
    const res = await patch(e, { status });
    assertProblem(res, 422, 'invalid', { field: '/status' });
  }
  const now = await current(e.id);
  assert.equal(now.version, e.version);
  assert.equal(now.status, 'active');
});

test('skipping a step is 422, except active → completed', async () => {
  const e = (await enrol()).enrolment;
  for (const status of ['active', 'aftercare', 'completed']) {
    assertProblem(await patch(e, { status }), 422, 'invalid', { field: '/status' });
  }
  assert.equal((await current(e.id)).version, 1);
  let f = assertOk(await patch(e, { status: 'screening' }), 200, 'Enrolment');
  assertProblem(await patch(f, { status: 'aftercare' }), 422, 'invalid', { field: '/status' });
  f = assertOk(await patch(f, { status: 'active' }), 200, 'Enrolment');
  f = assertOk(await patch(f, { status: 'completed' }), 200, 'Enrolment');
  assert.equal(f.status, 'completed');
});

test('withdrawn and excluded are reachable from every non-final status, and final', async () => {
  const paths = [[], ['screening'], ['screening', 'active'], ['screening', 'active', 'aftercare']];
  for (const to of ['withdrawn', 'excluded']) {
    for (const path of paths) {
      let e = (await enrol()).enrolment;
      for (const s of path) e = assertOk(await patch(e, { status: s }), 200, 'Enrolment');
      e = assertOk(await patch(e, { status: to }), 200, 'Enrolment');
      assert.equal(e.status, to);
      for (const s of ['referred', 'screening', 'active', 'completed', to === 'withdrawn' ? 'excluded' : 'withdrawn'])
        assertProblem(await patch(e, { status: s }), 422, 'invalid', { field: '/status' });
    }
  }
});

test('an unknown status is 422 /status', async () => {
  const e = (await enrol()).enrolment;
  for (const status of ['done', 'Screening', '', 3, null]) {
    assertProblem(await patch(e, { status }), 422, 'invalid', { field: '/status' });
  }
  assert.equal((await current(e.id)).version, 1);
});

test('PATCH referral_source alone keeps status and status_changed', async () => {
  const e = (await enrol()).enrolment;
  const res = await patch(e, { referral_source: 'Egen læge (ændret)' });
  const next = assertOk(res, 200, 'Enrolment');
  assert.equal(next.referral_source, 'Egen læge (ændret)');
  assert.equal(next.status, 'referred');
  assert.equal(next.status_changed, e.status_changed);
  assert.equal(next.version, 2);
});

test('PATCH target_group: one of the project\'s is fine, another is 422 /target_group', async () => {
  const e = (await enrol()).enrolment;
  assertProblem(await patch(e, { target_group: outsideGroup }), 422, 'invalid', { field: '/target_group' });
  assertProblem(await patch(e, { target_group: 'no-such-group' }), 422, 'invalid', { field: '/target_group' });
  assert.deepEqual(await current(e.id), e);
  const last = midt.target_groups[midt.target_groups.length - 1];
  assert.equal(assertOk(await patch(e, { target_group: last }), 200, 'Enrolment').target_group, last);
});

// docs/api-contract.md: a team of the enrolment's project that the caller works on, else 403 —
// a Herning caseworker cannot hand a Herning citizen to the Randers team.
test('PATCH team_id to a team in another municipality is refused', async () => {
  const e = (await enrol()).enrolment;
  const teams = samspor(['team', 'list', '--db', server.db]).stdout;
  const randers = teams.split('\n').map((l) => l.trim().split(/\s+/)).find((f) => Number(f[1]) === midt.id && f[2] === '730');
  const res = await patch(e, { team_id: Number(randers[0]) });
  assertProblem(res, 403, 'forbidden', { field: '/team_id' });
  assert.deepEqual(await current(e.id), e);
});

test('PATCH invalid members: 422 with the field, nothing written', async () => {
  const e = (await enrol()).enrolment;
  const rows = [
    [{ referral_source: '' }, '/referral_source'],
    [{ referral_source: 'x'.repeat(201) }, '/referral_source'],
    [{ referral_source: 5 }, '/referral_source'],
    [{ team_id: 999999 }, '/team_id'],
    [{ team_id: 'one' }, '/team_id'],
    [{ team_id: 0 }, '/team_id'],
    [{ project_id: nord.id }, null], // unknown members: never echoed by name
    [{ citizen_id: 1 }, null],
    [{ version: 5 }, null],
    [{ status: 'screening', colour: 'red' }, null],
  ];
  for (const [body, field] of rows) assertProblem(await patch(e, body), 422, 'invalid', { field });
  assertProblem(await patch(e, {}), 422, 'invalid');
  assert.deepEqual(await current(e.id), e);
});

test('PATCH team_id: a team of another project is 422 /team_id; null is refused (an enrolment stays on a team)', async () => {
  const e = (await enrol()).enrolment;
  const midtTeam = myTeam[midt.id];
  const nordTeam = myTeam[nord.id];
  assert.equal(e.team_id, midtTeam);
  const same = assertOk(await patch(e, { team_id: midtTeam }), 200, 'Enrolment');
  assert.equal(same.team_id, midtTeam);
  assertProblem(await patch(same, { team_id: nordTeam }), 422, 'invalid', { field: '/team_id' });
  assert.deepEqual(await current(e.id), same);
  // docs/api-contract.md: team_id is never null, so nobody can put a citizen out of every team's sight.
  assertProblem(await patch(same, { team_id: null }), 422, 'invalid', { field: '/team_id' });
  assert.deepEqual(await current(e.id), same);
});

test('PATCH and GET on an enrolment that does not exist are 404', async () => {
  assertProblem(await api.get('/api/v1/enrolments/999999'), 404, 'not_found');
  const res = await api.patch('/api/v1/enrolments/999999', { status: 'screening' }, { headers: { 'If-Match': '"1"' } });
  assertProblem(res, 404, 'not_found');
});

test('an enrolment of a citizen answers the citizen and project ids that exist', async () => {
  const { enrolment, citizen } = await enrol();
  assertOk(await api.get(`/api/v1/citizens/${enrolment.citizen_id}`), 200, 'Citizen');
  assert.equal(enrolment.citizen_id, citizen.id);
  assertOk(await api.get(`/api/v1/projects/${enrolment.project_id}`), 200, 'Project');
});

test('demo enrolments: target group of the project, referral inside the period, citizen within the age range at referral (docs/sources.md, programmes)', async () => {
  const projects = Object.fromEntries((await walkList(api, '/api/v1/projects', 200)).items.map((p) => [p.id, p]));
  const citizens = Object.fromEntries((await walkList(api, '/api/v1/citizens', 200)).items.map((c) => [c.id, c]));
  const enrolments = (await walkList(api, '/api/v1/enrolments', 200)).items.filter((e) => !citizens[e.citizen_id].name.includes('Zyx'));
  assert.ok(enrolments.length > 0, 'the demo seeds enrolments');
  const problems = [];
  for (const e of enrolments) {
    const p = projects[e.project_id];
    const c = citizens[e.citizen_id];
    const [by, bm, bd] = c.birth_date.split('-').map(Number);
    const [ry, rm, rd] = e.referral_date.split('-').map(Number);
    const age = ageOn({ year: by, month: bm, day: bd }, { year: ry, month: rm, day: rd });
    if (!p.target_groups.includes(e.target_group)) problems.push(`enrolment ${e.id}: target group not in ${p.slug}`);
    if (e.referral_date < p.period_start || e.referral_date > p.period_end) problems.push(`enrolment ${e.id}: referral outside ${p.slug}'s period`);
    if (age < p.age_min || age > p.age_max) problems.push(`enrolment ${e.id}: age ${age} at referral, ${p.slug} takes ${p.age_min}–${p.age_max}`);
    if (e.referral_date > iso(todayDk())) problems.push(`enrolment ${e.id}: referral in the future`);
  }
  assert.deepEqual(problems, []);
});

test('PATCH with a body that is not application/json is 415; malformed JSON is 400; nothing written', async () => {
  const e = (await enrol()).enrolment;
  const headers = { 'If-Match': '"1"' };
  let res = await api.request('PATCH', `/api/v1/enrolments/${e.id}`, { body: '{"status":"screening"}', headers: { ...headers, 'Content-Type': 'text/plain' } });
  assertProblem(res, 415, 'unsupported_media_type');
  for (const text of ['{"status":', '{"status":"screening","status":"active"}', '[]', '']) {
    res = await api.request('PATCH', `/api/v1/enrolments/${e.id}`, { body: text, headers: { ...headers, 'Content-Type': 'application/json' } });
    assertProblem(res, 400, 'malformed');
  }
  assert.deepEqual(await current(e.id), e);
});

// A regional care manager works on a project's teams in several municipalities and names the
// team on referral (docs/api-contract.md "Enrolment"): the Herning team of ibbu-midt and a second
// one it is added to. A team of the project the caller is not on is refused with 403 naming /team_id, and
// nothing is written; a team of another project is refused the same way.
test('POST /api/v1/enrolments with team_id refers to that team of the caller, and refuses others', async () => {
  const teams = samspor(['team', 'list', '--db', server.db]);
  const rows = teams.stdout.split('\n').map((l) => l.trim().split(/\s+/));
  const other = rows.find((f) => Number(f[1]) === midt.id && Number(f[0]) !== myTeam[midt.id]);
  assert.ok(other, `another ibbu-midt team in:\n${teams.stdout}`);
  const added = samspor(['team', 'add-member', '--db', server.db, '--team', other[0], '--username', 'caremanager.herning']);
  assert.equal(added.status, 0, added.stderr);
  const fresh = await signedIn(server.base, 'caremanager.herning');
  const c = await createCitizen(fresh);
  const body = { project_id: midt.id, citizen_id: c.id, referral_date: today(), referral_source: 'Egen læge', target_group: midt.target_groups[0] };
  const created = assertOk(await fresh.post('/api/v1/enrolments', { ...body, team_id: Number(other[0]) }), 201, 'Enrolment');
  assert.equal(created.team_id, Number(other[0]), 'the team named, not the first of the caller');

  const nordTeam = myTeam[nord.id];
  const c2 = await createCitizen(fresh);
  const before = await countList(fresh, '/api/v1/enrolments');
  assertProblem(await fresh.post('/api/v1/enrolments', { ...body, citizen_id: c2.id, team_id: nordTeam }), 403, 'forbidden', '/team_id');
  // ibbu-midt has four teams (Herning, Randers, Skive, Syddjurs in the demo): one is left.
  const stranger = rows.find((f) => Number(f[1]) === midt.id && Number(f[0]) !== myTeam[midt.id] && f[0] !== other[0]);
  assert.ok(stranger, 'a third ibbu-midt team');
  assertProblem(await fresh.post('/api/v1/enrolments', { ...body, citizen_id: c2.id, team_id: Number(stranger[0]) }), 403, 'forbidden', '/team_id');
  assertProblem(await fresh.post('/api/v1/enrolments', { ...body, citizen_id: c2.id, team_id: 0 }), 422, 'invalid', '/team_id');
  assert.equal(await countList(fresh, '/api/v1/enrolments'), before, 'nothing written');
});
