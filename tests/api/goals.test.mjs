// The joint plan's goals and coordinator (issue 11 "Joint plan" and "Visibility"; docs/api-contract.md
// "Joint plan: goals and coordinator", docs/security-model.md "Joint plan"). The whole team of an
// enrolment sees and keeps the plan, both sectors; a treatment goal's words reach a municipal reader
// only while health_summary_to_municipality is in force; status moves follow core/goal.c and each is
// a history row; the coordinator is a member of the team. Expected values are worked from what this
// file sends, never read off the answers.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, sql } from './server.mjs';
import { makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, assertETag, createCitizen, walkList } from './client.mjs';

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

/** A Herning citizen referred to ibbu-midt a week ago by the caseworker; the enrolment id. */
async function enrolment() {
  const api = await as('caseworker.herning');
  const citizen = await createCitizen(api, { extra: { municipality_code: '657' } });
  return assertOk(await api.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: citizen.id, referral_date: shift(today, -7), referral_source: 'Jobcenter (måltest)', target_group: midt.target_groups[0],
  }), 201, 'Enrolment');
}

const goalsOf = (id) => `/api/v1/enrolments/${id}/goals`;
const ifMatch = (v) => ({ headers: { 'If-Match': `"${v}"` } });
const put = (api, path, json, options = {}) => api.request('PUT', path, { ...options, json });

async function addGoal(username, id, body, options) {
  return (await as(username)).post(goalsOf(id), body, options);
}

async function storedGoals(id) {
  return sql(server.db, `SELECT g.id, g.text, g.status, g.version, (SELECT count(*) FROM plan_goal_status s WHERE s.goal_id = g.id) AS changes FROM plan_goal g WHERE g.enrolment_id = ${id} ORDER BY g.id`);
}

test('without sign-in 401; roles without citizens 403', async () => {
  const anon = makeClient(server.base);
  assertUnauthenticated(await anon.get('/api/v1/enrolments/1/goals'));
  assertUnauthenticated(await anon.get('/api/v1/goals/1'));
  assertUnauthenticated(await anon.get('/api/v1/goals/1/history'));
  assertUnauthenticated(await anon.get('/api/v1/enrolments/1/coordinator'));
  for (const u of ['lead.ibbu-midt', 'researcher.ibbu-midt', 'admin']) {
    const api = await as(u);
    assertProblem(await api.get('/api/v1/enrolments/1/goals'), 403, 'forbidden');
    assertProblem(await api.post('/api/v1/enrolments/1/goals', { area: 'everyday_life', text: 'x' }), 403, 'forbidden');
    assertProblem(await api.get('/api/v1/goals/1'), 403, 'forbidden');
    assertProblem(await put(api, '/api/v1/enrolments/1/coordinator', { user_id: null }), 403, 'forbidden');
  }
});

test('a goal is set in the young person\'s words, trimmed, open at version 1, and read by the whole team of both sectors', async () => {
  const e = await enrolment();
  const due = shift(today, 60);
  const res = await addGoal('jobconsultant.herning', e.id, {
    area: 'employment_education', text: '  Jeg vil have et job i en butik, 15 timer om ugen.\n', due_date: due, agreed_with_young_person: true, agreed_by: 'jobkonsulent og care manager',
  });
  const goal = assertOk(res, 201, 'Goal');
  assertETag(res, 1);
  assert.equal(res.headers.get('location'), `/api/v1/goals/${goal.id}`);
  assert.deepEqual(
    [goal.enrolment_id, goal.area, goal.text, goal.due_date, goal.status, goal.agreed_with_young_person, goal.agreed_by, goal.created_by, goal.version],
    [e.id, 'employment_education', 'Jeg vil have et job i en butik, 15 timer om ugen.', due, 'open', true, 'jobkonsulent og care manager', people['jobconsultant.herning'], 1],
  );
  for (const u of ['caseworker.herning', 'jobconsultant.herning', 'caremanager.herning', 'therapist.herning', 'supervisor.herning']) {
    assert.deepEqual(assertOk(await (await as(u)).get(goalsOf(e.id)), 200, 'GoalList').items, [goal], u);
    assert.deepEqual(assertOk(await (await as(u)).get(`/api/v1/goals/${goal.id}`), 200, 'Goal'), goal, u);
  }
  // Without the optional members: no due date, not agreed with the young person, agreed_by absent.
  const bare = assertOk(await addGoal('caremanager.herning', e.id, { area: 'everyday_life', text: 'Finde en bolig' }), 201, 'Goal');
  assert.equal(bare.agreed_with_young_person, false);
  assert.ok(!('due_date' in bare) && !('agreed_by' in bare));
});

