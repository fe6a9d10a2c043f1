// Locale-aware formatting for the current language (Intl only, no strings of our own).
import { locale } from './index';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date "YYYY-MM-DD" as a long date in the current language
 * ("1. september 2021" / "1 September 2021"). Formatted in UTC so the day
 * never shifts with the browser's time zone. Anything else is returned as is.
 */
export function formatDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Names as a list in the current language ("Herning, Holstebro og Struer"). */
export function formatList(names: readonly string[]): string {
  return new Intl.ListFormat(locale(), { style: 'long', type: 'conjunction' }).format(names);
}

/**
 * A UTC timestamp ("2026-11-23T07:53:27Z") as date and time in Danish time
 * ("23. nov. 2026 08.53.27" / "23 Nov 2026, 08:53:27"). Anything else is returned as is.
 */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Europe/Copenhagen',
  }).format(date);
}

/**
 * The day of a UTC timestamp in Denmark, as a long date ("5. december 2026"): a task set at
 * 00:30 Danish time on 6 December is dated the 6th, although it is still the 5th in UTC.
 */
export function formatTimestampDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'Europe/Copenhagen' }).format(date);
}

/** A wait in whole seconds as words ("1 sekund", "2 minutter" / "1 second", "2 minutes"); a minute or more is rounded up to minutes. */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  const [value, unit] = s < 60 ? [s, 'second'] : [Math.ceil(s / 60), 'minute'];
  return new Intl.NumberFormat(locale(), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
