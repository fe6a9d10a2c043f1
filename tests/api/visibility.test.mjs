// Who sees what of a citizen (docs/security-model.md "Visibility", "Consent", "Audit"): the
// health summary for health roles, and for municipal roles only while consent
// health_summary_to_municipality is in force; the employment summary for municipal roles, and for
// health roles only while employment_to_health is; a member the caller may not see is absent, not
// null. Citizens of another municipality are 404, a citizen in one's own municipality but not on
// one's team 403; administrators, project leads and evaluators see no citizen. Every read and
// every refusal is in the citizen's access log.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, samspor, rememberPersonal } from './server.mjs';
import {
  makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, walkList, createCitizen, activeEnrolment, todayDk, addDays, iso, describe,
} from './client.mjs';

let server;
let midt;
const clients = new Map();

/** A client signed in as username (one per user for the whole file). */
async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username, username === TEAMLESS ? TEAMLESS_PASSWORD : undefined));
  return clients.get(username);
}

const HEALTH = ['caremanager.herning', 'therapist.herning', 'supervisor.herning'];
const MUNICIPAL = ['caseworker.herning', 'jobconsultant.herning'];
const NO_CITIZENS = ['admin', 'lead.ibbu-midt', 'researcher.ibbu-midt'];
const TEAMLESS = 'caseworker2.herning'; // made in before(): municipal staff of Herning on no team
const TEAMLESS_PASSWORD = 'zyx-teamless-passphrase-77';

