// Field errors a person can read, and dates that are valid but absurd (issue 9, items 15 and 7).
// Every `invalid` problem carries a `reason` from the server's one table (src/base/err.c, read by
// client.mjs) with exactly the parameters its row declares; assertProblem checks that on every
// problem of every API test. Here: a sample of invalid requests across the routes, each with
// the specific reason and parameters docs/api-contract.md ("Reasons") gives it, and the date
// bounds of docs/api-contract.md ("Date bounds") for every date field, each refusal writing
// nothing. Expected values come from the contract and from calendar arithmetic done here, not
// from the server's answers.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck } from './server.mjs';
import { signedIn, assertOk, assertProblem, createCitizen, walkList, todayDk, addDays, iso } from './client.mjs';

let server;
let midt;
const clients = new Map();

async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username));
  return clients.get(username);
}

before(async () => {
  server = await startServer();
  midt = (await walkList(await as('caremanager.herning'), '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  assert.ok(midt, 'the ibbu-midt project');
});
after(async () => {
  await stopAndCheck(server);
});

// --- Dates ----------------------------------------------------------------------------------------

const today = () => iso(todayDk());
const daysFrom = (date, days) => {
  const [year, month, day] = date.split('-').map(Number);
  return iso(addDays({ year, month, day }, days));
};
/** `years` whole years after `date`; 29 February becomes 28 February in a common year. */
function yearsAfter(date, years) {
  const [y, m, d] = date.split('-').map(Number);
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return iso({ year, month: m, day: m === 2 && d === 29 && !leap ? 28 : d });
}
// docs/api-contract.md "Date bounds": treatment plans up to 24 months ahead, projects 10 years.
const lastPlanned = () => yearsAfter(today(), 2);
const lastProjectDate = () => yearsAfter(today(), 10);

const BIRTH = { year: 2004, month: 5, day: 20 };
const BIRTH_DATE = '2004-05-20';

/** A citizen born 2004-05-20, referred to ibbu-midt 60 days ago (or on its first day, if later). */
async function enrolment() {
  const api = await as('caremanager.herning');
  const citizen = await createCitizen(api, { birth: BIRTH, extra: { municipality_code: '657' } });
  const referral = daysFrom(today(), -60) > midt.period_start ? daysFrom(today(), -60) : midt.period_start;
  let e = assertOk(await api.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: citizen.id, referral_date: referral, referral_source: 'Jobcenter (årsagstest)',
    target_group: midt.target_groups[0],
  }), 201, 'Enrolment');
  for (const s of ['screening', 'active'])
    e = assertOk(await api.patch(`/api/v1/enrolments/${e.id}`, { status: s }, { headers: { 'If-Match': `"${e.version}"` } }), 200, 'Enrolment');
  return { id: e.id, version: e.version, referral, citizen };
}

const base = (id) => `/api/v1/enrolments/${id}`;

/** The refusal: 422 invalid at `field` with `reason` and exactly `params`; the person's dates never in it. */
function refused(res, field, reason, params = {}) {
  assertProblem(res, 422, 'invalid', { field, reason });
  for (const [k, v] of Object.entries(params)) assert.deepEqual(res.body[k], v, `${field} ${reason}: ${k}`);
  assert.ok(!res.text.includes(BIRTH_DATE), `the birth date is in the problem: ${res.text}`);
}

async function countOf(id, resource, user = 'caremanager.herning') {
  const res = await (await as(user)).get(`${base(id)}/${resource}`);
  const body = assertOk(res, 200);
  return resource === 'eligibility' ? body.decisions.length : body.items.length;
}

const PHQ9_ZERO = Array(9).fill(0);

// --- Reasons ---------------------------------------------------------------------------------------

