// The safety alert and follow-up form when the latest PHQ-9 has the safety
// flag, and the history of safety follow-ups.
import { useState } from 'preact/hooks';
import { recordSafetyFollowup, type Assessment, type SafetyFollowup } from '../api';
import { todayInDenmark } from '../identifier';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { SAFETY_ACTIONS, safetyActionLabel } from '../labels';
import type { Async } from '../useAsync';
import { DateField, RadioGroup, TextArea, isIsoDate } from './fields';
import { FormOutcome, useFormState } from './formState';
import { Alert, LoadError, type FieldError } from './ui';

/** The latest current PHQ-9 (by date, then id). */
function latestPhq9(items: Assessment[]): Assessment | null {
  let best: Assessment | null = null;
  for (const a of items) {
    if (a.instrument !== 'phq9' || !a.current) continue;
    if (!best || a.date > best.date || (a.date === best.date && a.id > best.id)) best = a;
  }
  return best;
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
  const f = useFormState({ '/date': id('date'), '/action': id('action-0'), '/note': id('note') });
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
