// Case-review recommendations on the enrolment, and for supervising
// clinicians the form to record one.
import { ApiError, fetchCaseReviews, type User } from '../api';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { isSupervisingClinician } from '../session';
import { useAsync } from '../useAsync';
import { CaseReviewForm } from './CaseReviewPage';
import { FlagTags } from './fields';
import { OnDemandForm } from './OnDemand';
import { Cell, LoadError, Loading } from './ui';

export function ReviewsBlock({ enrolmentId, user }: { enrolmentId: number; user: User }) {
  const [state, reload] = useAsync((s) => fetchCaseReviews(enrolmentId, s), [enrolmentId]);
  const headingId = `reviews-${enrolmentId}-heading`;
  const col = {
    date: t('common.date'),
    recommendation: t('reviews.col.recommendation'),
    flags: t('reviews.col.flags'),
    reviewer: t('reviews.col.reviewer'),
    task: t('reviews.col.task'),
  };
  return (
    <section class="treatment-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('reviews.heading')}</h4>
      {isSupervisingClinician(user) ? (
        <OnDemandForm idPrefix={`case-review-${enrolmentId}`} label={t('caseReviewForm.heading')}>
          {(control) => <CaseReviewForm enrolmentId={enrolmentId} control={control} onRecorded={reload} />}
        </OnDemandForm>
      ) : null}
      {state.kind === 'loading' ? <Loading text={t('treatment.loading')} /> : null}
      {state.kind === 'error' ? (
        state.error instanceof ApiError && state.error.status === 404 ? (
          <p>{t('reviews.unavailable')}</p>
        ) : (
          <LoadError heading="treatment.error.heading" error={state.error} onRetry={reload} />
        )
      ) : null}
      {state.kind === 'ready' ? (
        state.data.items.length === 0 ? (
          <p>{t('reviews.empty')}</p>
        ) : (
          <table class="table table--compact table--responsive-headers">
            <caption>{t('reviews.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{col.date}</th>
                <th scope="col">{col.recommendation}</th>
                <th scope="col">{col.flags}</th>
                <th scope="col">{col.reviewer}</th>
                <th scope="col">{col.task}</th>
              </tr>
            </thead>
            <tbody>
              {[...state.data.items].reverse().map((r) => (
                <tr key={r.id}>
                  <Cell title={col.date}>{formatDate(r.date)}</Cell>
                  <Cell title={col.recommendation}>{r.recommendation}</Cell>
                  <Cell title={col.flags}>
                    <FlagTags flags={r.flags} />
                  </Cell>
                  <Cell title={col.reviewer}>{r.reviewer.name}</Cell>
                  <Cell title={col.task}>
                    {r.task ? t('reviews.task.value', { owner: r.task.owner.name, text: r.task.text }) : t('common.none')}
                  </Cell>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}
