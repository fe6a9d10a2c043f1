// Static checks of src/api/openapi.json (no server needed): it is OpenAPI 3.1, names exactly the
// routes of docs/api-contract.md, every $ref resolves, request bodies are closed
// (additionalProperties: false) and every operation declares the statuses the contract promises.
// The served copy is compared with this file in http.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openapi, openapiPath, resolveRef, KNOWN_KEYWORDS } from './schema.mjs';

// The route table of docs/api-contract.md, written out by hand (not read from the document).
const ROUTES = {
  '/healthz': ['get'],
  '/readyz': ['get'],
  '/api/v1/openapi.json': ['get'],
  '/api/v1/auth/login': ['post'],
  '/api/v1/auth/logout': ['post'],
  '/api/v1/auth/me': ['get'],
  '/api/v1/organisations': ['get'],
  '/api/v1/target-groups': ['get'],
  '/api/v1/projects': ['get', 'post'],
  '/api/v1/projects/{id}': ['get', 'patch'],
  '/api/v1/citizens': ['get', 'post'],
  '/api/v1/citizens/{id}': ['get'],
  '/api/v1/citizens/{id}/access-log': ['get'],
  '/api/v1/enrolments': ['get', 'post'],
  '/api/v1/enrolments/{id}': ['get', 'patch'],
  '/api/v1/enrolments/{id}/consents': ['get', 'post'],
  '/api/v1/instruments': ['get'],
  '/api/v1/instruments/{key}': ['get'],
  '/api/v1/instruments/{key}/score': ['post'],
  '/api/v1/instruments/{key}/texts': ['post'],
  '/api/v1/enrolments/{id}/assessments': ['get', 'post'],
  '/api/v1/enrolments/{id}/eligibility': ['get', 'post'],
  '/api/v1/enrolments/{id}/treatment-plan': ['get', 'put'],
  '/api/v1/enrolments/{id}/sessions': ['get', 'post'],
  '/api/v1/enrolments/{id}/safety-followups': ['get', 'post'],
  '/api/v1/enrolments/{id}/case-reviews': ['get', 'post'],
  '/api/v1/enrolments/{id}/team': ['get'],
  '/api/v1/enrolments/{id}/assignments': ['patch'],
  '/api/v1/enrolments/{id}/status-history': ['get'],
  '/api/v1/enrolments/{id}/reopen': ['post'],
  '/api/v1/enrolments/{id}/tasks': ['get', 'post'],
  '/api/v1/enrolments/{id}/labour-weeks': ['get'],
  '/api/v1/enrolments/{id}/episodes': ['get', 'post'],
  '/api/v1/episodes/{id}': ['get', 'patch'],
  '/api/v1/enrolments/{id}/vocational-profile': ['get', 'put'],
  '/api/v1/enrolments/{id}/vocational-profile/history': ['get'],
  '/api/v1/enrolments/{id}/follow-along': ['get', 'post'],
  '/api/v1/tasks': ['get'],
  '/api/v1/tasks/{id}': ['patch'],
  '/api/v1/employers': ['get', 'post'],
  '/api/v1/employers/{id}': ['get', 'patch'],
  '/api/v1/employers/{id}/contacts': ['get', 'post'],
  '/api/v1/enrolments/{id}/employer-contacts': ['get'],
  '/api/v1/enrolments/{id}/goals': ['get', 'post'],
  '/api/v1/goals/{id}': ['get', 'patch'],
  '/api/v1/goals/{id}/history': ['get'],
  '/api/v1/enrolments/{id}/meetings': ['get', 'post'],
  '/api/v1/enrolments/{id}/network-meetings': ['post'],
  '/api/v1/network-meetings/{id}': ['get'],
  '/api/v1/group-sessions': ['get', 'post'],
  '/api/v1/group-sessions/young-people': ['get'],
  '/api/v1/group-sessions/{id}': ['get'],
  '/api/v1/group-sessions/{id}/attendance': ['put'],
  '/api/v1/enrolments/{id}/team-notes': ['get', 'post'],
  '/api/v1/enrolments/{id}/coordinator': ['get', 'put'],
  '/api/v1/enrolments/{id}/my-plan': ['get'],
  '/api/v1/caseload': ['get'],
  '/api/v1/ips-measures': ['get'],
  '/api/v1/case-review': ['get'],
  '/api/v1/follow-ups': ['get'],
  '/api/v1/users': ['get', 'post'],
  '/api/v1/users/{id}': ['patch'],
  '/api/v1/teams': ['get', 'post'],
  '/api/v1/teams/{id}/members': ['post'],
};
// The routes anyone may call, signed in or not (docs/security-model.md "Sessions and tokens").
const PUBLIC = ['get /healthz', 'get /readyz', 'get /api/v1/openapi.json', 'post /api/v1/auth/login', 'post /api/v1/instruments/{key}/score'];
// Routes every signed-in user may call (no role refused, so no 403).
const ANY_USER = ['get /api/v1/auth/me', 'get /api/v1/organisations', 'get /api/v1/target-groups', 'get /api/v1/projects', 'get /api/v1/projects/{id}', 'get /api/v1/instruments', 'get /api/v1/instruments/{key}'];
// POSTs that create nothing with a URL of its own: no Location/ETag, no 409.
const NOT_CREATING = ['post /api/v1/auth/login', 'post /api/v1/auth/logout', 'post /api/v1/teams/{id}/members', 'post /api/v1/instruments/{key}/score', 'post /api/v1/enrolments/{id}/reopen'];
// POSTs that add a row to an enrolment's history (or an employer's contacts): no URL of their own,
// so no Location/ETag.
const HISTORY_ROWS = ['/api/v1/enrolments/{id}/meetings', '/api/v1/enrolments/{id}/team-notes', '/api/v1/employers/{id}/contacts', '/api/v1/enrolments/{id}/follow-along', '/api/v1/enrolments/{id}/consents', '/api/v1/enrolments/{id}/assessments', '/api/v1/enrolments/{id}/eligibility', '/api/v1/enrolments/{id}/sessions', '/api/v1/enrolments/{id}/safety-followups', '/api/v1/enrolments/{id}/case-reviews'];
// POSTs that never conflict: registering a citizen answers a new record (201) or the record the
// caller already sees (200), never 409, which would tell them that another team knows the person
// (docs/security-model.md "One person, many records").
const NO_CONFLICT = ['post /api/v1/citizens'];
// POSTs that make something without a URL and version of its own: a team (listed, never read
// alone) and a loaded translation (read through GET /api/v1/instruments/{key}): no ETag.
const NO_OWN_URL = ['/api/v1/teams', '/api/v1/instruments/{key}/texts'];
// GETs answered in one piece (no limit/cursor): not lists, or a fixed reference table of a few
// dozen rows answered whole (the target groups).
// Every other GET under /api/v1/ that does not end in /{id} lists, with limit and cursor.
// The status history of one enrolment: a handful of changes, answered whole (next_cursor null).
const UNPAGED = ['/api/v1/ips-measures', '/api/v1/target-groups', '/api/v1/enrolments/{id}/status-history', '/api/v1/goals/{id}/history', '/api/v1/enrolments/{id}/coordinator', '/api/v1/enrolments/{id}/my-plan', '/api/v1/openapi.json', '/api/v1/auth/me', '/api/v1/instruments/{key}', '/api/v1/enrolments/{id}/eligibility', '/api/v1/enrolments/{id}/treatment-plan',
  // A range of weeks the caller names (from, to), at most 1,100 and refused beyond, never cut.
  '/api/v1/enrolments/{id}/labour-weeks', '/api/v1/enrolments/{id}/vocational-profile'];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const CODES = {
  malformed: 400, invalid: 422, unauthenticated: 401, forbidden: 403, csrf: 403, throttled: 429, not_found: 404,
  method_not_allowed: 405, conflict: 409, stale: 412, too_large: 413, uri_too_long: 414, headers_too_large: 431,
  bad_request: 400, unsupported_media_type: 415,
  precondition_required: 428, busy: 503, unavailable: 503, internal: 500,
};

