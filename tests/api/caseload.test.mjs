// The caseload registry and the case-review list (issue 5; docs/sources.md: response and
// remission [PS2020], not improving [IMPACT-NREPP], reliable change [NHS-TT]; the project defaults of
// src/store/migrations/0007_treatment.sql: 10 weeks, 50 %, 28 days without PHQ-9/GAD-7, 14 days
// without contact). Every flag is built end to end on constructed data: a citizen registered and
// enrolled by caremanager.herning (who thereby carries the enrolment), moved to active, with
// assessments, plan start and sessions dated relative to the server's `today` (the caseload's).
// Expected flags and orders are worked from the rules, never read off the answers.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, samspor } from './server.mjs';
import { makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, createCitizen, walkList } from './client.mjs';

let server;
let midt;
let herningTeam; // caremanager.herning's team in ibbu-midt
let today; // the server's today, from GET /api/v1/caseload
const clients = new Map();
const FRESH = 'caremanager.zyxfresh'; // a care manager with an empty caseload, made in before()
const FRESH_PASSWORD = 'zyx fresh care manager passphrase 41';
const FRESH_THERAPIST = 'therapist.zyxfresh'; // a therapist nobody has assigned anything yet

async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username, [FRESH, FRESH_THERAPIST].includes(username) ? FRESH_PASSWORD : undefined));
  return clients.get(username);
}

