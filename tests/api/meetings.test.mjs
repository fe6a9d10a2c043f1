// Meetings of the joint plan and team notes between the sectors (issue 11 "Joint plan: Meetings",
// "Team contact between the sectors" and "Visibility"; docs/api-contract.md "Meetings", "Team
// notes"; docs/security-model.md). Expected values are worked from what this file sends, never read
// off the answers: a network meeting is written whole or not at all; a group session shows only the
// caller's teams' participants; a team note reaches the other sector only with the consent its
// content needs.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, sql } from './server.mjs';
import { signedIn, assertOk, assertProblem, createCitizen, walkList } from './client.mjs';

let server;
let midt;
let today;
const clients = new Map();
const people = {};

async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username));
  return clients.get(username);
}

before(async () => {
  server = await startServer();
  const cm = await as('caremanager.herning');
  midt = (await walkList(cm, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  today = assertOk(await cm.get('/api/v1/caseload'), 200, 'Caseload').today;
  for (const u of ['caremanager.herning', 'caseworker.herning', 'jobconsultant.herning', 'caseworker.randers']) {
    const me = assertOk(await (await as(u)).get('/api/v1/auth/me'), 200, 'Me').user;
    people[u] = { id: me.id, name: me.display_name };
  }
});
after(async () => {
  await stopAndCheck(server);
});

function shift(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A Herning citizen referred to ibbu-midt two weeks ago by the caseworker; the enrolment. */
async function enrolment() {
  const api = await as('caseworker.herning');
  const citizen = await createCitizen(api, { extra: { municipality_code: '657' } });
  return assertOk(await api.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: citizen.id, referral_date: shift(today, -14), referral_source: 'Jobcenter (mødetest)', target_group: midt.target_groups[0],
  }), 201, 'Enrolment');
}

const count = async (table, where) => Number(sql(server.db, `SELECT count(*) AS n FROM ${table} WHERE ${where}`)[0].n);

test('an individual conversation: recorded with its staff, listed newest first, a contact; bad input names the member and writes nothing', async () => {
  const e = await enrolment();
  const cw = await as('caseworker.herning');
  const path = `/api/v1/enrolments/${e.id}/meetings`;
  const body = { date: shift(today, -2), duration_minutes: 45, place: 'walk_and_talk', staff: [people['caseworker.herning'].id], note: 'En gåtur ved søen.' };
  const m = assertOk(await cw.post(path, body), 201, 'Meeting');
  assert.equal(m.kind, 'individual');
  assert.deepEqual(m.staff.map((s) => s.id), [people['caseworker.herning'].id]);
  assert.equal(m.note, body.note);
  const later = assertOk(await cw.post(path, { ...body, date: shift(today, -1), place: 'phone', duration_minutes: 10 }), 201, 'Meeting');
  const list = assertOk(await cw.get(path), 200, 'MeetingList');
  assert.deepEqual(list.items.map((x) => x.id), [later.id, m.id], 'newest first');
  const before = await count('meeting', 'kind = \'individual\'');
  assertProblem(await cw.post(path, { ...body, place: 'cafe' }), 422, 'invalid', { field: '/place', reason: 'one_of' });
  assertProblem(await cw.post(path, { ...body, duration_minutes: 0 }), 422, 'invalid', { field: '/duration_minutes' });
  assertProblem(await cw.post(path, { ...body, date: shift(today, 1) }), 422, 'invalid', { field: '/date', reason: 'date_in_future' });
  assertProblem(await cw.post(path, { ...body, staff: [people['caseworker.randers'].id] }), 422, 'invalid', { field: '/staff/0', reason: 'staff_not_on_team' });
  assertProblem(await cw.post(path, { ...body, staff: [] }), 422, 'invalid', { field: '/staff', reason: 'count_out_of_range' });
  assert.equal(await count('meeting', 'kind = \'individual\''), before, 'nothing written');
  assertProblem(await (await as('caseworker.randers')).get(path), 404, 'not_found');
});

test('a network meeting with 6 goals, a goal moved and 10 tasks: one transaction, the goals and tasks are the plan\'s; one bad task writes nothing', async () => {
  const e = await enrolment();
  const cm = await as('caremanager.herning');
  const cw = await as('caseworker.herning');
  const old = assertOk(await cw.post(`/api/v1/enrolments/${e.id}/goals`, { area: 'everyday_life', text: 'Egen bolig.' }), 201, 'Goal');
  const goals = Array.from({ length: 6 }, (_, i) => ({ area: i % 2 ? 'employment_education' : 'treatment', text: `Mål ${i + 1}`, due_date: shift(today, 30 + i) }));
  const tasks = Array.from({ length: 10 }, (_, i) => ({ owner_id: people[i % 2 ? 'caseworker.herning' : 'caremanager.herning'].id, text: `Opgave ${i + 1}`, due: shift(today, 7 + i) }));
  const body = {
    date: today, duration_minutes: 60, participants: [people['caremanager.herning'].id, people['caseworker.herning'].id],
    young_person_present: true, interpreter_language: 'prs', status_notes: 'Sover bedre; vil gerne i praktik.',
    goals, goal_changes: [{ goal_id: old.id, status: 'achieved', note: 'Har fået en lejlighed.' }], tasks,
  };
  const path = `/api/v1/enrolments/${e.id}/network-meetings`;
  const tables = ['plan_goal', 'task', 'meeting', 'meeting_goal', 'meeting_task'];
  const snapshot = async () => Promise.all(tables.map((t) => count(t, t === 'meeting' || t.startsWith('meeting_') ? '1 = 1' : `enrolment_id = ${e.id}`)));
  const before = await snapshot();
  // The last task goes to someone off the team: nothing of the meeting is written.
  assertProblem(await cm.post(path, { ...body, tasks: [...tasks.slice(0, 9), { ...tasks[9], owner_id: people['caseworker.randers'].id }] }), 422, 'invalid', { field: '/tasks/9/owner_id', reason: 'owner_not_on_team' });
  assertProblem(await cm.post(path, { ...body, goals: [...goals.slice(0, 5), { area: 'treatment', text: '   ' }] }), 422, 'invalid', { field: '/goals/5/text', reason: 'blank' });
  assertProblem(await cm.post(path, { ...body, goal_changes: [{ goal_id: old.id, status: 'changed' }, { goal_id: old.id, status: 'dropped' }] }), 422, 'invalid', { field: '/goal_changes/1/goal_id', reason: 'repeated' });
  assertProblem(await cm.post(path, { ...body, interpreter_language: 'xx' }), 422, 'invalid', { field: '/interpreter_language', reason: 'one_of' });
  assert.deepEqual(await snapshot(), before, 'a refused network meeting writes nothing');
  const res = await cm.post(path, body);
  const nm = assertOk(res, 201, 'NetworkMeeting');
  assert.equal(res.headers.get('location'), `/api/v1/network-meetings/${nm.id}`);
  assert.equal(nm.interpreter_language, 'prs');
  assert.equal(nm.young_person_present, true);
  assert.equal(nm.goals.filter((g) => g.change === 'set').length, 6);
  assert.deepEqual(nm.goals.filter((g) => g.change === 'revised').map((g) => [g.goal_id, g.status]), [[old.id, 'achieved']]);
  assert.deepEqual(nm.tasks.map((t) => t.text), tasks.map((t) => t.text), 'in the order given');
  const after = await snapshot();
  assert.deepEqual(after.map((n, i) => n - before[i]), [6, 10, 1, 7, 10]);
  // The plan's lists hold them.
  const planGoals = (await walkList(cm, `/api/v1/enrolments/${e.id}/goals`, 3)).items;
  for (const g of goals) assert.ok(planGoals.some((p) => p.text === g.text && p.status === 'open' && p.due_date === g.due_date), g.text);
  assert.equal(planGoals.find((p) => p.id === old.id).status, 'achieved');
  const planTasks = (await walkList(cm, `/api/v1/enrolments/${e.id}/tasks`, 3)).items;
  for (const t of tasks) assert.ok(planTasks.some((p) => p.text === t.text && p.owner.id === t.owner_id && p.due === t.due), t.text);
  // Read back whole; a municipal reader without health_summary_to_municipality sees no treatment goal's words.
  const got = assertOk(await cm.get(`/api/v1/network-meetings/${nm.id}`), 200, 'NetworkMeeting');
  assert.equal(got.goals.length, 7);
  const seen = assertOk(await cw.get(`/api/v1/network-meetings/${nm.id}`), 200, 'NetworkMeeting');
  for (const g of seen.goals) assert.equal('text' in g, g.area !== 'treatment', `goal ${g.goal_id}`);
  // …and may not set one.
  assertProblem(await cw.post(path, { date: today, participants: [people['caseworker.herning'].id], young_person_present: false, goals: [{ area: 'treatment', text: 'Sove' }] }), 403, 'forbidden');
  assertProblem(await (await as('caseworker.randers')).get(`/api/v1/network-meetings/${nm.id}`), 404, 'not_found');
  // In the young person's meeting list.
  const list = assertOk(await cm.get(`/api/v1/enrolments/${e.id}/meetings`), 200, 'MeetingList');
  assert.equal(list.items[0].id, nm.id);
});

test('a network meeting\'s task may go to the young person and be for a goal: one already in the plan (goal_id) or one the meeting sets (goal_index)', async () => {
  const e = await enrolment();
  const cw = await as('caseworker.herning');
  const path = `/api/v1/enrolments/${e.id}/network-meetings`;
  const old = assertOk(await cw.post(`/api/v1/enrolments/${e.id}/goals`, { area: 'everyday_life', text: 'Egen bolig.' }), 201, 'Goal');
  const base = { date: today, participants: [people['caseworker.herning'].id], young_person_present: true, goals: [{ area: 'employment_education', text: 'Prøve et job i et lager.' }, { area: 'everyday_life', text: 'Stå op kl. 7.' }] };
  const tasks = [
    { owner_kind: 'young_person', text: 'Ring til lageret.', due: shift(today, 7), goal_index: 0 },
    { owner_id: people['jobconsultant.herning'].id, text: 'Aftal praktik.', goal_index: 1 },
    { owner_kind: 'member', owner_id: people['caseworker.herning'].id, text: 'Se på boliger.', goal_id: old.id },
  ];
  const before = await count('task', `enrolment_id = ${e.id}`);
  // Each refusal names the task's member; nothing is written.
  assertProblem(await cw.post(path, { ...base, tasks: [{ ...tasks[0], goal_index: 2 }] }), 422, 'invalid', { field: '/tasks/0/goal_index' });
  assertProblem(await cw.post(path, { ...base, goals: [], tasks: [tasks[0]] }), 422, 'invalid', { field: '/tasks/0/goal_index', reason: 'no_such_record' });
  assertProblem(await cw.post(path, { ...base, tasks: [{ ...tasks[0], goal_id: old.id }] }), 422, 'invalid', { field: '/tasks/0/goal_index' });
  assertProblem(await cw.post(path, { ...base, tasks: [{ ...tasks[0], owner_id: people['caseworker.herning'].id }] }), 422, 'invalid', { field: '/tasks/0/owner_id' });
  assertProblem(await cw.post(path, { ...base, tasks: [{ ...tasks[0], owner_kind: 'parent' }] }), 422, 'invalid', { field: '/tasks/0/owner_kind', reason: 'one_of' });
  assertProblem(await cw.post(path, { ...base, tasks: [{ owner_kind: 'member', text: 'Ingen ejer.' }] }), 422, 'invalid', { field: '/tasks/0/owner_id', reason: 'required' });
  const other = await enrolment();
  const foreign = assertOk(await cw.post(`/api/v1/enrolments/${other.id}/goals`, { area: 'everyday_life', text: 'Et andet mål.' }), 201, 'Goal');
  assertProblem(await cw.post(path, { ...base, tasks: [{ ...tasks[2], goal_id: foreign.id }] }), 422, 'invalid', { field: '/tasks/0/goal_id', reason: 'no_such_record' });
  assert.equal(await count('task', `enrolment_id = ${e.id}`), before, 'nothing written');
  const nm = assertOk(await cw.post(path, { ...base, tasks }), 201, 'NetworkMeeting');
  const set = nm.goals.filter((g) => g.change === 'set');
  const idOf = (text) => set.find((g) => g.text === text).goal_id;
  assert.deepEqual(nm.tasks.map((t) => [t.owner.kind, t.goal_id]), [
    ['young_person', idOf(base.goals[0].text)],
    ['member', idOf(base.goals[1].text)],
    ['member', old.id],
  ]);
  assert.equal(nm.tasks[1].owner.id, people['jobconsultant.herning'].id);
  // The plan's task list says the same: the young person's own task, for the goal set at the meeting.
  const planTasks = (await walkList(cw, `/api/v1/enrolments/${e.id}/tasks`, 10)).items;
  const own = planTasks.find((t) => t.text === tasks[0].text);
  assert.equal(own.owner.kind, 'young_person');
  assert.equal(own.goal.id, idOf(base.goals[0].text));
  assert.equal(own.due, tasks[0].due);
  // Read back whole.
  const got = assertOk(await cw.get(`/api/v1/network-meetings/${nm.id}`), 200, 'NetworkMeeting');
  assert.deepEqual(got.tasks, nm.tasks);
});

test('a group session: participants of the caller\'s teams only; attendance as one list; the young person\'s record shows their own attendance', async () => {
  const a = await enrolment();
  const b = await enrolment();
  const cw = await as('caseworker.herning');
  const team = sql(server.db, `SELECT team_id FROM enrolment WHERE id = ${a.id}`)[0].team_id;
  const randersEnrolment = sql(server.db, `SELECT e.id FROM enrolment e JOIN team t ON t.id = e.team_id WHERE t.municipality_code = '730' AND e.project_id = ${midt.id} LIMIT 1`)[0]?.id;
  const body = { team_id: team, date: shift(today, -1), duration_minutes: 90, place: 'library', topic: 'Skriv et CV', staff: [people['caseworker.herning'].id, people['jobconsultant.herning'].id], participants: [a.id, b.id] };
  const before = await count('meeting_attendance', '1 = 1');
  if (randersEnrolment) assertProblem(await cw.post('/api/v1/group-sessions', { ...body, participants: [a.id, randersEnrolment] }), 422, 'invalid', { field: '/participants/1', reason: 'no_such_record' });
  assertProblem(await cw.post('/api/v1/group-sessions', { ...body, staff: [people['caseworker.randers'].id] }), 422, 'invalid', { field: '/staff/0', reason: 'staff_not_on_team' });
  assert.equal(await count('meeting_attendance', '1 = 1'), before, 'nothing written');
  const res = await cw.post('/api/v1/group-sessions', body);
  const s = assertOk(res, 201, 'GroupSession');
  assert.deepEqual(s.participants.map((p) => [p.enrolment_id, p.attended]).sort(), [[a.id, null], [b.id, null]].sort());
  const put = (json) => cw.request('PUT', `/api/v1/group-sessions/${s.id}/attendance`, { json });
  const marked = assertOk(await put({ attendance: [{ enrolment_id: a.id, attended: true }, { enrolment_id: b.id, attended: false }] }), 200, 'GroupSession');
  assert.equal(marked.version, s.version + 1);
  assert.deepEqual(marked.participants.map((p) => [p.enrolment_id, p.attended]).sort(), [[a.id, true], [b.id, false]].sort());
  assertProblem(await put({ attendance: [{ enrolment_id: a.id, attended: 'yes' }] }), 422, 'invalid', { field: '/attendance/0/attended' });
  assertProblem(await put({ attendance: [{ enrolment_id: a.id, attended: true }, { enrolment_id: a.id, attended: false }] }), 422, 'invalid', { field: '/attendance/1/enrolment_id', reason: 'repeated' });
  // The young person's own record: the session with their attendance, and nobody else.
  const mine = assertOk(await cw.get(`/api/v1/enrolments/${a.id}/meetings`), 200, 'MeetingList').items.find((m) => m.id === s.id);
  assert.equal(mine.attended, true);
  assert.ok(!('participants' in mine));
  // A reader outside the team never sees the session, let alone who takes part.
  const randers = await as('caseworker.randers');
  assertProblem(await randers.get(`/api/v1/group-sessions/${s.id}`), 404, 'not_found');
  assert.ok(!(await walkList(randers, '/api/v1/group-sessions', 2)).items.some((m) => m.id === s.id));
  assert.ok((await walkList(cw, '/api/v1/group-sessions', 2)).items.some((m) => m.id === s.id));
});

test('team notes: the author always; the other sector only while the consent the content needs is given', async () => {
  const e = await enrolment();
  const cw = await as('caseworker.herning');
  const cm = await as('caremanager.herning');
  const path = `/api/v1/enrolments/${e.id}/team-notes`;
  const work = assertOk(await cw.post(path, { date: today, text: 'Starter i praktik mandag.' }), 201, 'TeamNote');
  assert.equal(work.content_class, 'employment');
  const health = assertOk(await cm.post(path, { date: today, text: 'Sover bedre efter behandlingen.' }), 201, 'TeamNote');
  assert.equal(health.content_class, 'health');
  const ids = async (api) => (await walkList(api, path, 1)).items.map((n) => n.id).sort();
  assert.deepEqual(await ids(cw), [work.id]);
  assert.deepEqual(await ids(cm), [health.id]);
  const consent = async (scope, given) => assertOk(await cw.post(`/api/v1/enrolments/${e.id}/consents`, { scope, given, date: today }), 201, 'Consent');
  await consent('employment_to_health', true);
  assert.deepEqual(await ids(cm), [work.id, health.id].sort());
  assert.deepEqual(await ids(cw), [work.id]);
  await consent('health_summary_to_municipality', true);
  assert.deepEqual(await ids(cw), [work.id, health.id].sort());
  await consent('employment_to_health', false);
  assert.deepEqual(await ids(cm), [health.id]);
  assertProblem(await cw.post(path, { date: today, text: '' }), 422, 'invalid', { field: '/text' });
  assertProblem(await cw.post(path, { date: shift(today, -30), text: 'Før henvisningen.' }), 422, 'invalid', { field: '/date', reason: 'date_before_referral' });
});

test('a meeting the young person attended is a contact on the caseload; a network meeting they missed is not', async () => {
  const e = await enrolment();
  const cm = await as('caremanager.herning');
  const row = async () => (await walkList(cm, '/api/v1/caseload?scope=team', 200)).items.find((r) => r.enrolment_id === e.id);
  assert.equal((await row()).last_contact ?? null, null, 'no contact yet');
  assertOk(await cm.post(`/api/v1/enrolments/${e.id}/meetings`, { date: shift(today, -3), duration_minutes: 30, place: 'office', staff: [people['caremanager.herning'].id] }), 201, 'Meeting');
  assert.equal((await row()).last_contact, shift(today, -3));
  assertOk(await cm.post(`/api/v1/enrolments/${e.id}/network-meetings`, { date: shift(today, -1), participants: [people['caremanager.herning'].id], young_person_present: false }), 201, 'NetworkMeeting');
  assert.equal((await row()).last_contact, shift(today, -3), 'absent from the network meeting');
  assertOk(await cm.post(`/api/v1/enrolments/${e.id}/network-meetings`, { date: shift(today, -1), participants: [people['caremanager.herning'].id], young_person_present: true }), 201, 'NetworkMeeting');
  assert.equal((await row()).last_contact, shift(today, -1));
});

test('Min plan\'s next meetings: the young person\'s own from today on, soonest first, with date, kind, length, place and topic, never a note', async () => {
  const a = await enrolment();
  const b = await enrolment();
  const cw = await as('caseworker.herning');
  const me = people['caseworker.herning'].id;
  const team = sql(server.db, `SELECT team_id FROM enrolment WHERE id = ${a.id}`)[0].team_id;
  const group = async (date, participants, topic) => assertOk(await cw.post('/api/v1/group-sessions', {
    team_id: team, date, duration_minutes: 90, place: 'library', topic, staff: [me], participants,
  }), 201, 'GroupSession');
  const talk = async (date, note) => assertOk(await cw.post(`/api/v1/enrolments/${a.id}/meetings`, {
    date, duration_minutes: 30, place: 'walk_and_talk', staff: [me], note,
  }), 201, 'Meeting');
  await group(shift(today, -1), [a.id], 'Zyxpast: i går');
  const later = await group(shift(today, 10), [a.id, b.id], 'Jobsøgning');
  const soon = await group(shift(today, 1), [a.id], 'Skriv et CV');
  const onlyB = await group(shift(today, 2), [b.id], 'Kun B');
  await talk(shift(today, -2), 'Zyxnote: før');
  const now = await talk(today, 'Zyxnote: i dag');
  const planOf = async (e) => assertOk(await cw.get(`/api/v1/enrolments/${e.id}/my-plan`), 200, 'MyPlan');
  const planA = await planOf(a);
  assert.deepEqual(planA.next_meetings, [
    { id: now.id, date: today, kind: 'individual', duration_minutes: 30, place: 'walk_and_talk', topic: null },
    { id: soon.id, date: shift(today, 1), kind: 'group', duration_minutes: 90, place: 'library', topic: 'Skriv et CV' },
    { id: later.id, date: shift(today, 10), kind: 'group', duration_minutes: 90, place: 'library', topic: 'Jobsøgning' },
  ]);
  assert.ok(!JSON.stringify(planA).includes('Zyx'), 'no note and nothing before today');
  assert.deepEqual((await planOf(b)).next_meetings.map((m) => m.id), [onlyB.id, later.id]);
  // Taken off the session's list, the young person no longer has it among their next meetings.
  assertOk(await cw.request('PUT', `/api/v1/group-sessions/${later.id}/attendance`, { json: { attendance: [{ enrolment_id: b.id, attended: false }] } }), 200, 'GroupSession');
  assert.deepEqual((await planOf(a)).next_meetings.map((m) => m.id), [now.id, soon.id]);
});

test('whom a group session may take in: the active young people of a team the caller is on, with names, paged', async () => {
  const a = await enrolment();
  const b = await enrolment();
  const cw = await as('caseworker.herning');
  const team = sql(server.db, `SELECT team_id FROM enrolment WHERE id = ${a.id}`)[0].team_id;
  // Referred (the status enrolment() leaves them in) is not yet taking part; made active, they are.
  sql(server.db, `UPDATE enrolment SET status = 'active' WHERE id = ${a.id}`);
  const path = `/api/v1/group-sessions/young-people?team=${team}`;
  const all = (await walkList(cw, path, 2)).items;
  assert.ok(!all.some((r) => r.enrolment_id === b.id), 'a referral is not listed');
  const expected = sql(server.db, `SELECT id FROM enrolment WHERE team_id = ${team} AND status = 'active' ORDER BY id`).map((r) => Number(r.id));
  assert.deepEqual(all.map((r) => r.enrolment_id), expected);
  const name = sql(server.db, `SELECT c.name FROM citizen c JOIN enrolment e ON e.citizen_id = c.id WHERE e.id = ${a.id}`)[0].name;
  assert.equal(all.find((r) => r.enrolment_id === a.id).citizen.name, name);
  // Another municipality's caseworker does not know the team; the parameter is required.
  assertProblem(await (await as('caseworker.randers')).get(path), 404, 'not_found');
  assertProblem(await cw.get('/api/v1/group-sessions/young-people'), 422, 'invalid', { parameter: 'team', reason: 'required' });
});

test('attendance with If-Match: written only over the version read; a stale one is 412 with the current version and writes nothing', async () => {
  const a = await enrolment();
  const cw = await as('caseworker.herning');
  const team = sql(server.db, `SELECT team_id FROM enrolment WHERE id = ${a.id}`)[0].team_id;
  const s = assertOk(await cw.post('/api/v1/group-sessions', {
    team_id: team, date: shift(today, -1), duration_minutes: 60, place: 'office', topic: 'Fremmøde med version', staff: [people['caseworker.herning'].id], participants: [a.id],
  }), 201, 'GroupSession');
  const put = (version, attended) => cw.request('PUT', `/api/v1/group-sessions/${s.id}/attendance`, {
    json: { attendance: [{ enrolment_id: a.id, attended }] }, headers: { 'If-Match': `"${version}"` },
  });
  const first = assertOk(await put(s.version, true), 200, 'GroupSession');
  assert.equal(first.version, s.version + 1);
  // A second tab still holding the first version.
  const stale = await put(s.version, false);
  assertProblem(stale, 412, 'stale');
  const now = assertOk(await cw.get(`/api/v1/group-sessions/${s.id}`), 200, 'GroupSession');
  assert.equal(now.version, s.version + 1, 'the version did not move');
  assert.deepEqual(now.participants.map((p) => p.attended), [true], 'nothing written');
});
