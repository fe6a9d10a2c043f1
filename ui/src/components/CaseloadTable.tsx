// The caseload as a DKFDS table (GET /caseload, GET /case-review): the server's
// order is "most urgent first"; a click on a column header sorts by it
// (aria-sort tells screen readers), and "Sortér efter hastende" goes back.
// Below DKFDS's md breakpoint the rows stack, each cell under its column's
// name (DKFDS's responsive table: table-md-responsive-headers, data-title), so
// a phone shows every column without scrolling sideways. A missing value is
// "–" ("ingen værdi" to screen readers); "Ingen" means none (no flags, no
// recommendation). Each measure flag names its questionnaire. With `carriers`
// (the whole team's caseload) a column says who carries each case in
// treatment: its care manager and therapist (assignments), or that nobody does.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Assignments, CaseloadRow, Measure } from '../api';
import { t, locale } from '../i18n';
import { formatDate } from '../i18n/format';
import { roleLabel } from '../labels';
import { Link, paths } from '../router';
import { FlagTags, NoValue } from './fields';
import { Cell } from './ui';

type Column = 'citizen' | 'weeks' | 'phq9' | 'gad7' | 'lastContact' | 'nextContact';
type Direction = 'ascending' | 'descending';

const COLUMN_LABELS = {
  citizen: 'caseload.col.citizen',
  weeks: 'caseload.col.weeks',
  phq9: 'caseload.col.phq9',
  gad7: 'caseload.col.gad7',
  lastContact: 'caseload.col.lastContact',
  nextContact: 'caseload.col.nextContact',
} as const;

function sortValue(row: CaseloadRow, column: Column): string | number | null {
  switch (column) {
    case 'citizen':
      return row.citizen_name;
    case 'weeks':
      return row.weeks_in_treatment;
    case 'phq9':
      return row.phq9?.latest ?? null;
    case 'gad7':
      return row.gad7?.latest ?? null;
    case 'lastContact':
      return row.last_contact;
    case 'nextContact':
      return row.next_contact_due;
  }
}

function sorted(rows: CaseloadRow[], column: Column | null, direction: Direction): CaseloadRow[] {
  if (column === null) return rows;
  const collator = new Intl.Collator(locale());
  const sign = direction === 'ascending' ? 1 : -1;
  // Missing values last in either direction; ties keep the server's order.
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, column) }))
    .sort((a, b) => {
      if (a.value === null && b.value === null) return a.index - b.index;
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      const c =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : collator.compare(String(a.value), String(b.value));
      return c !== 0 ? sign * c : a.index - b.index;
    })
    .map((x) => x.row);
}

function signed(n: number): string {
  const text = new Intl.NumberFormat(locale()).format(Math.abs(n));
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text;
}

function MeasureCell({ measure }: { measure: Measure | null }) {
  if (!measure || measure.latest === null) return <NoValue />;
  if (measure.baseline === null || measure.change === null) {
    return <>{t('caseload.measure.one', { latest: measure.latest })}</>;
  }
  const params = { baseline: measure.baseline, latest: measure.latest, change: signed(measure.change) };
  return (
    <>
      <span aria-hidden="true">{t('caseload.measure', params)}</span>
      <span class="sr-only">{t('caseload.measure.sr', params)}</span>
    </>
  );
}

const SORT_ICONS: Record<Direction | 'none', string> = {
  none: 'M480-120 300-300l58-58 122 122 122-122 58 58-180 180ZM358-598l-58-58 180-180 180 180-58 58-122-122-122 122Z',
  ascending: 'M440-160v-487L216-423l-56-57 320-320 320 320-56 57-224-224v487h-80Z',
  descending: 'M440-800v487L216-537l-56 57 320 320 320-320-56-57-224 224v-487h-80Z',
};

/** The roles that carry a case in treatment, shown for the whole team's caseload. */
const CARRIER_ROLES = ['care_manager', 'therapist'] as const;

function Carriers({ assignments }: { assignments: Assignments }) {
  const named = CARRIER_ROLES.flatMap((role) => {
    const who = assignments[role];
    return who ? [{ role, name: who.name }] : [];
  });
  if (named.length === 0) return <span class="no-carrier">{t('caseload.carrier.none')}</span>;
  return (
    <ul class="nobullet-list carrier-list">
      {named.map((c) => (
        <li key={c.role}>{t('caseload.carrier', { role: roleLabel(c.role), name: c.name })}</li>
      ))}
    </ul>
  );
}

