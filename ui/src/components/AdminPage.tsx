// Administration (administrator role): projects, staff accounts and teams.
// An administrator creates staff accounts, disables or re-enables them, gives
// them a new password, and adds them to or removes them from teams. Changes to
// an account carry If-Match with the version read; when someone changed it
// meanwhile (412) the list is fetched again and the page says so.
// A server without the user API (GET /api/v1/users answers 404) gets an info
// alert: users are then managed with the `samspor user` command.
// Nothing is made up: a table shows only what the API answered.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ApiError,
  createUser,
  fetchAllProjects,
  fetchAllTeams,
  fetchAllUsers,
  fetchOrganisations,
  setTeamMember,
  updateUser,
  type AdminTeam,
  type AdminUser,
  type Organisation,
  type User,
} from '../api';
import { getLang, t } from '../i18n';
import { formatDate, formatList } from '../i18n/format';
import { roleLabel } from '../labels';
import { reasonText } from '../problem';
import { useNames, type Names } from '../reference';
import { ROLES, isAdministrator } from '../session';
import { useAsync, type Async } from '../useAsync';
import { Alert, ErrorSummary, FieldErrorMessage, LoadError, Loading, PageHeading, failureText, type FieldError } from './ui';

/** The server's rule for passwords (core/password.c). */
const PASSWORD_MIN_CHARS = 12;

export function AdminPage({ user }: { user: User }) {
  const title = t('admin.title');
  if (!isAdministrator(user)) {
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <p>{t('admin.forbidden')}</p>
      </>
    );
  }
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p class="font-lead">{t('admin.intro')}</p>
      <AdminProjects />
      <AdminPeople self={user} />
    </>
  );
}

