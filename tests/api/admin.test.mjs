// Administration routes (docs/api-contract.md "Administration"): changing a project
// (PATCH /api/v1/projects/{id}: If-Match, the create's checks, 412), teams (POST and the paged
// GET /api/v1/teams with members), searching and paging staff accounts (GET /api/v1/users?q=&role=),
// loading a licensed questionnaire translation (POST /api/v1/instruments/{key}/texts, audited),
// and the target-group reference list. Expected values come from the demo's make-up
// (tests/api/README.md), the reference tables read with sqlite3, and the municipality and region codes of docs/sources.md#s16 (which
// municipality is which); never from the server's own answers.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, stopAndCheck, sql, containsSql, repoRoot, rememberPersonal } from './server.mjs';
import {
  makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, assertETag, assertSchema, walkList, describe,
} from './client.mjs';

let server;
let api;
before(async () => {
  server = await startServer();
  api = await signedIn(server.base, 'admin');
});
after(async () => {
  await stopAndCheck(server);
});

const ifMatch = (version) => ({ headers: { 'If-Match': `"${version}"` } });
const projectId = (slug) => sql(server.db, `SELECT id FROM project WHERE slug = '${slug}'`)[0].id;
const auditCount = (action) => sql(server.db, `SELECT count(*) AS n FROM audit_event WHERE action = '${action}'`)[0].n;

let slugCounter = 0;
/** A fresh project (POST, as projects.test.mjs makes them): Odense 461 and Middelfart 410. */
async function newProject(extra = {}) {
  slugCounter += 1;
  const res = await api.post('/api/v1/projects', {
    slug: `admin-test-${slugCounter}-${process.pid}`,
    name: 'Admin-testprojekt (fiktivt)',
    description: 'Oprettet af administrationstestene.',
    region_code: '1083',
    period_start: '2025-01-01',
    period_end: '2027-12-31',
    target_count: 120,
    age_min: 18,
    age_max: 30,
    municipalities: ['461', '410'],
    target_groups: ['sygedagpenge'],
    instruments: ['phq9', 'gad7'],
    followup_months: [3, 6],
    randomised: false,
    ...extra,
  });
  return assertOk(res, 201, 'Project');
}

// --- routes refused without sign-in or for other roles ----------------------------------------

test('without sign-in every administration route is 401; for a care manager 403; nothing written', async () => {
  const anon = makeClient(server.base);
  const p = await newProject();
  const teams = sql(server.db, 'SELECT count(*) AS n FROM team')[0].n;
  assertUnauthenticated(await anon.patch(`/api/v1/projects/${p.id}`, { name: 'x' }, ifMatch(1)));
  assertUnauthenticated(await anon.post('/api/v1/teams', { project_id: p.id, municipality_code: '461', name: 'x' }));
  assertUnauthenticated(await anon.get('/api/v1/teams'));
  assertUnauthenticated(await anon.get('/api/v1/users?q=herning'));
  assertUnauthenticated(await anon.get('/api/v1/target-groups'));
  assertUnauthenticated(await anon.post('/api/v1/instruments/phq9/texts', {}));
  const cm = await signedIn(server.base, 'caremanager.herning');
  assertProblem(await cm.patch(`/api/v1/projects/${p.id}`, { name: 'x' }, ifMatch(1)), 403, 'forbidden');
  assertProblem(await cm.post('/api/v1/teams', { project_id: p.id, municipality_code: '461', name: 'x' }), 403, 'forbidden');
  assertProblem(await cm.post('/api/v1/instruments/phq9/texts', {}), 403, 'forbidden');
  assertProblem(await cm.get('/api/v1/users?q=a'), 403, 'forbidden');
  assert.deepEqual(assertOk(await api.get(`/api/v1/projects/${p.id}`), 200, 'Project'), p);
  assert.equal(sql(server.db, 'SELECT count(*) AS n FROM team')[0].n, teams);
});

// --- PATCH /api/v1/projects/{id} ----------------------------------------------------------------

