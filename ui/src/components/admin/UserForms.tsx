// The account forms of the administration page: a new password for a user
// (a row of the user table opens it) and a new user. Only what is missing is
// checked here; the server checks the rules and names the field (422).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, createUser, fetchOrganisations, updateUser, type AdminUser, type Organisation } from '../../api';
import { getLang, t } from '../../i18n';
import { roleLabel } from '../../labels';
import { reasonText } from '../../problem';
import { ROLES } from '../../session';
import { useAsync } from '../../useAsync';
import { Alert, ErrorSummary, FieldErrorMessage, LoadError, failureText, type FieldError } from '../ui';
import { FeedbackView, useFeedback } from './feedback';

/** The server's rule for passwords (core/password.c). */
export const PASSWORD_MIN_CHARS = 12;

/** The message for a password the server refused (422 /password). */
function passwordProblem(password: string): string {
  return [...password].length < PASSWORD_MIN_CHARS
    ? t('admin.password.error.short', { min: PASSWORD_MIN_CHARS })
    : t('admin.password.error.rejected');
}

export function PasswordForm({
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

export function CreateUserSection({ onCreated }: { onCreated: () => void }) {
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
