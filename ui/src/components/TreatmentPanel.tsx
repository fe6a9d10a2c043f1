// The treatment track of one enrolment (health staff on the team): the safety
// alert and follow-up form when the latest PHQ-9 has the safety flag, the
// status buttons, eligibility (suggestion, decision form, history),
// questionnaires (form with live score, history, trajectory chart), the
// treatment plan, sessions, and case-review recommendations. Everything shown
// is what the API answers.
import { fetchEligibility, fetchSafetyFollowups, type Assessments, type Enrolment, type User } from '../api';
import { useAsync } from '../useAsync';
import { AssessmentHistory } from './AssessmentHistory';
import { ReviewsBlock } from './CaseReviewsBlock';
import { EligibilityBlock } from './EligibilityBlock';
import { QuestionnaireForm } from './QuestionnaireForm';
import { SafetyBlock } from './SafetyBlock';
import { SessionsBlock } from './SessionsBlock';
import { StatusBlock } from './StatusMoves';
import { PlanBlock } from './TreatmentPlanBlock';

export function TreatmentPanel({
  enrolment,
  user,
  assessments,
  reloadAssessments,
  onEnrolmentChanged,
}: {
  enrolment: Enrolment;
  user: User;
  assessments: Assessments;
  reloadAssessments: () => void;
  onEnrolmentChanged: () => void;
}) {
  const eid = enrolment.id;
  const [followups, reloadFollowups] = useAsync((s) => fetchSafetyFollowups(eid, s), [eid]);
  const [eligibility, reloadEligibility] = useAsync((s) => fetchEligibility(eid, s), [eid]);

  const afterAssessment = () => {
    reloadAssessments();
    reloadEligibility();
  };

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
      <EligibilityBlock enrolmentId={eid} state={eligibility} reload={reloadEligibility} />
      <QuestionnaireForm enrolmentId={eid} status={enrolment.status} onRecorded={afterAssessment} />
      <AssessmentHistory enrolmentId={eid} assessments={assessments} onCorrected={afterAssessment} />
      <PlanBlock enrolmentId={eid} />
      <SessionsBlock enrolmentId={eid} />
      <ReviewsBlock enrolmentId={eid} user={user} />
    </div>
  );
}
