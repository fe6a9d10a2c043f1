// Paging the same way on every list (docs/api-contract.md, Conventions): every GET that lists is
// found in src/api/openapi.json (the operations that take the Limit parameter; openapi.test.mjs
// checks that every GET under /api/v1/ not ending in /{id} and not a single object does), and
// each one is called here with bad `limit` and `cursor` values (422 naming the parameter), with a
// parameter twice or one it does not take (422), and walked a few rows at a time, which must give
// the rows of one big page, in the same order, none twice. A history ordered by date is walked
// after rows were entered out of date order. A list route added without a caller here fails the
// first test.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, sql } from './server.mjs';
import { signedIn, assertOk, assertProblem, createCitizen, walkList, describe, todayDk, addDays, iso } from './client.mjs';
import { openapi } from './schema.mjs';

let server;
const clients = new Map();
let enrolmentId; // an enrolment on caremanager.herning's caseload (their team)
let citizenId; // a citizen caseworker.herning may read
let employerId; // a Herning employer with contacts (made in before)
let teamId; // that enrolment's team (GET /api/v1/group-sessions/young-people?team=)

async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username));
  return clients.get(username);
}

before(async () => {
  server = await startServer();
  const cm = await as('caremanager.herning');
  const caseload = assertOk(await cm.get('/api/v1/caseload?limit=200'), 200, 'Caseload');
  assert.ok(caseload.items.length > 0, 'the demo gives caremanager.herning a caseload');
  enrolmentId = caseload.items[0].enrolment_id;
  const cw = await as('caseworker.herning');
  const citizens = assertOk(await cw.get('/api/v1/citizens?limit=1'), 200, 'CitizenList');
  citizenId = citizens.items[0].id;
  // The demo has no employers yet: seven, and seven contacts with the first (four about the
  // enrolment above, on several dates, so that pages split days and ties).
  for (let i = 0; i < 7; i++)
    employerId ??= assertOk(await cw.post('/api/v1/employers', { name: `Fiktiv Side ${7 - i}`, municipality_code: '657' }), 201, 'Employer').id;
  for (let i = 0; i < 7; i++) {
    const body = { date: iso(addDays(todayDk(), -(i % 3))), kind: 'phone', purpose: 'follow_up', ...(i % 2 === 0 ? { enrolment_id: enrolmentId } : {}) };
    assertOk(await cw.post(`/api/v1/employers/${employerId}/contacts`, body), 201, 'EmployerContact');
  }
  // The employment track: seven episodes (two pairs starting on one day), a follow-along contact
  // about each (dates repeating), and four versions of the vocational profile.
  const episodes = [];
  for (let i = 0; i < 7; i++) {
    const start = iso(addDays(todayDk(), -10 * Math.floor(i / 2) - 1));
    episodes.push(assertOk(await cw.post(`/api/v1/enrolments/${enrolmentId}/episodes`, { kind: 'course', start_date: start }), 201, 'Episode'));
  }
  for (const [i, ep] of episodes.entries()) {
    const body = { episode_id: ep.id, date: iso(addDays(todayDk(), -(i % 2))), with_whom: 'young_person', kind: 'phone' };
    assertOk(await cw.post(`/api/v1/enrolments/${enrolmentId}/follow-along`, body), 201, 'FollowAlong');
  }
  // The demo may have saved a first version already: go on from the version there is.
  const current = await cw.get(`/api/v1/enrolments/${enrolmentId}/vocational-profile`);
  const base = current.status === 200 ? current.body.version : 0;
  for (let v = base; v < base + 4; v++) {
    const res = await cw.request('PUT', `/api/v1/enrolments/${enrolmentId}/vocational-profile`, {
      json: { disclosure: 'none' }, headers: v ? { 'If-Match': `"${v}"` } : {},
    });
    assertOk(res, v ? 200 : 201, 'VocationalProfile');
  }
  // Seven conversations, group sessions and team notes on three dates, so that pages split days
  // and ties (the meeting lists page on date, then id).
  const me = assertOk(await cw.get('/api/v1/auth/me'), 200, 'Me').user.id;
  const team = sql(server.db, `SELECT team_id FROM enrolment WHERE id = ${enrolmentId}`)[0].team_id;
  teamId = team;
  for (let i = 0; i < 7; i++) {
    const date = iso(addDays(todayDk(), -(i % 3)));
    assertOk(await cw.post(`/api/v1/enrolments/${enrolmentId}/meetings`, { date, duration_minutes: 30, place: 'office', staff: [me] }), 201, 'Meeting');
    assertOk(await cw.post('/api/v1/group-sessions', { team_id: team, date, duration_minutes: 60, place: 'library', topic: `Side ${i}`, staff: [me] }), 201, 'GroupSession');
    assertOk(await cw.post(`/api/v1/enrolments/${enrolmentId}/team-notes`, { date, text: `Side ${i}` }), 201, 'TeamNote');
  }
});
after(async () => {
  await stopAndCheck(server);
});

