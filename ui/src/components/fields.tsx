// Small DKFDS form fields shared by the treatment forms: a labelled text
// input, text area, select, date input and radio group, each with its error
// message under the label (DKFDS form-error), and the flag tags.
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import { t } from '../i18n';
import { flagLabel } from '../labels';
import { reasonText } from '../problem';
import { failureText, type FieldError } from './ui';
import { FieldErrorMessage } from './ui';

interface BaseProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
}

function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Wrapper({ id, label, error, hint, children }: BaseProps & { children: ComponentChildren }) {
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <label class="form-label" for={id}>
        {label}
      </label>
      {hint ? (
        <span class="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <FieldErrorMessage id={`${id}-error`} message={error} />
      {children}
    </div>
  );
}

export function TextField(
  props: BaseProps & { value: string; onInput: (value: string) => void; inputMode?: 'numeric'; maxLength?: number },
) {
  const { id, error, hint, value, onInput } = props;
  return (
    <Wrapper {...props}>
      <input
        class="form-input"
        type="text"
        id={id}
        name={id}
        value={value}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </Wrapper>
  );
}

export function TextArea(props: BaseProps & { value: string; onInput: (value: string) => void; rows?: number }) {
  const { id, error, hint, value, onInput } = props;
  return (
    <Wrapper {...props}>
      <textarea
        class="form-input"
        id={id}
        name={id}
        rows={props.rows ?? 3}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </Wrapper>
  );
}

/** A date as YYYY-MM-DD (the browser's date picker). */
export function DateField(props: BaseProps & { value: string; onInput: (value: string) => void }) {
  const { id, error, hint, value, onInput } = props;
  return (
    <Wrapper {...props}>
      <input
        class="form-input form-input-date"
        type="date"
        id={id}
        name={id}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </Wrapper>
  );
}

export function SelectField(
  props: BaseProps & {
    value: string;
    onChange: (value: string) => void;
    options: { value: string; label: string }[];
    placeholder?: string;
  },
) {
  const { id, error, hint, value, onChange, options, placeholder } = props;
  return (
    <Wrapper {...props}>
      <select
        class="form-select"
        id={id}
        name={id}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

/** A radio group in a fieldset with its legend; the first radio's id is `${id}-0`. */
export function RadioGroup(
  props: BaseProps & {
    value: string;
    onChange: (value: string) => void;
    options: { value: string; label: string }[];
    legendClass?: string;
  },
) {
  const { id, label, error, hint, value, onChange, options } = props;
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={describedBy(id, hint, error)}>
        <legend class={props.legendClass ?? 'form-label'}>{label}</legend>
        {hint ? (
          <span class="form-hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
        <FieldErrorMessage id={`${id}-error`} message={error} />
        {options.map((o, i) => (
          <div class="form-group-radio" key={o.value}>
            <input
              type="radio"
              class="form-radio"
              id={`${id}-${i}`}
              name={id}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <label for={`${id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** True when the string is a real calendar date YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The text of a failed save: why the server refused it, forbidden, or the status. */
export function saveFailureText(err: unknown): string {
  if (err instanceof ApiError && err.reason) return t('form.error.server', { reason: reasonText(err.reason) });
  if (err instanceof ApiError && err.status === 403 && err.code !== 'csrf') return t('form.error.forbidden');
  return t('form.error.failed', { reason: failureText(err) });
}

/**
 * The refusal as an error at the form's field, when the server named a member
 * the form shows: `fields` maps a JSON Pointer ("/date") to the input's id.
 */
export function serverFieldError(
  err: unknown,
  fields: Readonly<Record<string, string>>,
  label?: (value: string) => string,
): FieldError | null {
  if (!(err instanceof ApiError) || !err.reason || !err.field) return null;
  const id = fields[err.field];
  return id ? { field: id, message: reasonText(err.reason, label) } : null;
}

const ALERT_FLAGS = new Set(['safety', 'reliable_deterioration']);
const WARNING_FLAGS = new Set(['not_improving', 'measurement_overdue', 'no_contact', 'followup_due', 'poor_wellbeing', 'administer_mdi']);
const GOOD_FLAGS = new Set(['response', 'remission', 'reliable_improvement']);

/** One flag as a DKFDS tag with its text; safety is styled as an alert and says so to screen readers. */
export function FlagTag({ code }: { code: string }) {
  const kind = ALERT_FLAGS.has(code)
    ? 'alert'
    : WARNING_FLAGS.has(code)
      ? 'warning'
      : GOOD_FLAGS.has(code)
        ? 'good'
        : 'neutral';
  return (
    <span class={`tag tag-static tag-flag tag-flag-${kind}`} data-flag={code}>
      {kind === 'alert' ? (
        <>
          <svg class="icon-svg tag-icon" viewBox="0 -960 960 960" aria-hidden="true" focusable="false">
            <path d="m40-120 440-760 440 760H40Zm138-80h604L480-720 178-200Zm302-40q17 0 28.5-11.5T520-280q0-17-11.5-28.5T480-320q-17 0-28.5 11.5T440-280q0 17 11.5 28.5T480-240Zm-40-120h80v-200h-80v200Zm40-100Z" />
          </svg>
          <span class="sr-only">{t('flag.sr.alert')} </span>
        </>
      ) : null}
      {flagLabel(code)}
    </span>
  );
}

/** The flags as tags, or "Ingen" when there are none. */
export function FlagTags({ flags }: { flags: readonly string[] }) {
  if (flags.length === 0) return <span class="no-flags">{t('common.none')}</span>;
  return (
    <ul class="flag-list nobullet-list">
      {flags.map((f) => (
        <li key={f}>
          <FlagTag code={f} />
        </li>
      ))}
    </ul>
  );
}
