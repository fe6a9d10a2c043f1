// The joint plan of one enrolment, the citizen page's "Fælles plan" tab: what the young person and
// both sectors agreed to do. The whole team sees it.
import type { Enrolment, User } from '../api';
import { EnrolmentTasks } from './Tasks';

export function PlanPanel({ enrolment, user }: { enrolment: Enrolment; user: User }) {
  return <EnrolmentTasks enrolmentId={enrolment.id} user={user} />;
}