before(async () => {
  server = await startServer();
  const added = samspor(['user', 'add', '--db', server.db, '--username', TEAMLESS, '--name', 'Caseworker without a team',
    '--organisation', '657', '--role', 'caseworker'], { input: `${TEAMLESS_PASSWORD}\n` });
  assert.equal(added.status, 0, added.stderr);
  midt = (await walkList(await as('caseworker.herning'), '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  assert.ok(midt);
});
after(async () => {
  await stopAndCheck(server);
});

const today = () => iso(todayDk());

/** A Herning citizen registered by caseworker.herning, enrolled in ibbu-midt and moved to active. */
async function activeHerningCitizen() {
  return activeEnrolment(await as('caseworker.herning'), midt, { referralSource: 'Jobcenter (synlighedstest)' });
}

/**
 * The enrolment as `username` sees it, through GET /api/v1/citizens/{id} (its enrolments) and
 * GET /api/v1/enrolments/{id}; both must agree. Returns the enrolment object.
 */
async function seenBy(username, citizenId, enrolmentId) {
  const api = await as(username);
  const c = assertOk(await api.get(`/api/v1/citizens/${citizenId}`), 200, 'Citizen');
  const fromCitizen = c.enrolments.find((x) => x.id === enrolmentId);
  assert.ok(fromCitizen, `${username}: the enrolment is among the citizen's`);
  const direct = assertOk(await api.get(`/api/v1/enrolments/${enrolmentId}`), 200, 'Enrolment');
  assert.deepEqual(direct, fromCitizen, `${username}: /enrolments/{id} and /citizens/{id} agree`);
  for (const k of ['health_summary', 'employment_summary'])
    if (k in direct) assert.notEqual(direct[k], null, `${username}: ${k} is never null`);
  return direct;
}

async function consent(username, enrolmentId, scope, given) {
  const res = await (await as(username)).post(`/api/v1/enrolments/${enrolmentId}/consents`, { scope, given, date: today() });
  const c = assertOk(res, 201, 'Consent');
  assert.equal(c.scope, scope);
  assert.equal(c.given, given);
  assert.equal(c.date, today());
  return c;
}

test('without sign-in the citizen, access-log and consent routes are 401 unauthenticated, and no consent is written', async () => {
  const { citizen, enrolment } = await activeHerningCitizen();
  const anon = makeClient(server.base);
  assertUnauthenticated(await anon.get(`/api/v1/citizens/${citizen.id}`));
  assertUnauthenticated(await anon.get(`/api/v1/citizens/${citizen.id}/access-log`));
  assertUnauthenticated(await anon.get(`/api/v1/enrolments/${enrolment.id}/consents`));
  assertUnauthenticated(await anon.post(`/api/v1/enrolments/${enrolment.id}/consents`, { scope: 'research_use', given: true, date: today() }));
  const list = assertOk(await (await as('caseworker.herning')).get(`/api/v1/enrolments/${enrolment.id}/consents`), 200, 'ConsentList');
  assert.deepEqual(list.items, []);
});

test('health_summary: the latest PHQ-9 band and its trend reach the job centre with consent, never a total, an answer or a flag', async () => {
  const { citizen, enrolment } = await activeHerningCitizen();
  const cm = await as('caremanager.herning');
  // Kroenke 2001: PHQ-9 total 16 is "moderately severe" (15–19), 8 is "mild" (5–9); item 9
  // answered 1 raises the safety flag ([MII]). NHS Talking Therapies: a fall of 6 or more is
  // reliable (docs/sources.md#nhs-tt).
  for (const items of [[2, 2, 2, 2, 2, 2, 2, 1, 1], [1, 1, 1, 1, 1, 1, 1, 0, 1]])
    assertOk(await cm.post(`/api/v1/enrolments/${enrolment.id}/assessments`, { instrument: 'phq9', date: today(), items }), 201, 'Assessment');
  await consent('caseworker.herning', enrolment.id, 'health_summary_to_municipality', true);
  for (const u of [...HEALTH, ...MUNICIPAL]) {
    const summary = (await seenBy(u, citizen.id, enrolment.id)).health_summary;
    assert.deepEqual(summary, {
      in_treatment: true, phq9: { band: 'mild', trend: 'improving', date: today() }, gad7: null, last_session: null,
    }, `${u}: band and trend only`);
  }
  // A rise of 6 or more from the first score is reliably worse ([NHS-TT]): 16 → 22 ("severe", [KROENKE2001]).
  assertOk(await cm.post(`/api/v1/enrolments/${enrolment.id}/assessments`, { instrument: 'phq9', date: today(), items: [3, 3, 3, 3, 3, 3, 2, 1, 1] }), 201, 'Assessment');
  assert.deepEqual((await seenBy('caseworker.herning', citizen.id, enrolment.id)).health_summary.phq9,
    { band: 'severe', trend: 'worsening', date: today() });
  // The answers themselves stay with the health staff, consent or not.
  for (const u of MUNICIPAL)
    assertProblem(await (await as(u)).get(`/api/v1/enrolments/${enrolment.id}/assessments`), 403, 'forbidden');
});

test('health_summary: health roles see it; municipal roles only while health_summary_to_municipality is given (absent, not null, otherwise)', async () => {
  const { citizen, enrolment } = await activeHerningCitizen();
  for (const u of HEALTH)
    assert.deepEqual((await seenBy(u, citizen.id, enrolment.id)).health_summary, { in_treatment: true, phq9: null, gad7: null, last_session: null }, `${u}: active → in treatment`);
  for (const u of MUNICIPAL) assert.ok(!('health_summary' in await seenBy(u, citizen.id, enrolment.id)), `${u}: no consent yet`);

  const given = await consent('caseworker.herning', enrolment.id, 'health_summary_to_municipality', true);
  assert.equal(given.recorded_by, (await as('caseworker.herning')).session.user.id, 'recorded by the signed-in user');
  for (const u of MUNICIPAL)
    assert.deepEqual((await seenBy(u, citizen.id, enrolment.id)).health_summary, { in_treatment: true, phq9: null, gad7: null, last_session: null }, `${u}: consent given`);
  // The other consent is not implied.
  for (const u of HEALTH) assert.ok(!('employment_summary' in await seenBy(u, citizen.id, enrolment.id)), `${u}: employment without its consent`);

  // Withdrawn: gone on the very next request.
  await consent('caremanager.herning', enrolment.id, 'health_summary_to_municipality', false);
  for (const u of MUNICIPAL) assert.ok(!('health_summary' in await seenBy(u, citizen.id, enrolment.id)), `${u}: consent withdrawn`);
  for (const u of HEALTH) assert.ok('health_summary' in await seenBy(u, citizen.id, enrolment.id), `${u}: health roles keep it`);

  // Given again: back.
  await consent('jobconsultant.herning', enrolment.id, 'health_summary_to_municipality', true);
  assert.ok('health_summary' in await seenBy('caseworker.herning', citizen.id, enrolment.id));
});

test('employment_summary: municipal roles see it; health roles only while employment_to_health is given', async () => {
  const { citizen, enrolment } = await activeHerningCitizen();
  for (const u of MUNICIPAL)
    assert.deepEqual((await seenBy(u, citizen.id, enrolment.id)).employment_summary, { in_work_or_education: false }, `${u}: no episode`);
  for (const u of HEALTH) assert.ok(!('employment_summary' in await seenBy(u, citizen.id, enrolment.id)), `${u}: no consent yet`);

  await consent('caremanager.herning', enrolment.id, 'employment_to_health', true);
  for (const u of HEALTH)
    assert.deepEqual((await seenBy(u, citizen.id, enrolment.id)).employment_summary, { in_work_or_education: false }, `${u}: consent given`);
  for (const u of MUNICIPAL) assert.ok(!('health_summary' in await seenBy(u, citizen.id, enrolment.id)), `${u}: health without its consent`);

  await consent('caseworker.herning', enrolment.id, 'employment_to_health', false);
  for (const u of HEALTH) assert.ok(!('employment_summary' in await seenBy(u, citizen.id, enrolment.id)), `${u}: consent withdrawn`);
  for (const u of MUNICIPAL) assert.ok('employment_summary' in await seenBy(u, citizen.id, enrolment.id), `${u}: municipal roles keep it`);
});

test('research_use changes no member; the consent history is kept and the newest row per scope is in force', async () => {
  const { citizen, enrolment } = await activeHerningCitizen();
  const before = await seenBy('caseworker.herning', citizen.id, enrolment.id);
  await consent('caseworker.herning', enrolment.id, 'research_use', true);
  assert.deepEqual(await seenBy('caseworker.herning', citizen.id, enrolment.id), before);
  await consent('caseworker.herning', enrolment.id, 'health_summary_to_municipality', true);
  await consent('caseworker.herning', enrolment.id, 'health_summary_to_municipality', false);
  const list = assertOk(await (await as('caremanager.herning')).get(`/api/v1/enrolments/${enrolment.id}/consents`), 200, 'ConsentList');
  assert.deepEqual(list.items.map((c) => `${c.scope}:${c.given}`), ['research_use:true', 'health_summary_to_municipality:true', 'health_summary_to_municipality:false']);
  assert.deepEqual(list.in_force, { health_summary_to_municipality: false, employment_to_health: false, research_use: true });
  assert.equal(list.next_cursor, null);
  for (const c of list.items) assert.equal(c.recorded_by_name, 'Sagsbehandler, Herning');
});

test('consents: invalid bodies are 422 with the field, and nothing is written', async () => {
  const { enrolment } = await activeHerningCitizen();
  const cw = await as('caseworker.herning');
  const url = `/api/v1/enrolments/${enrolment.id}/consents`;
  const good = { scope: 'health_summary_to_municipality', given: true, date: today() };
  const rows = [
    [{ scope: 'everything' }, '/scope'],
    [{ scope: undefined }, '/scope'],
    [{ given: 'yes' }, '/given'],
    [{ given: undefined }, '/given'],
    [{ date: iso(addDays(todayDk(), 1)) }, '/date'],
    [{ date: '2026-02-30' }, '/date'],
    [{ date: undefined }, '/date'],
    [{ recorded_by: 1 }, null], // unknown member
  ];
  for (const [extra, field] of rows) {
    const body = { ...good, ...extra };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    assertProblem(await cw.post(url, body), 422, 'invalid', { field });
  }
  assert.deepEqual(assertOk(await cw.get(url), 200, 'ConsentList').items, []);
  assert.ok(!('health_summary' in await seenBy('caseworker.herning', (await cw.get(`/api/v1/enrolments/${enrolment.id}`)).body.citizen_id, enrolment.id)));
});

/** A demo citizen of Randers (ibbu-midt's Randers team), as caseworker.randers sees them. */
async function randersCitizen() {
  const rc = await as('caseworker.randers');
  const { items } = await walkList(rc, `/api/v1/enrolments?project=${midt.id}`, 200);
  assert.ok(items.length > 0);
  const c = assertOk(await rc.get(`/api/v1/citizens/${items[0].citizen_id}`), 200, 'Citizen');
  rememberPersonal(c.identifier, c.name, c.phone, c.email);
  assert.equal(String(c.municipality_code), '730');
  return { citizen: c, enrolment: items[0] };
}

test('a citizen of another municipality (Randers) is 404 for Herning\'s caseworker and care manager, on every route', async () => {
  const { citizen, enrolment } = await randersCitizen();
  for (const u of ['caseworker.herning', 'caremanager.herning']) {
    const api = await as(u);
    assertProblem(await api.get(`/api/v1/citizens/${citizen.id}`), 404, 'not_found');
    assertProblem(await api.get(`/api/v1/citizens/${citizen.id}/access-log`), 404, 'not_found');
    assertProblem(await api.get(`/api/v1/enrolments/${enrolment.id}`), 404, 'not_found');
    assertProblem(await api.get(`/api/v1/enrolments/${enrolment.id}/consents`), 404, 'not_found');
    assertProblem(await api.post(`/api/v1/enrolments/${enrolment.id}/consents`, { scope: 'research_use', given: true, date: today() }), 404, 'not_found');
    assertProblem(await api.patch(`/api/v1/enrolments/${enrolment.id}`, { referral_source: 'Zyx' }, { headers: { 'If-Match': `"${enrolment.version}"` } }), 404, 'not_found');
    // Nor do they find them by search.
    assert.deepEqual(assertOk(await api.get(`/api/v1/citizens?q=${citizen.identifier}`), 200, 'CitizenList').items, [], u);
  }
  const rc = await as('caseworker.randers');
  assert.deepEqual(assertOk(await rc.get(`/api/v1/enrolments/${enrolment.id}/consents`), 200, 'ConsentList').items, [], 'nothing written');
  assert.equal(assertOk(await rc.get(`/api/v1/enrolments/${enrolment.id}`), 200, 'Enrolment').version, enrolment.version);
});

test('a citizen enrolled in one\'s own municipality but on none of one\'s teams is 403; registered and not enrolled, 404', async () => {
  const { citizen, enrolment } = await activeHerningCitizen();
  const teamless = await as(TEAMLESS);
  assertProblem(await teamless.get(`/api/v1/citizens/${citizen.id}`), 403, 'forbidden');
  assertProblem(await teamless.get(`/api/v1/enrolments/${enrolment.id}`), 403, 'forbidden');
  assertProblem(await teamless.get(`/api/v1/citizens/${citizen.id}/access-log`), 403, 'forbidden');
  assert.deepEqual((await walkList(teamless, '/api/v1/citizens', 200)).items, [], 'a user on no team lists nobody');

  // Registered by caseworker.herning, not enrolled: only they see the citizen. Everyone else is
  // 404, even in Herning: the citizen has no enrolment in a municipality of their teams (the
  // municipality_code the registrar typed does not count).
  const cw = await as('caseworker.herning');
  const inHerning = await createCitizen(cw, { extra: { municipality_code: '657' } });
  assertOk(await cw.get(`/api/v1/citizens/${inHerning.id}`), 200, 'Citizen');
  for (const u of ['caremanager.herning', 'jobconsultant.herning', TEAMLESS, 'caseworker.randers'])
    assertProblem(await (await as(u)).get(`/api/v1/citizens/${inHerning.id}`), 404, 'not_found');
  const nowhere = await createCitizen(cw);
  assertProblem(await (await as('caremanager.herning')).get(`/api/v1/citizens/${nowhere.id}`), 404, 'not_found');
  // Once enrolled on the team, the whole team sees them.
  assertOk(await cw.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: inHerning.id, referral_date: today(), referral_source: 'Jobcenter', target_group: midt.target_groups[0],
  }), 201, 'Enrolment');
  for (const u of [...HEALTH, ...MUNICIPAL]) assertOk(await (await as(u)).get(`/api/v1/citizens/${inHerning.id}`), 200, 'Citizen');
});

