// Tasks for their owners (issue 9, item 11; docs/api-contract.md "Tasks"): a supervising
// clinician's case review may set a task for e.g. caseworker.herning, who could see it nowhere
// (GET …/case-reviews is 403 for municipal staff) and nobody could mark it done. Now the owner's
// start page lists it (GET /api/v1/tasks?owner=me), the whole team sees the enrolment's tasks (the
// joint plan), and the owner marks it done with If-Match. A task shows no health detail of the
// review: never its recommendation, its flags or its date, and that a review set it
// (case_review_id) only to health staff. Orders and expected values are worked from the dates and
// texts this file sends, never read off the answers.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, sql } from './server.mjs';
import { makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, assertETag, createCitizen, walkList } from './client.mjs';

let server;
let midt;
let herningTeam;
let today; // the server's today (Denmark), from GET /api/v1/caseload
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
  herningTeam = cm.session.user.teams.find((t) => t.project_id === midt.id).id;
  today = assertOk(await cm.get('/api/v1/caseload'), 200, 'Caseload').today;
  for (const u of ['caremanager.herning', 'therapist.herning', 'caseworker.herning', 'jobconsultant.herning', 'supervisor.herning', 'caseworker.randers']) {
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

/** A Herning citizen referred to ibbu-midt by the caseworker; {id, citizen}. */
async function enrolment() {
  const api = await as('caseworker.herning');
  const citizen = await createCitizen(api, { extra: { municipality_code: '657' } });
  const e = assertOk(await api.post('/api/v1/enrolments', {
    // Referred a week ago, so that a task may be due before today (a due date is not before the
    // referral: docs/api-contract.md "Date bounds").
    project_id: midt.id, citizen_id: citizen.id, referral_date: shift(today, -7), referral_source: 'Jobcenter (opgavetest)', target_group: midt.target_groups[0],
  }), 201, 'Enrolment');
  return { id: e.id, citizen };
}

const RECOMMENDATION = 'Zyxrec: øg til ugentlige samtaler; overvej medicinsk vurdering ved manglende bedring.';

/** The supervising clinician's review of enrolment id with a task for `owner`. → the review. */
async function review(id, owner, text, due) {
  return assertOk(await (await as('supervisor.herning')).post(`/api/v1/enrolments/${id}/case-reviews`, {
    date: today, recommendation: RECOMMENDATION, task: { owner_id: people[owner].id, text, ...(due ? { due } : {}) },
  }), 201, 'CaseReview');
}

async function myTasks(username, query = '') {
  return (await walkList(await as(username), `/api/v1/tasks${query}`, 200)).items;
}

async function mark(username, task, done, version = task.version) {
  return (await as(username)).patch(`/api/v1/tasks/${task.id}`, { done }, { headers: { 'If-Match': `"${version}"` } });
}

test('without sign-in 401; roles without citizens 403', async () => {
  const anon = makeClient(server.base);
  assertUnauthenticated(await anon.get('/api/v1/tasks'));
  assertUnauthenticated(await anon.get('/api/v1/enrolments/1/tasks'));
  assertUnauthenticated(await anon.patch('/api/v1/tasks/1', { done: true }, { headers: { 'If-Match': '"1"' } }));
  for (const u of ['lead.ibbu-midt', 'researcher.ibbu-midt', 'admin']) assertProblem(await (await as(u)).get('/api/v1/tasks'), 403, 'forbidden');
});

test('a case review\'s task reaches its owner: on their start page with the young person\'s name and the enrolment', async () => {
  const { id, citizen } = await enrolment();
  const due = shift(today, 5);
  const r = await review(id, 'caseworker.herning', 'Zyxtask: ring til arbejdsgiveren og aftal et møde.', due);
  // The caseworker may not read the review itself (health detail) …
  assertProblem(await (await as('caseworker.herning')).get(`/api/v1/enrolments/${id}/case-reviews`), 403, 'forbidden');
  // … but the task is theirs.
  const task = (await myTasks('caseworker.herning')).find((t) => t.id === r.task.id);
  assert.ok(task, 'on the owner\'s list');
  const name = assertOk(await (await as('caseworker.herning')).get(`/api/v1/citizens/${citizen.id}`), 200, 'Citizen').name;
  assert.deepEqual(
    [task.enrolment_id, task.citizen, task.enrolment_status, task.text, task.due, task.overdue, task.owner, task.created_by, task.created_role, task.version],
    [id, { id: citizen.id, name }, 'referred', 'Zyxtask: ring til arbejdsgiveren og aftal et møde.', due, false, { kind: 'member', ...people['caseworker.herning'] }, people['supervisor.herning'], 'supervising_clinician', 1],
  );
  assert.ok(!('done_at' in task) && !('done_by' in task), 'open');
  // Not on anyone else's list.
  for (const u of ['caremanager.herning', 'therapist.herning', 'jobconsultant.herning']) assert.ok(!(await myTasks(u)).some((t) => t.id === r.task.id), u);
});

test('a task shows a municipal reader no health detail: no recommendation, no flags, no review date, no case_review_id', async () => {
  const { id } = await enrolment();
  const r = await review(id, 'caseworker.herning', 'Zyxtask: send mødeindkaldelse.');
  const leaks = (text) => [RECOMMENDATION, 'Zyxrec', 'recommendation', 'flags', 'case_review', 'review'].filter((w) => text.includes(w));
  for (const u of ['caseworker.herning', 'jobconsultant.herning']) {
    const mine = await (await as(u)).get('/api/v1/tasks?state=all');
    const joint = await (await as(u)).get(`/api/v1/enrolments/${id}/tasks`);
    assertOk(joint, 200, 'TaskList');
    assert.deepEqual(leaks(mine.text), [], `${u}: own tasks`);
    assert.deepEqual(leaks(joint.text), [], `${u}: the enrolment's tasks`);
  }
  // Health staff on the team see where it came from.
  for (const u of ['caremanager.herning', 'supervisor.herning']) {
    const items = assertOk(await (await as(u)).get(`/api/v1/enrolments/${id}/tasks`), 200, 'TaskList').items;
    assert.deepEqual(items.map((t) => t.case_review_id), [r.id], u);
  }
});

test('the owner marks it done and open again with If-Match; nobody else may; refusals write nothing', async () => {
  const { id } = await enrolment();
  const r = await review(id, 'caseworker.herning', 'Zyxtask: følg op på praktikplads.', shift(today, -2));
  let task = (await myTasks('caseworker.herning')).find((t) => t.id === r.task.id);
  assert.equal(task.overdue, true, 'due two days ago and open');
  const stored = async () => (await sql(server.db, `SELECT version, done_at, done_by FROM task WHERE id = ${task.id}`))[0];
  const before = await stored();
  // Someone else on the team: 403; another municipality's caseworker: 404 as for no such task.
  assertProblem(await mark('caremanager.herning', task, true), 403, 'forbidden');
  assertProblem(await mark('jobconsultant.herning', task, true), 403, 'forbidden');
  const hidden = await mark('caseworker.randers', task, true);
  const none = await (await as('caseworker.randers')).patch('/api/v1/tasks/999999999', { done: true }, { headers: { 'If-Match': '"1"' } });
  assertProblem(hidden, 404, 'not_found');
  assertProblem(none, 404, 'not_found');
  assert.equal(hidden.body.detail, none.body.detail);
  // The owner's bad requests.
  for (const [body, field] of [[{}, '/done'], [{ done: 'yes' }, '/done'], [{ done: 1 }, '/done'], [{ done: true, text: 'x' }, null]])
    assertProblem(await (await as('caseworker.herning')).patch(`/api/v1/tasks/${task.id}`, body, { headers: { 'If-Match': '"1"' } }), 422, 'invalid', { field });
  assertProblem(await mark('caseworker.herning', task, true, 7), 412, 'stale');
  assertProblem(await (await as('caseworker.herning')).patch(`/api/v1/tasks/${task.id}`, { done: true }), 428, 'precondition_required');
  assert.deepEqual(await stored(), before, 'nothing written');
  // Done.
  let res = await mark('caseworker.herning', task, true);
  task = assertOk(res, 200, 'Task');
  assertETag(res, 2);
  assert.equal(task.version, 2);
  assert.equal(task.overdue, false, 'done is never overdue');
  assert.match(task.done_at, new RegExp(`^\\d{4}-\\d{2}-\\d{2}T`));
  assert.deepEqual(task.done_by, people['caseworker.herning']);
  assert.ok(!(await myTasks('caseworker.herning')).some((t) => t.id === task.id), 'off the open list');
  assert.ok((await myTasks('caseworker.herning', '?state=done')).some((t) => t.id === task.id), 'on the done list');
  // Done again changes nothing; open again.
  res = await mark('caseworker.herning', task, true);
  assert.deepEqual(assertOk(res, 200, 'Task'), task);
  task = assertOk(await mark('caseworker.herning', task, false), 200, 'Task');
  assert.equal(task.version, 3);
  assert.ok(!('done_at' in task) && !('done_by' in task));
  assert.ok((await myTasks('caseworker.herning')).some((t) => t.id === task.id));
});

test('state and owner: open by default, done, all; any other value is 422 naming the parameter', async () => {
  const cw = await as('caseworker.herning');
  const all = await myTasks('caseworker.herning', '?state=all');
  const open = await myTasks('caseworker.herning');
  const done = await myTasks('caseworker.herning', '?state=done');
  assert.deepEqual(open.map((t) => t.id).sort(), all.filter((t) => !t.done_at).map((t) => t.id).sort());
  assert.deepEqual(done.map((t) => t.id).sort(), all.filter((t) => t.done_at).map((t) => t.id).sort());
  assert.deepEqual(await myTasks('caseworker.herning', '?owner=me&state=open'), open);
  for (const v of ['closed', 'OPEN', '']) assertProblem(await cw.get(`/api/v1/tasks?state=${v}`), 422, 'invalid', { parameter: 'state' });
  for (const v of ['you', String(people['caremanager.herning'].id), '']) assertProblem(await cw.get(`/api/v1/tasks?owner=${v}`), 422, 'invalid', { parameter: 'owner' });
  assertProblem(await cw.get('/api/v1/enrolments/1/tasks?state=x'), 422, 'invalid', { parameter: 'state' });
});

test('paged with a real cursor, by due date with none last, then by id', async () => {
  // A job consultant with no other task: five tasks, dues given out of order.
  const { id } = await enrolment();
  const dues = [shift(today, 9), null, shift(today, -3), shift(today, 9), shift(today, 1)];
  const made = [];
  for (const [i, due] of dues.entries()) made.push({ id: (await review(id, 'jobconsultant.herning', `Zyxtask ${i}`, due)).task.id, due });
  // The order the contract gives: due ascending (none last), ties by id.
  const expected = [...made].sort((a, b) => (a.due ?? '9999') < (b.due ?? '9999') ? -1 : (a.due ?? '9999') > (b.due ?? '9999') ? 1 : a.id - b.id).map((t) => t.id);
  const jc = await as('jobconsultant.herning');
  const whole = (await walkList(jc, '/api/v1/tasks', 200)).items.filter((t) => t.enrolment_id === id).map((t) => t.id);
  assert.deepEqual(whole, expected);
  const paged = await walkList(jc, '/api/v1/tasks', 1);
  assert.deepEqual(paged.items.filter((t) => t.enrolment_id === id).map((t) => t.id), expected);
  assert.ok(paged.sizes.length >= 5 && paged.sizes.slice(0, -1).every((n) => n === 1));
  // Marking one done while paging does not lose or repeat another.
  const first = assertOk(await jc.get('/api/v1/tasks?limit=2'), 200, 'TaskList');
  const toClose = first.items[0];
  assertOk(await mark('jobconsultant.herning', toClose, true), 200, 'Task');
  const rest = assertOk(await jc.get(`/api/v1/tasks?limit=200&cursor=${encodeURIComponent(first.next_cursor)}`), 200, 'TaskList');
  const seen = [...first.items, ...rest.items].map((t) => t.id);
  assert.equal(new Set(seen).size, seen.length, 'none twice');
  for (const t of made) assert.ok(seen.includes(t.id), `task ${t.id} listed`);
  for (const v of ['abc', '0', '-1']) assertProblem(await jc.get(`/api/v1/tasks?cursor=${v}`), 422, 'invalid', { parameter: 'cursor' });
  assertProblem(await jc.get('/api/v1/tasks?limit=201'), 422, 'invalid', { parameter: 'limit' });
});

test('the enrolment\'s tasks: the whole team sees them (open and done); another municipality 404', async () => {
  const { id } = await enrolment();
  const a = await review(id, 'caseworker.herning', 'Zyxtask: book møde.', shift(today, 3));
  const b = await review(id, 'therapist.herning', 'Zyxtask: tilbyd gåtur-samtale.');
  const aTask = (await myTasks('caseworker.herning')).find((t) => t.id === a.task.id);
  assertOk(await mark('caseworker.herning', aTask, true), 200, 'Task');
  for (const u of ['caseworker.herning', 'jobconsultant.herning', 'caremanager.herning', 'therapist.herning', 'supervisor.herning']) {
    const items = assertOk(await (await as(u)).get(`/api/v1/enrolments/${id}/tasks`), 200, 'TaskList').items;
    assert.deepEqual(items.map((t) => [t.id, t.owner.id, Boolean(t.done_at)]), [
      [a.task.id, people['caseworker.herning'].id, true], [b.task.id, people['therapist.herning'].id, false],
    ], u);
  }
  assert.deepEqual(assertOk(await (await as('caseworker.herning')).get(`/api/v1/enrolments/${id}/tasks?state=open`), 200, 'TaskList').items.map((t) => t.id), [b.task.id]);
  assertProblem(await (await as('caseworker.randers')).get(`/api/v1/enrolments/${id}/tasks`), 404, 'not_found');
});

test('a task on a team its owner has left is not listed to them', async () => {
  const { id } = await enrolment();
  const r = await review(id, 'jobconsultant.herning', 'Zyxtask: jobsøgningsplan.');
  assert.ok((await myTasks('jobconsultant.herning')).some((t) => t.id === r.task.id));
  const admin = await as('admin');
  assert.equal((await admin.post(`/api/v1/teams/${herningTeam}/members`, { user_id: people['jobconsultant.herning'].id, member: false })).status, 200);
  try {
    const again = await signedIn(server.base, 'jobconsultant.herning'); // teams are read at sign-in
    assert.ok(!(await walkList(again, '/api/v1/tasks?state=all', 200)).items.some((t) => t.id === r.task.id));
  } finally {
    assert.equal((await admin.post(`/api/v1/teams/${herningTeam}/members`, { user_id: people['jobconsultant.herning'].id, member: true })).status, 200);
  }
});

test('the demo hands caseworker.herning a case review\'s task', async () => {
  const items = await myTasks('caseworker.herning', '?state=all');
  const demo = items.find((t) => t.created_role === 'supervising_clinician' && t.created_by.id === people['supervisor.herning'].id && !t.text.startsWith('Zyx'));
  assert.ok(demo, JSON.stringify(items.map((t) => t.text)));
  assert.equal(demo.due, shift(today, 7));
});

test('reading tasks and marking one done are audited against the citizen with purpose joint_plan', async () => {
  const { id, citizen } = await enrolment();
  const r = await review(id, 'caseworker.herning', 'Zyxtask: audit.');
  const task = (await myTasks('caseworker.herning')).find((t) => t.id === r.task.id);
  assertOk(await mark('caseworker.herning', task, true), 200, 'Task');
  assertOk(await (await as('jobconsultant.herning')).get(`/api/v1/enrolments/${id}/tasks`), 200, 'TaskList');
  // The access log answers no route outside health records (docs/security-model.md "Access log"):
  // the events are read where they are kept.
  const log = await sql(server.db, `SELECT route, username, action, purpose, outcome FROM audit_event WHERE citizen_id = ${citizen.id} ORDER BY seq`);
  const got = (route, username) => log.filter((x) => x.route === route && x.username === username).map((x) => [x.action, x.purpose, x.outcome]);
  assert.deepEqual(got('/api/v1/tasks', 'caseworker.herning')[0], ['read', 'joint_plan', 'allowed']);
  assert.deepEqual(got('/api/v1/tasks/{id}', 'caseworker.herning'), [['update', 'joint_plan', 'allowed']]);
  assert.deepEqual(got('/api/v1/enrolments/{id}/tasks', 'jobconsultant.herning'), [['read', 'joint_plan', 'allowed']]);
});
