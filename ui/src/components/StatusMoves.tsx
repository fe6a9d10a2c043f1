// The enrolment's status and the moves it may make next (core/enrolment.c):
// one step forward (active may also complete at once), and from any status
// that is not final, ending it as withdrawn or excluded. A move that ends the
// enrolment (completed, withdrawn, excluded) asks first, in an inline
// confirmation that also asks why: a reason of that status, and a note with
// "other" (docs/api-contract.md "Ending and reopening"). Once ended, how it
// ended is shown; reopening is on the overview (EnrolmentHistory.tsx).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, END_REASONS, STATUS_NOTE_MAX, updateEnrolmentStatus, type EndStatus, type Enrolment } from '../api';
import { t, type PlainMessageKey } from '../i18n';
import { endReasonLabel, statusLabel } from '../labels';
import { reasonText } from '../problem';
import { EndingFacts } from './EnrolmentHistory';
import { serverFieldError } from './fields';
import { ReasonConfirm, reasonFieldIds, type ReasonChoice } from './ReasonConfirm';
import { Alert, failureText, type FieldError } from './ui';

interface Move {
  to: string;
  label: PlainMessageKey;
}

const NEXT_STATUS: Readonly<Record<string, Move[]>> = {
  referred: [{ to: 'screening', label: 'treatment.status.toScreening' }],
  screening: [{ to: 'active', label: 'treatment.status.toActive' }],
  active: [
    { to: 'aftercare', label: 'treatment.status.toAftercare' },
    { to: 'completed', label: 'treatment.status.toCompleted' },
  ],
  aftercare: [{ to: 'completed', label: 'treatment.status.toCompleted' }],
};

/** The moves that end an enrolment early, allowed from every status that is not final. */
const END_MOVES: readonly Move[] = [
  { to: 'withdrawn', label: 'treatment.status.toWithdrawn' },
  { to: 'excluded', label: 'treatment.status.toExcluded' },
];

/** The confirmation's question per ending status. */
const CONFIRM_HEADINGS: Readonly<Record<EndStatus, PlainMessageKey>> = {
  completed: 'treatment.status.confirm.completed',
  withdrawn: 'treatment.status.confirm.withdrawn',
  excluded: 'treatment.status.confirm.excluded',
};

const isEnding = (status: string): status is EndStatus => Object.prototype.hasOwnProperty.call(END_REASONS, status);

export function StatusBlock({ enrolment, onChanged }: { enrolment: Enrolment; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [confirming, setConfirming] = useState<EndStatus | null>(null);
  const [refused, setRefused] = useState<{ error: FieldError; attempt: number } | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const forward = NEXT_STATUS[enrolment.status];
  // The statuses in NEXT_STATUS are exactly those that are not final.
  const moves = forward ?? [];
  const ends = forward ? END_MOVES : [];
  const id = (name: string) => `status-${enrolment.id}-${name}`;
  const headingId = id('heading');
  const confirmId = id('confirm');

  // Focus what the last action left: the message (the button clicked may be gone), or the button again.
  useEffect(() => {
    if (focusTarget === null) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const move = async (to: string, ending?: ReasonChoice) => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    let keepOpen = false;
    try {
      const changed = await updateEnrolmentStatus(enrolment.id, enrolment.version, to, ending);
      setMessage({ kind: 'success', text: t('treatment.status.saved', { status: statusLabel(changed.status) }) });
      onChanged();
    } catch (err) {
      const fields = reasonFieldIds(confirmId);
      const atField = ending ? serverFieldError(err, { '/status_reason': fields.reason, '/status_note': fields.note }, endReasonLabel) : null;
      if (atField) {
        // The reason or the note was refused: said at that field, the confirmation stays open.
        keepOpen = true;
        setRefused((r) => ({ error: atField, attempt: (r?.attempt ?? 0) + 1 }));
      } else if (err instanceof ApiError && err.status === 412) {
        setMessage({ kind: 'error', text: t('treatment.status.stale') });
        onChanged();
      } else if (err instanceof ApiError && err.status === 422) {
        // Why, and the statuses it can move to now (reason status_move), in the reader's words.
        setMessage({ kind: 'error', text: err.reason ? reasonText(err.reason, statusLabel) : t('treatment.status.refused') });
      } else {
        setMessage({ kind: 'error', text: t('treatment.status.failed', { reason: failureText(err) }) });
      }
    } finally {
      setBusy(false);
      if (!keepOpen) {
        setConfirming(null);
        setFocusTarget(id('message'));
      }
    }
  };
  const ask = (to: EndStatus) => {
    setMessage(null);
    setRefused(null);
    setConfirming(to);
  };
  const cancel = () => {
    if (confirming) setFocusTarget(id(`to-${confirming}`));
    setConfirming(null);
  };

  const button = (m: Move, kind: string) => {
    const to = m.to;
    const asks = isEnding(to);
    return (
      <button
        key={to}
        id={id(`to-${to}`)}
        type="button"
        class={`button ${kind} mr-4`}
        disabled={busy}
        aria-expanded={asks ? (confirming === to ? 'true' : 'false') : undefined}
        aria-controls={asks && confirming === to ? confirmId : undefined}
        onClick={() => (asks ? ask(to) : void move(to))}
      >
        {t(m.label)}
      </button>
    );
  };

  return (
    <section class="treatment-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('treatment.status.heading')}</h4>
      <p>{t('treatment.status.current', { status: statusLabel(enrolment.status) })}</p>
      {message ? (
        <div id={id('message')} tabIndex={-1} class="focus-target">
          <Alert kind={message.kind} live={message.kind === 'error' ? 'alert' : 'status'}>
            <p class="alert-text">{message.text}</p>
          </Alert>
        </div>
      ) : null}
      {moves.length === 0 ? (
        <>
          <p>{t('treatment.status.none')}</p>
          {enrolment.ending ? <EndingFacts enrolment={enrolment} ending={enrolment.ending} /> : null}
        </>
      ) : (
        <div class="status-buttons">
          {moves.map((m, i) => button(m, i === 0 ? 'button-primary' : 'button-secondary'))}
          {ends.map((m) => button(m, 'button-tertiary'))}
        </div>
      )}
      {confirming ? (
        <ReasonConfirm
          key={confirming}
          id={confirmId}
          heading={t(CONFIRM_HEADINGS[confirming])}
          text={t('treatment.status.confirm.text')}
          legend={t('ending.reason.legend')}
          hint={t('ending.reason.hint')}
          noteHint={t('ending.note.hint', { max: STATUS_NOTE_MAX })}
          reasons={END_REASONS[confirming]}
          reasonLabel={endReasonLabel}
          confirmLabel={busy ? t('common.saving') : t('treatment.status.confirm.yes')}
          cancelLabel={t('treatment.status.confirm.no')}
          busy={busy}
          refused={refused}
          onConfirm={(choice) => void move(confirming, choice)}
          onCancel={cancel}
        />
      ) : null}
    </section>
  );
}
