// The authorization matrix of docs/security-model.md: every route of src/api/routes.c × every role
// (one user each, plus no session at all) × the citizen's relation to the caller (own team, another
// team in the same municipality, another municipality, registered-not-enrolled, no such citizen) ×
// the consents in force (health_summary_to_municipality, employment_to_health: never recorded,
// given, withdrawn, one of each). Each cell's expected outcome comes from expectation() below,
// written from the contract, never from the server's answers. Every cell is run, all mismatches are
// collected and reported together.
//
// The treatment track (issue 5) adds health detail: the enrolment-scoped treatment routes are for
// health roles on the enrolment's team only, whatever consents are in force (a consent opens the
// health *summary* to municipal staff, never the records), with the same 403/404 refusal rules as
// the other enrolment routes; recording a case review, and the case-review list, are for the
// supervising clinician; the caseload for health roles; the questionnaire catalogue for anyone
// signed in; scoring is public.
//
// The access log (GET /api/v1/citizens/{id}/access-log) is checked row by row in every cell that
// may read it: every event of the citizen (read from audit_event) against the rule of
// docs/security-model.md "Access log" — events of purpose treatment in full (with their route) to
// health roles on the team, as one generic health_activity row (time and sector only) to
// municipal roles while health_summary_to_municipality is in force, otherwise absent; events of the
// employment purposes (employment, employment_support) the mirror image: in full to municipal roles
// on the team, as one generic employment_activity row to health roles while employment_to_health is
// in force, otherwise absent; every other event in full without a route — walked in pages that must all be full but the last.
//
// Case work (issue 9) adds: assigning who carries a case (case roles on the team, as changing the
// enrolment), the status history and the enrolment's tasks (as reading it), reopening an ended
// enrolment (the team's supervising clinician, or the project's lead — lead.ibbu-midt works on
// every ibbu-midt team — nobody else), the caller's own tasks (case roles), marking a task done
// (its owner only), and the follow-up list (health roles).
//
// The joint plan (issue 11) adds goals and the coordinator: the whole team of both sectors reads
// them and sets them (the enrolment rules), but a treatment goal's words reach municipal roles only
// with health_summary_to_municipality: without it they are left out of what is read, and writing a
// treatment goal is 403 (docs/security-model.md "Joint plan"). Tasks of the plan are set by the whole
// team (the enrolment rules), and "Min plan" is read by it: there a treatment goal's words only reach
// readers who may see health detail (health roles), whatever consent is in force.
//
// The employment and education track (issue 11) adds episodes, the vocational profile and
// follow-along contacts: read as the weekly status is (municipal roles on the team; health roles on
// it only while employment_to_health is given), written by the team's municipal roles only (a
// health role is refused by role, 403).
//
// Callers are the Herning team of ibbu-midt (team municipality 657; health staff are regional,
// organisation 1082). Besides the demo data the test makes:
//   resource.herning  resource_consultant on the Herning ibbu-midt team (the demo has none)
//   a second Herning team (in ibbu-nord) with caseworker.matrix-other on it, who registers and
//   enrols the "same municipality, other team" citizen, and registers one citizen without
//   enrolling them.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, stopAndCheck, binary, repoRoot, rememberPersonal, sqlAsync, keyFileOf } from './server.mjs';

// --- The contract ------------------------------------------------------------------------------

const ANON = 'anonymous';
const HEALTH = ['care_manager', 'therapist', 'supervising_clinician'];
const MUNICIPAL = ['caseworker', 'job_consultant', 'resource_consultant'];
const CASE = [...HEALTH, ...MUNICIPAL];

/** One user per role of the contract's role table. */
const ROLE_USERS = {
  care_manager: 'caremanager.herning',
  therapist: 'therapist.herning',
  supervising_clinician: 'supervisor.herning',
  caseworker: 'caseworker.herning',
  job_consultant: 'jobconsultant.herning',
  resource_consultant: 'resource.herning',
  project_lead: 'lead.ibbu-midt',
  evaluator: 'researcher.ibbu-midt',
  administrator: 'admin',
};
const ROLES = Object.keys(ROLE_USERS);
const CALLERS = [...ROLES, ANON];
const DEMO_PASSWORD = 'samspor-demo';
const NEW_PASSWORD = 'a long unusual passphrase for the matrix';

/**
 * The citizen's relation to a caller on the Herning ibbu-midt team, as the contract's visibility
 * rules see it: `visible` (the caller may read the citizen), `known` (the citizen has an enrolment
 * in a municipality of the caller's teams: a refusal may then say 403, else 404).
 */
const RELATIONS = {
  own: { visible: true, known: true, enrolled: true }, // enrolled on the caller's team
  sameMuni: { visible: false, known: true, enrolled: true }, // on another team in 657
  otherMuni: { visible: false, known: false, enrolled: true }, // on the Randers team (730)
  mine: { visible: true, known: false, enrolled: false }, // registered by the caller, not enrolled
  othersUnenrolled: { visible: false, known: false, enrolled: false }, // registered by another 657 user
  missing: { visible: false, known: false, enrolled: false }, // no such citizen/enrolment
};
const ENROLLED = ['own', 'sameMuni', 'otherMuni'];

/** Consent states walked, in order; hs = health_summary_to_municipality, eh = employment_to_health. */
const CONSENTS = [
  { name: 'none', hs: false, eh: false, rows: [] },
  { name: 'given', hs: true, eh: true, rows: [['health_summary_to_municipality', true], ['employment_to_health', true]] },
  { name: 'withdrawn', hs: false, eh: false, rows: [['health_summary_to_municipality', false], ['employment_to_health', false]] },
  { name: 'hs-only', hs: true, eh: false, rows: [['health_summary_to_municipality', true]] },
  { name: 'eh-only', hs: false, eh: true, rows: [['health_summary_to_municipality', false], ['employment_to_health', true]] },
];
const NA = { name: 'n/a', hs: false, eh: false };

/** The treatment routes name an enrolment: walked like the other enrolment-scoped routes. */
const TREATMENT_RELATIONS = ['missing', 'own', 'sameMuni', 'otherMuni'];
/** Kinds of the enrolment-scoped treatment routes (health detail). */
const TREATMENT_KINDS = new Set(['treatment-read', 'treatment-write', 'review-write']);