test('a citizen\'s enrolments are shown per team: each caller sees only the enrolments of their own teams', async () => {
  const { citizen, enrolment } = await activeHerningCitizen();
  // The Herning care manager (regional staff) also works on the Thisted team of ibbu-nord.
  const projects = (await walkList(await as('caremanager.herning'), '/api/v1/projects', 200)).items;
  const nord = projects.find((p) => p.slug === 'ibbu-nord');
  const teams = samspor(['team', 'list', '--db', server.db]);
  const thisted = teams.stdout.split('\n').map((l) => l.trim().split(/\s+/)).find((f) => Number(f[1]) === nord.id && f[2] === '787');
  assert.ok(thisted, teams.stdout);
  assert.equal(samspor(['team', 'add-member', '--db', server.db, '--team', thisted[0], '--username', 'caremanager.herning']).status, 0);
  const cm = await as('caremanager.herning');
  const second = assertOk(await cm.post('/api/v1/enrolments', {
    project_id: nord.id, citizen_id: citizen.id, referral_date: today(), referral_source: 'Psykiatrien', target_group: nord.target_groups[0],
  }), 201, 'Enrolment');
  assert.equal(second.team_id, Number(thisted[0]));
  const ids = async (u) => assertOk(await (await as(u)).get(`/api/v1/citizens/${citizen.id}`), 200, 'Citizen').enrolments.map((e) => e.id).sort((a, b) => a - b);
  assert.deepEqual(await ids('caremanager.herning'), [enrolment.id, second.id].sort((a, b) => a - b), 'on both teams');
  assert.deepEqual(await ids('caseworker.herning'), [enrolment.id], 'Herning sees the Herning enrolment only');
  assert.deepEqual(await ids('caseworker.thisted'), [second.id], 'Thisted sees the Thisted enrolment only');
  assertProblem(await (await as('caseworker.thisted')).get(`/api/v1/enrolments/${enrolment.id}`), 404, 'not_found');
  assertProblem(await (await as('caseworker.herning')).get(`/api/v1/enrolments/${second.id}`), 404, 'not_found');
});

