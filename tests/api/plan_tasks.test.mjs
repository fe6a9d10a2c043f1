// Tasks of the joint plan, "Min plan" and the care manager's task_overdue (issue 11 "Joint plan",
// "Flags and caseloads", "Visibility"; docs/api-contract.md "Tasks", "Min plan", "Caseload"). A task
// may be for a member of the team or the young person and linked to a goal of the same enrolment;
// the young person's task is marked done by any member on their behalf, a member's only by its
// owner; a treatment goal's words follow the goal's rule wherever a task names it. Expected values
// are worked from what this file sends, never read off the answers.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, sql } from './server.mjs';
import { makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, assertETag, createCitizen } from './client.mjs';
import { walkList } from './client.mjs';

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
  for (const u of ['caremanager.herning', 'therapist.herning', 'caseworker.herning', 'jobconsultant.herning', 'caseworker.randers']) {
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

/** A Herning citizen referred to ibbu-midt a week ago by the caseworker; the enrolment id. */
async function enrolment() {
  const api = await as('caseworker.herning');
  const citizen = await createCitizen(api, { extra: { municipality_code: '657' } });
  return assertOk(await api.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: citizen.id, referral_date: shift(today, -7), referral_source: 'Jobcenter (plantest)', target_group: midt.target_groups[0],
  }), 201, 'Enrolment').id;
}

const tasksOf = (id) => `/api/v1/enrolments/${id}/tasks`;
const member = (u) => ({ kind: 'member', user_id: people[u].id });
const YOUNG = { kind: 'young_person' };

async function goal(id, area, text, extra = {}) {
  return assertOk(await (await as('caremanager.herning')).post(`/api/v1/enrolments/${id}/goals`, { area, text, agreed_with_young_person: true, ...extra }), 201, 'Goal');
}

async function storedTasks(id) {
  return sql(server.db, `SELECT id, owner_kind, owner_id, goal_id, text, due FROM task WHERE enrolment_id = ${id} ORDER BY id`);
}

test('without sign-in 401; roles without citizens 403', async () => {
  const anon = makeClient(server.base);
  assertUnauthenticated(await anon.post('/api/v1/enrolments/1/tasks', { text: 'x', owner: YOUNG }));
  assertUnauthenticated(await anon.get('/api/v1/enrolments/1/my-plan'));
  for (const u of ['lead.ibbu-midt', 'researcher.ibbu-midt', 'admin']) {
    const api = await as(u);
    assertProblem(await api.post('/api/v1/enrolments/1/tasks', { text: 'x', owner: YOUNG }), 403, 'forbidden');
    assertProblem(await api.get('/api/v1/enrolments/1/my-plan'), 403, 'forbidden');
  }
});

test('any member of the team sets a task for a member or the young person, linked to a goal; the lists show owner kind and goal', async () => {
  const id = await enrolment();
  const g = await goal(id, 'employment_education', 'Et job i en butik.');
  const due = shift(today, 14);
  let res = await (await as('jobconsultant.herning')).post(tasksOf(id), { text: 'Zyxplan: søg tre job i butikker.', owner: YOUNG, due, goal_id: g.id });
  const yp = assertOk(res, 201, 'Task');
  assertETag(res, 1);
  assert.equal(res.headers.get('location'), `/api/v1/tasks/${yp.id}`);
  assert.deepEqual([yp.owner, yp.goal, yp.text, yp.due, yp.overdue, yp.created_role, yp.version],
    [YOUNG, { id: g.id, area: 'employment_education', status: 'open' }, 'Zyxplan: søg tre job i butikker.', due, false, 'job_consultant', 1]);
  res = await (await as('therapist.herning')).post(tasksOf(id), { text: 'Zyxplan: ring til arbejdsgiveren.', owner: member('caseworker.herning') });
  const mine = assertOk(res, 201, 'Task');
  assert.deepEqual([mine.owner, mine.goal, 'due' in mine], [{ kind: 'member', ...people['caseworker.herning'] }, null, false]);
  assert.deepEqual(await storedTasks(id), [
    { id: yp.id, owner_kind: 'young_person', owner_id: null, goal_id: g.id, text: 'Zyxplan: søg tre job i butikker.', due },
    { id: mine.id, owner_kind: 'member', owner_id: people['caseworker.herning'].id, goal_id: null, text: 'Zyxplan: ring til arbejdsgiveren.', due: null },
  ]);
  // The enrolment's list (by due date, none last) shows the goal with its words to the team.
  const list = assertOk(await (await as('caseworker.herning')).get(tasksOf(id)), 200, 'TaskList').items;
  assert.deepEqual(list.map((t) => [t.id, t.owner.kind, t.goal && t.goal.text]), [[yp.id, 'young_person', 'Et job i en butik.'], [mine.id, 'member', null]]);
  // The owner's own list has the member's task; the young person's is on nobody's.
  const own = assertOk(await (await as('caseworker.herning')).get('/api/v1/tasks'), 200, 'TaskList').items;
  assert.ok(own.some((t) => t.id === mine.id) && !own.some((t) => t.id === yp.id));
});