test('another municipality\'s caseworker gets 404 as for no such goal; nothing is listed to them', async () => {
  const e = await enrolment();
  const goal = assertOk(await addGoal('caseworker.herning', e.id, { area: 'everyday_life', text: 'Styr på økonomien' }), 201, 'Goal');
  const randers = await as('caseworker.randers');
  assertProblem(await randers.get(goalsOf(e.id)), 404, 'not_found');
  assertProblem(await randers.post(goalsOf(e.id), { area: 'everyday_life', text: 'x' }), 404, 'not_found');
  const hidden = await randers.get(`/api/v1/goals/${goal.id}`);
  const none = await randers.get('/api/v1/goals/999999999');
  assertProblem(hidden, 404, 'not_found');
  assertProblem(none, 404, 'not_found');
  assert.equal(hidden.body.detail, none.body.detail);
  assertProblem(await randers.get(`/api/v1/goals/${goal.id}/history`), 404, 'not_found');
  assertProblem(await randers.patch(`/api/v1/goals/${goal.id}`, { status: 'achieved' }, ifMatch(1)), 404, 'not_found');
  assertProblem(await randers.get(`/api/v1/enrolments/${e.id}/coordinator`), 404, 'not_found');
  assertProblem(await put(randers, `/api/v1/enrolments/${e.id}/coordinator`, { user_id: people['caseworker.randers'].id }), 404, 'not_found');
  assert.deepEqual((await storedGoals(e.id)).map((g) => [g.status, Number(g.version), Number(g.changes)]), [['open', 1, 1]]);
});

test('bad input is 422 naming the field with its reason, and writes nothing', async () => {
  const e = await enrolment();
  const ok = { area: 'treatment', text: 'Sove bedre' };
  const cases = [
    [{ text: 'x' }, '/area', 'required'],
    [{ ...ok, area: 'housing' }, '/area', 'one_of'],
    [{ ...ok, area: 3 }, '/area', 'wrong_type'],
    [{ area: 'treatment' }, '/text', 'required'],
    [{ ...ok, text: ' \n\t ' }, '/text', 'blank'],
    [{ ...ok, text: 'æ'.repeat(501) }, '/text', 'length_out_of_range'],
    [{ ...ok, due_date: '2026-02-30' }, '/due_date', 'date_not_in_calendar'],
    [{ ...ok, due_date: shift(today, -8) }, '/due_date', 'date_before_referral'],
    [{ ...ok, due_date: shift(today, 800) }, '/due_date', 'date_too_far_ahead'],
    [{ ...ok, agreed_with_young_person: 'yes' }, '/agreed_with_young_person', 'wrong_type'],
    [{ ...ok, agreed_by: '' }, '/agreed_by', 'length_out_of_range'],
    [{ ...ok, status: 'open' }, null, undefined],
  ];
  for (const [body, field, reason] of cases) {
    const res = await addGoal('caremanager.herning', e.id, body);
    assertProblem(res, 422, 'invalid', { field, ...(reason ? { reason } : {}) });
  }
  // 500 characters of two bytes each, with white space around: accepted, kept without it.
  const long = assertOk(await addGoal('caremanager.herning', e.id, { ...ok, text: ` ${'æ'.repeat(500)} ` }), 201, 'Goal');
  assert.equal(long.text, 'æ'.repeat(500));
  assert.equal((await storedGoals(e.id)).length, 1, 'only the accepted goal');
});