/** What to offer per row under its latest recommendation, e.g. a button that records one (the case-review page). */
export type CaseloadAction = (row: CaseloadRow) => ComponentChildren;

export function CaseloadTable({
  rows,
  caption,
  id,
  action,
  carriers = false,
}: {
  rows: CaseloadRow[];
  caption: string;
  id: string;
  action?: CaseloadAction;
  /** Show who carries each case (the whole team's caseload). */
  carriers?: boolean;
}) {
  const [column, setColumn] = useState<Column | null>(null);
  const [direction, setDirection] = useState<Direction>('ascending');

  const onSort = (c: Column) => {
    if (c === column) setDirection(direction === 'ascending' ? 'descending' : 'ascending');
    else {
      setColumn(c);
      setDirection('ascending');
    }
  };

  const header = (c: Column) => {
    const active = column === c;
    return (
      <th scope="col" aria-sort={active ? direction : undefined}>
        <button type="button" class="sort-button" onClick={() => onSort(c)}>
          {t(COLUMN_LABELS[c])}
          <svg viewBox="0 -960 960 960" aria-hidden="true" focusable="false">
            <path d={SORT_ICONS[active ? direction : 'none']} />
          </svg>
        </button>
      </th>
    );
  };

  const shown = sorted(rows, column, direction);
  const col = {
    weeks: t(COLUMN_LABELS.weeks),
    phq9: t(COLUMN_LABELS.phq9),
    gad7: t(COLUMN_LABELS.gad7),
    lastContact: t(COLUMN_LABELS.lastContact),
    nextContact: t(COLUMN_LABELS.nextContact),
    flags: t('caseload.col.flags'),
    review: t('caseload.col.review'),
    carriers: t('caseload.col.carriers'),
  };
  return (
    <>
      <p class="sort-state" aria-live="polite">
        {t('caseload.sortedBy', { column: column === null ? t('caseload.sort.urgency') : t(COLUMN_LABELS[column]) })}{' '}
        {column !== null ? (
          <button type="button" class="button button-tertiary" onClick={() => setColumn(null)}>
            {t('caseload.sort.reset')}
          </button>
        ) : null}
      </p>
      <table class={`table table--compact table-md-responsive-headers caseload-table${carriers ? ' caseload-carriers' : ''}`} id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {header('citizen')}
            {carriers ? <th scope="col">{col.carriers}</th> : null}
            {header('weeks')}
            {header('phq9')}
            {header('gad7')}
            {header('lastContact')}
            {header('nextContact')}
            <th scope="col">{col.flags}</th>
            <th scope="col">{col.review}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.enrolment_id} data-enrolment={row.enrolment_id}>
              <th scope="row" class="caseload-citizen">
                <Link href={paths.citizen(row.citizen_id)}>{row.citizen_name}</Link>
              </th>
              {carriers ? (
                <Cell title={col.carriers}>
                  <Carriers assignments={row.assignments} />
                </Cell>
              ) : null}
              <Cell title={col.weeks}>{row.weeks_in_treatment ?? <NoValue />}</Cell>
              <Cell title={col.phq9}>
                <MeasureCell measure={row.phq9} />
              </Cell>
              <Cell title={col.gad7}>
                <MeasureCell measure={row.gad7} />
              </Cell>
              <Cell title={col.lastContact}>{row.last_contact ? formatDate(row.last_contact) : <NoValue />}</Cell>
              <Cell title={col.nextContact}>
                {row.next_contact_due ? formatDate(row.next_contact_due) : <NoValue />}
              </Cell>
              <Cell title={col.flags}>
                <FlagTags flags={row.flags} instruments={row.flag_instruments} />
              </Cell>
              <Cell title={col.review}>
                <span>
                  {row.review
                    ? t('caseload.review.value', {
                        date: formatDate(row.review.date),
                        recommendation: row.review.recommendation,
                      })
                    : t('common.none')}
                </span>
                {action ? <div class="caseload-action">{action(row)}</div> : null}
              </Cell>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
