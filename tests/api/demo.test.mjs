// The demo data seen through the API: every person has a substitute number (CPR-kontoret's
// erstatningspersonnummer, birth day + 60, docs/sources.md#s5) in the demo block 99, and
// is marked synthetic; the derived birth date agrees with the number.
// Contract change (docs/security-model.md): a user sees only the citizens of their own teams, so
// the whole demo population is the union of what the caseworker of each municipality team sees.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, rememberPersonal } from './server.mjs';
import { makeClient, signedIn, assertOk, assertUnauthenticated, walkList } from './client.mjs';

// The municipality slugs of the demo teams (src/cli/demo_data.c), one caseworker each.
const TEAMS = ['herning', 'randers', 'skive', 'syddjurs', 'vesthimmerland', 'thisted', 'jammerbugt', 'morsoe', 'furesoe',
  'odsherred', 'viborg', 'aabenraa', 'faaborg-midtfyn', 'odense', 'middelfart', 'fredericia', 'naestved'];

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await stopAndCheck(server);
});

test('without sign-in the citizen list is 401 unauthenticated', async () => {
  assertUnauthenticated(await makeClient(server.base).get('/api/v1/citizens?limit=200'));
});

test('every demo citizen has a synthetic substitute number whose birth date matches', async () => {
  const byId = new Map();
  for (const m of TEAMS) {
    const api = await signedIn(server.base, `caseworker.${m}`);
    const { items } = await walkList(api, '/api/v1/citizens', 200);
    assert.ok(items.length > 0, `caseworker.${m} sees the team's citizens`);
    for (const p of items) {
      rememberPersonal(p.identifier, p.name);
      byId.set(p.id, p);
    }
  }
  const people = [...byId.values()];
  assert.ok(people.length > 300, `${people.length} demo people`);
  for (const p of people) {
    assert.equal(p.identifier_type, 'erstatning');
    assert.equal(p.synthetic, true);
    const day = Number(p.identifier.slice(0, 2));
    assert.ok(day >= 61 && day <= 91, 'day 61-91');
    assert.equal(p.identifier.slice(7, 9), '99', 'demo serial block');
    assert.equal(Number(p.birth_date.slice(8, 10)), day - 60, 'birth day = day - 60');
    assert.equal(p.birth_date.slice(5, 7), p.identifier.slice(2, 4), 'birth month');
    assert.equal(p.legal_sex, Number(p.identifier[9]) % 2 ? 'male' : 'female', 'sex from the last digit');
  }
});

test('no caseworker sees a citizen of another municipality', async () => {
  const seen = new Map();
  for (const m of ['herning', 'randers', 'odense']) {
    const api = await signedIn(server.base, `caseworker.${m}`);
    const { items } = await walkList(api, '/api/v1/citizens', 200);
    const codes = new Set(items.map((p) => String(p.municipality_code)));
    assert.equal(codes.size, 1, `caseworker.${m}: municipalities ${[...codes]}`);
    assert.equal([...codes][0], api.session.user.organisation_code, `caseworker.${m}`);
    for (const p of items) {
      assert.ok(!seen.has(p.id), `citizen ${p.id} seen by caseworker.${seen.get(p.id)} and caseworker.${m}`);
      seen.set(p.id, m);
    }
  }
});

// The demo's treatment texts (eligibility decisions, plans, session notes) are written in Danish,
// as a Danish care manager would write them: none of the English the demo once had, and each has a
// Danish letter or word. Read as caremanager.herning (health staff on the Herning team).
const ENGLISH = /\b(the|and|with|wants|work|low mood|worry|returning|synthetic|session)\b/i;
const DANISH = /[æøå]|\b(og|i|på|at|ved|mod)\b/i;

test('demo treatment texts are Danish: eligibility reasons, plans and session notes', async () => {
  const cm = await signedIn(server.base, 'caremanager.herning');
  const rows = assertOk(await cm.get('/api/v1/caseload'), 200, 'Caseload').items;
  const texts = [];
  for (const row of rows.filter((r) => r.treatment_start).slice(0, 3)) {
    const base = `/api/v1/enrolments/${row.enrolment_id}`;
    const el = assertOk(await cm.get(`${base}/eligibility`), 200, 'Eligibility');
    for (const d of el.decisions) texts.push(['why', d.why]);
    const plan = assertOk(await cm.get(`${base}/treatment-plan`), 200, 'TreatmentPlan');
    texts.push(['focus', plan.focus], ['target', plan.target]);
    const sessions = assertOk(await cm.get(`${base}/sessions`), 200, 'TreatmentSessionList').items;
    for (const x of sessions) texts.push(['note', x.note]);
  }
  assert.ok(texts.length >= 9, `${texts.length} demo texts read`);
  const problems = texts.filter(([, t]) => ENGLISH.test(t) || !DANISH.test(t)).map(([k, t]) => `${k}: ${t}`);
  assert.deepEqual([...new Set(problems)], []);
});
