// Notes between the sectors about one young person (docs/api-contract.md, Team notes; IPS
// principle 3): the notes the reader may read, newest first, and a short form. A line says who
// can read a note: the author's own sector, the other sector only with the young person's consent.
import { useState } from 'preact/hooks';
import { createTeamNote, fetchTeamNotes, type TeamNote } from '../api';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { todayInDenmark } from '../identifier';
import { useAsync } from '../useAsync';
import { DateField, TextArea, dateFieldId, dateParts, isoDate } from './fields';
import { FormOutcome, useFormState } from './formState';
import { meetingDateErrors } from './MeetingFields';
import { FormButtons, OnDemandForm, type OnDemandControl } from './OnDemand';
import { LoadError, Loading } from './ui';

export function TeamNotes({ enrolmentId }: { enrolmentId: number }) {
  const [notes, reload] = useAsync((signal) => fetchTeamNotes(enrolmentId, signal), [enrolmentId]);
  const headingId = `team-notes-${enrolmentId}-heading`;
  return (
    <section class="plan-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('teamNotes.heading')}</h4>
      <p class="form-hint">{t('teamNotes.who')}</p>
      <OnDemandForm idPrefix={`team-note-${enrolmentId}`} label={t('teamNotes.open')}>
        {(control) => <NoteForm enrolmentId={enrolmentId} control={control} onSaved={reload} />}
      </OnDemandForm>
      {notes.kind === 'loading' ? <Loading text={t('jointPlan.loading')} /> : null}
      {notes.kind === 'error' ? <LoadError heading="jointPlan.error.heading" error={notes.error} onRetry={reload} /> : null}
      {notes.kind === 'ready' ? <NoteList notes={notes.data.items} /> : null}
    </section>
  );
}

function NoteList({ notes }: { notes: TeamNote[] }) {
  if (notes.length === 0) return <p>{t('teamNotes.empty')}</p>;
  return (
    <ul class="nobullet-list team-notes">
      {notes.map((n) => (
        <li key={n.id}>
          <p>
            <strong>{formatDate(n.date)}</strong>, {n.author.name} ({n.content_class === 'health' ? t('teamNotes.class.health') : t('teamNotes.class.employment')})
          </p>
          <p class="team-note-text">{n.text}</p>
        </li>
      ))}
    </ul>
  );
}

function NoteForm({ enrolmentId, control, onSaved }: { enrolmentId: number; control: OnDemandControl; onSaved: () => void }) {
  const id = (name: string) => `team-note-${enrolmentId}-${name}`;
  const f = useFormState({ '/date': dateFieldId(id('date')), '/text': id('text') }, control.saved);
  const [date, setDate] = useState(() => dateParts(todayInDenmark()));
  const [text, setText] = useState('');
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found = meetingDateErrors(date, id('date'));
    if (text.trim() === '') found.push({ field: id('text'), message: t('form.error.required') });
    const day = isoDate(date);
    if (!f.check(found) || day === null) return;
    void f.run(async (key) => {
      await createTeamNote(enrolmentId, { date: day, text: text.trim() }, key);
      onSaved();
      return t('teamNotes.saved');
    });
  };
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      <DateField id={id('date')} label={t('common.date')} value={date} onChange={setDate} error={f.errorOf(dateFieldId(id('date')))} />
      <TextArea id={id('text')} label={t('teamNotes.text')} hint={t('teamNotes.who')} value={text} onInput={setText} error={f.errorOf(id('text'))} />
      <FormButtons submit={t('teamNotes.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}
