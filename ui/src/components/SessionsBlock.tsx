// Treatment sessions: the contacts recorded, and the form to record one.
import { useState } from 'preact/hooks';
import { fetchSessions, recordSession } from '../api';
import { todayInDenmark } from '../identifier';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { SESSION_KINDS, sessionKindLabel } from '../labels';
import { reasonText } from '../problem';
import { useAsync } from '../useAsync';
import { DateField, SelectField, TextArea, TextField, isIsoDate } from './fields';
import { FormOutcome, useFormState } from './formState';
import { LoadError, Loading, type FieldError } from './ui';

/** The longest session the server records, in minutes (src/api/sessions.c). */
const SESSION_MINUTES_MAX = 600;

export function SessionsBlock({ enrolmentId }: { enrolmentId: number }) {
  const [state, reload] = useAsync((s) => fetchSessions(enrolmentId, s), [enrolmentId]);
  const headingId = `sessions-${enrolmentId}-heading`;
  const id = (name: string) => `session-${enrolmentId}-${name}`;
  const f = useFormState({
    '/date': id('date'),
    '/kind': id('kind'),
    '/duration_min': id('duration'),
    '/note': id('note'),
  });
  const [date, setDate] = useState(todayInDenmark);
  const [kind, setKind] = useState('');
  const [duration, setDuration] = useState('');
  const [note, setNote] = useState('');
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (kind === '') found.push({ field: id('kind'), message: t('form.error.choose') });
    if (!/^\d{1,3}$/.test(duration.trim()) || Number(duration) < 1 || Number(duration) > SESSION_MINUTES_MAX) {
      // The range the server keeps (sessions.c: 1–600 minutes), said the way the server's reason would say it.
      found.push({ field: id('duration'), message: reasonText({ reason: 'out_of_range', min: 1, max: SESSION_MINUTES_MAX }) });
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
