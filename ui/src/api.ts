// Client for the Samspor JSON API (same origin, /api/v1).
//
// Every call goes through request(): it sends the session cookie, adds
// X-CSRF-Token to state-changing calls, turns problem+json answers into an
// ApiError, and reports a lost session (401 unauthenticated, 403 csrf) to the
// handler that session.ts installs, which sends the user to the login page.

export interface CodeName {
  code: string;
  name: string;
}

/** One project (programme) as returned by GET /api/v1/projects. */
export interface Project {
  id: number;
  slug: string;
  name: string;
  description: string;
  /** The owning region; absent when the project has none. */
  region?: CodeName;
  period_start: string;
  period_end: string;
  target_count: number;
  age_min: number;
  age_max: number;
  municipalities: CodeName[];
  target_groups: string[];
  instruments: string[];
  followup_months: number[];
  randomised: boolean;
  treatment_settings: TreatmentSettings;
  version: number;
}

/** A project's treatment numbers (docs/api-contract.md, Project); null: not a criterion. */
export interface TreatmentSettings {
  not_improving_weeks: number;
  response_percent: number;
  measurement_overdue_days: number;
  no_contact_days: number;
  screen_phq9_min: number | null;
  screen_gad7_min: number | null;
  screen_who5_max: number | null;
  severe_phq9_min: number | null;
  suicide_item9_min: number | null;
}

export interface Team {
  id: number;
  project_id: number;
  municipality_code: string;
}

/** The signed-in user (POST /auth/login, GET /auth/me). */
export interface User {
  id: number;
  username: string;
  display_name: string;
  organisation_code: string;
  roles: string[];
  teams: Team[];
}

export interface LoginAnswer {
  csrf_token: string;
  user: User;
}

export type IdentifierType = 'cpr' | 'erstatning' | 'ecpr';

/** A citizen as the list answers it (GET /api/v1/citizens). Optional members are absent when unset. */
export interface CitizenListItem {
  id: number;
  identifier_type: IdentifierType;
  identifier: string;
  birth_date: string;
  age: number;
  legal_sex: 'female' | 'male';
  name: string;
  phone?: string;
  email?: string;
  municipality_code?: string;
  synthetic: boolean;
  version: number;
}

/** The latest band of one questionnaire and its trend from the first (reliable change). */
export interface BandTrend {
  band: string | null;
  trend: 'improving' | 'worsening' | 'no_reliable_change' | 'unknown';
  date: string;
}

export interface HealthSummary {
  in_treatment: boolean;
  phq9: BandTrend | null;
  gad7: BandTrend | null;
  last_session: string | null;
}

export interface EmploymentSummary {
  in_work_or_education: boolean;
  current_episode?: { kind: string; start_date: string };
}

/**
 * An enrolment as the caller may see it: health_summary and employment_summary
 * are ABSENT (not null) when the caller may not see them.
 */
export interface Enrolment {
  id: number;
  project_id: number;
  citizen_id: number;
  team_id?: number;
  referral_date: string;
  referral_source: string;
  target_group: string;
  status: string;
  status_changed: string;
  version: number;
  health_summary?: HealthSummary;
  employment_summary?: EmploymentSummary;
  /** The team's municipality; absent when no team is assigned. */
  municipality_code?: string;
  /** Who carries the case; present when the enrolment is read on its own, absent in lists. */
  assignments?: Assignments;
  /** How it ended: present once it has ended and the ending is recorded. */
  ending?: Ending;
}

