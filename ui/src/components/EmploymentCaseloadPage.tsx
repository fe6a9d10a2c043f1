// The employment caseload of a caseworker, job or resource consultant (GET
// /api/v1/caseload?track=employment): the young people they work with, sorted
// on the server by the order chosen (urgency, name, days since contact, days
// since employer contact, next task due), each with its flags as DKFDS tags;
// the notice when the consultant has more active young people than the
// project's limit (IPS-25 "caseload size"); and IPS Grow's measures of their
// own caseload. Scope and order are in the address (/job-caseload?scope=team
// &sort=name), so a reload, a bookmark and the back button keep them.
import { EMPLOYMENT_SORTS, fetchEmploymentCaseload, type CaseloadScope, type EmploymentCaseload, type EmploymentSort, type User } from '../api';
import { t, tp, type PlainMessageKey } from '../i18n';
import { formatDate } from '../i18n/format';
import { episodeLabel } from '../labels';
import { Link, navigate, paths } from '../router';
import { useAsync } from '../useAsync';
import { NoValue } from './fields';
import { IpsMeasuresPanel } from './IpsMeasuresPanel';
import { Alert, Cell, LoadError, Loading, PageHeading } from './ui';

const SORT_LABELS: Readonly<Record<EmploymentSort, PlainMessageKey>> = {
  urgency: 'employmentCaseload.sort.urgency',
  name: 'employmentCaseload.sort.name',
  days_since_contact: 'employmentCaseload.sort.days_since_contact',
  days_since_employer_contact: 'employmentCaseload.sort.days_since_employer_contact',
  next_task_due: 'employmentCaseload.sort.next_task_due',
};

const FLAG_LABELS: Readonly<Record<string, PlainMessageKey>> = {
  no_employer_contact: 'employmentCaseload.flag.no_employer_contact',
  no_contact: 'employmentCaseload.flag.no_contact',
  task_overdue: 'employmentCaseload.flag.task_overdue',
  no_follow_along: 'employmentCaseload.flag.no_follow_along',
  episode_ended_no_next_step: 'employmentCaseload.flag.episode_ended_no_next_step',
};

function sortOf(text: string): EmploymentSort {
  return (EMPLOYMENT_SORTS as readonly string[]).includes(text) ? (text as EmploymentSort) : 'urgency';
}

export function EmploymentCaseloadPage({ scope, sort: sortText, user }: { scope: CaseloadScope; sort: string; user: User }) {
  const sort = sortOf(sortText);
  const [state, reload] = useAsync((signal) => fetchEmploymentCaseload(scope, sort, signal), [scope, sort]);
  const projects = [...new Set(user.teams.map((team) => team.project_id))];
  return (
    <>
      <PageHeading title={t('employmentCaseload.title')}>{t('employmentCaseload.title')}</PageHeading>
      <p>{scope === 'team' ? t('employmentCaseload.intro.team') : t('employmentCaseload.intro.mine')}</p>
      <Choices scope={scope} sort={sort} />
      {state.kind === 'loading' ? <Loading text={t('employmentCaseload.loading')} /> : null}
      {state.kind === 'error' ? (
        <LoadError heading="employmentCaseload.error.heading" error={state.error} onRetry={reload} />
      ) : null}
      <p class="caseload-count" role="status">
        {state.kind === 'ready' ? tp('employmentCaseload.count', state.data.items.length) : ''}
      </p>
      {state.kind === 'ready' ? <OverLimit data={state.data} /> : null}
      {state.kind === 'ready' ? (
        state.data.items.length === 0 ? (
          <p>{t('employmentCaseload.empty')}</p>
        ) : (
          <EmploymentTable data={state.data} sort={sort} />
        )
      ) : null}
      {projects.map((project) => (
        <IpsMeasuresPanel key={project} project={project} consultant={scope === 'mine' ? user.id : null} level={2} />
      ))}
    </>
  );
}

