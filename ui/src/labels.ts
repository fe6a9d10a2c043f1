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

const LABOUR_STATUS_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  ordinary_work: 'labourStatus.ordinary_work',
  subsidised_work: 'labourStatus.subsidised_work',
  internship: 'labourStatus.internship',
  education: 'labourStatus.education',
  course: 'labourStatus.course',
  none: 'labourStatus.none',
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
  // The treatment track's writes (src/api/treatment_gate.c), and what a municipal role sees of them.
  assessment: 'action.assessment',
  eligibility: 'action.eligibility',
  treatment_plan: 'action.treatment_plan',
  session: 'action.session',
  safety_followup: 'action.safety_followup',
  case_review: 'action.case_review',
  health_activity: 'action.health_activity',
  employment_activity: 'action.employment_activity',
};

const PURPOSE_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  treatment: 'purpose.treatment',
  employment: 'purpose.employment',
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
export const labourStatusLabel = (code: string): string => lookup(LABOUR_STATUS_KEYS, code);
export const scopeLabel = (code: string): string => lookup(SCOPE_KEYS, code);
export const actionLabel = (code: string): string => lookup(ACTION_KEYS, code);
export const purposeLabel = (code: string): string => lookup(PURPOSE_KEYS, code);
export const identifierTypeLabel = (code: string): string => lookup(IDENTIFIER_KEYS, code);

// Why an enrolment ended, or was reopened (docs/api-contract.md "Ending and reopening").
const END_REASON_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  goal_reached: 'endReason.goal_reached',
  planned_end: 'endReason.planned_end',
  work_or_education: 'endReason.work_or_education',
  citizen_choice: 'endReason.citizen_choice',
  moved: 'endReason.moved',
  no_contact: 'endReason.no_contact',
  other_offer: 'endReason.other_offer',
  not_eligible: 'endReason.not_eligible',
  referred_elsewhere: 'endReason.referred_elsewhere',
  registered_in_error: 'endReason.registered_in_error',
  other: 'endReason.other',
};

const REOPEN_REASON_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  ended_by_mistake: 'reopenReason.ended_by_mistake',
  wrong_status: 'reopenReason.wrong_status',
  other: 'reopenReason.other',
};

export const endReasonLabel = (code: string): string => lookup(END_REASON_KEYS, code);
export const reopenReasonLabel = (code: string): string => lookup(REOPEN_REASON_KEYS, code);

const REFUSAL_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  forbidden: 'outcome.refused.forbidden',
  not_found: 'outcome.refused.not_found',
};

/** "Tilladt", "Tilladt (gentaget forespørgsel)", a refusal in words ("Afvist: ingen adgang"),
 * "Afvist (code)" for a problem code the UI does not know; "" for a row without one (a
 * generic health_activity row). */
export function outcomeLabel(outcome: string | undefined): string {
  if (outcome === undefined) return '';
  if (outcome === 'allowed') return t('outcome.allowed');
  if (outcome === 'replayed') return t('outcome.replayed');
  const key = Object.prototype.hasOwnProperty.call(REFUSAL_KEYS, outcome) ? REFUSAL_KEYS[outcome] : undefined;
  return key ? t(key) : t('outcome.refused', { code: outcome });
}

// --- treatment track ------------------------------------------------------------

const FLAG_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  safety: 'flag.safety',
  not_improving: 'flag.not_improving',
  measurement_overdue: 'flag.measurement_overdue',
  no_contact: 'flag.no_contact',
  followup_due: 'flag.followup_due',
  response: 'flag.response',
  remission: 'flag.remission',
  reliable_improvement: 'flag.reliable_improvement',
  reliable_deterioration: 'flag.reliable_deterioration',
  task_overdue: 'flag.task_overdue',
  poor_wellbeing: 'flag.poor_wellbeing',
  administer_mdi: 'flag.administer_mdi',
};

const BAND_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  none_minimal: 'band.none_minimal',
  minimal: 'band.minimal',
  mild: 'band.mild',
  moderate: 'band.moderate',
  moderately_severe: 'band.moderately_severe',
  severe: 'band.severe',
  low: 'band.low',
  high: 'band.high',
  none_doubtful: 'band.none_doubtful',
  subclinical: 'band.subclinical',
  significant_impairment: 'band.significant_impairment',
  moderately_severe_or_worse: 'band.moderately_severe_or_worse',
};

