// The safety alert when the latest PHQ-9 has the safety flag and no follow-up
// answers it, the follow-up form (opened on demand from the alert), and the
// history of safety follow-ups. safetyState() is shared with the citizen
// page's overview, which shows the same warning.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { recordSafetyFollowup, type Assessment, type SafetyFollowup } from '../api';
import { todayInDenmark } from '../identifier';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { SAFETY_ACTIONS, safetyActionLabel } from '../labels';
import type { Async } from '../useAsync';
import { DateField, RadioGroup, TextArea, dateError, dateFieldId, dateParts, isoDate } from './fields';
import { FormOutcome, useFormState } from './formState';
import { FormButtons, OnDemandForm, type OnDemandControl } from './OnDemand';
import { Alert, Cell, LoadError, type FieldError } from './ui';

/** The latest current PHQ-9 (by date, then id). */
function latestPhq9(items: readonly Assessment[]): Assessment | null {
  let best: Assessment | null = null;
  for (const a of items) {
    if (a.instrument !== 'phq9' || !a.current) continue;
    if (!best || a.date > best.date || (a.date === best.date && a.id > best.id)) best = a;
  }
  return best;
}

export interface SafetyState {
  /** The latest PHQ-9 when it has the safety flag. */
  flagged: Assessment | null;
  /** Follow-ups dated on or after it (they answer it, as the caseload counts them). */
  answered: SafetyFollowup[];
  /** Flagged and not answered: needs attention now. */
  open: boolean;
}

/** Whether the latest PHQ-9's safety flag still waits for a follow-up (only once the follow-ups are known). */
export function safetyState(
  assessments: readonly Assessment[],
  followups: Async<{ items: SafetyFollowup[] }>,
): SafetyState {
  const latest = latestPhq9(assessments);
  const flagged = latest !== null && latest.flags.includes('safety') ? latest : null;
  const items = followups.kind === 'ready' ? followups.data.items : [];
  const answered = flagged ? items.filter((f) => f.date >= flagged.date) : [];
  return { flagged, answered, open: flagged !== null && followups.kind === 'ready' && answered.length === 0 };
}

/** The warning itself, on the treatment tab and on the overview. */
export function SafetyAlert({ date, children }: { date: string; children?: ComponentChildren }) {
  return (
    <Alert kind="error" heading={t('safety.alert.heading')}>
      <p class="alert-text">{t('safety.alert.text', { date: formatDate(date) })}</p>
      {children}
    </Alert>
  );
}

export function SafetyBlock({
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
  const { flagged, answered, open } = safetyState(assessments, followups);
  const items = followups.kind === 'ready' ? followups.data.items : [];
  const headingId = `safety-${enrolmentId}-heading`;
  if (!flagged && items.length === 0) return null;
  const col = { date: t('common.date'), action: t('safety.col.action'), note: t('common.note') };
  return (
    <section class="treatment-block safety-block" aria-labelledby={headingId}>
      <h4 id={headingId} tabIndex={-1}>
        {t('safety.heading')}
      </h4>
      {open && flagged ? <SafetyAlert date={flagged.date} /> : null}
      {flagged && answered.length > 0 ? (
        <p>{t('safety.done', { date: formatDate(answered[answered.length - 1]!.date) })}</p>
      ) : null}
      {followups.kind === 'error' ? <LoadError heading="treatment.error.heading" error={followups.error} /> : null}
      {flagged ? (
        // Kept while the flag is answered, so that the message of the save that answered it stays.
        <OnDemandForm
          idPrefix={`safety-${enrolmentId}`}
          label={t('safetyForm.heading')}
          buttonClass="button-primary"
          canOpen={open}
        >
          {(control) => (
            <SafetyForm enrolmentId={enrolmentId} assessmentId={flagged.id} control={control} onRecorded={onRecorded} />
          )}
        </OnDemandForm>
      ) : null}
      {items.length > 0 ? (
        <table class="table table--compact table--responsive-headers">
          <caption>{t('safety.history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{col.date}</th>
              <th scope="col">{col.action}</th>
              <th scope="col">{col.note}</th>
            </tr>
          </thead>
          <tbody>
            {[...items].reverse().map((f) => (
              <tr key={f.id}>
                <Cell title={col.date}>{formatDate(f.date)}</Cell>
                <Cell title={col.action}>{safetyActionLabel(f.action)}</Cell>
                <Cell title={col.note}>{f.note}</Cell>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function SafetyForm({
  enrolmentId,
  assessmentId,
  control,
  onRecorded,
}: {
  enrolmentId: number;
  assessmentId: number;
  control: OnDemandControl;
  onRecorded: () => void;
}) {
  const id = (name: string) => `safety-${enrolmentId}-${name}`;
  const f = useFormState({ '/date': dateFieldId(id('date')), '/action': id('action-0'), '/note': id('note') }, control.saved);
  const [date, setDate] = useState(() => dateParts(todayInDenmark()));
  const [action, setAction] = useState('');
  const [note, setNote] = useState('');
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (action === '') found.push({ field: id('action-0'), message: t('form.error.choose') });
    if (note.trim() === '') found.push({ field: id('note'), message: t('form.error.required') });
    const dateProblem = dateError(date, { required: true });
    if (dateProblem) found.push({ field: dateFieldId(id('date')), message: dateProblem });
    const iso = isoDate(date);
    if (!f.check(found) || iso === null) return;
    void f.run(async (key) => {
      await recordSafetyFollowup(enrolmentId, { date: iso, action, note: note.trim(), assessment_id: assessmentId }, key);
      onRecorded();
      return t('safetyForm.saved');
    });
  };
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
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
      <DateField id={id('date')} label={t('common.date')} value={date} onChange={setDate} error={f.errorOf(dateFieldId(id('date')))} />
      <FormButtons submit={t('safetyForm.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}