const doc = openapi();
const deref = (node) => (node && node.$ref ? deref(resolveRef(doc, node.$ref)) : node);

function* nodes(node, at = '') {
  yield [node, at];
  if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) yield* nodes(v, `${at}/${k}`);
}

// Every place that holds a JSON Schema: component schemas, parameter/header schemas, media types.
function* schemaRoots() {
  for (const [name, s] of Object.entries(doc.components.schemas)) yield [s, `#/components/schemas/${name}`];
  for (const [node, at] of nodes(doc)) {
    if (node && typeof node === 'object' && node.schema && typeof node.schema === 'object' && !at.includes('/components/schemas/'))
      yield [node.schema, `${at}/schema`];
  }
}

function* subschemas(schema, at) {
  yield [schema, at];
  for (const [k, v] of Object.entries(schema.properties ?? {})) yield* subschemas(v, `${at}/properties/${k}`);
  if (schema.items) yield* subschemas(schema.items, `${at}/items`);
  if (typeof schema.additionalProperties === 'object') yield* subschemas(schema.additionalProperties, `${at}/additionalProperties`);
}

test('the file is pretty-printed JSON with 2-space indents and a final newline', () => {
  const text = readFileSync(openapiPath, 'utf8');
  assert.equal(text, JSON.stringify(JSON.parse(text), null, 2) + '\n');
});

