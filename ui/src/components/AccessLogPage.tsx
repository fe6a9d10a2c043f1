// "Who has seen this record": the citizen's access log (GET
// /api/v1/citizens/{id}/access-log), newest first, with "show more". A page of
// its own, because reading the log is itself an audited access.
import { useState } from 'preact/hooks';
import { ApiError, fetchAccessLog, fetchCitizen, type AccessLogEvent } from '../api';
import { t } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { actionLabel, outcomeLabel, purposeLabel, roleLabel } from '../labels';
import { citizenName, rememberCitizenName } from '../reference';
import { paths } from '../router';
import { useAsync } from '../useAsync';
import { BackLink, LoadError, Loading, PageHeading } from './ui';

interface Log {
  name: string;
  items: AccessLogEvent[];
  next: string | null;
}

export function AccessLogPage({ id }: { id: number }) {
  const [state, reload] = useAsync(async (signal): Promise<Log> => {
    const page = await fetchAccessLog(id, null, signal);
    // The citizen's name, from the citizen page if it was opened in this tab.
    let name = citizenName(id);
    if (name === undefined) {
      name = (await fetchCitizen(id, signal)).name;
      rememberCitizenName(id, name);
    }
    return { name, items: page.items, next: page.next_cursor };
  }, [id]);
  const [extra, setExtra] = useState<Log | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  const title = t('accessLog.title');
  if (state.kind === 'loading') {
    return <Loading text={t('accessLog.loading')} />;
  }
  if (state.kind === 'error') {
    const status = state.error instanceof ApiError ? state.error.status : 0;
    return (
      <>
        <BackLink href={paths.citizen(id)}>{t('accessLog.back.generic')}</BackLink>
        <PageHeading title={title}>{title}</PageHeading>
        {status === 403 || status === 404 ? (
          <p>{t('accessLog.forbidden')}</p>
        ) : (
          <LoadError heading="accessLog.error.heading" error={state.error} onRetry={reload} />
        )}
      </>
    );
  }

  const log = extra ?? state.data;
  const more = async () => {
    if (log.next === null) return;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await fetchAccessLog(id, log.next);
      setExtra({ ...log, items: [...log.items, ...page.items], next: page.next_cursor });
    } catch (err) {
      setMoreError(err);
    } finally {
      setMoreBusy(false);
    }
  };

  return (
    <>
      <BackLink href={paths.citizen(id)}>{t('accessLog.back', { name: log.name })}</BackLink>
      <PageHeading title={`${title}: ${log.name}`}>{title}</PageHeading>
      <p class="font-lead">{t('accessLog.intro', { name: log.name })}</p>
      {log.items.length === 0 ? (
        <p>{t('accessLog.empty')}</p>
      ) : (
        <div class="table--responsive-scroll">
          <table class="table table--zebra access-log">
            <caption>{t('accessLog.caption', { name: log.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accessLog.col.time')}</th>
                <th scope="col">{t('accessLog.col.user')}</th>
                <th scope="col">{t('accessLog.col.role')}</th>
                <th scope="col">{t('accessLog.col.action')}</th>
                <th scope="col">{t('accessLog.col.purpose')}</th>
                <th scope="col">{t('accessLog.col.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((e) => (
                <tr key={e.seq}>
                  <td class="nowrap">
                    <time dateTime={e.time}>{formatDateTime(e.time)}</time>
                  </td>
                  <td>{e.username ?? t(`accessLog.sector.${e.sector}`)}</td>
                  <td>{e.role ? roleLabel(e.role) : t('accessLog.unknown')}</td>
                  <td>{actionLabel(e.action)}</td>
                  <td>{purposeLabel(e.purpose)}</td>
                  <td>{outcomeLabel(e.outcome)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {moreError ? <LoadError heading="accessLog.error.heading" error={moreError} /> : null}
      {log.next !== null ? (
        <button type="button" class="button button-secondary" disabled={moreBusy} onClick={() => void more()}>
          {moreBusy ? t('accessLog.loading') : t('accessLog.more')}
        </button>
      ) : null}
    </>
  );
}