test('bad input names the field with its reason and writes nothing', async () => {
  const id = await enrolment();
  const other = await enrolment();
  const foreign = await goal(other, 'everyday_life', 'En bolig.');
  const cases = [
    [{ owner: YOUNG }, '/text', 'required'],
    [{ text: '', owner: YOUNG }, '/text', 'length_out_of_range'],
    [{ text: 'x'.repeat(2001), owner: YOUNG }, '/text', 'length_out_of_range'],
    [{ text: 'x' }, '/owner', 'required'],
    [{ text: 'x', owner: 'young_person' }, '/owner', 'wrong_type'],
    [{ text: 'x', owner: {} }, '/owner/kind', 'required'],
    [{ text: 'x', owner: { kind: 'parent' } }, '/owner/kind', 'one_of'],
    [{ text: 'x', owner: { kind: 'member' } }, '/owner/user_id', 'required'],
    [{ text: 'x', owner: { kind: 'young_person', user_id: people['caseworker.herning'].id } }, '/owner/user_id', 'invalid'],
    [{ text: 'x', owner: member('caseworker.randers') }, '/owner/user_id', 'owner_not_on_team'],
    [{ text: 'x', owner: { kind: 'member', user_id: 999999999 } }, '/owner/user_id', 'owner_not_on_team'],
    [{ text: 'x', owner: YOUNG, goal_id: foreign.id }, '/goal_id', 'no_such_record'],
    [{ text: 'x', owner: YOUNG, goal_id: 999999999 }, '/goal_id', 'no_such_record'],
    [{ text: 'x', owner: YOUNG, goal_id: 'one' }, '/goal_id', 'wrong_type'],
    [{ text: 'x', owner: YOUNG, due: '2026-02-30' }, '/due', undefined],
    [{ text: 'x', owner: YOUNG, due: shift(today, -30) }, '/due', 'date_before_referral'],
  ];
  const api = await as('caseworker.herning');
  for (const [body, field, reason] of cases)
    assertProblem(await api.post(tasksOf(id), body), 422, 'invalid', { field, ...(reason ? { reason } : {}) });
  assertProblem(await api.post(tasksOf(id), { text: 'x', owner: YOUNG, colour: 'red' }), 422, 'invalid', { field: null });
  assert.deepEqual(await storedTasks(id), [], 'nothing written');
  // Another municipality's caseworker: 404 as for no enrolment.
  assertProblem(await (await as('caseworker.randers')).post(tasksOf(id), { text: 'x', owner: YOUNG }), 404, 'not_found');
});