test('header: OpenAPI 3.1.0, title, version, servers', () => {
  assert.equal(doc.openapi, '3.1.0');
  assert.equal(doc.info.title, 'Samspor API');
  assert.equal(doc.info.version, '1.0.0');
  assert.deepEqual(doc.servers, [{ url: '/' }]);
});

test('paths and methods are exactly the route table of docs/api-contract.md', () => {
  assert.deepEqual(Object.keys(doc.paths).sort(), Object.keys(ROUTES).sort());
  for (const [p, methods] of Object.entries(ROUTES)) {
    const got = Object.keys(doc.paths[p]).filter((k) => METHODS.includes(k)).sort();
    assert.deepEqual(got, [...methods].sort(), p);
  }
});

test('every $ref resolves and operationIds are unique', () => {
  for (const [node, at] of nodes(doc)) {
    if (node && typeof node === 'object' && typeof node.$ref === 'string')
      assert.doesNotThrow(() => resolveRef(doc, node.$ref), `${at}: ${node.$ref}`);
  }
  const ids = [];
  for (const item of Object.values(doc.paths))
    for (const m of METHODS) if (item[m]) ids.push(item[m].operationId);
  assert.ok(ids.every((id) => typeof id === 'string' && id.length > 0));
  assert.equal(new Set(ids).size, ids.length);
});

test('path templates and path parameters agree', () => {
  for (const [p, item] of Object.entries(doc.paths)) {
    const names = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const m of METHODS) {
      if (!item[m]) continue;
      const params = [...(item.parameters ?? []), ...(item[m].parameters ?? [])].map(deref);
      const declared = params.filter((x) => x.in === 'path').map((x) => x.name).sort();
      assert.deepEqual(declared, [...names].sort(), `${m} ${p}`);
      for (const x of params.filter((x) => x.in === 'path')) assert.equal(x.required, true, `${m} ${p} ${x.name}`);
    }
  }
});

test('schemas use only keywords the test validator understands, and valid patterns', () => {
  for (const [root, at] of schemaRoots()) {
    for (const [s, where] of subschemas(root, at)) {
      for (const k of Object.keys(s)) assert.ok(KNOWN_KEYWORDS.has(k), `${where}: keyword ${k}`);
      if (s.pattern !== undefined) assert.doesNotThrow(() => new RegExp(s.pattern, 'u'), where);
      if (s.required) for (const r of s.required) assert.ok(r in (s.properties ?? {}), `${where}: required ${r} not a property`);
    }
  }
});