test('a sample of invalid requests across the routes: each names its reason and what is allowed', async () => {
  const cm = await as('caremanager.herning');
  const admin = await as('admin');
  const e = await enrolment();
  const session = { date: today(), kind: 'individual', duration_min: 45, note: 'Samtale.' };
  const rows = [
    // [what, client, method, path, body, headers, field or {parameter}, reason, params]
    ['session of 0 minutes', cm, 'POST', `${base(e.id)}/sessions`, { ...session, duration_min: 0 }, {}, '/duration_min', 'out_of_range', { min: 1, max: 600 }],
    ['session of 601 minutes', cm, 'POST', `${base(e.id)}/sessions`, { ...session, duration_min: 601 }, {}, '/duration_min', 'out_of_range', { min: 1, max: 600 }],
    ['minutes as text', cm, 'POST', `${base(e.id)}/sessions`, { ...session, duration_min: '45' }, {}, '/duration_min', 'wrong_type', { expected: 'integer' }],
    ['no minutes', cm, 'POST', `${base(e.id)}/sessions`, { ...session, duration_min: undefined }, {}, '/duration_min', 'required', {}],
    ['unknown kind', cm, 'POST', `${base(e.id)}/sessions`, { ...session, kind: 'sofa' }, {}, '/kind', 'one_of',
      { allowed: ['individual', 'group', 'phone', 'video', 'walk_and_talk'] }],
    ['a note of 10 001 characters', cm, 'POST', `${base(e.id)}/sessions`, { ...session, note: 'x'.repeat(10001) }, {}, '/note', 'length_out_of_range', { min: 0, max: 10000 }],
    ['a control character', cm, 'POST', `${base(e.id)}/sessions`, { ...session, note: 'a\u0007b' }, {}, '/note', 'control_characters', {}],
    ['an unknown member', cm, 'POST', `${base(e.id)}/sessions`, { ...session, mood: 'ok' }, {}, null, 'unknown_member', {}],
    ['a date in another format', cm, 'POST', `${base(e.id)}/sessions`, { ...session, date: '05-12-2026' }, {}, '/date', 'date_format', {}],
    ['a day not in the calendar', cm, 'POST', `${base(e.id)}/sessions`, { ...session, date: '2026-02-30' }, {}, '/date', 'date_not_in_calendar', {}],
    ['the year 1799', cm, 'POST', `${base(e.id)}/sessions`, { ...session, date: '1799-12-31' }, {}, '/date', 'year_out_of_range', { min: 1800, max: 9999 }],
    ['an unknown questionnaire', cm, 'POST', `${base(e.id)}/assessments`, { instrument: 'phq99', date: today(), items: PHQ9_ZERO }, {}, '/instrument', 'one_of',
      { allowed: ['phq9', 'gad7', 'who5', 'pss10', 'mdi', 'wsas'] }],
    ['an answer of 4 on PHQ-9', cm, 'POST', `${base(e.id)}/assessments`, { instrument: 'phq9', date: today(), items: [4, 0, 0, 0, 0, 0, 0, 0, 0] }, {}, '/items/0', 'out_of_range', { min: 0, max: 3 }],
    ['an unanswered PHQ-9 item', cm, 'POST', `${base(e.id)}/assessments`, { instrument: 'phq9', date: today(), items: [0, 0, null, 0, 0, 0, 0, 0, 0] }, {}, '/items/2', 'answer_missing', { min: 0, max: 3 }],
    // PHQ-9 has 9 items and the difficulty question: an eleventh answer is too many.
    ['eleven PHQ-9 answers', cm, 'POST', `${base(e.id)}/assessments`, { instrument: 'phq9', date: today(), items: Array(11).fill(0) }, {}, '/items/10', 'too_many_answers', { max: 10 }],
    ['a reason without a correction', cm, 'POST', `${base(e.id)}/assessments`, { instrument: 'phq9', date: today(), items: PHQ9_ZERO, reason: 'x' }, {}, '/reason', 'only_with_correction', {}],
    ['an unknown occasion', cm, 'POST', `${base(e.id)}/assessments`, { instrument: 'phq9', date: today(), items: PHQ9_ZERO, occasion: 'later' }, {}, '/occasion', 'one_of',
      { allowed: ['screening', 'treatment', 'followup'] }],
    ['an unknown modality', cm, 'PUT', `${base(e.id)}/treatment-plan`, { start_date: today(), focus: 'f', modality: 'yoga', target: 't' }, {}, '/modality', 'one_of',
      { allowed: ['cbt', 'problem_solving', 'psychoeducation', 'behavioural_activation', 'other'] }],
    ['a consent of an unknown scope', cm, 'POST', `${base(e.id)}/consents`, { scope: 'all', given: true, date: today() }, {}, '/scope', 'one_of',
      { allowed: ['health_summary_to_municipality', 'employment_to_health', 'research_use'] }],
    ['given as a string', cm, 'POST', `${base(e.id)}/consents`, { scope: 'research_use', given: 'yes', date: today() }, {}, '/given', 'wrong_type', { expected: 'boolean' }],
    ['an empty PATCH', cm, 'PATCH', base(e.id), {}, { 'If-Match': `"${e.version}"` }, '', 'nothing_to_change', {}],
    // active → referred is not a move; from active the enrolment can go to aftercare, completed,
    // withdrawn or excluded (docs/api-contract.md, enrolment statuses).
    ['active back to referred', cm, 'PATCH', base(e.id), { status: 'referred' }, { 'If-Match': `"${e.version}"` }, '/status', 'status_move',
      { allowed: ['aftercare', 'completed', 'withdrawn', 'excluded'] }],
    ['a referral source with a tab', cm, 'POST', '/api/v1/enrolments', { project_id: midt.id, citizen_id: e.citizen.id, referral_date: today(), referral_source: 'a\tb', target_group: midt.target_groups[0] }, {}, '/referral_source', 'not_one_line', {}],
    ['a blank referral source', cm, 'POST', '/api/v1/enrolments', { project_id: midt.id, citizen_id: e.citizen.id, referral_date: today(), referral_source: '   ', target_group: midt.target_groups[0] }, {}, '/referral_source', 'blank', {}],
    ['project 0', cm, 'POST', '/api/v1/enrolments', { project_id: 0, citizen_id: e.citizen.id, referral_date: today(), referral_source: 'x', target_group: 'x' }, {}, '/project_id', 'below_minimum', { min: 1 }],
    ['a project that does not exist', cm, 'POST', '/api/v1/enrolments', { project_id: 999999, citizen_id: e.citizen.id, referral_date: today(), referral_source: 'x', target_group: 'x' }, {}, '/project_id', 'no_such_record', {}],
    ['a target group the project lacks', cm, 'POST', '/api/v1/enrolments', { project_id: midt.id, citizen_id: e.citizen.id, referral_date: today(), referral_source: 'x', target_group: 'nope' }, {}, '/target_group', 'one_of',
      { allowed: midt.target_groups }],
    ['an identifier of 9 digits', cm, 'POST', '/api/v1/citizens', { identifier_type: 'cpr', identifier: '123456789', name: 'Testperson Fiktiv' }, {}, '/identifier', 'cpr_format', {}],
    ['an unknown identifier type', cm, 'POST', '/api/v1/citizens', { identifier_type: 'passport', identifier: '1234567890', name: 'Testperson Fiktiv' }, {}, '/identifier_type', 'one_of',
      { allowed: ['cpr', 'erstatning', 'ecpr'] }],
    ['limit 0', cm, 'GET', '/api/v1/projects?limit=0', undefined, {}, { parameter: 'limit' }, 'out_of_range', { min: 1, max: 200 }],
    ['a cursor of letters', cm, 'GET', '/api/v1/projects?cursor=abc', undefined, {}, { parameter: 'cursor' }, 'cursor_invalid', {}],
    ['an unknown organisation kind', cm, 'GET', '/api/v1/organisations?kind=county', undefined, {}, { parameter: 'kind' }, 'one_of', { allowed: ['region', 'municipality'] }],
    ['a questionnaire language', cm, 'GET', '/api/v1/instruments/phq9?lang=de', undefined, {}, { parameter: 'lang' }, 'one_of', { allowed: ['da', 'en'] }],
    ['an Idempotency-Key of 201 characters', cm, 'POST', `${base(e.id)}/sessions`, session, { 'Idempotency-Key': 'k'.repeat(201) }, { parameter: 'Idempotency-Key' }, 'idempotency_key_format', { min: 1, max: 200 }],
    ['no roles', admin, 'POST', '/api/v1/users', { username: 'aarsag.test', display_name: 'Årsag Test', organisation_code: '657', roles: [], password: 'langt-og-sikkert-kodeord' }, {}, '/roles', 'count_out_of_range', { min: 1, max: 9 }],
    ['a password of 5 characters', admin, 'POST', '/api/v1/users', { username: 'aarsag.test', display_name: 'Årsag Test', organisation_code: '657', roles: ['caseworker'], password: 'abcde' }, {}, '/password', 'password_too_short', {}],
    ['a username with capitals', admin, 'POST', '/api/v1/users', { username: 'Aarsag', display_name: 'Årsag Test', organisation_code: '657', roles: ['caseworker'], password: 'langt-og-sikkert-kodeord' }, {}, '/username', 'username_format', {}],
    ['age_max below age_min', admin, 'POST', '/api/v1/projects', { slug: 'aarsag-x', name: 'x', description: '', period_start: '2025-01-01', period_end: '2026-12-31', target_count: 10, age_min: 25, age_max: 20, municipalities: ['657'], target_groups: midt.target_groups, instruments: [], followup_months: [], randomised: false }, {}, '/age_max', 'below_minimum', { min: 25 }],
    ['follow-up months not increasing', admin, 'POST', '/api/v1/projects', { slug: 'aarsag-y', name: 'x', description: '', period_start: '2025-01-01', period_end: '2026-12-31', target_count: 10, age_min: 18, age_max: 30, municipalities: ['657'], target_groups: midt.target_groups, instruments: [], followup_months: [6, 3], randomised: false }, {}, '/followup_months/1', 'not_increasing', {}],
  ];
  const sessionsBefore = await countOf(e.id, 'sessions');
  for (const [what, client, method, path, body, headers, where, reason, params] of rows) {
    const res = await client.request(method, path, { json: body, headers });
    const at = typeof where === 'string' ? { field: where === '' ? undefined : where } : where;
    assertProblem(res, 422, 'invalid', { ...at, reason });
    assert.notEqual(res.body.reason, 'invalid', `${what}: a check of its own gives a reason of its own`);
    for (const [k, v] of Object.entries(params)) assert.deepEqual(res.body[k], v, `${what}: ${k}`);
  }
  assert.equal(await countOf(e.id, 'sessions'), sessionsBefore, 'no refused session was written');
});

