// The enrolment's status and the moves it may make next (core/enrolment.c):
// one step forward (active may also complete at once), and from any status
// that is not final, ending it as withdrawn or excluded. Those two end the
// enrolment for good, so they ask first, in an inline confirmation.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, updateEnrolmentStatus, type Enrolment } from '../api';
import { t, type PlainMessageKey } from '../i18n';
import { statusLabel } from '../labels';
import { reasonText } from '../problem';
import { Alert, InlineConfirm, failureText } from './ui';

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

/** The moves that end an enrolment early, allowed from every status that is not final; each asks first. */
const END_MOVES: readonly (Move & { confirm: PlainMessageKey })[] = [
  { to: 'withdrawn', label: 'treatment.status.toWithdrawn', confirm: 'treatment.status.confirm.withdrawn' },
  { to: 'excluded', label: 'treatment.status.toExcluded', confirm: 'treatment.status.confirm.excluded' },
];

export function StatusBlock({ enrolment, onChanged }: { enrolment: Enrolment; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const forward = NEXT_STATUS[enrolment.status];
  // The statuses in NEXT_STATUS are exactly those that are not final.
  const moves = forward ?? [];
  const ends = forward ? END_MOVES : [];
  const pending = ends.find((m) => m.to === confirming) ?? null;
  const id = (name: string) => `status-${enrolment.id}-${name}`;
  const headingId = id('heading');

  // Focus what the last action left: the message (the button clicked may be gone), or the button again.
  useEffect(() => {
    if (focusTarget === null) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

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
        // Why, and the statuses it can move to now (reason status_move), in the reader's words.
        setMessage({ kind: 'error', text: err.reason ? reasonText(err.reason, statusLabel) : t('treatment.status.refused') });
      } else {
        setMessage({ kind: 'error', text: t('treatment.status.failed', { reason: failureText(err) }) });
      }
    } finally {
      setBusy(false);
      setConfirming(null);
      setFocusTarget(id('message'));
    }
  };
  const cancel = () => {
    if (confirming) setFocusTarget(id(`to-${confirming}`));
    setConfirming(null);
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
        <p>{t('treatment.status.none')}</p>
      ) : (
        <div class="status-buttons">
          {moves.map((m, i) => (
            <button
              key={m.to}
              id={id(`to-${m.to}`)}
              type="button"
              class={`button ${i === 0 ? 'button-primary' : 'button-secondary'} mr-4`}
              disabled={busy}
              onClick={() => void move(m.to)}
            >
              {t(m.label)}
            </button>
          ))}
          {ends.map((m) => (
            <button
              key={m.to}
              id={id(`to-${m.to}`)}
              type="button"
              class="button button-tertiary mr-4"
              disabled={busy}
              aria-expanded={confirming === m.to ? 'true' : 'false'}
              aria-controls={confirming === m.to ? id('confirm') : undefined}
              onClick={() => {
                setMessage(null);
                setConfirming(m.to);
              }}
            >
              {t(m.label)}
            </button>
          ))}
        </div>
      )}
      {pending ? (
        <InlineConfirm
          key={pending.to}
          id={id('confirm')}
          heading={t(pending.confirm)}
          text={t('treatment.status.confirm.text')}
          confirmLabel={busy ? t('common.saving') : t('treatment.status.confirm.yes')}
          cancelLabel={t('treatment.status.confirm.no')}
          busy={busy}
          onConfirm={() => void move(pending.to)}
          onCancel={cancel}
        />
      ) : null}
    </section>
  );
}
