// Words for the employment track's codes (employmentApi.ts), from the catalogues. A code the UI does
// not know yet is shown as the code itself, as labels.ts does.
import { t, type PlainMessageKey } from './i18n';

function lookup(table: Readonly<Record<string, PlainMessageKey>>, code: string | undefined): string {
  if (code === undefined) return '';
  const key = Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;
  return key ? t(key) : code;
}

const KIND: Readonly<Record<string, PlainMessageKey>> = {
  ordinary_job: 'ep.kind.ordinary_job',
  subsidised_job: 'ep.kind.subsidised_job',
  flexjob: 'ep.kind.flexjob',
  internship: 'ep.kind.internship',
  education: 'ep.kind.education',
  course: 'ep.kind.course',
};
const LEVEL: Readonly<Record<string, PlainMessageKey>> = {
  primary_lower_secondary: 'ep.level.primary_lower_secondary',
  preparatory: 'ep.level.preparatory',
  upper_secondary: 'ep.level.upper_secondary',
  vocational: 'ep.level.vocational',
  short_higher: 'ep.level.short_higher',
  medium_higher: 'ep.level.medium_higher',
  long_higher: 'ep.level.long_higher',
};
const PURPOSE: Readonly<Record<string, PlainMessageKey>> = {
  slow_return: 'ep.purpose.slow_return',
  try_out: 'ep.purpose.try_out',
};
const END_REASON: Readonly<Record<string, PlainMessageKey>> = {
  completed: 'ep.endReason.completed',
  dropped_out: 'ep.endReason.dropped_out',
  dismissed: 'ep.endReason.dismissed',
  moved_on: 'ep.endReason.moved_on',
};
const PARTY: Readonly<Record<string, PlainMessageKey>> = {
  young_person: 'fa.with.young_person',
  employer: 'fa.with.employer',
  school: 'fa.with.school',
};
const CONTACT_KIND: Readonly<Record<string, PlainMessageKey>> = {
  in_person: 'fa.kind.in_person',
  phone: 'fa.kind.phone',
  email: 'fa.kind.email',
  video: 'fa.kind.video',
  text_message: 'fa.kind.text_message',
};
const DISCLOSURE: Readonly<Record<string, PlainMessageKey>> = {
  none: 'vp.disclosure.none',
  some: 'vp.disclosure.some',
  full: 'vp.disclosure.full',
};
const AREA: Readonly<Record<string, PlainMessageKey>> = { work: 'vp.area.work', education: 'vp.area.education' };
const OUTCOME: Readonly<Record<string, PlainMessageKey>> = {
  completed: 'vp.outcome.completed',
  dropped_out: 'vp.outcome.dropped_out',
  ongoing: 'vp.outcome.ongoing',
};

export const episodeKindLabel = (code: string): string => lookup(KIND, code);
export const levelLabel = (code: string | undefined): string => lookup(LEVEL, code);
export const purposeLabel = (code: string | undefined): string => lookup(PURPOSE, code);
export const endReasonLabel = (code: string | undefined): string => lookup(END_REASON, code);
export const partyLabel = (code: string): string => lookup(PARTY, code);
export const contactKindLabel = (code: string): string => lookup(CONTACT_KIND, code);
export const disclosureLabel = (code: string): string => lookup(DISCLOSURE, code);
export const areaLabel = (code: string): string => lookup(AREA, code);
export const outcomeLabel = (code: string | undefined): string => lookup(OUTCOME, code);

/** The options of a select or radio group for codes. */
export function optionsOf(codes: readonly string[], label: (code: string) => string): { value: string; label: string }[] {
  return codes.map((value) => ({ value, label: label(value) }));
}