function AdminProjects() {
  const [state, reload] = useAsync((signal) => fetchAllProjects(signal), []);
  return (
    <section aria-labelledby="admin-projects-heading">
      <h2 id="admin-projects-heading">{t('admin.projects.heading')}</h2>
      {state.kind === 'loading' ? <Loading text={t('projects.loading')} /> : null}
      {state.kind === 'error' ? (
        <LoadError heading="projects.error.heading" error={state.error} onRetry={reload} />
      ) : null}
      {state.kind === 'ready' && state.data.length === 0 ? <p>{t('projects.empty')}</p> : null}
      {state.kind === 'ready' && state.data.length > 0 ? (
        <div class="table--responsive-scroll">
          <table class="table table--zebra">
            <caption class="sr-only">{t('admin.projects.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.projects.col.name')}</th>
                <th scope="col">{t('admin.projects.col.slug')}</th>
                <th scope="col">{t('admin.projects.col.region')}</th>
                <th scope="col">{t('project.municipalities')}</th>
                <th scope="col">{t('project.period')}</th>
                <th scope="col">{t('admin.projects.col.target')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>
                    <code>{p.slug}</code>
                  </td>
                  <td>{p.region ? p.region.name : t('admin.projects.noRegion')}</td>
                  <td>{formatList(p.municipalities.map((m) => m.name))}</td>
                  <td>
                    {t('project.period.range', {
                      start: formatDate(p.period_start),
                      end: formatDate(p.period_end),
                    })}
                  </td>
                  <td>{t('admin.projects.target', { count: p.target_count })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

const isMissing = (state: Async<unknown>) =>
  state.kind === 'error' && state.error instanceof ApiError && state.error.status === 404;

/** Sort by username, so that the lists are stable between reloads. */
const byUsername = (a: AdminUser, b: AdminUser) => a.username.localeCompare(b.username, 'en');

const userText = (u: AdminUser) => t('admin.user.option', { name: u.display_name, username: u.username });

/** A message after an action: success in the status region, or a problem (role="alert"). */
type Feedback = { kind: 'success' | 'error' | 'warning'; text: string; n: number } | null;

function useFeedback(): [Feedback, (kind: 'success' | 'error' | 'warning', text: string) => void, () => void] {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const counter = useRef(0);
  const say = (kind: 'success' | 'error' | 'warning', text: string) => {
    counter.current += 1;
    setFeedback({ kind, text, n: counter.current });
  };
  return [feedback, say, () => setFeedback(null)];
}

/** Success goes to a polite status region that is always there; problems are alerts. */
function FeedbackView({ feedback }: { feedback: Feedback }) {
  return (
    <>
      <div role="status">
        {feedback?.kind === 'success' ? (
          <Alert kind="success" key={feedback.n}>
            <p class="alert-text">{feedback.text}</p>
          </Alert>
        ) : null}
      </div>
      {feedback && feedback.kind !== 'success' ? (
        <Alert kind={feedback.kind} live="alert" key={feedback.n}>
          <p class="alert-text">{feedback.text}</p>
        </Alert>
      ) : null}
    </>
  );
}

function AdminPeople({ self }: { self: User }) {
  const [users, reloadUsers] = useAsync((signal) => fetchAllUsers(signal), []);
  const [teams, reloadTeams] = useAsync((signal) => fetchAllTeams(signal), []);
  const names = useNames();
  const teamList = teams.kind === 'ready' ? teams.data : null;
  const userList = users.kind === 'ready' ? [...users.data].sort(byUsername) : null;

  return (
    <>
      <section aria-labelledby="admin-users-heading">
        <h2 id="admin-users-heading">{t('admin.users.heading')}</h2>
        {users.kind === 'loading' ? <Loading text={t('admin.users.loading')} /> : null}
        {isMissing(users) ? (
          <Alert kind="info" heading={t('admin.users.cli.heading')}>
            <p class="alert-text">
              {t('admin.users.cli.text')} <code>samspor user</code>
            </p>
          </Alert>
        ) : null}
        {users.kind === 'error' && !isMissing(users) ? (
          <LoadError heading="admin.users.error.heading" error={users.error} onRetry={reloadUsers} />
        ) : null}
        {userList ? (
          <UsersTable users={userList} teams={teamList} names={names} self={self} onChanged={reloadUsers} />
        ) : null}
      </section>
      {userList ? <CreateUserSection onCreated={reloadUsers} /> : null}
      {/* Without a team API there is nothing to show; the alert above covers both. */}
      {isMissing(teams) ? null : (
        <section aria-labelledby="admin-teams-heading">
          <h2 id="admin-teams-heading">{t('admin.teams.heading')}</h2>
          {teams.kind === 'loading' ? <Loading text={t('admin.teams.loading')} /> : null}
          {teams.kind === 'error' ? (
            <LoadError heading="admin.teams.error.heading" error={teams.error} onRetry={reloadTeams} />
          ) : null}
          {teamList ? <TeamsTable teams={teamList} users={userList} names={names} onChanged={reloadUsers} /> : null}
        </section>
      )}
    </>
  );
}

// --- the user list, with disable/enable and a new password ---------------------

function UsersTable({
  users,
  teams,
  names,
  self,
  onChanged,
}: {
  users: AdminUser[];
  teams: AdminTeam[] | null;
  names: Names;
  self: User;
  onChanged: () => void;
}) {
  const [feedback, say] = useFeedback();
  const [busyId, setBusyId] = useState<number | null>(null);
  const [passwordFor, setPasswordFor] = useState<number | null>(null);
  const passwordButtons = useRef(new Map<number, HTMLButtonElement>());

  if (users.length === 0) return <p>{t('admin.users.empty')}</p>;
  const teamName = (id: number) => teams?.find((team) => team.id === id)?.name ?? t('enrolment.team.other', { id });

  const stale = (u: AdminUser) => {
    say('warning', t('admin.users.stale', { username: u.username }));
    onChanged();
  };

  const toggle = async (u: AdminUser) => {
    if (busyId !== null) return;
    setBusyId(u.id);
    try {
      const changed = await updateUser(u.id, u.version, { disabled: !u.disabled });
      say(
        'success',
        changed.disabled
          ? t('admin.users.disabledNow', { username: u.username })
          : t('admin.users.enabledNow', { username: u.username }),
      );
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) stale(u);
      else say('error', t('admin.users.changeFailed', { username: u.username, reason: failureText(err) }));
    } finally {
      setBusyId(null);
    }
  };

  const closePassword = (u: AdminUser) => {
    setPasswordFor(null);
    passwordButtons.current.get(u.id)?.focus();
  };

  const columns = 7;
  return (
    <>
      <FeedbackView feedback={feedback} />
      <div class="table--responsive-scroll">
        <table class="table table--zebra table--compact admin-users">
          <caption class="sr-only">{t('admin.users.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.users.col.username')}</th>
              <th scope="col">{t('admin.users.col.name')}</th>
              <th scope="col">{t('admin.users.col.roles')}</th>
              <th scope="col">{t('admin.users.col.organisation')}</th>
              <th scope="col">{t('admin.users.col.teams')}</th>
              <th scope="col">{t('admin.users.col.status')}</th>
              <th scope="col">{t('admin.users.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const formId = `user-${u.id}-password-form`;
              const open = passwordFor === u.id;
              const isSelf = u.id === self.id;
              return [
                <tr key={u.id}>
                  <th scope="row">{u.username}</th>
                  <td>{u.display_name}</td>
                  <td>{formatList(u.roles.map(roleLabel))}</td>
                  <td>{names.organisation(u.organisation_code) ?? u.organisation_code}</td>
                  <td>{u.teams.length === 0 ? t('admin.users.noTeams') : formatList(u.teams.map(teamName))}</td>
                  <td>
                    {/* Text, not colour: the tag says the state in words. */}
                    <span class={`user-state${u.disabled ? ' user-state-disabled' : ''}`}>
                      {u.disabled ? t('admin.users.disabled') : t('admin.users.active')}
                    </span>
                  </td>
                  <td>
                    <div class="admin-actions">
                      {isSelf ? null : (
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          aria-disabled={busyId === u.id ? 'true' : undefined}
                          onClick={() => void toggle(u)}
                        >
                          {u.disabled ? t('admin.users.enable') : t('admin.users.disable')}
                          <span class="sr-only"> {u.username}</span>
                        </button>
                      )}
                      <button
                        type="button"
                        class="button button-secondary button-small"
                        aria-expanded={open ? 'true' : 'false'}
                        aria-controls={open ? formId : undefined}
                        ref={(el) => {
                          if (el) passwordButtons.current.set(u.id, el);
                          else passwordButtons.current.delete(u.id);
                        }}
                        onClick={() => setPasswordFor(open ? null : u.id)}
                      >
                        {t('admin.users.newPassword')}
                        <span class="sr-only"> {u.username}</span>
                      </button>
                    </div>
                  </td>
                </tr>,
                open ? (
                  <tr key={`${u.id}-password`} class="admin-subrow">
                    <td colSpan={columns}>
                      <PasswordForm
                        id={formId}
                        user={u}
                        onCancel={() => closePassword(u)}
                        onSaved={() => {
                          say('success', t('admin.password.saved', { username: u.username }));
                          closePassword(u);
                          onChanged();
                        }}
                        onStale={() => {
                          closePassword(u);
                          stale(u);
                        }}
                      />
                    </td>
                  </tr>
                ) : null,
              ];
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The message for a password the server refused (422 /password). */
function passwordProblem(password: string): string {
  return [...password].length < PASSWORD_MIN_CHARS
    ? t('admin.password.error.short', { min: PASSWORD_MIN_CHARS })
    : t('admin.password.error.rejected');
}

function PasswordForm({
  id,
  user,
  onCancel,
  onSaved,
  onStale,
}: {
  id: string;
  user: AdminUser;
  onCancel: () => void;
  onSaved: () => void;
  onStale: () => void;
}) {
  const field = `${id}-password`;
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, []);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    if (password === '') {
      setError(t('admin.password.error.missing'));
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await updateUser(user.id, user.version, { password });
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        onStale();
      } else if (err instanceof ApiError && err.status === 422 && err.field === '/password') {
        setError(err.reason ? reasonText(err.reason) : passwordProblem(password));
        setAttempt((n) => n + 1);
      } else {
        setError(null);
        setFailure(t('admin.password.error.failed', { reason: failureText(err) }));
      }
    } finally {
      setBusy(false);
    }
  };

  const errors: FieldError[] = error ? [{ field, message: error }] : [];
  return (
    <form id={id} class="admin-password-form" noValidate onSubmit={(e) => void onSubmit(e)}>
      {failure ? (
        <Alert kind="error" live="alert">
          <p class="alert-text">{failure}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} focusKey={attempt} />
      <div class={`form-group${error ? ' form-error' : ''}`}>
        <label class="form-label" for={field}>
          {t('admin.password.label', { username: user.username })}
        </label>
        <span class="form-hint" id={`${field}-hint`}>
          {t('admin.password.hint', { min: PASSWORD_MIN_CHARS })}
        </span>
        <FieldErrorMessage id={`${field}-error`} message={error ?? undefined} />
        <input
          ref={input}
          class="form-input"
          type="password"
          id={field}
          name="password"
          autoComplete="new-password"
          value={password}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${field}-hint ${field}-error` : `${field}-hint`}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </div>
      <div class="admin-actions mt-4">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t('admin.password.submitting') : t('admin.password.submit')}
        </button>
        <button type="button" class="button button-tertiary" onClick={onCancel}>
          {t('admin.password.cancel')}
        </button>
      </div>
    </form>
  );
}

// --- create a user --------------------------------------------------------------

type CreateField = 'username' | 'display_name' | 'organisation_code' | 'roles' | 'password';
type CreateErrors = Partial<Record<CreateField, string>>;

const FIELD_IDS: Readonly<Record<CreateField, string>> = {
  username: 'new-user-username',
  display_name: 'new-user-display-name',
  organisation_code: 'new-user-organisation',
  roles: `new-user-role-${ROLES[0]}`,
  password: 'new-user-password',
};

const FIELD_ORDER: readonly CreateField[] = ['username', 'display_name', 'organisation_code', 'roles', 'password'];

/** The form field a JSON Pointer names ("/roles/2" is the roles). */
function createFieldOf(pointer: string | null): CreateField | null {
  const top = (pointer ?? '').split('/')[1] ?? '';
  return (FIELD_ORDER as readonly string[]).includes(top) ? (top as CreateField) : null;
}

function CreateUserSection({ onCreated }: { onCreated: () => void }) {
  const [orgs, reloadOrgs] = useAsync((signal) => fetchOrganisations(signal), []);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<CreateErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [feedback, say, clearFeedback] = useFeedback();

  const fail = (next: CreateErrors) => {
    setErrors(next);
    clearFeedback();
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    // Only what is missing is checked here; the server checks the rules and names the field.
    const missing: CreateErrors = {};
    if (username.trim() === '') missing.username = t('admin.create.error.usernameMissing');
    if (displayName.trim() === '') missing.display_name = t('admin.create.error.nameMissing');
    if (organisation === '') missing.organisation_code = t('admin.create.error.organisation');
    if (roles.length === 0) missing.roles = t('admin.create.error.roles');
    if (password === '') missing.password = t('admin.password.error.missing');
    if (Object.keys(missing).length > 0) {
      fail(missing);
      return;
    }
    setBusy(true);
    try {
      const created = await createUser({
        username: username.trim(),
        display_name: displayName.trim(),
        organisation_code: organisation,
        roles: ROLES.filter((r) => roles.includes(r)),
        password,
      });
      setErrors({});
      setUsername('');
      setDisplayName('');
      setOrganisation('');
      setRoles([]);
      setPassword('');
      say('success', t('admin.create.done', { username: created.username }));
      onCreated();
    } catch (err) {
      const field = err instanceof ApiError ? createFieldOf(err.field) : null;
      if (err instanceof ApiError && err.status === 409 && err.code === 'conflict') {
        fail({ username: t('admin.create.error.usernameTaken') });
      } else if (err instanceof ApiError && err.status === 422 && field !== null) {
        const message: Record<CreateField, string> = {
          username: t('admin.create.error.username'),
          display_name: t('admin.create.error.name'),
          organisation_code: t('admin.create.error.organisation'),
          roles: t('admin.create.error.roles'),
          password: passwordProblem(password),
        };
        // The server's reason says exactly what is wrong; the form's own guess is the fallback.
        fail({ [field]: err.reason ? reasonText(err.reason, roleLabel) : message[field] });
      } else {
        setErrors({});
        clearFeedback();
        setFailure(t('admin.create.error.failed', { reason: failureText(err) }));
      }
    } finally {
      setBusy(false);
    }
  };

  const summary: FieldError[] = FIELD_ORDER.flatMap((f) => {
    const message = errors[f];
    return message ? [{ field: FIELD_IDS[f], message }] : [];
  });
  const groupClass = (f: CreateField) => `form-group${errors[f] ? ' form-error' : ''}`;
  const describedBy = (f: CreateField, hint: boolean) =>
    [hint ? `${FIELD_IDS[f]}-hint` : '', errors[f] ? `${FIELD_IDS[f]}-error` : ''].filter(Boolean).join(' ') ||
    undefined;

  const lang = getLang();
  const orgList = orgs.kind === 'ready' ? orgs.data : [];
  const sorted = (kind: Organisation['kind']) =>
    orgList.filter((o) => o.kind === kind).sort((a, b) => a.name.localeCompare(b.name, lang));

  return (
    <section aria-labelledby="admin-create-heading">
      <h2 id="admin-create-heading">{t('admin.create.heading')}</h2>
      <FeedbackView feedback={feedback} />
      <form class="admin-create-form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby="admin-create-heading">
        {failure ? (
          <Alert kind="error" live="alert">
            <p class="alert-text">{failure}</p>
          </Alert>
        ) : null}
        <ErrorSummary errors={summary} focusKey={attempt} />

        <div class={groupClass('username')}>
          <label class="form-label" for={FIELD_IDS.username}>
            {t('admin.create.username')}
          </label>
          <span class="form-hint" id={`${FIELD_IDS.username}-hint`}>
            {t('admin.create.username.hint')}
          </span>
          <FieldErrorMessage id={`${FIELD_IDS.username}-error`} message={errors.username} />
          <input
            class="form-input"
            type="text"
            id={FIELD_IDS.username}
            name="username"
            autoComplete="off"
            autoCapitalize="none"
            spellcheck={false}
            maxLength={100}
            value={username}
            aria-invalid={errors.username ? 'true' : undefined}
            aria-describedby={describedBy('username', true)}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </div>

        <div class={groupClass('display_name')}>
          <label class="form-label" for={FIELD_IDS.display_name}>
            {t('admin.create.name')}
          </label>
          <FieldErrorMessage id={`${FIELD_IDS.display_name}-error`} message={errors.display_name} />
          <input
            class="form-input"
            type="text"
            id={FIELD_IDS.display_name}
            name="display_name"
            autoComplete="off"
            maxLength={200}
            value={displayName}
            aria-invalid={errors.display_name ? 'true' : undefined}
            aria-describedby={describedBy('display_name', false)}
            onInput={(e) => setDisplayName(e.currentTarget.value)}
          />
        </div>

        <div class={groupClass('organisation_code')}>
          <label class="form-label" for={FIELD_IDS.organisation_code}>
            {t('admin.create.organisation')}
          </label>
          <FieldErrorMessage id={`${FIELD_IDS.organisation_code}-error`} message={errors.organisation_code} />
          {orgs.kind === 'error' ? (
            <LoadError heading="admin.create.organisations.error" error={orgs.error} onRetry={reloadOrgs} />
          ) : null}
          <select
            class="form-select"
            id={FIELD_IDS.organisation_code}
            name="organisation_code"
            value={organisation}
            aria-invalid={errors.organisation_code ? 'true' : undefined}
            aria-describedby={describedBy('organisation_code', false)}
            onChange={(e) => setOrganisation(e.currentTarget.value)}
          >
            <option value="">
              {orgs.kind === 'loading' ? t('admin.create.organisation.loading') : t('admin.create.organisation.choose')}
            </option>
            <optgroup label={t('admin.create.organisation.regions')}>
              {sorted('region').map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('admin.create.organisation.municipalities')}>
              {sorted('municipality').map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name}
                </option>
              ))}
            </optgroup>
          </select>
        </div>

        <div class={groupClass('roles')}>
          <fieldset aria-describedby={describedBy('roles', true)}>
            <legend class="form-label">{t('admin.create.roles')}</legend>
            <span class="form-hint" id={`${FIELD_IDS.roles}-hint`}>
              {t('admin.create.roles.hint')}
            </span>
            <FieldErrorMessage id={`${FIELD_IDS.roles}-error`} message={errors.roles} />
            {ROLES.map((role) => {
              const id = `new-user-role-${role}`;
              return (
                <div class="form-group-checkbox" key={role}>
                  <input
                    type="checkbox"
                    class="form-checkbox"
                    id={id}
                    name="roles"
                    value={role}
                    checked={roles.includes(role)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setRoles((prev) => (on ? [...prev, role] : prev.filter((r) => r !== role)));
                    }}
                  />
                  <label for={id}>{roleLabel(role)}</label>
                </div>
              );
            })}
          </fieldset>
        </div>

        <div class={groupClass('password')}>
          <label class="form-label" for={FIELD_IDS.password}>
            {t('admin.create.password')}
          </label>
          <span class="form-hint" id={`${FIELD_IDS.password}-hint`}>
            {t('admin.create.password.hint', { min: PASSWORD_MIN_CHARS })}
          </span>
          <FieldErrorMessage id={`${FIELD_IDS.password}-error`} message={errors.password} />
          <input
            class="form-input"
            type="password"
            id={FIELD_IDS.password}
            name="password"
            autoComplete="new-password"
            value={password}
            aria-invalid={errors.password ? 'true' : undefined}
            aria-describedby={describedBy('password', true)}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>

        <button type="submit" class="button button-primary mt-5" disabled={busy}>
          {busy ? t('admin.create.submitting') : t('admin.create.submit')}
        </button>
      </form>
    </section>
  );
}

// --- teams and their members ------------------------------------------------------

function TeamsTable({
  teams,
  users,
  names,
  onChanged,
}: {
  teams: AdminTeam[];
  users: AdminUser[] | null;
  names: Names;
  onChanged: () => void;
}) {
  const [feedback, say] = useFeedback();
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<Record<number, string>>({});
  const [missing, setMissing] = useState<number | null>(null);

  if (teams.length === 0) return <p>{t('admin.teams.empty')}</p>;

  const addSelect = (teamId: number) => `team-${teamId}-add`;
  const focusAdd = (teamId: number) => document.getElementById(addSelect(teamId))?.focus();

  const change = async (team: AdminTeam, user: AdminUser, member: boolean) => {
    if (busy) return;
    setBusy(true);
    try {
      await setTeamMember(team.id, user.id, member);
      if (member) setChosen((prev) => ({ ...prev, [team.id]: '' }));
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

  const onAdd = (event: Event, team: AdminTeam) => {
    event.preventDefault();
    const id = Number(chosen[team.id] ?? '');
    const user = users?.find((u) => u.id === id);
    if (!user) {
      setMissing(team.id);
      focusAdd(team.id);
      return;
    }
    setMissing(null);
    void change(team, user, true);
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
              {users ? <th scope="col">{t('admin.teams.col.members')}</th> : null}
              {users ? <th scope="col">{t('admin.teams.col.add')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => {
              const members = users ? users.filter((u) => u.teams.includes(team.id)) : [];
              const others = users ? users.filter((u) => !u.teams.includes(team.id)) : [];
              const selectId = addSelect(team.id);
              const error = missing === team.id ? t('admin.teams.error.choose') : undefined;
              return (
                <tr key={team.id}>
                  <th scope="row">{team.name}</th>
                  <td>{names.project(team.project_id)?.name ?? t('enrolment.heading.unknown', { id: team.project_id })}</td>
                  <td>{names.organisation(team.municipality_code) ?? team.municipality_code}</td>
                  {users ? (
                    <td>
                      {members.length === 0 ? (
                        <span>{t('admin.teams.noMembers')}</span>
                      ) : (
                        <ul class="nobullet-list admin-members" aria-label={t('admin.teams.members', { team: team.name })}>
                          {members.map((u) => (
                            <li key={u.id}>
                              <span>{u.username}</span>
                              <button
                                type="button"
                                class="button button-tertiary button-small"
                                onClick={() => void change(team, u, false)}
                              >
                                {t('admin.teams.remove')}
                                <span class="sr-only"> {t('admin.teams.remove.sr', { username: u.username, team: team.name })}</span>
                              </button>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  ) : null}
                  {users ? (
                    <td>
                      <form class={`admin-add-member${error ? ' form-error' : ''}`} noValidate onSubmit={(e) => onAdd(e, team)}>
                        <label class="form-label" for={selectId}>
                          {t('admin.teams.add.label')}
                          <span class="sr-only"> {team.name}</span>
                        </label>
                        <FieldErrorMessage id={`${selectId}-error`} message={error} />
                        <select
                          class="form-select"
                          id={selectId}
                          value={chosen[team.id] ?? ''}
                          aria-invalid={error ? 'true' : undefined}
                          aria-describedby={error ? `${selectId}-error` : undefined}
                          onChange={(e) => {
                            const value = e.currentTarget.value;
                            setChosen((prev) => ({ ...prev, [team.id]: value }));
                          }}
                        >
                          <option value="">{t('admin.teams.add.choose')}</option>
                          {others.map((u) => (
                            <option key={u.id} value={String(u.id)}>
                              {userText(u)}
                            </option>
                          ))}
                        </select>
                        <button type="submit" class="button button-secondary button-small">
                          {t('admin.teams.add.submit')}
                          <span class="sr-only"> {team.name}</span>
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
