// The employment caseload and IPS Grow's measures (issue 11, "Flags and caseloads" and "IPS Grow's
// measures, counted live"; docs/api-contract.md "Employment caseload", docs/employment-track.md).
// Expected values come from the rules in docs/employment-track.md and the dates this file sets:
// each flag is made to appear and not to appear by moving one stored date by one day.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, sql } from './server.mjs';
import { makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, walkList, activeEnrolment, todayDk, addDays, iso } from './client.mjs';

let server;
let midt;
let nord;
const clients = new Map();
const day = (n) => iso(addDays(todayDk(), n));
const EMPLOYMENT = '/api/v1/caseload?track=employment';

async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username));
  return clients.get(username);
}

/** The job consultant's row of enrolment id, read whole (limit 200). */
async function rowOf(id, query = '') {
  const res = await (await as('jobconsultant.herning')).get(`${EMPLOYMENT}&limit=200${query}`);
  assertOk(res, 200, 'EmploymentCaseload');
  return { row: res.body.items.find((r) => r.enrolment_id === id), body: res.body };
}

/** The enrolment became active `daysAgo` days ago (its recorded move to active). */
function activeSince(id, daysAgo) {
  sql(server.db, `UPDATE enrolment_status_change SET changed_at = '${day(-daysAgo)}T09:00:00Z' WHERE enrolment_id = ${id} AND to_status = 'active'`);
}

function userId(username) {
  return Number(sql(server.db, `SELECT id FROM app_user WHERE username = '${username}'`)[0].id);
}

let a; // enrolments registered by jobconsultant.herning
let b;

before(async () => {
  server = await startServer();
  const projects = (await walkList(await as('jobconsultant.herning'), '/api/v1/projects', 200)).items;
  midt = projects.find((p) => p.slug === 'ibbu-midt');
  nord = projects.find((p) => p.slug === 'ibbu-nord');
  const jc = await as('jobconsultant.herning');
  a = (await activeEnrolment(jc, midt)).enrolment;
  b = (await activeEnrolment(jc, midt)).enrolment;
});
after(async () => {
  await stopAndCheck(server);
});

test('who may: municipal roles; health roles and roles without citizens 403; 401 without sign-in', async () => {
  assertUnauthenticated(await makeClient(server.base).get(EMPLOYMENT));
  for (const u of ['caremanager.herning', 'therapist.herning', 'supervisor.herning', 'lead.ibbu-midt', 'researcher.ibbu-midt', 'admin'])
    assertProblem(await (await as(u)).get(EMPLOYMENT), 403, 'forbidden');
  for (const u of ['caseworker.herning', 'jobconsultant.herning']) assertOk(await (await as(u)).get(EMPLOYMENT), 200, 'EmploymentCaseload');
  // The treatment track stays as it was: health roles, and without sort.
  assertOk(await (await as('caremanager.herning')).get('/api/v1/caseload?track=treatment'), 200, 'Caseload');
  assertProblem(await (await as('jobconsultant.herning')).get('/api/v1/caseload'), 403, 'forbidden');
  assertProblem(await (await as('caremanager.herning')).get('/api/v1/caseload?sort=name'), 422, 'invalid', { parameter: 'sort' });
  const jc = await as('jobconsultant.herning');
  assertProblem(await jc.get('/api/v1/caseload?track=jobs'), 403, 'forbidden'); // another track is the treatment one's gate
  assertProblem(await (await as('caremanager.herning')).get('/api/v1/caseload?track=jobs'), 422, 'invalid', { parameter: 'track' });
  assertProblem(await jc.get(`${EMPLOYMENT}&sort=age`), 422, 'invalid', { parameter: 'sort', reason: 'one_of' });
  assertProblem(await jc.get(`${EMPLOYMENT}&scope=all`), 422, 'invalid', { parameter: 'scope' });
});

test('no_employer_contact shows from day 30 after the start, not on day 29; an employer contact clears it', async () => {
  activeSince(a.id, 29);
  let { row } = await rowOf(a.id);
  assert.equal(row.start, day(-29));
  assert.ok(!row.flags.includes('no_employer_contact'), JSON.stringify(row.flags));
  activeSince(a.id, 30);
  ({ row } = await rowOf(a.id));
  assert.ok(row.flags.includes('no_employer_contact'));
  assert.equal(row.last_employer_contact, null);
  assert.equal(row.days_since_employer_contact, null);
  // A contact for the young person, two days ago.
  const jc = await as('jobconsultant.herning');
  const employer = assertOk(await jc.post('/api/v1/employers', { name: 'Fiktiv Caseload ApS', municipality_code: '657' }), 201, 'Employer');
  assertOk(await jc.post(`/api/v1/employers/${employer.id}/contacts`, { date: day(-2), kind: 'phone', purpose: 'present_candidate', enrolment_id: a.id }), 201);
  ({ row } = await rowOf(a.id));
  assert.ok(!row.flags.includes('no_employer_contact'));
  assert.equal(row.last_employer_contact, day(-2));
  assert.equal(row.days_since_employer_contact, 2);
});

