// IPS Grow's measures (GET /api/v1/ips-measures) for a project, or one
// consultant's young people in it, as a table (every figure with its
// definition's short name; docs/employment-track.md), with each employment
// consultant's caseload size against the project's limit. Counts under 5 are
// shown as they are.
import { fetchIpsMeasures, type IpsMeasures } from '../api';
import { t, type PlainMessageKey } from '../i18n';
import { formatDate } from '../i18n/format';
import { useAsync } from '../useAsync';
import { NoValue } from './fields';
import { Cell, LoadError, Loading } from './ui';

type Figure = { key: PlainMessageKey; value: (m: IpsMeasures['measures']) => string | null };

function percent(share: number | null): string | null {
  return share === null ? null : `${Math.round(share * 100)} %`;
}

function days(median: number | null): string | null {
  return median === null ? null : String(median);
}

const FIGURES: readonly Figure[] = [
  { key: 'ips.people', value: (m) => String(m.people) },
  { key: 'ips.job_starts', value: (m) => String(m.job_starts) },
  { key: 'ips.first_job_starts', value: (m) => String(m.first_job_starts) },
  { key: 'ips.employment_rate', value: (m) => (m.employment_rate === null ? null : `${percent(m.employment_rate)} (${m.out_of_work_started}/${m.out_of_work})`) },
  { key: 'ips.in_work_share', value: (m) => (m.in_work_share === null ? null : `${percent(m.in_work_share)} (${m.active_in_work}/${m.active})`) },
  { key: 'ips.median_days_to_employer_contact', value: (m) => days(m.median_days_to_employer_contact) },
  { key: 'ips.median_days_to_job_start', value: (m) => days(m.median_days_to_job_start) },
];

export function IpsMeasuresPanel({ project, consultant, level }: { project: number; consultant: number | null; level: 2 | 3 | 4 }) {
  const [state, reload] = useAsync((signal) => fetchIpsMeasures(project, consultant, signal), [project, consultant]);
  const Heading = level === 2 ? 'h2' : level === 3 ? 'h3' : 'h4';
  const id = `ips-${project}-${consultant ?? 'all'}`;
  return (
    <section class="ips-measures" aria-labelledby={id}>
      <Heading id={id}>{consultant === null ? t('ips.heading.project') : t('ips.heading.mine')}</Heading>
      {state.kind === 'loading' ? <Loading text={t('ips.loading')} /> : null}
      {state.kind === 'error' ? <LoadError heading="ips.error.heading" error={state.error} onRetry={reload} /> : null}
      {state.kind === 'ready' ? <Figures data={state.data} /> : null}
    </section>
  );
}

function Figures({ data }: { data: IpsMeasures }) {
  const measure = t('ips.col.measure');
  const value = t('ips.col.value');
  return (
    <>
      <table class="table table--compact table-md-responsive-headers">
        <caption>{t('ips.caption', { from: formatDate(data.from), to: formatDate(data.to) })}</caption>
        <thead>
          <tr>
            <th scope="col">{measure}</th>
            <th scope="col">{value}</th>
          </tr>
        </thead>
        <tbody>
          {FIGURES.map((f) => {
            const v = f.value(data.measures);
            return (
              <tr key={f.key}>
                <th scope="row">{t(f.key)}</th>
                <Cell title={value}>{v === null ? <NoValue /> : v}</Cell>
              </tr>
            );
          })}
        </tbody>
      </table>
      {data.caseloads.length > 0 ? <Caseloads data={data} /> : null}
    </>
  );
}

function Caseloads({ data }: { data: IpsMeasures }) {
  const active = t('ips.caseloads.active');
  return (
    <table class="table table--compact table-md-responsive-headers">
      <caption>{t('ips.caseloads.caption', { limit: data.caseloads[0]?.limit ?? 0 })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ips.caseloads.consultant')}</th>
          <th scope="col">{active}</th>
        </tr>
      </thead>
      <tbody>
        {data.caseloads.map((c) => (
          <tr key={c.user_id}>
            <th scope="row">{c.name}</th>
            <Cell title={active}>
              {c.active}
              {c.over_limit ? (
                <>
                  {' '}
                  <span class="tag tag-static">{t('ips.caseloads.over')}</span>
                </>
              ) : null}
            </Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
