// "Min plan": the young person's own page of the joint plan, in plain words, to print and give
// them (GET …/my-plan; docs/api-contract.md, Min plan). Nothing of health unless the reader may
// see it: a treatment goal is then named without its words. Print CSS (styles.css, @media print)
// leaves out the header, the links and the buttons and keeps it to A4.
import { fetchCitizen, fetchMyPlan } from '../api';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { paths } from '../router';
import { useAsync } from '../useAsync';
import { placeLabel } from './GroupSessionsPage';
import { goalAreaLabel } from './PlanGoals';
import { BackLink, LoadError, Loading, PageHeading } from './ui';

export function MinPlanPage({ id, enrolmentId }: { id: number; enrolmentId: number }) {
  const [plan, reload] = useAsync((signal) => fetchMyPlan(enrolmentId, signal), [enrolmentId]);
  const [citizen] = useAsync((signal) => fetchCitizen(id, signal), [id]);
  const name = citizen.kind === 'ready' ? citizen.data.name : '';
  return (
    <div class="min-plan">
      <div class="no-print">
        <BackLink href={paths.citizen(id)}>{t('minPlan.back')}</BackLink>
      </div>
      <PageHeading title={t('minPlan.title')}>{name ? t('minPlan.titleFor', { name }) : t('minPlan.title')}</PageHeading>
      {plan.kind === 'loading' ? <Loading text={t('jointPlan.loading')} /> : null}
      {plan.kind === 'error' ? <LoadError heading="jointPlan.error.heading" error={plan.error} onRetry={reload} /> : null}
      {plan.kind === 'ready' ? (
        <>
          <p class="no-print">
            <button type="button" class="button button-primary" onClick={() => window.print()}>
              {t('minPlan.print')}
            </button>
          </p>
          <section aria-labelledby="min-plan-goals">
            <h2 id="min-plan-goals">{t('minPlan.goals')}</h2>
            {plan.data.goals.length === 0 ? (
              <p>{t('minPlan.goals.none')}</p>
            ) : (
              <ul class="min-plan-list">
                {plan.data.goals.map((g) => (
                  <li key={g.id}>
                    <strong>{goalAreaLabel(g.area)}:</strong> {g.text_hidden ? t('minPlan.goal.hidden') : g.text}
                    {g.due_date ? ` ${t('minPlan.by', { date: formatDate(g.due_date) })}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="min-plan-tasks">
            <h2 id="min-plan-tasks">{t('minPlan.tasks')}</h2>
            {plan.data.tasks.length === 0 ? (
              <p>{t('minPlan.tasks.none')}</p>
            ) : (
              <ul class="min-plan-list">
                {plan.data.tasks.map((task) => (
                  <li key={task.id}>
                    <strong>{task.owner.kind === 'young_person' ? t('minPlan.who.me') : task.owner.name}:</strong> {task.text}
                    {task.due ? ` ${t('minPlan.by', { date: formatDate(task.due) })}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="min-plan-coordinator">
            <h2 id="min-plan-coordinator">{t('minPlan.coordinator')}</h2>
            <p>{plan.data.coordinator ? plan.data.coordinator.name : t('minPlan.coordinator.none')}</p>
          </section>
          <section aria-labelledby="min-plan-meetings">
            <h2 id="min-plan-meetings">{t('minPlan.meetings')}</h2>
            {plan.data.next_meetings.length === 0 ? (
              <p>{t('minPlan.meetings.none')}</p>
            ) : (
              <ul class="min-plan-list">
                {plan.data.next_meetings.map((m) => {
                  const kind = t(`minPlan.meeting.${m.kind}`);
                  return (
                    <li key={m.id}>
                      <strong>{formatDate(m.date)}:</strong> {m.place ? t('minPlan.meeting.at', { kind, place: placeLabel(m.place) }) : kind}
                      {m.topic ? ` – ${m.topic}` : ''}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