test('the young person\'s task is marked done by any member of the team; a member\'s only by its owner', async () => {
  const id = await enrolment();
  const yp = assertOk(await (await as('caremanager.herning')).post(tasksOf(id), { text: 'Zyxplan: mød op i caféen.', owner: YOUNG }), 201, 'Task');
  const cw = assertOk(await (await as('caremanager.herning')).post(tasksOf(id), { text: 'Zyxplan: book møde.', owner: member('caseworker.herning') }), 201, 'Task');
  const mark = async (u, t, done, v) => (await as(u)).patch(`/api/v1/tasks/${t.id}`, { done }, { headers: { 'If-Match': `"${v}"` } });
  let res = await mark('jobconsultant.herning', yp, true, 1);
  const done = assertOk(res, 200, 'Task');
  assert.deepEqual([done.done_by, done.version], [people['jobconsultant.herning'], 2]);
  assert.equal(assertOk(await mark('therapist.herning', yp, false, 2), 200, 'Task').version, 3, 'opened again by another member');
  assertProblem(await mark('caseworker.randers', yp, true, 3), 404, 'not_found');
  assertProblem(await mark('jobconsultant.herning', cw, true, 1), 403, 'forbidden');
  assertProblem(await mark('caremanager.herning', cw, true, 1), 403, 'forbidden', {});
  assert.equal(assertOk(await mark('caseworker.herning', cw, true, 1), 200, 'Task').done_by.id, people['caseworker.herning'].id);
});

test('a task linked to a treatment goal: the goal\'s words reach a municipal reader only with the consent, in the lists and Min plan', async () => {
  const id = await enrolment();
  const tg = await goal(id, 'treatment', 'Zyxhealth: sove bedre.', { due_date: shift(today, 30) });
  const eg = await goal(id, 'everyday_life', 'Zyxdaily: lave mad selv.');
  await goal(id, 'everyday_life', 'Zyxnotagreed: ikke aftalt.', { agreed_with_young_person: false });
  const linked = assertOk(await (await as('caremanager.herning')).post(tasksOf(id), { text: 'Zyxplan: skriv søvndagbog.', owner: YOUNG, goal_id: tg.id, due: shift(today, 3) }), 201, 'Task');
  assert.ok(!('text' in linked.goal), 'the create answer names the goal without its words');
  const daily = assertOk(await (await as('caseworker.herning')).post(tasksOf(id), { text: 'Zyxplan: handle ind.', owner: member('caseworker.herning'), goal_id: eg.id }), 201, 'Task');
  const teamOnly = assertOk(await (await as('caremanager.herning')).post(tasksOf(id), { text: 'Zyxplan: intern opgave.', owner: member('caremanager.herning') }), 201, 'Task');
  // A municipal member without the consent may still link a task to the treatment goal.
  const byCw = assertOk(await (await as('caseworker.herning')).post(tasksOf(id), { text: 'Zyxplan: følg op.', owner: member('caseworker.herning'), goal_id: tg.id }), 201, 'Task');
  assert.deepEqual(byCw.goal, { id: tg.id, area: 'treatment', status: 'open' });

  const goalTexts = async (u) => Object.fromEntries(assertOk(await (await as(u)).get(tasksOf(id)), 200, 'TaskList').items.map((t) => [t.id, t.goal ? (t.goal.text ?? '(hidden)') : null]));
  const expectedFor = (treatment) => ({ [linked.id]: treatment, [daily.id]: 'Zyxdaily: lave mad selv.', [teamOnly.id]: null, [byCw.id]: treatment });
  assert.deepEqual(await goalTexts('caremanager.herning'), expectedFor('Zyxhealth: sove bedre.'));
  assert.deepEqual(await goalTexts('caseworker.herning'), expectedFor('(hidden)'));
  const ownList = assertOk(await (await as('caseworker.herning')).get('/api/v1/tasks'), 200, 'TaskList').items.find((t) => t.id === byCw.id);
  assert.ok(!('text' in ownList.goal), 'the caseworker\'s own list: no treatment goal words');
  const patched = assertOk(await (await as('caseworker.herning')).patch(`/api/v1/tasks/${byCw.id}`, { done: true }, { headers: { 'If-Match': '"1"' } }), 200, 'Task');
  assert.ok(!('text' in patched.goal), 'nor the PATCH answer');

  // Min plan for a health reader (health detail): both agreed goals with their words; the plan's
  // tasks (the young person's, and those linked to a goal, open), not the team's own task.
  const planOf = async (u) => assertOk(await (await as(u)).get(`/api/v1/enrolments/${id}/my-plan`), 200, 'MyPlan');
  let plan = await planOf('caremanager.herning');
  assert.equal(plan.health_detail, true);
  assert.deepEqual(plan.goals, [
    { id: tg.id, area: 'treatment', due_date: shift(today, 30), text_hidden: false, text: 'Zyxhealth: sove bedre.' },
    { id: eg.id, area: 'everyday_life', text_hidden: false, text: 'Zyxdaily: lave mad selv.' },
  ]);
  assert.deepEqual(plan.tasks.map((t) => [t.id, t.owner.kind, t.goal_id]), [[linked.id, 'young_person', tg.id], [daily.id, 'member', eg.id]]);
  assert.deepEqual([plan.next_meetings, plan.coordinator], [[], null]);
  // A municipal reader, without and with the consent: the treatment goal is named, not its words;
  // the task linked to it is left out (Min plan shows health detail only to who may see it).
  for (const consent of [false, true]) {
    if (consent) assertOk(await (await as('caseworker.herning')).post(`/api/v1/enrolments/${id}/consents`, { scope: 'health_summary_to_municipality', given: true, date: today }), 201, 'Consent');
    plan = await planOf('caseworker.herning');
    assert.equal(plan.health_detail, false);
    assert.deepEqual(plan.goals[0], { id: tg.id, area: 'treatment', due_date: shift(today, 30), text_hidden: true });
    assert.deepEqual(plan.tasks.map((t) => t.id), [daily.id]);
    assert.ok(!JSON.stringify(plan).includes('Zyxhealth') && !JSON.stringify(plan).includes('søvndagbog'));
  }
  // With the consent, the task lists give the caseworker the treatment goal's words.
  assert.deepEqual(await goalTexts('caseworker.herning'), expectedFor('Zyxhealth: sove bedre.'));
  // The coordinator's name.
  assertOk(await (await as('caseworker.herning')).request('PUT', `/api/v1/enrolments/${id}/coordinator`, { json: { user_id: people['caseworker.herning'].id } }), 200, 'Coordinator');
  assert.deepEqual((await planOf('therapist.herning')).coordinator, { name: people['caseworker.herning'].name });
  assertProblem(await (await as('caseworker.randers')).get(`/api/v1/enrolments/${id}/my-plan`), 404, 'not_found');
});

