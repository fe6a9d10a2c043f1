// Teams: each with its members (a member can be taken off; a user is added by
// username, looked up with the user search), and the form for a new team of a
// project in one of the project's municipalities that has none yet. The server
// holds the rule (one team per project and municipality) and names the field.
import { useState } from 'preact/hooks';
import { ApiError, createTeam, findUser, setTeamMember, type AdminTeam, type AdminTeamMember, type Project } from '../../api';
import { getLang, t } from '../../i18n';
import type { Names } from '../../reference';
import { ErrorSummary, FieldErrorMessage, LoadError, Loading, failureText } from '../ui';
import type { Async } from '../../useAsync';
import { FeedbackView, useFeedback } from './feedback';

export function TeamsBlock({
  teams,
  projects,
  names,
  onReload,
  onChanged,
}: {
  teams: Async<AdminTeam[]>;
  projects: Project[] | null;
  names: Names;
  onReload: () => void;
  /** A team or a membership changed. */
  onChanged: () => void;
}) {
  // Without a team API there is nothing to show; the users' alert covers both.
  if (teams.kind === 'error' && teams.error instanceof ApiError && teams.error.status === 404) return null;
  return (
    <>
      <section aria-labelledby="admin-teams-heading">
        <h2 id="admin-teams-heading">{t('admin.teams.heading')}</h2>
        {teams.kind === 'loading' ? <Loading text={t('admin.teams.loading')} /> : null}
        {teams.kind === 'error' ? <LoadError heading="admin.teams.error.heading" error={teams.error} onRetry={onReload} /> : null}
        {teams.kind === 'ready' ? <TeamsTable teams={teams.data} projects={projects} names={names} onChanged={onChanged} /> : null}
      </section>
      {teams.kind === 'ready' && projects ? (
        <CreateTeamSection teams={teams.data} projects={projects} names={names} onCreated={onChanged} />
      ) : null}
    </>
  );
}

