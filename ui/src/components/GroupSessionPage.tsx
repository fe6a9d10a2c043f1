// One group session (/group-sessions/{id}): its topic, date, length, place and staff, and the
// attendance form — one checkbox per participant of the reader's teams (the API never names
// anyone else), saved as one list with the version read (If-Match); a 412 reads the session
// again and says so. The outcome is a status message for screen readers.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { fetchGroupSession, saveAttendance, type GroupSession } from '../groupSessionApi';
import { t } from '../i18n';
import { formatDate, formatList } from '../i18n/format';
import { paths } from '../router';
import { useAsync } from '../useAsync';
import { CheckboxGroup, saveFailureText } from './fields';
import { placeLabel } from './GroupSessionsPage';
import { Alert, BackLink, LoadError, Loading, PageHeading } from './ui';

type Outcome = { kind: 'success' | 'error' | 'warning'; text: string };

export function GroupSessionPage({ id }: { id: number }) {
  const [state, reload] = useAsync((signal) => fetchGroupSession(id, signal), [id]);
  // The session as the last save or re-read answered it: the page stays in place, so the status
  // message is announced in the live region that was already there.
  const [latest, setLatest] = useState<GroupSession | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  if (state.kind === 'loading') return <Loading text={t('groupSessions.loading')} />;
  if (state.kind === 'error') {
    return (
      <>
        <BackLink href={paths.groupSessions()}>{t('groupSession.back')}</BackLink>
        <PageHeading title={t('groupSessions.error.heading')}>{t('groupSessions.error.heading')}</PageHeading>
        <LoadError heading="groupSessions.error.heading" error={state.error} onRetry={reload} />
      </>
    );
  }
  const s = latest ?? state.data;
  return (
    <>
      <BackLink href={paths.groupSessions()}>{t('groupSession.back')}</BackLink>
      <PageHeading title={s.topic}>{s.topic}</PageHeading>
      <dl class="facts">
        <dt>{t('groupSessions.col.date')}</dt>
        <dd>{formatDate(s.date)}</dd>
        <dt>{t('groupSessions.col.length')}</dt>
        <dd>{s.duration_minutes !== null ? t('groupSessions.minutes', { n: s.duration_minutes }) : ''}</dd>
        <dt>{t('groupSessions.col.place')}</dt>
        <dd>{placeLabel(s.place)}</dd>
        <dt>{t('groupSessions.col.staff')}</dt>
        <dd>{formatList(s.staff.map((p) => p.name))}</dd>
      </dl>
      <section aria-labelledby="group-attendance-heading">
        <h2 id="group-attendance-heading">{t('groupSession.attendance')}</h2>
        <div role="status">
          {outcome ? (
            <Alert kind={outcome.kind}>
              <p class="alert-text">{outcome.text}</p>
            </Alert>
          ) : null}
        </div>
        <AttendanceForm
          key={s.version}
          session={s}
          onDone={(session, result) => {
            if (session) setLatest(session);
            setOutcome(result);
          }}
        />
      </section>
    </>
  );
}

function AttendanceForm({ session, onDone }: { session: GroupSession; onDone: (session: GroupSession | null, outcome: Outcome) => void }) {
  const participants = session.participants ?? [];
  const [chosen, setChosen] = useState<number[]>(() => participants.filter((p) => p.attended === true).map((p) => p.enrolment_id));
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const saved = await saveAttendance(
        session,
        participants.map((p) => ({ enrolment_id: p.enrolment_id, attended: chosen.includes(p.enrolment_id) })),
      );
      onDone(saved, { kind: 'success', text: t('groupSession.saved', { n: chosen.length, of: participants.length }) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        // Someone saved meanwhile: show what is recorded now, and say so.
        try {
          onDone(await fetchGroupSession(session.id), { kind: 'warning', text: t('groupSession.stale') });
        } catch (again) {
          onDone(null, { kind: 'error', text: saveFailureText(again) });
        }
      } else {
        onDone(null, { kind: 'error', text: saveFailureText(err) });
      }
    } finally {
      setBusy(false);
    }
  };

  if (participants.length === 0) return <p>{t('groupSession.noParticipants')}</p>;
  return (
    <form noValidate aria-labelledby="group-attendance-heading" aria-busy={busy} onSubmit={(e) => void onSubmit(e)}>
      <CheckboxGroup
        id="group-attendance"
        legend={t('groupSession.attendance.legend')}
        options={participants.map((p) => ({ value: String(p.enrolment_id), label: p.citizen.name }))}
        chosen={chosen.map(String)}
        onChange={(ids) => setChosen(ids.map(Number))}
      />
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('groupSession.save')}
        </button>
      </div>
    </form>
  );
}