test('every object schema with members is closed (additionalProperties: false)', () => {
  for (const [root, at] of schemaRoots()) {
    for (const [s, where] of subschemas(root, at)) {
      if (s.properties) assert.equal(s.additionalProperties, false, where);
    }
  }
});

test('request bodies are required, application/json only, closed objects', () => {
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const m of ['post', 'patch', 'put']) {
      if (!item[m]) continue;
      if (`${m} ${p}` === 'post /api/v1/auth/logout') {
        assert.equal(item[m].requestBody, undefined, 'logout takes no body');
        continue;
      }
      const body = deref(item[m].requestBody);
      assert.ok(body, `${m} ${p}: requestBody`);
      assert.equal(body.required, true);
      assert.deepEqual(Object.keys(body.content), ['application/json']);
      const schema = deref(body.content['application/json'].schema);
      assert.equal(schema.type, 'object');
      assert.equal(schema.additionalProperties, false, `${m} ${p}`);
    }
  }
});

test('the problem schema lists every code of the contract', () => {
  const problem = doc.components.schemas.Problem;
  assert.deepEqual([...problem.properties.code.enum].sort(), Object.keys(CODES).sort());
  for (const k of ['type', 'title', 'status', 'code', 'detail', 'field', 'parameter', 'current_version'])
    assert.ok(k in problem.properties, k);
});

test('every error response is application/problem+json with the Problem schema', () => {
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) {
      if (!item[m]) continue;
      for (const [status, r] of Object.entries(item[m].responses)) {
        assert.match(status, /^[1-5][0-9]{2}$/, `${m} ${p}`);
        if (Number(status) < 400) continue;
        const res = deref(r);
        assert.deepEqual(Object.keys(res.content), ['application/problem+json'], `${m} ${p} ${status}`);
        assert.equal(res.content['application/problem+json'].schema.$ref, '#/components/schemas/Problem');
      }
    }
  }
});

test('operations declare the statuses and headers the contract promises', () => {
  const has = (op, status) => status in op.responses;
  const headers = (op, status) => Object.keys(deref(op.responses[status]).headers ?? {});
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      assert.ok(has(op, '405'), `${m} ${p}: 405`);
      assert.ok(headers(op, '405').includes('Allow'), `${m} ${p}: 405 Allow`);
      if (m === 'post' && !NOT_CREATING.includes(`${m} ${p}`)) {
        for (const s of ['201', '400', '413', '415', '422']) assert.ok(has(op, s), `${m} ${p}: ${s}`);
        // A consent is a new row of a history, not a resource with its own URL and version.
        if (NO_CONFLICT.includes(`${m} ${p}`)) {
          assert.ok(!has(op, '409'), `${m} ${p}: no 409`);
          assert.deepEqual(headers(op, '200').filter((h) => h !== 'Idempotent-Replayed').sort(), ['ETag', 'Location']);
        }
        if (!HISTORY_ROWS.includes(p) && !NO_OWN_URL.includes(p)) {
          if (!NO_CONFLICT.includes(`${m} ${p}`)) assert.ok(has(op, '409'), `${m} ${p}: 409`);
          assert.deepEqual(headers(op, '201').filter((h) => h !== 'Idempotent-Replayed').sort(), ['ETag', 'Location']);
        }
        const params = op.parameters.map(deref);
        assert.ok(params.some((x) => x.in === 'header' && x.name === 'Idempotency-Key'), `${p}: Idempotency-Key`);
      }
      if (m === 'patch') {
        for (const s of ['200', '400', '404', '412', '413', '415', '422', '428']) assert.ok(has(op, s), `${m} ${p}: ${s}`);
        assert.ok(headers(op, '200').includes('ETag'));
        assert.ok(headers(op, '412').includes('ETag'));
        const ifMatch = op.parameters.map(deref).find((x) => x.in === 'header' && x.name === 'If-Match');
        assert.ok(ifMatch && ifMatch.required, `${p}: If-Match required`);
      }
      if (m === 'get' && p.endsWith('/{id}')) {
        assert.ok(has(op, '404'), `${p}: 404`);
        assert.ok(headers(op, '200').includes('ETag'), `${p}: ETag`);
      }
      if (m === 'get' && !p.endsWith('/{id}') && p.startsWith('/api/v1/') && !UNPAGED.includes(p)) {
        const names = op.parameters.map(deref).map((x) => x.name);
        assert.ok(names.includes('limit') && names.includes('cursor'), `${p}: limit, cursor`);
        assert.ok(has(op, '422'), `${p}: 422`);
        const schema = deref(op.responses['200'].content['application/json'].schema);
        // a few carry one more member computed over the whole list (in_force, baseline, today)
        for (const k of ['items', 'next_cursor']) assert.ok(schema.required.includes(k), `${p}: ${k}`);
        assert.ok(schema.required.length <= 3, p);
      }
    }
  }
});

