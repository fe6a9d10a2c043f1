// Sign-in: a DKFDS form with labelled fields, an error summary on failure
// (missing fields, wrong credentials, throttled with the wait) that takes the
// focus, and a notice when the user was sent here (logged off, session
// expired) until the next attempt. After sign-in the app opens the page asked
// for (app.tsx, the login route's `next`).
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { t } from '../i18n';
import { formatWait } from '../i18n/format';
import { signIn, type LoginNotice } from '../session';
import { Alert, ErrorSummary, FieldErrorMessage, PageHeading, failureText, type FieldError } from './ui';

const USERNAME = 'login-username';
const PASSWORD = 'login-password';

/** What went wrong, kept as data so that the text follows the language. */
type Problem =
  | { kind: 'missing'; username: boolean; password: boolean }
  | { kind: 'wrong' }
  | { kind: 'throttled'; seconds: number | null }
  | { kind: 'failed'; error: unknown };

function problemErrors(problem: Problem | null): FieldError[] {
  if (problem === null) return [];
  switch (problem.kind) {
    case 'missing': {
      const errors: FieldError[] = [];
      if (problem.username) errors.push({ field: USERNAME, message: t('login.error.usernameMissing') });
      if (problem.password) errors.push({ field: PASSWORD, message: t('login.error.passwordMissing') });
      return errors;
    }
    case 'wrong':
      return [{ field: USERNAME, message: t('login.error.wrong') }];
    case 'throttled': {
      const s = problem.seconds;
      const message =
        s === null ? t('login.error.throttled') : t('login.error.throttledWait', { wait: formatWait(s) });
      return [{ field: USERNAME, message }];
    }
    case 'failed':
      return [{ field: USERNAME, message: t('login.error.failed', { reason: failureText(problem.error) }) }];
  }
}

export function LoginPage({ notice }: { notice: LoginNotice }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [attempt, setAttempt] = useState(0);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const name = username.trim();
    if (name === '' || password === '') {
      setProblem({ kind: 'missing', username: name === '', password: password === '' });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await signIn(name, password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setProblem({ kind: 'wrong' });
      else if (err instanceof ApiError && err.status === 429)
        setProblem({ kind: 'throttled', seconds: err.retryAfter });
      else setProblem({ kind: 'failed', error: err });
      setPassword('');
      setAttempt((n) => n + 1);
      setBusy(false);
    }
  };

  const errors = problemErrors(problem);
  // Why the user was sent here matters until they try to sign in; then the outcome of that try does.
  const shown = problem === null ? notice : null;
  const usernameError =
    problem?.kind === 'missing' ? (problem.username ? errors[0]?.message : undefined) : errors[0]?.message;
  const passwordError =
    problem?.kind === 'missing' && problem.password ? errors[errors.length - 1]?.message : undefined;

  return (
    <div class="row">
      <div class="col-12 col-md-8 col-lg-6">
        <PageHeading title={t('login.title')}>{t('login.title')}</PageHeading>
        {shown === 'loggedOut' ? (
          <Alert kind="success" live="status">
            <p class="alert-text">{t('login.notice.loggedOut')}</p>
          </Alert>
        ) : null}
        {shown === 'loggedOutHere' ? (
          <Alert kind="warning" live="status">
            <p class="alert-text">{t('login.notice.loggedOutHere')}</p>
          </Alert>
        ) : null}
        {shown === 'expired' ? (
          <Alert kind="info" live="status">
            <p class="alert-text">{t('login.notice.expired')}</p>
          </Alert>
        ) : null}
        {shown === 'csrf' ? (
          <Alert kind="warning" live="status">
            <p class="alert-text">{t('login.notice.csrf')}</p>
          </Alert>
        ) : null}
        <p class="font-lead">{t('login.intro')}</p>
        <ErrorSummary errors={errors} focusKey={attempt} />
        <form class="login-form" noValidate onSubmit={(e) => void onSubmit(e)} aria-label={t('login.title')}>
          <div class={`form-group${usernameError ? ' form-error' : ''}`}>
            <label class="form-label" for={USERNAME}>
              {t('login.username')}
            </label>
            <FieldErrorMessage id={`${USERNAME}-error`} message={usernameError} />
            <input
              class="form-input"
              id={USERNAME}
              name="username"
              type="text"
              autocomplete="username"
              autocapitalize="none"
              spellcheck={false}
              required
              value={username}
              aria-invalid={usernameError ? 'true' : undefined}
              aria-describedby={usernameError ? `${USERNAME}-error` : undefined}
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
          </div>
          <div class={`form-group${passwordError ? ' form-error' : ''}`}>
            <label class="form-label" for={PASSWORD}>
              {t('login.password')}
            </label>
            <FieldErrorMessage id={`${PASSWORD}-error`} message={passwordError} />
            <input
              class="form-input"
              id={PASSWORD}
              name="password"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              aria-invalid={passwordError ? 'true' : undefined}
              aria-describedby={passwordError ? `${PASSWORD}-error` : undefined}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button button-primary mt-5" disabled={busy} aria-disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </div>
    </div>
  );
}