// Checks added after the table of reasons first gave the generic `invalid`; each now names its
// own (docs/api-contract.md, "Reasons"), so the UI can say what is wrong and what is allowed.
test('later checks name their reason too: endings, reopening, assignments, projects, teams, lists', async () => {
  const cm = await as('caremanager.herning');
  const admin = await as('admin');
  const sup = await as('supervisor.herning');
  const e = await enrolment();
  const ifMatch = (version) => ({ 'If-Match': `"${version}"` });
  // An ended enrolment to reopen: completed with a reason of its own.
  const ended = await enrolment();
  const done = assertOk(await cm.patch(base(ended.id), { status: 'completed', status_reason: 'goal_reached' }, { headers: ifMatch(ended.version) }), 200, 'Enrolment');
  const project = assertOk(await admin.get(`/api/v1/projects/${midt.id}`), 200, 'Project');
  const unreferred = await createCitizen(cm, { birth: BIRTH, extra: { municipality_code: '657' } });
  const rows = [
    // [what, client, method, path, body, headers, field or {parameter}, reason, params]
    // Ending reasons per final status and reopening reasons: docs/api-contract.md, enrolment statuses.
    ['a reason on a move that does not end', cm, 'PATCH', base(e.id), { status: 'aftercare', status_reason: 'planned_end' }, ifMatch(e.version), '/status_reason', 'only_when_ending', {}],
    ['a note on a move that does not end', cm, 'PATCH', base(e.id), { status: 'aftercare', status_note: 'x' }, ifMatch(e.version), '/status_note', 'only_when_ending', {}],
    ['an ending without a reason', cm, 'PATCH', base(e.id), { status: 'completed' }, ifMatch(e.version), '/status_reason', 'required', {}],
    ['a reason of withdrawn for completed', cm, 'PATCH', base(e.id), { status: 'completed', status_reason: 'moved' }, ifMatch(e.version), '/status_reason', 'one_of',
      { allowed: ['goal_reached', 'planned_end', 'work_or_education', 'other'] }],
    ['"other" without a note', cm, 'PATCH', base(e.id), { status: 'withdrawn', status_reason: 'other' }, ifMatch(e.version), '/status_note', 'note_required_for_other', {}],
    ['an unknown reason for reopening', sup, 'POST', `${base(ended.id)}/reopen`, { reason: 'moved' }, ifMatch(done.version), '/reason', 'one_of',
      { allowed: ['ended_by_mistake', 'wrong_status', 'other'] }],
    ['reopening for "other" without a note', sup, 'POST', `${base(ended.id)}/reopen`, { reason: 'other' }, ifMatch(done.version), '/note', 'note_required_for_other', {}],
    // Assignments: null or the id of someone on the enrolment's team with the role.
    ['assignments as a number', cm, 'POST', '/api/v1/enrolments', { project_id: midt.id, citizen_id: unreferred.id, referral_date: today(), referral_source: 'x', target_group: midt.target_groups[0], assignments: 5 }, {}, '/assignments', 'wrong_type',
      { expected: 'object' }],
    ['no role to change', cm, 'PATCH', `${base(e.id)}/assignments`, {}, ifMatch(e.version), '', 'nothing_to_change', {}],
    ['a role given a text', cm, 'PATCH', `${base(e.id)}/assignments`, { therapist: 'Behandler' }, ifMatch(e.version), '/therapist', 'not_an_id', {}],
    ['a role given someone off the team', cm, 'PATCH', `${base(e.id)}/assignments`, { therapist: 999999 }, ifMatch(e.version), '/therapist', 'not_on_team_with_role', {}],
    // Projects and teams (admin); IBBU Midt has a team in each of 657, 706, 730 and 779.
    ['a new slug', admin, 'PATCH', `/api/v1/projects/${midt.id}`, { slug: 'ibbu-ny' }, ifMatch(project.version), '/slug', 'not_changeable', {}],
    ['randomised changed', admin, 'PATCH', `/api/v1/projects/${midt.id}`, { randomised: !project.randomised }, ifMatch(project.version), '/randomised', 'not_changeable', {}],
    ['an empty project PATCH', admin, 'PATCH', `/api/v1/projects/${midt.id}`, {}, ifMatch(project.version), '', 'nothing_to_change', {}],
    ['a municipality with a team left out', admin, 'PATCH', `/api/v1/projects/${midt.id}`, { municipalities: ['657', '706', '779'] }, ifMatch(project.version), '/municipalities', 'municipality_has_team', {}],
    ['a team in Odense for a project in Midtjylland', admin, 'POST', '/api/v1/teams', { project_id: midt.id, municipality_code: '461', name: 'Årsagsteam' }, {}, '/municipality_code', 'municipality_not_in_project', {}],
    // Lists: a cursor whose row has left the caseload, a follow-up cursor of another shape, a
    // parameter the list does not take, one given twice.
    ['a caseload cursor naming no row', cm, 'GET', '/api/v1/caseload?cursor=999999999', undefined, {}, { parameter: 'cursor' }, 'cursor_invalid', {}],
    ['a follow-up cursor of letters', cm, 'GET', '/api/v1/follow-ups?cursor=abc', undefined, {}, { parameter: 'cursor' }, 'cursor_invalid', {}],
    ['a sort parameter', cm, 'GET', '/api/v1/projects?sort=name', undefined, {}, { parameter: 'sort' }, 'unknown_member', {}],
    ['limit twice', cm, 'GET', '/api/v1/projects?limit=5&limit=6', undefined, {}, { parameter: 'limit' }, 'repeated', {}],
  ];
  for (const [what, client, method, path, body, headers, where, reason, params] of rows) {
    const res = await client.request(method, path, { json: body, headers });
    const at = typeof where === 'string' ? { field: where === '' ? undefined : where } : where;
    assertProblem(res, 422, 'invalid', { ...at, reason });
    if (typeof where === 'string' && where === '') assert.ok(!res.body.field, `${what}: field ${res.body.field}`);
    for (const [k, v] of Object.entries(params)) assert.deepEqual(res.body[k], v, `${what}: ${k}`);
  }
  assert.deepEqual(assertOk(await admin.get(`/api/v1/projects/${midt.id}`), 200, 'Project'), project, 'no refused project PATCH was written');
  assert.equal(assertOk(await cm.get(base(e.id)), 200, 'Enrolment').version, e.version, 'no refused enrolment change was written');
  assert.equal(assertOk(await cm.get(base(ended.id)), 200, 'Enrolment').status, 'completed', 'no refused reopening was written');
  assert.deepEqual(assertOk(await cm.get(`/api/v1/citizens/${unreferred.id}`), 200, 'Citizen').enrolments, [], 'no refused referral was written');
});

