// The follow-up list (health staff): each young person whose project's
// follow-up questionnaires (e.g. 3, 6, 12 and 18 months after the start of
// treatment) are due, overdue or — with "Alle" — still ahead, also after the
// course has ended, since most follow-ups fall after treatment. The server
// decides the windows and states (src/core/followup.c); this page shows them
// and follows the list's cursor page by page.
import { useState } from 'preact/hooks';
import { fetchFollowups, type FollowupItem, type FollowupPoint } from '../api';
import { t, tp } from '../i18n';
import { formatDate } from '../i18n/format';
import { statusLabel } from '../labels';
import { useNames } from '../reference';
import { Link, navigate, paths } from '../router';
import { useAsync } from '../useAsync';
import { LoadError, Loading, PageHeading } from './ui';

type Scope = 'open' | 'all';

// The caseload's flag colours: warning for what is due now, alert for what is late or lost.
const STATE_TAG: Readonly<Record<FollowupPoint['state'], string>> = {
  upcoming: 'tag tag-flag',
  due: 'tag tag-flag tag-flag-warning',
  overdue: 'tag tag-flag tag-flag-alert',
  missed: 'tag tag-flag tag-flag-alert',
  done: 'tag tag-flag tag-flag-good',
};

function PointTag({ point }: { point: FollowupPoint }) {
  return <span class={STATE_TAG[point.state]}>{t(`followups.state.${point.state}`)}</span>;
}

export function FollowupsPage({ scope }: { scope: Scope }) {
  const [extra, setExtra] = useState<{ items: FollowupItem[]; next: string | null } | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const names = useNames();
  const [state, reload] = useAsync(async (signal) => {
    setExtra(null);
    const page = await fetchFollowups(scope, null, signal);
    return { items: page.items, next: page.next_cursor };
  }, [scope]);

  const choose = (value: Scope) => navigate(paths.followups(value), { focus: false });
  const list = state.kind === 'ready' ? (extra ?? state.data) : null;

  const more = async () => {
    if (list === null || list.next === null) return;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await fetchFollowups(scope, list.next);
      setExtra({ items: [...list.items, ...page.items], next: page.next_cursor });
    } catch (err) {
      setMoreError(err);
    } finally {
      setMoreBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={t('followups.title')}>{t('followups.title')}</PageHeading>
      <p>{t('followups.intro')}</p>
      <fieldset class="followups-scope">
        <legend class="form-label">{t('followups.scope.legend')}</legend>
        {(['open', 'all'] as const).map((value) => (
          <div class="form-group-radio" key={value}>
            <input
              type="radio"
              class="form-radio"
              id={`followups-scope-${value}`}
              name="followups-scope"
              value={value}
              checked={scope === value}
              onChange={() => choose(value)}
            />
            <label for={`followups-scope-${value}`}>{t(`followups.scope.${value}`)}</label>
          </div>
        ))}
      </fieldset>
      {state.kind === 'loading' ? <Loading text={t('followups.loading')} /> : null}
      {state.kind === 'error' ? <LoadError heading="followups.error.heading" error={state.error} onRetry={reload} /> : null}
      {list !== null ? (
        <>
          <p role="status">
            {list.items.length === 0
              ? scope === 'open'
                ? t('followups.empty.open')
                : t('followups.empty.all')
              : tp('followups.count', list.items.length)}
          </p>
          {list.items.length > 0 ? (
            <div class="table--responsive-scroll">
              <table class="table table--compact table-md-responsive-headers followups-table">
                <caption class="sr-only">{t(`followups.caption.${scope}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('followups.col.citizen')}</th>
                    <th scope="col">{t('followups.col.project')}</th>
                    <th scope="col">{t('followups.col.status')}</th>
                    <th scope="col">{t('followups.col.start')}</th>
                    <th scope="col">{t('followups.col.next')}</th>
                    <th scope="col">{t('followups.col.window')}</th>
                    <th scope="col">{t('followups.col.schedule')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((item) => (
                    <tr key={item.enrolment_id}>
                      <th scope="row" data-title={t('followups.col.citizen')}>
                        <Link href={paths.citizen(item.citizen.id)}>{item.citizen.name}</Link>
                      </th>
                      <td data-title={t('followups.col.project')}>
                        {names.project(item.project_id)?.name ?? t('enrolment.heading.unknown', { id: item.project_id })}
                      </td>
                      <td data-title={t('followups.col.status')}>{statusLabel(item.status)}</td>
                      <td data-title={t('followups.col.start')}>{formatDate(item.treatment_start)}</td>
                      <td data-title={t('followups.col.next')}>
                        {item.next ? (
                          <>
                            {t('followups.point', { month: item.next.month, due: formatDate(item.next.due) })}{' '}
                            <PointTag point={item.next} />
                          </>
                        ) : (
                          t('followups.next.none')
                        )}
                      </td>
                      <td data-title={t('followups.col.window')}>
                        {item.next
                          ? t('followups.window', { opens: formatDate(item.next.opens), closes: formatDate(item.next.closes) })
                          : '–'}
                      </td>
                      <td data-title={t('followups.col.schedule')}>
                        <ul class="nobullet-list followups-points">
                          {item.points.map((p) => (
                            <li key={p.month}>
                              {t('followups.month', { month: p.month })}: <PointTag point={p} />
                              {p.done_on ? <> {t('followups.doneOn', { date: formatDate(p.done_on) })}</> : null}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {moreError ? <LoadError heading="followups.error.heading" error={moreError} /> : null}
          {list.next !== null ? (
            <button type="button" class="button button-secondary" disabled={moreBusy} onClick={() => void more()}>
              {moreBusy ? t('followups.loading') : t('followups.more')}
            </button>
          ) : null}
        </>
      ) : null}
    </>
  );
}