test('administrator, project lead and evaluator are 403 forbidden on every citizen route', async () => {
  const { citizen, enrolment } = await activeHerningCitizen();
  for (const u of NO_CITIZENS) {
    const api = await as(u);
    const refused = [
      await api.get('/api/v1/citizens'),
      await api.get(`/api/v1/citizens?q=${citizen.identifier}`),
      await api.get(`/api/v1/citizens/${citizen.id}`),
      await api.get(`/api/v1/citizens/${citizen.id}/access-log`),
      await api.post('/api/v1/citizens', { identifier: '680302-4994', identifier_type: 'erstatning', name: 'Zyx Forbudt', synthetic: true }),
      await api.get('/api/v1/enrolments'),
      await api.get(`/api/v1/enrolments/${enrolment.id}`),
      await api.patch(`/api/v1/enrolments/${enrolment.id}`, { status: 'aftercare' }, { headers: { 'If-Match': `"${enrolment.version}"` } }),
      await api.post('/api/v1/enrolments', { project_id: midt.id, citizen_id: citizen.id, referral_date: today(), referral_source: 'x', target_group: midt.target_groups[0] }),
      await api.get(`/api/v1/enrolments/${enrolment.id}/consents`),
      await api.post(`/api/v1/enrolments/${enrolment.id}/consents`, { scope: 'research_use', given: true, date: today() }),
    ];
    for (const res of refused) {
      assert.equal(res.status, 403, `${u}: ${describe(res)}`);
      assertProblem(res, 403, 'forbidden');
      assert.ok(!res.text.includes(citizen.name), `${u}: the refusal names nobody`);
    }
  }
  const cw = await as('caseworker.herning');
  assert.equal(assertOk(await cw.get(`/api/v1/enrolments/${enrolment.id}`), 200, 'Enrolment').version, enrolment.version, 'nothing written');
  assert.deepEqual(assertOk(await cw.get(`/api/v1/enrolments/${enrolment.id}/consents`), 200, 'ConsentList').items, []);
});