// Who calls each list, and how one row is told from another. The callers follow
// docs/security-model.md: health staff on the team for treatment detail, administrators for
// users and teams, the supervising clinician for the case-review list.
const CALLERS = {
  '/api/v1/organisations': { user: 'caseworker.herning', key: 'code' },
  '/api/v1/projects': { user: 'caseworker.herning', key: 'id' },
  '/api/v1/citizens': { user: 'caseworker.herning', key: 'id' },
  '/api/v1/citizens/{id}/access-log': { user: 'caseworker.herning', key: 'seq', id: () => citizenId },
  '/api/v1/enrolments': { user: 'caseworker.herning', key: 'id' },
  '/api/v1/enrolments/{id}/consents': { user: 'caremanager.herning', key: 'id', id: () => enrolmentId },
  '/api/v1/instruments': { user: 'caseworker.herning', key: 'id' },
  '/api/v1/enrolments/{id}/assessments': { user: 'caremanager.herning', key: 'id', id: () => enrolmentId },
  '/api/v1/enrolments/{id}/sessions': { user: 'caremanager.herning', key: 'id', id: () => enrolmentId },
  '/api/v1/enrolments/{id}/safety-followups': { user: 'caremanager.herning', key: 'id', id: () => enrolmentId },
  '/api/v1/enrolments/{id}/case-reviews': { user: 'caremanager.herning', key: 'id', id: () => enrolmentId },
  '/api/v1/enrolments/{id}/team': { user: 'caremanager.herning', key: 'id', id: () => enrolmentId },
  '/api/v1/caseload': { user: 'caremanager.herning', key: 'enrolment_id' },
  '/api/v1/case-review': { user: 'supervisor.herning', key: 'enrolment_id' },
  '/api/v1/users': { user: 'admin', key: 'id' },
  '/api/v1/teams': { user: 'admin', key: 'id' },
  '/api/v1/tasks': { user: 'caseworker.herning', key: 'id' },
  '/api/v1/enrolments/{id}/tasks': { user: 'caseworker.herning', key: 'id', id: () => enrolmentId },
  '/api/v1/enrolments/{id}/goals': { user: 'caseworker.herning', key: 'id', id: () => enrolmentId },
  '/api/v1/follow-ups': { user: 'caremanager.herning', key: 'enrolment_id' },
  '/api/v1/employers': { user: 'caseworker.herning', key: 'id' },
  '/api/v1/employers/{id}/contacts': { user: 'caseworker.herning', key: 'id', id: () => employerId },
  '/api/v1/enrolments/{id}/employer-contacts': { user: 'caseworker.herning', key: 'id', id: () => enrolmentId },
  '/api/v1/enrolments/{id}/episodes': { user: 'caseworker.herning', key: 'id', id: () => enrolmentId },
  '/api/v1/enrolments/{id}/follow-along': { user: 'caseworker.herning', key: 'id', id: () => enrolmentId },
  '/api/v1/enrolments/{id}/vocational-profile/history': { user: 'caseworker.herning', key: 'version', id: () => enrolmentId },
  '/api/v1/enrolments/{id}/meetings': { user: 'caseworker.herning', key: 'id', id: () => enrolmentId },
  '/api/v1/group-sessions': { user: 'caseworker.herning', key: 'id' },
  '/api/v1/group-sessions/young-people': { user: 'caseworker.herning', key: 'enrolment_id', query: () => `team=${teamId}` },
  '/api/v1/enrolments/{id}/team-notes': { user: 'caseworker.herning', key: 'id', id: () => enrolmentId },
};

