// The follow-up list (issue 9, item 14; docs/api-contract.md "Follow-ups"): the project's follow-up
// questionnaires (ibbu-midt's followup_months, read from the project) counted from the treatment
// start (the plan's start date), each with its window — 14 days before to 28 days after the due
// date — and its state today, for enrolments in treatment, completed, or withdrawn unless the
// person withdrew from research; never referred, screening or excluded. A completed enrolment has
// left the caseload, so this list is where its follow-ups show. Due dates are worked here with
// the calendar rule of src/core/date.h (add months; a day past the month's end falls on its last
// day), independently of the server.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck } from './server.mjs';
import { makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, createCitizen, walkList } from './client.mjs';

let server;
let midt;
let months; // ibbu-midt's follow-up schedule
let today;
const clients = new Map();

async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username));
  return clients.get(username);
}

before(async () => {
  server = await startServer();
  const cm = await as('caremanager.herning');
  midt = (await walkList(cm, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  months = midt.followup_months;
  assert.ok(months.length >= 2, `ibbu-midt has a follow-up schedule: ${months}`);
  today = assertOk(await cm.get('/api/v1/caseload'), 200, 'Caseload').today;
});
after(async () => {
  await stopAndCheck(server);
});

const pad = (n) => String(n).padStart(2, '0');
function shift(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
function addMonths(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  const ny = Math.floor(t / 12);
  const nm = (t % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${pad(nm)}-${pad(Math.min(d, last))}`;
}
/** A start whose first follow-up falls `daysFromToday` days from today — or a day earlier when
 * that day does not exist in the start's month (the tests work the due date from the start). */
function startForFirstDue(daysFromToday) {
  return addMonths(shift(today, daysFromToday), -months[0]);
}
/** The state of one point as the contract words it. */
function stateOf(due, doneDates) {
  const opens = shift(due, -14);
  const closes = shift(due, 28);
  if (doneDates.some((d) => d >= opens && d <= closes && d <= today)) return 'done';
  if (today < opens) return 'upcoming';
  if (today <= due) return 'due';
  if (today <= closes) return 'overdue';
  return 'missed';
}

/** A Herning enrolment of caremanager.herning with a plan starting `start`, moved to `status`. */
async function course(start, status, { reason, research } = {}) {
  const api = await as('caremanager.herning');
  const citizen = await createCitizen(api, { extra: { municipality_code: '657' } });
  let e = assertOk(await api.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: citizen.id, referral_date: shift(start, -20) < today ? shift(start, -20) : today,
    referral_source: 'Jobcenter (opfølgningstest)', target_group: midt.target_groups[0],
  }), 201, 'Enrolment');
  const move = async (body) => {
    e = assertOk(await api.patch(`/api/v1/enrolments/${e.id}`, body, { headers: { 'If-Match': `"${e.version}"` } }), 200, 'Enrolment');
  };
  if (status !== 'referred') await move({ status: 'screening' });
  if (!['referred', 'screening'].includes(status) && status !== 'excluded') {
    await move({ status: 'active' });
    assertOk(await api.request('PUT', `/api/v1/enrolments/${e.id}/treatment-plan`, {
      json: { start_date: start, focus: 'Tristhed', modality: 'cbt', target: 'PHQ-9 under 10' },
    }), 201, 'TreatmentPlan');
  }
  if (status === 'aftercare' || status === 'completed') await move({ status: 'aftercare' });
  if (research === false)
    assertOk(await api.post(`/api/v1/enrolments/${e.id}/consents`, { scope: 'research_use', given: false, date: today }), 201, 'Consent');
  if (['completed', 'withdrawn', 'excluded'].includes(status))
    await move({ status, status_reason: reason ?? { completed: 'planned_end', withdrawn: 'citizen_choice', excluded: 'not_eligible' }[status] });
  return e;
}

async function followup(id, date) {
  return assertOk(await (await as('caremanager.herning')).post(`/api/v1/enrolments/${id}/assessments`, {
    instrument: 'phq9', date, items: Array(9).fill(1), occasion: 'followup',
  }), 201, 'Assessment');
}

async function list(username = 'caremanager.herning', query = '') {
  const items = (await walkList(await as(username), `/api/v1/follow-ups${query}`, 200)).items;
  return items;
}
const rowOf = (items, id) => items.find((r) => r.enrolment_id === id);

test('without sign-in 401; only health roles (others 403)', async () => {
  assertUnauthenticated(await makeClient(server.base).get('/api/v1/follow-ups'));
  for (const u of ['caseworker.herning', 'jobconsultant.herning', 'lead.ibbu-midt', 'researcher.ibbu-midt', 'admin'])
    assertProblem(await (await as(u)).get('/api/v1/follow-ups'), 403, 'forbidden');
  for (const u of ['caremanager.herning', 'therapist.herning', 'supervisor.herning'])
    assertOk(await (await as(u)).get('/api/v1/follow-ups'), 200, 'FollowupList');
});

test('a completed enrolment with its first follow-up due is listed with due date, window and state; it has left the caseload', async () => {
  const start = startForFirstDue(3);
  const e = await course(start, 'completed');
  assert.ok(!assertOk(await (await as('caremanager.herning')).get('/api/v1/caseload'), 200, 'Caseload').items.some((r) => r.enrolment_id === e.id), 'completed: off the caseload');
  const page = assertOk(await (await as('caremanager.herning')).get('/api/v1/follow-ups?limit=200'), 200, 'FollowupList');
  assert.equal(page.today, today);
  const row = rowOf(await list(), e.id);
  assert.ok(row, 'on the follow-up list');
  assert.deepEqual([row.status, row.treatment_start, row.project_id], ['completed', start, midt.id]);
  const expected = months.map((m) => {
    const due = addMonths(start, m);
    return { month: m, due, opens: shift(due, -14), closes: shift(due, 28), state: stateOf(due, []) };
  });
  assert.deepEqual(row.points, expected);
  assert.equal(row.points[0].state, 'due', 'three days before the due date, the window is open');
  assert.deepEqual(row.next, expected[0]);
  // The citizen's name, as the team reads it.
  const c = assertOk(await (await as('caremanager.herning')).get(`/api/v1/citizens/${row.citizen.id}`), 200, 'Citizen');
  assert.equal(row.citizen.name, c.name);
});

test('a follow-up questionnaire inside the window marks the point done; one outside it does not', async () => {
  // The first point was due 10 days ago (overdue, window open); a questionnaire 20 days before
  // it (before the window opened) does not count; one today does.
  const start = startForFirstDue(-10);
  const e = await course(start, 'aftercare');
  const due = addMonths(start, months[0]);
  await followup(e.id, shift(due, -20));
  let row = rowOf(await list(), e.id);
  assert.equal(row.points[0].state, 'overdue');
  assert.ok(!('done_on' in row.points[0]));
  await followup(e.id, today);
  row = rowOf(await list('caremanager.herning', '?state=all'), e.id);
  assert.deepEqual([row.points[0].state, row.points[0].done_on], ['done', today]);
  assert.equal(row.next.month, months[1], 'the next point is the second');
  // Nothing else is due: off the open list.
  assert.ok(!rowOf(await list(), e.id), 'done: off the open list');
});

test('the caseload agrees: a questionnaire answered in the window before the due date meets the follow-up', async () => {
  // Active, first point due yesterday, questionnaire 10 days before it: the list says done, and
  // the caseload shows no followup_due (it did before, counting only from the due date).
  const start = startForFirstDue(-1);
  const e = await course(start, 'active');
  const due = addMonths(start, months[0]);
  await followup(e.id, shift(due, -10));
  const row = rowOf(await list('caremanager.herning', '?state=all'), e.id);
  assert.equal(row.points[0].state, 'done');
  const load = assertOk(await (await as('caremanager.herning')).get('/api/v1/caseload'), 200, 'Caseload').items.find((r) => r.enrolment_id === e.id);
  assert.ok(!load.flags.includes('followup_due'), JSON.stringify(load.flags));
  // Without it, the caseload flags the follow-up, and the list has it overdue.
  const f = await course(start, 'active');
  assert.ok(assertOk(await (await as('caremanager.herning')).get('/api/v1/caseload'), 200, 'Caseload').items.find((r) => r.enrolment_id === f.id).flags.includes('followup_due'));
  assert.equal(rowOf(await list(), f.id).points[0].state, 'overdue');
});

test('withdrawn: listed unless the person withdrew from research; excluded, referred and screening never', async () => {
  const start = startForFirstDue(0);
  const stays = await course(start, 'withdrawn');
  const research = await course(start, 'withdrawn', { research: false });
  const completedNoResearch = await course(start, 'completed', { research: false });
  const activeNoResearch = await course(start, 'active', { research: false });
  const excluded = await course(start, 'excluded');
  const screening = await course(start, 'screening');
  const items = await list('caremanager.herning', '?state=all');
  assert.ok(rowOf(items, stays.id), 'withdrawn: may still answer');
  assert.equal(rowOf(items, stays.id).points[0].state, stateOf(addMonths(start, months[0]), []));
  assert.ok(!rowOf(items, research.id), 'withdrawn from research: not asked');
  assert.ok(!rowOf(items, completedNoResearch.id), 'after the course, a follow-up is research contact');
  assert.ok(rowOf(items, activeNoResearch.id), 'in treatment, a follow-up is care');
  for (const e of [excluded, screening]) assert.ok(!rowOf(items, e.id), `enrolment ${e.id}`);
});

test('state=open holds only rows with a point due or overdue; state=all every schedule; ordered by the next due date', async () => {
  const upcoming = await course(startForFirstDue(40), 'active');
  const open = await list();
  const all = await list('caremanager.herning', '?state=all');
  assert.ok(!rowOf(open, upcoming.id), 'upcoming only: not open');
  assert.equal(rowOf(all, upcoming.id).next.state, 'upcoming');
  for (const r of open) assert.ok(r.points.some((p) => p.state === 'due' || p.state === 'overdue'), `enrolment ${r.enrolment_id}`);
  assert.deepEqual(open.map((r) => r.enrolment_id).sort(), all.filter((r) => r.points.some((p) => ['due', 'overdue'].includes(p.state))).map((r) => r.enrolment_id).sort());
  // The order: the next point's due date (the last point's when none is left), then enrolment id.
  const key = (r) => (r.next ?? r.points.at(-1)).due;
  for (let i = 1; i < all.length; i++) {
    const [a, b] = [all[i - 1], all[i]];
    assert.ok(key(a) < key(b) || (key(a) === key(b) && a.enrolment_id < b.enrolment_id), `row ${i - 1} before row ${i}`);
  }
  for (const v of ['due', 'OPEN', '']) assertProblem(await (await as('caremanager.herning')).get(`/api/v1/follow-ups?state=${v}`), 422, 'invalid', { parameter: 'state' });
});

test('paged with a real cursor: limit=1 walks the same rows in the same order', async () => {
  for (let i = 0; i < 3; i++) await course(startForFirstDue(-i), 'completed');
  const whole = (await list('caremanager.herning', '?state=all')).map((r) => r.enrolment_id);
  const paged = await walkList(await as('caremanager.herning'), '/api/v1/follow-ups?state=all', 1);
  assert.deepEqual(paged.items.map((r) => r.enrolment_id), whole);
  assert.ok(paged.sizes.length >= whole.length);
  for (const v of ['abc', '12', '2026-01-01', '2026-02-30.5', '2026-01-01.0', '2026-01-01.x'])
    assertProblem(await (await as('caremanager.herning')).get(`/api/v1/follow-ups?cursor=${encodeURIComponent(v)}`), 422, 'invalid', { parameter: 'cursor' });
  assertProblem(await (await as('caremanager.herning')).get('/api/v1/follow-ups?limit=0'), 422, 'invalid', { parameter: 'limit' });
});

test('only the teams the caller is on: another team\'s clinician does not see these rows', async () => {
  const e = await course(startForFirstDue(1), 'completed');
  assert.ok(rowOf(await list('therapist.herning'), e.id), 'the whole Herning team sees it');
  assert.ok(!rowOf(await list('therapist.randers', '?state=all'), e.id));
});

test('each citizen listed is audited as a read with purpose treatment', async () => {
  const e = await course(startForFirstDue(2), 'completed');
  const row = rowOf(await list('therapist.herning'), e.id);
  const log = (await walkList(await as('caremanager.herning'), `/api/v1/citizens/${row.citizen.id}/access-log`, 200)).items;
  const ev = log.find((x) => x.route === '/api/v1/follow-ups' && x.username === 'therapist.herning');
  assert.ok(ev);
  assert.deepEqual([ev.action, ev.purpose, ev.outcome], ['read', 'treatment', 'allowed']);
});