before(async () => {
  server = await startServer();
  const cm = await as('caremanager.herning');
  midt = (await walkList(cm, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  assert.ok(midt);
  herningTeam = cm.session.user.teams.find((t) => t.project_id === midt.id).id;
  today = assertOk(await cm.get('/api/v1/caseload'), 200, 'Caseload').today;
  const added = samspor(['user', 'add', '--db', server.db, '--username', FRESH, '--name', 'Care manager (fresh)',
    '--organisation', '1082', '--role', 'care_manager', '--team', String(herningTeam)], { input: `${FRESH_PASSWORD}\n` });
  assert.equal(added.status, 0, added.stderr);
  const therapist = samspor(['user', 'add', '--db', server.db, '--username', FRESH_THERAPIST, '--name', 'Therapist (fresh)',
    '--organisation', '1082', '--role', 'therapist', '--team', String(herningTeam)], { input: `${FRESH_PASSWORD}\n` });
  assert.equal(therapist.status, 0, therapist.stderr);
});
after(async () => {
  await stopAndCheck(server);
});

function shift(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
const ago = (n) => shift(today, -n);
const dayNumber = (date) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

// --- Fixtures ----------------------------------------------------------------------------------

/** Registered and enrolled in ibbu-midt by `username`, then referred → screening → active. */
async function activeEnrolment(username = 'caremanager.herning', { status = 'active' } = {}) {
  const api = await as(username);
  const citizen = await createCitizen(api, { extra: { municipality_code: '657' } });
  let e = assertOk(await api.post('/api/v1/enrolments', {
    // 100 days ago: every course below starts after the referral (at most 70 days ago), as the date bounds require.
    project_id: midt.id, citizen_id: citizen.id, referral_date: ago(100), referral_source: 'Jobcenter (caseload-test)', target_group: midt.target_groups[0],
  }), 201, 'Enrolment');
  const steps = { referred: [], screening: ['screening'], active: ['screening', 'active'] }[status];
  for (const s of steps) e = assertOk(await api.patch(`/api/v1/enrolments/${e.id}`, { status: s }, { headers: { 'If-Match': `"${e.version}"` } }), 200, 'Enrolment');
  return { id: e.id, citizen, enrolment: e };
}

/** PHQ-9 answers with this total over items 1–8 (3 each first) and item 9 as given. */
function phq9(total, item9 = 0) {
  const a = Array(9).fill(0);
  a[8] = item9;
  let left = total - item9;
  for (let i = 0; i < 8 && left > 0; i++) {
    a[i] = Math.min(3, left);
    left -= a[i];
  }
  assert.equal(left, 0);
  return a;
}

async function phq(id, date, total, item9 = 0, username = 'caremanager.herning') {
  return assertOk(await (await as(username)).post(`/api/v1/enrolments/${id}/assessments`, { instrument: 'phq9', date, items: phq9(total, item9) }), 201, 'Assessment');
}
async function plan(id, start, username = 'caremanager.herning') {
  return assertOk(await (await as(username)).request('PUT', `/api/v1/enrolments/${id}/treatment-plan`, {
    json: { start_date: start, focus: 'Low mood', modality: 'cbt', target: 'PHQ-9 under 10' },
  }), 201, 'TreatmentPlan');
}
async function session(id, date, username = 'caremanager.herning') {
  return assertOk(await (await as(username)).post(`/api/v1/enrolments/${id}/sessions`, { date, kind: 'individual', duration_min: 45, note: '' }), 201, 'TreatmentSession');
}
async function caseload(username = 'caremanager.herning') {
  const body = assertOk(await (await as(username)).get('/api/v1/caseload'), 200, 'Caseload');
  assert.equal(body.today, today, 'the same day throughout the run');
  return body.items;
}
function rowOf(items, id) {
  const row = items.find((r) => r.enrolment_id === id);
  assert.ok(row, `enrolment ${id} on the caseload`);
  return row;
}

// The Caseload schema's order: most urgent first (safety, not_improving, reliable_deterioration,
// measurement_overdue, no_contact, followup_due), then the longest without contact (never in
// contact counts as longest), then by enrolment id.
const URGENT = ['safety', 'not_improving', 'reliable_deterioration', 'measurement_overdue', 'no_contact', 'followup_due'];
const ATTENTION = new Set(URGENT);
const urgency = (flags) => URGENT.reduce((u, f, i) => u + (flags.includes(f) ? 1 << (URGENT.length - 1 - i) : 0), 0);
function contactGap(row) {
  const since = [row.last_contact, row.treatment_start].filter(Boolean).sort().pop();
  return since ? dayNumber(row.today ?? today) - dayNumber(since) : Infinity;
}
function assertOrdered(items) {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    const key = (r) => [urgency(r.flags), contactGap(r), -r.enrolment_id];
    const [ka, kb] = [key(a), key(b)];
    const before = ka[0] > kb[0] || (ka[0] === kb[0] && (ka[1] > kb[1] || (ka[1] === kb[1] && ka[2] > kb[2])));
    assert.ok(before, `row ${i - 1} (enrolment ${a.enrolment_id}, ${a.flags}) must come before row ${i} (enrolment ${b.enrolment_id}, ${b.flags})`);
  }
}

// --- Who may list --------------------------------------------------------------------------------

test('GET /api/v1/caseload: 401 without sign-in, 403 for all but health roles; GET /api/v1/case-review: the supervising clinician only', async () => {
  const anon = makeClient(server.base);
  assertUnauthenticated(await anon.get('/api/v1/caseload'));
  assertUnauthenticated(await anon.get('/api/v1/case-review'));
  for (const u of ['caseworker.herning', 'jobconsultant.herning', 'lead.ibbu-midt', 'researcher.ibbu-midt', 'admin'])
    assertProblem(await (await as(u)).get('/api/v1/caseload'), 403, 'forbidden');
  for (const u of ['caseworker.herning', 'caremanager.herning', 'therapist.herning', 'lead.ibbu-midt', 'admin'])
    assertProblem(await (await as(u)).get('/api/v1/case-review'), 403, 'forbidden');
  for (const u of ['caremanager.herning', 'therapist.herning', 'supervisor.herning']) await caseload(u);
  assertOk(await (await as('supervisor.herning')).get('/api/v1/case-review'), 200, 'Caseload');
});

test('the caseload is the caller\'s own enrolments that are not final: a clinician who refers or works on a referral carries it', async () => {
  assert.deepEqual(await caseload(FRESH), [], 'a new care manager carries no one');
  const mine = await activeEnrolment(FRESH);
  const referred = await activeEnrolment(FRESH, { status: 'referred' });
  let items = await caseload(FRESH);
  // Referred and screening are listed too, so that a positive item 9 at screening shows.
  assert.deepEqual(items.map((r) => r.enrolment_id).sort((x, y) => x - y), [mine.id, referred.id], 'active and referred');
  assert.equal(items.find((r) => r.enrolment_id === referred.id).status, 'referred');
  // The therapist who refers carries it too (docs: care manager or therapist).
  const theirs = await activeEnrolment('therapist.herning');
  assert.ok((await caseload('therapist.herning')).some((r) => r.enrolment_id === theirs.id));
  assert.ok(!(await caseload('caremanager.herning')).some((r) => r.enrolment_id === theirs.id), 'not on a team mate\'s caseload');
  // A caseworker's referral is on nobody's caseload until a clinician works on it: the one who
  // records its screening carries it from then on.
  const cw = await activeEnrolment('caseworker.herning', { status: 'screening' });
  for (const u of ['caremanager.herning', 'therapist.herning', FRESH]) assert.ok(!(await caseload(u)).some((r) => r.enrolment_id === cw.id), u);
  assertOk(await (await as(FRESH)).post(`/api/v1/enrolments/${cw.id}/assessments`, { instrument: 'phq9', date: today, items: phq9(12), occasion: 'screening' }), 201, 'Assessment');
  assert.ok((await caseload(FRESH)).some((r) => r.enrolment_id === cw.id), 'screened by FRESH: on their caseload');
  assert.ok(!(await caseload('therapist.herning')).some((r) => r.enrolment_id === cw.id), 'not on anyone else\'s');
  // Moved on to aftercare: still listed; withdrawn: gone.
  let e = mine.enrolment;
  e = assertOk(await (await as(FRESH)).patch(`/api/v1/enrolments/${e.id}`, { status: 'aftercare' }, { headers: { 'If-Match': `"${e.version}"` } }), 200, 'Enrolment');
  items = await caseload(FRESH);
  assert.deepEqual(items.filter((r) => r.enrolment_id === mine.id).map((r) => r.status), ['aftercare']);
  assert.equal(items.find((r) => r.enrolment_id === mine.id).next_contact_due, null, 'no contact expectation outside active');
  assertOk(await (await as(FRESH)).patch(`/api/v1/enrolments/${e.id}`, { status: 'withdrawn', status_reason: 'citizen_choice' }, { headers: { 'If-Match': `"${e.version}"` } }), 200, 'Enrolment');
  assert.ok(!(await caseload(FRESH)).some((r) => r.enrolment_id === mine.id), 'withdrawn: gone');
});

test('safety at screening: a screening PHQ-9 with item 9 ≥ 1 puts the referral at the top of the caseload', async () => {
  const referral = await activeEnrolment(FRESH, { status: 'screening' });
  // [PHQMANUAL], [MII]: item 9 ≥ 1 raises the safety flag whatever the total (here 6).
  assertOk(await (await as(FRESH)).post(`/api/v1/enrolments/${referral.id}/assessments`, { instrument: 'phq9', date: today, items: phq9(6, 1), occasion: 'screening' }), 201, 'Assessment');
  const items = await caseload(FRESH);
  assert.equal(items[0].enrolment_id, referral.id);
  assert.equal(items[0].status, 'screening');
  assert.deepEqual(items[0].flags, ['safety']);
  assertOk(await (await as(FRESH)).post(`/api/v1/enrolments/${referral.id}/safety-followups`, { date: today, action: 'risk_assessed', note: 'Talked it through; no plan or intent.' }), 201, 'SafetyFollowup');
  assert.deepEqual((await caseload(FRESH)).find((r) => r.enrolment_id === referral.id).flags, []);
});

// --- Safety ([MII]: item 9 ≥ 1, whatever the total) --------------------------------------------

test('safety: a PHQ-9 with item 9 ≥ 1 puts the enrolment first with flag "safety"; a follow-up dated that day clears it', async () => {
  // A fresh care manager's caseload holds no other safety row: this one is first.
  const quiet = await activeEnrolment(FRESH);
  await session(quiet.id, today, FRESH);
  const e = await activeEnrolment(FRESH);
  await session(e.id, today, FRESH);
  const a = await phq(e.id, today, 6, 1, FRESH);
  let items = await caseload(FRESH);
  assert.equal(items[0].enrolment_id, e.id, 'the flagged enrolment is first');
  assert.deepEqual(items[0].flags, ['safety']);
  // Earlier tests leave referrals on FRESH's caseload; of this test's two rows, the flagged is first.
  assert.deepEqual(items.map((r) => r.enrolment_id).filter((id) => id === e.id || id === quiet.id), [e.id, quiet.id]);
  assert.deepEqual(rowOf(items, quiet.id).flags, []);
  assertOk(await (await as(FRESH)).post(`/api/v1/enrolments/${e.id}/safety-followups`, { date: today, action: 'risk_assessed', note: 'Passive thoughts; safety plan made.', assessment_id: a.id }), 201, 'SafetyFollowup');
  items = await caseload(FRESH);
  assert.deepEqual(rowOf(items, e.id).flags, [], 'the same-day follow-up clears the flag');

  // The same as caremanager.herning, whose caseload also holds the demo's citizens: the row has
  // the flag and comes before every row without it, and the whole list is in the contract's order.
  const h = await activeEnrolment();
  await session(h.id, today);
  const b = await phq(h.id, ago(2), 9, 1);
  items = await caseload();
  const row = rowOf(items, h.id);
  assert.deepEqual(row.flags, ['safety']);
  const at = items.indexOf(row);
  assert.ok(items.slice(0, at).every((r) => r.flags.includes('safety')), 'only safety rows before it');
  assert.ok(items.slice(at + 1).every((r) => !r.flags.includes('safety') || urgency(r.flags) <= urgency(row.flags)));
  assertOrdered(items);
  assert.deepEqual(row.phq9, { baseline: 9, latest: 9, change: 0, baseline_date: ago(2), latest_date: ago(2), count: 1 });
  assert.equal(row.gad7, null);
  assert.deepEqual([row.status, row.treatment_start, row.weeks_in_treatment, row.last_contact, row.next_contact_due, row.review],
    ['active', today, 0, today, shift(today, 14), null], 'no plan: treatment counts from the day it became active');
  // A follow-up dated before the assessment does not clear it; one on the day does.
  assertOk(await (await as('caremanager.herning')).post(`/api/v1/enrolments/${h.id}/safety-followups`, { date: ago(3), action: 'contact_attempted', note: 'No answer.' }), 201, 'SafetyFollowup');
  assert.deepEqual(rowOf(await caseload(), h.id).flags, ['safety'], 'a follow-up from before the assessment');
  assertOk(await (await as('caremanager.herning')).post(`/api/v1/enrolments/${h.id}/safety-followups`, { date: ago(2), action: 'safety_plan', note: 'Safety plan.', assessment_id: b.id }), 201, 'SafetyFollowup');
  assert.deepEqual(rowOf(await caseload(), h.id).flags, []);
  // Only the latest PHQ-9 counts: a newer one with item 9 ≥ 1 raises it again (no follow-up since),
  // and a newer one with item 9 = 0 ends it.
  await phq(h.id, ago(1), 10, 2);
  assert.deepEqual(rowOf(await caseload(), h.id).flags, ['safety'], 'a positive item 9 after the last follow-up');
  await phq(h.id, today, 8, 0);
  assert.deepEqual(rowOf(await caseload(), h.id).flags, [], 'the latest PHQ-9 has item 9 = 0');
});

// --- Process flags (project settings 28 and 14 days; no published number, [BAO2016]) ------------

test('a risk assessment or a safety plan is contact; a contact attempt is not', async () => {
  // Active, plan started 20 days ago, no session: no_contact (issue 5: 14 days without contact).
  const e = await activeEnrolment(FRESH);
  await plan(e.id, ago(20), FRESH);
  const a = await phq(e.id, ago(16), 8, 1, FRESH);
  assert.ok(rowOf(await caseload(FRESH), e.id).flags.includes('no_contact'));
  const follow = async (date, action) =>
    assertOk(await (await as(FRESH)).post(`/api/v1/enrolments/${e.id}/safety-followups`, { date, action, note: 'Follow-up.', assessment_id: a.id }), 201, 'SafetyFollowup');
  await follow(ago(2), 'contact_attempted');
  let row = rowOf(await caseload(FRESH), e.id);
  assert.ok(row.flags.includes('no_contact'), 'an unanswered call is no contact');
  assert.equal(row.last_contact, null);
  await follow(ago(1), 'risk_assessed');
  row = rowOf(await caseload(FRESH), e.id);
  assert.ok(!row.flags.includes('no_contact'), 'a risk assessment is contact');
  assert.equal(row.last_contact, ago(1));
});

test('measurement_overdue at 28 days without PHQ-9/GAD-7 (27 is not), no_contact at 14 days without a session (13 is not)', async () => {
  // Plan started 30 days ago, PHQ-9 28 days ago, no session ever: both flags.
  const over = await activeEnrolment();
  await plan(over.id, ago(30));
  await phq(over.id, ago(28), 8);
  // PHQ-9 27 days ago, a session 13 days ago: neither.
  const fresh = await activeEnrolment();
  await plan(fresh.id, ago(30));
  await phq(fresh.id, ago(27), 8);
  await session(fresh.id, ago(13));
  // Measured today, the last session exactly 14 days ago: no_contact only.
  const quiet = await activeEnrolment();
  await plan(quiet.id, ago(30));
  await phq(quiet.id, today, 8);
  await session(quiet.id, ago(14));
  // Never measured: counted from the plan's start (28 days → overdue, 27 → not).
  const never = await activeEnrolment();
  await plan(never.id, ago(28));
  await session(never.id, today);
  const notYet = await activeEnrolment();
  await plan(notYet.id, ago(27));
  await session(notYet.id, today);

  const items = await caseload();
  const o = rowOf(items, over.id);
  assert.deepEqual(o.flags, ['measurement_overdue', 'no_contact']);
  assert.deepEqual([o.treatment_start, o.weeks_in_treatment, o.last_contact, o.next_contact_due], [ago(30), 4, null, ago(16)],
    'weeks count from the plan\'s start; never in contact: since the start');
  assert.deepEqual(o.phq9, { baseline: 8, latest: 8, change: 0, baseline_date: ago(28), latest_date: ago(28), count: 1 });
  const f = rowOf(items, fresh.id);
  assert.deepEqual(f.flags, []);
  assert.deepEqual([f.last_contact, f.next_contact_due], [ago(13), shift(today, 1)]);
  const q = rowOf(items, quiet.id);
  assert.deepEqual(q.flags, ['no_contact']);
  assert.equal(q.next_contact_due, today, 'no_contact shows from this day on');
  assert.deepEqual(rowOf(items, never.id).flags, ['measurement_overdue']);
  assert.deepEqual(rowOf(items, notYet.id).flags, []);
  assertOrdered(items);
  // Overdue and out of contact outranks out of contact alone.
  assert.ok(items.indexOf(o) < items.indexOf(q));
});

// --- Outcome flags ([PS2020] response/remission; [NHS-TT] reliable change) ----------------------

/** A course: plan started `startAgo` days ago, PHQ-9 `from` then, PHQ-9 `to` today, a session today. */
async function course(from, to, startAgo = 30) {
  const e = await activeEnrolment();
  await plan(e.id, ago(startAgo));
  await phq(e.id, ago(startAgo), from);
  await phq(e.id, today, to);
  await session(e.id, today);
  return e.id;
}

test('response (≥ 50 % fall, exactly 50 % counts), remission (PHQ-9 < 5), reliable improvement (fall ≥ 6) and deterioration (rise ≥ 6)', async () => {
  const cases = [
    // [baseline, latest, flags]: worked from 2·(baseline − latest) ≥ baseline, latest < 5, |change| ≥ 6.
    [20, 10, ['response', 'reliable_improvement']], // exactly 50 %: 2·10 = 20 ≥ 20; fall 10
    [20, 11, ['reliable_improvement']], // 45 %: 18 < 20; fall 9
    [12, 7, []], // 42 %: 10 < 12; fall 5 < 6
    [12, 6, ['response', 'reliable_improvement']], // 50 %, fall 6
    [12, 4, ['response', 'remission', 'reliable_improvement']], // 4 < 5
    [9, 5, []], // 44 %: 8 < 9; 5 is not < 5; fall 4
    [5, 11, ['reliable_deterioration']], // rise 6
    [5, 10, []], // rise 5
  ];
  const ids = [];
  for (const [from, to] of cases) ids.push(await course(from, to));
  const items = await caseload();
  cases.forEach(([from, to, flags], i) => {
    const row = rowOf(items, ids[i]);
    assert.deepEqual(row.flags, flags, `PHQ-9 ${from} → ${to}`);
    assert.deepEqual(row.phq9, { baseline: from, latest: to, change: to - from, baseline_date: ago(30), latest_date: today, count: 2 }, `PHQ-9 ${from} → ${to}`);
  });
  assertOrdered(items);
});

test('not_improving: active for 10 weeks (70 days) with less than a 50 % fall; 69 days is not yet', async () => {
  const ten = await course(15, 14, 70);
  const almost = await course(15, 14, 69);
  const responding = await course(16, 8, 70);
  const items = await caseload();
  assert.deepEqual(rowOf(items, ten).flags, ['not_improving']);
  assert.equal(rowOf(items, ten).weeks_in_treatment, 10);
  assert.deepEqual(rowOf(items, almost).flags, []);
  assert.equal(rowOf(items, almost).weeks_in_treatment, 9);
  assert.deepEqual(rowOf(items, responding).flags, ['response', 'reliable_improvement']);
  assertOrdered(items);
});

/** GAD-7 answers with this total (3 each first). */
function gad7(total) {
  const a = Array(7).fill(0);
  let left = total;
  for (let i = 0; i < 7 && left > 0; i++) {
    a[i] = Math.min(3, left);
    left -= a[i];
  }
  assert.equal(left, 0);
  return a;
}

test('flag_instruments names the questionnaire of each measure flag: not improving on PHQ-9 beside reliable improvement on GAD-7', async () => {
  // PHQ-9 12 → 8: 33 % (< 50 %, not improving at 70 days), a fall of 4 (< 6, not reliable);
  // GAD-7 11 → 7: a fall of 4 (≥ 4, reliable) — NHS Talking Therapies' thresholds (docs/api-contract.md).
  const mixed = await activeEnrolment();
  await plan(mixed.id, ago(70));
  await phq(mixed.id, ago(70), 12);
  await phq(mixed.id, today, 8);
  const cm = await as('caremanager.herning');
  for (const [date, total] of [[ago(70), 11], [today, 7]]) {
    assertOk(await cm.post(`/api/v1/enrolments/${mixed.id}/assessments`, { instrument: 'gad7', date, items: gad7(total) }), 201, 'Assessment');
  }
  await session(mixed.id, today);
  const remitted = await course(12, 4); // PHQ-9 only: response, remission and reliable improvement on PHQ-9
  const quiet = await course(12, 7); // no measure flag
  const items = await caseload();
  const row = rowOf(items, mixed.id);
  assert.deepEqual(row.flags, ['not_improving', 'reliable_improvement']);
  assert.deepEqual(row.flag_instruments, { not_improving: ['phq9'], reliable_improvement: ['gad7'] });
  assert.deepEqual(rowOf(items, remitted).flag_instruments, { response: ['phq9'], remission: ['phq9'], reliable_improvement: ['phq9'] });
  assert.deepEqual(rowOf(items, quiet).flag_instruments, {});
  // The case-review list answers the same rows.
  const reviewer = await as('supervisor.herning');
  const review = assertOk(await reviewer.get('/api/v1/case-review'), 200, 'Caseload');
  const listed = review.items.find((r) => r.enrolment_id === mixed.id);
  assert.ok(listed, 'not_improving asks for attention');
  assert.deepEqual(listed.flag_instruments, { not_improving: ['phq9'], reliable_improvement: ['gad7'] });
});

test('a corrected assessment no longer counts: the correction does', async () => {
  const e = await activeEnrolment();
  await plan(e.id, ago(30));
  await session(e.id, today);
  await phq(e.id, ago(30), 20);
  const wrong = await phq(e.id, today, 10);
  assert.deepEqual(rowOf(await caseload(), e.id).flags, ['response', 'reliable_improvement']);
  assertOk(await (await as('caremanager.herning')).post(`/api/v1/enrolments/${e.id}/assessments`, {
    instrument: 'phq9', date: today, items: phq9(16), corrects: wrong.id, reason: 'Typed the wrong sheet.',
  }), 201, 'Assessment');
  const row = rowOf(await caseload(), e.id);
  assert.deepEqual(row.phq9, { baseline: 20, latest: 16, change: -4, baseline_date: ago(30), latest_date: today, count: 2 });
  assert.deepEqual(row.flags, []);
});

// --- Case review ---------------------------------------------------------------------------------

test('the supervising clinician\'s case-review list holds the flagged rows; a review with a task reaches the care manager', async () => {
  const flagged = await activeEnrolment();
  await plan(flagged.id, ago(30));
  await phq(flagged.id, ago(28), 12); // measurement overdue, and no session: no contact
  const calm = await course(20, 10); // response and reliable improvement only: no attention
  const sup = await as('supervisor.herning');
  const list = assertOk(await sup.get('/api/v1/case-review'), 200, 'Caseload');
  assert.equal(list.today, today);
  const row = rowOf(list.items, flagged.id);
  assert.deepEqual(row.flags, ['measurement_overdue', 'no_contact']);
  assert.ok(!list.items.some((r) => r.enrolment_id === calm), 'a row without an attention flag is not listed');
  for (const r of list.items) assert.ok(r.flags.some((f) => ATTENTION.has(f)), `enrolment ${r.enrolment_id} has a flag asking for attention`);
  assertOrdered(list.items);
  // Another team's supervisor does not see it.
  assert.ok(!assertOk(await (await as('supervisor.randers')).get('/api/v1/case-review'), 200, 'Caseload').items.some((r) => r.enrolment_id === flagged.id));

  // The care manager, as /auth/me names them, gets a task.
  const cmMe = assertOk(await (await as('caremanager.herning')).get('/api/v1/auth/me'), 200, 'Me').user;
  const review = assertOk(await sup.post(`/api/v1/enrolments/${flagged.id}/case-reviews`, {
    date: today, recommendation: 'Repeat PHQ-9 and GAD-7 this week; consider adding behavioural activation.',
    task: { owner_id: cmMe.id, text: 'Call the citizen and book a session.', due: shift(today, 7) },
  }), 201, 'CaseReview');
  assert.deepEqual(review.flags, ['measurement_overdue', 'no_contact'], 'the flags the review looked at');
  assert.equal(review.task.owner.id, cmMe.id);
  const seen = assertOk(await (await as('caremanager.herning')).get(`/api/v1/enrolments/${flagged.id}/case-reviews`), 200, 'CaseReviewList').items;
  assert.equal(seen.length, 1);
  assert.deepEqual([seen[0].id, seen[0].recommendation, seen[0].task.owner, seen[0].task.text, seen[0].task.due],
    [review.id, review.recommendation, { id: cmMe.id, name: cmMe.display_name }, 'Call the citizen and book a session.', shift(today, 7)]);
  const items = await caseload();
  assert.deepEqual(rowOf(items, flagged.id).review, { date: today, recommendation: review.recommendation });
  assert.equal(rowOf(items, calm).review, null);
  // A review does not clear a flag: the citizen stays on the list until measured and seen.
  assert.ok(assertOk(await sup.get('/api/v1/case-review'), 200, 'Caseload').items.some((r) => r.enrolment_id === flagged.id));
  await phq(flagged.id, today, 11);
  await session(flagged.id, today);
  assert.ok(!assertOk(await sup.get('/api/v1/case-review'), 200, 'Caseload').items.some((r) => r.enrolment_id === flagged.id), 'measured and seen: off the list');
});

test('each citizen a caseload lists is a read of their data, audited with purpose "treatment"', async () => {
  const e = await activeEnrolment();
  await caseload();
  const log = (await walkList(await as('caremanager.herning'), `/api/v1/citizens/${e.citizen.id}/access-log`, 200)).items;
  const ev = log.find((x) => x.route === '/api/v1/caseload' && x.username === 'caremanager.herning');
  assert.ok(ev, JSON.stringify(log, null, 1));
  assert.deepEqual([ev.action, ev.purpose, ev.outcome], ['read', 'treatment', 'allowed']);
});

// --- Scope (issue 9, item 12) ---------------------------------------------------------------------

test('scope=team: every case of the therapist\'s team that is not final, before anything is assigned; scope=mine: what they carry', async () => {
  const t = await as(FRESH_THERAPIST);
  const me = assertOk(await t.get('/api/v1/auth/me'), 200, 'Me').user;
  assert.deepEqual(await caseload(FRESH_THERAPIST), [], 'nothing assigned: an empty caseload');
  assert.deepEqual(assertOk(await t.get('/api/v1/caseload?scope=mine'), 200, 'Caseload').items, [], 'mine is the default');
  // The reference: the team's enrolments as the enrolment list shows them to a team member, the
  // ones that are not final (referred, screening, active, aftercare: docs/api-contract.md).
  const all = (await walkList(await as('caseworker.herning'), `/api/v1/enrolments?project=${midt.id}`, 200)).items;
  const open = all.filter((e) => e.team_id === herningTeam && ['referred', 'screening', 'active', 'aftercare'].includes(e.status)).map((e) => e.id).sort((a, b) => a - b);
  assert.ok(open.length >= 8, `${open.length} open cases on the Herning team`);
  let team = assertOk(await t.get('/api/v1/caseload?scope=team'), 200, 'Caseload');
  assert.equal(team.today, today);
  assert.deepEqual(team.items.map((r) => r.enrolment_id).sort((a, b) => a - b), open);
  assert.ok(team.items.every((r) => r.mine === false), 'none is the new therapist\'s');
  assertOrdered(team.items);
  // Assigned by a care manager on the team: on "mine" at once, marked mine in "team".
  const e = assertOk(await (await as('caremanager.herning')).get(`/api/v1/enrolments/${open[0]}`), 200, 'Enrolment');
  const assigned = assertOk(await (await as('caremanager.herning')).patch(`/api/v1/enrolments/${e.id}/assignments`, { therapist: me.id }, { headers: { 'If-Match': `"${e.version}"` } }), 200, 'Enrolment');
  assert.deepEqual(assigned.assignments.therapist, { id: me.id, name: 'Therapist (fresh)' });
  const mine = await caseload(FRESH_THERAPIST);
  assert.deepEqual(mine.map((r) => r.enrolment_id), [e.id]);
  assert.equal(mine[0].mine, true);
  assert.deepEqual(mine[0].assignments.therapist, { id: me.id, name: 'Therapist (fresh)' });
  team = assertOk(await t.get('/api/v1/caseload?scope=team'), 200, 'Caseload');
  assert.deepEqual(team.items.filter((r) => r.mine).map((r) => r.enrolment_id), [e.id]);
  // Handed to another therapist: it leaves the first one's caseload.
  const other = assertOk(await (await as('therapist.herning')).get('/api/v1/auth/me'), 200, 'Me').user;
  assertOk(await (await as('caremanager.herning')).patch(`/api/v1/enrolments/${e.id}/assignments`, { therapist: other.id }, { headers: { 'If-Match': `"${assigned.version}"` } }), 200, 'Enrolment');
  assert.deepEqual(await caseload(FRESH_THERAPIST), []);
  assert.ok((await caseload('therapist.herning')).some((r) => r.enrolment_id === e.id));
});

test('scope: another value is 422 naming the parameter; scope=team lists no other team\'s case', async () => {
  for (const v of ['all', 'TEAM', '', 'mine,team']) assertProblem(await (await as('therapist.herning')).get(`/api/v1/caseload?scope=${encodeURIComponent(v)}`), 422, 'invalid', { parameter: 'scope' });
  const randers = assertOk(await (await as('therapist.randers')).get('/api/v1/caseload?scope=team'), 200, 'Caseload').items;
  const herning = assertOk(await (await as('therapist.herning')).get('/api/v1/caseload?scope=team'), 200, 'Caseload').items;
  const ids = new Set(herning.map((r) => r.enrolment_id));
  assert.ok(randers.length > 0 && !randers.some((r) => ids.has(r.enrolment_id)), 'two teams, no case in common');
});