/** [path, schema name of its 200] for every GET of the OpenAPI document that takes limit. */
function listRoutes() {
  const doc = openapi();
  const out = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    const op = item.get;
    if (!op) continue;
    const refs = (op.parameters ?? []).map((x) => x.$ref);
    if (!refs.includes('#/components/parameters/Limit')) continue;
    const schema = op.responses['200'].content['application/json'].schema.$ref.split('/').pop();
    out.push([p, schema]);
  }
  return out;
}

const concrete = (p) => {
  const path = p.replace('{id}', String(CALLERS[p].id?.() ?? ''));
  return CALLERS[p].query ? `${path}?${CALLERS[p].query()}` : path;
};
const withQuery = (path, q) => `${path}${path.includes('?') ? '&' : '?'}${q}`;

test('every list route of the OpenAPI document is covered here, and with limit and cursor declared', () => {
  const routes = listRoutes().map(([p]) => p);
  assert.ok(routes.length >= 16, `only ${routes.length} list routes`);
  for (const p of routes) assert.ok(CALLERS[p], `${p}: a list without a caller in paging.test.mjs`);
  for (const p of Object.keys(CALLERS)) assert.ok(routes.includes(p), `${p} no longer takes limit in the OpenAPI document`);
});

test('bad limit and cursor are 422 on every list, naming the parameter', async () => {
  const badLimits = ['-1', '0', '201', 'abc', '1.5', '', '1e2', '%2B5', '99999999999999999999'];
  const badCursors = ['garbage', '0', '-5', '', '1.5', 'abc123', '%20'];
  for (const [p] of listRoutes()) {
    const api = await as(CALLERS[p].user);
    const path = concrete(p);
    for (const v of badLimits) assertProblem(await api.get(withQuery(path, `limit=${v}`)), 422, 'invalid', { parameter: 'limit' });
    for (const v of badCursors) assertProblem(await api.get(withQuery(path, `cursor=${v}`)), 422, 'invalid', { parameter: 'cursor' });
    // a good limit with a bad cursor, and the other way round
    assertProblem(await api.get(withQuery(path, 'limit=5&cursor=x')), 422, 'invalid', { parameter: 'cursor' });
    assertProblem(await api.get(withQuery(path, 'limit=-5&cursor=3')), 422, 'invalid', { parameter: 'limit' });
  }
});

test('a parameter given twice, or one the list does not take, is 422 on every list', async () => {
  for (const [p] of listRoutes()) {
    const api = await as(CALLERS[p].user);
    const path = concrete(p);
    assertProblem(await api.get(withQuery(path, 'limit=1&limit=2')), 422, 'invalid', { parameter: 'limit' });
    assertProblem(await api.get(withQuery(path, 'cursor=1&cursor=1')), 422, 'invalid', { parameter: 'cursor' });
    assertProblem(await api.get(withQuery(path, 'sort=name')), 422, 'invalid', { parameter: 'sort' });
    assertProblem(await api.get(withQuery(path, 'limit=5&offset=10')), 422, 'invalid', { parameter: 'offset' });
    // a name that might be a value sent in the wrong place is refused without being echoed
    const res = await api.get(withQuery(path, '6703014002=1'));
    assertProblem(res, 422, 'invalid');
    assert.equal(res.body.parameter, undefined, describe(res));
  }
  // the lists' own filters are still taken
  const cw = await as('caseworker.herning');
  assert.equal((await cw.get('/api/v1/organisations?kind=region&limit=2')).status, 200);
  assert.equal((await cw.get('/api/v1/citizens?q=Zyx&limit=2')).status, 200);
  assert.equal((await cw.get('/api/v1/enrolments?status=active&limit=2')).status, 200);
});