function TeamsTable({
  teams,
  projects,
  names,
  onChanged,
}: {
  teams: AdminTeam[];
  projects: Project[] | null;
  names: Names;
  onChanged: () => void;
}) {
  const [feedback, say] = useFeedback();
  const [busy, setBusy] = useState(false);
  const [typed, setTyped] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState<{ team: number; text: string } | null>(null);

  if (teams.length === 0) return <p>{t('admin.teams.empty')}</p>;

  const addInput = (teamId: number) => `team-${teamId}-add`;
  const focusAdd = (teamId: number) => document.getElementById(addInput(teamId))?.focus();

  const change = async (team: AdminTeam, user: { id: number; username: string }, member: boolean) => {
    setBusy(true);
    try {
      await setTeamMember(team.id, user.id, member);
      if (member) setTyped((prev) => ({ ...prev, [team.id]: '' }));
      say(
        'success',
        member
          ? t('admin.teams.added', { username: user.username, team: team.name })
          : t('admin.teams.removed', { username: user.username, team: team.name }),
      );
      onChanged();
      // The remove button is gone: the focus goes to the team's add field.
      if (!member) focusAdd(team.id);
    } catch (err) {
      say('error', t('admin.teams.failed', { team: team.name, reason: failureText(err) }));
    } finally {
      setBusy(false);
    }
  };

  const onAdd = async (event: Event, team: AdminTeam) => {
    event.preventDefault();
    if (busy) return;
    const username = (typed[team.id] ?? '').trim();
    const refuse = (text: string) => {
      setProblem({ team: team.id, text });
      focusAdd(team.id);
    };
    if (username === '') return refuse(t('admin.teams.error.choose'));
    if (team.members.some((m) => m.username === username)) return refuse(t('admin.teams.error.already', { username }));
    setBusy(true);
    let user;
    try {
      user = await findUser(username);
    } catch (err) {
      setBusy(false);
      say('error', t('admin.teams.failed', { team: team.name, reason: failureText(err) }));
      return;
    }
    setBusy(false);
    if (!user) return refuse(t('admin.teams.error.noUser', { username }));
    setProblem(null);
    await change(team, user, true);
  };

  return (
    <>
      <FeedbackView feedback={feedback} />
      <div class="table--responsive-scroll">
        <table class="table table--zebra table--compact admin-teams">
          <caption class="sr-only">{t('admin.teams.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.teams.col.name')}</th>
              <th scope="col">{t('admin.teams.col.project')}</th>
              <th scope="col">{t('admin.teams.col.municipality')}</th>
              <th scope="col">{t('admin.teams.col.members')}</th>
              <th scope="col">{t('admin.teams.col.add')}</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => {
              const inputId = addInput(team.id);
              const error = problem?.team === team.id ? problem.text : undefined;
              return (
                <tr key={team.id}>
                  <th scope="row">{team.name}</th>
                  <td>
                    {(projects?.find((p) => p.id === team.project_id) ?? names.project(team.project_id))?.name ??
                      t('enrolment.heading.unknown', { id: team.project_id })}
                  </td>
                  <td>{names.organisation(team.municipality_code) ?? team.municipality_code}</td>
                  <td>
                    <Members team={team} onRemove={(m) => void change(team, m, false)} />
                  </td>
                  <td>
                    <form class={`admin-add-member${error ? ' form-error' : ''}`} noValidate onSubmit={(e) => void onAdd(e, team)}>
                      <label class="form-label" for={inputId}>
                        {t('admin.teams.add.label')}
                        <span class="sr-only"> {team.name}</span>
                      </label>
                      <FieldErrorMessage id={`${inputId}-error`} message={error} />
                      <input
                        class="form-input"
                        type="text"
                        id={inputId}
                        autoComplete="off"
                        autoCapitalize="none"
                        spellcheck={false}
                        maxLength={100}
                        value={typed[team.id] ?? ''}
                        aria-invalid={error ? 'true' : undefined}
                        aria-describedby={error ? `${inputId}-error` : undefined}
                        onInput={(e) => {
                          const value = e.currentTarget.value;
                          setTyped((prev) => ({ ...prev, [team.id]: value }));
                        }}
                      />
                      <button type="submit" class="button button-secondary button-small" aria-disabled={busy ? 'true' : undefined}>
                        {t('admin.teams.add.submit')}
                        <span class="sr-only"> {team.name}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Members({ team, onRemove }: { team: AdminTeam; onRemove: (m: AdminTeamMember) => void }) {
  if (team.members.length === 0) return <span>{t('admin.teams.noMembers')}</span>;
  return (
    <ul class="nobullet-list admin-members" aria-label={t('admin.teams.members', { team: team.name })}>
      {team.members.map((m) => (
        <li key={m.id}>
          <span>
            {m.username}
            {m.disabled ? ` (${t('admin.users.disabled')})` : ''}
          </span>
          <button type="button" class="button button-tertiary button-small" onClick={() => onRemove(m)}>
            {t('admin.teams.remove')}
            <span class="sr-only"> {t('admin.teams.remove.sr', { username: m.username, team: team.name })}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

// --- a new team ------------------------------------------------------------------

type TeamField = 'project_id' | 'municipality_code' | 'name';
const TEAM_IDS: Readonly<Record<TeamField, string>> = {
  project_id: 'new-team-project',
  municipality_code: 'new-team-municipality',
  name: 'new-team-name',
};
const TEAM_FIELDS: readonly TeamField[] = ['project_id', 'municipality_code', 'name'];

function CreateTeamSection({
  teams,
  projects,
  names,
  onCreated,
}: {
  teams: AdminTeam[];
  projects: Project[];
  names: Names;
  onCreated: () => void;
}) {
  const [projectId, setProjectId] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Partial<Record<TeamField, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [feedback, say, clear] = useFeedback();

  const project = projects.find((p) => String(p.id) === projectId);
  // The project's municipalities without a team: where a new one can go.
  const free = project
    ? project.municipalities.filter((m) => !teams.some((x) => x.project_id === project.id && x.municipality_code === m.code))
    : [];
  const lang = getLang();

  const fail = (next: Partial<Record<TeamField, string>>) => {
    setErrors(next);
    clear();
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const missing: Partial<Record<TeamField, string>> = {};
    if (!project) missing.project_id = t('admin.newTeam.error.project');
    if (municipality === '') missing.municipality_code = t('admin.newTeam.error.municipality');
    if (name.trim() === '') missing.name = t('admin.newTeam.error.name');
    if (Object.keys(missing).length > 0 || !project) return fail(missing);
    setBusy(true);
    try {
      const team = await createTeam({ project_id: project.id, municipality_code: municipality, name: name.trim() });
      setErrors({});
      setMunicipality('');
      setName('');
      say('success', t('admin.newTeam.done', { team: team.name }));
      onCreated();
    } catch (err) {
      const top = err instanceof ApiError ? (err.field ?? '').split('/')[1] ?? '' : '';
      if (err instanceof ApiError && err.status === 409) fail({ municipality_code: t('admin.newTeam.error.taken') });
      else if (err instanceof ApiError && err.status === 422 && (TEAM_FIELDS as readonly string[]).includes(top)) {
        const messages: Record<TeamField, string> = {
          project_id: t('admin.newTeam.error.project'),
          municipality_code: t('admin.newTeam.error.municipality'),
          name: t('admin.newTeam.error.nameRule'),
        };
        fail({ [top]: messages[top as TeamField] });
      } else {
        setErrors({});
        say('error', t('admin.newTeam.error.failed', { reason: failureText(err) }));
      }
    } finally {
      setBusy(false);
    }
  };

  const summary = TEAM_FIELDS.flatMap((f) => (errors[f] ? [{ field: TEAM_IDS[f], message: errors[f] as string }] : []));
  const group = (f: TeamField) => `form-group${errors[f] ? ' form-error' : ''}`;
  const described = (f: TeamField, hint = false) =>
    [hint ? `${TEAM_IDS[f]}-hint` : '', errors[f] ? `${TEAM_IDS[f]}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <section aria-labelledby="admin-new-team-heading">
      <h2 id="admin-new-team-heading">{t('admin.newTeam.heading')}</h2>
      <FeedbackView feedback={feedback} />
      <form class="admin-create-form" noValidate aria-labelledby="admin-new-team-heading" onSubmit={(e) => void onSubmit(e)}>
        <ErrorSummary errors={summary} focusKey={attempt} />
        <div class={group('project_id')}>
          <label class="form-label" for={TEAM_IDS.project_id}>
            {t('admin.newTeam.project')}
          </label>
          <FieldErrorMessage id={`${TEAM_IDS.project_id}-error`} message={errors.project_id} />
          <select
            class="form-select"
            id={TEAM_IDS.project_id}
            value={projectId}
            aria-invalid={errors.project_id ? 'true' : undefined}
            aria-describedby={described('project_id')}
            onChange={(e) => {
              setProjectId(e.currentTarget.value);
              setMunicipality('');
            }}
          >
            <option value="">{t('admin.newTeam.project.choose')}</option>
            {[...projects]
              .sort((a, b) => a.name.localeCompare(b.name, lang))
              .map((p) => (
                <option key={p.id} value={String(p.id)}>
                  {p.name}
                </option>
              ))}
          </select>
        </div>
        <div class={group('municipality_code')}>
          <label class="form-label" for={TEAM_IDS.municipality_code}>
            {t('admin.newTeam.municipality')}
          </label>
          <span class="form-hint" id={`${TEAM_IDS.municipality_code}-hint`}>
            {project && free.length === 0 ? t('admin.newTeam.municipality.none') : t('admin.newTeam.municipality.hint')}
          </span>
          <FieldErrorMessage id={`${TEAM_IDS.municipality_code}-error`} message={errors.municipality_code} />
          <select
            class="form-select"
            id={TEAM_IDS.municipality_code}
            value={municipality}
            aria-invalid={errors.municipality_code ? 'true' : undefined}
            aria-describedby={described('municipality_code', true)}
            onChange={(e) => setMunicipality(e.currentTarget.value)}
          >
            <option value="">{t('admin.newTeam.municipality.choose')}</option>
            {free.map((m) => (
              <option key={m.code} value={m.code}>
                {names.organisation(m.code) ?? m.name}
              </option>
            ))}
          </select>
        </div>
        <div class={group('name')}>
          <label class="form-label" for={TEAM_IDS.name}>
            {t('admin.newTeam.name')}
          </label>
          <FieldErrorMessage id={`${TEAM_IDS.name}-error`} message={errors.name} />
          <input
            class="form-input"
            type="text"
            id={TEAM_IDS.name}
            maxLength={200}
            autoComplete="off"
            value={name}
            aria-invalid={errors.name ? 'true' : undefined}
            aria-describedby={described('name')}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button button-primary mt-5" disabled={busy}>
          {busy ? t('admin.newTeam.submitting') : t('admin.newTeam.submit')}
        </button>
      </form>
    </section>
  );
}