/** The whole access log of a citizen as `username` reads it (newest first). */
async function accessLog(username, citizenId, limit = 200) {
  const { items } = await walkList(await as(username), `/api/v1/citizens/${citizenId}/access-log`, limit);
  return items;
}

test('the access log lists every read with username, role and purpose, newest first', async () => {
  const { citizen, enrolment } = await activeHerningCitizen();
  await (await as('caremanager.herning')).get(`/api/v1/citizens/${citizen.id}`);
  await (await as('therapist.herning')).get(`/api/v1/enrolments/${enrolment.id}`);
  await (await as('jobconsultant.herning')).get(`/api/v1/citizens?q=${citizen.identifier}`);
  const res = await (await as('caseworker.herning')).get(`/api/v1/citizens/${citizen.id}/access-log?limit=200`);
  const items = assertOk(res, 200, 'AccessLog').items;
  for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].seq > items[i].seq, 'newest first');
  const has = (pred, what) => assert.ok(items.some(pred), `${what} in ${JSON.stringify(items, null, 1)}`);
  has((e) => e.username === 'caseworker.herning' && e.role === 'caseworker' && e.sector === 'municipal' && e.action === 'create' && e.outcome === 'allowed', 'the registration');
  has((e) => e.username === 'caseworker.herning' && e.action === 'update', 'the status changes');
  has((e) => e.username === 'caremanager.herning' && e.role === 'care_manager' && e.sector === 'health' && e.action === 'read'
    && e.purpose === 'case_administration' && e.outcome === 'allowed', 'the care manager\'s read');
  has((e) => e.username === 'therapist.herning' && e.role === 'therapist' && e.action === 'read', 'the therapist\'s read of the enrolment');
  has((e) => e.username === 'jobconsultant.herning' && e.role === 'job_consultant' && e.action === 'search', 'the search that showed the citizen');
  for (const e of items) {
    assert.equal(e.purpose, 'case_administration', JSON.stringify(e));
    assert.ok(!('route' in e), `no route on an event that is not about health detail: ${JSON.stringify(e)}`);
    assert.match(e.time, /^\d{4}-\d{2}-\d{2}T/);
  }
  // Reading the access log is itself logged (it shows up in the next read).
  const again = await accessLog('caseworker.herning', citizen.id);
  assert.equal(again[0].action, 'read_access_log');
  assert.equal(again[0].username, 'caseworker.herning');
  // Pages of 2 walk the same events.
  const paged = await accessLog('caseworker.herning', citizen.id, 2);
  assert.deepEqual(paged.slice(1).map((e) => e.seq), again.map((e) => e.seq).filter((s) => s < paged[0].seq).slice(0, paged.length - 1));
  assertProblem(await (await as('caseworker.herning')).get(`/api/v1/citizens/${citizen.id}/access-log?limit=0`), 422, 'invalid', { parameter: 'limit' });
});

