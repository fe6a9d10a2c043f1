// Forms that open on demand, so that a page shows what is recorded first and
// a form only when someone means to fill it in. Closed: a button ("Registrér
// kontakt") and, after a save, what was saved. Open: the form under its own
// heading, which takes the focus; Escape or the form's cancel button closes it
// and returns the focus to the button; a save closes it and moves the focus to
// the message saying what was saved (the button that was clicked is gone).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { Alert } from './ui';

/** What an open form may do: close (cancel), or report a save and close. */
export interface OnDemandControl {
  /** The id of the heading that names the form (for aria-labelledby). */
  headingId: string;
  close: () => void;
  saved: (message: string) => void;
}

/**
 * Open/closed state, the last save's message, and the focus moves, for a
 * form opened by a button. `key` names what is open when one place can open
 * several forms (a row of a table); a single form uses 'form'.
 */
export function useOnDemand(idPrefix: string) {
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  useEffect(() => {
    if (focusTarget === null) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const ids = {
    button: (key = 'form') => `${idPrefix}-open-${key}`,
    heading: `${idPrefix}-form-heading`,
    notice: `${idPrefix}-form-notice`,
    region: `${idPrefix}-form`,
  };
  const show = (key = 'form') => {
    setNotice(null);
    setOpen(key);
    setFocusTarget(ids.heading);
  };
  const close = () => {
    if (open !== null) setFocusTarget(ids.button(open));
    setOpen(null);
  };
  const saved = (message: string) => {
    setOpen(null);
    setNotice(message);
    setFocusTarget(ids.notice);
  };
  const control: OnDemandControl = { headingId: ids.heading, close, saved };
  return { open, notice, ids, show, close, saved, control };
}

type Level = 'h2' | 'h3' | 'h4' | 'h5';

/** The open form: its heading (focused on opening) and Escape to close, unless a save is running. */
export function OnDemandPanel({
  od,
  heading,
  level = 'h5',
  children,
}: {
  od: ReturnType<typeof useOnDemand>;
  heading: string;
  level?: Level;
  children: ComponentChildren;
}) {
  const Heading = level;
  return (
    <div
      class="on-demand-form"
      id={od.ids.region}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        // A save in flight (aria-busy on its form) finishes first.
        if ((e.currentTarget as HTMLElement).querySelector('form[aria-busy="true"]')) return;
        e.preventDefault();
        od.close();
      }}
    >
      <Heading id={od.ids.heading} tabIndex={-1} class="on-demand-heading">
        {heading}
      </Heading>
      {children}
    </div>
  );
}

/** The outcome of the last save, focusable so that the focus can land on it. */
export function OnDemandNotice({ od }: { od: ReturnType<typeof useOnDemand> }) {
  if (od.notice === null) return null;
  return (
    <div id={od.ids.notice} tabIndex={-1} class="focus-target">
      <Alert kind="success" live="status">
        <p class="alert-text">{od.notice}</p>
      </Alert>
    </div>
  );
}

/**
 * One form opened by one button: closed, the last save's message and the
 * button; open, OnDemandPanel with the form that `children` renders.
 */
export function OnDemandForm({
  idPrefix,
  label,
  heading,
  level,
  buttonClass = 'button-secondary',
  canOpen = true,
  children,
}: {
  idPrefix: string;
  /** The button's text, e.g. "Registrér kontakt". */
  label: string;
  /** The open form's heading (often the same words). */
  heading?: string;
  level?: Level;
  buttonClass?: 'button-primary' | 'button-secondary';
  /** false: no button (nothing to record now), but the last save's message stays. */
  canOpen?: boolean;
  children: (control: OnDemandControl) => ComponentChildren;
}) {
  const od = useOnDemand(idPrefix);
  if (od.open !== null) {
    return (
      <OnDemandPanel od={od} heading={heading ?? label} {...(level ? { level } : {})}>
        {children(od.control)}
      </OnDemandPanel>
    );
  }
  return (
    <div class="on-demand">
      <OnDemandNotice od={od} />
      {canOpen ? (
        <button type="button" id={od.ids.button()} class={`button ${buttonClass}`} onClick={() => od.show()}>
          {label}
        </button>
      ) : null}
    </div>
  );
}

/** A form's submit and cancel buttons; cancel closes the form (OnDemandControl.close). */
export function FormButtons({
  submit,
  busy,
  onCancel,
}: {
  submit: string;
  busy: boolean;
  onCancel: () => void;
}) {
  return (
    <div class="form-actions">
      <button type="submit" class="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : submit}
      </button>
      <button type="button" class="button button-secondary" disabled={busy} onClick={onCancel}>
        {t('form.cancel')}
      </button>
    </div>
  );
}
