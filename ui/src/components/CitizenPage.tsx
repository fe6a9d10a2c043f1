// A citizen: identity, enrolments with who carries each, its tasks, how it
// ended and its status history, the health and employment summaries the API
// chose to answer, consents per enrolment, and a link to the access log. For
// health staff, an open safety flag is warned of on the overview as on the
// treatment tab. A summary the caller may not see is ABSENT from the answer;
// then a neutral text says it is not shared, and nothing else is shown.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ApiError,
  fetchAssessments,
  fetchCitizen,
  fetchSafetyFollowups,
  type Citizen,
  type Enrolment,
  type User,
} from '../api';
import { formatIdentifier } from '../identifier';
import { t, tp } from '../i18n';
import { formatDate } from '../i18n/format';
import { bandLabel, episodeLabel, identifierTypeLabel, statusLabel } from '../labels';
import { rememberCitizenName, useNames, type Names } from '../reference';
import { Link, paths } from '../router';
import { hasHealthRole, hasMunicipalRole } from '../session';
import { useAsync } from '../useAsync';
import { searchHref } from './CitizenSearch';
import { ConsentsBlock } from './ConsentsBlock';
import { EmploymentPanel } from './EmploymentPanel';
import { EnrolmentHistory } from './EnrolmentHistory';
import { ReferralBlock } from './ReferralForm';
import { SafetyAlert, safetyState } from './SafetyBlock';
import { PlanPanel } from './PlanPanel';
import { TeamBlock } from './TeamBlock';
import { TreatmentPanel } from './TreatmentPanel';
import { BackLink, DemoTag, LoadError, Loading, PageHeading } from './ui';

export function CitizenPage({ id, user }: { id: number; user: User }) {
  const [state, reload] = useAsync((signal) => fetchCitizen(id, signal), [id]);
  const names = useNames();

  const back = <BackLink href={searchHref()}>{t('citizen.back')}</BackLink>;

  if (state.kind === 'loading') {
    return (
      <>
        {back}
        <Loading text={t('citizen.loading')} />
      </>
    );
  }
  if (state.kind === 'error') {
    return (
      <>
        {back}
        <CitizenError error={state.error} onRetry={reload} />
      </>
    );
  }

  const citizen = state.data;
  rememberCitizenName(citizen.id, citizen.name);
  const enrolments = citizen.enrolments ?? [];
  return (
    <>
      {back}
      <PageHeading title={citizen.name}>{citizen.name}</PageHeading>
      {citizen.synthetic ? (
        <p class="demo-note">
          <DemoTag /> {t('citizen.demo.text')}
        </p>
      ) : null}
      <p>
        <Link href={paths.accessLog(citizen.id)} class="access-log-link">
          {t('accessLog.title')}
        </Link>
      </p>

      <section aria-labelledby="identity-heading">
        <h2 id="identity-heading">{t('citizen.identity.heading')}</h2>
        <Identity citizen={citizen} names={names} />
      </section>

      <section aria-labelledby="enrolments-heading">
        <h2 id="enrolments-heading">{t('enrolments.heading')}</h2>
        {enrolments.length === 0 ? <p>{t('enrolments.empty')}</p> : null}
        {enrolments.map((enrolment) => (
          <EnrolmentSection
            key={enrolment.id}
            enrolment={enrolment}
            user={user}
            names={names}
            onConsentRecorded={reload}
          />
        ))}
        <ReferralBlock
          citizenId={citizen.id}
          user={user}
          names={names}
          enrolledProjects={enrolments.map((e) => e.project_id)}
          onReferred={reload}
        />
      </section>
    </>
  );
}

function CitizenError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 404 || status === 403) {
    const title = status === 404 ? t('citizen.notFound.heading') : t('citizen.forbidden.heading');
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <p>{status === 404 ? t('citizen.notFound.text') : t('citizen.forbidden.text')}</p>
      </>
    );
  }
  return (
    <>
      <PageHeading title={t('citizen.error.heading')}>{t('citizen.error.heading')}</PageHeading>
      <LoadError heading="citizen.error.heading" error={error} onRetry={onRetry} />
    </>
  );
}