test('status moves: open → achieved → open → dropped, each a history row with its note, oldest first; changed is final', async () => {
  const e = await enrolment();
  const cw = await as('caseworker.herning');
  let goal = assertOk(await addGoal('caseworker.herning', e.id, { area: 'employment_education', text: 'Praktik i en børnehave' }), 201, 'Goal');
  const move = async (username, body, version) => (await as(username)).patch(`/api/v1/goals/${goal.id}`, body, ifMatch(version));
  let res = await move('caseworker.herning', { status: 'achieved', note: 'Startede i praktik mandag.' }, 1);
  goal = assertOk(res, 200, 'Goal');
  assertETag(res, 2);
  assert.equal(goal.status, 'achieved');
  // achieved → dropped is no move: 422 status_move, nothing written.
  res = await move('caseworker.herning', { status: 'dropped' }, 2);
  assertProblem(res, 422, 'invalid', { field: '/status', reason: 'status_move' });
  assert.deepEqual(res.body.allowed, ['open']);
  goal = assertOk(await move('jobconsultant.herning', { status: 'open', note: 'Praktikken stoppede efter en uge.' }, 2), 200, 'Goal');
  goal = assertOk(await move('caremanager.herning', { status: 'dropped' }, 3), 200, 'Goal');
  assert.equal(goal.version, 4);
  const history = assertOk(await cw.get(`/api/v1/goals/${goal.id}/history`), 200, 'GoalHistory').items;
  assert.deepEqual(history.map((c) => [c.from_status ?? null, c.to_status, c.note ?? null, c.changed_by.id]), [
    [null, 'open', null, people['caseworker.herning'].id],
    ['open', 'achieved', 'Startede i praktik mandag.', people['caseworker.herning'].id],
    ['achieved', 'open', 'Praktikken stoppede efter en uge.', people['jobconsultant.herning'].id],
    ['open', 'dropped', null, people['caremanager.herning'].id],
  ]);
  // changed: final.
  let other = assertOk(await addGoal('caseworker.herning', e.id, { area: 'everyday_life', text: 'Flytte hjemmefra' }), 201, 'Goal');
  other = assertOk(await cw.patch(`/api/v1/goals/${other.id}`, { status: 'changed', note: 'Erstattet af et nyt mål.' }, ifMatch(1)), 200, 'Goal');
  res = await cw.patch(`/api/v1/goals/${other.id}`, { status: 'open' }, ifMatch(2));
  assertProblem(res, 422, 'invalid', { field: '/status', reason: 'status_move' });
  assert.deepEqual(res.body.allowed, []);
});

test('PATCH: the words, due date and agreement change without a history row; If-Match 412 and 428; bad input 422 writes nothing', async () => {
  const e = await enrolment();
  const cw = await as('caseworker.herning');
  let goal = assertOk(await addGoal('caseworker.herning', e.id, { area: 'everyday_life', text: 'Betale regninger til tiden', due_date: shift(today, 30), agreed_by: 'sagsbehandler' }), 201, 'Goal');
  const path = `/api/v1/goals/${goal.id}`;
  const before = await storedGoals(e.id);
  for (const [body, field, reason] of [
    [{}, undefined, 'nothing_to_change'],
    [{ text: '   ' }, '/text', 'blank'],
    [{ status: 'finished' }, '/status', 'one_of'],
    [{ status: 'open' }, '/status', 'status_move'],
    [{ note: 'Uden flytning' }, '/note', undefined],
    [{ due_date: shift(today, -30) }, '/due_date', 'date_before_referral'],
    [{ done: true }, null, undefined],
  ]) assertProblem(await cw.patch(path, body, ifMatch(1)), 422, 'invalid', { field, ...(reason ? { reason } : {}) });
  const stale = await cw.patch(path, { text: 'Ny tekst' }, ifMatch(7));
  assertProblem(stale, 412, 'stale');
  assert.equal(stale.body.current_version, 1);
  assertProblem(await cw.patch(path, { text: 'Ny tekst' }), 428, 'precondition_required');
  assert.deepEqual(await storedGoals(e.id), before, 'nothing written');
  const res = await cw.patch(path, { text: ' Betale husleje og el til tiden ', due_date: null, agreed_with_young_person: true, agreed_by: null }, ifMatch(1));
  goal = assertOk(res, 200, 'Goal');
  assertETag(res, 2);
  assert.deepEqual([goal.text, goal.status, goal.agreed_with_young_person, 'due_date' in goal, 'agreed_by' in goal], ['Betale husleje og el til tiden', 'open', true, false, false]);
  assert.equal(assertOk(await cw.get(`${path}/history`), 200, 'GoalHistory').items.length, 1, 'no move, no history row');
  // The same version twice: the second is stale.
  assertProblem(await cw.patch(path, { text: 'Igen' }, ifMatch(1)), 412, 'stale');
});