test('a password of 5 characters says the least the policy allows', async () => {
  const res = await (await as('admin')).post('/api/v1/users', {
    username: 'aarsag.kort', display_name: 'Årsag Kort', organisation_code: '657', roles: ['caseworker'], password: 'abcde',
  });
  assertProblem(res, 422, 'invalid', { field: '/password', reason: 'password_too_short' });
  assert.ok(Number.isInteger(res.body.min) && res.body.min > 5, `min ${res.body.min}`);
});

test('conflicts and refusals that name a member carry a reason too', async () => {
  const cm = await as('caremanager.herning');
  const e = await enrolment();
  const again = await cm.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: e.citizen.id, referral_date: today(), referral_source: 'x', target_group: midt.target_groups[0],
  });
  assertProblem(again, 409, 'conflict', { field: '/citizen_id', reason: 'already_enrolled' });
  const admin = await as('admin');
  const taken = await admin.post('/api/v1/users', {
    username: 'admin', display_name: 'Igen', organisation_code: '657', roles: ['caseworker'], password: 'langt-og-sikkert-kodeord',
  });
  assertProblem(taken, 409, 'conflict', { field: '/username', reason: 'taken' });
});

// --- Date bounds ------------------------------------------------------------------------------------

test('sessions: /date not before birth or the referral, not in the future; nothing written', async () => {
  const api = await as('caremanager.herning');
  const e = await enrolment();
  const body = (date) => ({ date, kind: 'individual', duration_min: 45, note: 'Samtale.' });
  const before = await countOf(e.id, 'sessions');
  refused(await api.post(`${base(e.id)}/sessions`, body('1800-01-01')), '/date', 'date_before_birth');
  refused(await api.post(`${base(e.id)}/sessions`, body(daysFrom(e.referral, -1))), '/date', 'date_before_referral');
  refused(await api.post(`${base(e.id)}/sessions`, body(daysFrom(today(), 1))), '/date', 'date_in_future', { latest: today() });
  assert.equal(await countOf(e.id, 'sessions'), before);
  assertOk(await api.post(`${base(e.id)}/sessions`, body(e.referral)), 201, 'TreatmentSession');
  assertOk(await api.post(`${base(e.id)}/sessions`, body(today())), 201, 'TreatmentSession');
});

