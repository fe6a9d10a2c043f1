// The joint plan of one enrolment, the citizen page's "Fælles plan" tab: what the young person and
// both sectors agreed to do. The whole team sees it.
import { useState } from 'preact/hooks';
import { fetchGoals, type Enrolment, type User } from '../api';
import { t } from '../i18n';
import { Link, paths } from '../router';
import { useAsync } from '../useAsync';
import { PlanCoordinator } from './PlanCoordinator';
import { PlanGoals } from './PlanGoals';
import { PlanMeetings } from './PlanMeetings';
import { PlanTaskForm } from './PlanTaskForm';
import { EnrolmentTasks } from './Tasks';
import { TeamNotes } from './TeamNotes';

export function PlanPanel({ enrolment, user }: { enrolment: Enrolment; user: User }) {
  const [goals, reloadGoals] = useAsync((signal) => fetchGoals(enrolment.id, signal), [enrolment.id]);
  const [tasksShown, setTasksShown] = useState(0);
  return (
    <>
      <p class="no-print">
        <Link href={paths.minPlan(enrolment.citizen_id, enrolment.id)}>{t('jointPlan.minPlan.link')}</Link>
      </p>
      <PlanCoordinator enrolmentId={enrolment.id} />
      <PlanGoals enrolmentId={enrolment.id} goals={goals} reload={reloadGoals} />
      <PlanTaskForm enrolmentId={enrolment.id} goals={goals.kind === 'ready' ? goals.data : []} onSaved={() => setTasksShown((n) => n + 1)} />
      <EnrolmentTasks key={tasksShown} enrolmentId={enrolment.id} user={user} />
      <PlanMeetings
        enrolmentId={enrolment.id}
        user={user}
        goals={goals.kind === 'ready' ? goals.data : []}
        onPlanChanged={() => {
          reloadGoals();
          setTasksShown((n) => n + 1);
        }}
      />
      <TeamNotes enrolmentId={enrolment.id} />
    </>
  );
}