test('security: the session cookie and bearer schemes; every operation but the public ones requires one of them', () => {
  const schemes = doc.components.securitySchemes;
  assert.deepEqual(schemes.sessionCookie, { ...schemes.sessionCookie, type: 'apiKey', in: 'cookie', name: 'samspor_session' });
  assert.deepEqual(schemes.bearerToken, { ...schemes.bearerToken, type: 'http', scheme: 'bearer' });
  assert.equal(doc.security, undefined, 'no document-wide default: each operation says');
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const key = `${m} ${p}`;
      if (PUBLIC.includes(key)) {
        assert.ok(op.security === undefined || op.security.length === 0, `${key} is public`);
        assert.ok(!('401' in op.responses) || key === 'post /api/v1/auth/login', `${key}: no 401`);
        continue;
      }
      assert.deepEqual(op.security, [{ sessionCookie: [] }, { bearerToken: [] }], key);
      assert.ok('401' in op.responses, `${key}: 401`);
      if (!ANY_USER.includes(key)) assert.ok('403' in op.responses, `${key}: 403`);
      if (['post', 'patch', 'put', 'delete'].includes(m)) {
        const csrf = op.parameters.map(deref).find((x) => x.in === 'header' && x.name === 'X-CSRF-Token');
        assert.ok(csrf && csrf.required === false, `${key}: X-CSRF-Token (optional: bearer tokens need none)`);
      }
    }
  }
  const login = doc.paths['/api/v1/auth/login'].post;
  for (const s of ['200', '401', '422', '429']) assert.ok(s in login.responses, `login ${s}`);
  assert.ok(Object.keys(deref(login.responses['429']).headers ?? {}).includes('Retry-After'));
  assert.ok(Object.keys(deref(login.responses['200']).headers ?? {}).includes('Set-Cookie'));
});

test('a citizen carries its enrolments; an enrolment its optional summaries; consents and the access log have schemas', () => {
  const s = doc.components.schemas;
  assert.equal(deref(s.Citizen.properties.enrolments.items), s.Enrolment);
  assert.ok(!s.Citizen.required.includes('enrolments'), 'POST and list answers carry no enrolments');
  for (const k of ['health_summary', 'employment_summary']) {
    assert.ok(k in s.Enrolment.properties, k);
    assert.ok(!s.Enrolment.required.includes(k), `${k} is optional (absent when not allowed)`);
  }
  assert.deepEqual([...s.ConsentCreate.required].sort(), ['date', 'given', 'scope']);
  assert.deepEqual([...deref(s.ConsentCreate.properties.scope).enum].sort(), ['employment_to_health', 'health_summary_to_municipality', 'research_use']);
  for (const k of ['username', 'role', 'purpose', 'outcome', 'action', 'time']) assert.ok(k in s.AccessEvent.properties, k);
  assert.deepEqual([...s.LoginRequest.required].sort(), ['password', 'username']);
});