test('PATCH changes the members sent and keeps the rest; version and ETag move on; audited', async () => {
  const p = await newProject();
  const before = auditCount('project_change');
  const res = await api.patch(`/api/v1/projects/${p.id}`, {
    name: 'Omdøbt testprojekt',
    period_end: '2028-06-30',
    target_count: 150,
    municipalities: ['410', '461', '479'],
    followup_months: [6, 12, 24],
    treatment_settings: { no_contact_days: 21, screen_who5_max: null },
  }, ifMatch(1));
  const q = assertOk(res, 200, 'Project');
  assertETag(res, 2);
  assert.equal(q.version, 2);
  assert.equal(q.name, 'Omdøbt testprojekt');
  assert.equal(q.period_end, '2028-06-30');
  assert.equal(q.target_count, 150);
  // Middelfart 410, Odense 461, Svendborg 479 (HL7 Denmark DK Core municipality codes, docs/sources.md#s16), in the order sent.
  assert.deepEqual(q.municipalities, [{ code: '410', name: 'Middelfart' }, { code: '461', name: 'Odense' }, { code: '479', name: 'Svendborg' }]);
  assert.deepEqual(q.followup_months, [6, 12, 24]);
  assert.equal(q.treatment_settings.no_contact_days, 21);
  assert.equal(q.treatment_settings.screen_who5_max, null);
  // Left alone: every other member, the other treatment numbers included (the create's defaults).
  for (const k of ['slug', 'description', 'period_start', 'age_min', 'age_max', 'target_groups', 'instruments', 'randomised', 'region'])
    assert.deepEqual(q[k], p[k], k);
  assert.equal(q.treatment_settings.not_improving_weeks, p.treatment_settings.not_improving_weeks);
  assert.equal(q.treatment_settings.screen_phq9_min, p.treatment_settings.screen_phq9_min);
  assert.deepEqual(assertOk(await api.get(`/api/v1/projects/${p.id}`), 200, 'Project'), q);
  assert.equal(auditCount('project_change'), before + 1);
  const [event] = sql(server.db, "SELECT username, route, purpose, outcome, citizen_id FROM audit_event WHERE action = 'project_change' ORDER BY seq DESC LIMIT 1");
  assert.deepEqual(event, { username: 'admin', route: '/api/v1/projects/{id}', purpose: 'administration', outcome: 'allowed', citizen_id: null });

  const off = assertOk(await api.patch(`/api/v1/projects/${p.id}`, { region_code: null, description: '' }, ifMatch(2)), 200, 'Project');
  assert.equal('region' in off, false, 'region_code null removes the region');
  assert.equal(off.description, '');
  assert.equal(off.version, 3);
});

test('PATCH is checked as the create: 422 naming the field, and nothing written', async () => {
  const p = await newProject();
  const rows = [
    [{ name: '' }, '/name'],
    [{ name: 'a\nb' }, '/name'],
    [{ description: 'x'.repeat(4001) }, '/description'],
    [{ period_end: '2024-12-31' }, '/period_end'],
    [{ period_start: '2025-02-30' }, '/period_start'],
    [{ target_count: 0 }, '/target_count'],
    [{ age_min: 31 }, '/age_max'],
    [{ age_max: 100 }, '/age_max'],
    [{ region_code: '461' }, '/region_code'],
    [{ municipalities: [] }, '/municipalities'],
    [{ municipalities: ['461', '1081'] }, '/municipalities/1'],
    [{ municipalities: ['461', '461'] }, '/municipalities/1'],
    [{ target_groups: ['sygedagpenge', 'no-such-group'] }, '/target_groups/1'],
    [{ instruments: ['phq9', 'phq8'] }, '/instruments/1'],
    [{ followup_months: [6, 3] }, '/followup_months/1'],
    [{ followup_months: [0] }, '/followup_months/0'],
    [{ treatment_settings: { screen_phq9_min: 28 } }, '/treatment_settings/screen_phq9_min'],
    [{ treatment_settings: { no_contact_days: null } }, '/treatment_settings/no_contact_days'],
    [{ treatment_settings: { colour: 1 } }, '/treatment_settings'],
    [{ treatment_settings: 5 }, '/treatment_settings'],
    [{ slug: 'another-slug' }, '/slug'],
    [{ randomised: true }, '/randomised'],
    [{ colour: 'blue' }, null],
  ];
  for (const [body, field] of rows) {
    const res = await api.patch(`/api/v1/projects/${p.id}`, body, ifMatch(1));
    assertProblem(res, 422, 'invalid', { field });
  }
  assertProblem(await api.patch(`/api/v1/projects/${p.id}`, {}, ifMatch(1)), 422, 'invalid');
  assert.deepEqual(assertOk(await api.get(`/api/v1/projects/${p.id}`), 200, 'Project'), p, 'nothing written');
});