test('assessments: a PHQ-9 dated 1800-01-01 is refused and never becomes the baseline', async () => {
  const api = await as('caremanager.herning');
  const e = await enrolment();
  const body = (date) => ({ instrument: 'phq9', date, items: [2, 2, 2, 2, 2, 2, 2, 2, 0], occasion: 'screening' });
  refused(await api.post(`${base(e.id)}/assessments`, body('1800-01-01')), '/date', 'date_before_birth');
  refused(await api.post(`${base(e.id)}/assessments`, body(daysFrom(e.referral, -1))), '/date', 'date_before_referral');
  refused(await api.post(`${base(e.id)}/assessments`, body('9999-12-31')), '/date', 'date_in_future', { latest: today() });
  const list = assertOk(await api.get(`${base(e.id)}/assessments`), 200, 'AssessmentList');
  assert.deepEqual(list.items, []);
  assert.deepEqual(list.baseline, {});
  assertOk(await api.post(`${base(e.id)}/assessments`, body(e.referral)), 201, 'Assessment');
});

test('consents: /date not before birth, not in the future; before the referral is allowed', async () => {
  const api = await as('caremanager.herning');
  const e = await enrolment();
  const body = (date) => ({ scope: 'research_use', given: true, date });
  const before = await countOf(e.id, 'consents');
  refused(await api.post(`${base(e.id)}/consents`, body('1800-01-01')), '/date', 'date_before_birth');
  refused(await api.post(`${base(e.id)}/consents`, body(daysFrom(BIRTH_DATE, -1))), '/date', 'date_before_birth');
  refused(await api.post(`${base(e.id)}/consents`, body(daysFrom(today(), 1))), '/date', 'date_in_future', { latest: today() });
  assert.equal(await countOf(e.id, 'consents'), before);
  // Given at the meeting that led to the referral: the person's own act, bounded by their birth only.
  assertOk(await api.post(`${base(e.id)}/consents`, body(daysFrom(e.referral, -3))), 201, 'Consent');
});