test('a treatment goal\'s words reach municipal staff only with health_summary_to_municipality; without it they may not write one', async () => {
  const e = await enrolment();
  const words = 'Zyxgoal: færre angstanfald i bussen';
  const goal = assertOk(await addGoal('therapist.herning', e.id, { area: 'treatment', text: words }), 201, 'Goal');
  assertOk(await (await as('therapist.herning')).patch(`/api/v1/goals/${goal.id}`, { status: 'achieved', note: 'Zyxnote: tager bussen igen' }, ifMatch(1)), 200, 'Goal');
  const job = assertOk(await addGoal('caseworker.herning', e.id, { area: 'employment_education', text: 'Et fritidsjob' }), 201, 'Goal');
  for (const u of ['caseworker.herning', 'jobconsultant.herning']) {
    const api = await as(u);
    const list = await api.get(goalsOf(e.id));
    const items = assertOk(list, 200, 'GoalList').items;
    assert.deepEqual(items.map((g) => [g.id, g.area, g.status, 'text' in g]), [[goal.id, 'treatment', 'achieved', false], [job.id, 'employment_education', 'open', true]], u);
    const one = await api.get(`/api/v1/goals/${goal.id}`);
    assert.ok(!('text' in assertOk(one, 200, 'Goal')), u);
    const hist = await api.get(`/api/v1/goals/${goal.id}/history`);
    assert.deepEqual(assertOk(hist, 200, 'GoalHistory').items.map((c) => c.to_status), ['open', 'achieved']);
    for (const r of [list, one, hist]) assert.ok(!r.text.includes('Zyxgoal') && !r.text.includes('Zyxnote'), `${u}: ${r.path}`);
    assertProblem(await api.post(goalsOf(e.id), { area: 'treatment', text: 'Bedre søvn' }), 403, 'forbidden');
    assertProblem(await api.patch(`/api/v1/goals/${goal.id}`, { status: 'open' }, ifMatch(2)), 403, 'forbidden');
  }
  // Health staff see it all.
  const hist = assertOk(await (await as('caremanager.herning')).get(`/api/v1/goals/${goal.id}/history`), 200, 'GoalHistory').items;
  assert.equal(hist[1].note, 'Zyxnote: tager bussen igen');
  // With the consent in force, the caseworker reads and writes treatment goals.
  assertOk(await (await as('caseworker.herning')).post(`/api/v1/enrolments/${e.id}/consents`, { scope: 'health_summary_to_municipality', given: true, date: today }), 201, 'Consent');
  const cw = await as('caseworker.herning');
  assert.equal(assertOk(await cw.get(`/api/v1/goals/${goal.id}`), 200, 'Goal').text, words);
  assert.equal(assertOk(await cw.get(`/api/v1/goals/${goal.id}/history`), 200, 'GoalHistory').items[1].note, 'Zyxnote: tager bussen igen');
  assertOk(await cw.post(goalsOf(e.id), { area: 'treatment', text: 'Bedre søvn' }), 201, 'Goal');
});

test('goals page by id with a real cursor', async () => {
  const e = await enrolment();
  const made = [];
  for (let i = 0; i < 5; i++) made.push(assertOk(await addGoal('caseworker.herning', e.id, { area: 'everyday_life', text: `Mål ${i}` }), 201, 'Goal').id);
  const cw = await as('caseworker.herning');
  const paged = await walkList(cw, goalsOf(e.id), 2);
  assert.deepEqual(paged.items.map((g) => g.id), made);
  assert.deepEqual(paged.sizes, [2, 2, 1]);
  for (const v of ['abc', '0', '-1']) assertProblem(await cw.get(`${goalsOf(e.id)}?cursor=${v}`), 422, 'invalid', { parameter: 'cursor' });
  assertProblem(await cw.get(`${goalsOf(e.id)}?state=open`), 422, 'invalid', { parameter: 'state' });
});

test('Idempotency-Key: a retried POST replays the first goal and writes nothing more', async () => {
  const e = await enrolment();
  const body = { area: 'everyday_life', text: 'Få en fast døgnrytme' };
  const key = { headers: { 'Idempotency-Key': `goal-${e.id}` } };
  const first = await addGoal('caseworker.herning', e.id, body, key);
  const goal = assertOk(first, 201, 'Goal');
  const again = await addGoal('caseworker.herning', e.id, body, key);
  assert.deepEqual(assertOk(again, 201, 'Goal'), goal);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.equal(again.headers.get('location'), first.headers.get('location'));
  assertProblem(await addGoal('caseworker.herning', e.id, { ...body, text: 'Noget andet' }, key), 422, 'invalid', { parameter: 'Idempotency-Key' });
  assert.deepEqual((await storedGoals(e.id)).map((g) => Number(g.changes)), [1], 'one goal, one history row');
});

