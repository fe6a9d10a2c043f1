// The contract on null in update bodies (docs/api-contract.md "Conventions"): for every member of
// every PATCH and PUT body in src/api/openapi.json, a member the schema lets be null is accepted
// as null (never 422 on that member), and a member it does not is refused with 422 naming that
// member — so the document and the server cannot disagree on null again (as they did on
// PATCH /api/v1/enrolments/{id} team_id). A new PATCH or PUT route fails here until it has a
// fixture below.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, sql } from './server.mjs';
import { openapi, resolveRef } from './schema.mjs';
import { signedIn, assertOk, createCitizen, walkList, todayDk, iso, describe } from './client.mjs';

let server;
const clients = new Map();
async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username));
  return clients.get(username);
}
before(async () => {
  server = await startServer();
});
after(async () => {
  await stopAndCheck(server);
});

const doc = openapi();
const deref = (node) => (node && node.$ref ? deref(resolveRef(doc, node.$ref)) : node);

/** Whether a member's schema admits null (type "null" or ["…","null"], an enum or const null). */
function allowsNull(schema) {
  const s = deref(schema);
  const types = Array.isArray(s.type) ? s.type : [s.type];
  return types.includes('null') || (Array.isArray(s.enum) && s.enum.includes(null)) || s.const === null;
}

/** Every PATCH and PUT operation with a JSON body: [method, path, the body's schema]. */
function updateOperations() {
  const ops = [];
  for (const [p, item] of Object.entries(doc.paths))
    for (const method of ['patch', 'put'])
      if (item[method]?.requestBody) ops.push([method.toUpperCase(), p, deref(item[method].requestBody.content['application/json'].schema)]);
  return ops;
}