test('PATCH: 428 without If-Match, 412 with a stale one (current_version, ETag), 404 for no project', async () => {
  const p = await newProject();
  assertProblem(await api.patch(`/api/v1/projects/${p.id}`, { name: 'Ny' }), 428, 'precondition_required', { parameter: 'If-Match' });
  assertOk(await api.patch(`/api/v1/projects/${p.id}`, { name: 'Første' }, ifMatch(1)), 200, 'Project');
  const stale = await api.patch(`/api/v1/projects/${p.id}`, { name: 'Anden' }, ifMatch(1));
  assertProblem(stale, 412, 'stale');
  assert.equal(stale.body.current_version, 2);
  assert.equal(stale.headers.get('etag'), '"2"');
  // The version is told before the body's problems, as for every PATCH.
  assertProblem(await api.patch(`/api/v1/projects/${p.id}`, { name: '' }, ifMatch(1)), 412, 'stale');
  assert.equal(assertOk(await api.get(`/api/v1/projects/${p.id}`), 200, 'Project').name, 'Første');
  assertProblem(await api.patch('/api/v1/projects/999999', { name: 'x' }, ifMatch(1)), 404, 'not_found');
});

test('two administrators changing the same version: exactly one wins', async () => {
  const p = await newProject();
  const [a, b] = await Promise.all([
    api.patch(`/api/v1/projects/${p.id}`, { name: 'Vinder A' }, ifMatch(1)),
    api.patch(`/api/v1/projects/${p.id}`, { target_count: 7 }, ifMatch(1)),
  ]);
  assert.deepEqual([a.status, b.status].sort(), [200, 412], `${describe(a)} / ${describe(b)}`);
  assert.equal(assertOk(await api.get(`/api/v1/projects/${p.id}`), 200, 'Project').version, 2);
});

test('a municipality where the project has a team stays: 422 /municipalities', async () => {
  // IBBU Midt has a team in each of Herning, Randers, Skive and Syddjurs (the demo).
  const midt = assertOk(await api.get(`/api/v1/projects/${projectId('ibbu-midt')}`), 200, 'Project');
  const res = await api.patch(`/api/v1/projects/${midt.id}`, { municipalities: ['657', '706', '779'] }, ifMatch(midt.version));
  assertProblem(res, 422, 'invalid', { field: '/municipalities' });
  assert.match(res.body.detail, /730/);
  assert.deepEqual(assertOk(await api.get(`/api/v1/projects/${midt.id}`), 200, 'Project'), midt);
});

// --- teams ----------------------------------------------------------------------------------------

test('POST /api/v1/teams makes a team in one of the project\'s municipalities; one per municipality', async () => {
  const p = await newProject();
  const before = auditCount('team_add');
  const res = await api.post('/api/v1/teams', { project_id: p.id, municipality_code: '461', name: 'Odense-teamet' });
  const team = assertOk(res, 201, 'Team');
  assert.equal(res.headers.get('location'), null);
  assert.deepEqual({ ...team, id: 0 }, { id: 0, project_id: p.id, municipality_code: '461', name: 'Odense-teamet', members: [] });
  assert.deepEqual(sql(server.db, `SELECT project_id AS p, municipality_code AS m, name AS n FROM team WHERE id = ${team.id}`), [{ p: p.id, m: '461', n: 'Odense-teamet' }]);
  assert.equal(auditCount('team_add'), before + 1);

  const teams = sql(server.db, 'SELECT count(*) AS n FROM team')[0].n;
  assertProblem(await api.post('/api/v1/teams', { project_id: p.id, municipality_code: '461', name: 'Igen' }), 409, 'conflict', { field: '/municipality_code' });
  for (const [body, field] of [
    [{ project_id: 999999, municipality_code: '461', name: 'x' }, '/project_id'],
    [{ project_id: p.id, municipality_code: '657', name: 'x' }, '/municipality_code'], // Herning: not the project's
    [{ project_id: p.id, municipality_code: '1083', name: 'x' }, '/municipality_code'], // a region
    [{ project_id: p.id, municipality_code: '999', name: 'x' }, '/municipality_code'],
    [{ project_id: p.id, municipality_code: '410', name: '' }, '/name'],
    [{ project_id: p.id, municipality_code: '410' }, '/name'],
    [{ project_id: 'one', municipality_code: '410', name: 'x' }, '/project_id'],
    [{ project_id: p.id, municipality_code: '410', name: 'x', members: [] }, null],
  ]) {
    assertProblem(await api.post('/api/v1/teams', body), 422, 'invalid', { field });
  }
  assert.equal(sql(server.db, 'SELECT count(*) AS n FROM team')[0].n, teams, 'nothing written');
  assert.equal(auditCount('team_add'), before + 1);

  // A municipality added to the project by PATCH can then have its team.
  const q = assertOk(await api.patch(`/api/v1/projects/${p.id}`, { municipalities: ['461', '410', '657'] }, ifMatch(p.version)), 200, 'Project');
  assert.equal(q.version, p.version + 1);
  assertOk(await api.post('/api/v1/teams', { project_id: p.id, municipality_code: '657', name: 'Herning-teamet' }), 201, 'Team');
});