test('the care manager\'s caseload shows task_overdue for a task of theirs due yesterday, not one due today', async () => {
  const cm = await as('caremanager.herning');
  const ids = [];
  for (const due of [shift(today, -1), today]) {
    const id = await enrolment();
    // A PHQ-9 takes the care manager onto the caseload.
    assertOk(await cm.post(`/api/v1/enrolments/${id}/assessments`, { instrument: 'phq9', date: today, items: [1, 1, 1, 1, 1, 1, 1, 1, 0] }), 201, 'Assessment');
    assertOk(await cm.post(tasksOf(id), { text: 'Zyxplan: ring til den unge.', owner: member('caremanager.herning'), due }), 201, 'Task');
    // Another member's overdue task does not flag the care manager's row.
    assertOk(await cm.post(tasksOf(id), { text: 'Zyxplan: andens opgave.', owner: member('therapist.herning'), due: shift(today, -3) }), 201, 'Task');
    ids.push(id);
  }
  const rows = (await walkList(cm, '/api/v1/caseload', 200)).items;
  const flagsOf = (id) => rows.find((r) => r.enrolment_id === id).flags;
  assert.ok(flagsOf(ids[0]).includes('task_overdue'), 'due yesterday');
  assert.ok(!flagsOf(ids[1]).includes('task_overdue'), 'due today');
  // Done, the flag goes.
  const t = assertOk(await cm.get(`${tasksOf(ids[0])}?state=open`), 200, 'TaskList').items.find((x) => x.owner.id === people['caremanager.herning'].id);
  assertOk(await cm.patch(`/api/v1/tasks/${t.id}`, { done: true }, { headers: { 'If-Match': '"1"' } }), 200, 'Task');
  const again = (await walkList(cm, '/api/v1/caseload', 200)).items;
  assert.ok(!again.find((r) => r.enrolment_id === ids[0]).flags.includes('task_overdue'));
});
