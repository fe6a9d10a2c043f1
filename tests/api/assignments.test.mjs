// Team assignment on a case (issue 9, item 10; docs/api-contract.md "Assignments"): who is the care
// manager, therapist, caseworker, job consultant and resource consultant of an enrolment, chosen
// from the enrolment's team; set with the referral (date, source, target group, municipality, the
// team) or later by PATCH /api/v1/enrolments/{id}/assignments with If-Match on the enrolment's
// version. The rules come from the issue: only case roles on the team may assign; the assignee must
// be on the enrolment's team and have that role; audited with purpose case_administration.
// Callers are the Herning team of ibbu-midt (demo users); expected names are read from the team
// list (GET …/team), never from the answer under test.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, sql, samspor } from './server.mjs';
import {
  makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, assertETag, createCitizen, walkList, todayDk, iso,
} from './client.mjs';

let server;
let midt;
let herningTeam;
let randersTeam;
const clients = new Map();
const people = {}; // username → {id, name}
const SECOND = 'caremanager.zyxsecond'; // a second care manager on the Herning team, made in before()
const SECOND_PASSWORD = 'zyx second care manager passphrase 77';

async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username, username === SECOND ? SECOND_PASSWORD : undefined));
  return clients.get(username);
}

before(async () => {
  server = await startServer();
  const cm = await as('caremanager.herning');
  midt = (await walkList(cm, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  herningTeam = cm.session.user.teams.find((t) => t.project_id === midt.id).id;
  randersTeam = (await as('caseworker.randers')).session.user.teams.find((t) => t.project_id === midt.id).id;
  const added = samspor(['user', 'add', '--db', server.db, '--username', SECOND, '--name', 'Care manager (second)',
    '--organisation', '1082', '--role', 'care_manager', '--team', String(herningTeam)], { input: `${SECOND_PASSWORD}\n` });
  assert.equal(added.status, 0, added.stderr);
  for (const u of [SECOND, 'caremanager.herning', 'therapist.herning', 'caseworker.herning', 'jobconsultant.herning', 'supervisor.herning', 'caseworker.randers']) {
    const me = assertOk(await (await as(u)).get('/api/v1/auth/me'), 200, 'Me').user;
    people[u] = { id: me.id, name: me.display_name };
  }
});
after(async () => {
  await stopAndCheck(server);
});

const today = () => iso(todayDk());
const NOBODY = { care_manager: null, therapist: null, caseworker: null, job_consultant: null, resource_consultant: null };

/** A Herning citizen referred to ibbu-midt by `username`, with `extra` members in the body. */
async function refer(username = 'caseworker.herning', extra = {}) {
  const api = await as(username);
  const citizen = await createCitizen(api, { extra: { municipality_code: '657' } });
  const res = await api.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: citizen.id, referral_date: today(), referral_source: 'Jobcenter (tildelingstest)',
    target_group: midt.target_groups[0], ...extra,
  });
  return { res, citizen };
}

async function assign(username, e, body, version = e.version) {
  return (await as(username)).patch(`/api/v1/enrolments/${e.id}/assignments`, body, { headers: { 'If-Match': `"${version}"` } });
}

const ref = (u) => ({ id: people[u].id, name: people[u].name });

test('without sign-in 401; roles without citizens 403; nothing is written', async () => {
  const e = assertOk((await refer()).res, 201, 'Enrolment');
  assertUnauthenticated(await makeClient(server.base).patch(`/api/v1/enrolments/${e.id}/assignments`, { therapist: people['therapist.herning'].id }, { headers: { 'If-Match': '"1"' } }));
  for (const u of ['lead.ibbu-midt', 'researcher.ibbu-midt', 'admin'])
    assertProblem(await assign(u, e, { therapist: people['therapist.herning'].id }), 403, 'forbidden');
  const now = assertOk(await (await as('caseworker.herning')).get(`/api/v1/enrolments/${e.id}`), 200, 'Enrolment');
  assert.equal(now.version, 1);
  assert.equal(now.assignments.therapist, null);
});