test('GET /api/v1/teams pages with a real cursor, filters by project and lists every member', async () => {
  const all = sql(server.db, 'SELECT id, project_id FROM team ORDER BY id');
  const { items, sizes } = await walkList(api, '/api/v1/teams', 5);
  assert.deepEqual(items.map((t) => t.id), all.map((t) => t.id), 'every team once, by id');
  assert.ok(sizes.length > 1, 'more than one page');
  for (const t of items) assertSchema('Team', t);
  const midt = projectId('ibbu-midt');
  const own = (await walkList(api, `/api/v1/teams?project=${midt}`, 2)).items;
  assert.deepEqual(own.map((t) => t.id), all.filter((t) => t.project_id === midt).map((t) => t.id));
  // The Herning team of IBBU Midt: its members as the team_member table has them, by username.
  const herning = own.find((t) => t.municipality_code === '657');
  const members = sql(server.db, `SELECT u.username FROM team_member m JOIN app_user u ON u.id = m.user_id WHERE m.team_id = ${herning.id} ORDER BY u.username`);
  assert.deepEqual(herning.members.map((m) => m.username), members.map((m) => m.username));
  assert.ok(herning.members.some((m) => m.username === 'caremanager.herning' && m.display_name.length > 0 && m.disabled === false));
  for (const [q, parameter] of [['project=0', 'project'], ['project=x', 'project'], ['limit=0', 'limit'], ['cursor=abc', 'cursor']])
    assertProblem(await api.get(`/api/v1/teams?${q}`), 422, 'invalid', { parameter });
});

// --- users: search and paging -------------------------------------------------------------------

test('GET /api/v1/users pages every account once with a real cursor', async () => {
  const ids = sql(server.db, 'SELECT id FROM app_user ORDER BY id').map((r) => r.id);
  assert.ok(ids.length > 90, 'the demo has about a hundred staff accounts');
  const { items, sizes } = await walkList(api, '/api/v1/users', 25);
  assert.deepEqual(items.map((u) => u.id), ids);
  assert.equal(sizes.length, Math.ceil(ids.length / 25));
  assertOk(await api.get('/api/v1/users?limit=25'), 200, 'UserAdminList');
});