async function ibbuMidt(api) {
  return (await walkList(api, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
}

/**
 * Per route: a fresh resource to send one member at a time to, as {client, url, base, version()}:
 * `base` is the rest of a valid body (PUT replaces the whole resource), version() its current
 * version for If-Match.
 */
/** A new citizen of the caller's, referred to ibbu-midt today: the enrolment. */
async function referral(api) {
  const midt = await ibbuMidt(api);
  const c = await createCitizen(api);
  return assertOk(await api.post('/api/v1/enrolments', {
    project_id: midt.id, citizen_id: c.id, referral_date: iso(todayDk()), referral_source: 'Jobcenter', target_group: midt.target_groups[0],
  }), 201, 'Enrolment');
}

const FIXTURES = {
  'PATCH /api/v1/enrolments/{id}': async () => {
    const api = await as('caseworker.herning');
    const e = await referral(api);
    return { client: api, url: `/api/v1/enrolments/${e.id}`, base: {}, version: async () => (await api.get(`/api/v1/enrolments/${e.id}`)).body.version };
  },
  'PUT /api/v1/enrolments/{id}/treatment-plan': async () => {
    const api = await as('caremanager.herning');
    const e = await referral(api);
    const url = `/api/v1/enrolments/${e.id}/treatment-plan`;
    const base = { start_date: iso(todayDk()), focus: 'Fokus (fiktivt)', modality: 'cbt', target: 'Mål (fiktivt)' };
    assertOk(await api.request('PUT', url, { json: base }), 201, 'TreatmentPlan');
    return { client: api, url, base, version: async () => (await api.get(url)).body.version };
  },
  'PATCH /api/v1/projects/{id}': async () => {
    const admin = await as('admin');
    const midt = await ibbuMidt(admin);
    return { client: admin, url: `/api/v1/projects/${midt.id}`, base: {}, version: async () => (await admin.get(`/api/v1/projects/${midt.id}`)).body.version };
  },
  'PATCH /api/v1/enrolments/{id}/assignments': async () => {
    const api = await as('caseworker.herning');
    const e = await referral(api);
    return { client: api, url: `/api/v1/enrolments/${e.id}/assignments`, base: {}, version: async () => (await api.get(`/api/v1/enrolments/${e.id}`)).body.version };
  },
  'PATCH /api/v1/tasks/{id}': async () => {
    // A case review's task for the caseworker (docs/api-contract.md "Tasks"): only its owner marks it.
    const cw = await as('caseworker.herning');
    const e = await referral(cw);
    const owner = assertOk(await cw.get('/api/v1/auth/me'), 200).user.id;
    const review = assertOk(await (await as('supervisor.herning')).post(`/api/v1/enrolments/${e.id}/case-reviews`, {
      date: iso(todayDk()), recommendation: 'Fiktiv anbefaling.', task: { owner_id: owner, text: 'Book et møde.' },
    }), 201, 'CaseReview');
    const id = review.task.id;
    return { client: cw, url: `/api/v1/tasks/${id}`, base: {}, version: async () => sql(server.db, `SELECT version FROM task WHERE id = ${id}`)[0].version };
  },
  'PATCH /api/v1/employers/{id}': async () => {
    const jc = await as('jobconsultant.herning');
    const e = assertOk(await jc.post('/api/v1/employers', { name: 'Fiktiv Nullable ApS', cvr: '13748136', city: 'Herning', municipality_code: '657' }), 201, 'Employer');
    return { client: jc, url: `/api/v1/employers/${e.id}`, base: {}, version: async () => (await jc.get(`/api/v1/employers/${e.id}`)).body.version };
  },
  'PATCH /api/v1/goals/{id}': async () => {
    const cw = await as('caseworker.herning');
    const e = await referral(cw);
    const goal = assertOk(await cw.post(`/api/v1/enrolments/${e.id}/goals`, { area: 'everyday_life', text: 'Et fiktivt mål' }), 201, 'Goal');
    return { client: cw, url: `/api/v1/goals/${goal.id}`, base: {}, version: async () => (await cw.get(`/api/v1/goals/${goal.id}`)).body.version };
  },
  'PATCH /api/v1/episodes/{id}': async () => {
    // A course: none of its optional members is required, so each may be null.
    const jc = await as('jobconsultant.herning');
    const e = await referral(jc);
    const ep = assertOk(await jc.post(`/api/v1/enrolments/${e.id}/episodes`, { kind: 'course', start_date: iso(todayDk()) }), 201, 'Episode');
    return { client: jc, url: `/api/v1/episodes/${ep.id}`, base: {}, version: async () => (await jc.get(`/api/v1/episodes/${ep.id}`)).body.version };
  },
  'PUT /api/v1/enrolments/{id}/vocational-profile': async () => {
    const jc = await as('jobconsultant.herning');
    const e = await referral(jc);
    const url = `/api/v1/enrolments/${e.id}/vocational-profile`;
    const base = { disclosure: 'none' };
    assertOk(await jc.request('PUT', url, { json: base }), 201, 'VocationalProfile');
    return { client: jc, url, base, version: async () => (await jc.get(url)).body.version };
  },
  'PUT /api/v1/enrolments/{id}/coordinator': async () => {
    const cw = await as('caseworker.herning');
    const e = await referral(cw);
    return { client: cw, url: `/api/v1/enrolments/${e.id}/coordinator`, base: {}, version: async () => 1 };
  },
  'PUT /api/v1/group-sessions/{id}/attendance': async () => {
    const cw = await as('caseworker.herning');
    const e = await referral(cw);
    const me = assertOk(await cw.get('/api/v1/auth/me'), 200, 'Me').user.id;
    const team = sql(server.db, `SELECT team_id FROM enrolment WHERE id = ${e.id}`)[0].team_id;
    const s = assertOk(await cw.post('/api/v1/group-sessions', { team_id: team, date: sql(server.db, `SELECT referral_date AS d FROM enrolment WHERE id = ${e.id}`)[0].d, duration_minutes: 60, place: 'library', topic: 'Fiktiv gruppe', staff: [me], participants: [e.id] }), 201, 'GroupSession');
    return { client: cw, url: `/api/v1/group-sessions/${s.id}/attendance`, base: { attendance: [{ enrolment_id: e.id, attended: true }] }, version: async () => sql(server.db, `SELECT version FROM meeting WHERE id = ${s.id}`)[0].version };
  },
  'PATCH /api/v1/users/{id}': async () => {
    const admin = await as('admin');
    const username = `nullable.${process.pid}.${Math.floor(Math.random() * 1e6)}`;
    const u = assertOk(await admin.post('/api/v1/users', {
      username, display_name: 'Nullable test', organisation_code: '1082', roles: ['evaluator'], password: 'a long throwaway passphrase',
    }), 201, 'UserAdmin');
    return { client: admin, url: `/api/v1/users/${u.id}`, base: {}, version: async () => sql(server.db, `SELECT version FROM app_user WHERE id = ${u.id}`)[0].version };
  },
};

test('every PATCH and PUT route has a fixture here', () => {
  const routes = updateOperations().map(([m, p]) => `${m} ${p}`);
  assert.ok(routes.length >= 3, routes.join(', '));
  assert.deepEqual(routes.filter((r) => !FIXTURES[r]), [], 'an update route without a fixture in tests/api/nullable.test.mjs');
});

test('null in an update body: accepted where the schema allows it, else 422 naming that member', async () => {
  const disagreements = [];
  let checked = 0;
  for (const [method, p, schema] of updateOperations()) {
    const fx = await FIXTURES[`${method} ${p}`]();
    for (const [member, memberSchema] of Object.entries(schema.properties ?? {})) {
      const version = await fx.version();
      const res = await fx.client.request(method, fx.url, { json: { ...fx.base, [member]: null }, headers: { 'If-Match': `"${version}"` } });
      checked += 1;
      const refusedOnMember = res.status === 422 && res.body?.field === `/${member}`;
      if (allowsNull(memberSchema)) {
        if (res.status >= 400) disagreements.push(`${method} ${p} ${member}: documented nullable, answered ${describe(res)}`);
      } else if (!refusedOnMember) {
        disagreements.push(`${method} ${p} ${member}: not nullable in the document, answered ${describe(res)}`);
      }
    }
  }
  assert.ok(checked >= 8, `only ${checked} members checked`);
  assert.deepEqual(disagreements, []);
});
