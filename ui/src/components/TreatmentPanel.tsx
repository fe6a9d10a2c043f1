// The treatment track of one enrolment (health staff on the team): the safety
// alert and follow-up form when the latest PHQ-9 has the safety flag, the
// status buttons, eligibility (suggestion, decision form, history),
// questionnaires (form with live score, history, trajectory chart), the
// treatment plan, sessions, and case-review recommendations. Everything shown
// is what the API answers.
import { useState } from 'preact/hooks';
import {
  ApiError,
  fetchCaseReviews,
  fetchEligibility,
  fetchSafetyFollowups,
  fetchSessions,
  fetchTreatmentPlan,
  newIdempotencyKey,
  recordEligibility,
  recordSafetyFollowup,
  recordSession,
  saveTreatmentPlan,
  updateEnrolmentStatus,
  type Assessment,
  type Assessments,
  type Eligibility,
  type Enrolment,
  type SafetyFollowup,
  type TreatmentPlan,
  type User,
} from '../api';
import { todayInDenmark } from '../identifier';
import { t, type PlainMessageKey } from '../i18n';
import { formatDate } from '../i18n/format';
import {
  DECISIONS,
  MODALITIES,
  SAFETY_ACTIONS,
  SESSION_KINDS,
  bandLabel,
  decisionLabel,
  eligibilityResultLabel,
  modalityLabel,
  occasionLabel,
  reasonLabel,
  safetyActionLabel,
  sessionKindLabel,
  statusLabel,
} from '../labels';
import { isSupervisingClinician } from '../session';
import { useAsync, type Async } from '../useAsync';
import { CaseReviewForm } from './CaseReviewPage';
import { DateField, FlagTags, RadioGroup, SelectField, TextArea, TextField, isIsoDate, saveFailureText } from './fields';
import { QuestionnaireForm } from './QuestionnaireForm';
import { TrajectoryChart } from './TrajectoryChart';
import { Alert, ErrorSummary, LoadError, Loading, failureText, type FieldError } from './ui';

const INSTRUMENT_NAMES: Readonly<Record<string, string>> = {
  phq9: 'PHQ-9',
  gad7: 'GAD-7',
  who5: 'WHO-5',
  pss10: 'PSS-10',
  mdi: 'MDI',
  wsas: 'WSAS',
};
const instrumentName = (id: string) => INSTRUMENT_NAMES[id] ?? id;

export function TreatmentPanel({
  enrolment,
  user,
  assessments,
  reloadAssessments,
  onEnrolmentChanged,
}: {
  enrolment: Enrolment;
  user: User;
  assessments: Assessments;
  reloadAssessments: () => void;
  onEnrolmentChanged: () => void;
}) {
  const eid = enrolment.id;
  const [followups, reloadFollowups] = useAsync((s) => fetchSafetyFollowups(eid, s), [eid]);
  const [eligibility, reloadEligibility] = useAsync((s) => fetchEligibility(eid, s), [eid]);

  const afterAssessment = () => {
    reloadAssessments();
    reloadEligibility();
  };

  return (
    <div class="treatment">
      <SafetyBlock
        enrolmentId={eid}
        assessments={assessments.items}
        followups={followups}
        onRecorded={() => {
          reloadFollowups();
          onEnrolmentChanged();
        }}
      />
      <StatusBlock enrolment={enrolment} onChanged={onEnrolmentChanged} />
      <EligibilityBlock enrolmentId={eid} state={eligibility} reload={reloadEligibility} />
      <QuestionnaireForm enrolmentId={eid} status={enrolment.status} onRecorded={afterAssessment} />
      <AssessmentHistory enrolmentId={eid} assessments={assessments} />
      <PlanBlock enrolmentId={eid} />
      <SessionsBlock enrolmentId={eid} />
      <ReviewsBlock enrolmentId={eid} user={user} />
    </div>
  );
}

// --- safety -----------------------------------------------------------------------

/** The latest current PHQ-9 (by date, then id). */
function latestPhq9(items: Assessment[]): Assessment | null {
  let best: Assessment | null = null;
  for (const a of items) {
    if (a.instrument !== 'phq9' || !a.current) continue;
    if (!best || a.date > best.date || (a.date === best.date && a.id > best.id)) best = a;
  }
  return best;
}

