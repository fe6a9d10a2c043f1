// Small DKFDS building blocks shared by the pages: alerts, the loading
// spinner, the page heading (focus and document title), the error summary.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../api';
import { t, type PlainMessageKey } from '../i18n';
import { Link, takeFocusRequest, useRoute } from '../router';

// DKFDS icons (dist/img/svg-icons/*.svg), inlined: the CSP allows no external SVG <use>.
export const ICONS = {
  error:
    'M480-280q17 0 28.5-11.5T520-320q0-17-11.5-28.5T480-360q-17 0-28.5 11.5T440-320q0 17 11.5 28.5T480-280Zm-40-160h80v-240h-80v240Zm40 360q-83 0-156-31.5T197-197q-54-54-85.5-127T80-480q0-83 31.5-156T197-763q54-54 127-85.5T480-880q83 0 156 31.5T763-763q54 54 85.5 127T880-480q0 83-31.5 156T763-197q-54 54-127 85.5T480-80Zm0-80q134 0 227-93t93-227q0-134-93-227t-227-93q-134 0-227 93t-93 227q0 134 93 227t227 93Zm0-320Z',
  info: 'M440-280h80v-240h-80v240Zm40-320q17 0 28.5-11.5T520-640q0-17-11.5-28.5T480-680q-17 0-28.5 11.5T440-640q0 17 11.5 28.5T480-600Zm0 520q-83 0-156-31.5T197-197q-54-54-85.5-127T80-480q0-83 31.5-156T197-763q54-54 127-85.5T480-880q83 0 156 31.5T763-763q54 54 85.5 127T880-480q0 83-31.5 156T763-197q-54 54-127 85.5T480-80Zm0-80q134 0 227-93t93-227q0-134-93-227t-227-93q-134 0-227 93t-93 227q0 134 93 227t227 93Zm0-320Z',
  success:
    'm424-296 282-282-56-56-226 226-114-114-56 56 170 170Zm56 216q-83 0-156-31.5T197-197q-54-54-85.5-127T80-480q0-83 31.5-156T197-763q54-54 127-85.5T480-880q83 0 156 31.5T763-763q54 54 85.5 127T880-480q0 83-31.5 156T763-197q-54 54-127 85.5T480-80Zm0-80q134 0 227-93t93-227q0-134-93-227t-227-93q-134 0-227 93t-93 227q0 134 93 227t227 93Zm0-320Z',
  warning:
    'm40-120 440-760 440 760H40Zm138-80h604L480-720 178-200Zm302-40q17 0 28.5-11.5T520-280q0-17-11.5-28.5T480-320q-17 0-28.5 11.5T440-280q0 17 11.5 28.5T480-240Zm-40-120h80v-200h-80v200Zm40-100Z',
} as const;

export type AlertKind = keyof typeof ICONS;

interface AlertProps {
  kind: AlertKind;
  heading?: string;
  children?: ComponentChildren;
  /** role="alert" for errors that appear after an action; "status" for quiet news; none for static text. */
  live?: 'alert' | 'status';
  id?: string;
}

/** A DKFDS alert with its icon. */
export function Alert({ kind, heading, children, live, id }: AlertProps) {
  return (
    <div class={`alert alert-${kind}`} role={live} id={id}>
      <svg class="icon-svg alert-icon" viewBox="0 -960 960 960" aria-hidden="true" focusable="false">
        <path d={ICONS[kind]} />
      </svg>
      <div class="alert-body">
        {heading ? <p class="alert-heading">{heading}</p> : null}
        {children}
      </div>
    </div>
  );
}

/** A spinner with a text, announced politely. */
export function Loading({ text }: { text: string }) {
  return (
    <div class="loading" role="status">
      <span class="spinner" aria-hidden="true"></span>
      <span class="spinner-status">{text}</span>
    </div>
  );
}

/**
 * The page's <h1>. It sets the document title ("<title> – Samspor") and takes
 * the focus when the page was reached by a navigation inside the app.
 */
