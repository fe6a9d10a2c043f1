// Consents of one enrolment: what is in force, the history, and a DKFDS form
// (opened on demand) to record a consent given or withdrawn (scope, decision,
// date). The newest row per scope is in force, so a withdrawal takes effect at
// once.
import { useState } from 'preact/hooks';
import {
  ApiError,
  CONSENT_SCOPES,
  fetchConsents,
  newIdempotencyKey,
  recordConsent,
  type ConsentScope,
  type Consents,
} from '../api';
import { todayInDenmark } from '../identifier';
import { t } from '../i18n';
import { formatDate, formatDateTime } from '../i18n/format';
import { scopeLabel } from '../labels';
import { reasonText } from '../problem';
import { useAsync } from '../useAsync';
import { DateField, dateFieldId, dateParts, isEmptyDate, isoDate, type DateParts } from './fields';
import { OnDemandForm, type OnDemandControl } from './OnDemand';
import { Alert, Cell, ErrorSummary, FieldErrorMessage, LoadError, Loading, failureText, type FieldError } from './ui';

export function ConsentsBlock({ enrolmentId, onRecorded }: { enrolmentId: number; onRecorded: () => void }) {
  const [state, reload] = useAsync((signal) => fetchConsents(enrolmentId, signal), [enrolmentId]);
  const headingId = `enrolment-${enrolmentId}-consents`;

  return (
    <section class="consents" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('consents.heading')}</h4>
      {state.kind === 'loading' ? <Loading text={t('consents.loading')} /> : null}
      {state.kind === 'error' ? (
        <LoadError heading="consents.error.heading" error={state.error} onRetry={reload} />
      ) : null}
      <OnDemandForm idPrefix={`consent-${enrolmentId}`} label={t('consentForm.heading')}>
        {(control) => (
          <ConsentForm
            enrolmentId={enrolmentId}
            control={control}
            onRecorded={() => {
              reload();
              onRecorded();
            }}
          />
        )}
      </OnDemandForm>
      {state.kind === 'ready' ? <ConsentsView enrolmentId={enrolmentId} consents={state.data} /> : null}
    </section>
  );
}

