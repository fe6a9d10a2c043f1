// /api/v1/enrolments and /api/v1/enrolments/{id}: a citizen in a project. Status moves follow
// docs/api-contract.md "Enrolment": one step forward along referred → screening → active →
// aftercare → completed, active → completed, or to withdrawn/excluded from any non-final status.
// Signed in as caremanager.herning (regional health staff on the Herning team of ibbu-midt). The
// care manager is also put on the Thisted team of ibbu-nord with `samspor team add-member`, so
// that one user can refer the same citizen to two projects (regional staff follow their team
// memberships, docs/security-model.md). Lists show only enrolments of the caller's teams.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, samspor, sql } from './server.mjs';
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

// Contract change (issue 9, item 13): ending an enrolment names a reason of its final status
// (docs/api-contract.md "Ending and reopening"). One valid reason per final status:
const A_REASON = { completed: 'planned_end', withdrawn: 'citizen_choice', excluded: 'not_eligible' };
/** The PATCH body for a move to `status`, with a reason when it ends the enrolment. */
const moveTo = (status) => (A_REASON[status] ? { status, status_reason: A_REASON[status] } : { status });

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
    [{ team_id: 999999 }, '/team_id', 'a team that does not exist'],
    [{ team_id: 'one' }, '/team_id', 'team id as a string'],
    [{ municipality_code: '999' }, '/municipality_code', 'no municipality of the project'],
    [{ municipality_code: 657 }, '/municipality_code', 'municipality code as a number'],
    [{ assignments: [] }, '/assignments', 'assignments as an array'],
    [{ assignments: { supervising_clinician: 1 } }, '/assignments', 'a role nobody is assigned in'],
    [{ assignments: { caseworker: 'x' } }, '/assignments/caseworker', 'an assignee that is not an id'],
    [{ assignments: { caseworker: 999999 } }, '/assignments/caseworker', 'an assignee not on the team'],
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
    const res = await patch(e, moveTo(status));
    const next = assertOk(res, 200, 'Enrolment');
    assert.equal(next.status, status);
    assert.equal(next.version, e.version + 1);
    assertETag(res, next.version);
    assert.deepEqual(await current(e.id), next);
    e = next;
  }
  // completed is final.
  for (const status of ['aftercare', 'withdrawn', 'excluded', 'referred']) {
    assertProblem(await patch(e, moveTo(status)), 422, 'invalid', { field: '/status' });
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
  f = assertOk(await patch(f, moveTo('completed')), 200, 'Enrolment');
  assert.equal(f.status, 'completed');
});