test('a referral: date, source, target group, municipality and the team set; the registrar carries it in their role', async () => {
  const { res } = await refer('caseworker.herning', {
    municipality_code: '657', assignments: { care_manager: people['caremanager.herning'].id, therapist: people['therapist.herning'].id },
  });
  const e = assertOk(res, 201, 'Enrolment');
  assert.equal(e.team_id, herningTeam);
  assert.equal(e.municipality_code, '657');
  assert.deepEqual(e.assignments, {
    ...NOBODY, care_manager: ref('caremanager.herning'), therapist: ref('therapist.herning'), caseworker: ref('caseworker.herning'),
  }, 'the caseworker who referred is its caseworker; the two named are assigned');
  assert.deepEqual(assertOk(await (await as('therapist.herning')).get(`/api/v1/enrolments/${e.id}`), 200, 'Enrolment').assignments, e.assignments);
  // "Mine" is right from the start: the assigned therapist and care manager carry it now.
  for (const u of ['therapist.herning', 'caremanager.herning']) {
    const row = assertOk(await (await as(u)).get('/api/v1/caseload'), 200, 'Caseload').items.find((r) => r.enrolment_id === e.id);
    assert.ok(row, `on ${u}'s caseload`);
    assert.equal(row.mine, true);
    assert.deepEqual(row.assignments, e.assignments);
  }
  // Someone with the role but another team's member cannot be assigned: 422, nothing created.
  const before = (await sql(server.db, 'SELECT count(*) AS n FROM enrolment'))[0].n;
  const bad = await refer('caseworker.herning', { assignments: { caseworker: people['caseworker.randers'].id } });
  assertProblem(bad.res, 422, 'invalid', { field: '/assignments/caseworker' });
  assert.equal((await sql(server.db, 'SELECT count(*) AS n FROM enrolment'))[0].n, before);
});

test('a referral goes to the team of the municipality given; a municipality or team the caller is not on is refused', async () => {
  // Randers (730) is a municipality of ibbu-midt, but caseworker.herning is not on its team.
  const randers = await refer('caseworker.herning', { municipality_code: '730' });
  assertProblem(randers.res, 403, 'forbidden', { field: '/municipality_code' });
  const randersByTeam = await refer('caseworker.herning', { team_id: randersTeam });
  assertProblem(randersByTeam.res, 403, 'forbidden', { field: '/team_id' });
  // Aarhus (751) is not one of ibbu-midt's municipalities; team and municipality must agree.
  assertProblem((await refer('caseworker.herning', { municipality_code: '751' })).res, 422, 'invalid', { field: '/municipality_code' });
  assertProblem((await refer('caseworker.herning', { team_id: herningTeam, municipality_code: '730' })).res, 422, 'invalid', { field: '/municipality_code' });
  const both = assertOk((await refer('caseworker.herning', { team_id: herningTeam, municipality_code: '657' })).res, 201, 'Enrolment');
  assert.equal(both.team_id, herningTeam);
  // The Randers caseworker refers a Randers citizen to the Randers team by municipality.
  const api = await as('caseworker.randers');
  const c = await createCitizen(api, { extra: { municipality_code: '730' } });
  const e = assertOk(await api.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: c.id, referral_date: today(), referral_source: 'Jobcenter', target_group: midt.target_groups[0], municipality_code: '730',
  }), 201, 'Enrolment');
  assert.deepEqual([e.team_id, e.municipality_code], [randersTeam, '730']);
});