test('the coordinator: a member of the team, with who held the role when; off the team 422 and nothing written', async () => {
  const e = await enrolment();
  const path = `/api/v1/enrolments/${e.id}/coordinator`;
  const cw = await as('caseworker.herning');
  assert.deepEqual(assertOk(await cw.get(path), 200, 'Coordinator'), { coordinator: null, history: [] });
  for (const [body, field, reason] of [
    [{}, '/user_id', 'required'],
    [{ user_id: 'x' }, '/user_id', 'wrong_type'],
    [{ user_id: 0 }, '/user_id', 'below_minimum'],
    [{ user_id: people['caseworker.randers'].id }, '/user_id', 'coordinator_not_on_team'],
    [{ user_id: 999999999 }, '/user_id', 'coordinator_not_on_team'],
    [{ user_id: null, note: 'x' }, null, undefined],
  ]) assertProblem(await put(cw, path, body), 422, 'invalid', { field, ...(reason ? { reason } : {}) });
  assert.deepEqual(await sql(server.db, `SELECT id FROM enrolment_coordinator WHERE enrolment_id = ${e.id}`), []);
  let c = assertOk(await put(cw, path, { user_id: people['caremanager.herning'].id }), 200, 'Coordinator');
  assert.deepEqual(c.coordinator, people['caremanager.herning']);
  assert.equal(c.since, c.history[0].set_at);
  // The same person again writes nothing.
  assert.deepEqual(assertOk(await put(cw, path, { user_id: people['caremanager.herning'].id }), 200, 'Coordinator'), c);
  c = assertOk(await put((await as('caremanager.herning')), path, { user_id: people['jobconsultant.herning'].id }), 200, 'Coordinator');
  assert.deepEqual(c.history.map((h) => [h.coordinator?.id ?? null, h.set_by.id]), [
    [people['jobconsultant.herning'].id, people['caremanager.herning'].id],
    [people['caremanager.herning'].id, people['caseworker.herning'].id],
  ]);
  // The whole team reads it.
  for (const u of ['jobconsultant.herning', 'therapist.herning', 'supervisor.herning']) assert.deepEqual(assertOk(await (await as(u)).get(path), 200, 'Coordinator'), c, u);
  c = assertOk(await put(cw, path, { user_id: null }), 200, 'Coordinator');
  assert.equal(c.coordinator, null);
  assert.ok(!('since' in c));
  assert.equal(c.history.length, 3);
  // Idempotency-Key on PUT: replayed.
  const key = { headers: { 'Idempotency-Key': `coordinator-${e.id}` } };
  const first = assertOk(await put(cw, path, { user_id: people['therapist.herning'].id }, key), 200, 'Coordinator');
  const again = await put(cw, path, { user_id: people['therapist.herning'].id }, key);
  assert.deepEqual(assertOk(again, 200, 'Coordinator'), first);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.equal(first.history.length, 4);
});

test('reads and writes of the joint plan are audited against the citizen with purpose joint_plan', async () => {
  const e = await enrolment();
  const goal = assertOk(await addGoal('caseworker.herning', e.id, { area: 'everyday_life', text: 'Audit' }), 201, 'Goal');
  assertOk(await (await as('jobconsultant.herning')).get(`/api/v1/goals/${goal.id}`), 200, 'Goal');
  assertOk(await (await as('jobconsultant.herning')).patch(`/api/v1/goals/${goal.id}`, { status: 'achieved' }, ifMatch(1)), 200, 'Goal');
  assertOk(await put((await as('caremanager.herning')), `/api/v1/enrolments/${e.id}/coordinator`, { user_id: people['caremanager.herning'].id }), 200, 'Coordinator');
  const log = await sql(server.db, `SELECT route, username, action, purpose, outcome FROM audit_event WHERE citizen_id = ${e.citizen_id} ORDER BY seq`);
  const got = (route, username) => log.filter((x) => x.route === route && x.username === username).map((x) => [x.action, x.purpose, x.outcome]);
  assert.deepEqual(got('/api/v1/enrolments/{id}/goals', 'caseworker.herning'), [['create', 'joint_plan', 'allowed']]);
  assert.deepEqual(got('/api/v1/goals/{id}', 'jobconsultant.herning'), [['read', 'joint_plan', 'allowed'], ['update', 'joint_plan', 'allowed']]);
  assert.deepEqual(got('/api/v1/enrolments/{id}/coordinator', 'caremanager.herning'), [['update', 'joint_plan', 'allowed']]);
});