test('eligibility decisions: /date not before birth or the referral, not in the future', async () => {
  const api = await as('caremanager.herning');
  const e = await enrolment();
  const body = (date) => ({ decision: 'eligible', why: 'Opfylder kriterierne.', date });
  const before = await countOf(e.id, 'eligibility');
  refused(await api.post(`${base(e.id)}/eligibility`, body('1800-01-01')), '/date', 'date_before_birth');
  refused(await api.post(`${base(e.id)}/eligibility`, body(daysFrom(e.referral, -1))), '/date', 'date_before_referral');
  refused(await api.post(`${base(e.id)}/eligibility`, body(daysFrom(today(), 1))), '/date', 'date_in_future', { latest: today() });
  assert.equal(await countOf(e.id, 'eligibility'), before);
  assertOk(await api.post(`${base(e.id)}/eligibility`, body(e.referral)), 201);
});

test('case reviews: /date not before birth or the referral, not in the future; a task due at most 24 months ahead', async () => {
  const api = await as('supervisor.herning');
  const e = await enrolment();
  const team = assertOk(await api.get(`${base(e.id)}/team`), 200).items;
  const owner = team.find((p) => p.roles.includes('care_manager')) ?? team[0];
  const body = (date, task) => ({ date, recommendation: 'Fortsæt behandlingen.', ...(task ? { task } : {}) });
  const before = await countOf(e.id, 'case-reviews', 'supervisor.herning');
  refused(await api.post(`${base(e.id)}/case-reviews`, body('1800-01-01')), '/date', 'date_before_birth');
  refused(await api.post(`${base(e.id)}/case-reviews`, body(daysFrom(e.referral, -1))), '/date', 'date_before_referral');
  refused(await api.post(`${base(e.id)}/case-reviews`, body(daysFrom(today(), 1))), '/date', 'date_in_future', { latest: today() });
  const task = (due) => ({ owner_id: owner.id, text: 'Ring til den unge.', due });
  refused(await api.post(`${base(e.id)}/case-reviews`, body(today(), task('9999-12-31'))), '/task/due', 'date_too_far_ahead', { latest: lastPlanned() });
  refused(await api.post(`${base(e.id)}/case-reviews`, body(today(), task(daysFrom(e.referral, -1)))), '/task/due', 'date_before_referral');
  assert.equal(await countOf(e.id, 'case-reviews', 'supervisor.herning'), before);
  assertOk(await api.post(`${base(e.id)}/case-reviews`, body(today(), task(lastPlanned()))), 201, 'CaseReview');
});