test('PATCH sets and clears; a role left out stays; If-Match is the enrolment\'s version, which moves on', async () => {
  let e = assertOk((await refer()).res, 201, 'Enrolment');
  let res = await assign('caseworker.herning', e, { therapist: people['therapist.herning'].id, job_consultant: people['jobconsultant.herning'].id });
  let next = assertOk(res, 200, 'Enrolment');
  assertETag(res, e.version + 1);
  assert.equal(next.version, e.version + 1);
  assert.deepEqual(next.assignments, { ...NOBODY, caseworker: ref('caseworker.herning'), therapist: ref('therapist.herning'), job_consultant: ref('jobconsultant.herning') });
  e = next;
  // Clear the caseworker; the others stay.
  next = assertOk(await assign('caremanager.herning', e, { caseworker: null }), 200, 'Enrolment');
  assert.deepEqual(next.assignments, { ...NOBODY, therapist: ref('therapist.herning'), job_consultant: ref('jobconsultant.herning') });
  const got = assertOk(await (await as('caseworker.herning')).get(`/api/v1/enrolments/${e.id}`), 200, 'Enrolment');
  assert.deepEqual(got.assignments, next.assignments);
  // The enrolments list of the cleared caseworker no longer has it as theirs.
  const minePage = (await walkList(await as('caseworker.herning'), '/api/v1/enrolments?assigned=me', 200)).items;
  assert.ok(!minePage.some((x) => x.id === e.id), 'no longer the caseworker\'s');
  // A stale version is 412 with the current one; none is 428; nothing written.
  assertProblem(await assign('caseworker.herning', e, { caseworker: people['caseworker.herning'].id }), 412, 'stale');
  const missing = await (await as('caseworker.herning')).patch(`/api/v1/enrolments/${e.id}/assignments`, { caseworker: people['caseworker.herning'].id });
  assertProblem(missing, 428, 'precondition_required');
  assert.deepEqual(assertOk(await (await as('caseworker.herning')).get(`/api/v1/enrolments/${e.id}`), 200, 'Enrolment').assignments, next.assignments);
});

test('each invalid body: 422 naming the role, and nothing is written', async () => {
  const e = assertOk((await refer()).res, 201, 'Enrolment');
  const rows = [
    [{}, undefined], // the whole body: no member to name
    [{ supervising_clinician: people['supervisor.herning'].id }, null], // supervises, is not assigned
    [{ colour: 1 }, null],
    [{ therapist: people['caremanager.herning'].id }, '/therapist'], // on the team, not a therapist
    [{ caseworker: people['caseworker.randers'].id }, '/caseworker'], // a caseworker, not on the team
    [{ therapist: 999999 }, '/therapist'],
    [{ therapist: 0 }, '/therapist'],
    [{ therapist: '5' }, '/therapist'],
    [{ therapist: true }, '/therapist'],
    [{ therapist: people['therapist.herning'].id, caseworker: people['caseworker.randers'].id }, '/caseworker'], // one bad role: none written
  ];
  for (const [body, field] of rows) assertProblem(await assign('caseworker.herning', e, body), 422, 'invalid', { field });
  const now = assertOk(await (await as('caseworker.herning')).get(`/api/v1/enrolments/${e.id}`), 200, 'Enrolment');
  assert.equal(now.version, 1);
  assert.deepEqual(now.assignments, { ...NOBODY, caseworker: ref('caseworker.herning') });
});

test('only case roles on the enrolment\'s team: another municipality\'s caseworker gets 404, nothing written', async () => {
  const e = assertOk((await refer()).res, 201, 'Enrolment');
  assertProblem(await assign('caseworker.randers', e, { caseworker: people['caseworker.randers'].id }), 404, 'not_found');
  assertProblem(await assign('caseworker.randers', e, { caseworker: null }), 404, 'not_found');
  const now = assertOk(await (await as('caseworker.herning')).get(`/api/v1/enrolments/${e.id}`), 200, 'Enrolment');
  assert.equal(now.version, 1);
  // Every case role on the team may assign (a job consultant here, a therapist too).
  assertOk(await assign('jobconsultant.herning', now, { job_consultant: people['jobconsultant.herning'].id }), 200, 'Enrolment');
});