function ConsentsView({ enrolmentId, consents }: { enrolmentId: number; consents: Consents }) {
  const col = {
    scope: t('consents.col.scope'),
    decision: t('consents.col.decision'),
    date: t('consents.col.date'),
    recordedBy: t('consents.col.recordedBy'),
    recordedAt: t('consents.col.recordedAt'),
  };
  return (
    <>
      <dl class="facts consents-in-force" aria-label={t('consents.inForce')}>
        {CONSENT_SCOPES.map((scope) => (
          <div key={scope}>
            <dt>{scopeLabel(scope)}</dt>
            <dd>{consents.in_force[scope] ? t('consents.given') : t('consents.notGiven')}</dd>
          </div>
        ))}
      </dl>
      {consents.items.length === 0 ? (
        <p>{t('consents.history.empty')}</p>
      ) : (
        <table class="table table--compact table--responsive-headers" id={`enrolment-${enrolmentId}-consent-history`}>
          <caption>{t('consents.history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{col.scope}</th>
              <th scope="col">{col.decision}</th>
              <th scope="col">{col.date}</th>
              <th scope="col">{col.recordedBy}</th>
              <th scope="col">{col.recordedAt}</th>
            </tr>
          </thead>
          <tbody>
            {/* Newest first, as the access log. */}
            {[...consents.items].reverse().map((c) => (
              <tr key={c.id}>
                <Cell title={col.scope}>{scopeLabel(c.scope)}</Cell>
                <Cell title={col.decision}>
                  {c.given ? t('consents.decision.given') : t('consents.decision.withdrawn')}
                </Cell>
                <Cell title={col.date}>{formatDate(c.date)}</Cell>
                <Cell title={col.recordedBy}>{c.recorded_by_name}</Cell>
                <Cell title={col.recordedAt}>{formatDateTime(c.recorded_at)}</Cell>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

type Problem =
  | {
      kind: 'fields';
      scope?: true;
      given?: true;
      date?: 'missing' | 'future' | 'invalid';
      /** What the server said about a member, in the reader's language, shown at its field. */
      server?: { field: '/scope' | '/given' | '/date'; text: string };
    }
  | { kind: 'forbidden' }
  | { kind: 'failed'; error: unknown };

function isScope(value: string): value is ConsentScope {
  return (CONSENT_SCOPES as readonly string[]).includes(value);
}

function ConsentForm({
  enrolmentId,
  control,
  onRecorded,
}: {
  enrolmentId: number;
  control: OnDemandControl;
  onRecorded: () => void;
}) {
  const id = (name: string) => `consent-${enrolmentId}-${name}`;
  const [scope, setScope] = useState('');
  const [given, setGiven] = useState<'' | 'yes' | 'no'>('');
  const [date, setDate] = useState<DateParts>(() => dateParts(todayInDenmark()));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [attempt, setAttempt] = useState(0);
  // One key per intended consent: a retry after a lost answer creates nothing twice.
  const [idemKey, setIdemKey] = useState(newIdempotencyKey);

  const fail = (next: Problem) => {
    setProblem(next);
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const today = todayInDenmark();
    const fields: Extract<Problem, { kind: 'fields' }> = { kind: 'fields' };
    if (!isScope(scope)) fields.scope = true;
    if (given === '') fields.given = true;
    const iso = isoDate(date);
    if (iso === null) fields.date = isEmptyDate(date) ? 'missing' : 'invalid';
    else if (iso > today) fields.date = 'future';
    if (fields.scope || fields.given || fields.date || !isScope(scope) || iso === null) {
      fail(fields);
      return;
    }
    setBusy(true);
    try {
      await recordConsent(enrolmentId, { scope, given: given === 'yes', date: iso }, idemKey);
      setIdemKey(newIdempotencyKey());
      onRecorded();
      control.saved(
        t('consentForm.saved', {
          scope: scopeLabel(scope),
          decision: given === 'yes' ? t('consents.decision.given') : t('consents.decision.withdrawn'),
        }),
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const field = err.field ?? '';
        const text = err.reason ? reasonText(err.reason, scopeLabel) : null;
        if ((field === '/scope' || field === '/given' || field === '/date') && text !== null)
          fail({ kind: 'fields', server: { field, text } });
        else if (field === '/scope') fail({ kind: 'fields', scope: true });
        else if (field === '/given') fail({ kind: 'fields', given: true });
        else if (field === '/date') fail({ kind: 'fields', date: 'invalid' });
        else fail({ kind: 'failed', error: err });
        setIdemKey(newIdempotencyKey());
      } else if (err instanceof ApiError && err.status === 403 && err.code === 'forbidden') {
        fail({ kind: 'forbidden' });
      } else {
        fail({ kind: 'failed', error: err });
      }
    } finally {
      setBusy(false);
    }
  };

  const errors: FieldError[] = [];
  let scopeError: string | undefined;
  let givenError: string | undefined;
  let dateError: string | undefined;
  if (problem?.kind === 'fields') {
    if (problem.scope) scopeError = t('consentForm.error.scopeMissing');
    if (problem.given) givenError = t('consentForm.error.givenMissing');
    if (problem.date === 'missing') dateError = t('consentForm.error.dateMissing');
    if (problem.date === 'invalid') dateError = t('consentForm.error.dateInvalid');
    if (problem.date === 'future') dateError = t('consentForm.error.dateFuture');
    if (problem.server?.field === '/scope') scopeError = problem.server.text;
    if (problem.server?.field === '/given') givenError = problem.server.text;
    if (problem.server?.field === '/date') dateError = problem.server.text;
    if (scopeError) errors.push({ field: id('scope'), message: scopeError });
    if (givenError) errors.push({ field: id('given-yes'), message: givenError });
    if (dateError) errors.push({ field: dateFieldId(id('date')), message: dateError });
  }

  return (
    <form
      class="consent-form"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-labelledby={control.headingId}
      aria-busy={busy}
    >
      {problem?.kind === 'forbidden' ? (
        <Alert kind="error" live="alert">
          <p class="alert-text">{t('consentForm.error.forbidden')}</p>
        </Alert>
      ) : null}
      {problem?.kind === 'failed' ? (
        <Alert kind="error" live="alert">
          <p class="alert-text">{t('consentForm.error.failed', { reason: failureText(problem.error) })}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} focusKey={attempt} />

      <div class={`form-group${scopeError ? ' form-error' : ''}`}>
        <label class="form-label" for={id('scope')}>
          {t('consentForm.scope')}
        </label>
        <FieldErrorMessage id={id('scope-error')} message={scopeError} />
        <select
          class="form-select"
          id={id('scope')}
          name="scope"
          value={scope}
          aria-invalid={scopeError ? 'true' : undefined}
          aria-describedby={scopeError ? id('scope-error') : undefined}
          onChange={(e) => setScope(e.currentTarget.value)}
        >
          <option value="">{t('consentForm.scope.choose')}</option>
          {CONSENT_SCOPES.map((s) => (
            <option key={s} value={s}>
              {scopeLabel(s)}
            </option>
          ))}
        </select>
      </div>

      <div class={`form-group${givenError ? ' form-error' : ''}`}>
        <fieldset aria-describedby={givenError ? id('given-error') : undefined}>
          <legend class="form-label">{t('consentForm.given.legend')}</legend>
          <FieldErrorMessage id={id('given-error')} message={givenError} />
          <div class="form-group-radio">
            <input
              type="radio"
              class="form-radio"
              id={id('given-yes')}
              name={id('given')}
              value="yes"
              checked={given === 'yes'}
              onChange={() => setGiven('yes')}
            />
            <label for={id('given-yes')}>{t('consentForm.given.yes')}</label>
          </div>
          <div class="form-group-radio">
            <input
              type="radio"
              class="form-radio"
              id={id('given-no')}
              name={id('given')}
              value="no"
              checked={given === 'no'}
              onChange={() => setGiven('no')}
            />
            <label for={id('given-no')}>{t('consentForm.given.no')}</label>
          </div>
        </fieldset>
      </div>

      <DateField
        id={id('date')}
        label={t('consentForm.date')}
        hint={t('consentForm.date.hint')}
        value={date}
        onChange={setDate}
        error={dateError}
      />

      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t('consentForm.submitting') : t('consentForm.submit')}
        </button>
        <button type="button" class="button button-secondary" disabled={busy} onClick={control.close}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
