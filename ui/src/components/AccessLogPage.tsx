// "Who has seen the record": the citizen's access log (GET
// /api/v1/citizens/{id}/access-log), newest first, with "show more". A page of
// its own, because reading the log is itself an audited access. The events of
// one page view are shown as one row with their number (accessLogRows.ts); the
// API keeps and answers every event.
import { useState } from 'preact/hooks';
import { ApiError, fetchAccessLog, fetchCitizen, type AccessLogEvent } from '../api';
import { accessLogRows } from '../accessLogRows';
import { t, tp } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { actionLabel, outcomeLabel, purposeLabel, roleLabel } from '../labels';
import { citizenName, rememberCitizenName } from '../reference';
import { paths } from '../router';
import { useAsync } from '../useAsync';
import { NoValue } from './fields';
import { BackLink, Cell, LoadError, Loading, PageHeading } from './ui';

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

  if (state.kind === 'loading') {
    return <Loading text={t('accessLog.loading')} />;
  }
  if (state.kind === 'error') {
    const status = state.error instanceof ApiError ? state.error.status : 0;
    const title = t('accessLog.title');
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

  const heading = t('accessLog.heading', { name: log.name });
  const rows = accessLogRows(log.items);
  const col = {
    time: t('accessLog.col.time'),
    user: t('accessLog.col.user'),
    role: t('accessLog.col.role'),
    action: t('accessLog.col.action'),
    purpose: t('accessLog.col.purpose'),
    outcome: t('accessLog.col.outcome'),
  };
  return (
    <>
      <BackLink href={paths.citizen(id)}>{t('accessLog.back', { name: log.name })}</BackLink>
      <PageHeading title={heading}>{heading}</PageHeading>
      <p class="font-lead">{t('accessLog.intro', { name: log.name })}</p>
      {rows.length === 0 ? (
        <p>{t('accessLog.empty')}</p>
      ) : (
        <table class="table table--zebra table--compact table-md-responsive-headers access-log">
          <caption>{t('accessLog.caption', { name: log.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{col.time}</th>
              <th scope="col">{col.user}</th>
              <th scope="col">{col.role}</th>
              <th scope="col">{col.action}</th>
              <th scope="col">{col.purpose}</th>
              <th scope="col">{col.outcome}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.seq} data-events={r.count}>
                <Cell title={col.time}>
                  <time dateTime={r.time}>{formatDateTime(r.time)}</time>
                </Cell>
                <Cell title={col.user}>
                  {r.username === undefined ? (
                    t(`accessLog.sector.${r.sector}`)
                  ) : r.name !== undefined ? (
                    <>
                      {r.name} <span class="access-log-username">({r.username})</span>
                    </>
                  ) : (
                    r.username
                  )}
                </Cell>
                <Cell title={col.role}>
                  {r.role ? roleLabel(r.role) : r.username === undefined ? <NoValue /> : t('accessLog.unknown')}
                </Cell>
                <Cell title={col.action}>
                  {actionLabel(r.action)}
                  {r.count > 1 ? <span class="access-log-count"> ({tp('accessLog.events', r.count)})</span> : null}
                </Cell>
                <Cell title={col.purpose}>{purposeLabel(r.purpose)}</Cell>
                <Cell title={col.outcome}>{r.outcome === undefined ? <NoValue /> : outcomeLabel(r.outcome)}</Cell>
              </tr>
            ))}
          </tbody>
        </table>
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
