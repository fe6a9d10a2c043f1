// The enrolment's course on its overview, for everyone on the team: how it
// ended (reason, by whom in which role, when, and the note where the caller
// may read it), "Genåbn forløbet" for the supervising clinician on the team
// or the project's lead, and the status history as a small table
// (GET /enrolments/{id}/status-history, oldest first). docs/api-contract.md
// "Ending and reopening"; who may reopen: docs/security-model.md.
import { useEffect, useState } from 'preact/hooks';
import {
  ApiError,
  REOPEN_REASONS,
  STATUS_NOTE_MAX,
  fetchStatusHistory,
  reopenEnrolment,
  type Ending,
  type Enrolment,
  type StatusChange,
  type User,
} from '../api';
import { mayReopen } from '../access';
import { t } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { endReasonLabel, reopenReasonLabel, roleLabel, statusLabel } from '../labels';
import { useAsync } from '../useAsync';
import { NoValue, serverFieldError } from './fields';
import { ReasonConfirm, reasonFieldIds, type ReasonChoice } from './ReasonConfirm';
import { Alert, Cell, LoadError, Loading, failureText, type FieldError } from './ui';

/** How an ended enrolment ended, as a list of facts. */
export function EndingFacts({ enrolment, ending }: { enrolment: Enrolment; ending: Ending }) {
  const headingId = `ending-${enrolment.id}-heading`;
  return (
    <div class="ending" role="group" aria-labelledby={headingId}>
      <p class="ending-heading" id={headingId}>
        {t('ending.heading')}
      </p>
      <dl class="facts">
        <div>
          <dt>{t('ending.status')}</dt>
          <dd>{statusLabel(enrolment.status)}</dd>
        </div>
        <div>
          <dt>{t('ending.reason')}</dt>
          <dd>{endReasonLabel(ending.reason)}</dd>
        </div>
        {ending.note !== undefined ? (
          <div>
            <dt>{t('ending.note')}</dt>
            <dd class="ending-note">{ending.note}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('ending.by')}</dt>
          <dd>{t('ending.by.value', { name: ending.by.name, role: roleLabel(ending.role) })}</dd>
        </div>
        <div>
          <dt>{t('ending.at')}</dt>
          <dd>
            <time dateTime={ending.at}>{formatDateTime(ending.at)}</time>
          </dd>
        </div>
      </dl>
    </div>
  );
}

export function EnrolmentHistory({
  enrolment,
  user,
  onChanged,
}: {
  enrolment: Enrolment;
  user: User;
  onChanged: () => void;
}) {
  // Read again whenever the enrolment changes (a move on the treatment tab, a reopening here).
  const [history, reloadHistory] = useAsync((signal) => fetchStatusHistory(enrolment.id, signal), [enrolment.id, enrolment.version]);
  const headingId = `history-${enrolment.id}-heading`;
  return (
    <section class="enrolment-history" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('statusHistory.heading')}</h4>
      {enrolment.ending ? <EndingFacts enrolment={enrolment} ending={enrolment.ending} /> : null}
      <Reopen enrolment={enrolment} user={user} onChanged={onChanged} />
      {history.kind === 'loading' ? <Loading text={t('statusHistory.loading')} /> : null}
      {history.kind === 'error' ? (
        <LoadError heading="statusHistory.error.heading" error={history.error} onRetry={reloadHistory} />
      ) : null}
      {history.kind === 'ready' ? <HistoryTable items={history.data} /> : null}
    </section>
  );
}