test('withdrawn and excluded are reachable from every non-final status, and final', async () => {
  const paths = [[], ['screening'], ['screening', 'active'], ['screening', 'active', 'aftercare']];
  for (const to of ['withdrawn', 'excluded']) {
    for (const path of paths) {
      let e = (await enrol()).enrolment;
      for (const s of path) e = assertOk(await patch(e, { status: s }), 200, 'Enrolment');
      e = assertOk(await patch(e, moveTo(to)), 200, 'Enrolment');
      assert.equal(e.status, to);
      for (const s of ['referred', 'screening', 'active', 'completed', to === 'withdrawn' ? 'excluded' : 'withdrawn'])
        assertProblem(await patch(e, moveTo(s)), 422, 'invalid', { field: '/status' });
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
// one it is added to. A team of the project the caller is not on is refused with 403 naming /team_id,
// a team of another project with 422, and nothing is written.
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
  // Another project's team is no team of this project: 422 (docs/api-contract.md "Enrolment").
  assertProblem(await fresh.post('/api/v1/enrolments', { ...body, citizen_id: c2.id, team_id: nordTeam }), 422, 'invalid', '/team_id');
  // ibbu-midt has four teams (Herning, Randers, Skive, Syddjurs in the demo): one is left.
  const stranger = rows.find((f) => Number(f[1]) === midt.id && Number(f[0]) !== myTeam[midt.id] && f[0] !== other[0]);
  assert.ok(stranger, 'a third ibbu-midt team');
  assertProblem(await fresh.post('/api/v1/enrolments', { ...body, citizen_id: c2.id, team_id: Number(stranger[0]) }), 403, 'forbidden', '/team_id');
  assertProblem(await fresh.post('/api/v1/enrolments', { ...body, citizen_id: c2.id, team_id: 0 }), 422, 'invalid', '/team_id');
  assert.equal(await countList(fresh, '/api/v1/enrolments'), before, 'nothing written');
});

// --- Ending and reopening (issue 9, item 13; docs/api-contract.md "Ending and reopening") ------

/** An enrolment of caremanager.herning moved along `path`. */
async function along(path) {
  let e = (await enrol()).enrolment;
  for (const s of path) e = assertOk(await patch(e, moveTo(s)), 200, 'Enrolment');
  return e;
}

test('ending needs a reason of the status it ends in; "other" needs a note; refused endings write nothing', async () => {
  const e = await along(['screening', 'active']);
  const rows = [
    [{ status: 'completed' }, '/status_reason', 'no reason'],
    [{ status: 'withdrawn', status_reason: 'goal_reached' }, '/status_reason', 'a reason for completed'],
    [{ status: 'excluded', status_reason: 'moved' }, '/status_reason', 'a reason for withdrawn'],
    [{ status: 'completed', status_reason: 'not_eligible' }, '/status_reason', 'a reason for excluded'],
    [{ status: 'withdrawn', status_reason: 'tired' }, '/status_reason', 'no such reason'],
    [{ status: 'withdrawn', status_reason: 7 }, '/status_reason', 'a number'],
    [{ status: 'withdrawn', status_reason: 'other' }, '/status_note', 'other without a note'],
    [{ status: 'withdrawn', status_reason: 'moved', status_note: '' }, '/status_note', 'an empty note'],
    [{ status: 'withdrawn', status_reason: 'moved', status_note: 'x'.repeat(2001) }, '/status_note', 'a note of 2001 characters'],
  ];
  for (const [body, field, why] of rows) {
    const res = await patch(e, body);
    assert.equal(res.status, 422, why);
    assertProblem(res, 422, 'invalid', { field });
  }
  assert.deepEqual(await current(e.id), e, 'nothing written');
  assert.deepEqual(assertOk(await api.get(`/api/v1/enrolments/${e.id}/status-history`), 200, 'StatusHistory').items.map((c) => c.to_status),
    ['screening', 'active'], 'no ending in the history');
  // Every reason of each list is accepted for its status (src/core/enrolment.h).
  const lists = {
    completed: ['goal_reached', 'planned_end', 'work_or_education'],
    withdrawn: ['citizen_choice', 'moved', 'no_contact', 'other_offer'],
    excluded: ['not_eligible', 'referred_elsewhere', 'registered_in_error'],
  };
  for (const [status, reasons] of Object.entries(lists)) {
    for (const reason of [...reasons, 'other']) {
      const f = await along(['screening', 'active']);
      const body = { status, status_reason: reason, ...(reason === 'other' ? { status_note: 'Aftalt på teammødet.' } : {}) };
      assert.equal(assertOk(await patch(f, body), 200, 'Enrolment').ending.reason, reason, `${status}: ${reason}`);
    }
  }
});

test('a reason or a note without an ending is 422, and nothing is written', async () => {
  const e = await along(['screening']);
  for (const [body, field] of [
    [{ status: 'active', status_reason: 'planned_end' }, '/status_reason'],
    [{ status: 'active', status_note: 'Start' }, '/status_note'],
    [{ status_reason: 'moved' }, '/status_reason'],
    [{ referral_source: 'Egen læge', status_note: 'x' }, '/status_note'],
    [{ status: 'screening', status_reason: 'moved' }, '/status_reason'], // staying is not ending
  ]) assertProblem(await patch(e, body), 422, 'invalid', { field });
  assert.deepEqual(await current(e.id), e);
});

test('the ending is kept with the status change: the enrolment shows it, the status history lists every change', async () => {
  const e = await along(['screening', 'active']);
  const ended = assertOk(await patch(e, { status: 'withdrawn', status_reason: 'moved', status_note: 'Flyttet til Aarhus.' }), 200, 'Enrolment');
  const me = api.session.user;
  assert.equal(ended.status, 'withdrawn');
  assert.equal(ended.ending.reason, 'moved');
  assert.equal(ended.ending.note, 'Flyttet til Aarhus.');
  assert.deepEqual(ended.ending.by, { id: me.id, name: me.display_name });
  assert.equal(ended.ending.role, 'care_manager');
  assert.equal(ended.ending.previous_status, 'active');
  assert.deepEqual((await current(e.id)).ending, ended.ending);
  const history = assertOk(await api.get(`/api/v1/enrolments/${e.id}/status-history`), 200, 'StatusHistory').items;
  assert.deepEqual(history.map((c) => [c.from_status, c.to_status, c.kind, c.reason ?? null]), [
    ['referred', 'screening', 'move', null], ['screening', 'active', 'move', null], ['active', 'withdrawn', 'end', 'moved'],
  ]);
  assert.ok(history.every((c) => c.by.id === me.id && c.role === 'care_manager'));
  // Not ended: no ending member.
  assert.ok(!('ending' in (await current((await along(['screening'])).id))));
});

test('a clinician\'s note is not shown to municipal staff; a caseworker\'s note is shown to everyone on the team', async () => {
  const cw = await signedIn(server.base, 'caseworker.herning');
  const e = await along(['screening', 'active']);
  assertOk(await patch(e, { status: 'excluded', status_reason: 'referred_elsewhere', status_note: 'Henvist til regionspsykiatrien.' }), 200, 'Enrolment');
  const seen = assertOk(await cw.get(`/api/v1/enrolments/${e.id}`), 200, 'Enrolment');
  assert.equal(seen.ending.reason, 'referred_elsewhere');
  assert.ok(!('note' in seen.ending), 'the care manager\'s note stays with health staff');
  const history = assertOk(await cw.get(`/api/v1/enrolments/${e.id}/status-history`), 200, 'StatusHistory').items;
  assert.ok(history.every((c) => !('note' in c)));
  assert.ok(!JSON.stringify(history).includes('regionspsykiatrien'));
  // The caseworker ends another one with a note: the care manager reads it.
  let f = (await enrol()).enrolment;
  f = assertOk(await cw.patch(`/api/v1/enrolments/${f.id}`, { status: 'withdrawn', status_reason: 'no_contact', status_note: 'Ikke mødt op tre gange.' }, { headers: { 'If-Match': `"${f.version}"` } }), 200, 'Enrolment');
  assert.equal((await current(f.id)).ending.note, 'Ikke mødt op tre gange.');
});

test('reopen: the team\'s supervising clinician takes an ending back to the status before it, with a reason', async () => {
  const sup = await signedIn(server.base, 'supervisor.herning');
  const e = await along(['screening', 'active', 'aftercare']);
  const ended = assertOk(await patch(e, { status: 'completed', status_reason: 'planned_end' }), 200, 'Enrolment');
  const reopen = (client, body, version = ended.version) => client.request('POST', `/api/v1/enrolments/${e.id}/reopen`, { json: body, headers: { 'If-Match': `"${version}"` } });
  // Refused: another role on the team, a bad reason, a stale or missing version — nothing written.
  assertProblem(await reopen(api, { reason: 'ended_by_mistake' }), 403, 'forbidden');
  assertProblem(await reopen(await signedIn(server.base, 'caseworker.herning'), { reason: 'ended_by_mistake' }), 403, 'forbidden');
  for (const [body, field] of [[{}, '/reason'], [{ reason: 'moved' }, '/reason'], [{ reason: 'other' }, '/note'], [{ reason: 'wrong_status', colour: 1 }, null]])
    assertProblem(await reopen(sup, body), 422, 'invalid', { field });
  assertProblem(await reopen(sup, { reason: 'ended_by_mistake' }, ended.version - 1), 412, 'stale');
  assertProblem(await sup.request('POST', `/api/v1/enrolments/${e.id}/reopen`, { json: { reason: 'ended_by_mistake' } }), 428, 'precondition_required');
  assert.equal((await current(e.id)).status, 'completed');
  // Reopened: back to aftercare, version on, the history says so.
  const res = await reopen(sup, { reason: 'ended_by_mistake', note: 'Afsluttet ved en fejl.' });
  const back = assertOk(res, 200, 'Enrolment');
  assertETag(res, ended.version + 1);
  assert.equal(back.status, 'aftercare');
  assert.ok(!('ending' in back));
  const last = assertOk(await api.get(`/api/v1/enrolments/${e.id}/status-history`), 200, 'StatusHistory').items.at(-1);
  assert.deepEqual([last.from_status, last.to_status, last.kind, last.reason, last.note, last.role], ['completed', 'aftercare', 'reopen', 'ended_by_mistake', 'Afsluttet ved en fejl.', 'supervising_clinician']);
  // Not ended any more: 409. Another team's supervising clinician: 404 (not theirs to know).
  assertProblem(await reopen(sup, { reason: 'ended_by_mistake' }, back.version), 409, 'conflict');
  const ended2 = assertOk(await patch(back, { status: 'completed', status_reason: 'goal_reached' }), 200, 'Enrolment');
  assertProblem(await reopen(await signedIn(server.base, 'supervisor.randers'), { reason: 'ended_by_mistake' }, ended2.version), 404, 'not_found');
  assert.equal((await current(e.id)).status, 'completed');
});

test('reopen: the project\'s lead may, another project\'s lead may not; an ending not recorded cannot be reopened', async () => {
  const e = await along(['screening']);
  const ended = assertOk(await patch(e, { status: 'excluded', status_reason: 'registered_in_error' }), 200, 'Enrolment');
  const body = { json: { reason: 'wrong_status' }, headers: { 'If-Match': `"${ended.version}"` } };
  assertProblem(await (await signedIn(server.base, 'lead.ips-syddanmark')).request('POST', `/api/v1/enrolments/${e.id}/reopen`, body), 404, 'not_found');
  const back = assertOk(await (await signedIn(server.base, 'lead.ibbu-midt')).request('POST', `/api/v1/enrolments/${e.id}/reopen`, body), 200, 'Enrolment');
  assert.equal(back.status, 'screening');
  // A demo enrolment ended before the history was kept has no recorded ending: 409, unchanged.
  // Simulated here by removing the ending of a fresh one from the history.
  const f = await along(['screening']);
  const g = assertOk(await patch(f, { status: 'withdrawn', status_reason: 'citizen_choice' }), 200, 'Enrolment');
  sql(server.db, `DELETE FROM enrolment_status_change WHERE enrolment_id = ${f.id} AND kind = 'end'`);
  const sup = await signedIn(server.base, 'supervisor.herning');
  assertProblem(await sup.request('POST', `/api/v1/enrolments/${f.id}/reopen`, { json: { reason: 'ended_by_mistake' }, headers: { 'If-Match': `"${g.version}"` } }), 409, 'conflict');
  assert.equal((await current(f.id)).status, 'withdrawn');
});

test('ending and reopening are audited against the citizen with purpose case_administration', async () => {
  const sup = await signedIn(server.base, 'supervisor.herning');
  const { enrolment, citizen } = await enrol();
  const ended = assertOk(await patch(enrolment, moveTo('withdrawn')), 200, 'Enrolment');
  assertOk(await sup.request('POST', `/api/v1/enrolments/${ended.id}/reopen`, { json: { reason: 'ended_by_mistake' }, headers: { 'If-Match': `"${ended.version}"` } }), 200, 'Enrolment');
  const log = (await walkList(api, `/api/v1/citizens/${citizen.id}/access-log`, 200)).items;
  // The access log names no route outside health records (docs/security-model.md "Access log").
  const reopened = log.find((x) => x.username === 'supervisor.herning' && x.action === 'update');
  assert.deepEqual([reopened.username, reopened.action, reopened.purpose, reopened.outcome], ['supervisor.herning', 'update', 'case_administration', 'allowed']);
  assert.ok(log.some((x) => x.action === 'update' && x.purpose === 'case_administration' && x.username === 'caremanager.herning'));
});
