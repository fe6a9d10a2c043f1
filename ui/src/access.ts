// Which pages a signed-in user may use, by role (docs/security-model.md), in
// one table: the main menu lists exactly the pages allowed here, and a page
// visited directly without the role says plainly whom it is for instead of
// asking the API and showing its 403. The API still decides what it answers;
// this only keeps the UI from offering what the role cannot use.
import type { Enrolment, User } from './api';
import type { PlainMessageKey } from './i18n';
import type { Route } from './router';
import { hasCaseRole, hasHealthRole, hasMunicipalRole, isAdministrator, isSupervisingClinician } from './session';

/** Who a page is for: the role test, and the sentence a user without it reads. */
interface Audience {
  allowed: (user: User) => boolean;
  forbidden: PlainMessageKey;
}

const EVERYONE: Audience = { allowed: () => true, forbidden: 'forbidden.text' };
const CASE_STAFF: Audience = { allowed: hasCaseRole, forbidden: 'forbidden.caseStaff' };
const HEALTH_STAFF: Audience = { allowed: hasHealthRole, forbidden: 'forbidden.health' };
const SUPERVISORS: Audience = { allowed: isSupervisingClinician, forbidden: 'forbidden.supervisor' };
const MUNICIPAL_STAFF: Audience = { allowed: hasMunicipalRole, forbidden: 'forbidden.municipal' };
/** Group sessions are a team's: case staff who are on at least one team. */
const CASE_STAFF_ON_A_TEAM: Audience = { allowed: (user) => hasCaseRole(user) && user.teams.length > 0, forbidden: 'forbidden.groupSessions' };
const ADMINISTRATORS: Audience = { allowed: isAdministrator, forbidden: 'admin.forbidden' };

const AUDIENCE: Readonly<Record<Route['name'], Audience>> = {
  start: EVERYONE,
  login: EVERYONE,
  notFound: EVERYONE,
  register: CASE_STAFF,
  citizen: CASE_STAFF,
  accessLog: CASE_STAFF,
  minPlan: CASE_STAFF,
  caseload: HEALTH_STAFF,
  followups: HEALTH_STAFF,
  employmentCaseload: MUNICIPAL_STAFF,
  caseReview: SUPERVISORS,
  admin: ADMINISTRATORS,
  employers: MUNICIPAL_STAFF,
  employer: MUNICIPAL_STAFF,
  groupSessions: CASE_STAFF_ON_A_TEAM,
  groupSession: CASE_STAFF_ON_A_TEAM,
};

/** null when the user may use the page; else the message saying whom it is for. */
export function pageRefusal(route: Route['name'], user: User): PlainMessageKey | null {
  const audience = AUDIENCE[route];
  return audience.allowed(user) ? null : audience.forbidden;
}

/** The pages of the main menu, in order; Header.tsx shows those pageRefusal allows. */
export const MENU_PAGES = ['start', 'caseload', 'employmentCaseload', 'followups', 'caseReview', 'employers', 'groupSessions', 'admin'] as const satisfies readonly Route['name'][];

/**
 * Whether the user may reopen this ended enrolment (POST …/reopen): the supervising clinician on
 * its team, or a project lead working on its project through one of its teams.
 */
export function mayReopen(user: User, enrolment: Enrolment): boolean {
  if (user.roles.includes('supervising_clinician') && user.teams.some((team) => team.id === enrolment.team_id)) return true;
  return user.roles.includes('project_lead') && user.teams.some((team) => team.project_id === enrolment.project_id);
}
