// Group sessions (/group-sessions) for case staff on a team: the sessions of the caller's teams,
// newest first, paged with the API's cursor ("Vis flere"), and the form to plan one — team,
// date, length, place, topic, staff of the team and the team's active young people
// (docs/api-contract.md "Meetings"). A session's own page records the attendance.
import { useEffect, useState } from 'preact/hooks';
import { fetchAllProjects, fetchEnrolmentTeam, type Project, type Team, type User } from '../api';
import { createGroupSession, fetchGroupCandidates, fetchGroupSessions, MEETING_PLACES, type GroupSession, type MeetingPlace } from '../groupSessionApi';
import { t, tp, type PlainMessageKey } from '../i18n';
import { formatDate, formatList } from '../i18n/format';
import { todayInDenmark } from '../identifier';
import { Link, navigate, paths } from '../router';
import { useAsync } from '../useAsync';
import { CheckboxGroup, DateField, SelectField, TextField, dateError, dateFieldId, dateParts, isoDate } from './fields';
import { FormOutcome, useFormState } from './formState';
import { FormButtons, OnDemandForm, type OnDemandControl } from './OnDemand';
import { Cell, LoadError, Loading, PageHeading, type FieldError } from './ui';

const PAGE_SIZE = 25;

const PLACE_KEYS: Readonly<Record<MeetingPlace, PlainMessageKey>> = {
  office: 'groupSessions.place.office',
  walk_and_talk: 'groupSessions.place.walk_and_talk',
  library: 'groupSessions.place.library',
  drop_in_cafe: 'groupSessions.place.drop_in_cafe',
  home: 'groupSessions.place.home',
  phone: 'groupSessions.place.phone',
  video: 'groupSessions.place.video',
  other: 'groupSessions.place.other',
};

/** A place in the reader's language; a value this UI does not know is shown as sent. */
export function placeLabel(place: string | null): string {
  if (place === null) return '';
  const key = PLACE_KEYS[place as MeetingPlace] as PlainMessageKey | undefined;
  return key ? t(key) : place;
}

/** A team as the reader knows it: its project's name and the municipality code. */
export function teamLabel(team: Team, projects: Project[]): string {
  const project = projects.find((p) => p.id === team.project_id);
  return t('groupSessions.team', { project: project?.name ?? String(team.project_id), municipality: team.municipality_code });
}

interface Listing {
  items: GroupSession[];
  next: string | null;
}