function HistoryTable({ items }: { items: StatusChange[] }) {
  if (items.length === 0) return <p>{t('statusHistory.empty')}</p>;
  const col = {
    at: t('statusHistory.col.at'),
    change: t('statusHistory.col.change'),
    reason: t('statusHistory.col.reason'),
    by: t('statusHistory.col.by'),
  };
  return (
    <table class="table table--compact table--responsive-headers status-history">
      <caption>{t('statusHistory.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{col.at}</th>
          <th scope="col">{col.change}</th>
          <th scope="col">{col.reason}</th>
          <th scope="col">{col.by}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id} data-kind={c.kind}>
            <Cell title={col.at}>
              <time dateTime={c.at}>{formatDateTime(c.at)}</time>
            </Cell>
            <Cell title={col.change}>
              {t('statusHistory.change', { from: statusLabel(c.from_status), to: statusLabel(c.to_status) })}
            </Cell>
            <Cell title={col.reason}>
              {c.reason === undefined ? (
                <NoValue />
              ) : c.kind === 'reopen' ? (
                t('statusHistory.reopened', { reason: reopenReasonLabel(c.reason) })
              ) : (
                endReasonLabel(c.reason)
              )}
              {c.note !== undefined ? <span class="status-note">{c.note}</span> : null}
            </Cell>
            <Cell title={col.by}>{t('ending.by.value', { name: c.by.name, role: roleLabel(c.role) })}</Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Genåbn forløbet" with its reason, for those who may reopen an ended enrolment. */
function Reopen({ enrolment, user, onChanged }: { enrolment: Enrolment; user: User; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [refused, setRefused] = useState<{ error: FieldError; attempt: number } | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const id = (name: string) => `reopen-${enrolment.id}-${name}`;
  useEffect(() => {
    if (focusTarget === null) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const ending = enrolment.ending;
  const messageBox = message ? (
    <div id={id('message')} tabIndex={-1} class="focus-target">
      <Alert kind={message.kind} live={message.kind === 'error' ? 'alert' : 'status'}>
        <p class="alert-text">{message.text}</p>
      </Alert>
    </div>
  ) : null;
  if (!ending || !mayReopen(user, enrolment)) return messageBox;

  const reopen = async (choice: ReasonChoice) => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    let keepOpen = false;
    try {
      const reopened = await reopenEnrolment(enrolment.id, enrolment.version, choice);
      setMessage({ kind: 'success', text: t('reopen.saved', { status: statusLabel(reopened.status) }) });
      onChanged();
    } catch (err) {
      const fields = reasonFieldIds(id('confirm'));
      const atField = serverFieldError(err, { '/reason': fields.reason, '/note': fields.note }, reopenReasonLabel);
      if (atField) {
        keepOpen = true;
        setRefused((r) => ({ error: atField, attempt: (r?.attempt ?? 0) + 1 }));
      } else if (err instanceof ApiError && err.status === 412) {
        setMessage({ kind: 'error', text: t('treatment.status.stale') });
        onChanged();
      } else if (err instanceof ApiError && err.status === 409) {
        setMessage({ kind: 'error', text: t('reopen.conflict') });
        onChanged();
      } else {
        setMessage({ kind: 'error', text: t('reopen.failed', { reason: failureText(err) }) });
      }
    } finally {
      setBusy(false);
      if (!keepOpen) {
        setOpen(false);
        setFocusTarget(id('message'));
      }
    }
  };

  return (
    <>
      {messageBox}
      <button
        type="button"
        id={id('open')}
        class="button button-secondary"
        disabled={busy}
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={open ? id('confirm') : undefined}
        onClick={() => {
          setMessage(null);
          setRefused(null);
          setOpen(true);
        }}
      >
        {t('reopen.open')}
      </button>
      {open ? (
        <ReasonConfirm
          id={id('confirm')}
          heading={t('reopen.heading')}
          text={t('reopen.text', { status: statusLabel(ending.previous_status) })}
          legend={t('reopen.reason.legend')}
          noteHint={t('reopen.note.hint', { max: STATUS_NOTE_MAX })}
          reasons={REOPEN_REASONS}
          reasonLabel={reopenReasonLabel}
          confirmLabel={busy ? t('common.saving') : t('reopen.yes')}
          cancelLabel={t('treatment.status.confirm.no')}
          busy={busy}
          refused={refused}
          onConfirm={(choice) => void reopen(choice)}
          onCancel={() => {
            setOpen(false);
            setFocusTarget(id('open'));
          }}
        />
      ) : null}
    </>
  );
}