/** Every route of src/api/routes.c, classified; `citizen` routes get the relation/consent walk. */
const SPEC = {
  'GET /healthz': { kind: 'public' },
  'GET /readyz': { kind: 'public' },
  'GET /api/v1/openapi.json': { kind: 'public' },
  'POST /api/v1/auth/login': { kind: 'login' },
  'POST /api/v1/auth/logout': { kind: 'logout' },
  'GET /api/v1/auth/me': { kind: 'signed-in' },
  'GET /api/v1/organisations': { kind: 'signed-in' },
  'GET /api/v1/target-groups': { kind: 'signed-in' },
  'GET /api/v1/projects': { kind: 'signed-in' },
  'POST /api/v1/projects': { kind: 'admin-write' },
  'GET /api/v1/projects/{id}': { kind: 'signed-in' },
  'PATCH /api/v1/projects/{id}': { kind: 'admin-write' },
  'GET /api/v1/citizens': { kind: 'citizen-search', citizen: true, relations: ['own', 'sameMuni', 'otherMuni', 'mine', 'othersUnenrolled', 'missing'] },
  'POST /api/v1/citizens': { kind: 'citizen-create' },
  'GET /api/v1/citizens/{id}': { kind: 'citizen-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni', 'mine', 'othersUnenrolled'] },
  'GET /api/v1/citizens/{id}/access-log': { kind: 'citizen-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni', 'mine', 'othersUnenrolled'] },
  'GET /api/v1/enrolments': { kind: 'enrolment-search', citizen: true, relations: ['own', 'sameMuni', 'otherMuni'] },
  'POST /api/v1/enrolments': { kind: 'enrolment-create', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni', 'othersUnenrolled', 'mine'] },
  'GET /api/v1/enrolments/{id}': { kind: 'enrolment-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'PATCH /api/v1/enrolments/{id}': { kind: 'enrolment-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/enrolments/{id}/consents': { kind: 'enrolment-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'POST /api/v1/enrolments/{id}/consents': { kind: 'enrolment-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/enrolments/{id}/team': { kind: 'enrolment-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'PATCH /api/v1/enrolments/{id}/assignments': { kind: 'assignment-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/enrolments/{id}/status-history': { kind: 'enrolment-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'POST /api/v1/enrolments/{id}/reopen': { kind: 'reopen', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/enrolments/{id}/tasks': { kind: 'enrolment-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/enrolments/{id}/labour-weeks': { kind: 'employment-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/enrolments/{id}/episodes': { kind: 'employment-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'POST /api/v1/enrolments/{id}/episodes': { kind: 'employment-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/episodes/{id}': { kind: 'employment-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'PATCH /api/v1/episodes/{id}': { kind: 'employment-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/enrolments/{id}/vocational-profile': { kind: 'employment-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'PUT /api/v1/enrolments/{id}/vocational-profile': { kind: 'employment-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/enrolments/{id}/vocational-profile/history': { kind: 'employment-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/enrolments/{id}/follow-along': { kind: 'employment-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'POST /api/v1/enrolments/{id}/follow-along': { kind: 'employment-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/tasks': { kind: 'case-list' },
  // Employers (issue 11): walked by their own test below, over the employer's register (the
  // caller's municipality, another one, none) rather than a citizen's relation.
  'GET /api/v1/employers': { kind: 'employer-list', employer: true },
  'POST /api/v1/employers': { kind: 'employer-create', employer: true },
  'GET /api/v1/employers/{id}': { kind: 'employer-read', employer: true },
  'PATCH /api/v1/employers/{id}': { kind: 'employer-work', employer: true },
  'GET /api/v1/employers/{id}/contacts': { kind: 'employer-work', employer: true },
  'POST /api/v1/employers/{id}/contacts': { kind: 'employer-work', employer: true },
  'GET /api/v1/enrolments/{id}/employer-contacts': { kind: 'employer-enrolment', employer: true },
  'PATCH /api/v1/tasks/{id}': { kind: 'task-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/enrolments/{id}/goals': { kind: 'goal-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'POST /api/v1/enrolments/{id}/goals': { kind: 'goal-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/goals/{id}': { kind: 'goal-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'PATCH /api/v1/goals/{id}': { kind: 'goal-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/goals/{id}/history': { kind: 'goal-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/enrolments/{id}/coordinator': { kind: 'enrolment-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'PUT /api/v1/enrolments/{id}/coordinator': { kind: 'coordinator-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'POST /api/v1/enrolments/{id}/tasks': { kind: 'task-create', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/enrolments/{id}/my-plan': { kind: 'plan-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  // Meetings and team notes (issue 11): the joint plan, the whole team of both sectors; a team
  // note's other sector only with the consent its content needs; a group session its team's.
  'GET /api/v1/enrolments/{id}/meetings': { kind: 'enrolment-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'POST /api/v1/enrolments/{id}/meetings': { kind: 'meeting-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'POST /api/v1/enrolments/{id}/network-meetings': { kind: 'meeting-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/network-meetings/{id}': { kind: 'network-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/enrolments/{id}/team-notes': { kind: 'team-note-read', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'POST /api/v1/enrolments/{id}/team-notes': { kind: 'meeting-write', citizen: true, relations: ['missing', 'own', 'sameMuni', 'otherMuni'] },
  'GET /api/v1/group-sessions': { kind: 'case-list' },
  'POST /api/v1/group-sessions': { kind: 'group-create' },
  'GET /api/v1/group-sessions/young-people': { kind: 'group-young-people' },
  'GET /api/v1/group-sessions/{id}': { kind: 'group-read' },
  'PUT /api/v1/group-sessions/{id}/attendance': { kind: 'group-write' },
  'GET /api/v1/instruments': { kind: 'signed-in' },
  'GET /api/v1/instruments/{key}': { kind: 'signed-in' },
  'POST /api/v1/instruments/{key}/score': { kind: 'score' },
  'POST /api/v1/instruments/{key}/texts': { kind: 'admin-write' },
  'GET /api/v1/enrolments/{id}/assessments': { kind: 'treatment-read', citizen: true, relations: TREATMENT_RELATIONS },
  'POST /api/v1/enrolments/{id}/assessments': { kind: 'treatment-write', citizen: true, relations: TREATMENT_RELATIONS },
  'GET /api/v1/enrolments/{id}/treatment-plan': { kind: 'treatment-read', citizen: true, relations: TREATMENT_RELATIONS },
  'PUT /api/v1/enrolments/{id}/treatment-plan': { kind: 'treatment-write', citizen: true, relations: TREATMENT_RELATIONS },
  'GET /api/v1/enrolments/{id}/sessions': { kind: 'treatment-read', citizen: true, relations: TREATMENT_RELATIONS },
  'POST /api/v1/enrolments/{id}/sessions': { kind: 'treatment-write', citizen: true, relations: TREATMENT_RELATIONS },
  'GET /api/v1/enrolments/{id}/safety-followups': { kind: 'treatment-read', citizen: true, relations: TREATMENT_RELATIONS },
  'POST /api/v1/enrolments/{id}/safety-followups': { kind: 'treatment-write', citizen: true, relations: TREATMENT_RELATIONS },
  'GET /api/v1/enrolments/{id}/eligibility': { kind: 'treatment-read', citizen: true, relations: TREATMENT_RELATIONS },
  'POST /api/v1/enrolments/{id}/eligibility': { kind: 'treatment-write', citizen: true, relations: TREATMENT_RELATIONS },
  'GET /api/v1/enrolments/{id}/case-reviews': { kind: 'treatment-read', citizen: true, relations: TREATMENT_RELATIONS },
  'POST /api/v1/enrolments/{id}/case-reviews': { kind: 'review-write', citizen: true, relations: TREATMENT_RELATIONS },
  'GET /api/v1/caseload': { kind: 'health-list' },
  'GET /api/v1/case-review': { kind: 'supervisor-list' },
  'GET /api/v1/ips-measures': { kind: 'ips-measures' },
  'GET /api/v1/follow-ups': { kind: 'health-list' },
  'GET /api/v1/users': { kind: 'admin-read' },
  'POST /api/v1/users': { kind: 'admin-write' },
  'PATCH /api/v1/users/{id}': { kind: 'admin-write' },
  'GET /api/v1/teams': { kind: 'admin-read' },
  'POST /api/v1/teams': { kind: 'admin-write' },
  'POST /api/v1/teams/{id}/members': { kind: 'admin-write' },
};

/**
 * The contract's answer for one cell: 'allowed', 401, 403, 404, or 'hidden' (for a citizen named in
 * a body rather than the path: the same answer as for a citizen that does not exist).
 */
function expectation(kind, role, rel, consent) {
  // docs/security-model.md: the scorer POST /api/v1/instruments/{key}/score needs no sign-in.
  if (kind === 'public' || kind === 'score') return 'allowed';
  // "Without a session or token every route but /healthz, /readyz, /api/v1/openapi.json and
  // /api/v1/auth/login answers 401". Signing in with an unknown user: 401 as well.
  if (role === ANON) return 401;
  if (kind === 'login' || kind === 'logout' || kind === 'signed-in') return 'allowed';
  // "Administrators: users, teams, projects"; leads and evaluators: project data, read only.
  if (kind === 'admin-write' || kind === 'admin-read') return role === 'administrator' ? 'allowed' : 403;
  // Issue 5: the caseload is a clinician's own (health roles); the case-review list is the
  // supervising clinician's. Neither names a citizen in the request, so a refusal is 403.
  if (kind === 'health-list') return HEALTH.includes(role) ? 'allowed' : 403;
  if (kind === 'supervisor-list') return role === 'supervising_clinician' ? 'allowed' : 403;
  // Issue 11: the employment caseload (GET /api/v1/caseload?track=employment, walked by the
  // health-list cell as a second request) is the job centre's; IPS Grow's measures are counts for
  // the project's lead and its municipal staff (every caller here works on ibbu-midt).
  if (kind === 'employment-list') return MUNICIPAL.includes(role) ? 'allowed' : 403;
  if (kind === 'ips-measures') return MUNICIPAL.includes(role) || role === 'project_lead' ? 'allowed' : 403;
  // Issue 9: "A supervising clinician on the team, or the project's project lead, may reopen a case
  // ended by mistake; nobody else." The lead (on the teams of ibbu-midt) reopens in its project,
  // any municipality; another project's enrolment is not theirs to know (404). Every other role:
  // a refusal by role, 403. The supervising clinician follows the enrolment rules below.
  if (kind === 'reopen' && role === 'project_lead') return ['own', 'otherMuni'].includes(rel) ? 'allowed' : 404;
  if (kind === 'reopen' && role !== 'supervising_clinician') return 403;
  // "Project leads and evaluators: ... no individual citizen. Administrators: ... no citizen data."
  // A refusal by role is the same for every citizen, so it is 403 (see the report for this reading).
  if (!CASE.includes(role)) return 403;
  if (kind === 'citizen-create' || kind === 'citizen-search' || kind === 'enrolment-search' || kind === 'case-list') return 'allowed';
  // Issue 11: a group session of the Herning ibbu-midt team, which every case role of the matrix is on.
  if (kind === 'group-create' || kind === 'group-read' || kind === 'group-write' || kind === 'group-young-people') return 'allowed';
  // "Recording a review: the supervising clinician" — a refusal by role, the same for every
  // enrolment, so 403 (as for the roles without citizens above).
  if (kind === 'review-write' && role !== 'supervising_clinician') return 403;
  const r = RELATIONS[rel];
  // Issue 9: a task is marked done by its owner (here caseworker.herning on the own team; each
  // relation's task is owned by that team's caseworker); the rest of the team 403; elsewhere the
  // enrolment rules.
  if (kind === 'task-write') {
    if (r.visible) return role === 'caseworker' ? 'allowed' : 403;
    return r.known ? 403 : 404;
  }
  if (kind === 'employment-read') {
    // Issue 11 "Visibility": work and education detail to the team's municipal staff, and to its
    // health staff only while employment_to_health is given; refused otherwise as treatment
    // detail is (403 where the citizen is known, else 404).
    if (r.visible && (MUNICIPAL.includes(role) || (HEALTH.includes(role) && consent?.eh))) return 'allowed';
    if (r.visible || r.known) return 403;
    return 404;
  }
  if (kind === 'employment-write') {
    // Issue 11: the employment and education track is kept by the team's municipal staff; the
    // route is theirs alone (a health role is refused by role, 403, whatever the consents);
    // otherwise the enrolment rules.
    if (!MUNICIPAL.includes(role)) return 403;
    if (r.visible) return 'allowed';
    return r.known ? 403 : 404;
  }
  if (TREATMENT_KINDS.has(kind)) {
    // "Health detail (item answers, session notes, conclusions) only by health roles on the
    // team", whatever consent is in force. Municipal staff on the team may see the enrolment but
    // not this: 403. Otherwise the rule of every refused read of a citizen: 403 when the citizen
    // has an enrolment in a municipality of the caller's teams, else 404.
    if (r.visible && HEALTH.includes(role)) return 'allowed';
    if (r.visible || r.known) return 403;
    return 404;
  }
  // Issue 11: a treatment goal is written (set or changed) by health roles on the team, and by
  // municipal roles on it only while health_summary_to_municipality is in force: they must be able
  // to read what they write.
  if (kind === 'goal-write' && r.visible) return HEALTH.includes(role) || consent?.hs ? 'allowed' : 403;
  if (r.visible) return 'allowed';
  // "A refused read of a citizen is 404 when the citizen has no enrolment in a municipality of
  // the caller's teams (their existence is not the caller's to know), else 403."
  if (r.known) return 403;
  return kind === 'enrolment-create' ? 'hidden' : 404;
}

/** What of an enrolment a role may see under the consents in force (the Visibility section). */
function viewOf(role, consent) {
  const health = HEALTH.includes(role);
  const municipal = MUNICIPAL.includes(role);
  return {
    health_summary: health || (municipal && consent.hs),
    employment_summary: municipal || (health && consent.eh),
  };
}

// --- Plumbing ----------------------------------------------------------------------------------

let server;
let db;
let keyFile;
const sessions = {}; // username → {cookie, csrf, user}
const spare = {}; // role → a second session, made by the login cell and ended by the logout cell
let cells = 0;
let viewsChecked = 0; // enrolment objects whose summaries were checked
const failures = []; // {route, role, rel, consent, what}
const auditWanted = []; // refused accesses to a citizen that must be in audit_event
const timings = {};

async function http(sess, method, urlPath, { json, headers = {} } = {}) {
  const h = { ...headers };
  if (sess) {
    h.Cookie = `samspor_session=${sess.cookie}`;
    if (method !== 'GET') h['X-CSRF-Token'] = sess.csrf;
  }
  let body;
  if (json !== undefined) {
    body = JSON.stringify(json);
    h['Content-Type'] = 'application/json';
  }
  const res = await fetch(server.base + urlPath, { method, headers: h, body, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, text, body: parsed, headers: res.headers };
}

async function login(username, password = DEMO_PASSWORD) {
  const res = await http(null, 'POST', '/api/v1/auth/login', { json: { username, password } });
  assert.equal(res.status, 200, `login ${username}: ${res.status} ${res.text}`);
  const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie')])
    .map((c) => /samspor_session=([^;]+)/.exec(c ?? '')?.[1])
    .find(Boolean);
  assert.ok(cookie, `login ${username}: no samspor_session cookie`);
  assert.equal(typeof res.body.csrf_token, 'string');
  return { cookie, csrf: res.body.csrf_token, user: res.body.user };
}

async function sessionOf(username, password) {
  if (!sessions[username]) sessions[username] = await login(username, password);
  return sessions[username];
}

/** SQL on the server's database (sqlite3, or one psql session: server.mjs), the SQL both engines accept. */
function sql(query) {
  return sqlAsync(db, query);
}

function cli(args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let errText = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (errText += c));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`samspor ${args.join(' ')}: exit ${code}: ${errText}`))));
    child.stdin.end(input ?? '');
  });
}

const dkDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });
/** Yesterday in Denmark (the server's calendar): never "in the future" whatever the clock. */
function yesterday() {
  const [y, m, d] = dkDate.format(new Date()).split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d - 1));
  return t.toISOString().slice(0, 10);
}

// Synthetic substitute numbers (erstatningspersonnummer, docs/sources.md#s5): birth day + 60,
// so days 61..69 here, century digit 4 (2000-2036), serial 9x. Never a real CPR.
let serial = Math.floor(Math.random() * 5000);
function nextIdentifier() {
  serial += 1;
  const day = 1 + (serial % 9);
  const month = 1 + (Math.floor(serial / 9) % 12);
  const year = 1 + (Math.floor(serial / 108) % 5); // 2001..2005
  const tail = String(serial % 100).padStart(2, '0');
  const id = `${60 + day}${String(month).padStart(2, '0')}${String(year).padStart(2, '0')}-49${tail}`;
  rememberPersonal(id, id.replace('-', ''));
  return id;
}
let nameCounter = 0;
function fictionalName() {
  nameCounter += 1;
  const name = `Matrixine Zyx${nameCounter}q${process.pid % 1000} Prøvesen`;
  rememberPersonal(name);
  return name;
}

/** Register a citizen as sess. A number someone else holds is no conflict: it makes a record of
 * the caller's own (docs/security-model.md "One person, many records"). */
async function registerCitizen(sess, extra = {}) {
  const body = { identifier: nextIdentifier(), identifier_type: 'erstatning', name: fictionalName(), synthetic: true, ...extra };
  const res = await http(sess, 'POST', '/api/v1/citizens', { json: body });
  return { res, body };
}

function fail(cell, what) {
  failures.push({ ...cell, what });
}

function statusMatches(exp, got, okStatus, hiddenReference) {
  if (exp === 'allowed') return got === okStatus;
  if (exp === 'hidden') return hiddenReference !== undefined ? got === hiddenReference : got === 404 || got === 422;
  return got === exp;
}

/** A problem body must not quote the citizen (name, identifier with or without hyphen). */
function assertNoCitizenIn(cell, res, citizen) {
  if (!citizen) return;
  for (const v of citizen.secrets) {
    if (v && res.text.includes(v)) fail(cell, `refusal ${res.status} quotes a personal value of the citizen (${v.length} chars)`);
  }
  if (res.body && typeof res.body === 'object' && ('identifier' in res.body || 'name' in res.body))
    fail(cell, `refusal ${res.status} carries citizen members`);
}

/** The reduced view of one enrolment object, for an allowed read. */
function checkEnrolmentView(cell, enr, role, consent, { exact = true } = {}) {
  const may = viewOf(role, consent);
  viewsChecked += 1;
  for (const member of ['health_summary', 'employment_summary']) {
    const present = Object.prototype.hasOwnProperty.call(enr, member);
    if (present && enr[member] === null) fail(cell, `${member} is null (must be absent)`);
    if (present && !may[member]) fail(cell, `${member} leaked to ${role} with consents ${consent.name}`);
    if (exact && !present && may[member]) fail(cell, `${member} missing for ${role} with consents ${consent.name}`);
  }
}

// --- Fixtures ----------------------------------------------------------------------------------

const fx = {}; // project ids, teams, relation citizens

async function setUp() {
  server = await startServer();
  db = server.db;
  keyFile = keyFileOf(db);
  const projects = await sql("SELECT id, slug FROM project WHERE slug IN ('ibbu-midt', 'ibbu-nord')");
  fx.midt = projects.find((p) => p.slug === 'ibbu-midt').id;
  fx.nord = projects.find((p) => p.slug === 'ibbu-nord').id;
  const teams = await sql(`SELECT id, municipality_code FROM team WHERE project_id = ${fx.midt} AND municipality_code IN ('657', '730')`);
  fx.herningTeam = teams.find((t) => t.municipality_code === '657').id;
  fx.randersTeam = teams.find((t) => t.municipality_code === '730').id;
  await sql(`INSERT INTO team (project_id, municipality_code, name) VALUES (${fx.nord}, '657', 'Matrix: other Herning team')`);
  fx.otherTeam = (await sql(`SELECT id FROM team WHERE project_id = ${fx.nord} AND municipality_code = '657'`))[0].id;
  await sql(`INSERT INTO project_municipality (project_id, municipality_code, position) VALUES (${fx.nord}, '851', 9)`);
  fx.phq9Text = JSON.parse(readFileSync(path.join(repoRoot, 'data/instruments/phq9.en.json'), 'utf8'));
  await cli(['user', 'add', '--db', db, '--key', keyFile, '--username', 'resource.herning', '--name', 'Matrix resource consultant',
    '--organisation', '657', '--role', 'resource_consultant', '--team', String(fx.herningTeam)], `${NEW_PASSWORD}\n`);
  await cli(['user', 'add', '--db', db, '--key', keyFile, '--username', 'caseworker.matrix-other', '--name', 'Matrix other caseworker',
    '--organisation', '657', '--role', 'caseworker', '--team', String(fx.otherTeam)], `${NEW_PASSWORD}\n`);

  await cli(['user', 'add', '--db', db, '--key', keyFile, '--username', 'matrix.target', '--name', 'Matrix target',
    '--organisation', '1082', '--role', 'evaluator'], `${NEW_PASSWORD}\n`);
  fx.target = (await sql("SELECT id FROM app_user WHERE username = 'matrix.target'"))[0].id;

  for (const role of ROLES) {
    const username = ROLE_USERS[role];
    const s = await sessionOf(username, username === 'resource.herning' ? NEW_PASSWORD : DEMO_PASSWORD);
    assert.deepEqual(s.user.roles, [role], `${username} has exactly the role ${role}`);
    if (CASE.includes(role)) assert.ok(s.user.teams.some((t) => t.id === fx.herningTeam), `${username} is on the Herning team`);
    // The project lead works on every team of ibbu-midt (src/cli/demo.c), Randers included.
    else if (role !== 'project_lead') assert.ok(!s.user.teams.some((t) => t.municipality_code === '730'), `${username} has no Randers team`);
  }
  fx.owner = {
    own: await sessionOf('caseworker.herning'),
    sameMuni: await sessionOf('caseworker.matrix-other', NEW_PASSWORD),
    otherMuni: await sessionOf('caseworker.randers'),
  };
  fx.owner.othersUnenrolled = fx.owner.sameMuni;

  // Own team and other municipality: a demo citizen with an active ibbu-midt enrolment.
  fx.rel = {};
  for (const [rel, team] of [['own', fx.herningTeam], ['otherMuni', fx.randersTeam]]) {
    const list = await http(fx.owner[rel], 'GET', `/api/v1/enrolments?project=${fx.midt}&status=active&limit=200`);
    assert.equal(list.status, 200, list.text);
    const e = list.body.items.find((x) => x.team_id === team);
    assert.ok(e, `an active enrolment on team ${team}`);
    const c = await http(fx.owner[rel], 'GET', `/api/v1/citizens/${e.citizen_id}`);
    assert.equal(c.status, 200, c.text);
    fx.rel[rel] = { citizenId: e.citizen_id, enrolmentId: e.id, name: c.body.name, identifier: c.body.identifier };
  }
  // Same municipality, other team: registered and enrolled (ibbu-nord) by the other team.
  const other = fx.owner.sameMuni;
  {
    const { res, body } = await registerCitizen(other, { municipality_code: '657' });
    assert.equal(res.status, 201, res.text);
    const enr = await http(other, 'POST', '/api/v1/enrolments', {
      json: { project_id: fx.nord, citizen_id: res.body.id, referral_date: yesterday(), referral_source: 'matrix fixture', target_group: await firstGroup(other, fx.nord) },
    });
    assert.equal(enr.status, 201, enr.text);
    assert.equal(enr.body.team_id, fx.otherTeam, 'the enrolment went to the other Herning team');
    fx.rel.sameMuni = { citizenId: res.body.id, enrolmentId: enr.body.id, name: body.name, identifier: res.body.identifier };
  }
  // Registered by a user of the other team (municipality 657), not enrolled anywhere.
  {
    const { res, body } = await registerCitizen(other, { municipality_code: '657' });
    assert.equal(res.status, 201, res.text);
    fx.rel.othersUnenrolled = { citizenId: res.body.id, name: body.name, identifier: res.body.identifier };
  }
  fx.rel.missing = { citizenId: 999_999_999, enrolmentId: 999_999_999, identifier: nextIdentifier().replace('-', ''), name: null };
  for (const r of Object.values(fx.rel)) {
    r.secrets = [r.name, r.identifier, r.identifier && `${r.identifier.slice(0, 6)}-${r.identifier.slice(6)}`].filter(Boolean);
    rememberPersonal(...r.secrets);
  }
  // The own enrolment has a treatment plan, so that an allowed GET of it answers 200 (the demo
  // writes plans for its active enrolments; made here if this one has none).
  if ((await sql(`SELECT count(*) AS n FROM treatment_plan WHERE enrolment_id = ${fx.rel.own.enrolmentId}`))[0].n === 0) {
    const res = await http(await sessionOf('caremanager.herning'), 'PUT', `/api/v1/enrolments/${fx.rel.own.enrolmentId}/treatment-plan`, {
      json: { start_date: yesterday(), focus: 'matrix fixture', modality: 'cbt', target: 'matrix fixture' },
    });
    assert.equal(res.status, 201, res.text);
  }
  // Events of every purpose on the own citizen before the first access-log cell: health detail
  // recorded and read by health staff (a safety follow-up: that thoughts of self-harm were
  // followed up), a municipal caller's refused read of it (purpose treatment too), employment
  // detail read by municipal staff (the weekly status) and case administration.
  {
    const own = fx.rel.own;
    const cm = await sessionOf('caremanager.herning');
    const steps = [
      [cm, 'POST', `/api/v1/enrolments/${own.enrolmentId}/safety-followups`, { date: yesterday(), action: 'risk_assessed', note: 'matrix fixture' }, 201],
      [cm, 'GET', `/api/v1/enrolments/${own.enrolmentId}/sessions`, undefined, 200],
      [fx.owner.own, 'GET', `/api/v1/enrolments/${own.enrolmentId}/assessments`, undefined, 403],
      [fx.owner.own, 'GET', `/api/v1/citizens/${own.citizenId}`, undefined, 200],
      [fx.owner.own, 'GET', `/api/v1/enrolments/${own.enrolmentId}/labour-weeks`, undefined, 200],
    ];
    for (const [s, method, url, json, want] of steps) {
      const res = await http(s, method, url, { json });
      assert.equal(res.status, want, `${method} ${url}: ${res.text}`);
    }
    const have = await sql(`SELECT DISTINCT purpose, role FROM audit_event WHERE citizen_id = ${own.citizenId}`);
    assert.ok(have.some((e) => e.purpose === 'treatment' && HEALTH.includes(e.role)), 'a health event by health staff');
    assert.ok(have.some((e) => e.purpose === 'treatment' && MUNICIPAL.includes(e.role)), 'a health-purpose event by municipal staff');
    assert.ok(have.some((e) => e.purpose === 'case_administration'), 'a case administration event');
    assert.ok(have.some((e) => e.purpose === 'employment' && MUNICIPAL.includes(e.role)), 'an employment event');
  }
  // One task on each relation's enrolment, owned by that team's caseworker (PATCH /api/v1/tasks/{id}).
  fx.tasks = { missing: 999_999_999 };
  for (const [rel, username] of [['own', 'caseworker.herning'], ['sameMuni', 'caseworker.matrix-other'], ['otherMuni', 'caseworker.randers']]) {
    const owner = (await sql(`SELECT id FROM app_user WHERE username = '${username}'`))[0].id;
    await sql(`INSERT INTO task (enrolment_id, owner_id, text, created_by, created_role, created_at)
      VALUES (${fx.rel[rel].enrolmentId}, ${owner}, 'Matrix-opgave', ${owner}, 'caseworker', '2026-01-01T00:00:00Z')`);
    fx.tasks[rel] = (await sql(`SELECT max(id) AS id FROM task WHERE enrolment_id = ${fx.rel[rel].enrolmentId}`))[0].id;
  }
  fx.caseworkerHerning = (await sql("SELECT id FROM app_user WHERE username = 'caseworker.herning'"))[0].id;
  // One treatment goal on each relation's enrolment (GET/PATCH /api/v1/goals/{id}).
  fx.goals = { missing: 999_999_999 };
  for (const rel of ENROLLED) {
    await sql(`INSERT INTO plan_goal (enrolment_id, area, text, status, agreed_with_young_person, version, created_at, created_by)
      VALUES (${fx.rel[rel].enrolmentId}, 'treatment', 'Matrix-mål', 'open', 1, 1, '2026-01-01T00:00:00Z', ${fx.caseworkerHerning})`);
    fx.goals[rel] = (await sql(`SELECT max(id) AS id FROM plan_goal WHERE enrolment_id = ${fx.rel[rel].enrolmentId}`))[0].id;
  }
  // One episode (an open internship the young person agreed to contact about) and one saved
  // vocational profile on each relation's enrolment (GET/PATCH /api/v1/episodes/{id}, the
  // profile's GET and PUT, follow-along contacts about the episode).
  fx.episodes = { missing: 999_999_999 };
  for (const rel of ENROLLED) {
    const e = fx.rel[rel].enrolmentId;
    await sql(`INSERT INTO episode (enrolment_id, kind, start_date, hours_per_week, purpose, contact_allowed, version, created_at)
      VALUES (${e}, 'internship', '2025-01-06', 20, 'try_out', 1, 1, '2025-01-06T08:00:00Z')`);
    fx.episodes[rel] = (await sql(`SELECT max(id) AS id FROM episode WHERE enrolment_id = ${e}`))[0].id;
    // The next version: the demo may have saved one already.
    await sql(`INSERT INTO vocational_profile (enrolment_id, version, disclosure, saved_by, saved_at)
      SELECT ${e}, COALESCE(MAX(version), 0) + 1, 'none', ${fx.caseworkerHerning}, '2026-01-01T00:00:00Z'
      FROM vocational_profile WHERE enrolment_id = ${e}`);
  }
  // One network meeting and two team notes (a care manager's about health, a caseworker's about
  // work) on each relation's enrolment; one group session of the Herning team with the own
  // relation's young person (GET /api/v1/network-meetings/{id}, …/team-notes, /group-sessions/{id}).
  fx.caremanagerHerning = (await sql("SELECT id FROM app_user WHERE username = 'caremanager.herning'"))[0].id;
  fx.networks = { missing: 999_999_999 };
  fx.notes = {};
  for (const rel of ENROLLED) {
    const enr = fx.rel[rel].enrolmentId;
    await sql(`INSERT INTO meeting (kind, enrolment_id, date, created_at, created_by) VALUES ('network', ${enr}, '2026-01-02', '2026-01-02T00:00:00Z', ${fx.caseworkerHerning})`);
    fx.networks[rel] = (await sql(`SELECT max(id) AS id FROM meeting WHERE enrolment_id = ${enr}`))[0].id;
    await sql(`INSERT INTO meeting_attendance (meeting_id, enrolment_id, date, attended) VALUES (${fx.networks[rel]}, ${enr}, '2026-01-02', 1)`);
    await sql(`INSERT INTO team_note (enrolment_id, date, content_class, text, author_id, created_at) VALUES (${enr}, '2026-01-02', 'health', 'Matrix-sundhed', ${fx.caremanagerHerning}, '2026-01-02T00:00:00Z')`);
    await sql(`INSERT INTO team_note (enrolment_id, date, content_class, text, author_id, created_at) VALUES (${enr}, '2026-01-02', 'employment', 'Matrix-beskæftigelse', ${fx.caseworkerHerning}, '2026-01-02T00:00:00Z')`);
    fx.notes[rel] = await sql(`SELECT id, content_class FROM team_note WHERE enrolment_id = ${enr} ORDER BY id`);
  }
  await sql(`INSERT INTO meeting (kind, project_id, team_id, date, topic, created_at, created_by) VALUES ('group', ${fx.midt}, ${fx.herningTeam}, '2026-01-03', 'Matrix-gruppe', '2026-01-03T00:00:00Z', ${fx.caseworkerHerning})`);
  fx.groupSession = (await sql(`SELECT max(id) AS id FROM meeting WHERE kind = 'group'`))[0].id;
  await sql(`INSERT INTO meeting_attendance (meeting_id, enrolment_id, date) VALUES (${fx.groupSession}, ${fx.rel.own.enrolmentId}, '2026-01-03')`);
  fx.mine = {}; // role → the citizen that role registered (the POST /api/v1/citizens cell)
  fx.midtGroup = await firstGroup(fx.owner.own, fx.midt);
}

async function firstGroup(sess, projectId) {
  const p = await http(sess, 'GET', `/api/v1/projects/${projectId}`);
  assert.equal(p.status, 200, p.text);
  return p.body.target_groups[0];
}

/** The relation's citizen as seen from a role (`mine` differs per role). */
function citizenFor(rel, role) {
  if (rel === 'mine') return fx.mine[role];
  return fx.rel[rel];
}

async function setConsents(state) {
  for (const rel of ENROLLED) {
    const owner = fx.owner[rel];
    const id = fx.rel[rel].enrolmentId;
    for (const [scope, given] of state.rows) {
      const res = await http(owner, 'POST', `/api/v1/enrolments/${id}/consents`, { json: { scope, given, date: yesterday() } });
      assert.equal(res.status, 201, `consent ${scope}=${given} on ${rel}: ${res.text}`);
    }
    const now = await http(owner, 'GET', `/api/v1/enrolments/${id}/consents`);
    assert.equal(now.status, 200, now.text);
    assert.equal(now.body.in_force.health_summary_to_municipality, state.hs, `${rel} ${state.name}`);
    assert.equal(now.body.in_force.employment_to_health, state.eh, `${rel} ${state.name}`);
  }
}

/** The harmless administration writes: a project and a change of one, a user, a user's flag, a
 * team and a team membership, a questionnaire translation. */
async function adminWrite(cell, route, role, sess) {
  const tag = `${role.replace(/_/g, '-')}-${process.pid}`;
  const count = async (q) => (await sql(q))[0].n;
  if (route === 'POST /api/v1/projects') {
    const slug = `matrix-${tag}`;
    const res = await http(sess, 'POST', '/api/v1/projects', {
      json: {
        slug, name: 'Matrix-testprojekt (fiktivt)', description: 'Oprettet af matrix-testen.', region_code: '1082',
        period_start: '2025-01-01', period_end: '2027-12-31', target_count: 10, age_min: 18, age_max: 30,
        municipalities: ['657'], target_groups: [fx.midtGroup], instruments: ['phq9'], followup_months: [6], randomised: false,
      },
    });
    return { res, okStatus: 201, after: async () => stored(cell, res, 201, await count(`SELECT count(*) AS n FROM project WHERE slug = '${slug}'`)) };
  }
  if (route === 'PATCH /api/v1/projects/{id}') {
    // The same target again: only the version moves.
    const q = `SELECT version, target_count FROM project WHERE id = ${fx.midt}`;
    const before = (await sql(q))[0];
    const res = await http(sess, 'PATCH', `/api/v1/projects/${fx.midt}`, { json: { target_count: before.target_count }, headers: { 'If-Match': `"${before.version}"` } });
    return {
      res,
      okStatus: 200,
      after: async () => {
        const now = (await sql(q))[0];
        if (res.status === 200 && now.version !== before.version + 1) fail(cell, '200 but the project is unchanged');
        if (res.status !== 200 && now.version !== before.version) fail(cell, `refused (${res.status}) but the project changed`);
      },
    };
  }
  if (route === 'POST /api/v1/teams') {
    // Aalborg (851) joined IBBU-Nord in setUp without a team: the one team the administrator may add.
    const res = await http(sess, 'POST', '/api/v1/teams', { json: { project_id: fx.nord, municipality_code: '851', name: `Matrix ${tag}` } });
    return { res, okStatus: 201, after: async () => stored(cell, res, 201, await count(`SELECT count(*) AS n FROM team WHERE name = 'Matrix ${tag}'`)) };
  }
  if (route === 'POST /api/v1/instruments/{key}/texts') {
    // A stand-in file (the shipped English text relabelled Danish), never a real translation.
    const source = `Matrix fixture ${tag}: not a translation`;
    const res = await http(sess, 'POST', '/api/v1/instruments/phq9/texts', { json: { ...fx.phq9Text, language: 'da', source } });
    return { res, okStatus: 201, after: async () => stored(cell, res, 201, await count(`SELECT count(*) AS n FROM instrument_text WHERE source = '${source}'`)) };
  }
  if (route === 'POST /api/v1/users') {
    const username = `matrix.${tag}`;
    const res = await http(sess, 'POST', '/api/v1/users', {
      json: { username, display_name: 'Matrix throwaway', organisation_code: '1082', roles: ['evaluator'], password: NEW_PASSWORD },
    });
    return { res, okStatus: 201, after: async () => stored(cell, res, 201, await count(`SELECT count(*) AS n FROM app_user WHERE username = '${username}'`)) };
  }
  if (route === 'PATCH /api/v1/users/{id}') {
    const before = (await sql(`SELECT version, disabled FROM app_user WHERE id = ${fx.target}`))[0];
    const res = await http(sess, 'PATCH', `/api/v1/users/${fx.target}`, { json: { disabled: false }, headers: { 'If-Match': `"${before.version}"` } });
    return {
      res,
      okStatus: 200,
      after: async () => {
        const now = (await sql(`SELECT version, disabled FROM app_user WHERE id = ${fx.target}`))[0];
        if (res.status === 200 && now.version !== before.version + 1) fail(cell, '200 but the user is unchanged');
        if (res.status !== 200 && (now.version !== before.version || now.disabled !== before.disabled)) fail(cell, `refused (${res.status}) but the user changed`);
      },
    };
  }
  if (route === 'POST /api/v1/teams/{id}/members') {
    const q = `SELECT count(*) AS n FROM team_member WHERE team_id = ${fx.otherTeam} AND user_id = ${fx.target}`;
    const before = await count(q);
    const res = await http(sess, 'POST', `/api/v1/teams/${fx.otherTeam}/members`, { json: { user_id: fx.target, member: before === 0 } });
    return {
      res,
      okStatus: 200,
      after: async () => {
        const now = await count(q);
        if (res.status === 200 && now === before) fail(cell, '200 but the membership is unchanged');
        if (res.status !== 200 && now !== before) fail(cell, `refused (${res.status}) but the membership changed`);
      },
    };
  }
  throw new Error(`no administration write for ${route}`);
}

/** A create answered okStatus stored exactly one row; a refusal none. */
function stored(cell, res, okStatus, n) {
  if (res.status === okStatus && n !== 1) fail(cell, `${okStatus} but ${n} rows stored`);
  if (res.status !== okStatus && n !== 0) fail(cell, `refused (${res.status}) but ${n} rows stored`);
}

// --- The cells ---------------------------------------------------------------------------------

/** The table each treatment POST writes, and a valid body for it. */
const TREATMENT_TABLES = {
  assessments: 'assessment', sessions: 'treatment_session', 'safety-followups': 'safety_followup',
  eligibility: 'eligibility_decision', 'case-reviews': 'case_review',
};
const TREATMENT_BODIES = {
  assessments: () => ({ instrument: 'phq9', date: yesterday(), items: Array(9).fill(0) }),
  sessions: () => ({ date: yesterday(), kind: 'individual', duration_min: 30, note: '' }),
  'safety-followups': () => ({ date: yesterday(), action: 'risk_assessed', note: 'matrix' }),
  eligibility: () => ({ decision: 'eligible', why: 'matrix', date: yesterday() }),
  'case-reviews': () => ({ date: yesterday(), recommendation: 'matrix' }),
};

const hiddenAnswers = {}; // `${route}|${role}` → the answer for a citizen that does not exist

/** The sector of a role code (docs/security-model.md "Roles"). */
const sectorOf = (r) => (HEALTH.includes(r) ? 'health' : MUNICIPAL.includes(r) ? 'municipal' : 'other');

/** The employment track's purposes: shown in full to municipal roles, as generic rows to health roles. */
const EMPLOYMENT_PURPOSES = ['employment', 'employment_support'];

/**
 * An audit_event row as `role` must see it in the access log ("Access log" of the contract), or
 * null when it must not be listed. Only the own relation puts the reader on a team of the citizen.
 */
function expectedLogRow(e, role, rel, consent) {
  const onTeam = rel === 'own';
  const full = () => {
    const row = { seq: e.seq, time: e.time, action: e.action, purpose: e.purpose, outcome: e.outcome, sector: sectorOf(e.role) };
    if (e.username !== null) row.username = e.username;
    if (e.name !== null) row.name = e.name; // the account's display name, wherever a username is
    if (e.role !== null) row.role = e.role;
    return row;
  };
  if (EMPLOYMENT_PURPOSES.includes(e.purpose)) {
    if (MUNICIPAL.includes(role) && onTeam) return full();
    if (HEALTH.includes(role) && onTeam && consent.eh)
      return { seq: e.seq, time: e.time, action: 'employment_activity', purpose: e.purpose, sector: sectorOf(e.role) };
    return null;
  }
  if (e.purpose !== 'treatment') return full();
  if (HEALTH.includes(role) && onTeam) return { ...full(), route: e.route };
  if (MUNICIPAL.includes(role) && onTeam && consent.hs)
    return { seq: e.seq, time: e.time, action: 'health_activity', purpose: 'treatment', sector: sectorOf(e.role) };
  return null;
}

const LOG_PAGE = 50;
let logRowsChecked = 0;
const logKinds = new Set(); // `${role}|${consent}|${kind}` of the rows seen, for the coverage check
const canon = (o) => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));

/** Walk the whole access log as role and compare it with every stored event under the rule. */
async function checkAccessLog(cell, role, rel, consent, citizen) {
  const sess = sessions[ROLE_USERS[role]];
  const top = (await sql(`SELECT COALESCE(MAX(seq), 0) AS s FROM audit_event WHERE citizen_id = ${citizen.citizenId}`))[0].s;
  const stored = await sql(`SELECT a.seq, a.time, a.username, u.display_name AS name, a.role, a.action, a.route, a.purpose,
    a.outcome FROM audit_event a LEFT JOIN app_user u ON u.id = a.user_id
    WHERE a.citizen_id = ${citizen.citizenId} AND a.seq <= ${top} ORDER BY a.seq DESC`);
  const want = stored.map((e) => expectedLogRow(e, role, rel, consent)).filter(Boolean);
  const got = [];
  const sizes = [];
  let cursor = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await http(sess, 'GET', `/api/v1/citizens/${citizen.citizenId}/access-log?limit=${LOG_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (page.status !== 200) return fail(cell, `access-log page answered ${page.status}`);
    got.push(...page.body.items);
    sizes.push(page.body.items.length);
    cursor = page.body.next_cursor;
    if (!cursor) break;
  }
  // Paging on the filtered events: full pages but the last, and no empty page after a cursor.
  if (sizes.slice(0, -1).some((n) => n !== LOG_PAGE) || (sizes.length > 1 && sizes.at(-1) === 0))
    fail(cell, `access-log pages of ${sizes.join(', ')} rows (limit ${LOG_PAGE})`);
  if (got.length !== want.length) fail(cell, `access log lists ${got.length} events, the contract ${want.length}`);
  for (let i = 0; i < Math.min(got.length, want.length); i++) {
    if (canon(got[i]) !== canon(want[i])) {
      fail(cell, `access-log row ${i}: ${JSON.stringify(got[i])}, want ${JSON.stringify(want[i])}`);
      break;
    }
  }
  for (const row of want) {
    const kind =
      row.action === 'health_activity'
        ? 'generic'
        : row.action === 'employment_activity'
          ? 'employment-generic'
          : row.purpose === 'treatment'
            ? 'health-full'
            : EMPLOYMENT_PURPOSES.includes(row.purpose)
              ? 'employment-full'
              : 'full';
    logKinds.add(`${role}|${consent.name}|${kind}`);
  }
  for (const e of stored) {
    if (want.some((w) => w.seq === e.seq)) continue;
    if (e.purpose === 'treatment') logKinds.add(`${role}|${consent.name}|hidden`);
    if (EMPLOYMENT_PURPOSES.includes(e.purpose)) logKinds.add(`${role}|${consent.name}|employment-hidden`);
  }
  logRowsChecked += got.length;
}

/** Run one cell: the request, the status against the contract, and the route's own checks. */
async function runCell(route, role, rel, consent) {
  const spec = SPEC[route];
  const [method, pattern] = route.split(' ');
  const sess = role === ANON ? null : sessions[ROLE_USERS[role]];
  const cell = { route, role, rel: rel ?? '-', consent: consent?.name ?? '-' };
  const exp = expectation(spec.kind, role, rel, consent);
  const citizen = rel ? citizenFor(rel, role) : null;
  const owner = rel ? fx.owner[rel] : null;
  let okStatus = 200;
  let res;
  let after = async () => {};
  if (rel && !citizen) return; // "mine" for a role that may register no one
  const t0 = performance.now();
  cells += 1;

  switch (spec.kind) {
    case 'public':
      res = await http(sess, method, pattern);
      break;
    case 'login':
      if (role === ANON) {
        res = await http(null, 'POST', pattern, { json: { username: `matrix-nobody-${process.pid}`, password: 'not a password at all' } });
      } else {
        const username = ROLE_USERS[role];
        res = await http(null, 'POST', pattern, { json: { username, password: username === 'resource.herning' ? NEW_PASSWORD : DEMO_PASSWORD } });
        if (res.status === 200) {
          const cookie = res.headers.getSetCookie().map((c) => /samspor_session=([^;]+)/.exec(c)?.[1]).find(Boolean);
          spare[role] = { cookie, csrf: res.body.csrf_token };
          if (!cookie) fail(cell, 'login answered 200 without a session cookie');
          if (!res.body.user || res.body.user.username !== username) fail(cell, 'login answer names another user');
        }
      }
      break;
    case 'logout': {
      const s = role === ANON ? null : spare[role];
      res = await http(s, 'POST', pattern);
      if (res.status === 200) {
        const me = await http(s, 'GET', '/api/v1/auth/me');
        if (me.status !== 401) fail(cell, `the session still works after logout (${me.status})`);
      }
      break;
    }
    case 'signed-in':
      res = await http(sess, method, pattern.replace('{id}', String(fx.midt)).replace('{key}', 'phq9'));
      if (res.status === 200 && pattern === '/api/v1/auth/me' && res.body?.user?.username !== ROLE_USERS[role]) fail(cell, 'me names another user');
      break;
    case 'admin-read':
      res = await http(sess, method, pattern);
      if (res.status === 200) {
        const text = res.text;
        for (const r of Object.values(fx.rel)) for (const v of r.secrets) if (text.includes(v)) fail(cell, 'an administration answer quotes a citizen');
      }
      break;
    case 'admin-write':
      ({ res, okStatus, after } = await adminWrite(cell, route, role, sess));
      break;
    case 'citizen-create': {
      okStatus = 201;
      const before = (await sql('SELECT count(*) AS n FROM citizen'))[0].n;
      const { res: r, body } = await registerCitizen(sess, { municipality_code: '657' });
      res = r;
      after = async () => {
        const now = (await sql('SELECT count(*) AS n FROM citizen'))[0].n;
        if (res.status === 201) {
          if (now !== before + 1) fail(cell, `201 but ${now - before} citizens stored`);
          fx.mine[role] = { citizenId: res.body.id, name: body.name, identifier: res.body.identifier };
          fx.mine[role].secrets = [body.name, res.body.identifier, body.identifier];
        } else if (now !== before) {
          fail(cell, `refused (${res.status}) but ${now - before} citizens stored`);
        }
        if (res.status >= 400) assertNoCitizenIn(cell, res, { secrets: [body.name, body.identifier, body.identifier.replace('-', '')] });
      };
      break;
    }
    case 'citizen-search': {
      const q = citizen.identifier;
      res = await http(sess, 'GET', `${pattern}?q=${encodeURIComponent(q)}&limit=200`);
      if (res.status === 200) {
        const found = res.body.items.some((c) => c.id === citizen.citizenId);
        const should = RELATIONS[rel].visible;
        if (found !== should) fail(cell, should ? 'a visible citizen is missing from the search' : 'a citizen the caller may not see is in the search');
        for (const c of res.body.items) if ('enrolments' in c) for (const e of c.enrolments) checkEnrolmentView(cell, e, role, consent ?? NA, { exact: false });
      }
      break;
    }
    case 'enrolment-search': {
      const e = citizen;
      const items = [];
      let cursor = null;
      for (;;) {
        res = await http(sess, 'GET', `${pattern}?project=${rel === 'sameMuni' ? fx.nord : fx.midt}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        if (res.status !== 200) break;
        items.push(...res.body.items);
        cursor = res.body.next_cursor;
        if (!cursor) break;
      }
      if (res.status === 200) {
        const found = items.some((x) => x.id === e.enrolmentId);
        const should = RELATIONS[rel].visible;
        if (found !== should) fail(cell, should ? 'a visible enrolment is missing from the list' : 'an enrolment the caller may not see is in the list');
        for (const x of items) checkEnrolmentView(cell, x, role, x.id === e.enrolmentId ? consent : { name: '?', hs: false, eh: false }, { exact: false });
      }
      break;
    }
    case 'citizen-read': {
      res = await http(sess, 'GET', pattern.replace('{id}', String(citizen.citizenId)));
      if (res.status === 200 && pattern === '/api/v1/citizens/{id}') {
        if (res.body.id !== citizen.citizenId) fail(cell, 'another citizen answered');
        const enrs = res.body.enrolments ?? [];
        if (!Array.isArray(res.body.enrolments)) fail(cell, 'no enrolments array');
        const expectedIds = rel === 'own' ? [fx.rel.own.enrolmentId] : [];
        const ids = enrs.map((x) => x.id).sort();
        if (rel === 'own' || rel === 'mine') {
          if (JSON.stringify(ids) !== JSON.stringify(expectedIds)) fail(cell, `enrolments shown ${JSON.stringify(ids)}, want ${JSON.stringify(expectedIds)}`);
        }
        for (const x of enrs) checkEnrolmentView(cell, x, role, consent ?? NA);
      }
      if (res.status === 200 && pattern.endsWith('/access-log')) {
        if (!Array.isArray(res.body?.items)) fail(cell, 'no items in the access log');
        else await checkAccessLog(cell, role, rel, consent ?? NA, citizen);
      }
      break;
    }
    case 'employment-read': {
      const byEpisode = pattern.startsWith('/api/v1/episodes/');
      res = await http(sess, 'GET', pattern.replace('{id}', String(byEpisode ? fx.episodes[rel] : citizen.enrolmentId)));
      if (res.status === 200) {
        const ok = pattern.endsWith('/labour-weeks') ? Array.isArray(res.body?.weeks)
          : byEpisode ? res.body?.id === fx.episodes[rel]
            : pattern.endsWith('/vocational-profile') ? res.body?.enrolment_id === citizen.enrolmentId
              : Array.isArray(res.body?.items);
        if (!ok) fail(cell, `unexpected answer ${res.text.slice(0, 120)}`);
      }
      break;
    }
    case 'employment-write': {
      // Each allowed write is one more row (a PATCH: the episode's version moves on); a refusal
      // changes nothing.
      const e = citizen.enrolmentId;
      const epId = fx.episodes[rel];
      const state = async () => (rel === 'missing' ? null : JSON.stringify(await sql(`SELECT
        (SELECT count(*) FROM episode WHERE enrolment_id = ${e}) AS episodes,
        (SELECT max(version) FROM episode WHERE enrolment_id = ${e}) AS version,
        (SELECT count(*) FROM vocational_profile WHERE enrolment_id = ${e}) AS profiles,
        (SELECT count(*) FROM follow_along WHERE enrolment_id = ${e}) AS contacts`)));
      const before = await state();
      const url = pattern.replace('{id}', String(pattern.startsWith('/api/v1/episodes/') ? epId : e));
      if (pattern.endsWith('/episodes')) {
        okStatus = 201;
        res = await http(sess, 'POST', url, { json: { kind: 'course', start_date: yesterday() } });
      } else if (pattern.startsWith('/api/v1/episodes/')) {
        const version = rel === 'missing' ? 1 : (await sql(`SELECT version FROM episode WHERE id = ${epId}`))[0].version;
        res = await http(sess, 'PATCH', url, { json: { hours_per_week: 1 + (cells % 30) }, headers: { 'If-Match': `"${version}"` } });
      } else if (pattern.endsWith('/vocational-profile')) {
        const version = rel === 'missing' ? 1 : (await sql(`SELECT max(version) AS v FROM vocational_profile WHERE enrolment_id = ${e}`))[0].v;
        res = await http(sess, 'PUT', url, { json: { disclosure: 'some' }, headers: { 'If-Match': `"${version}"` } });
      } else {
        okStatus = 201;
        res = await http(sess, 'POST', url, { json: { episode_id: rel === 'missing' ? 1 : epId, date: yesterday(), with_whom: 'young_person', kind: 'phone' } });
      }
      after = async () => {
        const now = await state();
        if (now === null) return;
        if (res.status === okStatus && now === before) fail(cell, `${okStatus} but nothing stored`);
        if (res.status !== okStatus && now !== before) fail(cell, `refused (${res.status}) but the track changed`);
      };
      break;
    }
    case 'enrolment-read': {
      res = await http(sess, 'GET', pattern.replace('{id}', String(citizen.enrolmentId)));
      if (res.status === 200 && pattern === '/api/v1/enrolments/{id}') {
        if (res.body.id !== citizen.enrolmentId) fail(cell, 'another enrolment answered');
        checkEnrolmentView(cell, res.body, role, consent);
      }
      if (res.status === 200 && pattern.endsWith('/consents')) {
        if (res.body.in_force?.health_summary_to_municipality !== consent.hs || res.body.in_force?.employment_to_health !== consent.eh)
          fail(cell, `in_force ${JSON.stringify(res.body.in_force)} does not match consents ${consent.name}`);
      }
      break;
    }
    case 'enrolment-write': {
      const id = citizen.enrolmentId;
      const url = pattern.replace('{id}', String(id));
      const read = async () => {
        if (rel === 'missing') return null;
        const e = await http(owner, 'GET', `/api/v1/enrolments/${id}`);
        const c = await http(owner, 'GET', `/api/v1/enrolments/${id}/consents`);
        assert.equal(e.status, 200, e.text);
        assert.equal(c.status, 200, c.text);
        return { version: e.body.version, source: e.body.referral_source, consents: c.body.items.length };
      };
      const before = await read();
      if (method === 'PATCH') {
        const source = `matrix ${cells}`;
        res = await http(sess, 'PATCH', url, { json: { referral_source: source }, headers: { 'If-Match': `"${before?.version ?? 1}"` } });
        if (res.status === 200) checkEnrolmentView(cell, res.body, role, consent, { exact: false });
        after = async () => {
          const now = await read();
          if (!now) return;
          if (res.status === 200 && (now.source !== source || now.version !== before.version + 1)) fail(cell, '200 but the change is not stored');
          if (res.status !== 200 && (now.source !== before.source || now.version !== before.version)) fail(cell, `refused (${res.status}) but the enrolment changed`);
        };
      } else {
        okStatus = 201;
        res = await http(sess, 'POST', url, { json: { scope: 'research_use', given: cells % 2 === 0, date: yesterday() } });
        after = async () => {
          const now = await read();
          if (!now) return;
          if (res.status === 201 && now.consents !== before.consents + 1) fail(cell, '201 but no consent row stored');
          if (res.status !== 201 && now.consents !== before.consents) fail(cell, `refused (${res.status}) but a consent row was stored`);
        };
      }
      break;
    }
    case 'enrolment-create': {
      // Own team: the citizen is already in ibbu-midt, so an allowed referral is a 409 conflict.
      okStatus = rel === 'own' ? 409 : 201;
      const count = async () => (await sql(`SELECT count(*) AS n FROM enrolment WHERE citizen_id = ${citizen.citizenId}`))[0].n;
      const before = await count();
      res = await http(sess, 'POST', pattern, {
        json: { project_id: fx.midt, citizen_id: citizen.citizenId, referral_date: yesterday(), referral_source: 'matrix', target_group: fx.midtGroup },
      });
      if (res.status === 201) checkEnrolmentView(cell, res.body, role, NA, { exact: false });
      after = async () => {
        const now = await count();
        if (res.status === 201 && now !== before + 1) fail(cell, '201 but no enrolment stored');
        if (res.status !== 201 && now !== before) fail(cell, `refused (${res.status}) but an enrolment was stored`);
      };
      break;
    }
    case 'assignment-write': {
      // The own team's caseworker as its caseworker: allowed, the enrolment's version moves on.
      const id = citizen.enrolmentId;
      const version = async () => (rel === 'missing' ? null : (await sql(`SELECT version FROM enrolment WHERE id = ${id}`))[0].version);
      const before = await version();
      res = await http(sess, 'PATCH', pattern.replace('{id}', String(id)), { json: { caseworker: fx.caseworkerHerning }, headers: { 'If-Match': `"${before ?? 1}"` } });
      if (res.status === 200) checkEnrolmentView(cell, res.body, role, consent, { exact: false });
      if (res.status === 200 && res.body.assignments?.caseworker?.id !== fx.caseworkerHerning) fail(cell, '200 without the assignment');
      after = async () => {
        const now = await version();
        if (res.status === 200 && now !== before + 1) fail(cell, '200 but the version did not move');
        if (res.status !== 200 && now !== before) fail(cell, `refused (${res.status}) but the enrolment changed`);
      };
      break;
    }
    case 'reopen': {
      // Every relation's enrolment is active, not ended: a caller the policy lets through gets
      // 409 conflict, and nothing changes either way.
      okStatus = 409;
      const id = citizen.enrolmentId;
      const state = async () => (rel === 'missing' ? null : JSON.stringify((await sql(`SELECT status, version FROM enrolment WHERE id = ${id}`))[0]));
      const before = await state();
      const version = before ? JSON.parse(before).version : 1;
      res = await http(sess, 'POST', pattern.replace('{id}', String(id)), { json: { reason: 'ended_by_mistake' }, headers: { 'If-Match': `"${version}"` } });
      after = async () => {
        if ((await state()) !== before) fail(cell, `answered ${res.status} but the enrolment changed`);
      };
      break;
    }
    case 'task-write': {
      const id = fx.tasks[rel];
      const read = async () => (rel === 'missing' ? null : (await sql(`SELECT version, done_at FROM task WHERE id = ${id}`))[0]);
      const before = await read();
      res = await http(sess, 'PATCH', pattern.replace('{id}', String(id)), { json: { done: !before?.done_at }, headers: { 'If-Match': `"${before?.version ?? 1}"` } });
      if (res.status === 200 && res.body.id !== id) fail(cell, 'another task answered');
      after = async () => {
        const now = await read();
        if (!now) return;
        if (res.status === 200 && now.version !== before.version + 1) fail(cell, '200 but the task is unchanged');
        if (res.status !== 200 && (now.version !== before.version || now.done_at !== before.done_at)) fail(cell, `refused (${res.status}) but the task changed`);
      };
      break;
    }
    case 'goal-read': {
      const url = pattern.startsWith('/api/v1/goals/') ? pattern.replace('{id}', String(fx.goals[rel])) : pattern.replace('{id}', String(citizen.enrolmentId));
      res = await http(sess, 'GET', url);
      if (res.status === 200 && !pattern.endsWith('/history')) {
        const goal = pattern.startsWith('/api/v1/goals/') ? res.body : res.body?.items?.find((g) => g.id === fx.goals[rel]);
        if (!goal) fail(cell, 'the relation\'s goal is not in the answer');
        else if ('text' in goal !== viewOf(role, consent).health_summary) fail(cell, `treatment goal text ${'text' in goal ? 'shown' : 'left out'} for ${role} with consents ${consent.name}`);
      }
      break;
    }
    case 'goal-write': {
      const id = fx.goals[rel];
      const count = async () => (rel === 'missing' ? null : (await sql(`SELECT count(*) AS n, max(version) AS v FROM plan_goal WHERE enrolment_id = ${citizen.enrolmentId}`))[0]);
      const before = await count();
      if (method === 'POST') {
        okStatus = 201;
        res = await http(sess, 'POST', pattern.replace('{id}', String(citizen.enrolmentId)), { json: { area: 'treatment', text: `Matrix ${cells}` } });
      } else {
        const version = rel === 'missing' ? 1 : (await sql(`SELECT version FROM plan_goal WHERE id = ${id}`))[0].version;
        res = await http(sess, 'PATCH', pattern.replace('{id}', String(id)), { json: { text: `Matrix ${cells}` }, headers: { 'If-Match': `"${version}"` } });
      }
      after = async () => {
        const now = await count();
        if (!now) return;
        const changed = JSON.stringify(now) !== JSON.stringify(before);
        if (res.status === okStatus && !changed) fail(cell, `${okStatus} but nothing stored`);
        if (res.status !== okStatus && changed) fail(cell, `refused (${res.status}) but a goal changed`);
      };
      break;
    }
    case 'task-create': {
      // A task for the young person: each allowed POST a row.
      okStatus = 201;
      const id = citizen.enrolmentId;
      const count = async () => (rel === 'missing' ? null : Number((await sql(`SELECT count(*) AS n FROM task WHERE enrolment_id = ${id}`))[0].n));
      const before = await count();
      res = await http(sess, 'POST', pattern.replace('{id}', String(id)), { json: { text: `Matrix ${cells}`, owner: { kind: 'young_person' } } });
      if (res.status === 201 && (res.body.enrolment_id !== id || res.body.owner?.kind !== 'young_person')) fail(cell, 'another task answered');
      after = async () => {
        const now = await count();
        if (now === null) return;
        if (res.status === 201 && now !== before + 1) fail(cell, '201 but no task stored');
        if (res.status !== 201 && now !== before) fail(cell, `refused (${res.status}) but a task was stored`);
      };
      break;
    }
    case 'plan-read': {
      res = await http(sess, 'GET', pattern.replace('{id}', String(citizen.enrolmentId)));
      if (res.status === 200) {
        const goal = res.body?.goals?.find((g) => g.id === fx.goals[rel]);
        const detail = HEALTH.includes(role);
        if (!goal) fail(cell, 'the relation\'s goal is not in Min plan');
        else if ('text' in goal !== detail || goal.text_hidden !== !detail) fail(cell, `treatment goal text ${'text' in goal ? 'shown' : 'left out'} for ${role} with consents ${consent.name}`);
      }
      break;
    }
    case 'coordinator-write': {
      // The own team's caseworker as coordinator, then nobody, in turn: each allowed PUT a row.
      const id = citizen.enrolmentId;
      const count = async () => (rel === 'missing' ? null : (await sql(`SELECT count(*) AS n FROM enrolment_coordinator WHERE enrolment_id = ${id}`))[0].n);
      const before = await count();
      const current = rel === 'missing' ? [] : await sql(`SELECT user_id FROM enrolment_coordinator WHERE enrolment_id = ${id} ORDER BY id DESC LIMIT 1`);
      const next = current[0]?.user_id ? null : fx.caseworkerHerning;
      res = await http(sess, 'PUT', pattern.replace('{id}', String(id)), { json: { user_id: next } });
      if (res.status === 200 && (res.body.coordinator?.id ?? null) !== next) fail(cell, '200 without the coordinator');
      after = async () => {
        const now = await count();
        if (now === null) return;
        if (res.status === 200 && Number(now) !== Number(before) + 1) fail(cell, '200 but no row stored');
        if (res.status !== 200 && Number(now) !== Number(before)) fail(cell, `refused (${res.status}) but a row was stored`);
      };
      break;
    }
    case 'meeting-write': {
      okStatus = 201;
      const id = citizen.enrolmentId;
      const table = pattern.endsWith('/team-notes') ? 'team_note' : 'meeting';
      const body = pattern.endsWith('/team-notes') ? { date: yesterday(), text: `Matrix ${cells}` }
        : pattern.endsWith('/network-meetings') ? { date: yesterday(), participants: [fx.caseworkerHerning], young_person_present: true }
          : { date: yesterday(), duration_minutes: 30, place: 'office', staff: [fx.caseworkerHerning] };
      const count = async () => (rel === 'missing' ? null : Number((await sql(`SELECT count(*) AS n FROM ${table} WHERE enrolment_id = ${id}`))[0].n));
      const before = await count();
      res = await http(sess, 'POST', pattern.replace('{id}', String(id)), { json: body });
      after = async () => {
        const now = await count();
        if (now === null) return;
        if (res.status === 201 && now !== before + 1) fail(cell, '201 but nothing stored');
        if (res.status !== 201 && now !== before) fail(cell, `refused (${res.status}) but a row was stored`);
      };
      break;
    }
    case 'network-read': {
      res = await http(sess, 'GET', pattern.replace('{id}', String(fx.networks[rel])));
      if (res.status === 200 && res.body.id !== fx.networks[rel]) fail(cell, 'another meeting answered');
      break;
    }
    case 'team-note-read': {
      res = await http(sess, 'GET', `${pattern.replace('{id}', String(citizen.enrolmentId))}?limit=200`);
      if (res.status === 200) {
        // docs/security-model.md "Team notes": a note about health reaches municipal members only
        // with health_summary_to_municipality, one about work health members only with
        // employment_to_health (the two summaries' rules); the author always sees their own.
        const v = viewOf(role, consent);
        for (const n of fx.notes[rel]) {
          const author = (n.content_class === 'health' && role === 'care_manager') || (n.content_class === 'employment' && role === 'caseworker');
          const want = author || (n.content_class === 'health' ? v.health_summary : v.employment_summary);
          const got = (res.body.items ?? []).some((x) => x.id === n.id);
          if (got !== want) fail(cell, `${n.content_class} note ${got ? 'shown' : 'left out'} for ${role} with consents ${consent.name}`);
        }
      }
      break;
    }
    case 'group-create': {
      okStatus = 201;
      const me = sessions[ROLE_USERS[role]]?.user?.id ?? (await http(sess, 'GET', '/api/v1/auth/me')).body?.user?.id;
      res = await http(sess, 'POST', pattern, { json: { team_id: fx.herningTeam, date: yesterday(), duration_minutes: 60, place: 'library', topic: `Matrix ${cells}`, staff: [me ?? fx.caseworkerHerning] } });
      break;
    }
    case 'group-read':
    case 'group-write': {
      const url = pattern.replace('{id}', String(fx.groupSession));
      res = spec.kind === 'group-read' ? await http(sess, 'GET', url)
        : await http(sess, 'PUT', url, { json: { attendance: [{ enrolment_id: fx.rel.own.enrolmentId, attended: cells % 2 === 0 }] } });
      if (res.status === 200) {
        // Only the own team's young person takes part, and every case role here is on that team.
        const ids = (res.body.participants ?? []).map((p) => p.enrolment_id);
        if (JSON.stringify(ids) !== JSON.stringify([fx.rel.own.enrolmentId])) fail(cell, `participants ${JSON.stringify(ids)}`);
      }
      break;
    }
    case 'group-young-people': {
      res = await http(sess, 'GET', `${pattern}?team=${fx.herningTeam}`);
      if (res.status === 200) {
        // The Herning team's own young people only, never another team's.
        const foreign = [fx.rel.sameMuni.enrolmentId, fx.rel.otherMuni.enrolmentId];
        if (!Array.isArray(res.body?.items)) fail(cell, 'no items');
        for (const row of res.body?.items ?? []) if (foreign.includes(row.enrolment_id)) fail(cell, `lists enrolment ${row.enrolment_id} of another team`);
      }
      break;
    }
    case 'case-list': {
      res = await http(sess, 'GET', pattern);
      if (res.status === 200) {
        if (!Array.isArray(res.body?.items)) fail(cell, 'no items');
        const foreign = [fx.rel.sameMuni.enrolmentId, fx.rel.otherMuni.enrolmentId];
        for (const row of res.body?.items ?? []) if (foreign.includes(row.enrolment_id)) fail(cell, `lists a task of enrolment ${row.enrolment_id} of another team`);
      }
      break;
    }
    case 'score':
      // Stateless: PHQ-9 all 1s → 9 (the sum of items 1–9, Kroenke 2001, docs/sources.md#kroenke2001).
      res = await http(sess, 'POST', pattern.replace('{key}', 'phq9'), { json: { items: Array(9).fill(1) } });
      if (res.status === 200 && res.body?.total !== 9) fail(cell, `score total ${res.body?.total}, want 9`);
      break;
    case 'ips-measures':
      res = await http(sess, 'GET', `${pattern}?project=${fx.midt}`);
      if (res.status === 200 && (res.body?.project_id !== fx.midt || typeof res.body?.measures?.people !== 'number')) fail(cell, 'no measures');
      break;
    case 'health-list':
    case 'supervisor-list': {
      if (pattern === '/api/v1/caseload') {
        // The employment track of the same route: its own rule, its own cell.
        const emp = await http(sess, 'GET', `${pattern}?track=employment&scope=team`);
        const want = expectation('employment-list', role, rel, consent);
        if (!statusMatches(want, emp.status, 200)) fail({ ...cell, route: `${route}?track=employment` }, `contract says ${want}, server answered ${emp.status}`);
        const foreign = [fx.rel.sameMuni.enrolmentId, fx.rel.otherMuni.enrolmentId];
        for (const row of emp.body?.items ?? []) if (foreign.includes(row.enrolment_id)) fail(cell, `the employment caseload lists enrolment ${row.enrolment_id} of another team`);
      }
      res = await http(sess, 'GET', pattern);
      if (res.status === 200) {
        if (!Array.isArray(res.body?.items)) fail(cell, 'no items');
        // Only enrolments of the caller's own teams: never the relation citizens of other teams.
        const foreign = [fx.rel.sameMuni.enrolmentId, fx.rel.otherMuni.enrolmentId];
        for (const row of res.body?.items ?? []) if (foreign.includes(row.enrolment_id)) fail(cell, `lists enrolment ${row.enrolment_id} of another team`);
      }
      break;
    }
    case 'treatment-read': {
      res = await http(sess, 'GET', pattern.replace('{id}', String(citizen.enrolmentId)));
      if (res.status === 200) {
        const b = res.body ?? {};
        const ok = pattern.endsWith('/treatment-plan') ? b.enrolment_id === citizen.enrolmentId
          : pattern.endsWith('/eligibility') ? Array.isArray(b.decisions) && typeof b.suggestion === 'object'
            : Array.isArray(b.items);
        if (!ok) fail(cell, `unexpected answer ${res.text.slice(0, 120)}`);
      }
      break;
    }
    case 'treatment-write':
    case 'review-write': {
      const id = citizen.enrolmentId;
      const url = pattern.replace('{id}', String(id));
      const resource = pattern.split('/').pop();
      if (method === 'PUT') {
        const version = async () => (await sql(`SELECT version FROM treatment_plan WHERE enrolment_id = ${id}`))[0]?.version ?? null;
        const before = await version();
        res = await http(sess, 'PUT', url, {
          json: { start_date: yesterday(), focus: `matrix ${cells}`, modality: 'cbt', target: 'matrix' },
          headers: { 'If-Match': `"${before ?? 1}"` },
        });
        after = async () => {
          const now = await version();
          if (res.status === 200 && now !== before + 1) fail(cell, '200 but the plan is unchanged');
          if (res.status !== 200 && now !== before) fail(cell, `refused (${res.status}) but the plan changed`);
        };
        break;
      }
      okStatus = 201;
      const table = TREATMENT_TABLES[resource];
      const count = async () => (await sql(`SELECT count(*) AS n FROM ${table} WHERE enrolment_id = ${id}`))[0].n;
      const before = await count();
      res = await http(sess, 'POST', url, { json: TREATMENT_BODIES[resource]() });
      after = async () => stored(cell, res, 201, (await count()) - before);
      break;
    }
    default:
      throw new Error(`no cell runner for ${spec.kind}`);
  }

  const key = `${route}|${role}`;
  if (rel === 'missing' && role !== ANON) hiddenAnswers[key] = res;
  const hidden = hiddenAnswers[key];
  if (!statusMatches(exp, res.status, okStatus, exp === 'hidden' && rel !== 'missing' ? hidden?.status : undefined)) {
    fail(cell, `contract says ${exp === 'allowed' ? `allowed (${okStatus})` : exp}, server answered ${res.status}${res.status >= 400 ? ` ${res.text.slice(0, 160)}` : ''}`);
  }
  // A refusal of an existing citizen looks exactly like the answer for one that does not exist.
  if ((exp === 404 || exp === 'hidden') && rel !== 'missing' && hidden && res.status === hidden.status) {
    const strip = (b) => JSON.stringify({ ...(b ?? {}), request_id: undefined, instance: undefined });
    if (strip(res.body) !== strip(hidden.body)) fail(cell, `refusal differs from the answer for a citizen that does not exist: ${res.text.slice(0, 160)} vs ${hidden.text.slice(0, 160)}`);
  }
  if (res.status >= 400 && citizen && rel !== 'missing') assertNoCitizenIn(cell, res, citizen);
  if (res.status >= 400 && res.body && typeof res.body === 'object' && ('health_summary' in res.body || 'employment_summary' in res.body))
    fail(cell, 'a refusal carries summaries');
  // Every refused access to an existing citizen is audited (not a 401: there is no one to name).
  // Path routes name the citizen, so their event must carry the citizen id; a search or a
  // referral names them in the query or body, so there "citizen (if any)" may be empty.
  if ((res.status === 403 || res.status === 404 || exp === 'hidden') && res.status >= 400 && role !== ANON && citizen && rel !== 'missing') {
    auditWanted.push({
      username: ROLE_USERS[role], citizenId: citizen.citizenId, route: pattern, status: res.status,
      write: method !== 'GET', strict: pattern.includes('{id}'), cell,
    });
  }
  await after();
  timings[spec.kind] = (timings[spec.kind] ?? 0) + (performance.now() - t0);
}

// --- Tests -------------------------------------------------------------------------------------

before(async () => {
  await setUp();
});
after(async () => {
  await stopAndCheck(server);
});

function routeTable(file) {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  return [...text.matchAll(/\{\s*"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)"\s*,\s*"([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
}
const apiRoutes = routeTable('src/api/routes.c');

test('the matrix knows every route of src/api/routes.c and every role of the contract', () => {
  assert.ok(apiRoutes.length >= 20, `parsed ${apiRoutes.length} routes from src/api/routes.c`);
  assert.deepEqual([...apiRoutes].sort(), Object.keys(SPEC).sort(), 'a route without a matrix row (or a row without a route)');
  assert.deepEqual([...routeTable('src/policy/routes.c')].sort(), [...apiRoutes].sort(), 'the policy route table covers exactly the routes');
  const doc = readFileSync(path.join(repoRoot, 'docs/security-model.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Roles'), doc.indexOf('## Visibility'));
  const roles = [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(roles, ROLES, 'the roles of docs/security-model.md');
});

test('GET /api/v1/openapi.json documents exactly the routes of src/api/routes.c', async () => {
  const res = await http(null, 'GET', '/api/v1/openapi.json');
  assert.equal(res.status, 200);
  const documented = [];
  for (const [p, item] of Object.entries(res.body.paths ?? {}))
    for (const m of Object.keys(item)) if (['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(m)) documented.push(`${m.toUpperCase()} ${p}`);
  const missing = apiRoutes.filter((r) => !documented.includes(r));
  const extra = documented.filter((r) => !apiRoutes.includes(r));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, 'routes not documented in openapi.json / documented but not routed');
});

test('every route × role × relation × consent answers as docs/security-model.md says', async () => {
  const t0 = performance.now();
  const plain = apiRoutes.filter((r) => !SPEC[r].citizen && !SPEC[r].employer && SPEC[r].kind !== 'logout');
  const citizenRoutes = apiRoutes.filter((r) => SPEC[r].citizen);
  for (const route of plain) for (const role of CALLERS) await runCell(route, role, null, null);

  for (const [i, consent] of CONSENTS.entries()) {
    await setConsents(consent);
    for (const route of citizenRoutes) {
      for (const role of CALLERS) {
        for (const rel of SPEC[route].relations) {
          const enrolled = RELATIONS[rel].enrolled;
          if (!enrolled && i > 0) continue; // no enrolment, so no consent: walked once
          if (rel === 'mine' && role === ANON) continue;
          await runCell(route, role, rel, enrolled ? consent : NA);
        }
      }
    }
  }
  for (const role of CALLERS) await runCell('POST /api/v1/auth/logout', role, null, null);

  // Every purpose × role × consent cell of the access log was seen: health roles get health events
  // in full; each municipal role gets them as generic rows with the summary consent, and not at all
  // without it (never given, withdrawn, eh-only); employment events the mirror image (municipal
  // roles in full, health roles generic with employment_to_health, otherwise nothing); case
  // administration in full to all.
  const logMissing = [];
  for (const consent of CONSENTS) {
    const want = (role, kind) => {
      if (!logKinds.has(`${role}|${consent.name}|${kind}`)) logMissing.push(`${role}|${consent.name}|${kind}`);
    };
    for (const role of HEALTH) for (const kind of ['health-full', 'full', consent.eh ? 'employment-generic' : 'employment-hidden']) want(role, kind);
    for (const role of MUNICIPAL) for (const kind of ['full', 'employment-full', consent.hs ? 'generic' : 'hidden']) want(role, kind);
  }
  console.log(`matrix: ${logRowsChecked} access-log rows checked against audit_event`);
  assert.deepEqual(logMissing, [], 'access-log cells never exercised');

  const floor = plain.length * CALLERS.length + 1 * CALLERS.length + citizenRoutes.length * CALLERS.length * ENROLLED.length * CONSENTS.length;
  console.log(`matrix: ${cells} cells (floor ${floor}), ${viewsChecked} enrolment views checked, ${Math.round(performance.now() - t0)} ms`);
  console.log(`matrix: ms per kind ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))}`);
  assert.ok(cells >= floor, `only ${cells} cells, want at least ${floor}`);

  // Report cells that differ only by consent state as one line.
  const grouped = new Map();
  for (const f of failures) {
    const k = `${f.route} | ${f.role} | ${f.rel} | ${f.what}`;
    if (!grouped.has(k)) grouped.set(k, []);
    grouped.get(k).push(f.consent);
  }
  const lines = [...grouped].map(([k, consents]) => `${k} [consents: ${consents.join(', ')}]`);
  if (lines.length) console.log(`matrix: ${failures.length} failing cells:\n  ${lines.join('\n  ')}`);
  assert.equal(lines.length, 0, `${failures.length} cells disagree with docs/security-model.md:\n  ${lines.join('\n  ')}`);
});

test('the access log: the summary consent counts only on an enrolment the reader sees', async () => {
  const cw = fx.owner.own; // caseworker.herning, on the Herning ibbu-midt team
  const other = fx.owner.sameMuni; // caseworker.matrix-other, on the other Herning team (ibbu-nord)
  const { res: reg } = await registerCitizen(cw, { municipality_code: '657' });
  assert.equal(reg.status, 201, reg.text);
  const citizenId = reg.body.id;
  const mine = await http(cw, 'POST', '/api/v1/enrolments', {
    json: { project_id: fx.midt, citizen_id: citizenId, referral_date: yesterday(), referral_source: 'matrix', target_group: fx.midtGroup },
  });
  assert.equal(mine.status, 201, mine.text);
  // A second enrolment on the other team: nobody on both teams could refer it, so it is written here.
  await sql(`INSERT INTO enrolment (project_id, citizen_id, team_id, referral_date, referral_source, target_group, status, status_changed, created_at)
    VALUES (${fx.nord}, ${citizenId}, ${fx.otherTeam}, '${yesterday()}', 'matrix', '${await firstGroup(other, fx.nord)}', 'referred', '${yesterday()}T08:00:00Z', '${yesterday()}T08:00:00Z')`);
  const theirs = (await sql(`SELECT id FROM enrolment WHERE citizen_id = ${citizenId} AND team_id = ${fx.otherTeam}`))[0].id;
  const cm = await sessionOf('caremanager.herning');
  const fu = await http(cm, 'POST', `/api/v1/enrolments/${mine.body.id}/safety-followups`, { json: { date: yesterday(), action: 'safety_plan', note: 'matrix' } });
  assert.equal(fu.status, 201, fu.text);
  const consent = async (sess, id, given) => {
    const r = await http(sess, 'POST', `/api/v1/enrolments/${id}/consents`, { json: { scope: 'health_summary_to_municipality', given, date: yesterday() } });
    assert.equal(r.status, 201, r.text);
  };
  const healthRows = async (sess) => {
    const r = await http(sess, 'GET', `/api/v1/citizens/${citizenId}/access-log?limit=200`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.next_cursor, null);
    return r.body.items.filter((e) => e.purpose === 'treatment');
  };
  const generic = [{ action: 'health_activity', purpose: 'treatment', sector: 'health' }];
  const shape = (rows) => rows.map(({ action, purpose, sector, username, route }) => ({ action, purpose, sector, ...(username ? { username } : {}), ...(route ? { route } : {}) }));
  // Given on the other team's enrolment only: the Herning caseworker does not see that one, so
  // for them nothing of the health activity; the other team's caseworker sees it as one generic row.
  await consent(other, theirs, true);
  assert.deepEqual(await healthRows(cw), [], 'consent on an enrolment the reader does not see');
  assert.deepEqual(shape(await healthRows(other)), generic);
  // Given on the caseworker's own enrolment too: one generic row; withdrawn there: none again.
  await consent(cw, mine.body.id, true);
  assert.deepEqual(shape(await healthRows(cw)), generic);
  await consent(cw, mine.body.id, false);
  assert.deepEqual(await healthRows(cw), []);
  // The care manager on the team: in full, with the route.
  assert.deepEqual(shape(await healthRows(cm)), [{ action: 'safety_followup', purpose: 'treatment', sector: 'health', username: 'caremanager.herning', route: '/api/v1/enrolments/{id}/safety-followups' }]);
});

test('every refused access to a citizen is in the audit log, with its outcome', async () => {
  assert.ok(auditWanted.length > 50, `only ${auditWanted.length} refusals to look for`);
  const rows = await sql("SELECT username, citizen_id, route, outcome, count(*) AS n FROM audit_event WHERE outcome <> 'allowed' GROUP BY 1, 2, 3, 4");
  // Reads: the outcome names the answer (forbidden / not_found). Writes: any refusal outcome.
  const outcomeOf = (w) => (w.write ? '*' : w.status === 403 ? 'forbidden' : 'not_found');
  const keyOf = (w) => `${w.username}|${w.strict ? w.citizenId : '*'}|${w.route}|${outcomeOf(w)}`;
  const want = new Map();
  for (const w of auditWanted) {
    const k = keyOf(w);
    if (!want.has(k)) want.set(k, { n: 0, w, rels: new Set() });
    want.get(k).n += 1;
    want.get(k).rels.add(w.cell.rel);
  }
  const missing = new Map(); // route | role → relations without their events
  for (const { n, w, rels } of want.values()) {
    const got = rows
      .filter((r) => r.username === w.username && r.route === w.route)
      .filter((r) => !w.strict || r.citizen_id === w.citizenId)
      .filter((r) => (w.write ? true : r.outcome === outcomeOf(w)))
      .reduce((a, r) => a + r.n, 0);
    if (got < n) {
      const g = `${w.cell.route} by ${w.cell.role} → ${w.status}`;
      if (!missing.has(g)) missing.set(g, { got: 0, n: 0, rels: new Set() });
      const m = missing.get(g);
      m.got += got;
      m.n += n;
      for (const r of rels) m.rels.add(r);
    }
  }
  const lines = [...missing].map(([g, m]) => `${g}: ${m.got} of ${m.n} refusals audited (relations ${[...m.rels].join(', ')})`);
  console.log(`matrix: ${auditWanted.length} refused accesses looked up in audit_event${lines.length ? `; unaudited:\n  ${lines.join('\n  ')}` : ''}`);
  assert.deepEqual(lines, [], 'refused accesses without an audit event');
});

// --- Employers -----------------------------------------------------------------------------------

/**
 * docs/security-model.md "Employers": an employer is in one municipality's register. Case roles of
 * that municipality (their municipal organisation's, or one their teams work in) read it — health
 * roles without contact persons; municipal roles keep it and record and read its contacts;
 * another municipality's employer is not theirs to know (404), like one that does not exist. A
 * role the route is not for is refused by role (403) whatever the employer. The contacts about one
 * young person follow the enrolment's rules, for municipal roles only.
 * rel: 'own' (Herning's register, the callers' municipality), 'otherMuni' (Randers'), 'missing'.
 */
function employerExpectation(kind, role, rel) {
  if (role === ANON) return 401;
  const municipal = MUNICIPAL.includes(role);
  if (kind === 'employer-list') return CASE.includes(role) ? 'allowed' : 403;
  if (kind === 'employer-create') return municipal ? 'allowed' : 403;
  if (kind === 'employer-read') return !CASE.includes(role) ? 403 : rel === 'own' ? 'allowed' : 404;
  if (kind === 'employer-work') return !municipal ? 403 : rel === 'own' ? 'allowed' : 404;
  if (kind === 'employer-enrolment') {
    if (!municipal) return 403;
    const r = RELATIONS[rel];
    return r.visible ? 'allowed' : r.known ? 403 : 404;
  }
  throw new Error(`no employer expectation for ${kind}`);
}

test('every employer route × role × register answers as docs/security-model.md "Employers" says', async () => {
  const employerRoutes = apiRoutes.filter((r) => SPEC[r].employer);
  const made = async (sess, body) => {
    const res = await http(sess, 'POST', '/api/v1/employers', { json: body });
    assert.equal(res.status, 201, res.text);
    return res.body.id;
  };
  const employers = {
    own: await made(sessions[ROLE_USERS.job_consultant], { name: `Matrix Arbejdsgiver Herning ${process.pid}`, municipality_code: '657', contact_persons: [{ name: 'Matrix Kontakt' }] }),
    otherMuni: await made(fx.owner.otherMuni, { name: `Matrix Arbejdsgiver Randers ${process.pid}`, municipality_code: '730' }),
    missing: 999_999_999,
  };
  const mismatches = [];
  let n = 0;
  const count = async (q) => (await sql(q))[0].n;
  for (const route of employerRoutes) {
    const [method, pattern] = route.split(' ');
    const kind = SPEC[route].kind;
    const rels = kind === 'employer-list' || kind === 'employer-create' ? [null]
      : kind === 'employer-enrolment' ? ['missing', 'own', 'sameMuni', 'otherMuni'] : ['missing', 'own', 'otherMuni'];
    for (const role of CALLERS) {
      for (const rel of rels) {
        const sess = role === ANON ? null : sessions[ROLE_USERS[role]];
        const exp = employerExpectation(kind, role, rel);
        let res;
        let okStatus = 200;
        let check = async () => {};
        n += 1;
        if (kind === 'employer-list') {
          res = await http(sess, 'GET', `${pattern}?municipality=657`);
          if (res.status === 200 && res.body.items.some((e) => e.id === employers.otherMuni)) mismatches.push(`${route} ${role}: lists Randers' employer`);
        } else if (kind === 'employer-create') {
          okStatus = 201;
          const name = `Matrix Ny ${role} ${process.pid}`;
          res = await http(sess, 'POST', pattern, { json: { name, municipality_code: '657' } });
          check = async () => {
            const rows = await count(`SELECT count(*) AS n FROM employer WHERE name = '${name}'`);
            if (rows !== (res.status === 201 ? 1 : 0)) mismatches.push(`${route} ${role}: ${res.status} with ${rows} rows`);
          };
        } else if (kind === 'employer-enrolment') {
          const id = rel === 'missing' ? 999_999_999 : fx.rel[rel].enrolmentId;
          res = await http(sess, 'GET', pattern.replace('{id}', String(id)));
        } else {
          const id = employers[rel];
          const url = pattern.replace('{id}', String(id));
          if (method === 'GET') {
            res = await http(sess, 'GET', url);
            if (res.status === 200 && pattern.endsWith('{id}') && HEALTH.includes(role) && 'contact_persons' in res.body)
              mismatches.push(`${route} ${role}: a health role got the contact persons`);
            if (res.status === 200 && pattern.endsWith('{id}') && MUNICIPAL.includes(role) && !Array.isArray(res.body.contact_persons))
              mismatches.push(`${route} ${role}: a municipal role got no contact persons`);
          } else if (method === 'PATCH') {
            const version = async () => (rel === 'missing' ? null : (await sql(`SELECT version FROM employer WHERE id = ${id}`))[0].version);
            const before = await version();
            res = await http(sess, 'PATCH', url, { json: { city: `Matrix ${n}` }, headers: { 'If-Match': `"${before ?? 1}"` } });
            check = async () => {
              const now = await version();
              if ((res.status === 200) !== (now !== before)) mismatches.push(`${route} ${role} ${rel}: ${res.status}, version ${before} → ${now}`);
            };
          } else {
            okStatus = 201;
            const before = await count(`SELECT count(*) AS n FROM employer_contact WHERE employer_id = ${id}`);
            res = await http(sess, 'POST', url, { json: { date: yesterday(), kind: 'phone', purpose: 'learn_workplace' } });
            check = async () => {
              const added = (await count(`SELECT count(*) AS n FROM employer_contact WHERE employer_id = ${id}`)) - before;
              if (added !== (res.status === 201 ? 1 : 0)) mismatches.push(`${route} ${role} ${rel}: ${res.status} with ${added} rows`);
            };
          }
        }
        const want = exp === 'allowed' ? okStatus : exp;
        if (res.status !== want) mismatches.push(`${route} ${role} ${rel ?? '-'}: contract says ${want}, server answered ${res.status} ${res.text.slice(0, 120)}`);
        await check();
      }
    }
  }
  console.log(`matrix: ${n} employer cells`);
  assert.deepEqual(mismatches, []);
});
