// The employment track's weekly status on the citizen page: the last 12 ISO
// weeks (since the referral, when that is more recent) as a table (week, status, hours a week), from
// GET /enrolments/{id}/labour-weeks, for those the employment summary is
// shown to (the team's municipal staff; health staff while the young person
// has consented). docs/employment-track.md says how a week's status is chosen.
import { fetchLabourWeeks, isoWeekOf, type LabourWeek } from '../api';
import { t } from '../i18n';
import { labourStatusLabel } from '../labels';
import { useAsync } from '../useAsync';
import { Cell, LoadError, Loading } from './ui';

const WEEKS_SHOWN = 12;

/** The last WEEKS_SHOWN weeks, or fewer when the referral was more recent: the weeks before it
 * would only say "no episode" about a time the team did not know the young person. */
export function LabourWeeksBlock({ enrolmentId, referralDate }: { enrolmentId: number; referralDate: string }) {
  const recent = isoWeekOf(new Date(Date.now() - (WEEKS_SHOWN - 1) * 7 * 86_400_000));
  const referred = isoWeekOf(new Date(`${referralDate}T12:00:00Z`));
  const from = referred > recent ? referred : recent;
  const [weeks, reload] = useAsync((signal) => fetchLabourWeeks(enrolmentId, from, signal), [enrolmentId, from]);
  const headingId = `labour-weeks-${enrolmentId}-heading`;
  return (
    <section class="labour-weeks" aria-labelledby={headingId}>
      <h5 id={headingId}>{t('labourWeeks.heading')}</h5>
      {weeks.kind === 'loading' ? <Loading text={t('labourWeeks.loading')} /> : null}
      {weeks.kind === 'error' ? (
        <LoadError heading="labourWeeks.error.heading" error={weeks.error} onRetry={reload} />
      ) : null}
      {weeks.kind === 'ready' ? <WeeksTable weeks={weeks.data.weeks} /> : null}
    </section>
  );
}

/** "2026-W05" → "Uge 5, 2026". */
function weekLabel(week: string): string {
  const [year, w] = week.split('-W');
  return t('labourWeeks.week', { week: String(Number(w)), year: year ?? '' });
}

function hoursOf(w: LabourWeek): string {
  const total = Object.values(w.hours).reduce((sum, h) => sum + (h ?? 0), 0);
  return total > 0 ? String(total) : '–';
}

function WeeksTable({ weeks }: { weeks: LabourWeek[] }) {
  const col = {
    week: t('labourWeeks.col.week'),
    status: t('labourWeeks.col.status'),
    hours: t('labourWeeks.col.hours'),
  };
  // Newest first: the week a consultant asks about is this one.
  const rows = [...weeks].reverse();
  return (
    <table class="table table--compact table--responsive-headers labour-weeks-table" data-testid="labour-weeks">
      <caption>{t('labourWeeks.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{col.week}</th>
          <th scope="col">{col.status}</th>
          <th scope="col">{col.hours}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((w) => (
          <tr key={w.week} data-status={w.status}>
            <Cell title={col.week}>{weekLabel(w.week)}</Cell>
            <Cell title={col.status}>{labourStatusLabel(w.status)}</Cell>
            <Cell title={col.hours}>{hoursOf(w)}</Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