test('GET /api/v1/users?q= finds by username, name and organisation, Danish letters folded; ?role= by role', async () => {
  // The contract in SQL (an ASCII query, so both engines' lower() fold it alike): a part of the
  // username, the name, or the organisation's name or code. Herning is municipality 657, Region
  // Midtjylland 1082 (docs/sources.md#s13, #s16); the demo's Herning staff carry it in their usernames.
  const anyPart = (text) => ['u.username', 'u.display_name', 'o.name', 'u.organisation_code'].map((c) => containsSql(c, text)).join(' OR ');
  const matching = (text, role = null) => sql(server.db, `SELECT u.username FROM app_user u JOIN organisation o ON o.code = u.organisation_code
    WHERE (${anyPart(text)})
    ${role ? `AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = '${role}')` : ''} ORDER BY u.id`).map((r) => r.username);
  const herningUsers = matching('herning');
  assert.ok(herningUsers.includes('caseworker.herning') && herningUsers.includes('caremanager.herning'));
  const byText = (await walkList(api, '/api/v1/users?q=HERNING', 7)).items.map((u) => u.username);
  assert.deepEqual(byText, herningUsers);
  assert.deepEqual((await walkList(api, '/api/v1/users?q=657', 200)).items.map((u) => u.username), matching('657'));

  const midtjylland = matching('midtjylland');
  const byRegion = (await walkList(api, '/api/v1/users?q=midtjylland', 200)).items.map((u) => u.username);
  assert.deepEqual(byRegion, midtjylland);
  assert.ok(byRegion.length > 0);

  // A name with Æ, Ø and Å, searched in any case.
  const created = await api.post('/api/v1/users', {
    username: 'test.oestergaard', display_name: 'Åse Ærenpris Østergård', organisation_code: '657', roles: ['therapist'], password: 'en lang og usædvanlig adgangskode',
  });
  assertOk(created, 201, 'UserAdmin');
  rememberPersonal('Åse Ærenpris Østergård');
  for (const q of ['østergård', 'ØSTERGÅRD', 'åse æren', 'ÆRENPRIS']) {
    const found = (await walkList(api, `/api/v1/users?q=${encodeURIComponent(q)}`, 200)).items.map((u) => u.username);
    assert.deepEqual(found, ['test.oestergaard'], q);
  }
  // LIKE's wildcards are plain characters: "%" and "_" match only themselves.
  assert.deepEqual((await api.get('/api/v1/users?q=%25')).body.items, []);
  const underscore = sql(server.db, `SELECT count(*) AS n FROM app_user u JOIN organisation o ON o.code = u.organisation_code WHERE ${anyPart('_')}`)[0].n;
  assert.equal((await walkList(api, '/api/v1/users?q=_', 200)).items.length, underscore);

  const supervisors = sql(server.db, "SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'supervising_clinician' ORDER BY u.id").map((r) => r.id);
  const byRole = (await walkList(api, '/api/v1/users?role=supervising_clinician', 3)).items;
  assert.deepEqual(byRole.map((u) => u.id), supervisors);
  for (const u of byRole) assert.ok(u.roles.includes('supervising_clinician'));
  const both = (await walkList(api, '/api/v1/users?role=therapist&q=herning', 200)).items.map((u) => u.username);
  assert.deepEqual(both, matching('herning', 'therapist'));
  assert.ok(both.includes('therapist.herning') && both.includes('test.oestergaard'));
});

test('GET /api/v1/users: a bad q, role, limit or cursor is 422 naming the parameter', async () => {
  for (const [q, parameter] of [
    ['q=', 'q'], [`q=${'x'.repeat(101)}`, 'q'], ['q=%C3', 'q'], ['q=a%01b', 'q'],
    ['role=', 'role'], ['role=admin', 'role'], ['role=Caseworker', 'role'],
    ['q=a&limit=201', 'limit'], ['q=a&cursor=0', 'cursor'],
  ]) {
    assertProblem(await api.get(`/api/v1/users?${q}`), 422, 'invalid', { parameter });
  }
  assert.equal((await api.get(`/api/v1/users?q=${'x'.repeat(100)}`)).status, 200);
});

// --- questionnaire translations -------------------------------------------------------------------

// A stand-in "licensed translation": the shipped English file relabelled, as a test fixture only
// (as tests/cli/cli.test.mjs does for `samspor instruments load`).
const english = JSON.parse(readFileSync(path.join(repoRoot, 'data/instruments/phq9.en.json'), 'utf8'));
const fixture = () => ({ ...structuredClone(english), language: 'da', source: 'Test fixture: not a translation, only a file in the right shape', licence: 'Test fixture only' });