test('assigning someone releases whoever carried the case in that role: it leaves their caseload', async () => {
  const carries = async (u, id) => assertOk(await (await as(u)).get('/api/v1/caseload'), 200, 'Caseload').items.some((r) => r.enrolment_id === id);
  // Registered by the care manager: they carry it, as its first care manager.
  const { res } = await refer('caremanager.herning');
  let e = assertOk(res, 201, 'Enrolment');
  assert.deepEqual(e.assignments.care_manager, ref('caremanager.herning'));
  assert.ok(await carries('caremanager.herning', e.id));
  assert.ok(!(await carries(SECOND, e.id)));
  // Handed to the second care manager: theirs now, no longer the first one's.
  e = assertOk(await assign('caseworker.herning', e, { care_manager: people[SECOND].id }), 200, 'Enrolment');
  assert.deepEqual(e.assignments.care_manager, ref(SECOND));
  assert.ok(await carries(SECOND, e.id));
  assert.ok(!(await carries('caremanager.herning', e.id)));
  // Cleared: nobody carries it as care manager.
  e = assertOk(await assign('caseworker.herning', e, { care_manager: null }), 200, 'Enrolment');
  assert.equal(e.assignments.care_manager, null);
  assert.ok(!(await carries(SECOND, e.id)));
  // A clinician who then works on it carries it again, and becomes its care manager.
  assertOk(await (await as('caremanager.herning')).post(`/api/v1/enrolments/${e.id}/assessments`, { instrument: 'phq9', date: today(), items: Array(9).fill(1), occasion: 'screening' }), 201, 'Assessment');
  assert.ok(await carries('caremanager.herning', e.id));
  assert.deepEqual(assertOk(await (await as('caseworker.herning')).get(`/api/v1/enrolments/${e.id}`), 200, 'Enrolment').assignments.care_manager, ref('caremanager.herning'));
});

test('someone who leaves the team is no longer shown as assigned', async () => {
  const e = assertOk((await refer('caseworker.herning', { assignments: { job_consultant: people['jobconsultant.herning'].id } })).res, 201, 'Enrolment');
  assert.deepEqual(e.assignments.job_consultant, ref('jobconsultant.herning'));
  const admin = await as('admin');
  const leave = await admin.post(`/api/v1/teams/${herningTeam}/members`, { user_id: people['jobconsultant.herning'].id, member: false });
  assert.equal(leave.status, 200, leave.text);
  try {
    const now = assertOk(await (await as('caseworker.herning')).get(`/api/v1/enrolments/${e.id}`), 200, 'Enrolment');
    assert.equal(now.assignments.job_consultant, null);
  } finally {
    const back = await admin.post(`/api/v1/teams/${herningTeam}/members`, { user_id: people['jobconsultant.herning'].id, member: true });
    assert.equal(back.status, 200, back.text);
  }
});

test('GET /api/v1/enrolments?assigned=me: the caller\'s own cases; another value is 422', async () => {
  const mine = assertOk((await refer('caseworker.herning')).res, 201, 'Enrolment');
  const theirs = assertOk((await refer('caremanager.herning')).res, 201, 'Enrolment');
  const cw = await as('caseworker.herning');
  const items = (await walkList(cw, '/api/v1/enrolments?assigned=me', 200)).items;
  assert.ok(items.some((x) => x.id === mine.id));
  assert.ok(!items.some((x) => x.id === theirs.id), 'registered by the care manager: not the caseworker\'s');
  // The reference: the enrolment_member rows that assign this caseworker.
  const rows = await sql(server.db, `SELECT enrolment_id FROM enrolment_member WHERE user_id = ${people['caseworker.herning'].id} AND assigned = 1 ORDER BY enrolment_id`);
  assert.deepEqual(items.map((x) => x.id), rows.map((r) => r.enrolment_id));
  for (const v of ['you', 'ME', '']) assertProblem(await cw.get(`/api/v1/enrolments?assigned=${v}`), 422, 'invalid', { parameter: 'assigned' });
});

test('every change is audited against the citizen with purpose case_administration', async () => {
  const { res, citizen } = await refer();
  const e = assertOk(res, 201, 'Enrolment');
  assertOk(await assign('caseworker.herning', e, { therapist: people['therapist.herning'].id }), 200, 'Enrolment');
  assertProblem(await assign('caseworker.randers', e, { therapist: null }), 404, 'not_found');
  // The access log answers no route outside health records (docs/security-model.md "Access
  // log"): the events are read where they are kept.
  const log = (await sql(server.db, `SELECT route, username, action, purpose, outcome FROM audit_event WHERE citizen_id = ${citizen.id}`))
    .filter((x) => x.route === '/api/v1/enrolments/{id}/assignments');
  assert.deepEqual(log.map((x) => [x.username, x.action, x.purpose, x.outcome]).sort(), [
    ['caseworker.herning', 'update', 'case_administration', 'allowed'],
    ['caseworker.randers', 'update', 'case_administration', 'not_found'],
  ]);
});