test('no_contact at 14 days, not at 13; task_overdue the day after the due date; episode flags', async () => {
  activeSince(b.id, 13);
  let { row } = await rowOf(b.id);
  assert.ok(!row.flags.includes('no_contact'));
  activeSince(b.id, 14);
  ({ row } = await rowOf(b.id));
  assert.ok(row.flags.includes('no_contact'));
  assert.equal(row.last_contact, null);
  const owner = userId('jobconsultant.herning');
  sql(server.db, `INSERT INTO task (enrolment_id, owner_id, text, due, created_by, created_at, version) VALUES (${b.id}, ${owner}, 'Ring til virksomheden', '${day(0)}', ${owner}, '${day(0)}T08:00:00Z', 1)`);
  ({ row } = await rowOf(b.id));
  assert.equal(row.next_task_due, day(0));
  assert.ok(!row.flags.includes('task_overdue'));
  sql(server.db, `UPDATE task SET due = '${day(-1)}' WHERE enrolment_id = ${b.id}`);
  ({ row } = await rowOf(b.id));
  assert.ok(row.flags.includes('task_overdue'));
  // Active for 40 days; a job started 27, then 28 days ago, still going on: no follow-along
  // contact since (none is stored).
  activeSince(b.id, 40);
  sql(server.db, `INSERT INTO episode (enrolment_id, kind, start_date, hours_per_week, created_at) VALUES (${b.id}, 'ordinary_job', '${day(-27)}', 20, '${day(0)}T08:00:00Z')`);
  ({ row } = await rowOf(b.id));
  assert.ok(!row.flags.includes('no_follow_along'));
  assert.deepEqual(row.current_episode, { kind: 'ordinary_job', since: day(-27), until: null });
  sql(server.db, `UPDATE episode SET start_date = '${day(-28)}' WHERE enrolment_id = ${b.id}`);
  ({ row } = await rowOf(b.id));
  assert.ok(row.flags.includes('no_follow_along'));
  // It ended yesterday, nothing next: episode_ended_no_next_step; ending today: not yet.
  sql(server.db, `UPDATE episode SET end_date = '${day(0)}' WHERE enrolment_id = ${b.id}`);
  ({ row } = await rowOf(b.id));
  assert.ok(!row.flags.includes('episode_ended_no_next_step'));
  sql(server.db, `UPDATE episode SET end_date = '${day(-1)}' WHERE enrolment_id = ${b.id}`);
  ({ row } = await rowOf(b.id));
  assert.ok(row.flags.includes('episode_ended_no_next_step'));
  assert.equal(row.current_episode, null);
});

test('sorted by each order, paged with a cursor, the team scope, audited as employment reads', async () => {
  const jc = await as('jobconsultant.herning');
  for (const sort of ['urgency', 'name', 'days_since_contact', 'days_since_employer_contact', 'next_task_due']) {
    const whole = assertOk(await jc.get(`${EMPLOYMENT}&sort=${sort}&limit=200`), 200, 'EmploymentCaseload').items;
    const paged = (await walkList(jc, `${EMPLOYMENT}&sort=${sort}`, 1)).items;
    assert.deepEqual(paged.map((r) => r.enrolment_id), whole.map((r) => r.enrolment_id), `sort=${sort}: the pages are the whole list`);
    assert.ok(whole.length >= 2);
    for (let i = 1; i < whole.length; i++) {
      const [x, y] = [whole[i - 1], whole[i]];
      if (sort === 'name') assert.ok(x.citizen_name.toLowerCase() <= y.citizen_name.toLowerCase(), 'by name');
      if (sort === 'days_since_employer_contact') assert.ok((x.days_since_employer_contact ?? Infinity) >= (y.days_since_employer_contact ?? Infinity), 'longest first');
      if (sort === 'next_task_due') assert.ok((x.next_task_due ?? '9999') <= (y.next_task_due ?? '9999'), 'earliest due first');
    }
  }
  // Urgency: b (no_follow_along … ) and a: no_employer_contact outranks everything — a has none now.
  const urgent = assertOk(await jc.get(`${EMPLOYMENT}&limit=200`), 200).items;
  assert.ok(urgent.findIndex((r) => r.enrolment_id === b.id) < urgent.findIndex((r) => r.enrolment_id === a.id));
  // A cursor of a row not on the list is refused.
  assertProblem(await jc.get(`${EMPLOYMENT}&cursor=999999999`), 422, 'invalid', { parameter: 'cursor' });
  // The caseworker of the same team: a's row in the team scope, not theirs; not in their own.
  const cw = await as('caseworker.herning');
  const team = (await walkList(cw, `${EMPLOYMENT}&scope=team`, 200)).items;
  assert.equal(team.find((r) => r.enrolment_id === a.id)?.mine, false);
  assert.ok(!(await walkList(cw, EMPLOYMENT, 200)).items.some((r) => r.enrolment_id === a.id));
  const events = sql(server.db, `SELECT purpose FROM audit_event WHERE citizen_id = ${a.citizen_id} AND route = '/api/v1/caseload' AND action = 'read'`);
  assert.ok(events.length > 0 && events.every((e) => e.purpose === 'employment_support'), JSON.stringify(events));
});