test('safety follow-ups: /date not before birth or the referral, not in the future', async () => {
  const api = await as('caremanager.herning');
  const e = await enrolment();
  const body = (date) => ({ date, action: 'risk_assessed', note: 'Vurderet.' });
  const before = await countOf(e.id, 'safety-followups');
  refused(await api.post(`${base(e.id)}/safety-followups`, body('1800-01-01')), '/date', 'date_before_birth');
  refused(await api.post(`${base(e.id)}/safety-followups`, body(daysFrom(e.referral, -1))), '/date', 'date_before_referral');
  refused(await api.post(`${base(e.id)}/safety-followups`, body(daysFrom(today(), 1))), '/date', 'date_in_future', { latest: today() });
  assert.equal(await countOf(e.id, 'safety-followups'), before);
  assertOk(await api.post(`${base(e.id)}/safety-followups`, body(today())), 201, 'SafetyFollowup');
});

test('treatment plan: start_date not before birth or the referral, at most 24 months ahead; aftercare_from after the start and at most 24 months ahead', async () => {
  const api = await as('caremanager.herning');
  const e = await enrolment();
  const body = (start_date, aftercare_from) => ({
    start_date, focus: 'Depression.', modality: 'cbt', target: 'PHQ-9 under 10.', ...(aftercare_from ? { aftercare_from } : {}),
  });
  const put = (b) => api.request('PUT', `${base(e.id)}/treatment-plan`, { json: b });
  refused(await put(body('1800-01-01')), '/start_date', 'date_before_birth');
  refused(await put(body(daysFrom(e.referral, -1))), '/start_date', 'date_before_referral');
  refused(await put(body('9999-12-31')), '/start_date', 'date_too_far_ahead', { latest: lastPlanned() });
  refused(await put(body(daysFrom(lastPlanned(), 1))), '/start_date', 'date_too_far_ahead', { latest: lastPlanned() });
  refused(await put(body(today(), '9999-12-31')), '/aftercare_from', 'date_too_far_ahead', { latest: lastPlanned() });
  refused(await put(body(today(), daysFrom(today(), -1))), '/aftercare_from', 'date_before_start', { earliest: today() });
  assert.equal((await api.get(`${base(e.id)}/treatment-plan`)).status, 404, 'no plan was written');
  assertOk(await put(body(e.referral, lastPlanned())), 201, 'TreatmentPlan');
});

