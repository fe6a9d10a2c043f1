// A confirmation that asks why: ending an enrolment (a reason of the status it
// ends in) and reopening one (docs/api-contract.md "Ending and reopening").
// Inline, under the button that opened it, as InlineConfirm: it takes the
// focus, Escape or "Fortryd" closes it; the reasons are DKFDS radios, with a
// note the reason "other" needs (1–2000 characters). The form checks what the
// server would refuse first; a refusal the server names a member for is shown
// at that field all the same.
import { useEffect, useRef, useState } from 'preact/hooks';
import { STATUS_NOTE_MAX } from '../api';
import { t } from '../i18n';
import { RadioGroup, TextArea } from './fields';
import { ErrorSummary, ICONS, type FieldError } from './ui';

export interface ReasonChoice {
  reason: string;
  /** Absent when left empty (allowed unless the reason is "other"). */
  note?: string;
}

/** The ids of the reason radios (the first one, `${id}-reason-0`) and of the note. */
export const reasonFieldIds = (id: string) => ({ reason: `${id}-reason-0`, note: `${id}-note` });

export function ReasonConfirm({
  id,
  heading,
  text,
  legend,
  hint,
  noteHint,
  reasons,
  reasonLabel,
  confirmLabel,
  cancelLabel,
  busy,
  refused,
  onConfirm,
  onCancel,
}: {
  id: string;
  heading: string;
  text: string;
  legend: string;
  hint?: string;
  noteHint: string;
  reasons: readonly string[];
  reasonLabel: (code: string) => string;
  confirmLabel: string;
  cancelLabel: string;
  busy: boolean;
  /** A field the server refused (at one of reasonFieldIds), shown as the form's own errors. */
  refused: { error: FieldError; attempt: number } | null;
  onConfirm: (choice: ReasonChoice) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const ids = reasonFieldIds(id);

  useEffect(() => {
    if (refused === null) return;
    setErrors([refused.error]);
    setAttempt((n) => n + 1);
  }, [refused]);

  const confirm = () => {
    if (busy) return;
    const found: FieldError[] = [];
    const written = note.trim();
    const length = [...written].length;
    if (reason === '') found.push({ field: ids.reason, message: t('form.error.choose') });
    if (reason === 'other' && length === 0) found.push({ field: ids.note, message: t('ending.error.note') });
    if (length > STATUS_NOTE_MAX) found.push({ field: ids.note, message: t('problem.lengthAtMost', { max: STATUS_NOTE_MAX }) });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length > 0) return;
    onConfirm(length > 0 ? { reason, note: written } : { reason });
  };
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <div
      ref={ref}
      id={id}
      class="alert alert-warning inline-confirm reason-confirm"
      role="group"
      tabIndex={-1}
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-text`}
      aria-busy={busy ? 'true' : undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <svg class="icon-svg alert-icon" viewBox="0 -960 960 960" aria-hidden="true" focusable="false">
        <path d={ICONS.warning} />
      </svg>
      <div class="alert-body">
        <p class="alert-heading" id={`${id}-heading`}>
          {heading}
        </p>
        <p class="alert-text" id={`${id}-text`}>
          {text}
        </p>
        <ErrorSummary errors={errors} focusKey={attempt} />
        <RadioGroup
          id={`${id}-reason`}
          label={legend}
          hint={hint}
          value={reason}
          onChange={setReason}
          options={reasons.map((code) => ({ value: code, label: reasonLabel(code) }))}
          error={errorOf(ids.reason)}
        />
        <TextArea id={ids.note} label={t('ending.note')} hint={noteHint} value={note} onInput={setNote} error={errorOf(ids.note)} />
        <div class="form-actions mt-4">
          <button type="button" class="button button-warning" disabled={busy} onClick={confirm}>
            {confirmLabel}
          </button>
          <button type="button" class="button button-secondary" disabled={busy} onClick={onCancel}>
            {cancelLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