test('the project settings: PATCH with values out of range names the member; caseload_over_limit from the limit', async () => {
  const admin = await as('admin');
  const p = assertOk(await admin.get(`/api/v1/projects/${midt.id}`), 200, 'Project');
  assert.deepEqual(p.employment_settings, { no_employer_contact_days: 30, no_contact_days: 14, follow_along_days: 28, caseload_limit: 20 });
  const patch = (body, version = p.version) => admin.patch(`/api/v1/projects/${midt.id}`, body, { headers: { 'If-Match': `"${version}"` } });
  assertProblem(await patch({ employment_settings: { caseload_limit: 0 } }), 422, 'invalid', { field: '/employment_settings/caseload_limit', reason: 'out_of_range' });
  assertProblem(await patch({ employment_settings: { no_contact_days: 367 } }), 422, 'invalid', { field: '/employment_settings/no_contact_days', reason: 'out_of_range' });
  assertProblem(await patch({ employment_settings: { follow_along_days: '28' } }), 422, 'invalid', { field: '/employment_settings/follow_along_days', reason: 'wrong_type' });
  assertProblem(await patch({ employment_settings: { speed: 1 } }), 422, 'invalid', { field: '/employment_settings', reason: 'unknown_member' });
  assertProblem(await (await as('lead.ibbu-midt')).patch(`/api/v1/projects/${midt.id}`, { employment_settings: { caseload_limit: 1 } }, { headers: { 'If-Match': `"${p.version}"` } }), 403, 'forbidden');
  let { body } = await rowOf(a.id);
  const size = body.caseload_sizes.find((s) => s.project_id === midt.id);
  assert.ok(size.active >= 2);
  assert.equal(size.over_limit, size.active > 20);
  const limit = size.active - 1;
  const changed = assertOk(await patch({ employment_settings: { caseload_limit: limit } }), 200, 'Project');
  assert.deepEqual(changed.employment_settings, { no_employer_contact_days: 30, no_contact_days: 14, follow_along_days: 28, caseload_limit: limit });
  ({ body } = await rowOf(a.id));
  assert.deepEqual(body.caseload_flags, ['caseload_over_limit']);
  assert.equal(body.caseload_sizes.find((s) => s.project_id === midt.id).over_limit, true);
  assertOk(await patch({ employment_settings: { caseload_limit: size.active } }, changed.version), 200, 'Project');
  ({ body } = await rowOf(a.id));
  assert.deepEqual(body.caseload_flags, []);
});

test('IPS measures: the project lead and municipal staff of the project; counts; 403 for others', async () => {
  const path = `/api/v1/ips-measures?project=${midt.id}`;
  assertUnauthenticated(await makeClient(server.base).get(path));
  for (const u of ['caremanager.herning', 'researcher.ibbu-midt', 'admin']) assertProblem(await (await as(u)).get(path), 403, 'forbidden');
  assertProblem(await (await as('lead.ibbu-midt')).get(`/api/v1/ips-measures?project=${nord.id}`), 403, 'forbidden');
  assertProblem(await (await as('lead.ibbu-midt')).get('/api/v1/ips-measures'), 422, 'invalid', { parameter: 'project' });
  assertProblem(await (await as('lead.ibbu-midt')).get(`${path}&from=2026-02-30`), 422, 'invalid', { parameter: 'from' });
  const m = assertOk(await (await as('lead.ibbu-midt')).get(path), 200, 'IpsMeasures');
  assert.equal(m.project_id, midt.id);
  assert.equal(m.to, day(0));
  assert.ok(m.measures.people >= 2);
  const jcId = userId('jobconsultant.herning');
  const mine = assertOk(await (await as('jobconsultant.herning')).get(`${path}&consultant=${jcId}`), 200, 'IpsMeasures');
  // a and b: a has one employer contact (2 days ago, 30 days after its start); b's job of 20 hours
  // a week started 28 days ago, 12 days after its start: one job start.
  assert.equal(mine.consultant_id, jcId);
  assert.ok(mine.measures.people >= 2);
  assert.ok(mine.measures.job_starts >= 1);
  assert.ok(mine.measures.with_employer_contact >= 1);
  const load = m.caseloads.find((c) => c.user_id === jcId);
  assert.ok(load && load.active >= 2 && load.limit >= 1);
});
