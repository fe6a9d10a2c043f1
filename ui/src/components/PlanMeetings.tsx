// The young person's meetings (docs/api-contract.md, Meetings): conversations, network meetings
// and the group sessions they take part in, with their own attendance only, newest first; the
// form for an individual conversation and, beside it, the network meeting's.
import { useState } from 'preact/hooks';
import { createConversation, fetchEnrolmentTeam, fetchMeetings, type Goal, type Meeting, type MeetingPlace, type User } from '../api';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { todayInDenmark } from '../identifier';
import { useAsync } from '../useAsync';
import { DateField, SelectField, TextArea, TextField, dateFieldId, dateParts, isoDate } from './fields';
import { FormOutcome, useFormState } from './formState';
import { MemberChecks, meetingDateErrors, meetingPlaceLabel, meetingPlaceOptions, memberErrorFields } from './MeetingFields';
import { NetworkMeetingForm } from './NetworkMeetingForm';
import { FormButtons, OnDemandForm, type OnDemandControl } from './OnDemand';
import { Cell, LoadError, Loading } from './ui';

export function PlanMeetings({
  enrolmentId,
  user,
  goals,
  onPlanChanged,
}: {
  enrolmentId: number;
  user: User;
  goals: Goal[];
  onPlanChanged: () => void;
}) {
  const [meetings, reload] = useAsync((signal) => fetchMeetings(enrolmentId, signal), [enrolmentId]);
  const headingId = `meetings-${enrolmentId}-heading`;
  return (
    <section class="plan-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('meetings.heading')}</h4>
      <OnDemandForm idPrefix={`conversation-${enrolmentId}`} label={t('meetings.conversation.open')}>
        {(control) => <ConversationForm enrolmentId={enrolmentId} user={user} control={control} onSaved={reload} />}
      </OnDemandForm>
      <NetworkMeetingForm
        enrolmentId={enrolmentId}
        user={user}
        goals={goals}
        onSaved={() => {
          reload();
          onPlanChanged();
        }}
      />
      {meetings.kind === 'loading' ? <Loading text={t('jointPlan.loading')} /> : null}
      {meetings.kind === 'error' ? <LoadError heading="jointPlan.error.heading" error={meetings.error} onRetry={reload} /> : null}
      {meetings.kind === 'ready' ? <MeetingTable meetings={meetings.data.items} /> : null}
    </section>
  );
}

const kindLabel = (m: Meeting): string =>
  m.kind === 'individual' ? t('meetings.kind.individual') : m.kind === 'network' ? t('meetings.kind.network') : t('meetings.kind.group');

function attendance(m: Meeting): string {
  const present = m.kind === 'network' ? m.young_person_present : m.kind === 'group' ? m.attended : true;
  if (present === null || present === undefined) return t('meetings.attended.unknown');
  return present ? t('meetings.attended.yes') : t('meetings.attended.no');
}

function MeetingTable({ meetings }: { meetings: Meeting[] }) {
  if (meetings.length === 0) return <p>{t('meetings.empty')}</p>;
  const col = {
    date: t('common.date'),
    kind: t('meetings.col.kind'),
    place: t('meetings.col.place'),
    who: t('meetings.col.who'),
    present: t('meetings.col.present'),
    note: t('meetings.col.note'),
  };
  return (
    <table class="table table--compact table--responsive-headers plan-meetings">
      <caption class="sr-only">{t('meetings.heading')}</caption>
      <thead>
        <tr>
          {Object.values(col).map((c) => (
            <th scope="col" key={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {meetings.map((m) => (
          <tr key={m.id}>
            <Cell title={col.date}>{formatDate(m.date)}</Cell>
            <Cell title={col.kind}>
              {kindLabel(m)}
              {m.duration_minutes ? ` (${t('meetings.minutes', { n: String(m.duration_minutes) })})` : ''}
            </Cell>
            <Cell title={col.place}>{m.place ? meetingPlaceLabel(m.place) : '–'}</Cell>
            <Cell title={col.who}>{m.staff.map((s) => s.name).join(', ')}</Cell>
            <Cell title={col.present}>{attendance(m)}</Cell>
            <Cell title={col.note}>{m.topic ?? m.note ?? m.status_notes ?? ''}</Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ConversationForm({
  enrolmentId,
  user,
  control,
  onSaved,
}: {
  enrolmentId: number;
  user: User;
  control: OnDemandControl;
  onSaved: () => void;
}) {
  const id = (name: string) => `conversation-${enrolmentId}-${name}`;
  const [team] = useAsync((signal) => fetchEnrolmentTeam(enrolmentId, signal), [enrolmentId]);
  const [date, setDate] = useState(() => dateParts(todayInDenmark()));
  const [minutes, setMinutes] = useState('45');
  const [place, setPlace] = useState('');
  const [staff, setStaff] = useState<number[]>([user.id]);
  const [note, setNote] = useState('');
  const members = team.kind === 'ready' ? team.data.items : [];
  const f = useFormState(
    {
      '/date': dateFieldId(id('date')),
      '/duration_minutes': id('minutes'),
      '/place': id('place'),
      '/note': id('note'),
      ...memberErrorFields('/staff', id('staff'), members, staff),
    },
    control.saved,
  );
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found = meetingDateErrors(date, id('date'));
    const n = Number(minutes);
    if (!/^\d+$/.test(minutes.trim()) || n < 1 || n > 480) found.push({ field: id('minutes'), message: t('meetings.error.minutes') });
    if (place === '') found.push({ field: id('place'), message: t('form.error.choose') });
    if (staff.length === 0) found.push({ field: `${id('staff')}-0`, message: t('meetings.error.staff') });
    const day = isoDate(date);
    if (!f.check(found) || day === null) return;
    void f.run(async (key) => {
      await createConversation(
        enrolmentId,
        { date: day, duration_minutes: n, place: place as MeetingPlace, staff, ...(note.trim() !== '' ? { note: note.trim() } : {}) },
        key,
      );
      onSaved();
      return t('meetings.conversation.saved');
    });
  };
  if (team.kind === 'loading') return <Loading text={t('jointPlan.loading')} />;
  if (team.kind === 'error') return <LoadError heading="jointPlan.error.heading" error={team.error} />;
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      <DateField id={id('date')} label={t('common.date')} value={date} onChange={setDate} error={f.errorOf(dateFieldId(id('date')))} />
      <TextField
        id={id('minutes')}
        label={t('meetings.form.minutes')}
        inputMode="numeric"
        maxLength={3}
        value={minutes}
        onInput={setMinutes}
        error={f.errorOf(id('minutes'))}
      />
      <SelectField
        id={id('place')}
        label={t('meetings.col.place')}
        value={place}
        onChange={setPlace}
        placeholder={t('form.error.choose')}
        options={meetingPlaceOptions()}
        error={f.errorOf(id('place'))}
      />
      <MemberChecks
        id={id('staff')}
        legend={t('meetings.form.staff')}
        team={team.data.items}
        chosen={staff}
        onChange={setStaff}
        error={f.errorOf(`${id('staff')}-0`)}
      />
      <TextArea id={id('note')} label={t('meetings.form.note')} hint={t('meetings.form.noteHint')} value={note} onInput={setNote} error={f.errorOf(id('note'))} />
      <FormButtons submit={t('meetings.conversation.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}