const ELIGIBILITY_RESULT_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  eligible: 'eligibility.result.eligible',
  not_eligible: 'eligibility.result.not_eligible',
  refer_elsewhere: 'eligibility.result.refer_elsewhere',
  needs_screening: 'eligibility.result.needs_screening',
};

const REASON_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  age_below_range: 'reason.age_below_range',
  age_above_range: 'reason.age_above_range',
  municipality_not_in_project: 'reason.municipality_not_in_project',
  target_group_not_in_project: 'reason.target_group_not_in_project',
  below_symptom_threshold: 'reason.below_symptom_threshold',
  severe_depression: 'reason.severe_depression',
  acute_suicide_risk: 'reason.acute_suicide_risk',
  screening_missing: 'reason.screening_missing',
};

const DECISION_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  eligible: 'decision.eligible',
  not_eligible: 'decision.not_eligible',
  referred_elsewhere: 'decision.referred_elsewhere',
};

const OCCASION_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  screening: 'occasion.screening',
  treatment: 'occasion.treatment',
  followup: 'occasion.followup',
};

const MODALITY_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  cbt: 'modality.cbt',
  problem_solving: 'modality.problem_solving',
  psychoeducation: 'modality.psychoeducation',
  behavioural_activation: 'modality.behavioural_activation',
  other: 'modality.other',
};

const SESSION_KIND_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  individual: 'sessionKind.individual',
  group: 'sessionKind.group',
  phone: 'sessionKind.phone',
  video: 'sessionKind.video',
  walk_and_talk: 'sessionKind.walk_and_talk',
};

const SAFETY_ACTION_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  risk_assessed: 'safetyAction.risk_assessed',
  safety_plan: 'safetyAction.safety_plan',
  referred_acute: 'safetyAction.referred_acute',
  contact_attempted: 'safetyAction.contact_attempted',
};

const DIAGNOSIS_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  none: 'diagnosis.none',
  other_depressive_syndrome: 'diagnosis.other_depressive_syndrome',
  major_depressive_syndrome: 'diagnosis.major_depressive_syndrome',
};

const ICD10_KEYS: Readonly<Record<string, PlainMessageKey>> = {
  none: 'icd10.none',
  mild: 'icd10.mild',
  moderate: 'icd10.moderate',
  severe: 'icd10.severe',
};

export const flagLabel = (code: string): string => lookup(FLAG_KEYS, code);
export const bandLabel = (code: string): string => lookup(BAND_KEYS, code);
export const eligibilityResultLabel = (code: string): string => lookup(ELIGIBILITY_RESULT_KEYS, code);
export const reasonLabel = (code: string): string => lookup(REASON_KEYS, code);
export const decisionLabel = (code: string): string => lookup(DECISION_KEYS, code);
export const occasionLabel = (code: string): string => lookup(OCCASION_KEYS, code);
export const modalityLabel = (code: string): string => lookup(MODALITY_KEYS, code);
export const sessionKindLabel = (code: string): string => lookup(SESSION_KIND_KEYS, code);
export const safetyActionLabel = (code: string): string => lookup(SAFETY_ACTION_KEYS, code);
export const diagnosisLabel = (code: string): string => lookup(DIAGNOSIS_KEYS, code);
export const icd10Label = (code: string): string => lookup(ICD10_KEYS, code);

export const MODALITIES = Object.keys(MODALITY_KEYS);
export const SESSION_KINDS = Object.keys(SESSION_KIND_KEYS);
export const SAFETY_ACTIONS = Object.keys(SAFETY_ACTION_KEYS);
export const OCCASIONS = Object.keys(OCCASION_KEYS);
export const DECISIONS = Object.keys(DECISION_KEYS);

/** Instruments' short names (not translated); an unknown id is shown as itself. */
const INSTRUMENT_NAMES: Readonly<Record<string, string>> = {
  phq9: 'PHQ-9',
  gad7: 'GAD-7',
  who5: 'WHO-5',
  pss10: 'PSS-10',
  mdi: 'MDI',
  wsas: 'WSAS',
};
export const instrumentName = (id: string): string =>
  Object.prototype.hasOwnProperty.call(INSTRUMENT_NAMES, id) ? INSTRUMENT_NAMES[id]! : id;
