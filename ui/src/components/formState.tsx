// The state the small treatment forms share: field errors, the error summary's
// focus, busy, the outcome (a failure; a save goes to onSaved, which closes an
// on-demand form and says what was saved) and the idempotency key; and the
// outcome shown above a form.
import { useState } from 'preact/hooks';
import { ApiError, newIdempotencyKey } from '../api';
import { saveFailureText, serverFieldError } from './fields';
import { Alert, ErrorSummary, type FieldError } from './ui';

/**
 * State shared by the small forms: field errors, the error summary's focus,
 * busy, outcome, idempotency key. `fields` maps the request members the form
 * sends ("/date") to its inputs' ids, so that a member the server refuses is
 * shown at its input, in the reader's language. With onSaved, a save's message
 * goes there (OnDemandControl.saved) instead of above the form.
 */
export function useFormState(fields: Readonly<Record<string, string>> = {}, onSaved?: (message: string) => void) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const check = (found: FieldError[]): boolean => {
    setErrors(found);
    setSaved(null);
    setFailure(null);
    setAttempt((n) => n + 1);
    return found.length === 0;
  };
  const run = async (save: (key: string) => Promise<string>) => {
    setBusy(true);
    try {
      const message = await save(key);
      setKey(newIdempotencyKey());
      if (onSaved) onSaved(message);
      else setSaved(message);
    } catch (err) {
      const atField = serverFieldError(err, fields);
      if (atField) {
        // Shown like the form's own checks: at the input, listed in the summary, which takes the focus.
        setErrors([atField]);
        setAttempt((n) => n + 1);
      } else {
        // An ApiError says what the server refused; a plain Error carries our own text (a stale plan).
        setFailure(err instanceof Error && !(err instanceof ApiError) ? err.message : saveFailureText(err));
      }
      setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  return { errors, attempt, busy, saved, failure, check, run, errorOf };
}

export function FormOutcome({ f }: { f: ReturnType<typeof useFormState> }) {
  return (
    <>
      {f.saved ? (
        <Alert kind="success" live="status">
          <p class="alert-text">{f.saved}</p>
        </Alert>
      ) : null}
      {f.failure ? (
        <Alert kind="error" live="alert">
          <p class="alert-text">{f.failure}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={f.errors} focusKey={f.attempt} />
    </>
  );
}