test('POST /api/v1/instruments/{key}/texts refuses what `samspor instruments load` refuses: 422 naming the member, nothing stored', async () => {
  const missing = fixture();
  delete missing.items['9'];
  const extra = fixture();
  extra.answers['4'] = 'x';
  const rows = [
    [missing, '/items/9'],
    [extra, '/answers/4'],
    // Another questionnaire's file, a language the questionnaires are never shown in: one_of with
    // the one value allowed, and da/en (docs/api-contract.md, Reasons).
    [{ ...fixture(), instrument: 'gad7' }, '/instrument', 'one_of', ['phq9']],
    [{ ...fixture(), instrument: 'phq8' }, '/instrument'],
    [{ ...fixture(), language: 'sv' }, '/language', 'one_of', ['da', 'en']],
    [{ ...fixture(), language: 'DA' }, '/language'],
    [{ ...fixture(), source: 'short' }, '/source'],
    [{ ...fixture(), licence: '' }, '/licence'],
    [{ ...fixture(), stem: 7 }, '/stem'],
    [{ ...fixture(), notes: 'x' }, null],
    [{ ...fixture(), difficulty: undefined }, '/difficulty'],
  ];
  for (const [doc, field, reason, allowed] of rows) {
    const res = await api.post('/api/v1/instruments/phq9/texts', JSON.parse(JSON.stringify(doc)));
    assertProblem(res, 422, 'invalid', { field, reason });
    if (allowed) assert.deepEqual(res.body.allowed, allowed, describe(res));
  }
  const dup = await api.post('/api/v1/instruments/phq9/texts', undefined, {
    body: '{"instrument":"phq9","instrument":"phq9"}', headers: { 'Content-Type': 'application/json' },
  });
  assertProblem(dup, 400, 'malformed');
  assertProblem(await api.post('/api/v1/instruments/phq8/texts', fixture()), 404, 'not_found');
  assert.deepEqual(sql(server.db, 'SELECT count(*) AS n FROM instrument_text'), [{ n: 0 }]);
  assert.equal(auditCount('instruments_load'), 0);
});

test('an administrator loads a translation: served for lang=da from then on, replaced by a second load, each audited', async () => {
  const cm = await signedIn(server.base, 'caremanager.herning');
  const beforeLoad = assertOk(await cm.get('/api/v1/instruments/phq9?lang=da'), 200, 'Instrument');
  assert.equal(beforeLoad.text.translation_missing, true);

  const doc = fixture();
  const res = await api.post('/api/v1/instruments/phq9/texts', doc);
  const loaded = assertOk(res, 201, 'InstrumentTextLoaded');
  assert.equal(res.headers.get('location'), '/api/v1/instruments/phq9?lang=da');
  assert.deepEqual(loaded, { instrument: 'phq9', language: 'da', source: doc.source, status: doc.status, licence: doc.licence, stem: doc.stem, replaced: false });

  const now = assertOk(await cm.get(res.headers.get('location')), 200, 'Instrument');
  assert.equal(now.text.language, 'da');
  assert.equal(now.text.translation_missing, false);
  assert.equal(now.text.source, doc.source);
  assert.equal(now.items[8].text, doc.items['9']);
  // GAD-7 still has none.
  assert.equal(assertOk(await cm.get('/api/v1/instruments/gad7?lang=da'), 200, 'Instrument').text.translation_missing, true);

  const second = { ...fixture(), source: 'Test fixture, second edition: not a translation either' };
  const again = await api.post('/api/v1/instruments/phq9/texts', second);
  assert.equal(assertOk(again, 200, 'InstrumentTextLoaded').replaced, true);
  assert.equal(assertOk(await cm.get('/api/v1/instruments/phq9?lang=da'), 200, 'Instrument').text.source, second.source);
  assert.deepEqual(sql(server.db, 'SELECT instrument, language, source FROM instrument_text'), [{ instrument: 'phq9', language: 'da', source: second.source }]);

  const events = sql(server.db, "SELECT username, role, route, purpose, outcome, citizen_id FROM audit_event WHERE action = 'instruments_load' ORDER BY seq");
  const event = { username: 'admin', role: 'administrator', route: '/api/v1/instruments/{key}/texts', purpose: 'administration', outcome: 'allowed', citizen_id: null };
  assert.deepEqual(events, [event, event]);
});

// --- target groups ----------------------------------------------------------------------------------

test('GET /api/v1/target-groups answers the reference table whole, by code, to any signed-in user', async () => {
  const table = sql(server.db, 'SELECT code, name_da, name_en, legal_ref, valid_from, valid_to FROM target_group ORDER BY code');
  const lead = await signedIn(server.base, 'lead.ibbu-midt');
  const body = assertOk(await lead.get('/api/v1/target-groups'), 200, 'TargetGroupList');
  assert.equal(body.next_cursor, null);
  assert.deepEqual(body.items, table.map((r) => {
    const { valid_to: to, ...rest } = r;
    return to === null ? rest : { ...rest, valid_to: to };
  }));
  assert.ok(body.items.some((g) => g.code === 'sygedagpenge' && g.name_da === 'Sygedagpenge'));
});
