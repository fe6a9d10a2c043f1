// The employment and education track of one enrolment, the citizen page's "Job og uddannelse"
// tab: the weekly labour-market status, and the episodes, follow-along support and vocational
// profile (EmploymentTrack). The team's municipal staff see the track; health staff
// see it only while the young person has consented to employment_to_health, as the API decides
// (without it, the summary is absent and so is this detail).
import { useState } from 'preact/hooks';
import type { Enrolment, User } from '../api';
import { t } from '../i18n';
import { hasHealthRole, hasMunicipalRole } from '../session';
import { citizenName } from '../reference';
import { EmploymentTrack } from './EmploymentTrack';
import { EnrolmentEmployerContacts } from './EnrolmentEmployerContacts';
import { LabourWeeksBlock } from './LabourWeeks';

export function EmploymentPanel({ enrolment, user }: { enrolment: Enrolment; user: User }) {
  // A recorded or ended episode changes the weekly status: its block is read again.
  const [episodesChanged, setEpisodesChanged] = useState(0);
  if (!enrolment.employment_summary) {
    const text =
      hasHealthRole(user) && !hasMunicipalRole(user)
        ? t('employment.notShared.noConsent')
        : t('employment.notShared');
    return <p class="not-shared">{text}</p>;
  }
  return (
    <>
      <LabourWeeksBlock key={episodesChanged} enrolmentId={enrolment.id} referralDate={enrolment.referral_date} />
      <EmploymentTrack
        enrolmentId={enrolment.id}
        municipality={enrolment.municipality_code}
        canWrite={hasMunicipalRole(user)}
        onEpisodesChanged={() => setEpisodesChanged((n) => n + 1)}
      />
      {hasMunicipalRole(user) ? (
        <EnrolmentEmployerContacts enrolment={enrolment} citizenName={citizenName(enrolment.citizen_id) ?? ''} />
      ) : null}
    </>
  );
}