/** The roles a case is carried in (docs/api-contract.md, Assignments). */
export const ASSIGNMENT_ROLES = ['care_manager', 'therapist', 'caseworker', 'job_consultant', 'resource_consultant'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** Every role present; null when nobody carries the case in it. */
export type Assignments = Record<AssignmentRole, { id: number; name: string } | null>;

/** The reasons an enrolment may end with, per final status (src/core/enrolment.c). */
export const END_REASONS = {
  completed: ['goal_reached', 'planned_end', 'work_or_education', 'other'],
  withdrawn: ['citizen_choice', 'moved', 'no_contact', 'other_offer', 'other'],
  excluded: ['not_eligible', 'referred_elsewhere', 'registered_in_error', 'other'],
} as const;
export type EndStatus = keyof typeof END_REASONS;

/** Why an ended enrolment is reopened. */
export const REOPEN_REASONS = ['ended_by_mistake', 'wrong_status', 'other'] as const;

/** The reason "other" needs a note of 1–2000 characters (docs/api-contract.md, Ending and reopening). */
export const STATUS_NOTE_MAX = 2000;

/** How an enrolment ended. `note` is absent when the caller may not read it. */
export interface Ending {
  reason: string;
  note?: string;
  by: { id: number; name: string };
  role: string;
  at: string;
  previous_status: string;
}

/** One row of GET /enrolments/{id}/status-history, oldest first. */
export interface StatusChange {
  id: number;
  from_status: string;
  to_status: string;
  kind: 'move' | 'end' | 'reopen';
  reason?: string;
  note?: string;
  by: { id: number; name: string };
  role: string;
  at: string;
}

/** GET /api/v1/citizens/{id}: the citizen with the enrolments the caller may see. */
export interface Citizen extends CitizenListItem {
  enrolments?: Enrolment[];
}

/** One row of a citizen's access log. A generic row (action `health_activity` or
 * `employment_activity`) has no username, role or outcome; `route` is sent to health staff on
 * health events only. */
export interface AccessLogEvent {
  seq: number;
  time: string;
  action: string;
  purpose: string;
  sector: 'health' | 'municipal' | 'other';
  outcome?: string;
  route?: string;
  username?: string;
  /** The staff member's display name as the account has it now; present where username is. */
  name?: string;
  role?: string;
}

export const CONSENT_SCOPES = [
  'health_summary_to_municipality',
  'employment_to_health',
  'research_use',
] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export interface Consent {
  id: number;
  scope: string;
  given: boolean;
  date: string;
  recorded_by_name: string;
  recorded_at: string;
}

export interface Consents extends Page<Consent> {
  in_force: Record<ConsentScope, boolean>;
}

export interface Organisation {
  code: string;
  kind: 'region' | 'municipality';
  name: string;
  /** A municipality's region; absent for regions. */
  region_code?: string;
  valid_from?: string;
  /** Exclusive end; absent while in force. */
  valid_to?: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/**
 * Why the server refused a member (problem+json `reason`) and the parameters
 * that say what is allowed (docs/api-contract.md, Reasons); problem.ts turns
 * it into a text in the reader's language.
 */
export interface ProblemReason {
  reason: string;
  min?: number;
  max?: number;
  earliest?: string;
  latest?: string;
  allowed?: string[];
  expected?: string;
}

/**
 * A failed API call: `status` is the HTTP status, or 0 when no response
 * arrived; `code` is the problem's code (e.g. "unauthenticated", "csrf");
 * `field` the JSON Pointer it names; `reason` why, with its parameters;
 * `retryAfter` the seconds of Retry-After.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly field: string | null;
  readonly reason: ProblemReason | null;
  readonly retryAfter: number | null;
  /** On 412 stale: the version the server holds now. */
  readonly currentVersion: number | null;

  constructor(
    status: number,
    message: string,
    extra: {
      code?: string | null;
      field?: string | null;
      reason?: ProblemReason | null;
      retryAfter?: number | null;
      currentVersion?: number | null;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = extra.code ?? null;
    this.field = extra.field ?? null;
    this.reason = extra.reason ?? null;
    this.retryAfter = extra.retryAfter ?? null;
    this.currentVersion = extra.currentVersion ?? null;
  }
}

/** Why the session ended without the user asking: the server no longer knows it, or the CSRF token is gone. */
export type SessionLoss = 'expired' | 'csrf';

let csrfToken: string | null = null;
let sessionLost: ((why: SessionLoss) => void) | null = null;

/** The CSRF token sent with every state-changing call (session.ts keeps it). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a call answers 401 unauthenticated or 403 csrf. */
export function onSessionLost(handler: (why: SessionLoss) => void): void {
  sessionLost = handler;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal | undefined;
  idempotencyKey?: string;
  /** The version read, sent as If-Match: "<version>" (PATCH, PUT). */
  ifMatch?: number;
  /** A JSON text sent as it is (a file the server checks itself), instead of `body`. */
  rawBody?: string;
  /** false for calls whose 401 is an answer, not a lost session (login, the first /auth/me). */
  session?: boolean;
}

function retryAfterSeconds(res: Response): number | null {
  const value = res.headers.get('Retry-After');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const when = Date.parse(value);
  return Number.isNaN(when) ? null : Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

/** The reason and its parameters, each taken only when it has the type the contract gives it. */
function reasonOf(p: Record<string, unknown>): ProblemReason | null {
  if (typeof p.reason !== 'string') return null;
  const r: ProblemReason = { reason: p.reason };
  if (typeof p.min === 'number') r.min = p.min;
  if (typeof p.max === 'number') r.max = p.max;
  if (typeof p.earliest === 'string') r.earliest = p.earliest;
  if (typeof p.latest === 'string') r.latest = p.latest;
  if (typeof p.expected === 'string') r.expected = p.expected;
  if (Array.isArray(p.allowed)) r.allowed = p.allowed.filter((v): v is string => typeof v === 'string');
  return r;
}

async function problemOf(res: Response, what: string): Promise<ApiError> {
  let code: string | null = null;
  let field: string | null = null;
  let reason: ProblemReason | null = null;
  let currentVersion: number | null = null;
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object') {
      const p = body as Record<string, unknown>;
      if (typeof p.code === 'string') code = p.code;
      if (typeof p.field === 'string') field = p.field;
      else if (typeof p.parameter === 'string') field = p.parameter;
      if (typeof p.current_version === 'number') currentVersion = p.current_version;
      reason = reasonOf(p);
    }
  } catch {
    // not problem+json: the status says enough
  }
  return new ApiError(res.status, `${what}: HTTP ${res.status}${code ? ` ${code}` : ''}`, {
    code,
    field,
    reason,
    retryAfter: retryAfterSeconds(res),
    currentVersion,
  });
}

export async function request<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const what = `${method} ${url}`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(options.rawBody !== undefined
        ? { body: options.rawBody }
        : options.body !== undefined
          ? { body: JSON.stringify(options.body) }
          : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, `${what}: no response`);
  }
  if (!res.ok) {
    const error = await problemOf(res, what);
    if (options.session !== false && sessionLost !== null) {
      if (error.status === 401) sessionLost('expired');
      else if (error.status === 403 && error.code === 'csrf') sessionLost('csrf');
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(res.status, `${what}: body is not JSON`);
  }
}

/** A random Idempotency-Key, so that a retried POST creates nothing twice. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A guard against a server that keeps handing out cursors. */
const MAX_PAGES = 1000;

/**
 * A whole list, following next_cursor until the server returns null: every page's items, and
 * the other members of the first page (in_force, baseline, today: the server computes them over
 * the whole list, so every page carries the same).
 */
export async function fetchWhole<T, P extends Page<T>>(base: string, signal?: AbortSignal): Promise<P> {
  const seen = new Set<string>();
  let cursor: string | null = null;
  let whole: P | null = null;
  const sep = base.includes('?') ? '&' : '?';
  for (let page = 0; page < MAX_PAGES; page++) {
    const url: string = cursor === null ? base : `${base}${sep}cursor=${encodeURIComponent(cursor)}`;
    const body: P = await request<P>(url, { signal });
    if (!body || !Array.isArray(body.items)) {
      throw new ApiError(200, `GET ${url}: no items array`);
    }
    if (whole === null) whole = { ...body, items: [...body.items] };
    else whole.items.push(...body.items);
    cursor = typeof body.next_cursor === 'string' && body.next_cursor !== '' ? body.next_cursor : null;
    if (cursor === null) return { ...whole, next_cursor: null };
    if (seen.has(cursor)) throw new ApiError(200, `GET ${url}: cursor repeats`);
    seen.add(cursor);
  }
  throw new ApiError(200, `GET ${base}: too many pages`);
}

