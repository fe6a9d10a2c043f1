// Treatment sessions: the contacts recorded, and the form to record one (opened on demand).
import { useState } from 'preact/hooks';
import { fetchSessions, recordSession } from '../api';
import { todayInDenmark } from '../identifier';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { SESSION_KINDS, sessionKindLabel } from '../labels';
import { reasonText } from '../problem';
import { useAsync } from '../useAsync';
import { DateField, SelectField, TextArea, TextField, dateError, dateFieldId, dateParts, isoDate } from './fields';
import { FormOutcome, useFormState } from './formState';
import { FormButtons, OnDemandForm, type OnDemandControl } from './OnDemand';
import { Cell, LoadError, Loading, type FieldError } from './ui';

/** The longest session the server records, in minutes (src/api/sessions.c). */
const SESSION_MINUTES_MAX = 600;

export function SessionsBlock({ enrolmentId }: { enrolmentId: number }) {
  const [state, reload] = useAsync((s) => fetchSessions(enrolmentId, s), [enrolmentId]);
  const headingId = `sessions-${enrolmentId}-heading`;
  const col = {
    date: t('common.date'),
    kind: t('sessions.col.kind'),
    duration: t('sessions.col.duration'),
    note: t('common.note'),
  };
  return (
    <section class="treatment-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('sessions.heading')}</h4>
      <OnDemandForm idPrefix={`session-${enrolmentId}`} label={t('sessionForm.heading')}>
        {(control) => <SessionForm enrolmentId={enrolmentId} control={control} onRecorded={reload} />}
      </OnDemandForm>
      {state.kind === 'loading' ? <Loading text={t('treatment.loading')} /> : null}
      {state.kind === 'error' ? <LoadError heading="treatment.error.heading" error={state.error} onRetry={reload} /> : null}
      {state.kind === 'ready' ? (
        state.data.items.length === 0 ? (
          <p>{t('sessions.empty')}</p>
        ) : (
          <table class="table table--compact table--responsive-headers">
            <caption>{t('sessions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{col.date}</th>
                <th scope="col">{col.kind}</th>
                <th scope="col">{col.duration}</th>
                <th scope="col">{col.note}</th>
              </tr>
            </thead>
            <tbody>
              {[...state.data.items].reverse().map((s) => (
                <tr key={s.id}>
                  <Cell title={col.date}>{formatDate(s.date)}</Cell>
                  <Cell title={col.kind}>{sessionKindLabel(s.kind)}</Cell>
                  <Cell title={col.duration}>{t('sessions.duration.value', { minutes: s.duration_min })}</Cell>
                  <Cell title={col.note}>{s.note}</Cell>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}

function SessionForm({
  enrolmentId,
  control,
  onRecorded,
}: {
  enrolmentId: number;
  control: OnDemandControl;
  onRecorded: () => void;
}) {
  const id = (name: string) => `session-${enrolmentId}-${name}`;
  const f = useFormState(
    {
      '/date': dateFieldId(id('date')),
      '/kind': id('kind'),
      '/duration_min': id('duration'),
      '/note': id('note'),
    },
    control.saved,
  );
  const [date, setDate] = useState(() => dateParts(todayInDenmark()));
  const [kind, setKind] = useState('');
  const [duration, setDuration] = useState('');
  const [note, setNote] = useState('');
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    const dateProblem = dateError(date, { required: true });
    if (dateProblem) found.push({ field: dateFieldId(id('date')), message: dateProblem });
    if (kind === '') found.push({ field: id('kind'), message: t('form.error.choose') });
    if (!/^\d{1,3}$/.test(duration.trim()) || Number(duration) < 1 || Number(duration) > SESSION_MINUTES_MAX) {
      // The range the server keeps (sessions.c: 1–600 minutes), said the way the server's reason would say it.
      found.push({ field: id('duration'), message: reasonText({ reason: 'out_of_range', min: 1, max: SESSION_MINUTES_MAX }) });
    }
    if (note.trim() === '') found.push({ field: id('note'), message: t('form.error.required') });
    const iso = isoDate(date);
    if (!f.check(found) || iso === null) return;
    void f.run(async (key) => {
      await recordSession(enrolmentId, { date: iso, kind, duration_min: Number(duration), note: note.trim() }, key);
      onRecorded();
      return t('sessionForm.saved');
    });
  };
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      <DateField id={id('date')} label={t('common.date')} value={date} onChange={setDate} error={f.errorOf(dateFieldId(id('date')))} />
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
      <FormButtons submit={t('sessionForm.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}
