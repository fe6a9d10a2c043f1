// GET /api/v1/enrolments/{id}/labour-weeks: one labour-market status per ISO week from the
// enrolment's episodes (docs/employment-track.md), who may read it (docs/security-model.md:
// municipal staff on the team; health staff only while employment_to_health is given), the query
// parameters' refusals, and the audit. The expected weeks are worked out by hand from the
// calendar: 2026-01-01 is a Thursday, so 2026-W01 is 2025-12-29 … 2026-01-04, W02 2026-01-05 … 11,
// W03 12 … 18, W04 19 … 25, W05 2026-01-26 … 02-01 (checked with GNU `date +%G-W%V-%u`).
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, sql } from './server.mjs';
import { signedIn, assertOk, assertProblem, createCitizen, walkList } from './client.mjs';

let server;
let midt;
let enrolmentId;
let citizenId;
const clients = new Map();

async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username));
  return clients.get(username);
}

const weeksOf = (id, query = '') => `/api/v1/enrolments/${id}/labour-weeks${query}`;

before(async () => {
  server = await startServer();
  const cw = await as('caseworker.herning');
  midt = (await walkList(cw, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  const citizen = await createCitizen(cw, { extra: { municipality_code: '657' } });
  const e = assertOk(await cw.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: citizen.id, referral_date: '2025-12-15', referral_source: 'Jobcenter (ugestatus)', target_group: midt.target_groups[0],
  }), 201, 'Enrolment');
  enrolmentId = e.id;
  citizenId = citizen.id;
  // No route records episodes yet: the rows a consultant would record, written as the store
  // writes them. A 20-hour job 2026-01-05 … 2026-01-18 (W02–W03) and an education of 25 hours
  // from Wednesday 2026-01-14 (W03) on, still going on.
  await sql(server.db, `INSERT INTO episode (enrolment_id, kind, start_date, end_date, hours_per_week, place, created_at)
    VALUES (${e.id}, 'ordinary_job', '2026-01-05', '2026-01-18', 20, NULL, '2026-01-05T08:00:00Z'),
           (${e.id}, 'education', '2026-01-14', NULL, 25, NULL, '2026-01-14T08:00:00Z')`);
});
after(async () => {
  await stopAndCheck(server);
});

test('one status per week: a job, then a job and an education in one week (education first), then the education alone', async () => {
  const cw = await as('caseworker.herning');
  const body = assertOk(await cw.get(weeksOf(enrolmentId, '?from=2026-W01&to=2026-W05')), 200, 'LabourWeeks');
  assert.equal(body.from, '2026-W01');
  assert.equal(body.to, '2026-W05');
  assert.deepEqual(body.weeks, [
    { week: '2026-W01', status: 'none', in_work_or_education: false, hours: {} },
    { week: '2026-W02', status: 'ordinary_work', in_work_or_education: true, hours: { ordinary_work: 20 } },
    { week: '2026-W03', status: 'education', in_work_or_education: true, hours: { ordinary_work: 20, education: 25 } },
    { week: '2026-W04', status: 'education', in_work_or_education: true, hours: { education: 25 } },
    { week: '2026-W05', status: 'education', in_work_or_education: true, hours: { education: 25 } },
  ]);
  // Across the turn of the year: 2026 has a week 53 (1 January 2026 is a Thursday), and
  // 2027-01-01 … 03 still belong to it.
  const turn = assertOk(await cw.get(weeksOf(enrolmentId, '?from=2026-W52&to=2027-W01')), 200, 'LabourWeeks');
  assert.deepEqual(turn.weeks.map((w) => `${w.week} ${w.status}`), ['2026-W52 education', '2026-W53 education', '2027-W01 education']);
});