/** The "more than the limit" notice (IPS-25 "caseload size"), one per project over it. */
function OverLimit({ data }: { data: EmploymentCaseload }) {
  const over = data.caseload_sizes.filter((size) => size.over_limit);
  if (over.length === 0) return null;
  return (
    <Alert kind="warning" heading={t('employmentCaseload.overLimit.heading')}>
      {over.map((size) => (
        <p key={size.project_id}>{t('employmentCaseload.overLimit.text', { active: size.active, limit: size.limit })}</p>
      ))}
    </Alert>
  );
}

/** Scope as radio buttons, the order as a select: each choice changes the address. */
function Choices({ scope, sort }: { scope: CaseloadScope; sort: EmploymentSort }) {
  return (
    <div class="employment-caseload-choices">
      <div class="form-group caseload-scope">
        <fieldset>
          <legend class="form-label">{t('employmentCaseload.scope.legend')}</legend>
          <div class="caseload-scope-options">
            {(['mine', 'team'] as const).map((s) => (
              <div class="form-group-radio" key={s}>
                <input
                  type="radio"
                  class="form-radio"
                  id={`employment-scope-${s}`}
                  name="employment-scope"
                  value={s}
                  checked={scope === s}
                  onChange={() => navigate(paths.employmentCaseload(s, sort), { focus: false })}
                />
                <label for={`employment-scope-${s}`}>
                  {s === 'mine' ? t('employmentCaseload.scope.mine') : t('employmentCaseload.scope.team')}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div class="form-group">
        <label class="form-label" for="employment-sort">
          {t('employmentCaseload.sort.label')}
        </label>
        <select
          class="form-select"
          id="employment-sort"
          value={sort}
          onChange={(e) => navigate(paths.employmentCaseload(scope, (e.currentTarget as HTMLSelectElement).value), { focus: false })}
        >
          {EMPLOYMENT_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(SORT_LABELS[s])}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function DateOrNone({ date }: { date: string | null }) {
  return date ? <>{formatDate(date)}</> : <NoValue />;
}

function DaysOrNone({ days }: { days: number | null }) {
  return days === null ? <NoValue /> : <>{tp('employmentCaseload.days', days)}</>;
}

function EmploymentTable({ data, sort }: { data: EmploymentCaseload; sort: EmploymentSort }) {
  const col = {
    citizen: t('employmentCaseload.col.citizen'),
    episode: t('employmentCaseload.col.episode'),
    contact: t('employmentCaseload.col.contact'),
    employer: t('employmentCaseload.col.employer'),
    task: t('employmentCaseload.col.task'),
    flags: t('employmentCaseload.col.flags'),
  };
  return (
    <table class="table table--compact table-md-responsive-headers employment-caseload-table" id="employment-caseload">
      <caption>{t('employmentCaseload.caption', { order: t(SORT_LABELS[sort]) })}</caption>
      <thead>
        <tr>
          <th scope="col">{col.citizen}</th>
          <th scope="col">{col.episode}</th>
          <th scope="col">{col.contact}</th>
          <th scope="col">{col.employer}</th>
          <th scope="col">{col.task}</th>
          <th scope="col">{col.flags}</th>
        </tr>
      </thead>
      <tbody>
        {data.items.map((row) => (
          <tr key={row.enrolment_id} data-enrolment={row.enrolment_id}>
            <th scope="row">
              <Link href={paths.citizen(row.citizen_id)}>{row.citizen_name}</Link>
            </th>
            <Cell title={col.episode}>
              {row.current_episode ? (
                t('employmentCaseload.episode', {
                  kind: episodeLabel(row.current_episode.kind),
                  since: formatDate(row.current_episode.since),
                })
              ) : (
                <NoValue />
              )}
            </Cell>
            <Cell title={col.contact}>
              <DaysOrNone days={row.days_since_contact} />
            </Cell>
            <Cell title={col.employer}>
              <DaysOrNone days={row.days_since_employer_contact} />
            </Cell>
            <Cell title={col.task}>
              <DateOrNone date={row.next_task_due} />
            </Cell>
            <Cell title={col.flags}>
              {row.flags.length === 0 ? (
                t('employmentCaseload.flags.none')
              ) : (
                <ul class="flag-tags">
                  {row.flags.map((flag) => (
                    <li key={flag}>
                      <span class="tag tag-static">{t(FLAG_LABELS[flag] ?? 'employmentCaseload.flag.unknown')}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