test('enrolments: referral_date not before birth or the project start, not in the future', async () => {
  const api = await as('caremanager.herning');
  const citizen = await createCitizen(api, { birth: BIRTH, extra: { municipality_code: '657' } });
  const body = (referral_date) => ({
    project_id: midt.id, citizen_id: citizen.id, referral_date, referral_source: 'Jobcenter', target_group: midt.target_groups[0],
  });
  refused(await api.post('/api/v1/enrolments', body('1800-01-01')), '/referral_date', 'date_before_birth');
  refused(await api.post('/api/v1/enrolments', body(daysFrom(midt.period_start, -1))), '/referral_date', 'date_before_project_start', { earliest: midt.period_start });
  refused(await api.post('/api/v1/enrolments', body(daysFrom(today(), 1))), '/referral_date', 'date_in_future', { latest: today() });
  const mine = (await walkList(api, '/api/v1/enrolments?project=' + midt.id, 200)).items.filter((x) => x.citizen_id === citizen.id);
  assert.deepEqual(mine, [], 'no enrolment was written');
});

test('projects: period_start and period_end at most 10 years ahead; the end after the start', async () => {
  const admin = await as('admin');
  let n = 0;
  const body = (period_start, period_end) => ({
    slug: `aarsag-periode-${process.pid}-${++n}`, name: 'Periodetest (fiktiv)', description: '', region_code: '1082',
    period_start, period_end, target_count: 10, age_min: 18, age_max: 30, municipalities: ['657'],
    target_groups: midt.target_groups, instruments: ['phq9'], followup_months: [3], randomised: false,
  });
  const count = async () => (await walkList(admin, '/api/v1/projects', 200)).items.length;
  const before = await count();
  refused(await admin.post('/api/v1/projects', body('2025-01-01', '9999-12-31')), '/period_end', 'date_too_far_ahead', { latest: lastProjectDate() });
  refused(await admin.post('/api/v1/projects', body('9999-01-01', '9999-12-31')), '/period_start', 'date_too_far_ahead', { latest: lastProjectDate() });
  refused(await admin.post('/api/v1/projects', body('2025-06-01', '2025-06-01')), '/period_end', 'date_before_start', { earliest: '2025-06-02' });
  assert.equal(await count(), before);
  assertOk(await admin.post('/api/v1/projects', body('2025-01-01', lastProjectDate())), 201, 'Project');
});