test('without from: the referral week (2025-W51, as 2025-12-15 is a Monday of week 51); without to: this week', async () => {
  const cw = await as('caseworker.herning');
  const body = assertOk(await cw.get(weeksOf(enrolmentId, '?to=2026-W02')), 200, 'LabourWeeks');
  assert.equal(body.from, '2025-W51');
  assert.deepEqual(body.weeks.map((w) => w.week), ['2025-W51', '2025-W52', '2026-W01', '2026-W02']);
  const open = assertOk(await cw.get(weeksOf(enrolmentId)), 200, 'LabourWeeks');
  assert.equal(open.from, '2025-W51');
  assert.equal(open.weeks.at(-1).week, open.to);
  assert.equal(open.weeks.at(-1).status, 'education', 'the education is still going on this week');
});

test('a week in another shape, one the year does not have, a range backwards or too long: 422 naming the parameter', async () => {
  const cw = await as('caseworker.herning');
  for (const v of ['2026-W5', '2026-w05', '2026W05', '2026-05', '2026-W05-1', ''])
    assertProblem(await cw.get(weeksOf(enrolmentId, `?from=${encodeURIComponent(v)}`)), 422, 'invalid', { parameter: 'from', reason: 'week_format' });
  assertProblem(await cw.get(weeksOf(enrolmentId, '?to=2025-W53')), 422, 'invalid', { parameter: 'to', reason: 'out_of_range' });
  assertProblem(await cw.get(weeksOf(enrolmentId, '?from=2026-W10&to=2026-W09')), 422, 'invalid', { parameter: 'to', reason: 'not_increasing' });
  // 1,100 weeks at most in one answer (docs/employment-track.md): 2000-W01 … 2030-W01 is 1,566.
  assertProblem(await cw.get(weeksOf(enrolmentId, '?from=2000-W01&to=2030-W01')), 422, 'invalid', { parameter: 'to', reason: 'count_out_of_range' });
});

test('municipal staff on the team read it; health staff only while employment_to_health is given; other teams 403/404', async () => {
  const week = '?from=2026-W02&to=2026-W02';
  assertOk(await (await as('jobconsultant.herning')).get(weeksOf(enrolmentId, week)), 200, 'LabourWeeks');
  const cm = await as('caremanager.herning');
  assertProblem(await cm.get(weeksOf(enrolmentId, week)), 403, 'forbidden');
  const cw = await as('caseworker.herning');
  const consent = (given, date) => cw.post(`/api/v1/enrolments/${enrolmentId}/consents`, { scope: 'employment_to_health', given, date });
  assertOk(await consent(true, '2026-01-20'), 201, 'Consent');
  assert.equal(assertOk(await cm.get(weeksOf(enrolmentId, week)), 200, 'LabourWeeks').weeks[0].status, 'ordinary_work');
  assertOk(await consent(false, '2026-01-21'), 201, 'Consent');
  assertProblem(await cm.get(weeksOf(enrolmentId, week)), 403, 'forbidden');
  // Another municipality's caseworker: the citizen is not theirs to know.
  assertProblem(await (await as('caseworker.randers')).get(weeksOf(enrolmentId, week)), 404, 'not_found');
  assertProblem(await cw.get(weeksOf(999999, week)), 404, 'not_found');
});

test('every answer, refusals included, is a read of the citizen in the audit log, purpose employment', async () => {
  const before = (await sql(server.db, `SELECT COUNT(*) AS n FROM audit_event WHERE citizen_id = ${citizenId} AND route = '/api/v1/enrolments/{id}/labour-weeks'`))[0].n;
  assertOk(await (await as('caseworker.herning')).get(weeksOf(enrolmentId, '?from=2026-W02&to=2026-W03')), 200, 'LabourWeeks');
  assertProblem(await (await as('therapist.herning')).get(weeksOf(enrolmentId, '?from=2026-W02&to=2026-W03')), 403, 'forbidden');
  const rows = await sql(server.db, `SELECT username, action, purpose, outcome FROM audit_event WHERE citizen_id = ${citizenId} AND route = '/api/v1/enrolments/{id}/labour-weeks' ORDER BY seq`);
  assert.equal(rows.length, Number(before) + 2);
  assert.deepEqual(rows.slice(-2).map((r) => [r.username, r.action, r.purpose, r.outcome]),
    [['caseworker.herning', 'read', 'employment', 'allowed'], ['therapist.herning', 'read', 'employment', 'forbidden']]);
});