export function GroupSessionsPage({ user }: { user: User }) {
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [projects] = useAsync((signal) => fetchAllProjects(signal), []);

  useEffect(() => {
    const controller = new AbortController();
    setBusy(true);
    fetchGroupSessions(null, PAGE_SIZE, controller.signal).then(
      (page) => {
        setListing({ items: page.items, next: page.next_cursor });
        setError(null);
        setBusy(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setBusy(false);
        setError(err);
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const more = async () => {
    if (listing === null || listing.next === null) return;
    setBusy(true);
    try {
      const page = await fetchGroupSessions(listing.next, PAGE_SIZE);
      setListing({ items: [...listing.items, ...page.items], next: page.next_cursor });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={t('groupSessions.heading')}>{t('groupSessions.heading')}</PageHeading>
      <p class="font-lead">{t('groupSessions.lead')}</p>
      <OnDemandForm idPrefix="group-session-new" label={t('groupSessions.create.open')} heading={t('groupSessions.create.heading')} level="h2">
        {(control) =>
          projects.kind === 'ready' ? (
            <SessionForm user={user} projects={projects.data} control={control} />
          ) : projects.kind === 'error' ? (
            <LoadError heading="groupSessions.error.heading" error={projects.error} />
          ) : (
            <Loading text={t('groupSessions.loading')} />
          )
        }
      </OnDemandForm>
      <section aria-labelledby="group-sessions-list-heading">
        <h2 id="group-sessions-list-heading">{t('groupSessions.list.heading')}</h2>
        {error ? (
          <LoadError heading="groupSessions.error.heading" error={error} onRetry={() => setAttempt((n) => n + 1)} />
        ) : listing === null ? (
          <Loading text={t('groupSessions.loading')} />
        ) : (
          <SessionList listing={listing} busy={busy} onMore={() => void more()} />
        )}
      </section>
    </>
  );
}

function SessionList({ listing, busy, onMore }: { listing: Listing; busy: boolean; onMore: () => void }) {
  const col = {
    date: t('groupSessions.col.date'),
    place: t('groupSessions.col.place'),
    length: t('groupSessions.col.length'),
    staff: t('groupSessions.col.staff'),
  };
  return (
    <div class="search-results">
      <p role="status" class="search-count">
        {listing.items.length === 0 ? t('groupSessions.empty') : tp('groupSessions.count', listing.items.length)}
      </p>
      {listing.items.length > 0 ? (
        <table class="table table--zebra table--compact table--responsive-headers">
          <caption class="sr-only">{t('groupSessions.list.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('groupSessions.col.topic')}</th>
              <th scope="col">{col.date}</th>
              <th scope="col">{col.place}</th>
              <th scope="col">{col.length}</th>
              <th scope="col">{col.staff}</th>
            </tr>
          </thead>
          <tbody>
            {listing.items.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link href={paths.groupSession(s.id)}>{s.topic}</Link>
                </th>
                <Cell title={col.date} class="nowrap">
                  {formatDate(s.date)}
                </Cell>
                <Cell title={col.place}>{placeLabel(s.place)}</Cell>
                <Cell title={col.length} class="nowrap">
                  {s.duration_minutes !== null ? t('groupSessions.minutes', { n: s.duration_minutes }) : ''}
                </Cell>
                <Cell title={col.staff}>{formatList(s.staff.map((p) => p.name))}</Cell>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {listing.next !== null ? (
        <button type="button" class="button button-secondary" disabled={busy} onClick={onMore}>
          {busy ? t('groupSessions.loading') : t('groupSessions.more')}
        </button>
      ) : null}
    </div>
  );
}

/** The team's staff: read through one of its young people's teams (GET …/team), else the caller. */
async function teamStaff(user: User, firstEnrolment: number | undefined, signal: AbortSignal) {
  const me = [{ id: user.id, name: user.display_name }];
  if (firstEnrolment === undefined) return me;
  const team = await fetchEnrolmentTeam(firstEnrolment, signal);
  return team.items.some((p) => p.id === user.id) ? team.items : [...me, ...team.items];
}

function SessionForm({ user, projects, control }: { user: User; projects: Project[]; control: OnDemandControl }) {
  const id = (name: string) => `group-session-${name}`;
  const [teamId, setTeamId] = useState(user.teams.length === 1 ? String(user.teams[0]!.id) : '');
  const [date, setDate] = useState(() => dateParts(todayInDenmark()));
  const [duration, setDuration] = useState('90');
  const [place, setPlace] = useState('');
  const [topic, setTopic] = useState('');
  const [staff, setStaff] = useState<number[]>([user.id]);
  const [participants, setParticipants] = useState<number[]>([]);
  const [people] = useAsync(
    async (signal) => {
      if (teamId === '') return null;
      const candidates = await fetchGroupCandidates(Number(teamId), signal);
      return { candidates, staff: await teamStaff(user, candidates[0]?.enrolment_id, signal) };
    },
    [teamId],
  );
  const f = useFormState(
    {
      '/team_id': id('team'),
      '/date': dateFieldId(id('date')),
      '/duration_minutes': id('duration'),
      '/place': id('place'),
      '/topic': id('topic'),
      '/staff': id('staff'),
      '/participants': id('participants'),
    },
    control.saved,
  );
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (teamId === '') found.push({ field: id('team'), message: t('form.error.choose') });
    const dateProblem = dateError(date, { required: true });
    if (dateProblem) found.push({ field: dateFieldId(id('date')), message: dateProblem });
    const minutes = Number(duration);
    if (!/^\d{1,3}$/.test(duration.trim()) || minutes < 1 || minutes > 480) {
      found.push({ field: id('duration'), message: t('groupSessions.form.durationError') });
    }
    if (place === '') found.push({ field: id('place'), message: t('form.error.choose') });
    if (topic.trim() === '') found.push({ field: id('topic'), message: t('form.error.required') });
    if (staff.length === 0) found.push({ field: `${id('staff')}-0`, message: t('groupSessions.form.staffError') });
    const iso = isoDate(date);
    if (!f.check(found) || iso === null) return;
    void f.run(async (key) => {
      const made = await createGroupSession(
        {
          team_id: Number(teamId),
          date: iso,
          duration_minutes: minutes,
          place: place as MeetingPlace,
          topic: topic.trim(),
          staff,
          participants,
        },
        key,
      );
      navigate(paths.groupSession(made.id));
      return t('groupSessions.form.saved', { topic: made.topic });
    });
  };
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      {user.teams.length > 1 ? (
        <SelectField
          id={id('team')}
          label={t('groupSessions.form.team')}
          value={teamId}
          onChange={(v) => {
            setTeamId(v);
            setStaff([user.id]);
            setParticipants([]);
          }}
          placeholder={t('form.error.choose')}
          error={f.errorOf(id('team'))}
          options={user.teams.map((team) => ({ value: String(team.id), label: teamLabel(team, projects) }))}
        />
      ) : null}
      <DateField id={id('date')} label={t('groupSessions.form.date')} value={date} onChange={setDate} error={f.errorOf(dateFieldId(id('date')))} />
      <TextField
        id={id('duration')}
        label={t('groupSessions.form.duration')}
        hint={t('groupSessions.form.durationHint')}
        inputMode="numeric"
        maxLength={3}
        value={duration}
        onInput={setDuration}
        error={f.errorOf(id('duration'))}
      />
      <SelectField
        id={id('place')}
        label={t('groupSessions.form.place')}
        value={place}
        onChange={setPlace}
        placeholder={t('form.error.choose')}
        error={f.errorOf(id('place'))}
        options={MEETING_PLACES.map((p) => ({ value: p, label: placeLabel(p) }))}
      />
      <TextField id={id('topic')} label={t('groupSessions.form.topic')} maxLength={200} value={topic} onInput={setTopic} error={f.errorOf(id('topic'))} />
      {teamId === '' ? null : people.kind === 'loading' ? (
        <Loading text={t('groupSessions.loading')} />
      ) : people.kind === 'error' ? (
        <LoadError heading="groupSessions.error.heading" error={people.error} />
      ) : people.data === null ? null : (
        <>
          <CheckboxGroup
            id={id('staff')}
            legend={t('groupSessions.form.staff')}
            error={f.errorOf(`${id('staff')}-0`) ?? f.errorOf(id('staff'))}
            options={people.data.staff.map((p) => ({ value: String(p.id), label: p.name }))}
            chosen={staff.map(String)}
            onChange={(ids) => setStaff(ids.map(Number))}
          />
          {people.data.candidates.length === 0 ? (
            <p>{t('groupSessions.form.noYoungPeople')}</p>
          ) : (
            <CheckboxGroup
              id={id('participants')}
              legend={t('groupSessions.form.participants')}
              error={f.errorOf(id('participants'))}
              options={people.data.candidates.map((c) => ({ value: String(c.enrolment_id), label: c.citizen.name }))}
              chosen={participants.map(String)}
              onChange={(ids) => setParticipants(ids.map(Number))}
            />
          )}
        </>
      )}
      <FormButtons submit={t('groupSessions.form.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}