test('request-body constraints match the prose contract', () => {
  const s = doc.components.schemas;
  const p = s.ProjectCreate.properties;
  assert.deepEqual([...s.ProjectCreate.required].sort(), Object.keys(p).filter((k) => k !== 'region_code' && k !== 'treatment_settings' && k !== 'employment_settings').sort());
  // docs/api-contract.md (Project): the employment caseload's thresholds, their defaults and ranges.
  const es = deref(p.employment_settings);
  assert.deepEqual(Object.fromEntries(Object.entries(es.properties).map(([k, v]) => [k, [v.default, v.minimum, v.maximum]])), {
    no_employer_contact_days: [30, 1, 366], no_contact_days: [14, 1, 366], follow_along_days: [28, 1, 366], caseload_limit: [20, 1, 500],
  });
  // docs/api-contract.md (Project): the treatment numbers, their ranges, and which may be null.
  const t = deref(p.treatment_settings);
  assert.deepEqual(t.required, []);
  assert.deepEqual(Object.fromEntries(Object.entries(t.properties).map(([k, v]) => [k, [v.minimum, v.maximum, Array.isArray(v.type)]])), {
    not_improving_weeks: [1, 104, false], response_percent: [1, 100, false], measurement_overdue_days: [1, 366, false],
    no_contact_days: [1, 366, false], screen_phq9_min: [0, 27, true], screen_gad7_min: [0, 21, true],
    screen_who5_max: [0, 25, true], severe_phq9_min: [1, 27, true], suicide_item9_min: [1, 3, true],
  });
  assert.equal(p.slug.pattern, '^[a-z0-9][a-z0-9-]{1,63}$');
  assert.deepEqual([p.name.minLength, p.name.maxLength], [1, 200]);
  assert.equal(p.description.maxLength, 4000);
  assert.deepEqual([p.target_count.minimum, p.target_count.maximum], [1, 1000000]);
  assert.deepEqual([p.age_min.minimum, p.age_min.maximum, p.age_max.minimum, p.age_max.maximum], [15, 99, 15, 99]);
  assert.deepEqual([p.municipalities.minItems, p.municipalities.maxItems], [1, 98]);
  assert.equal(p.target_groups.minItems, 1);
  assert.equal(p.instruments.uniqueItems, true);
  assert.deepEqual([...deref(p.instruments.items).enum].sort(), ['gad7', 'mdi', 'phq9', 'pss10', 'who5', 'wsas']);
  assert.deepEqual([p.followup_months.maxItems, p.followup_months.items.minimum, p.followup_months.items.maximum], [12, 1, 120]);
  const c = s.CitizenCreate.properties;
  assert.deepEqual([...s.CitizenCreate.required].sort(), ['identifier', 'identifier_type', 'name']);
  assert.deepEqual(c.identifier_type.enum, ['cpr', 'erstatning', 'ecpr']);
  assert.deepEqual([c.name.minLength, c.name.maxLength, c.phone.maxLength, c.email.maxLength], [1, 200, 40, 254]);
  const e = s.EnrolmentCreate.properties;
  // Optional at a referral: where it goes (team or municipality) and the team set with it.
  const optionalAtReferral = ['assignments', 'municipality_code', 'team_id'];
  assert.deepEqual([...s.EnrolmentCreate.required].sort(), Object.keys(e).filter((k) => !optionalAtReferral.includes(k)).sort());
  assert.equal(s.EnrolmentPatch.minProperties, 1);
  assert.deepEqual(Object.keys(s.EnrolmentPatch.properties).sort(), ['referral_source', 'status', 'status_note', 'status_reason', 'target_group', 'team_id']);
  assert.equal(s.EnrolmentPatch.properties.team_id.type, 'integer', 'never null: clearing the team would hide the enrolment from everyone');
});