export function PageHeading({ children, title }: { children: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  // A new route object after every navigation, also when this heading stays (the login page).
  const route = useRoute();
  useEffect(() => {
    document.title = title ? `${title} – ${t('app.name')}` : t('app.name');
  }, [title]);
  useEffect(() => {
    if (takeFocusRequest()) ref.current?.focus();
  }, [route]);
  return (
    <h1 ref={ref} tabIndex={-1} class="page-heading">
      {children}
    </h1>
  );
}

/** The text for a failed call: status code, or no connection. */
export function failureText(err: unknown): string {
  const status = err instanceof ApiError ? err.status : 0;
  return status > 0
    ? t('error.status', { status: String(status) })
    : t('error.network');
}

/** True for the API's refusal of the caller (403), as opposed to a lost CSRF token. */
export function isForbidden(err: unknown): boolean {
  return err instanceof ApiError && err.status === 403 && err.code !== 'csrf';
}

/**
 * An error alert for a failed load, with a retry button. A refusal (403) says
 * so plainly instead: trying again would not help.
 */
export function LoadError({
  heading,
  error,
  onRetry,
}: {
  heading: PlainMessageKey;
  error: unknown;
  onRetry?: () => void;
}) {
  if (isForbidden(error)) {
    return (
      <Alert kind="info" heading={t(heading)}>
        <p class="alert-text">{t('error.forbidden')}</p>
      </Alert>
    );
  }
  return (
    <Alert kind="error" heading={t(heading)} live="alert">
      <p class="alert-text">
        {t('error.tryAgain')} {failureText(error)}
      </p>
      {onRetry ? (
        <button type="button" class="button button-secondary mt-4" onClick={onRetry}>
          {t('error.retry')}
        </button>
      ) : null}
    </Alert>
  );
}

export interface FieldError {
  /** The id of the input the error is about. */
  field: string;
  message: string;
}

/**
 * DKFDS error summary: a list of links to the fields in error. It takes the
 * focus when it appears (and when `focusKey` changes), so the user hears it.
 */
export function ErrorSummary({ errors, focusKey }: { errors: FieldError[]; focusKey: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [focusKey]);
  if (errors.length === 0) return null;
  const jump = (event: MouseEvent, field: string) => {
    const input = document.getElementById(field);
    if (!input) return;
    event.preventDefault();
    input.focus();
  };
  return (
    <div class="alert alert-error error-summary" role="alert" tabIndex={-1} ref={ref}>
      <svg class="icon-svg alert-icon" viewBox="0 -960 960 960" aria-hidden="true" focusable="false">
        <path d={ICONS.error} />
      </svg>
      <div class="alert-body">
        <p class="alert-heading">{t('form.errorSummary.heading')}</p>
        <ul class="alert-text nobullet-list">
          {errors.map((e) => (
            <li key={e.field + e.message}>
              <a href={`#${e.field}`} class="function-link" onClick={(ev) => jump(ev, e.field)}>
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The message under a field in error (DKFDS form-error-message), with "Fejl:" for screen readers. */
export function FieldErrorMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span class="form-error-message" id={id}>
      <span class="sr-only">{t('form.error.prefix')} </span>
      {message}
    </span>
  );
}

/** A DKFDS back link (with its chevron) that navigates inside the app. */
export function BackLink({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <Link href={href} class="back-link">
      <svg class="icon-svg" viewBox="0 -960 960 960" aria-hidden="true" focusable="false">
        <path d="M560-240 320-480l240-240 56 56-184 184 184 184-56 56Z" />
      </svg>
      {children}
    </Link>
  );
}

/** A DKFDS tag marking synthetic (demo) data. */
export function DemoTag() {
  return (
    <span class="tag tag-static">
      {t('citizen.demo.tag')}
      <span class="sr-only"> ({t('citizen.demo.label')})</span>
    </span>
  );
}

/**
 * An inline confirmation in a DKFDS warning alert, for an action that cannot
 * be undone: a question, what follows, and two buttons. It takes the focus
 * when it appears (read as a group named by its question, described by its
 * text); Escape cancels. The caller returns the focus on cancel.
 */
export function InlineConfirm({
  id,
  heading,
  text,
  confirmLabel,
  cancelLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  id: string;
  heading: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      id={id}
      class="alert alert-warning inline-confirm"
      role="group"
      tabIndex={-1}
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-text`}
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
        <div class="form-actions mt-4">
          <button type="button" class="button button-warning" disabled={busy} onClick={onConfirm}>
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

/**
 * A body cell of a DKFDS responsive table (table--responsive-headers,
 * table-md-responsive-headers): its column's name as data-title, which DKFDS
 * shows beside the value when the rows stack on a narrow screen; the value in
 * one wrapper, so that it stays together beside that label.
 */
export function Cell({ title, class: className, children }: { title: string; class?: string; children?: ComponentChildren }) {
  return (
    <td data-title={title} class={className}>
      <div class="cell-value">{children}</div>
    </td>
  );
}
