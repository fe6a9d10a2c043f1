// Display names for the API's stable codes (roles, statuses, actions, …),
// from the message catalogues. A code the UI does not know yet is shown as
// the code itself, so nothing the API answers is hidden.
import { t, type PlainMessageKey } from './i18n';

function lookup(table: Readonly<Record<string, PlainMessageKey>>, code: string): string {
  const key = Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;
  return key ? t(key) : code;
}

const ROLE_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  care_manager: 'role.care_manager',
  therapist: 'role.therapist',
  supervising_clinician: 'role.supervising_clinician',
  caseworker: 'role.caseworker',
  job_consultant: 'role.job_consultant',
  resource_consultant: 'role.resource_consultant',
  project_lead: 'role.project_lead',
  evaluator: 'role.evaluator',
  administrator: 'role.administrator',
};

const STATUS_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  referred: 'status.referred',
  screening: 'status.screening',
  active: 'status.active',
  aftercare: 'status.aftercare',
  completed: 'status.completed',
  withdrawn: 'status.withdrawn',
  excluded: 'status.excluded',
};

const EPISODE_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  ordinary_job: 'episode.ordinary_job',
  subsidised_job: 'episode.subsidised_job',
  flexjob: 'episode.flexjob',
  internship: 'episode.internship',
  education: 'episode.education',
  course: 'episode.course',
};

const SCOPE_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  health_summary_to_municipality: 'scope.health_summary_to_municipality',
  employment_to_health: 'scope.employment_to_health',
  research_use: 'scope.research_use',
};

const ACTION_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  read: 'action.read',
  search: 'action.search',
  create: 'action.create',
  update: 'action.update',
  consent: 'action.consent',
  read_access_log: 'action.read_access_log',
  login: 'action.login',
  logout: 'action.logout',
};

const PURPOSE_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  treatment: 'purpose.treatment',
  employment_support: 'purpose.employment_support',
  joint_plan: 'purpose.joint_plan',
  case_administration: 'purpose.case_administration',
  administration: 'purpose.administration',
  evaluation: 'purpose.evaluation',
  authentication: 'purpose.authentication',
  operations: 'purpose.operations',
};

const IDENTIFIER_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  cpr: 'citizen.identifier.cpr',
  erstatning: 'citizen.identifier.erstatning',
  ecpr: 'citizen.identifier.ecpr',
};

export const roleLabel = (code: string): string => lookup(ROLE_KEYS, code);
export const statusLabel = (code: string): string => lookup(STATUS_KEYS, code);
export const episodeLabel = (code: string): string => lookup(EPISODE_KEYS, code);
export const scopeLabel = (code: string): string => lookup(SCOPE_KEYS, code);
export const actionLabel = (code: string): string => lookup(ACTION_KEYS, code);
export const purposeLabel = (code: string): string => lookup(PURPOSE_KEYS, code);
export const identifierTypeLabel = (code: string): string => lookup(IDENTIFIER_KEYS, code);

/** "Tilladt", or "Afvist (forbidden)" with the problem code the server wrote. */
export function outcomeLabel(outcome: string): string {
  return outcome === 'allowed' ? t('outcome.allowed') : t('outcome.refused', { code: outcome });
}
