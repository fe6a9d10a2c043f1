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
