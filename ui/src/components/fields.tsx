// Small DKFDS form fields shared by the forms: a labelled text input, text
// area, select, date input (the one date component of the UI) and radio
// group, each with its error message under the label (DKFDS form-error), and
// the flag tags.
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import { t } from '../i18n';
import { formatList } from '../i18n/format';
import { flagLabel, instrumentName } from '../labels';
import { reasonText } from '../problem';
import { failureText, type FieldError } from './ui';
import { FieldErrorMessage } from './ui';

interface BaseProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
}

export function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function Wrapper({ id, label, error, hint, children }: BaseProps & { children: ComponentChildren }) {
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

/** A date as typed into the three fields of DateField; isoDate() reads it. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The fields of a date: "2026-11-23" as 23 / 11 / 2026, "" as three empty fields. */
export function dateParts(iso: string): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return { day: '', month: '', year: '' };
  return { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! };
}

/** True when no field of the date has anything in it (an optional date left out). */
export function isEmptyDate(parts: DateParts): boolean {
  return parts.day.trim() === '' && parts.month.trim() === '' && parts.year.trim() === '';
}

/** The date as YYYY-MM-DD, or null when the fields are not a real calendar date. */
export function isoDate({ day, month, year }: DateParts): string | null {
  const d = day.trim();
  const m = month.trim();
  const y = year.trim();
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** The id of a DateField's first input (day), where an error summary link leads. */
export const dateFieldId = (id: string): string => `${id}-day`;

const DATE_PARTS = ['day', 'month', 'year'] as const;

/**
 * A date as DKFDS's date input ("datofelter", src/stylesheets/components/
 * _date-input.scss in the dkfds package): a fieldset whose legend is the
 * label, a hint with an example, and three labelled text fields for day,
 * month and year that take digits on a phone's keypad. Plain inputs: typed
 * or corrected from the keyboard like any other field, read by every screen
 * reader, with no calendar widget to learn; the same component for every
 * date in the UI. The inputs are `${id}-day`, `-month` and `-year`.
 */
export function DateField(props: BaseProps & { value: DateParts; onChange: (value: DateParts) => void }) {
  const { id, label, error, value, onChange } = props;
  const hint = props.hint ?? t('date.hint');
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={describedBy(id, hint, error)} data-date-field={id}>
        <legend class="form-label">{label}</legend>
        <span class="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
        <FieldErrorMessage id={`${id}-error`} message={error} />
        <div class="date-group">
          {DATE_PARTS.map((part) => (
            <div class={`form-group form-group-${part}`} key={part}>
              <label class="form-label" for={`${id}-${part}`}>
                {t(`date.${part}`)}
              </label>
              <input
                class="form-input"
                type="text"
                inputMode="numeric"
                pattern="[0-9]*"
                autocomplete="off"
                maxLength={part === 'year' ? 4 : 2}
                id={`${id}-${part}`}
                name={`${id}-${part}`}
                value={value[part]}
                aria-invalid={error ? 'true' : undefined}
                onInput={(e) => onChange({ ...value, [part]: e.currentTarget.value })}
              />
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * The error for a date field, or undefined: required and empty, not a real
 * date, or (with notAfter) later than that day.
 */
export function dateError(
  parts: DateParts,
  { required, notAfter }: { required: boolean; notAfter?: string },
): string | undefined {
  if (isEmptyDate(parts)) return required ? t('form.error.dateMissing') : undefined;
  const iso = isoDate(parts);
  if (iso === null) return t('form.error.date');
  if (notAfter !== undefined && iso > notAfter) return t('form.error.dateFuture');
  return undefined;
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

/** Checkboxes in a fieldset; the first one's id is `${id}-0` (where the error summary points). */
export function CheckboxGroup({
  id,
  legend,
  hint,
  error,
  options,
  chosen,
  columns,
  onChange,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: { value: string; label: string }[];
  chosen: string[];
  columns?: boolean;
  onChange: (chosen: string[]) => void;
}) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={described}>
        <legend class="form-label">{legend}</legend>
        {hint ? (
          <span class="form-hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
        <FieldErrorMessage id={`${id}-error`} message={error} />
        <div class={columns ? 'admin-checkbox-columns' : undefined}>
          {options.map((o, i) => (
            <div class="form-group-checkbox" key={o.value}>
              <input
                type="checkbox"
                class="form-checkbox"
                id={`${id}-${i}`}
                value={o.value}
                checked={chosen.includes(o.value)}
                onChange={(e) => {
                  // The order chosen is kept; a new one goes last.
                  onChange(e.currentTarget.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value));
                }}
              />
              <label for={`${id}-${i}`}>{o.label}</label>
            </div>
          ))}
        </div>
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
const WARNING_FLAGS = new Set(['not_improving', 'measurement_overdue', 'no_contact', 'followup_due', 'task_overdue', 'poor_wellbeing', 'administer_mdi']);
const GOOD_FLAGS = new Set(['response', 'remission', 'reliable_improvement']);

/**
 * One flag as a DKFDS tag with its text, and the questionnaires it is about
 * when the API names them ("Ingen bedring (PHQ-9)"); safety is styled as an
 * alert and says so to screen readers.
 */
export function FlagTag({ code, instruments }: { code: string; instruments?: readonly string[] | undefined }) {
  const kind = ALERT_FLAGS.has(code)
    ? 'alert'
    : WARNING_FLAGS.has(code)
      ? 'warning'
      : GOOD_FLAGS.has(code)
        ? 'good'
        : 'neutral';
  // The questionnaires' names never break at their hyphen ("PHQ-" / "9") when a tag wraps.
  let label: ComponentChildren = flagLabel(code);
  if (instruments && instruments.length > 0) {
    const [before = '', after = ''] = t('flag.withInstruments', { flag: flagLabel(code), instruments: '\u0000' }).split('\u0000');
    label = (
      <>
        {before}
        <span class="nowrap">{formatList(instruments.map(instrumentName))}</span>
        {after}
      </>
    );
  }
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
      <span>{label}</span>
    </span>
  );
}

/** The flags as tags, or "Ingen" when there are none; `instruments` names each flag's questionnaires. */
export function FlagTags({
  flags,
  instruments,
}: {
  flags: readonly string[];
  instruments?: Partial<Record<string, readonly string[]>> | undefined;
}) {
  if (flags.length === 0) return <span class="no-flags">{t('common.none')}</span>;
  return (
    <ul class="flag-list nobullet-list">
      {flags.map((f) => (
        <li key={f}>
          <FlagTag code={f} instruments={instruments?.[f]} />
        </li>
      ))}
    </ul>
  );
}

/**
 * A value the API does not have (no score yet, no contact yet): a dash on
 * screen and "ingen værdi" for screen readers, never "Ingen", which means
 * "none" (no flags, no recommendation).
 */
export function NoValue() {
  return (
    <span class="no-value">
      <span aria-hidden="true">–</span>
      <span class="sr-only">{t('common.noValue')}</span>
    </span>
  );
}
