// The treatment track (issue 5): the questionnaire catalogue and stateless scoring, assessments
// with corrections, eligibility (the rules suggest, a clinician decides), the treatment plan,
// sessions, safety follow-ups and case reviews of one enrolment. Health detail: health roles on
// the enrolment's team only (docs/security-model.md "Visibility"), every read audited with purpose
// "treatment". Scores are worked by hand from the sources in docs/sources.md (the source is named
// beside each example); thresholds are the project defaults of src/store/migrations/0007_treatment.sql.
// Signed in as caremanager.herning (regional health staff on the Herning team of ibbu-midt);
// supervisor.herning records case reviews; caseworker.herning is the municipal caller.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, sql } from './server.mjs';
import {
  makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, assertETag, createCitizen, walkList, describe,
} from './client.mjs';

let server;
let midt;
let serverToday; // the server's today (Denmark), from GET /api/v1/caseload
const clients = new Map();

async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username));
  return clients.get(username);
}

before(async () => {
  server = await startServer();
  const cm = await as('caremanager.herning');
  midt = (await walkList(cm, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  assert.ok(midt, 'the ibbu-midt project');
  serverToday = assertOk(await cm.get('/api/v1/caseload'), 200, 'Caseload').today;
});
after(async () => {
  await stopAndCheck(server);
});

// --- Dates relative to the server's today -----------------------------------------------------

function shift(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
const today = () => serverToday;
const daysAgo = (n) => shift(serverToday, -n);
const tomorrow = () => shift(serverToday, 1);

// --- Fixtures ----------------------------------------------------------------------------------

/** A Herning citizen registered and enrolled in ibbu-midt by `username`, moved to `status`. */
async function enrolment({ username = 'caremanager.herning', status = 'active' } = {}) {
  const api = await as(username);
  const citizen = await createCitizen(api, { extra: { municipality_code: '657' } });
  let e = assertOk(await api.post('/api/v1/enrolments', {
    // Referred two months ago (not before the project starts): what the tests record in the
    // last days then lies after the referral, as the date bounds require.
    project_id: midt.id, citizen_id: citizen.id, referral_date: daysAgo(60) > midt.period_start ? daysAgo(60) : midt.period_start,
    referral_source: 'Jobcenter (behandlingstest)',
    target_group: midt.target_groups[0],
  }), 201, 'Enrolment');
  const path = { referred: [], screening: ['screening'], active: ['screening', 'active'] }[status];
  for (const s of path) e = assertOk(await api.patch(`/api/v1/enrolments/${e.id}`, { status: s }, { headers: { 'If-Match': `"${e.version}"` } }), 200, 'Enrolment');
  return { citizen, enrolment: e, id: e.id };
}

const base = (id) => `/api/v1/enrolments/${id}`;

/** PHQ-9 answers with the given total spread over items 1–8 (3 each first), and item 9 as given. */
function phq9(total, item9 = 0) {
  const a = Array(9).fill(0);
  a[8] = item9;
  let left = total - item9;
  for (let i = 0; i < 8 && left > 0; i++) {
    a[i] = Math.min(3, left);
    left -= a[i];
  }
  assert.equal(left, 0, `PHQ-9 total ${total} with item 9 = ${item9} is not reachable`);
  return a;
}

async function assess(id, body, username = 'caremanager.herning') {
  return (await as(username)).post(`${base(id)}/assessments`, { date: today(), ...body });
}

async function listAssessments(id, username = 'caremanager.herning') {
  return assertOk(await (await as(username)).get(`${base(id)}/assessments`), 200, 'AssessmentList');
}

// --- Access: sign-in and role ------------------------------------------------------------------

test('without sign-in every treatment route is 401 and nothing is written; scoring is public', async () => {
  const { id } = await enrolment();
  const anon = makeClient(server.base);
  assertUnauthenticated(await anon.get('/api/v1/instruments'));
  assertUnauthenticated(await anon.get('/api/v1/instruments/phq9'));
  assertUnauthenticated(await anon.get('/api/v1/caseload'));
  assertUnauthenticated(await anon.get('/api/v1/case-review'));
  for (const r of ['assessments', 'treatment-plan', 'sessions', 'safety-followups', 'eligibility', 'case-reviews'])
    assertUnauthenticated(await anon.get(`${base(id)}/${r}`));
  assertUnauthenticated(await anon.post(`${base(id)}/assessments`, { instrument: 'phq9', date: today(), items: phq9(3) }));
  assertUnauthenticated(await anon.request('PUT', `${base(id)}/treatment-plan`, {
    json: { start_date: today(), focus: 'x', modality: 'cbt', target: 'y' },
  }));
  assertUnauthenticated(await anon.post(`${base(id)}/sessions`, { date: today(), kind: 'individual', duration_min: 30, note: '' }));
  assertUnauthenticated(await anon.post(`${base(id)}/safety-followups`, { date: today(), action: 'risk_assessed', note: 'x' }));
  assertUnauthenticated(await anon.post(`${base(id)}/eligibility`, { decision: 'eligible', why: 'x', date: today() }));
  assertUnauthenticated(await anon.post(`${base(id)}/case-reviews`, { date: today(), recommendation: 'x' }));
  assert.deepEqual((await listAssessments(id)).items, []);
  assertProblem(await (await as('caremanager.herning')).get(`${base(id)}/treatment-plan`), 404, 'not_found');
  assert.equal(assertOk(await (await as('caremanager.herning')).get(`${base(id)}/sessions`), 200, 'TreatmentSessionList').items.length, 0);
  // POST /api/v1/instruments/{key}/score is public (docs/security-model.md: it stores nothing).
  const s = assertOk(await anon.post('/api/v1/instruments/phq9/score', { items: phq9(3) }), 200, 'Score');
  assert.equal(s.total, 3);
});

test('treatment records are health detail: municipal staff on the team are 403 whatever the consents, and that is audited', async () => {
  const { id, citizen } = await enrolment();
  assertOk(await assess(id, { instrument: 'phq9', items: phq9(7) }), 201, 'Assessment');
  const cw = await as('caseworker.herning');
  // Even with health_summary_to_municipality given (docs/security-model.md: only the summary).
  assertOk(await cw.post(`${base(id)}/consents`, { scope: 'health_summary_to_municipality', given: true, date: today() }), 201, 'Consent');
  for (const r of ['assessments', 'treatment-plan', 'sessions', 'safety-followups', 'eligibility', 'case-reviews'])
    assertProblem(await cw.get(`${base(id)}/${r}`), 403, 'forbidden');
  assertProblem(await cw.post(`${base(id)}/assessments`, { instrument: 'phq9', date: today(), items: phq9(3) }), 403, 'forbidden');
  assertProblem(await cw.post(`${base(id)}/sessions`, { date: today(), kind: 'individual', duration_min: 30, note: '' }), 403, 'forbidden');
  assertProblem(await cw.get('/api/v1/caseload'), 403, 'forbidden');
  assertProblem(await cw.get('/api/v1/case-review'), 403, 'forbidden');
  // Signed in, any role may read the catalogue.
  assertOk(await cw.get('/api/v1/instruments'), 200, 'InstrumentList');
  assert.equal((await listAssessments(id)).items.length, 1, 'nothing written');
  const log = (await walkList(await as('caremanager.herning'), `/api/v1/citizens/${citizen.id}/access-log`, 200)).items;
  assert.ok(log.some((e) => e.username === 'caseworker.herning' && e.route === '/api/v1/enrolments/{id}/assessments'
    && e.action === 'read' && e.outcome === 'forbidden'), 'the refused read is audited');
  // The care manager of another municipality does not learn the enrolment exists.
  assertProblem(await (await as('caremanager.randers')).get(`${base(id)}/assessments`), 404, 'not_found');
  assertProblem(await (await as('caremanager.herning')).get(`${base(999_999_999)}/assessments`), 404, 'not_found');
});

// --- The catalogue -------------------------------------------------------------------------------

test('GET /api/v1/instruments lists the six questionnaires with ranges and codes from their sources (docs/sources.md)', async () => {
  const list = assertOk(await (await as('caremanager.herning')).get('/api/v1/instruments'), 200, 'InstrumentList');
  assert.equal(list.next_cursor, null);
  const byId = Object.fromEntries(list.items.map((i) => [i.id, i]));
  assert.deepEqual(list.items.map((i) => i.id), ['phq9', 'gad7', 'who5', 'pss10', 'mdi', 'wsas']);
  // [KROENKE2001] PHQ-9: 9 items × 0–3, panel 44249-1, total 44261-6, recall 2 weeks.
  assert.deepEqual([byId.phq9.item_count, byId.phq9.total_min, byId.phq9.total_max, byId.phq9.panel_loinc, byId.phq9.total_loinc, byId.phq9.recall],
    [9, 0, 27, '44249-1', '44261-6', 'P2W']);
  // [SPITZER2006] GAD-7: 7 × 0–3, total 70274-6, panel 69737-5 (SECONDARY).
  assert.deepEqual([byId.gad7.item_count, byId.gad7.total_max, byId.gad7.total_loinc, byId.gad7.panel_loinc], [7, 21, '70274-6', '69737-5']);
  // [WHO5-SCORING] WHO-5: 5 × 0–5, raw 0–25, no verified LOINC code.
  assert.deepEqual([byId.who5.item_count, byId.who5.total_max, byId.who5.panel_loinc, byId.who5.total_loinc], [5, 25, null, null]);
  // [UWARC] PSS-10: 10 × 0–4 → 0–40; recall the last month.
  assert.deepEqual([byId.pss10.item_count, byId.pss10.total_max, byId.pss10.recall], [10, 40, 'P1M']);
  // [BECH2015] MDI: 12 questions → 10 scored items 0–5 → 0–50.
  assert.deepEqual([byId.mdi.item_count, byId.mdi.total_max], [12, 50]);
  // [MUNDT2002] WSAS: 5 × 0–8 → 0–40.
  assert.deepEqual([byId.wsas.item_count, byId.wsas.total_max], [5, 40]);
  for (const i of list.items) {
    assert.equal(i.total_min, 0, i.id);
    assert.ok(i.languages.includes('en'), `${i.id} has an English text`);
  }
});

test('GET /api/v1/instruments/{key}: items, LOINC codes, scale and bands as their sources give them; ?lang picks the text', async () => {
  const cm = await as('caremanager.herning');
  const list = assertOk(await cm.get('/api/v1/instruments'), 200, 'InstrumentList').items;
  const phq = assertOk(await cm.get('/api/v1/instruments/phq9?lang=en'), 200, 'Instrument');
  // [LOINC-PHQSADS] item table (VERIFIED, [USCORE] hasMember order).
  assert.deepEqual(phq.items.map((i) => [i.key, i.loinc]), [
    ['1', '44250-9'], ['2', '44255-8'], ['3', '44259-0'], ['4', '44254-1'], ['5', '44251-7'],
    ['6', '44258-2'], ['7', '44252-5'], ['8', '44253-3'], ['9', '44260-8'],
  ]);
  assert.deepEqual(phq.scale.answers.map((a) => [a.value, a.loinc]), [[0, 'LA6568-5'], [1, 'LA6569-3'], [2, 'LA6570-1'], [3, 'LA6571-9']]);
  assert.deepEqual([phq.scale.min, phq.scale.max], [0, 3]);
  // [KROENKE2001] bands 0–4 / 5–9 / 10–14 / 15–19 / 20–27.
  assert.deepEqual(phq.bands.map((b) => [b.min, b.max, b.code]),
    [[0, 4, 'none_minimal'], [5, 9, 'mild'], [10, 14, 'moderate'], [15, 19, 'moderately_severe'], [20, 27, 'severe']]);
  assert.equal(phq.extra.key, 'difficulty');
  assert.equal(phq.extra.loinc, '69722-7');
  assert.deepEqual(phq.extra.scale.answers.map((a) => a.loinc), ['LA6572-7', 'LA6573-5', 'LA6575-0', 'LA6574-3']);
  assert.equal(phq.text.requested_language, 'en');
  assert.equal(phq.text.translation_missing, false);
  for (const i of phq.items) assert.equal(typeof i.text, 'string', `item ${i.key} has its English text`);

  const gad = assertOk(await cm.get('/api/v1/instruments/gad7?lang=en'), 200, 'Instrument');
  // [LOINC-PHQSADS] GAD-7 item codes (VERIFIED).
  assert.deepEqual(gad.items.map((i) => i.loinc), ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7']);
  assert.deepEqual(gad.bands.map((b) => [b.min, b.max, b.code]), [[0, 4, 'minimal'], [5, 9, 'mild'], [10, 14, 'moderate'], [15, 21, 'severe']]);
  assert.ok(!('extra' in gad), 'GAD-7 takes no extra answer');

  const who = assertOk(await cm.get('/api/v1/instruments/who5?lang=en'), 200, 'Instrument');
  assert.deepEqual(who.bands, [], '[WHO5-SCORING]: WHO-5 has flags, no bands');
  assert.deepEqual([who.scale.min, who.scale.max], [0, 5]);

  const pss = assertOk(await cm.get('/api/v1/instruments/pss10?lang=en'), 200, 'Instrument');
  // [UWARC]: items 4, 5, 7, 8 reverse-scored; bands informal.
  assert.deepEqual(pss.items.filter((i) => i.reverse).map((i) => i.key), ['4', '5', '7', '8']);
  assert.equal(pss.bands_informal, true);
  assert.deepEqual(pss.bands.map((b) => [b.min, b.max]), [[0, 13], [14, 26], [27, 40]]);

  const mdi = assertOk(await cm.get('/api/v1/instruments/mdi?lang=en'), 200, 'Instrument');
  // [BECH2015]: 12 questions; bands per Bech 2015 (21/26/31).
  assert.deepEqual(mdi.items.map((i) => i.key), ['1', '2', '3', '4', '5', '6', '7', '8a', '8b', '9', '10a', '10b']);
  assert.deepEqual(mdi.bands.map((b) => [b.min, b.max, b.code]),
    [[0, 20, 'none_doubtful'], [21, 25, 'mild'], [26, 30, 'moderate'], [31, 50, 'severe']]);

  const wsas = assertOk(await cm.get('/api/v1/instruments/wsas?lang=en'), 200, 'Instrument');
  // [MUNDT2002]: 0–8, anchors 0, 2, 4, 6, 8; bands <10 / 10–20 / >20.
  assert.deepEqual([wsas.scale.min, wsas.scale.max], [0, 8]);
  assert.deepEqual(wsas.scale.answers.map((a) => a.value), [0, 2, 4, 6, 8]);
  assert.deepEqual(wsas.bands.map((b) => [b.min, b.max]), [[0, 9], [10, 20], [21, 40]]);

  // Danish by default; without a Danish text the English one is sent and said so (never invented).
  for (const i of list) {
    const res = assertOk(await cm.get(`/api/v1/instruments/${i.id}`), 200, 'Instrument');
    assert.equal(res.text.requested_language, 'da', i.id);
    const hasDa = i.languages.includes('da');
    assert.equal(res.text.translation_missing, !hasDa, `${i.id}: translation_missing agrees with languages`);
    assert.equal(res.text.language, hasDa ? 'da' : 'en', i.id);
  }
  assertProblem(await cm.get('/api/v1/instruments/phq9?lang=fr'), 422, 'invalid', { parameter: 'lang' });
  assertProblem(await cm.get('/api/v1/instruments/phq10'), 404, 'not_found');
  assertProblem(await cm.get('/api/v1/instruments/PHQ9'), 404, 'not_found');
});

// --- Stateless scoring: worked examples ----------------------------------------------------------

async function score(key, items) {
  return assertOk(await makeClient(server.base).post(`/api/v1/instruments/${key}/score`, { items }), 200, 'Score');
}

test('PHQ-9 scoring (Kroenke 2001, MII: sum of items 1–9, bands 5/10/15/20, item 9 ≥ 1 → safety, DSM algorithm)', async () => {
  // All 1s: total 9 → "mild"; item 9 = 1 → safety; only item 9 counts as present (≥ 1) and
  // neither item 1 nor 2 is ≥ 2 → no depressive syndrome.
  let s = await score('phq9', Array(9).fill(1));
  assert.deepEqual([s.total, s.band, s.flags, s.provisional_diagnosis], [9, 'mild', ['safety'], 'none']);
  assert.deepEqual(s.scored, Array(9).fill(1));
  assert.ok(!('difficulty' in s) && !('percentage' in s) && !('icd10' in s), 'members that do not apply are absent');
  // All 0s: 0, none–minimal, no flag.
  s = await score('phq9', Array(9).fill(0));
  assert.deepEqual([s.total, s.band, s.flags, s.provisional_diagnosis], [0, 'none_minimal', [], 'none']);
  // All 3s: 27, severe, safety, 9 symptoms present including item 1 → major depressive syndrome.
  s = await score('phq9', Array(9).fill(3));
  assert.deepEqual([s.total, s.band, s.flags, s.provisional_diagnosis], [27, 'severe', ['safety'], 'major_depressive_syndrome']);
  // Items 1–5 at 2: 10 moderate; 5 symptoms present (≥ 2), item 1 among them → major.
  s = await score('phq9', [2, 2, 2, 2, 2, 0, 0, 0, 0]);
  assert.deepEqual([s.total, s.band, s.flags, s.provisional_diagnosis], [10, 'moderate', [], 'major_depressive_syndrome']);
  // Five symptoms but neither item 1 nor 2 → none.
  s = await score('phq9', [0, 0, 2, 2, 2, 2, 2, 0, 0]);
  assert.equal(s.provisional_diagnosis, 'none');
  // Items 1 and 4 at 2: total 4 (none–minimal), 2 symptoms with item 1 → other depressive syndrome.
  s = await score('phq9', [2, 0, 0, 2, 0, 0, 0, 0, 0]);
  assert.deepEqual([s.total, s.band, s.provisional_diagnosis], [4, 'none_minimal', 'other_depressive_syndrome']);
  // Four items at 2 plus item 9 = 1: item 9 counts "if present at all" → 5 symptoms → major; 9 mild.
  s = await score('phq9', [2, 2, 2, 2, 0, 0, 0, 0, 1]);
  assert.deepEqual([s.total, s.band, s.flags, s.provisional_diagnosis], [9, 'mild', ['safety'], 'major_depressive_syndrome']);
  // Band edges.
  for (const [total, band] of [[4, 'none_minimal'], [5, 'mild'], [9, 'mild'], [10, 'moderate'], [14, 'moderate'],
    [15, 'moderately_severe'], [19, 'moderately_severe'], [20, 'severe']]) {
    s = await score('phq9', phq9(total));
    assert.deepEqual([s.total, s.band], [total, band], `PHQ-9 total ${total}`);
  }
  // The tenth (difficulty) question is reported, never added (LOINC 69722-7, [KROENKE2001]); null: not given.
  s = await score('phq9', [...Array(9).fill(1), 3]);
  assert.deepEqual([s.total, s.difficulty], [9, 3]);
  s = await score('phq9', [...Array(9).fill(1), null]);
  assert.equal(s.total, 9);
  assert.ok(!('difficulty' in s));
});

test('GAD-7, WHO-5, PSS-10, MDI and WSAS scoring (Spitzer 2006, WHO-5 1998, UWARC, Bech 2015, Mundt 2002)', async () => {
  // [SPITZER2006] GAD-7: sum, bands 5/10/15.
  for (const [items, total, band] of [
    [[1, 1, 1, 1, 0, 0, 0], 4, 'minimal'], [[1, 1, 1, 1, 1, 0, 0], 5, 'mild'], [[2, 2, 2, 2, 1, 1, 0], 10, 'moderate'],
    [[3, 3, 3, 3, 2, 0, 0], 14, 'moderate'], [[3, 3, 3, 3, 3, 0, 0], 15, 'severe'], [Array(7).fill(3), 21, 'severe'],
  ]) {
    const s = await score('gad7', items);
    assert.deepEqual([s.total, s.band, s.flags], [total, band, []], `GAD-7 ${items}`);
  }
  // [WHO5-SCORING] WHO-5: raw = sum, percentage = raw × 4; raw < 13 → poor_wellbeing; administer the MDI when
  // raw < 13 or any item is 0 or 1. [3,3,3,2,2]: raw 13, 52 %, no item 0/1 → no flag at all.
  let s = await score('who5', [3, 3, 3, 2, 2]);
  assert.deepEqual([s.total, s.percentage, s.band, s.flags], [13, 52, null, []]);
  s = await score('who5', [3, 3, 3, 2, 1]); // raw 12 (48 %), and an item at 1
  assert.deepEqual([s.total, s.percentage, s.flags], [12, 48, ['poor_wellbeing', 'administer_mdi']]);
  s = await score('who5', [5, 5, 5, 5, 1]); // raw 21 (84 %): well, but one item at 1
  assert.deepEqual([s.total, s.percentage, s.flags], [21, 84, ['administer_mdi']]);
  s = await score('who5', [5, 5, 5, 5, 0]); // an item at 0
  assert.deepEqual([s.total, s.percentage, s.flags], [20, 80, ['administer_mdi']]);
  s = await score('who5', [5, 5, 5, 5, 5]);
  assert.deepEqual([s.total, s.percentage, s.flags], [25, 100, []]);
  s = await score('who5', [0, 0, 0, 0, 0]);
  assert.deepEqual([s.total, s.percentage, s.flags], [0, 0, ['poor_wellbeing', 'administer_mdi']]);

  // [UWARC] PSS-10: items 4, 5, 7, 8 scored 4 − x, then summed. All 0: the four reversed items give 4
  // each → 16 ("moderate", informal bands 0–13/14–26/27–40).
  s = await score('pss10', Array(10).fill(0));
  assert.deepEqual([s.total, s.band], [16, 'moderate']);
  assert.deepEqual(s.scored, [0, 0, 0, 4, 4, 0, 4, 4, 0, 0]);
  s = await score('pss10', Array(10).fill(4)); // six forward items 24, reversed 0
  assert.deepEqual([s.total, s.scored], [24, [4, 4, 4, 0, 0, 4, 0, 0, 4, 4]]);
  s = await score('pss10', [0, 0, 0, 4, 4, 0, 4, 4, 0, 0]);
  assert.deepEqual([s.total, s.band], [0, 'low']);
  s = await score('pss10', [4, 4, 4, 0, 0, 4, 0, 0, 4, 4]);
  assert.deepEqual([s.total, s.band], [40, 'high']);
  for (const [items, total, band] of [
    [[4, 4, 4, 4, 4, 1, 4, 4, 0, 0], 13, 'low'], [[4, 4, 4, 4, 4, 2, 4, 4, 0, 0], 14, 'moderate'],
    [[4, 4, 2, 0, 0, 0, 0, 0, 0, 0], 26, 'moderate'], [[4, 4, 3, 0, 0, 0, 0, 0, 0, 0], 27, 'high'],
  ]) {
    s = await score('pss10', items);
    assert.deepEqual([s.total, s.band], [total, band], `PSS-10 ${items}`);
  }

  // [BECH2015] MDI: answers 1–7, 8a, 8b, 9, 10a, 10b; item 8 = max(8a, 8b), item 10 = max(10a, 10b).
  // [0…0, 8a 2, 8b 5, 9 0, 10a 4, 10b 1] → 5 + 4 = 9 (a sum of all twelve would be 12).
  s = await score('mdi', [0, 0, 0, 0, 0, 0, 0, 2, 5, 0, 4, 1]);
  assert.deepEqual([s.total, s.band, s.scored], [9, 'none_doubtful', [0, 0, 0, 0, 0, 0, 0, 5, 0, 4]]);
  assert.deepEqual(s.icd10, { grade: 'none', code: null });
  s = await score('mdi', [0, 0, 0, 0, 0, 0, 0, 5, 2, 0, 1, 4]); // the other way round: the same
  assert.deepEqual([s.total, s.scored], [9, [0, 0, 0, 0, 0, 0, 0, 5, 0, 4]]);
  // All 5: 50, severe; ICD-10 core 3 and other 7 → severe F32.2.
  s = await score('mdi', Array(12).fill(5));
  assert.deepEqual([s.total, s.band, s.icd10], [50, 'severe', { grade: 'severe', code: 'F32.2' }]);
  // The (3, 3) case where the MDI key and ICD-10 totals differ (sources.md#mdi-algorithm): core items 1–3 at 4 and items 4–6 at 3 → mild (F32.0)
  // by the MDI key; total 21 → "mild" band (Bech 2015).
  s = await score('mdi', [4, 4, 4, 3, 3, 3, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([s.total, s.band, s.icd10], [21, 'mild', { grade: 'mild', code: 'F32.0' }]);
  // Core 2, other 4 → moderate F32.1, though the total (20) is still "none or doubtful".
  s = await score('mdi', [4, 4, 0, 3, 3, 3, 3, 0, 0, 0, 0, 0]);
  assert.deepEqual([s.total, s.band, s.icd10], [20, 'none_doubtful', { grade: 'moderate', code: 'F32.1' }]);
  for (const [items, total, band] of [
    [[5, 5, 5, 5, 5, 0, 0, 0, 0, 0, 0, 0], 25, 'mild'], [[5, 5, 5, 5, 5, 1, 0, 0, 0, 0, 0, 0], 26, 'moderate'],
    [[5, 5, 5, 5, 5, 5, 0, 0, 0, 0, 0, 0], 30, 'moderate'], [[5, 5, 5, 5, 5, 5, 1, 0, 0, 0, 0, 0], 31, 'severe'],
  ]) {
    s = await score('mdi', items);
    assert.deepEqual([s.total, s.band], [total, band], `MDI ${items}`);
  }

  // [MUNDT2002] WSAS: sum of five 0–8 items; <10 subclinical, 10–20 significant, >20 moderately severe.
  for (const [items, total, band] of [
    [[2, 2, 2, 2, 1], 9, 'subclinical'], [[2, 2, 2, 2, 2], 10, 'significant_impairment'],
    [[4, 4, 4, 4, 4], 20, 'significant_impairment'], [[5, 4, 4, 4, 4], 21, 'moderately_severe_or_worse'],
    [[8, 8, 8, 8, 8], 40, 'moderately_severe_or_worse'],
  ]) {
    s = await score('wsas', items);
    assert.deepEqual([s.total, s.band], [total, band], `WSAS ${items}`);
  }
});

test('scoring refuses bad answers with 422 naming /items/N, and stores, logs and audits nothing', async () => {
  const anon = makeClient(server.base);
  const auditBefore = sql(server.db, 'SELECT count(*) AS n FROM audit_event')[0].n;
  const assessmentsBefore = sql(server.db, 'SELECT count(*) AS n FROM assessment')[0].n;
  const rows = [
    ['phq9', [1, 1, 1, null, 1, 1, 1, 1, 1], '/items/3', 'an unanswered item'],
    ['phq9', [1, 1, 1, 1, 1, 1, 1, 1], '/items/8', 'too few: the first missing one'],
    ['phq9', [1, 1, 1, 1, 1, 4, 1, 1, 1], '/items/5', 'above the scale'],
    ['phq9', [1, 1, -1, 1, 1, 1, 1, 1, 1], '/items/2', 'below the scale'],
    ['phq9', [1, 1, 1, 1, 1, 1, 1, 1, 1, 4], '/items/9', 'difficulty above its scale'],
    ['phq9', [1, 1, 1, 1, '2', 1, 1, 1, 1], '/items/4', 'a string'],
    ['phq9', [1, 1, 1, 1, 1.5, 1, 1, 1, 1], '/items/4', 'a fraction'],
    ['who5', [3, 3, 6, 3, 3], '/items/2', 'WHO-5 above 5'],
    ['pss10', [0, 0, 0, 0, 0, 0, 0, 0, 0, 5], '/items/9', 'PSS-10 above 4'],
    ['mdi', [0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0], '/items/8', 'MDI 8b above 5'],
    ['mdi', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], '/items/11', 'MDI without 10b'],
    ['wsas', [0, 0, 0, 0, 9], '/items/4', 'WSAS above 8'],
    ['gad7', [], '/items/0', 'no answers'],
  ];
  for (const [key, items, field, why] of rows) {
    const res = await anon.post(`/api/v1/instruments/${key}/score`, { items });
    assert.equal(res.status, 422, `${why}: ${describe(res)}`);
    assertProblem(res, 422, 'invalid', { field });
  }
  // Too many answers: the contract (Answers in openapi.json: "Too few, too many or out of range:
  // 422 naming /items/N") names the first answer too many (as src/core/instrument.h says too).
  assertProblem(await anon.post('/api/v1/instruments/gad7/score', { items: Array(8).fill(0) }), 422, 'invalid', { field: '/items/7' });
  assertProblem(await anon.post('/api/v1/instruments/phq9/score', { items: Array(11).fill(0) }), 422, 'invalid', { field: '/items/10' });
  assertProblem(await anon.post('/api/v1/instruments/phq9/score', { items: 'all ones' }), 422, 'invalid', { field: '/items' });
  assertProblem(await anon.post('/api/v1/instruments/phq9/score', {}), 422, 'invalid', { field: '/items' });
  assertProblem(await anon.post('/api/v1/instruments/phq9/score', { items: phq9(3), total: 3 }), 422, 'invalid', { field: null });
  assertProblem(await anon.post('/api/v1/instruments/phq10/score', { items: phq9(3) }), 404, 'not_found');
  assertProblem(await anon.request('POST', '/api/v1/instruments/phq9/score', { body: '{"items":[1,', headers: { 'Content-Type': 'application/json' } }), 400, 'malformed');
  assertProblem(await anon.request('POST', '/api/v1/instruments/phq9/score', { body: '{"items":[]}', headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
  await score('phq9', phq9(12)); // and a good one
  assert.equal(sql(server.db, 'SELECT count(*) AS n FROM audit_event')[0].n, auditBefore, 'scoring is not audited');
  assert.equal(sql(server.db, 'SELECT count(*) AS n FROM assessment')[0].n, assessmentsBefore, 'scoring stores nothing');
});

// --- Assessments -------------------------------------------------------------------------------

test('POST assessments: 201 with the computed score; GET lists it with the baseline', async () => {
  const { id } = await enrolment();
  const me = (await as('caremanager.herning')).session.user;
  const res = await assess(id, { instrument: 'phq9', date: daysAgo(2), items: [...Array(9).fill(1), 2], occasion: 'screening' });
  const a = assertOk(res, 201, 'Assessment');
  assert.deepEqual([a.instrument, a.occasion, a.date, a.total, a.band, a.flags], ['phq9', 'screening', daysAgo(2), 9, 'mild', ['safety']]);
  assert.deepEqual(a.items, [...Array(9).fill(1), 2]);
  assert.deepEqual([a.result.total, a.result.difficulty, a.result.provisional_diagnosis], [9, 2, 'none']);
  assert.equal(a.enrolment_id, id);
  assert.equal(a.current, true);
  assert.ok(!('corrects' in a) && !('replaced_by' in a) && !('reason' in a));
  assert.deepEqual(a.administered_by, { id: me.id, name: me.display_name });
  // occasion defaults to treatment; WHO-5 carries its percentage in result.
  const w = assertOk(await assess(id, { instrument: 'who5', items: [3, 3, 3, 2, 2] }), 201, 'Assessment');
  assert.deepEqual([w.occasion, w.total, w.band, w.flags, w.result.percentage], ['treatment', 13, null, [], 52]);
  const list = await listAssessments(id);
  assert.deepEqual(list.items.map((x) => x.id), [a.id, w.id], 'oldest first');
  assert.deepEqual(list.items[0], a);
  assert.deepEqual(list.baseline, { phq9: a.id, who5: w.id });
  assert.equal(list.next_cursor, null);
  // The therapist and the supervising clinician on the team read the same.
  for (const u of ['therapist.herning', 'supervisor.herning']) assert.deepEqual((await listAssessments(id, u)).items, list.items, u);
});

test('POST assessments with an Idempotency-Key: a retry answers the same and records one row; another body under the key is 422', async () => {
  const { id } = await enrolment();
  const cm = await as('caremanager.herning');
  const key = `zyx-assessment-${id}`;
  const body = { instrument: 'gad7', date: today(), items: [2, 2, 2, 1, 1, 1, 0] };
  const first = assertOk(await cm.post(`${base(id)}/assessments`, body, { headers: { 'Idempotency-Key': key } }), 201, 'Assessment');
  const again = assertOk(await cm.post(`${base(id)}/assessments`, body, { headers: { 'Idempotency-Key': key } }), 201, 'Assessment');
  assert.deepEqual(again, first);
  assertProblem(await cm.post(`${base(id)}/assessments`, { ...body, items: [0, 0, 0, 0, 0, 0, 0] }, { headers: { 'Idempotency-Key': key } }),
    422, 'invalid', { parameter: 'Idempotency-Key' });
  assert.deepEqual((await listAssessments(id)).items.map((a) => a.id), [first.id]);
});

test('POST assessments: each bad member is a 4xx naming the field, and nothing is written', async () => {
  const { id } = await enrolment();
  const other = await enrolment();
  const first = assertOk(await assess(id, { instrument: 'phq9', items: phq9(6) }), 201, 'Assessment');
  const foreign = assertOk(await assess(other.id, { instrument: 'phq9', items: phq9(6) }), 201, 'Assessment');
  const gad = assertOk(await assess(id, { instrument: 'gad7', items: Array(7).fill(1) }), 201, 'Assessment');
  const before = await listAssessments(id);
  const good = { instrument: 'phq9', date: today(), items: phq9(8) };
  const rows = [
    [{ instrument: 'phq10' }, '/instrument', 'unknown questionnaire'],
    [{ instrument: undefined }, '/instrument', 'no questionnaire'],
    [{ instrument: 9 }, '/instrument', 'a number'],
    [{ date: tomorrow() }, '/date', 'in the future'],
    [{ date: '2026-02-30' }, '/date', 'no such day'],
    [{ date: undefined }, '/date', 'no date'],
    [{ items: [1, 1, 1, null, 1, 1, 1, 1, 1] }, '/items/3', 'a missing answer'],
    [{ items: [1, 1, 1, 1, 1, 1, 1, 1] }, '/items/8', 'too few answers'],
    [{ items: [1, 1, 1, 1, 1, 1, 1, 7, 1] }, '/items/7', 'out of range'],
    [{ instrument: 'who5', items: [3, 3, 3, 2, 6] }, '/items/4', 'WHO-5 out of range'],
    [{ items: undefined }, '/items', 'no answers'],
    [{ occasion: 'intake' }, '/occasion', 'unknown occasion'],
    [{ administered_by: 1 }, null, 'unknown member'],
    [{ total: 8 }, null, 'the total is computed, never sent (an unknown member)'],
    [{ reason: 'typo' }, '/reason', 'a reason without a correction'],
    [{ corrects: first.id }, '/reason', 'a correction without a reason'],
    [{ corrects: first.id, reason: '' }, '/reason', 'an empty reason'],
    [{ corrects: 999_999_999, reason: 'typo' }, '/corrects', 'no such assessment'],
    [{ corrects: foreign.id, reason: 'typo' }, '/corrects', 'another enrolment\'s assessment'],
    [{ corrects: gad.id, reason: 'typo' }, '/instrument', 'a correction changes the questionnaire'],
    [{ corrects: 'one', reason: 'typo' }, '/corrects', 'not an id'],
  ];
  for (const [extra, field, why] of rows) {
    const body = { ...good, ...extra };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    const res = await (await as('caremanager.herning')).post(`${base(id)}/assessments`, body);
    assert.equal(res.status, 422, `${why}: ${describe(res)}`);
    assertProblem(res, 422, 'invalid', { field });
  }
  assert.deepEqual(await listAssessments(id), before, 'nothing written');
  assert.equal((await listAssessments(other.id)).items.length, 1);
  assertProblem(await (await as('caremanager.herning')).post(`${base(999_999_999)}/assessments`, good), 404, 'not_found');
});

test('a correction is a new row: the old one stays (current false, replaced_by), the baseline moves to the correction, a second correction of the same row is 409', async () => {
  const { id } = await enrolment();
  const a1 = assertOk(await assess(id, { instrument: 'phq9', date: daysAgo(10), items: phq9(14) }), 201, 'Assessment');
  const later = assertOk(await assess(id, { instrument: 'phq9', date: daysAgo(3), items: phq9(9) }), 201, 'Assessment');
  // The first one was typed wrong: corrected (recorded after `later`, dated as the original).
  const a2 = assertOk(await assess(id, { instrument: 'phq9', date: daysAgo(10), items: phq9(16), corrects: a1.id, reason: 'Item 2 was typed as 1; the paper says 3.' }), 201, 'Assessment');
  assert.deepEqual([a2.corrects, a2.reason, a2.current, a2.total], [a1.id, 'Item 2 was typed as 1; the paper says 3.', true, 16]);
  let list = await listAssessments(id);
  const byId = Object.fromEntries(list.items.map((x) => [x.id, x]));
  assert.equal(list.items.length, 3, 'both versions are kept');
  assert.equal(byId[a1.id].current, false);
  assert.equal(byId[a1.id].replaced_by, a2.id);
  assert.equal(byId[a1.id].total, 14, 'the corrected row keeps its answers');
  assert.deepEqual(byId[a1.id].items, a1.items);
  assert.equal(byId[later.id].current, true);
  // The baseline is the first current PHQ-9: the correction, though recorded last.
  assert.equal(list.baseline.phq9, a2.id);
  assert.deepEqual(list.items.map((x) => x.id), [a1.id, a2.id, later.id], 'oldest first by date');

  // Correcting the already-corrected row again: 409 naming /corrects; nothing written.
  assertProblem(await assess(id, { instrument: 'phq9', date: daysAgo(10), items: phq9(15), corrects: a1.id, reason: 'again' }), 409, 'conflict', { field: '/corrects' });
  assert.deepEqual(await listAssessments(id), list);
  // The newest version may be corrected: a chain a1 → a2 → a3.
  const a3 = assertOk(await assess(id, { instrument: 'phq9', date: daysAgo(10), items: phq9(15), corrects: a2.id, reason: 'Item 5 as well.' }), 201, 'Assessment');
  list = await listAssessments(id);
  const now = Object.fromEntries(list.items.map((x) => [x.id, x]));
  assert.deepEqual([now[a1.id].replaced_by, now[a2.id].replaced_by, now[a2.id].current, now[a3.id].current], [a2.id, a3.id, false, true]);
  assert.equal(list.baseline.phq9, a3.id);
  assert.equal(list.items.filter((x) => x.current).length, 2);
});

test('a read of the assessments is in the citizen\'s access log with purpose "treatment"', async () => {
  const { id, citizen } = await enrolment();
  assertOk(await assess(id, { instrument: 'gad7', items: Array(7).fill(2) }), 201, 'Assessment');
  await listAssessments(id, 'therapist.herning');
  const log = (await walkList(await as('caremanager.herning'), `/api/v1/citizens/${citizen.id}/access-log`, 200)).items;
  const read = log.find((e) => e.username === 'therapist.herning' && e.route === '/api/v1/enrolments/{id}/assessments' && e.action === 'read');
  assert.ok(read, JSON.stringify(log, null, 1));
  assert.deepEqual([read.purpose, read.outcome, read.role], ['treatment', 'allowed', 'therapist']);
  const write = log.find((e) => e.username === 'caremanager.herning' && e.route === '/api/v1/enrolments/{id}/assessments' && e.action !== 'read');
  assert.ok(write, 'the recording is audited too');
  assert.equal(write.purpose, 'treatment');
  // Every treatment read, not only assessments.
  for (const r of ['sessions', 'safety-followups', 'eligibility', 'case-reviews']) await (await as('caremanager.herning')).get(`${base(id)}/${r}`);
  const again = (await walkList(await as('caremanager.herning'), `/api/v1/citizens/${citizen.id}/access-log`, 200)).items;
  for (const r of ['sessions', 'safety-followups', 'eligibility', 'case-reviews'])
    assert.ok(again.some((e) => e.route === `/api/v1/enrolments/{id}/${r}` && e.action === 'read' && e.purpose === 'treatment'), r);
});

// --- Eligibility -------------------------------------------------------------------------------

async function eligibility(id) {
  return assertOk(await (await as('caremanager.herning')).get(`${base(id)}/eligibility`), 200, 'Eligibility');
}

test('eligibility: needs_screening → eligible at PHQ-9 ≥ 5 → refer_elsewhere at PHQ-9 ≥ 20; the decision keeps the suggestion', async () => {
  const { id } = await enrolment({ status: 'screening' });
  // Born 2001-03-07 (createCitizen), referred today: in ibbu-midt's 18–30, Herning (657), a target
  // group of the project. No screening yet.
  let el = await eligibility(id);
  assert.deepEqual(el.suggestion.reasons, ['screening_missing']);
  assert.equal(el.suggestion.result, 'needs_screening');
  const [y, m, d] = today().split('-').map(Number);
  assert.equal(el.suggestion.age, y - 2001 - (m < 3 || (m === 3 && d < 7) ? 1 : 0));
  assert.deepEqual([el.decisions, el.in_force], [[], null]);
  // PHQ-9 4: below its entry threshold (5), GAD-7 and WHO-5 not given → still screening, incomplete.
  assertOk(await assess(id, { instrument: 'phq9', items: phq9(4), occasion: 'screening' }), 201, 'Assessment');
  el = await eligibility(id);
  assert.deepEqual([el.suggestion.result, el.suggestion.reasons], ['needs_screening', ['screening_incomplete']]);
  // PHQ-9 5 ("mild", [KROENKE2001]; migration 0007 screen_phq9_min 5): one threshold met is enough.
  assertOk(await assess(id, { instrument: 'phq9', items: phq9(5), occasion: 'screening' }), 201, 'Assessment');
  el = await eligibility(id);
  assert.deepEqual([el.suggestion.result, el.suggestion.reasons], ['eligible', []]);
  // Scores taken in treatment do not count: only the screening decides (a PHQ-9 of 2 later on
  // would otherwise read "below threshold").
  assertOk(await assess(id, { instrument: 'phq9', items: phq9(2) }), 201, 'Assessment');
  el = await eligibility(id);
  assert.deepEqual([el.suggestion.result, el.suggestion.reasons], ['eligible', []], 'treatment scores are not screening');
  // PHQ-9 20 ("severe", [KROENKE2001]; severe_phq9_min 20), item 9 = 0 → refer elsewhere.
  assertOk(await assess(id, { instrument: 'phq9', items: phq9(20), occasion: 'screening' }), 201, 'Assessment');
  el = await eligibility(id);
  assert.deepEqual([el.suggestion.result, el.suggestion.reasons], ['refer_elsewhere', ['severe_depression']]);

  // The clinician decides otherwise; the suggestion of the moment is kept beside the decision.
  const me = (await as('caremanager.herning')).session.user;
  const dec = assertOk(await (await as('caremanager.herning')).post(`${base(id)}/eligibility`, {
    decision: 'eligible', why: 'Severe on paper, but managed with the GP; wants the programme.', date: today(),
  }), 201, 'EligibilityDecision');
  assert.deepEqual([dec.decision, dec.suggestion, dec.reasons, dec.date, dec.enrolment_id], ['eligible', 'refer_elsewhere', ['severe_depression'], today(), id]);
  assert.deepEqual(dec.decided_by, { id: me.id, name: me.display_name });
  assert.ok(!('referred_to' in dec));
  el = await eligibility(id);
  assert.deepEqual(el.decisions, [dec]);
  assert.deepEqual(el.in_force, dec);
  assert.equal(el.suggestion.result, 'refer_elsewhere', 'the suggestion is still the rules\'');

  // A later decision is a new row and is in force.
  const dec2 = assertOk(await (await as('therapist.herning')).post(`${base(id)}/eligibility`, {
    decision: 'referred_elsewhere', referred_to: 'Psykiatrisk akutmodtagelse, Herning', why: 'Worse at the next visit.', date: today(),
  }), 201, 'EligibilityDecision');
  assert.equal(dec2.referred_to, 'Psykiatrisk akutmodtagelse, Herning');
  el = await eligibility(id);
  assert.deepEqual(el.decisions.map((x) => x.id), [dec.id, dec2.id]);
  assert.deepEqual(el.in_force, dec2);
});

test('eligibility: a correction counts, not the row it replaced; item 9 ≥ 2 suggests refer_elsewhere (acute_suicide_risk)', async () => {
  const { id } = await enrolment({ status: 'screening' });
  const wrong = assertOk(await assess(id, { instrument: 'phq9', items: phq9(3), occasion: 'screening' }), 201, 'Assessment');
  assert.equal((await eligibility(id)).suggestion.result, 'needs_screening');
  assertOk(await assess(id, { instrument: 'phq9', items: phq9(6), occasion: 'screening', corrects: wrong.id, reason: 'Misread.' }), 201, 'Assessment');
  const corrected = await eligibility(id);
  assert.deepEqual([corrected.suggestion.result, corrected.suggestion.reasons], ['eligible', []], 'the correction (6) counts, not the 3 it replaced');
  // Item 9 at 2 (suicide_item9_min 2 in migration 0007; a product decision, eligibility.h).
  assertOk(await assess(id, { instrument: 'phq9', items: phq9(8, 2), occasion: 'screening' }), 201, 'Assessment');
  const el = await eligibility(id);
  assert.deepEqual([el.suggestion.result, el.suggestion.reasons], ['refer_elsewhere', ['acute_suicide_risk']]);
  // WHO-5 raw ≤ 12 alone also meets the entry criterion ([WHO5-SCORING]), GAD-7 ≥ 5 alone too ([SPITZER2006]).
  const w = await enrolment({ status: 'screening' });
  assertOk(await assess(w.id, { instrument: 'who5', items: [3, 3, 3, 2, 1], occasion: 'screening' }), 201, 'Assessment');
  assert.equal((await eligibility(w.id)).suggestion.result, 'eligible');
  const g = await enrolment({ status: 'screening' });
  assertOk(await assess(g.id, { instrument: 'gad7', items: [1, 1, 1, 1, 0, 0, 0], occasion: 'screening' }), 201, 'Assessment');
  assert.deepEqual((await eligibility(g.id)).suggestion.reasons, ['screening_incomplete']);
  assertOk(await assess(g.id, { instrument: 'gad7', items: [1, 1, 1, 1, 1, 0, 0], occasion: 'screening' }), 201, 'Assessment');
  assert.equal((await eligibility(g.id)).suggestion.result, 'eligible');
  // All three given, none met: below the threshold → not eligible.
  const n = await enrolment({ status: 'screening' });
  assertOk(await assess(n.id, { instrument: 'phq9', items: phq9(4), occasion: 'screening' }), 201, 'Assessment');
  assertOk(await assess(n.id, { instrument: 'gad7', items: [1, 1, 1, 1, 0, 0, 0], occasion: 'screening' }), 201, 'Assessment');
  assertOk(await assess(n.id, { instrument: 'who5', items: [3, 3, 3, 2, 2], occasion: 'screening' }), 201, 'Assessment');
  assert.deepEqual((await eligibility(n.id)).suggestion.reasons, ['below_symptom_threshold']);
  assert.equal((await eligibility(n.id)).suggestion.result, 'not_eligible');
});

test('eligibility decisions: bad bodies are 422 naming the field, and nothing is written', async () => {
  const { id } = await enrolment({ status: 'screening' });
  const good = { decision: 'not_eligible', why: 'Below the threshold.', date: today() };
  const rows = [
    [{ decision: 'maybe' }, '/decision'],
    [{ decision: 'refer_elsewhere' }, '/decision'], // a suggestion's name, not a decision's
    [{ decision: undefined }, '/decision'],
    [{ why: undefined }, '/why'],
    [{ why: '' }, '/why'],
    [{ date: tomorrow() }, '/date'],
    [{ date: '2026-13-01' }, '/date'],
    [{ date: undefined }, '/date'],
    [{ decision: 'referred_elsewhere' }, '/referred_to'],
    [{ decision: 'referred_elsewhere', referred_to: '   ' }, '/referred_to'],
    [{ decision: 'referred_elsewhere', referred_to: 'two\nlines' }, '/referred_to'],
    [{ referred_to: 'Psykiatrien' }, '/referred_to'],
    [{ suggestion: 'eligible' }, null], // unknown member
  ];
  const cm = await as('caremanager.herning');
  for (const [extra, field] of rows) {
    const body = { ...good, ...extra };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    assertProblem(await cm.post(`${base(id)}/eligibility`, body), 422, 'invalid', { field });
  }
  const el = await eligibility(id);
  assert.deepEqual([el.decisions, el.in_force], [[], null], 'nothing written');
});

// --- Treatment plan ----------------------------------------------------------------------------

test('treatment plan: 404 before one; PUT creates (201, ETag "1"); a second PUT without If-Match is 428; If-Match changes it; stale is 412', async () => {
  const { id } = await enrolment();
  const cm = await as('caremanager.herning');
  const url = `${base(id)}/treatment-plan`;
  const put = (json, headers = {}, api = cm) => api.request('PUT', url, { json, headers });
  assertProblem(await cm.get(url), 404, 'not_found');
  const plan = { start_date: daysAgo(7), focus: 'Low mood and sleep', modality: 'behavioural_activation', target: 'PHQ-9 under 10' };
  let res = await put(plan);
  const v1 = assertOk(res, 201, 'TreatmentPlan');
  assertETag(res, 1);
  assert.deepEqual([v1.version, v1.enrolment_id, v1.start_date, v1.modality, v1.focus, v1.target], [1, id, daysAgo(7), 'behavioural_activation', plan.focus, plan.target]);
  assert.ok(!('aftercare_from' in v1));
  res = await cm.get(url);
  assert.deepEqual(assertOk(res, 200, 'TreatmentPlan'), v1);
  assertETag(res, 1);

  // A plan exists: without If-Match the PUT is refused, and it is unchanged.
  assertProblem(await put({ ...plan, focus: 'Overwritten?' }), 428, 'precondition_required');
  assertProblem(await put({ ...plan, focus: 'Overwritten?' }, { 'If-Match': 'version one' }), 428, 'precondition_required');
  assert.deepEqual(assertOk(await cm.get(url), 200, 'TreatmentPlan'), v1);

  // With If-Match: changed, version 2 (by the therapist: anyone of the health staff on the team).
  res = await put({ ...plan, modality: 'cbt', aftercare_from: today() }, { 'If-Match': '"1"' }, await as('therapist.herning'));
  const v2 = assertOk(res, 200, 'TreatmentPlan');
  assertETag(res, 2);
  assert.deepEqual([v2.version, v2.modality, v2.aftercare_from, v2.updated_by.name], [2, 'cbt', today(), 'Psykolog, Herning']);
  // The stale version: 412, unchanged.
  res = await put({ ...plan, focus: 'Lost update?' }, { 'If-Match': '"1"' });
  assert.equal(res.status, 412, describe(res));
  // openapi.json, Stale: "`current_version` and the ETag header give the current one".
  assert.equal(res.body?.current_version, 2, `current_version of the stale answer: ${describe(res)}`);
  assertETag(res, 2);
  assertProblem(res, 412, 'stale');
  assert.deepEqual(assertOk(await cm.get(url), 200, 'TreatmentPlan'), v2);
  // A PUT is the whole plan: aftercare_from left out clears it.
  const v3 = assertOk(await put(plan, { 'If-Match': '"2"' }), 200, 'TreatmentPlan');
  assert.equal(v3.version, 3);
  assert.ok(!('aftercare_from' in v3));
});

test('treatment plan: bad bodies are 422 naming the field, and nothing is written', async () => {
  const { id } = await enrolment();
  const cm = await as('caremanager.herning');
  const url = `${base(id)}/treatment-plan`;
  const good = { start_date: daysAgo(3), focus: 'Worry', modality: 'problem_solving', target: 'GAD-7 under 5' };
  const rows = [
    [{ modality: 'hypnosis' }, '/modality'],
    [{ modality: 'CBT' }, '/modality'],
    [{ modality: undefined }, '/modality'],
    [{ focus: '' }, '/focus'],
    [{ focus: undefined }, '/focus'],
    [{ target: undefined }, '/target'],
    [{ target: 'x'.repeat(2001) }, '/target'],
    [{ start_date: '2026-02-29' }, '/start_date'],
    [{ start_date: undefined }, '/start_date'],
    [{ aftercare_from: daysAgo(4) }, '/aftercare_from'],
    [{ aftercare_from: 'soon' }, '/aftercare_from'],
    [{ version: 1 }, null], // unknown member
  ];
  for (const [extra, field] of rows) {
    const body = { ...good, ...extra };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    assertProblem(await cm.request('PUT', url, { json: body }), 422, 'invalid', { field });
  }
  assertProblem(await cm.get(url), 404, 'not_found', {});
  assertOk(await cm.request('PUT', url, { json: good }), 201, 'TreatmentPlan');
});

// --- Sessions and safety follow-ups ------------------------------------------------------------

test('sessions: 201 and listed oldest first; bad kind, date, duration or note are 422 and write nothing', async () => {
  const { id } = await enrolment();
  const cm = await as('caremanager.herning');
  const url = `${base(id)}/sessions`;
  const s2 = assertOk(await cm.post(url, { date: daysAgo(1), kind: 'walk_and_talk', duration_min: 45, note: 'Walked by the lake.' }), 201, 'TreatmentSession');
  const s1 = assertOk(await cm.post(url, { date: daysAgo(8), kind: 'phone', duration_min: 15, note: '' }), 201, 'TreatmentSession');
  assert.deepEqual([s2.kind, s2.duration_min, s2.date, s2.enrolment_id], ['walk_and_talk', 45, daysAgo(1), id]);
  assert.equal(s1.note, '', 'a note may be empty');
  let list = assertOk(await cm.get(url), 200, 'TreatmentSessionList');
  assert.deepEqual(list.items.map((x) => x.id), [s1.id, s2.id], 'by date');
  const good = { date: today(), kind: 'individual', duration_min: 50, note: 'x' };
  const rows = [
    [{ kind: 'email' }, '/kind'], [{ kind: undefined }, '/kind'], [{ kind: 'Individual' }, '/kind'],
    [{ date: tomorrow() }, '/date'], [{ date: '2026-04-31' }, '/date'], [{ date: undefined }, '/date'],
    [{ duration_min: 0 }, '/duration_min'], [{ duration_min: 601 }, '/duration_min'], [{ duration_min: 30.5 }, '/duration_min'],
    [{ duration_min: undefined }, '/duration_min'], [{ note: undefined }, '/note'], [{ note: 'x'.repeat(10_001) }, '/note'],
    [{ recorded_by: 1 }, null], // unknown member
  ];
  for (const [extra, field] of rows) {
    const body = { ...good, ...extra };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    assertProblem(await cm.post(url, body), 422, 'invalid', { field });
  }
  list = assertOk(await cm.get(url), 200, 'TreatmentSessionList');
  assert.equal(list.items.length, 2, 'nothing written');
});

test('safety follow-ups: 201, optionally naming one of the enrolment\'s assessments; bad bodies are 422 and write nothing', async () => {
  const { id } = await enrolment();
  const other = await enrolment();
  const cm = await as('caremanager.herning');
  const url = `${base(id)}/safety-followups`;
  const a = assertOk(await assess(id, { instrument: 'phq9', items: phq9(10, 1) }), 201, 'Assessment');
  assert.deepEqual(a.flags, ['safety']);
  const b = assertOk(await assess(other.id, { instrument: 'phq9', items: phq9(10, 1) }), 201, 'Assessment');
  const f = assertOk(await cm.post(url, { date: today(), action: 'risk_assessed', note: 'No plans; safety plan reviewed.', assessment_id: a.id }), 201, 'SafetyFollowup');
  assert.deepEqual([f.action, f.assessment_id, f.date], ['risk_assessed', a.id, today()]);
  const g = assertOk(await cm.post(url, { date: today(), action: 'contact_attempted', note: 'No answer.' }), 201, 'SafetyFollowup');
  assert.ok(!('assessment_id' in g));
  const good = { date: today(), action: 'safety_plan', note: 'x' };
  const rows = [
    [{ action: 'called_police' }, '/action'], [{ action: undefined }, '/action'],
    [{ date: tomorrow() }, '/date'], [{ date: undefined }, '/date'],
    [{ note: '' }, '/note'], [{ note: undefined }, '/note'],
    [{ assessment_id: b.id }, '/assessment_id'], [{ assessment_id: 999_999_999 }, '/assessment_id'], [{ assessment_id: 0 }, '/assessment_id'],
    [{ flag: 'safety' }, null], // unknown member
  ];
  for (const [extra, field] of rows) {
    const body = { ...good, ...extra };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    assertProblem(await cm.post(url, body), 422, 'invalid', { field });
  }
  const list = assertOk(await cm.get(url), 200, 'SafetyFollowupList');
  assert.deepEqual(list.items.map((x) => x.id), [f.id, g.id], 'nothing else written');
  assert.equal(assertOk(await cm.get(`${base(other.id)}/safety-followups`), 200, 'SafetyFollowupList').items.length, 0);
});

// --- Case reviews ------------------------------------------------------------------------------

test('case reviews: the supervising clinician records one (with a task for a team member); the team\'s health staff read it; others may not write', async () => {
  const { id } = await enrolment();
  const sup = await as('supervisor.herning');
  const cm = await as('caremanager.herning');
  const url = `${base(id)}/case-reviews`;
  const owner = cm.session.user;
  const r = assertOk(await sup.post(url, {
    date: today(), recommendation: 'Step up: add behavioural activation; review in 4 weeks.',
    task: { owner_id: owner.id, text: 'Book a joint meeting with the job consultant.', due: shift(today(), 14) },
  }), 201, 'CaseReview');
  assert.equal(r.enrolment_id, id);
  const stored = assertOk(await cm.get(url), 200, 'CaseReviewList').items;
  assert.deepEqual(stored[0].task.owner, { id: owner.id, name: owner.display_name }, 'the task owner as stored');
  assert.deepEqual(r.task.owner, { id: owner.id, name: owner.display_name }, 'the task owner in the POST answer');
  assert.equal(r.task.due, shift(today(), 14));
  assert.ok(!('done_at' in r.task));
  assert.equal(r.reviewer.name, 'Superviserende psykiater, Herning');
  assert.ok(Array.isArray(r.flags));
  for (const u of ['caremanager.herning', 'therapist.herning', 'supervisor.herning'])
    assert.deepEqual(assertOk(await (await as(u)).get(url), 200, 'CaseReviewList').items, [r], u);
  // Only the supervising clinician records reviews: the care manager and therapist are 403.
  for (const u of ['caremanager.herning', 'therapist.herning'])
    assertProblem(await (await as(u)).post(url, { date: today(), recommendation: 'Self-review' }), 403, 'forbidden');
  // Bad bodies.
  const randers = (await (await as('caseworker.randers')).get('/api/v1/auth/me')).body.user;
  const good = { date: today(), recommendation: 'Continue.' };
  const rows = [
    [{ date: tomorrow() }, '/date'], [{ date: undefined }, '/date'],
    [{ recommendation: '' }, '/recommendation'], [{ recommendation: undefined }, '/recommendation'],
    [{ task: 'call her' }, '/task'], [{ task: null }, '/task'],
    [{ task: { owner_id: randers.id, text: 'x' } }, '/task/owner_id'],
    [{ task: { owner_id: 999_999_999, text: 'x' } }, '/task/owner_id'],
    [{ task: { owner_id: owner.id } }, '/task/text'],
    [{ task: { owner_id: owner.id, text: 'x', due: 'friday' } }, '/task/due'],
    [{ task: { owner_id: owner.id, text: 'x', done: true } }, '/task'], // the object holding the unknown member
    [{ flags: ['safety'] }, null], // unknown member
  ];
  for (const [extra, field] of rows) {
    const body = { ...good, ...extra };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    assertProblem(await sup.post(url, body), 422, 'invalid', { field });
  }
  assert.equal(assertOk(await cm.get(url), 200, 'CaseReviewList').items.length, 1, 'nothing else written');
  assert.equal(sql(server.db, `SELECT count(*) AS n FROM task WHERE enrolment_id = ${id}`)[0].n, 1);
});

test('a safety follow-up may name only the PHQ-9 whose item 9 called for it, and not come before it', async () => {
  const { id } = await enrolment();
  // [MII] (docs/sources.md): the follow-up answers a PHQ-9 with item 9 ≥ 1.
  const flagged = assertOk(await assess(id, { instrument: 'phq9', date: daysAgo(3), items: phq9(7, 1) }), 201, 'Assessment');
  const calm = assertOk(await assess(id, { instrument: 'phq9', date: daysAgo(3), items: phq9(7, 0) }), 201, 'Assessment');
  const gad = assertOk(await assess(id, { instrument: 'gad7', date: daysAgo(3), items: [1, 1, 1, 1, 1, 1, 1] }), 201, 'Assessment');
  const api = await as('caremanager.herning');
  const body = (extra) => ({ date: daysAgo(1), action: 'risk_assessed', note: 'Risk assessed.', ...extra });
  for (const [extra, field] of [
    [{ assessment_id: calm.id }, '/assessment_id'],
    [{ assessment_id: gad.id }, '/assessment_id'],
    [{ assessment_id: flagged.id, date: daysAgo(4) }, '/date'],
  ])
    assertProblem(await api.post(`${base(id)}/safety-followups`, body(extra)), 422, 'invalid', { field });
  assert.deepEqual(assertOk(await api.get(`${base(id)}/safety-followups`), 200, 'SafetyFollowupList').items, [], 'nothing written');
  const ok = assertOk(await api.post(`${base(id)}/safety-followups`, body({ assessment_id: flagged.id })), 201, 'SafetyFollowup');
  assert.equal(ok.assessment_id, flagged.id);
});