function Identity({ citizen, names }: { citizen: Citizen; names: Names }) {
  const municipality = citizen.municipality_code
    ? (names.organisation(citizen.municipality_code) ?? citizen.municipality_code)
    : null;
  return (
    <dl class="facts">
      <div>
        <dt>{identifierTypeLabel(citizen.identifier_type)}</dt>
        <dd class="nowrap">{formatIdentifier(citizen.identifier)}</dd>
      </div>
      <div>
        <dt>{t('citizen.birthDate')}</dt>
        <dd>{formatDate(citizen.birth_date)}</dd>
      </div>
      <div>
        <dt>{t('citizen.age')}</dt>
        <dd>{tp('citizen.age.value', citizen.age)}</dd>
      </div>
      <div>
        <dt>{t('citizen.legalSex')}</dt>
        <dd>{citizen.legal_sex === 'female' ? t('citizen.legalSex.female') : t('citizen.legalSex.male')}</dd>
      </div>
      {municipality ? (
        <div>
          <dt>{t('citizen.municipality')}</dt>
          <dd>{municipality}</dd>
        </div>
      ) : null}
      {citizen.phone ? (
        <div>
          <dt>{t('citizen.phone')}</dt>
          <dd>{citizen.phone}</dd>
        </div>
      ) : null}
      {citizen.email ? (
        <div>
          <dt>{t('citizen.email')}</dt>
          <dd>{citizen.email}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function teamText(enrolment: Enrolment, user: User, names: Names): string {
  if (enrolment.team_id === undefined) return t('enrolment.team.none');
  const mine = user.teams.find((team) => team.id === enrolment.team_id);
  if (!mine) return t('enrolment.team.other', { id: enrolment.team_id });
  const municipality = names.organisation(mine.municipality_code) ?? mine.municipality_code;
  return t('enrolment.team.yours', { municipality });
}

function EnrolmentSection({
  enrolment,
  user,
  names,
  onConsentRecorded,
}: {
  enrolment: Enrolment;
  user: User;
  names: Names;
  onConsentRecorded: () => void;
}) {
  const headingId = `enrolment-${enrolment.id}-heading`;
  const project = names.project(enrolment.project_id);
  // The treatment track is health detail: health roles only, and only when the API answers it
  // (403 for a health role outside the team: then there is no tab).
  const health = hasHealthRole(user);
  const [assessments, reloadAssessments] = useAsync(
    (signal) => (health ? fetchAssessments(enrolment.id, signal) : Promise.resolve(null)),
    [enrolment.id, health],
  );
  // Safety follow-ups for both tabs: the overview warns too, so a flag is seen where the page opens.
  const [followups, reloadFollowups] = useAsync(
    (signal) => (health ? fetchSafetyFollowups(enrolment.id, signal) : Promise.resolve({ items: [] })),
    [enrolment.id, health],
  );
  const [tab, setTab] = useState<TabKey>('overview');
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  useEffect(() => {
    if (focusTarget === null) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);
  const safety =
    assessments.kind === 'ready' && assessments.data !== null
      ? safetyState(assessments.data.items, followups)
      : null;
  const attention =
    safety?.open && safety.flagged ? (
      <SafetyAlert date={safety.flagged.date}>
        <button
          type="button"
          class="button button-primary mt-4"
          onClick={() => {
            setTab('treatment');
            setFocusTarget(`safety-${enrolment.id}-heading`);
          }}
        >
          {t('safety.goTo')}
        </button>
      </SafetyAlert>
    ) : null;
  const overview = (
    <Overview enrolment={enrolment} user={user} names={names} onConsentRecorded={onConsentRecorded}>
      {attention}
    </Overview>
  );
  const heading = (
    <h3 id={headingId}>
      {project ? project.name : t('enrolment.heading.unknown', { id: enrolment.project_id })}
    </h3>
  );
  const treatment =
    assessments.kind === 'ready' && assessments.data !== null ? (
      <TreatmentPanel
        enrolment={enrolment}
        user={user}
        assessments={assessments.data}
        reloadAssessments={reloadAssessments}
        followups={followups}
        reloadFollowups={reloadFollowups}
        onEnrolmentChanged={onConsentRecorded}
      />
    ) : null;
  // The three tracks side by side, each a tab: treatment (health staff of the team), employment
  // and education (whoever the API answers its detail or summary to), and the joint plan (the
  // whole team).
  const tabs: { key: TabKey; label: string; panel: ComponentChildren }[] = [
    { key: 'overview', label: t('enrolment.tab.overview'), panel: overview },
  ];
  if (treatment) tabs.push({ key: 'treatment', label: t('enrolment.tab.treatment'), panel: treatment });
  tabs.push({
    key: 'employment',
    label: t('enrolment.tab.employment'),
    panel: <EmploymentPanel enrolment={enrolment} user={user} />,
  });
  tabs.push({ key: 'plan', label: t('enrolment.tab.plan'), panel: <PlanPanel enrolment={enrolment} user={user} /> });
  return (
    <section class="enrolment" aria-labelledby={headingId}>
      {heading}
      <Tabs idPrefix={`enrolment-${enrolment.id}`} current={tab} onSelect={setTab} tabs={tabs} />
    </section>
  );
}

type TabKey = 'overview' | 'treatment' | 'employment' | 'plan';

/** DKFDS tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs). */
function Tabs({
  idPrefix,
  current,
  onSelect,
  tabs,
}: {
  idPrefix: string;
  current: TabKey;
  onSelect: (key: TabKey) => void;
  tabs: { key: TabKey; label: string; panel: ComponentChildren }[];
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.key === current);
    let next = index;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    else return;
    event.preventDefault();
    const key = tabs[next]!.key;
    onSelect(key);
    list.current?.querySelector<HTMLButtonElement>(`#${idPrefix}-tab-${key}`)?.focus();
  };
  return (
    <div class="tab-container">
      <div class="tab-list" role="tablist" aria-label={t('enrolment.tabs.label')} ref={list} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.key}
            type="button"
            role="tab"
            class="tab-button"
            id={`${idPrefix}-tab-${tab.key}`}
            aria-selected={tab.key === current ? 'true' : 'false'}
            aria-controls={`${idPrefix}-panel-${tab.key}`}
            tabIndex={tab.key === current ? 0 : -1}
            onClick={() => onSelect(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.key}
          class="tab-panel"
          role="tabpanel"
          id={`${idPrefix}-panel-${tab.key}`}
          aria-labelledby={`${idPrefix}-tab-${tab.key}`}
          tabIndex={0}
          hidden={tab.key !== current}
        >
          {tab.key === current ? tab.panel : null}
        </div>
      ))}
    </div>
  );
}

function Overview({
  enrolment,
  user,
  names,
  onConsentRecorded,
  children,
}: {
  enrolment: Enrolment;
  user: User;
  names: Names;
  onConsentRecorded: () => void;
  /** What needs attention first (the safety warning), above the facts. */
  children?: ComponentChildren;
}) {
  return (
    <>
      {children}
      <dl class="facts">
        <div>
          <dt>{t('enrolment.status')}</dt>
          <dd>{statusLabel(enrolment.status)}</dd>
        </div>
        <div>
          <dt>{t('enrolment.referralDate')}</dt>
          <dd>{formatDate(enrolment.referral_date)}</dd>
        </div>
        <div>
          <dt>{t('enrolment.referralSource')}</dt>
          <dd>{enrolment.referral_source}</dd>
        </div>
        <div>
          <dt>{t('enrolment.team')}</dt>
          <dd>{teamText(enrolment, user, names)}</dd>
        </div>
      </dl>

      <TeamBlock enrolment={enrolment} user={user} onChanged={onConsentRecorded} />

      <div class="summaries row">
        <section class="col-12 col-md-6 summary" aria-labelledby={`enrolment-${enrolment.id}-health`}>
          <h4 id={`enrolment-${enrolment.id}-health`}>{t('health.heading')}</h4>
          <HealthSummary enrolment={enrolment} user={user} />
        </section>
        <section class="col-12 col-md-6 summary" aria-labelledby={`enrolment-${enrolment.id}-employment`}>
          <h4 id={`enrolment-${enrolment.id}-employment`}>{t('employment.heading')}</h4>
          <EmploymentSummary enrolment={enrolment} user={user} />
        </section>
      </div>

      <EnrolmentHistory enrolment={enrolment} user={user} onChanged={onConsentRecorded} />

      <ConsentsBlock enrolmentId={enrolment.id} onRecorded={onConsentRecorded} />
    </>
  );
}

function HealthSummary({ enrolment, user }: { enrolment: Enrolment; user: User }) {
  const summary = enrolment.health_summary;
  if (!summary) {
    // Municipal staff see it only with the citizen's consent; say so, show nothing.
    const text =
      hasMunicipalRole(user) && !hasHealthRole(user)
        ? t('health.notShared.noConsent')
        : t('health.notShared');
    return <p class="not-shared">{text}</p>;
  }
  return (
    <dl class="facts" data-testid="health-summary">
      <div>
        <dt>{t('health.inTreatment')}</dt>
        <dd>{summary.in_treatment ? t('common.yes') : t('common.no')}</dd>
      </div>
      {(['phq9', 'gad7'] as const).map((key) => {
        const value = summary[key];
        return value ? (
          <div key={key}>
            <dt>{t(key === 'phq9' ? 'health.phq9' : 'health.gad7')}</dt>
            <dd>
              {t('health.bandTrend', {
                band: value.band ? bandLabel(value.band) : t('common.none'),
                trend: t(`health.trend.${value.trend}`),
                date: formatDate(value.date),
              })}
            </dd>
          </div>
        ) : null;
      })}
      <div>
        <dt>{t('health.lastSession')}</dt>
        <dd>{summary.last_session ? formatDate(summary.last_session) : t('common.none')}</dd>
      </div>
    </dl>
  );
}

function EmploymentSummary({ enrolment, user }: { enrolment: Enrolment; user: User }) {
  const summary = enrolment.employment_summary;
  if (!summary) {
    const text =
      hasHealthRole(user) && !hasMunicipalRole(user)
        ? t('employment.notShared.noConsent')
        : t('employment.notShared');
    return <p class="not-shared">{text}</p>;
  }
  const episode = summary.current_episode;
  return (
    <>
      <dl class="facts" data-testid="employment-summary">
        <div>
          <dt>{t('employment.inWorkOrEducation')}</dt>
          <dd>{summary.in_work_or_education ? t('common.yes') : t('common.no')}</dd>
        </div>
        <div>
          <dt>{t('employment.current')}</dt>
          <dd>
            {episode
              ? t('employment.current.value', {
                  kind: episodeLabel(episode.kind),
                  date: formatDate(episode.start_date),
                })
              : t('employment.current.none')}
          </dd>
        </div>
      </dl>
    </>
  );
}
