// Case-review recommendations on the enrolment, and for supervising
// clinicians the form to record one.
import { ApiError, fetchCaseReviews, type User } from '../api';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { isSupervisingClinician } from '../session';
import { useAsync } from '../useAsync';
import { CaseReviewForm } from './CaseReviewPage';
import { FlagTags } from './fields';
import { LoadError, Loading } from './ui';

export function ReviewsBlock({ enrolmentId, user }: { enrolmentId: number; user: User }) {
  const [state, reload] = useAsync((s) => fetchCaseReviews(enrolmentId, s), [enrolmentId]);
  const headingId = `reviews-${enrolmentId}-heading`;
  return (
    <section class="treatment-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('reviews.heading')}</h4>
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
          <div class="table--responsive-scroll">
            <table class="table table--compact">
              <caption>{t('reviews.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.date')}</th>
                  <th scope="col">{t('reviews.col.recommendation')}</th>
                  <th scope="col">{t('reviews.col.flags')}</th>
                  <th scope="col">{t('reviews.col.reviewer')}</th>
                  <th scope="col">{t('reviews.col.task')}</th>
                </tr>
              </thead>
              <tbody>
                {[...state.data.items].reverse().map((r) => (
                  <tr key={r.id}>
                    <td>{formatDate(r.date)}</td>
                    <td>{r.recommendation}</td>
                    <td>
                      <FlagTags flags={r.flags} />
                    </td>
                    <td>{r.reviewer.name}</td>
                    <td>
                      {r.task
                        ? t('reviews.task.value', { owner: r.task.owner.name, text: r.task.text })
                        : t('common.none')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {isSupervisingClinician(user) ? <CaseReviewForm enrolmentId={enrolmentId} onRecorded={reload} /> : null}
    </section>
  );
}