/** Every page of path with this limit, each checked against the list's schema. */
async function walk(api, path, limit, schema) {
  const pages = [];
  let cursor = null;
  for (let guard = 0; guard < 1000; guard++) {
    const url = withQuery(path, `limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
    const body = assertOk(await api.get(url), 200, schema);
    assert.ok(body.items.length <= limit, `${url}: ${body.items.length} rows`);
    pages.push(body);
    if (body.next_cursor === null) return pages;
    assert.ok(body.items.length > 0, `${url}: an empty page with a next_cursor`);
    cursor = body.next_cursor;
  }
  throw new Error(`${path}: paging did not end`);
}

test('walking every list three rows at a time gives the rows of one page of 200, in order, none twice', async () => {
  for (const [p, schema] of listRoutes()) {
    const { user, key } = CALLERS[p];
    const api = await as(user);
    const path = concrete(p);
    const whole = (await walk(api, path, 200, schema)).flatMap((page) => page.items.map((r) => r[key]));
    const pages = await walk(api, path, 3, schema);
    const walked = pages.flatMap((page) => page.items.map((r) => r[key]));
    assert.equal(new Set(walked).size, walked.length, `${p}: a row twice`);
    // Rows added meanwhile (the access log records these very reads) may show up; every row of
    // the big page must be there, in the same order.
    const seen = walked.filter((k) => whole.includes(k));
    assert.deepEqual(seen, whole, `${p}: the walk differs from one page`);
    if (whole.length > 3) assert.ok(pages.length >= 2, `${p}: ${whole.length} rows in one page of 3`);
  }
});

test('a history ordered by date pages by date, then id: sessions entered out of date order', async () => {
  const cm = await as('caremanager.herning');
  const midt = (await walkList(cm, '/api/v1/projects', 200)).items.find((x) => x.slug === 'ibbu-midt');
  const today = assertOk(await cm.get('/api/v1/caseload?limit=1'), 200, 'Caseload').today;
  const shift = (days) => {
    const [y, m, d] = today.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  };
  const citizen = await createCitizen(cm, { extra: { municipality_code: '657' } });
  let e = assertOk(await cm.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: citizen.id, referral_date: shift(-30), referral_source: 'Jobcenter (sidetest)',
    target_group: midt.target_groups[0],
  }), 201, 'Enrolment');
  for (const s of ['screening', 'active'])
    e = assertOk(await cm.patch(`/api/v1/enrolments/${e.id}`, { status: s }, { headers: { 'If-Match': `"${e.version}"` } }), 200, 'Enrolment');
  // Entered in this order; two share a date, so the id decides between them.
  const offsets = [-3, -10, -1, -10, -5, -7, -3];
  const made = [];
  for (const [i, off] of offsets.entries()) {
    const s = assertOk(await cm.post(`/api/v1/enrolments/${e.id}/sessions`, {
      date: shift(off), kind: 'individual', duration_min: 30 + i, note: '',
    }), 201, 'TreatmentSession');
    made.push({ id: s.id, date: shift(off) });
  }
  // The expected order, from the dates sent: by date, then by the order of entry (ids rise).
  const expected = [...made].sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1)).map((s) => s.id);
  for (const limit of [1, 2, 3, 7, 50]) {
    const pages = await walk(cm, `/api/v1/enrolments/${e.id}/sessions`, limit, 'TreatmentSessionList');
    assert.deepEqual(pages.flatMap((pg) => pg.items.map((s) => s.id)), expected, `limit ${limit}`);
    assert.equal(pages.length, Math.max(1, Math.ceil(offsets.length / limit)), `limit ${limit}: pages`);
  }
  // A cursor of another enrolment's row, or of no row, starts no page of this one.
  const other = assertOk(await cm.get(`/api/v1/enrolments/${enrolmentId}/sessions?limit=1`), 200, 'TreatmentSessionList');
  for (const cursor of [...other.items.map((s) => String(s.id)), '999999999']) {
    const body = assertOk(await cm.get(`/api/v1/enrolments/${e.id}/sessions?cursor=${cursor}`), 200, 'TreatmentSessionList');
    assert.deepEqual(body.items, []);
    assert.equal(body.next_cursor, null);
  }
});

test('the caseload is paged in its urgency order; a cursor whose row is not on the list is 422 cursor', async () => {
  const cm = await as('caremanager.herning');
  const whole = assertOk(await cm.get('/api/v1/caseload?limit=200'), 200, 'Caseload');
  const first = assertOk(await cm.get('/api/v1/caseload?limit=1'), 200, 'Caseload');
  assert.deepEqual(first.items.map((r) => r.enrolment_id), whole.items.slice(0, 1).map((r) => r.enrolment_id));
  assert.equal(first.today, whole.today);
  if (whole.items.length > 1) assert.equal(first.next_cursor, String(whole.items[0].enrolment_id));
  assertProblem(await cm.get('/api/v1/caseload?cursor=999999999'), 422, 'invalid', { parameter: 'cursor' });
});