function SafetyBlock({
  enrolmentId,
  assessments,
  followups,
  onRecorded,
}: {
  enrolmentId: number;
  assessments: Assessment[];
  followups: Async<{ items: SafetyFollowup[] }>;
  onRecorded: () => void;
}) {
  const latest = latestPhq9(assessments);
  const items = followups.kind === 'ready' ? followups.data.items : [];
  const flagged = latest !== null && latest.flags.includes('safety');
  // A follow-up dated on or after the flagged assessment answers it (as the caseload counts it).
  const answered = flagged ? items.filter((f) => f.date >= latest.date) : [];
  const open = flagged && followups.kind === 'ready' && answered.length === 0;
  const headingId = `safety-${enrolmentId}-heading`;
  if (!flagged && items.length === 0) return null;
  return (
    <section class="treatment-block safety-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('safety.heading')}</h4>
      {open && latest ? (
        <Alert kind="error" heading={t('safety.alert.heading')}>
          <p class="alert-text">{t('safety.alert.text', { date: formatDate(latest.date) })}</p>
        </Alert>
      ) : null}
      {flagged && answered.length > 0 ? (
        <p>{t('safety.done', { date: formatDate(answered[answered.length - 1]!.date) })}</p>
      ) : null}
      {followups.kind === 'error' ? <LoadError heading="treatment.error.heading" error={followups.error} /> : null}
      {open && latest ? (
        <SafetyForm enrolmentId={enrolmentId} assessmentId={latest.id} onRecorded={onRecorded} />
      ) : null}
      {items.length > 0 ? (
        <div class="table--responsive-scroll">
          <table class="table table--compact">
            <caption>{t('safety.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.date')}</th>
                <th scope="col">{t('safety.col.action')}</th>
                <th scope="col">{t('common.note')}</th>
              </tr>
            </thead>
            <tbody>
              {[...items].reverse().map((f) => (
                <tr key={f.id}>
                  <td>{formatDate(f.date)}</td>
                  <td>{safetyActionLabel(f.action)}</td>
                  <td>{f.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** State shared by the small forms: field errors, the error summary's focus, busy, outcome, idempotency key. */
function useFormState() {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const check = (found: FieldError[]): boolean => {
    setErrors(found);
    setSaved(null);
    setFailure(null);
    setAttempt((n) => n + 1);
    return found.length === 0;
  };
  const run = async (save: (key: string) => Promise<string>) => {
    setBusy(true);
    try {
      setSaved(await save(key));
      setKey(newIdempotencyKey());
    } catch (err) {
      // An ApiError says what the server refused; a plain Error carries our own text (a stale plan).
      setFailure(err instanceof Error && !(err instanceof ApiError) ? err.message : saveFailureText(err));
      setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  return { errors, attempt, busy, saved, failure, check, run, errorOf };
}

function FormOutcome({ f }: { f: ReturnType<typeof useFormState> }) {
  return (
    <>
      {f.saved ? (
        <Alert kind="success" live="status">
          <p class="alert-text">{f.saved}</p>
        </Alert>
      ) : null}
      {f.failure ? (
        <Alert kind="error" live="alert">
          <p class="alert-text">{f.failure}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={f.errors} focusKey={f.attempt} />
    </>
  );
}

function SafetyForm({
  enrolmentId,
  assessmentId,
  onRecorded,
}: {
  enrolmentId: number;
  assessmentId: number;
  onRecorded: () => void;
}) {
  const id = (name: string) => `safety-${enrolmentId}-${name}`;
  const f = useFormState();
  const [date, setDate] = useState(todayInDenmark);
  const [action, setAction] = useState('');
  const [note, setNote] = useState('');
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (action === '') found.push({ field: id('action-0'), message: t('form.error.choose') });
    if (note.trim() === '') found.push({ field: id('note'), message: t('form.error.required') });
    if (!isIsoDate(date)) found.push({ field: id('date'), message: t('form.error.date') });
    if (!f.check(found)) return;
    void f.run(async (key) => {
      await recordSafetyFollowup(
        enrolmentId,
        { date, action, note: note.trim(), assessment_id: assessmentId },
        key,
      );
      setAction('');
      setNote('');
      onRecorded();
      return t('safetyForm.saved');
    });
  };
  return (
    <form noValidate aria-labelledby={id('form-heading')} onSubmit={onSubmit}>
      <h5 id={id('form-heading')}>{t('safetyForm.heading')}</h5>
      <FormOutcome f={f} />
      <RadioGroup
        id={id('action')}
        label={t('safetyForm.action')}
        value={action}
        onChange={setAction}
        error={f.errorOf(id('action-0'))}
        options={SAFETY_ACTIONS.map((a) => ({ value: a, label: safetyActionLabel(a) }))}
      />
      <TextArea id={id('note')} label={t('common.note')} value={note} onInput={setNote} error={f.errorOf(id('note'))} />
      <DateField id={id('date')} label={t('common.date')} value={date} onInput={setDate} error={f.errorOf(id('date'))} />
      <button type="submit" class="button button-primary" disabled={f.busy}>
        {f.busy ? t('common.saving') : t('safetyForm.submit')}
      </button>
    </form>
  );
}

// --- status -------------------------------------------------------------------------

const NEXT_STATUS: Readonly<Record<string, { to: string; label: PlainMessageKey }[]>> = {
  referred: [{ to: 'screening', label: 'treatment.status.toScreening' }],
  screening: [{ to: 'active', label: 'treatment.status.toActive' }],
  active: [
    { to: 'aftercare', label: 'treatment.status.toAftercare' },
    { to: 'completed', label: 'treatment.status.toCompleted' },
  ],
  aftercare: [{ to: 'completed', label: 'treatment.status.toCompleted' }],
};

function StatusBlock({ enrolment, onChanged }: { enrolment: Enrolment; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const moves = NEXT_STATUS[enrolment.status] ?? [];
  const headingId = `status-${enrolment.id}-heading`;
  const move = async (to: string) => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      const changed = await updateEnrolmentStatus(enrolment.id, enrolment.version, to);
      setMessage({ kind: 'success', text: t('treatment.status.saved', { status: statusLabel(changed.status) }) });
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setMessage({ kind: 'error', text: t('treatment.status.stale') });
        onChanged();
      } else if (err instanceof ApiError && err.status === 422) {
        setMessage({ kind: 'error', text: t('treatment.status.refused') });
      } else {
        setMessage({ kind: 'error', text: t('treatment.status.failed', { reason: failureText(err) }) });
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="treatment-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('treatment.status.heading')}</h4>
      <p>{t('treatment.status.current', { status: statusLabel(enrolment.status) })}</p>
      {message ? (
        <Alert kind={message.kind} live={message.kind === 'error' ? 'alert' : 'status'}>
          <p class="alert-text">{message.text}</p>
        </Alert>
      ) : null}
      {moves.length === 0 ? (
        <p>{t('treatment.status.none')}</p>
      ) : (
        <div class="status-buttons">
          {moves.map((m, i) => (
            <button
              key={m.to}
              type="button"
              class={`button ${i === 0 ? 'button-primary' : 'button-secondary'} mr-4`}
              disabled={busy}
              onClick={() => void move(m.to)}
            >
              {t(m.label)}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

// --- eligibility ----------------------------------------------------------------------

function EligibilityBlock({
  enrolmentId,
  state,
  reload,
}: {
  enrolmentId: number;
  state: Async<Eligibility>;
  reload: () => void;
}) {
  const headingId = `eligibility-${enrolmentId}-heading`;
  return (
    <section class="treatment-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('eligibility.heading')}</h4>
      {state.kind === 'loading' ? <Loading text={t('treatment.loading')} /> : null}
      {state.kind === 'error' ? (
        state.error instanceof ApiError && state.error.status === 404 ? (
          <p>{t('eligibility.unavailable')}</p>
        ) : (
          <LoadError heading="treatment.error.heading" error={state.error} onRetry={reload} />
        )
      ) : null}
      {state.kind === 'ready' ? <EligibilityView enrolmentId={enrolmentId} data={state.data} onRecorded={reload} /> : null}
    </section>
  );
}

function EligibilityView({
  enrolmentId,
  data,
  onRecorded,
}: {
  enrolmentId: number;
  data: Eligibility;
  onRecorded: () => void;
}) {
  const { suggestion, in_force: inForce, decisions } = data;
  return (
    <>
      <dl class="facts" data-testid="eligibility">
        <div>
          <dt>{t('eligibility.suggestion')}</dt>
          <dd data-result={suggestion.result}>{eligibilityResultLabel(suggestion.result)}</dd>
        </div>
        <div>
          <dt>{t('eligibility.reasons')}</dt>
          <dd>
            {suggestion.reasons.length === 0 ? (
              t('eligibility.reasons.none')
            ) : (
              <ul class="reason-list">
                {suggestion.reasons.map((r) => (
                  <li key={r}>{reasonLabel(r)}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('eligibility.inForce')}</dt>
          <dd>
            {inForce
              ? t('eligibility.inForce.value', { decision: decisionLabel(inForce.decision), date: formatDate(inForce.date) })
              : t('eligibility.inForce.none')}
          </dd>
        </div>
      </dl>
      {decisions.length > 0 ? (
        <div class="table--responsive-scroll">
          <table class="table table--compact">
            <caption>{t('eligibility.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.date')}</th>
                <th scope="col">{t('eligibility.col.decision')}</th>
                <th scope="col">{t('eligibility.col.suggestion')}</th>
                <th scope="col">{t('eligibility.col.why')}</th>
                <th scope="col">{t('eligibility.col.decidedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {[...decisions].reverse().map((d) => (
                <tr key={d.id}>
                  <td>{formatDate(d.date)}</td>
                  <td>
                    {decisionLabel(d.decision)}
                    {d.referred_to ? ` (${d.referred_to})` : ''}
                  </td>
                  <td>{eligibilityResultLabel(d.suggestion)}</td>
                  <td>{d.why}</td>
                  <td>{d.decided_by.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <EligibilityForm enrolmentId={enrolmentId} onRecorded={onRecorded} />
    </>
  );
}

function EligibilityForm({ enrolmentId, onRecorded }: { enrolmentId: number; onRecorded: () => void }) {
  const id = (name: string) => `eligibility-${enrolmentId}-${name}`;
  const f = useFormState();
  const [decision, setDecision] = useState('');
  const [referredTo, setReferredTo] = useState('');
  const [why, setWhy] = useState('');
  const [date, setDate] = useState(todayInDenmark);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (decision === '') found.push({ field: id('decision-0'), message: t('form.error.choose') });
    if (decision === 'referred_elsewhere' && referredTo.trim() === '') {
      found.push({ field: id('referred-to'), message: t('form.error.required') });
    }
    if (why.trim() === '') found.push({ field: id('why'), message: t('form.error.required') });
    if (!isIsoDate(date)) found.push({ field: id('date'), message: t('form.error.date') });
    if (!f.check(found)) return;
    void f.run(async (key) => {
      await recordEligibility(
        enrolmentId,
        {
          decision,
          why: why.trim(),
          date,
          ...(decision === 'referred_elsewhere' ? { referred_to: referredTo.trim() } : {}),
        },
        key,
      );
      const text = t('eligibilityForm.saved', { decision: decisionLabel(decision) });
      setDecision('');
      setReferredTo('');
      setWhy('');
      onRecorded();
      return text;
    });
  };
  return (
    <form noValidate aria-labelledby={id('form-heading')} onSubmit={onSubmit}>
      <h5 id={id('form-heading')}>{t('eligibilityForm.heading')}</h5>
      <FormOutcome f={f} />
      <RadioGroup
        id={id('decision')}
        label={t('eligibilityForm.decision')}
        value={decision}
        onChange={setDecision}
        error={f.errorOf(id('decision-0'))}
        options={DECISIONS.map((d) => ({ value: d, label: decisionLabel(d) }))}
      />
      {decision === 'referred_elsewhere' ? (
        <TextField
          id={id('referred-to')}
          label={t('eligibilityForm.referredTo')}
          hint={t('eligibilityForm.referredTo.hint')}
          value={referredTo}
          onInput={setReferredTo}
          error={f.errorOf(id('referred-to'))}
        />
      ) : null}
      <TextArea id={id('why')} label={t('eligibilityForm.why')} value={why} onInput={setWhy} error={f.errorOf(id('why'))} />
      <DateField id={id('date')} label={t('common.date')} value={date} onInput={setDate} error={f.errorOf(id('date'))} />
      <button type="submit" class="button button-primary" disabled={f.busy}>
        {f.busy ? t('common.saving') : t('eligibilityForm.submit')}
      </button>
    </form>
  );
}

// --- assessment history and chart ------------------------------------------------------

function AssessmentHistory({ enrolmentId, assessments }: { enrolmentId: number; assessments: Assessments }) {
  const headingId = `assessments-${enrolmentId}-heading`;
  const chartHeadingId = `assessments-${enrolmentId}-chart-heading`;
  const baselines = new Set(Object.values(assessments.baseline));
  const items = [...assessments.items].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id));
  const hasTrajectory = assessments.items.some((a) => a.current && (a.instrument === 'phq9' || a.instrument === 'gad7'));
  return (
    <>
      <section class="treatment-block" aria-labelledby={headingId}>
        <h4 id={headingId}>{t('assessments.heading')}</h4>
        {items.length === 0 ? (
          <p>{t('assessments.empty')}</p>
        ) : (
          <div class="table--responsive-scroll">
            <table class="table table--compact" id={`assessments-${enrolmentId}`}>
              <caption>{t('assessments.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.date')}</th>
                  <th scope="col">{t('assessments.col.instrument')}</th>
                  <th scope="col">{t('assessments.col.occasion')}</th>
                  <th scope="col">{t('assessments.col.total')}</th>
                  <th scope="col">{t('assessments.col.band')}</th>
                  <th scope="col">{t('assessments.col.flags')}</th>
                  <th scope="col">{t('assessments.col.by')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id} class={a.current ? undefined : 'assessment-corrected'}>
                    <td>{formatDate(a.date)}</td>
                    <td>
                      {instrumentName(a.instrument)}{' '}
                      {!a.current ? <span class="tag tag-static">{t('assessments.corrected')}</span> : null}
                      {a.corrects ? <span class="tag tag-static">{t('assessments.correction')}</span> : null}
                      {baselines.has(a.id) ? <span class="tag tag-static">{t('assessments.baseline')}</span> : null}
                    </td>
                    <td>{occasionLabel(a.occasion)}</td>
                    <td>{a.current ? a.total : <del>{a.total}</del>}</td>
                    <td>{a.band ? bandLabel(a.band) : t('common.none')}</td>
                    <td>
                      <FlagTags flags={a.flags} />
                    </td>
                    <td>{a.administered_by.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {hasTrajectory ? (
        <section class="treatment-block" aria-labelledby={chartHeadingId}>
          <h4 id={chartHeadingId}>{t('chart.heading')}</h4>
          <TrajectoryChart assessments={assessments.items} idPrefix={`assessments-${enrolmentId}`} />
        </section>
      ) : null}
    </>
  );
}

// --- treatment plan ------------------------------------------------------------------

function PlanBlock({ enrolmentId }: { enrolmentId: number }) {
  const [state, reload] = useAsync((s) => fetchTreatmentPlan(enrolmentId, s), [enrolmentId]);
  const headingId = `plan-${enrolmentId}-heading`;
  return (
    <section class="treatment-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('plan.heading')}</h4>
      {state.kind === 'loading' ? <Loading text={t('treatment.loading')} /> : null}
      {state.kind === 'error' ? <LoadError heading="treatment.error.heading" error={state.error} onRetry={reload} /> : null}
      {state.kind === 'ready' ? (
        <>
          {state.data ? (
            <dl class="facts">
              <div>
                <dt>{t('plan.startDate')}</dt>
                <dd>{formatDate(state.data.start_date)}</dd>
              </div>
              <div>
                <dt>{t('plan.focus')}</dt>
                <dd>{state.data.focus}</dd>
              </div>
              <div>
                <dt>{t('plan.modality')}</dt>
                <dd>{modalityLabel(state.data.modality)}</dd>
              </div>
              <div>
                <dt>{t('plan.target')}</dt>
                <dd>{state.data.target}</dd>
              </div>
              {state.data.aftercare_from ? (
                <div>
                  <dt>{t('plan.aftercareFrom')}</dt>
                  <dd>{formatDate(state.data.aftercare_from)}</dd>
                </div>
              ) : null}
            </dl>
          ) : (
            <p>{t('plan.none')}</p>
          )}
          <PlanForm key={state.data?.version ?? 0} enrolmentId={enrolmentId} plan={state.data} onSaved={reload} />
        </>
      ) : null}
    </section>
  );
}

function PlanForm({
  enrolmentId,
  plan,
  onSaved,
}: {
  enrolmentId: number;
  plan: TreatmentPlan | null;
  onSaved: () => void;
}) {
  const id = (name: string) => `plan-${enrolmentId}-${name}`;
  const f = useFormState();
  const [startDate, setStartDate] = useState(plan?.start_date ?? todayInDenmark());
  const [focus, setFocus] = useState(plan?.focus ?? '');
  const [modality, setModality] = useState(plan?.modality ?? '');
  const [target, setTarget] = useState(plan?.target ?? '');
  const [aftercare, setAftercare] = useState(plan?.aftercare_from ?? '');
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (!isIsoDate(startDate)) found.push({ field: id('start'), message: t('form.error.date') });
    if (focus.trim() === '') found.push({ field: id('focus'), message: t('form.error.required') });
    if (modality === '') found.push({ field: id('modality'), message: t('form.error.choose') });
    if (target.trim() === '') found.push({ field: id('target'), message: t('form.error.required') });
    if (aftercare !== '' && !isIsoDate(aftercare)) found.push({ field: id('aftercare'), message: t('form.error.date') });
    if (!f.check(found)) return;
    void f.run(async () => {
      try {
        await saveTreatmentPlan(
          enrolmentId,
          {
            start_date: startDate,
            focus: focus.trim(),
            modality,
            target: target.trim(),
            ...(aftercare !== '' ? { aftercare_from: aftercare } : {}),
          },
          plan ? plan.version : null,
        );
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) {
          onSaved();
          throw new Error(t('plan.stale'));
        }
        throw err;
      }
      onSaved();
      return t('plan.saved');
    });
  };
  return (
    <form noValidate aria-labelledby={id('form-heading')} onSubmit={onSubmit}>
      <h5 id={id('form-heading')}>{plan ? t('plan.form.update') : t('plan.form.create')}</h5>
      <FormOutcome f={f} />
      <DateField id={id('start')} label={t('plan.startDate')} value={startDate} onInput={setStartDate} error={f.errorOf(id('start'))} />
      <TextArea id={id('focus')} label={t('plan.focus')} value={focus} onInput={setFocus} error={f.errorOf(id('focus'))} />
      <SelectField
        id={id('modality')}
        label={t('plan.modality')}
        value={modality}
        onChange={setModality}
        placeholder={t('form.error.choose')}
        error={f.errorOf(id('modality'))}
        options={MODALITIES.map((m) => ({ value: m, label: modalityLabel(m) }))}
      />
      <TextArea id={id('target')} label={t('plan.target')} value={target} onInput={setTarget} error={f.errorOf(id('target'))} />
      <DateField
        id={id('aftercare')}
        label={t('plan.aftercareFrom.label')}
        value={aftercare}
        onInput={setAftercare}
        error={f.errorOf(id('aftercare'))}
      />
      <button type="submit" class="button button-primary" disabled={f.busy}>
        {f.busy ? t('common.saving') : plan ? t('plan.submit.update') : t('plan.submit.create')}
      </button>
    </form>
  );
}

// --- sessions ----------------------------------------------------------------------------

function SessionsBlock({ enrolmentId }: { enrolmentId: number }) {
  const [state, reload] = useAsync((s) => fetchSessions(enrolmentId, s), [enrolmentId]);
  const headingId = `sessions-${enrolmentId}-heading`;
  const id = (name: string) => `session-${enrolmentId}-${name}`;
  const f = useFormState();
  const [date, setDate] = useState(todayInDenmark);
  const [kind, setKind] = useState('');
  const [duration, setDuration] = useState('');
  const [note, setNote] = useState('');
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (kind === '') found.push({ field: id('kind'), message: t('form.error.choose') });
    if (!/^\d{1,3}$/.test(duration.trim()) || Number(duration) < 1) {
      found.push({ field: id('duration'), message: t('form.error.number') });
    }
    if (note.trim() === '') found.push({ field: id('note'), message: t('form.error.required') });
    if (!isIsoDate(date)) found.push({ field: id('date'), message: t('form.error.date') });
    if (!f.check(found)) return;
    void f.run(async (key) => {
      await recordSession(enrolmentId, { date, kind, duration_min: Number(duration), note: note.trim() }, key);
      setKind('');
      setDuration('');
      setNote('');
      reload();
      return t('sessionForm.saved');
    });
  };
  return (
    <section class="treatment-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('sessions.heading')}</h4>
      {state.kind === 'loading' ? <Loading text={t('treatment.loading')} /> : null}
      {state.kind === 'error' ? <LoadError heading="treatment.error.heading" error={state.error} onRetry={reload} /> : null}
      {state.kind === 'ready' ? (
        state.data.items.length === 0 ? (
          <p>{t('sessions.empty')}</p>
        ) : (
          <div class="table--responsive-scroll">
            <table class="table table--compact">
              <caption>{t('sessions.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.date')}</th>
                  <th scope="col">{t('sessions.col.kind')}</th>
                  <th scope="col">{t('sessions.col.duration')}</th>
                  <th scope="col">{t('common.note')}</th>
                </tr>
              </thead>
              <tbody>
                {[...state.data.items].reverse().map((s) => (
                  <tr key={s.id}>
                    <td>{formatDate(s.date)}</td>
                    <td>{sessionKindLabel(s.kind)}</td>
                    <td>{t('sessions.duration.value', { minutes: s.duration_min })}</td>
                    <td>{s.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      <form noValidate aria-labelledby={id('form-heading')} onSubmit={onSubmit}>
        <h5 id={id('form-heading')}>{t('sessionForm.heading')}</h5>
        <FormOutcome f={f} />
        <DateField id={id('date')} label={t('common.date')} value={date} onInput={setDate} error={f.errorOf(id('date'))} />
        <SelectField
          id={id('kind')}
          label={t('sessionForm.kind')}
          value={kind}
          onChange={setKind}
          placeholder={t('form.error.choose')}
          error={f.errorOf(id('kind'))}
          options={SESSION_KINDS.map((k) => ({ value: k, label: sessionKindLabel(k) }))}
        />
        <TextField
          id={id('duration')}
          label={t('sessionForm.duration')}
          value={duration}
          onInput={setDuration}
          inputMode="numeric"
          maxLength={3}
          error={f.errorOf(id('duration'))}
        />
        <TextArea id={id('note')} label={t('common.note')} value={note} onInput={setNote} error={f.errorOf(id('note'))} />
        <button type="submit" class="button button-primary" disabled={f.busy}>
          {f.busy ? t('common.saving') : t('sessionForm.submit')}
        </button>
      </form>
    </section>
  );
}

// --- case reviews ----------------------------------------------------------------------------

function ReviewsBlock({ enrolmentId, user }: { enrolmentId: number; user: User }) {
  const [state, reload] = useAsync((s) => fetchCaseReviews(enrolmentId, s), [enrolmentId]);
  const headingId = `reviews-${enrolmentId}-heading`;
  return (
    <section class="treatment-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('reviews.heading')}</h4>
      {state.kind === 'loading' ? <Loading text={t('treatment.loading')} /> : null}
      {state.kind === 'error' ? (
        state.error instanceof ApiError && state.error.status === 404 ? (
          <p>{t('reviews.unavailable')}</p>
        ) : (
          <LoadError heading="treatment.error.heading" error={state.error} onRetry={reload} />
        )
      ) : null}
      {state.kind === 'ready' ? (
        state.data.items.length === 0 ? (
          <p>{t('reviews.empty')}</p>
        ) : (
          <div class="table--responsive-scroll">
            <table class="table table--compact">
              <caption>{t('reviews.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.date')}</th>
                  <th scope="col">{t('reviews.col.recommendation')}</th>
                  <th scope="col">{t('reviews.col.flags')}</th>
                  <th scope="col">{t('reviews.col.reviewer')}</th>
                  <th scope="col">{t('reviews.col.task')}</th>
                </tr>
              </thead>
              <tbody>
                {[...state.data.items].reverse().map((r) => (
                  <tr key={r.id}>
                    <td>{formatDate(r.date)}</td>
                    <td>{r.recommendation}</td>
                    <td>
                      <FlagTags flags={r.flags} />
                    </td>
                    <td>{r.reviewer.name}</td>
                    <td>
                      {r.task
                        ? t('reviews.task.value', { owner: r.task.owner.name, text: r.task.text })
                        : t('common.none')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {isSupervisingClinician(user) ? <CaseReviewForm enrolmentId={enrolmentId} onRecorded={reload} /> : null}
    </section>
  );
}