/** Every item of a list, following next_cursor until the server returns null. */
export async function fetchAll<T>(base: string, signal?: AbortSignal): Promise<T[]> {
  return (await fetchWhole<T, Page<T>>(base, signal)).items;
}

export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

// --- sign-in ---------------------------------------------------------------

export function login(username: string, password: string): Promise<LoginAnswer> {
  return request<LoginAnswer>('/api/v1/auth/login', {
    method: 'POST',
    body: { username, password },
    session: false,
  });
}

export function logout(): Promise<unknown> {
  return request<unknown>('/api/v1/auth/logout', { method: 'POST', body: {}, session: false });
}

/** The signed-in user; an ApiError with status 401 when there is no session. */
export async function fetchMe(signal?: AbortSignal): Promise<User> {
  const body = await request<{ user: User }>('/api/v1/auth/me', { signal, session: false });
  return body.user;
}

// --- projects and organisations ---------------------------------------------

/** Every project, following next_cursor until the server returns null. */
export function fetchAllProjects(signal?: AbortSignal): Promise<Project[]> {
  return fetchAll<Project>('/api/v1/projects', signal);
}

/** Every region and municipality. */
export function fetchOrganisations(signal?: AbortSignal): Promise<Organisation[]> {
  return fetchAll<Organisation>('/api/v1/organisations?limit=200', signal);
}

// --- citizens ---------------------------------------------------------------