test('refused reads are in the access log: 403 as outcome forbidden, 404 (another municipality) as not_found', async () => {
  const { citizen } = await activeHerningCitizen();
  assertProblem(await (await as(TEAMLESS)).get(`/api/v1/citizens/${citizen.id}`), 403, 'forbidden');
  assertProblem(await (await as('caseworker.randers')).get(`/api/v1/citizens/${citizen.id}`), 404, 'not_found');
  const items = await accessLog('caseworker.herning', citizen.id);
  assert.ok(items.some((e) => e.username === TEAMLESS && e.role === 'caseworker' && e.action === 'read' && e.outcome === 'forbidden'), JSON.stringify(items));
  assert.ok(items.some((e) => e.username === 'caseworker.randers' && e.action === 'read' && e.outcome === 'not_found'), JSON.stringify(items));

  // And the other way round: Herning's refused look at a Randers citizen, in Randers' log.
  const { citizen: theirs } = await randersCitizen();
  assertProblem(await (await as('caremanager.herning')).get(`/api/v1/citizens/${theirs.id}`), 404, 'not_found');
  const log = await accessLog('caseworker.randers', theirs.id);
  assert.ok(log.some((e) => e.username === 'caremanager.herning' && e.role === 'care_manager' && e.outcome === 'not_found'), JSON.stringify(log));
});

test('refusals by role (administrator, project lead, evaluator) are in the access log too', async () => {
  const { citizen } = await activeHerningCitizen();
  for (const u of NO_CITIZENS) assertProblem(await (await as(u)).get(`/api/v1/citizens/${citizen.id}`), 403, 'forbidden');
  const items = await accessLog('caseworker.herning', citizen.id);
  const refused = items.filter((e) => e.outcome === 'forbidden').map((e) => e.username);
  for (const u of NO_CITIZENS) assert.ok(refused.includes(u), `${u}'s refused read of the citizen is audited (forbidden events: ${JSON.stringify(refused)})`);
});

// Item 18 of issue 9: the access log shows people by name (as the account has it) and role, not
// only by username — a young person reading "who has seen my data" knows names, not logins.
test('each row of the access log that names a user carries their display name', async () => {
  const { citizen } = await activeHerningCitizen();
  const cw = await as('caseworker.herning');
  const me = assertOk(await cw.get('/api/v1/auth/me'), 200).user;
  assertOk(await cw.get(`/api/v1/citizens/${citizen.id}`), 200, 'Citizen');
  const log = await accessLog('caseworker.herning', citizen.id);
  const mine = log.filter((e) => e.username === 'caseworker.herning');
  assert.ok(mine.length > 0, 'the caseworker\'s own read is listed');
  for (const e of mine) assert.equal(e.name, me.display_name, JSON.stringify(e));
  for (const e of log) if ('username' in e) assert.equal(typeof e.name, 'string', JSON.stringify(e));
});
