// The treatment track of one enrolment (health staff on the team), what needs
// attention first: the safety alert and follow-up when the latest PHQ-9 has
// the safety flag, the status buttons, eligibility while the young person is
// being screened, questionnaires (history, trajectory chart, and the form),
// sessions, the treatment plan, case-review recommendations, and eligibility
// at the end once decided. Every form opens on demand (OnDemand.tsx), so the
// tab shows what is recorded. Everything shown is what the API answers.
import { fetchEligibility, type Assessments, type Enrolment, type SafetyFollowup, type User } from '../api';
import { useAsync, type Async } from '../useAsync';
import { AssessmentHistory } from './AssessmentHistory';
import { ReviewsBlock } from './CaseReviewsBlock';
import { EligibilityBlock } from './EligibilityBlock';
import { QuestionnaireForm } from './QuestionnaireForm';
import { SafetyBlock } from './SafetyBlock';
import { SessionsBlock } from './SessionsBlock';
import { StatusBlock } from './StatusMoves';
import { PlanBlock } from './TreatmentPlanBlock';

/** Before a decision is due the eligibility block leads; afterwards it is history, at the end. */
const SCREENING_STATUSES = new Set(['referred', 'screening']);

export function TreatmentPanel({
  enrolment,
  user,
  assessments,
  reloadAssessments,
  followups,
  reloadFollowups,
  onEnrolmentChanged,
}: {
  enrolment: Enrolment;
  user: User;
  assessments: Assessments;
  reloadAssessments: () => void;
  followups: Async<{ items: SafetyFollowup[] }>;
  reloadFollowups: () => void;
  onEnrolmentChanged: () => void;
}) {
  const eid = enrolment.id;
  const [eligibility, reloadEligibility] = useAsync((s) => fetchEligibility(eid, s), [eid]);

  const afterAssessment = () => {
    reloadAssessments();
    reloadEligibility();
  };
  const eligibilityBlock = <EligibilityBlock enrolmentId={eid} state={eligibility} reload={reloadEligibility} />;
  const screening = SCREENING_STATUSES.has(enrolment.status);

  return (
    <div class="treatment">
      <SafetyBlock
        enrolmentId={eid}
        assessments={assessments.items}
        followups={followups}
        onRecorded={() => {
          reloadFollowups();
          onEnrolmentChanged();
        }}
      />
      <StatusBlock enrolment={enrolment} onChanged={onEnrolmentChanged} />
      {screening ? eligibilityBlock : null}
      <AssessmentHistory enrolmentId={eid} assessments={assessments} onCorrected={afterAssessment}>
        <QuestionnaireForm enrolmentId={eid} status={enrolment.status} onRecorded={afterAssessment} />
      </AssessmentHistory>
      <SessionsBlock enrolmentId={eid} />
      <PlanBlock enrolmentId={eid} />
      <ReviewsBlock enrolmentId={eid} user={user} />
      {screening ? null : eligibilityBlock}
    </div>
  );
}