/** One page of citizens on the caller's teams; q (2–200 characters) filters by name or identifier. */
export function searchCitizens(
  q: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<CitizenListItem>> {
  return request<Page<CitizenListItem>>(
    withQuery('/api/v1/citizens', { q, limit: 50, cursor }),
    { signal },
  );
}

export interface NewCitizen {
  identifier_type: IdentifierType;
  identifier: string;
  name: string;
  phone?: string;
  email?: string;
  municipality_code?: string;
}

/** POST /api/v1/citizens: the caller's record of the young person (new, or the one they already see). */
export function createCitizen(citizen: NewCitizen, idempotencyKey: string): Promise<Citizen> {
  return request<Citizen>('/api/v1/citizens', { method: 'POST', body: citizen, idempotencyKey });
}

export interface NewEnrolment {
  project_id: number;
  citizen_id: number;
  referral_date: string;
  referral_source: string;
  target_group: string;
  team_id?: number;
}

/** POST /api/v1/enrolments: a referral to a project, status "referred". */
export function createEnrolment(enrolment: NewEnrolment, idempotencyKey: string): Promise<Enrolment> {
  return request<Enrolment>('/api/v1/enrolments', { method: 'POST', body: enrolment, idempotencyKey });
}

export function fetchCitizen(id: number, signal?: AbortSignal): Promise<Citizen> {
  return request<Citizen>(`/api/v1/citizens/${id}`, { signal });
}

export function fetchAccessLog(
  citizenId: number,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<AccessLogEvent>> {
  return request<Page<AccessLogEvent>>(
    withQuery(`/api/v1/citizens/${citizenId}/access-log`, { limit: 50, cursor }),
    { signal },
  );
}

export function fetchConsents(enrolmentId: number, signal?: AbortSignal): Promise<Consents> {
  return fetchWhole<Consent, Consents>(`/api/v1/enrolments/${enrolmentId}/consents?limit=200`, signal);
}

export function recordConsent(
  enrolmentId: number,
  consent: { scope: ConsentScope; given: boolean; date: string },
  idempotencyKey: string,
): Promise<Consent> {
  return request<Consent>(`/api/v1/enrolments/${enrolmentId}/consents`, {
    method: 'POST',
    body: consent,
    idempotencyKey,
  });
}

// --- administration ---------------------------------------------------------

/** A staff account as GET /api/v1/users lists it (administrators only). */
export interface AdminUser {
  id: number;
  username: string;
  display_name: string;
  organisation_code: string;
  disabled: boolean;
  roles: string[];
  /** Team ids. */
  teams: number[];
  version: number;
}

/** A member of a team as GET /api/v1/teams lists it. */
export interface AdminTeamMember {
  id: number;
  username: string;
  display_name: string;
  disabled: boolean;
}

/** A team as GET /api/v1/teams lists it (administrators only). */
export interface AdminTeam {
  id: number;
  project_id: number;
  municipality_code: string;
  name: string;
  members: AdminTeamMember[];
}

/** What the user list is searched by (GET /api/v1/users?q=&role=). */
export interface UserSearch {
  q: string;
  role: string;
}

/** One page of staff accounts matching a search; `cursor` is the previous page's next_cursor. */
export function fetchUsersPage(
  search: UserSearch,
  cursor: string | null,
  limit: number,
  signal?: AbortSignal,
): Promise<Page<AdminUser>> {
  const url = withQuery('/api/v1/users', { q: search.q, role: search.role, limit, cursor });
  return request<Page<AdminUser>>(url, { signal });
}

/** The account with exactly this username, or null (searched, so every page is looked at). */
export async function findUser(username: string, signal?: AbortSignal): Promise<AdminUser | null> {
  const found = await fetchAll<AdminUser>(withQuery('/api/v1/users', { q: username, limit: 200 }), signal);
  return found.find((u) => u.username === username) ?? null;
}

/** Every team; an ApiError with status 404 from a server without the team API. */
export function fetchAllTeams(signal?: AbortSignal): Promise<AdminTeam[]> {
  return fetchAll<AdminTeam>('/api/v1/teams?limit=200', signal);
}

/** A team of a project in one of its municipalities: 201; 409 when the project has one there; 422 naming the field. */
export function createTeam(team: { project_id: number; municipality_code: string; name: string }): Promise<AdminTeam> {
  return request<AdminTeam>('/api/v1/teams', { method: 'POST', body: team });
}

/** A target group of the reference table (GET /api/v1/target-groups). */
export interface TargetGroup {
  code: string;
  name_da: string;
  name_en: string;
  legal_ref: string;
  valid_from: string;
  valid_to?: string;
}

/** GET /api/v1/target-groups: the whole reference table (a few dozen rows, in one page). */
export async function fetchTargetGroups(signal?: AbortSignal): Promise<TargetGroup[]> {
  return (await request<Page<TargetGroup>>('/api/v1/target-groups', { signal })).items;
}

/** The members of a project an administrator sets (POST /api/v1/projects; PATCH leaves out slug and randomised). */
export interface ProjectInput {
  name: string;
  description: string;
  region_code: string | null;
  period_start: string;
  period_end: string;
  target_count: number;
  age_min: number;
  age_max: number;
  municipalities: string[];
  target_groups: string[];
  instruments: string[];
  followup_months: number[];
  treatment_settings: TreatmentSettings;
}

/** Create a project: 201; 409 conflict (slug taken); 422 naming the field. */
export function createProject(project: ProjectInput & { slug: string; randomised: boolean }): Promise<Project> {
  const { region_code, ...rest } = project;
  return request<Project>('/api/v1/projects', {
    method: 'POST',
    body: region_code === null ? rest : project,
  });
}

/** Change a project read at `version` (If-Match): 200; 412 stale; 422 naming the field. */
export function updateProject(id: number, version: number, change: ProjectInput): Promise<Project> {
  return request<Project>(`/api/v1/projects/${id}`, { method: 'PATCH', body: change, ifMatch: version });
}

/** What POST /api/v1/instruments/{key}/texts answers. */
export interface LoadedText {
  instrument: string;
  language: string;
  source: string;
  status: string | null;
  licence: string;
  stem: string | null;
  replaced: boolean;
}

/**
 * Load a licensed translation: the file's text is sent as it is, so the server
 * checks exactly the file (duplicate keys included). 201, or 200 replacing one;
 * 422 naming the first problem in the file.
 */
export function loadInstrumentText(instrument: string, fileText: string): Promise<LoadedText> {
  return request<LoadedText>(`/api/v1/instruments/${encodeURIComponent(instrument)}/texts`, {
    method: 'POST',
    rawBody: fileText,
  });
}

/** What POST /api/v1/users takes. */
export interface NewUser {
  username: string;
  display_name: string;
  organisation_code: string;
  roles: string[];
  password: string;
}

/** Create a staff account: 201 with the user; 409 conflict (username taken); 422 naming the field. */
export function createUser(user: NewUser): Promise<AdminUser> {
  return request<AdminUser>('/api/v1/users', { method: 'POST', body: user });
}

/** What PATCH /api/v1/users/{id} may change. */
export interface UserChange {
  disabled?: boolean;
  roles?: string[];
  password?: string;
}

/**
 * Change a staff account read at `version` (If-Match): 200 with the user;
 * 412 stale when someone changed it meanwhile. Disabling it or giving it a
 * new password ends its sessions.
 */
export function updateUser(id: number, version: number, change: UserChange): Promise<AdminUser> {
  return request<AdminUser>(`/api/v1/users/${id}`, { method: 'PATCH', body: change, ifMatch: version });
}

/** Add a user to a team (member: true) or remove them (false). */
export function setTeamMember(teamId: number, userId: number, member: boolean): Promise<unknown> {
  return request<unknown>(`/api/v1/teams/${teamId}/members`, {
    method: 'POST',
    body: { user_id: userId, member },
  });
}

// --- enrolment status ---------------------------------------------------------

/**
 * Move an enrolment read at `version` to another status (If-Match): 200 with the enrolment; 412
 * stale; 422 when the move is not allowed. An ending (completed, withdrawn, excluded) needs a
 * reason of that status, and a note with the reason "other".
 */
export function updateEnrolmentStatus(
  id: number,
  version: number,
  status: string,
  ending?: { reason: string; note?: string },
): Promise<Enrolment> {
  const body: Record<string, string> = { status };
  if (ending) {
    body.status_reason = ending.reason;
    if (ending.note !== undefined) body.status_note = ending.note;
  }
  return request<Enrolment>(`/api/v1/enrolments/${id}`, { method: 'PATCH', body, ifMatch: version });
}

/** Reopen an ended enrolment read at `version` (If-Match): 200 with it back in its previous status; 409 when it has not ended. */
export function reopenEnrolment(
  id: number,
  version: number,
  reopen: { reason: string; note?: string },
): Promise<Enrolment> {
  return request<Enrolment>(`/api/v1/enrolments/${id}/reopen`, { method: 'POST', body: reopen, ifMatch: version });
}

/** Every status change of an enrolment, oldest first. */
// --- employment track (the team's municipal staff; health staff with consent) --

/** One ISO week's labour-market status (GET /enrolments/{id}/labour-weeks). */
export interface LabourWeek {
  week: string; // "2026-W05"
  status: 'ordinary_work' | 'subsidised_work' | 'internship' | 'education' | 'course' | 'none';
  in_work_or_education: boolean;
  hours: Partial<Record<LabourWeek['status'], number>>;
}

export interface LabourWeeks {
  from: string;
  to: string;
  weeks: LabourWeek[];
}

/** The ISO 8601 week of a day ("2026-W05"): the week of its Thursday, counted from week 1, the
 * week of 4 January. */
export function isoWeekOf(day: Date): string {
  const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.floor((d.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The weeks from `from` to this week (the server's today). */
export function fetchLabourWeeks(id: number, from: string, signal?: AbortSignal): Promise<LabourWeeks> {
  return request<LabourWeeks>(`/api/v1/enrolments/${id}/labour-weeks?from=${encodeURIComponent(from)}`, { signal });
}

export function fetchStatusHistory(id: number, signal?: AbortSignal): Promise<StatusChange[]> {
  return fetchAll<StatusChange>(`/api/v1/enrolments/${id}/status-history`, signal);
}

// --- treatment track (health staff on the team only; others get 403) ---------

export interface UserRef {
  id: number;
  name: string;
}

export interface InstrumentSummary {
  id: string;
  name: string;
  full_name: string;
  item_count: number;
  total_min: number;
  total_max: number;
  recall: string;
  languages: string[];
}

export interface ScaleAnswer {
  value: number;
  label_key: string;
  loinc: string | null;
  label: string;
}

export interface Scale {
  min: number;
  max: number;
  answers: ScaleAnswer[];
}

export interface Instrument {
  id: string;
  name: string;
  full_name: string;
  items: { key: string; loinc: string | null; reverse: boolean; text: string }[];
  scale: Scale;
  bands: { min: number; max: number; code: string }[];
  bands_informal: boolean;
  extra?: { key: string; text: string; scale: Scale };
  source: string;
  text: {
    language: string;
    requested_language: string;
    translation_missing: boolean;
    source: string;
    status: string;
    licence: string;
    stem: string | null;
  };
}

export interface Score {
  instrument: string;
  total: number;
  band: string | null;
  flags: string[];
  scored: number[];
  percentage?: number;
  provisional_diagnosis?: string;
  icd10?: { grade: string; code: string | null };
  difficulty?: number;
}

export interface Assessment {
  id: number;
  instrument: string;
  occasion: string;
  date: string;
  items: (number | null)[];
  total: number;
  band: string | null;
  flags: string[];
  result?: Score;
  administered_by: UserRef;
  recorded_at: string;
  current: boolean;
  corrects?: number;
  replaced_by?: number;
  reason?: string;
}

export interface Assessments extends Page<Assessment> {
  baseline: Record<string, number>;
}

export interface TreatmentPlan {
  start_date: string;
  focus: string;
  modality: string;
  target: string;
  aftercare_from?: string;
  version: number;
  updated_by?: UserRef;
  updated_at?: string;
}

export interface TreatmentSession {
  id: number;
  date: string;
  kind: string;
  duration_min: number;
  note: string;
  recorded_by?: UserRef;
  recorded_at?: string;
}

export interface SafetyFollowup {
  id: number;
  date: string;
  action: string;
  note: string;
  assessment_id?: number;
  recorded_by?: UserRef;
  recorded_at?: string;
}

export interface EligibilityDecision {
  id: number;
  decision: string;
  referred_to?: string;
  why: string;
  date: string;
  suggestion: string;
  reasons: string[];
  decided_by: UserRef;
  recorded_at: string;
}

export interface Eligibility {
  suggestion: { result: string; reasons: string[] };
  decisions: EligibilityDecision[];
  in_force: EligibilityDecision | null;
}

export interface Measure {
  baseline: number | null;
  latest: number | null;
  change: number | null;
  baseline_date: string | null;
  latest_date: string | null;
}

export interface CaseloadRow {
  enrolment_id: number;
  citizen_id: number;
  citizen_name: string;
  project_id: number;
  status: string;
  weeks_in_treatment: number | null;
  treatment_start: string | null;
  phq9: Measure | null;
  gad7: Measure | null;
  last_contact: string | null;
  next_contact_due: string | null;
  flags: string[];
  /** For each measure flag, the questionnaires it is about ("phq9", "gad7"); absent from an older server. */
  flag_instruments?: Partial<Record<string, string[]>>;
  review: { date: string; recommendation: string } | null;
  /** Who carries the case. */
  assignments: Assignments;
  /** Whether the caller carries it (assigned, or working on it). */
  mine: boolean;
}

export interface Caseload extends Page<CaseloadRow> {
  today: string;
}

export interface CaseReview {
  id: number;
  date: string;
  recommendation: string;
  flags: string[];
  reviewer: UserRef;
  recorded_at: string;
  task?: { id: number; owner: UserRef; text: string; due?: string | null; done_at?: string | null };
}

export const enrolmentPath = (id: number, rest: string) => `/api/v1/enrolments/${id}/${rest}`;

export function fetchInstruments(signal?: AbortSignal): Promise<{ items: InstrumentSummary[] }> {
  return fetchWhole<InstrumentSummary, Page<InstrumentSummary>>('/api/v1/instruments?limit=200', signal);
}

export function fetchInstrument(id: string, lang: string, signal?: AbortSignal): Promise<Instrument> {
  return request<Instrument>(withQuery(`/api/v1/instruments/${encodeURIComponent(id)}`, { lang }), { signal });
}

/** Score answers without storing them; incomplete answers reject with 400/422 naming /items/N. */
export function scoreAnswers(id: string, items: (number | null)[], signal?: AbortSignal): Promise<Score> {
  return request<Score>(`/api/v1/instruments/${encodeURIComponent(id)}/score`, {
    method: 'POST',
    body: { items },
    signal,
  });
}

export function fetchAssessments(enrolmentId: number, signal?: AbortSignal): Promise<Assessments> {
  return fetchWhole<Assessment, Assessments>(`${enrolmentPath(enrolmentId, 'assessments')}?limit=200`, signal);
}

export interface NewAssessment {
  instrument: string;
  date: string;
  items: (number | null)[];
  occasion?: string;
  corrects?: number;
  reason?: string;
}

export function recordAssessment(enrolmentId: number, body: NewAssessment, idempotencyKey: string): Promise<Assessment> {
  return request<Assessment>(enrolmentPath(enrolmentId, 'assessments'), { method: 'POST', body, idempotencyKey });
}

/** The plan, or null before one is written (404). */
export async function fetchTreatmentPlan(enrolmentId: number, signal?: AbortSignal): Promise<TreatmentPlan | null> {
  try {
    return await request<TreatmentPlan>(enrolmentPath(enrolmentId, 'treatment-plan'), { signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export interface PlanInput {
  start_date: string;
  focus: string;
  modality: string;
  target: string;
  aftercare_from?: string;
}

/** Create the plan (version null) or change the one read at `version`. */
export function saveTreatmentPlan(enrolmentId: number, plan: PlanInput, version: number | null): Promise<TreatmentPlan> {
  return request<TreatmentPlan>(enrolmentPath(enrolmentId, 'treatment-plan'), {
    method: 'PUT',
    body: plan,
    ...(version !== null ? { ifMatch: version } : {}),
  });
}

export function fetchSessions(enrolmentId: number, signal?: AbortSignal): Promise<{ items: TreatmentSession[] }> {
  return fetchWhole<TreatmentSession, Page<TreatmentSession>>(`${enrolmentPath(enrolmentId, 'sessions')}?limit=200`, signal);
}

export function recordSession(
  enrolmentId: number,
  body: { date: string; kind: string; duration_min: number; note: string },
  idempotencyKey: string,
): Promise<TreatmentSession> {
  return request<TreatmentSession>(enrolmentPath(enrolmentId, 'sessions'), { method: 'POST', body, idempotencyKey });
}

export function fetchSafetyFollowups(enrolmentId: number, signal?: AbortSignal): Promise<{ items: SafetyFollowup[] }> {
  return fetchWhole<SafetyFollowup, Page<SafetyFollowup>>(
    `${enrolmentPath(enrolmentId, 'safety-followups')}?limit=200`,
    signal,
  );
}

export function recordSafetyFollowup(
  enrolmentId: number,
  body: { date: string; action: string; note: string; assessment_id?: number },
  idempotencyKey: string,
): Promise<SafetyFollowup> {
  return request<SafetyFollowup>(enrolmentPath(enrolmentId, 'safety-followups'), {
    method: 'POST',
    body,
    idempotencyKey,
  });
}

export function fetchEligibility(enrolmentId: number, signal?: AbortSignal): Promise<Eligibility> {
  return request<Eligibility>(enrolmentPath(enrolmentId, 'eligibility'), { signal });
}

export function recordEligibility(
  enrolmentId: number,
  body: { decision: string; referred_to?: string; why: string; date: string },
  idempotencyKey: string,
): Promise<EligibilityDecision> {
  return request<EligibilityDecision>(enrolmentPath(enrolmentId, 'eligibility'), {
    method: 'POST',
    body,
    idempotencyKey,
  });
}

/** Which caseload: the caller's own cases, or every case of their teams. */
export type CaseloadScope = 'mine' | 'team';

export function fetchCaseload(scope: CaseloadScope, signal?: AbortSignal): Promise<Caseload> {
  return fetchWhole<CaseloadRow, Caseload>(withQuery('/api/v1/caseload', { scope, limit: 200 }), signal);
}

/** One point of a project's follow-up schedule (docs/api-contract.md "Follow-ups"). */
export interface FollowupPoint {
  month: number;
  due: string;
  opens: string;
  closes: string;
  state: 'upcoming' | 'due' | 'overdue' | 'missed' | 'done';
  done_on?: string;
}

/** An enrolment on the follow-up list (GET /api/v1/follow-ups). */
export interface FollowupItem {
  enrolment_id: number;
  citizen: { id: number; name: string };
  project_id: number;
  status: string;
  treatment_start: string;
  points: FollowupPoint[];
  next: FollowupPoint | null;
}

export interface Followups extends Page<FollowupItem> {
  today: string;
}

/** One page of the follow-up list: state open (due or overdue) or all. */
export function fetchFollowups(state: 'open' | 'all', cursor: string | null, signal?: AbortSignal): Promise<Followups> {
  return request<Followups>(withQuery('/api/v1/follow-ups', { state, limit: 50, cursor }), { signal });
}

export function fetchCaseReviewList(signal?: AbortSignal): Promise<Caseload> {
  return fetchWhole<CaseloadRow, Caseload>('/api/v1/case-review?limit=200', signal);
}

export function fetchCaseReviews(enrolmentId: number, signal?: AbortSignal): Promise<{ items: CaseReview[] }> {
  return fetchWhole<CaseReview, Page<CaseReview>>(`${enrolmentPath(enrolmentId, 'case-reviews')}?limit=200`, signal);
}

export interface TeamPerson {
  id: number;
  name: string;
  roles: string[];
}

/** GET /enrolments/{id}/team: whom a task can go to. */
export function fetchEnrolmentTeam(enrolmentId: number, signal?: AbortSignal): Promise<{ items: TeamPerson[] }> {
  return fetchWhole<TeamPerson, Page<TeamPerson>>(`${enrolmentPath(enrolmentId, 'team')}?limit=200`, signal);
}

export function recordCaseReview(
  enrolmentId: number,
  body: { date: string; recommendation: string; task?: { owner_id: number; text: string; due?: string } },
  idempotencyKey: string,
): Promise<CaseReview> {
  return request<CaseReview>(enrolmentPath(enrolmentId, 'case-reviews'), { method: 'POST', body, idempotencyKey });
}

// --- who carries a case, and tasks (case roles on the team) -------------------

/**
 * Assign (a user id) or clear (null) the roles named; the roles left out stay.
 * If-Match: the enrolment's version. 200 with the enrolment; 412 when someone
 * changed it meanwhile; 422 naming the role (`/therapist`) whose person cannot carry it.
 */
export function updateAssignments(
  enrolmentId: number,
  version: number,
  change: Partial<Record<AssignmentRole, number | null>>,
): Promise<Enrolment> {
  return request<Enrolment>(enrolmentPath(enrolmentId, 'assignments'), { method: 'PATCH', body: change, ifMatch: version });
}

/**
 * A task for a named member of the young person's team (docs/api-contract.md, Tasks). It carries
 * no health detail: never the case review's recommendation, flags or date.
 */
export interface Task {
  id: number;
  enrolment_id: number;
  citizen: { id: number; name: string };
  enrolment_status: string;
  text: string;
  /** Absent when none was given. */
  due?: string;
  /** Open and due before today (Denmark's calendar). */
  overdue: boolean;
  owner: TaskOwner;
  /** The goal of the plan it is for, or null; a treatment goal's text only where the reader may see it. */
  goal: TaskGoal | null;
  created_by: UserRef;
  created_role?: string;
  created_at: string;
  /** Present while done. */
  done_at?: string;
  done_by?: UserRef;
  /** That a case review set it: health staff only. */
  case_review_id?: number;
  version: number;
}

export type TaskState = 'open' | 'done';

/** The signed-in user's own tasks, open or done, by due date (every page). */
export function fetchMyTasks(state: TaskState, signal?: AbortSignal): Promise<Task[]> {
  return fetchAll<Task>(withQuery('/api/v1/tasks', { owner: 'me', state, limit: 200 }), signal);
}

/** Every task of an enrolment, open and done, by due date (every page): the whole team sees them. */
export function fetchEnrolmentTasks(enrolmentId: number, signal?: AbortSignal): Promise<Task[]> {
  return fetchAll<Task>(withQuery(enrolmentPath(enrolmentId, 'tasks'), { state: 'all', limit: 200 }), signal);
}

/** Mark a task read at `version` done (true) or open again (false): its owner only; 412 when stale. */
export function setTaskDone(task: Pick<Task, 'id' | 'version'>, done: boolean): Promise<Task> {
  return request<Task>(`/api/v1/tasks/${task.id}`, { method: 'PATCH', body: { done }, ifMatch: task.version });
}

// --- employment caseload and IPS measures (issue 11) -------------------------

export type EmploymentFlag = 'no_employer_contact' | 'no_contact' | 'task_overdue' | 'no_follow_along' | 'episode_ended_no_next_step';
export type EmploymentSort = 'urgency' | 'name' | 'days_since_contact' | 'days_since_employer_contact' | 'next_task_due';
export const EMPLOYMENT_SORTS: readonly EmploymentSort[] = ['urgency', 'name', 'days_since_contact', 'days_since_employer_contact', 'next_task_due'];

/** One young person on the employment caseload (GET /api/v1/caseload?track=employment). */
export interface EmploymentCaseloadRow {
  enrolment_id: number;
  citizen_id: number;
  citizen_name: string;
  project_id: number;
  status: string;
  start: string | null;
  flags: EmploymentFlag[];
  last_contact: string | null;
  days_since_contact: number | null;
  last_employer_contact: string | null;
  days_since_employer_contact: number | null;
  current_episode: { kind: string; since: string; until: string | null } | null;
  next_task_due: string | null;
  mine: boolean;
}

export interface EmploymentCaseload extends Page<EmploymentCaseloadRow> {
  today: string;
  caseload_sizes: { project_id: number; active: number; limit: number; over_limit: boolean }[];
  caseload_flags: 'caseload_over_limit'[];
}

export function fetchEmploymentCaseload(scope: CaseloadScope, sort: EmploymentSort, signal?: AbortSignal): Promise<EmploymentCaseload> {
  return fetchWhole<EmploymentCaseloadRow, EmploymentCaseload>(
    withQuery('/api/v1/caseload', { track: 'employment', scope, sort, limit: 200 }),
    signal,
  );
}

/** IPS Grow's measures (GET /api/v1/ips-measures; docs/employment-track.md). */
export interface IpsMeasures {
  project_id: number;
  team_id: number | null;
  consultant_id: number | null;
  from: string;
  to: string;
  measures: {
    people: number;
    job_starts: number;
    first_job_starts: number;
    out_of_work: number;
    out_of_work_started: number;
    active: number;
    active_in_work: number;
    with_employer_contact: number;
    with_job_start: number;
    employment_rate: number | null;
    in_work_share: number | null;
    median_days_to_employer_contact: number | null;
    median_days_to_job_start: number | null;
  };
  caseloads: { user_id: number; name: string; active: number; limit: number; over_limit: boolean }[];
}

export function fetchIpsMeasures(project: number, consultant: number | null, signal?: AbortSignal): Promise<IpsMeasures> {
  return request<IpsMeasures>(withQuery('/api/v1/ips-measures', { project, consultant }), { signal });
}

// --- the joint plan: goals, coordinator, tasks of the plan, Min plan (issue 11) -------------

/** A member of the team (id, name) or the young person. */
export interface TaskOwner {
  kind: 'member' | 'young_person';
  id?: number;
  name?: string;
}

export interface TaskGoal {
  id: number;
  area: GoalArea;
  status: GoalStatus;
  text?: string;
}

export type GoalArea = 'treatment' | 'employment_education' | 'everyday_life';
export type GoalStatus = 'open' | 'achieved' | 'changed' | 'dropped';
export const GOAL_AREAS: readonly GoalArea[] = ['treatment', 'employment_education', 'everyday_life'];
/** The moves src/core/goal.c allows from each status. */
export const GOAL_MOVES: Readonly<Record<GoalStatus, readonly GoalStatus[]>> = {
  open: ['achieved', 'changed', 'dropped'],
  achieved: ['open'],
  dropped: ['open'],
  changed: [],
};

export interface Goal {
  id: number;
  enrolment_id: number;
  area: GoalArea;
  status: GoalStatus;
  /** Absent where the reader may not see a treatment goal's words. */
  text?: string;
  due_date?: string;
  agreed_with_young_person: boolean;
  agreed_by?: string;
  created_by: UserRef;
  created_at: string;
  version: number;
}

export interface GoalChange {
  from_status?: GoalStatus;
  to_status: GoalStatus;
  note?: string;
  changed_by: UserRef;
  changed_at: string;
}

export function fetchGoals(enrolmentId: number, signal?: AbortSignal): Promise<Goal[]> {
  return fetchAll<Goal>(`${enrolmentPath(enrolmentId, 'goals')}?limit=200`, signal);
}

export function createGoal(
  enrolmentId: number,
  body: { area: GoalArea; text: string; due_date?: string; agreed_with_young_person: boolean; agreed_by?: string },
  idempotencyKey: string,
): Promise<Goal> {
  return request<Goal>(enrolmentPath(enrolmentId, 'goals'), { method: 'POST', body, idempotencyKey });
}

/** A status move with its note (If-Match: the goal's version). */
export function moveGoal(goal: Pick<Goal, 'id' | 'version'>, status: GoalStatus, note?: string): Promise<Goal> {
  return request<Goal>(`/api/v1/goals/${goal.id}`, {
    method: 'PATCH',
    body: note ? { status, note } : { status },
    ifMatch: goal.version,
  });
}

export function fetchGoalHistory(goalId: number, signal?: AbortSignal): Promise<{ items: GoalChange[] }> {
  return request<{ items: GoalChange[] }>(`/api/v1/goals/${goalId}/history`, { signal });
}

export interface CoordinatorState {
  coordinator: UserRef | null;
  since?: string;
  history: { coordinator: UserRef | null; set_by: UserRef; set_at: string }[];
}

export function fetchCoordinator(enrolmentId: number, signal?: AbortSignal): Promise<CoordinatorState> {
  return request<CoordinatorState>(enrolmentPath(enrolmentId, 'coordinator'), { signal });
}

export function setCoordinator(enrolmentId: number, userId: number | null, idempotencyKey: string): Promise<CoordinatorState> {
  return request<CoordinatorState>(enrolmentPath(enrolmentId, 'coordinator'), {
    method: 'PUT',
    body: { user_id: userId },
    idempotencyKey,
  });
}

export function createTask(
  enrolmentId: number,
  body: { text: string; owner: { kind: 'member'; user_id: number } | { kind: 'young_person' }; due?: string; goal_id?: number },
  idempotencyKey: string,
): Promise<Task> {
  return request<Task>(enrolmentPath(enrolmentId, 'tasks'), { method: 'POST', body, idempotencyKey });
}

/** "Min plan": what the young person has been told (docs/api-contract.md, Min plan). */
export interface MyPlan {
  enrolment_id: number;
  coordinator: { name: string } | null;
  goals: { id: number; area: GoalArea; due_date?: string; text_hidden: boolean; text?: string }[];
  tasks: { id: number; text: string; due?: string; owner: { kind: 'member' | 'young_person'; name?: string }; goal_id: number | null }[];
  /** The young person's meetings from today on, soonest first; topic: a group session's. */
  next_meetings: {
    id: number;
    date: string;
    kind: 'individual' | 'group' | 'network';
    duration_minutes: number | null;
    place: string | null;
    topic: string | null;
  }[];
  health_detail: boolean;
}

export function fetchMyPlan(enrolmentId: number, signal?: AbortSignal): Promise<MyPlan> {
  return request<MyPlan>(enrolmentPath(enrolmentId, 'my-plan'), { signal });
}

// --- meetings and team notes of the joint plan (docs/api-contract.md, Meetings, Team notes) ---

export const MEETING_PLACES = ['office', 'walk_and_talk', 'library', 'drop_in_cafe', 'home', 'phone', 'video', 'other'] as const;
export type MeetingPlace = (typeof MEETING_PLACES)[number];
/** The interpreter languages the API takes (core/meeting.c): ISO 639-1, or 639-3 without one. */
export const INTERPRETER_LANGUAGES = [
  'am', 'ar', 'bs', 'ckb', 'de', 'dsl', 'en', 'es', 'fa', 'fr', 'hr', 'it', 'kmr', 'ku', 'lt', 'lv', 'mn', 'ne', 'pl',
  'prs', 'ps', 'pt', 'ro', 'ru', 'so', 'sq', 'sr', 'sw', 'ta', 'th', 'ti', 'tl', 'tr', 'uk', 'ur', 'vi', 'zh',
] as const;

export interface Meeting {
  id: number;
  kind: 'individual' | 'group' | 'network';
  date: string;
  duration_minutes?: number | null;
  place?: MeetingPlace | null;
  staff: { id: number; name: string }[];
  note?: string | null;
  topic?: string;
  status_notes?: string | null;
  interpreter_language?: string | null;
  young_person_present?: boolean;
  /** A group session: the young person's own attendance (null: not recorded). */
  attended?: boolean | null;
}

export function fetchMeetings(enrolmentId: number, signal?: AbortSignal): Promise<{ items: Meeting[] }> {
  return fetchWhole<Meeting, Page<Meeting>>(enrolmentPath(enrolmentId, 'meetings'), signal);
}

export function createConversation(
  enrolmentId: number,
  body: { date: string; duration_minutes: number; place: MeetingPlace; staff: number[]; note?: string },
  idempotencyKey: string,
): Promise<Meeting> {
  return request<Meeting>(enrolmentPath(enrolmentId, 'meetings'), { method: 'POST', body, idempotencyKey });
}

export interface NetworkMeetingTask {
  owner_kind: 'member' | 'young_person';
  owner_id?: number;
  text: string;
  due?: string;
  goal_id?: number;
  goal_index?: number;
}

export interface NetworkMeetingCreate {
  date: string;
  participants: number[];
  young_person_present: boolean;
  interpreter_language?: string;
  status_notes?: string;
  goals?: { area: GoalArea; text: string; due_date?: string; agreed_with_young_person: boolean }[];
  goal_changes?: { goal_id: number; status: GoalStatus; note?: string }[];
  tasks?: NetworkMeetingTask[];
}

export function createNetworkMeeting(enrolmentId: number, body: NetworkMeetingCreate, idempotencyKey: string): Promise<Meeting> {
  return request<Meeting>(enrolmentPath(enrolmentId, 'network-meetings'), { method: 'POST', body, idempotencyKey });
}

export interface TeamNote {
  id: number;
  date: string;
  content_class: 'health' | 'employment';
  text: string;
  author: { id: number; name: string };
}

export function fetchTeamNotes(enrolmentId: number, signal?: AbortSignal): Promise<{ items: TeamNote[] }> {
  return fetchWhole<TeamNote, Page<TeamNote>>(enrolmentPath(enrolmentId, 'team-notes'), signal);
}

export function createTeamNote(enrolmentId: number, body: { date: string; text: string }, idempotencyKey: string): Promise<TeamNote> {
  return request<TeamNote>(enrolmentPath(enrolmentId, 'team-notes'), { method: 'POST', body, idempotencyKey });
}
