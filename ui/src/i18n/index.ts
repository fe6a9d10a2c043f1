// Language state and the t() helper.
//
// Danish is the default; the choice persists in localStorage and is mirrored
// on <html lang>. Components read messages only through t(); a component that
// calls useLang() (the App does) re-renders when the language changes.
import { useEffect, useState } from 'preact/hooks';
import { da, type MessageKey, type Messages, type PluralMessage } from './da';
import { en } from './en';

export type { MessageKey, PluralMessage } from './da';

export type Lang = 'da' | 'en';

/** Languages in the order the switch shows them. */
export const LANGS: readonly Lang[] = ['da', 'en'];

const CATALOGUES: Readonly<Record<Lang, Messages>> = { da, en };

/** BCP 47 locale used for Intl formatting in each language. */
const LOCALES: Readonly<Record<Lang, string>> = { da: 'da-DK', en: 'en-GB' };

const STORAGE_KEY = 'samspor.lang';

let current: Lang = 'da';
const listeners = new Set<(lang: Lang) => void>();

function isLang(value: unknown): value is Lang {
  return value === 'da' || value === 'en';
}

function readStoredLang(): Lang | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLang(stored) ? stored : null;
  } catch {
    return null; // storage disabled: fall back to the default
  }
}

/** Load the stored language (default Danish) and set <html lang>. Call once before render. */
export function initLang(): Lang {
  current = readStoredLang() ?? 'da';
  document.documentElement.lang = current;
  return current;
}

export function getLang(): Lang {
  return current;
}

/** Switch language: persist it, set <html lang>, and re-render subscribers. */
export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  for (const listener of listeners) listener(lang);
}

/** The current language; the calling component re-renders when it changes. */
export function useLang(): Lang {
  const [lang, setState] = useState<Lang>(current);
  useEffect(() => {
    listeners.add(setState);
    setState(current); // in case it changed between render and effect
    return () => {
      listeners.delete(setState);
    };
  }, []);
  return lang;
}

/** BCP 47 locale for Intl APIs in the current (or given) language. */
export function locale(lang: Lang = current): string {
  return LOCALES[lang];
}

// The names of the {placeholders} in a message, from the Danish literal type.
type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** Keys of ordinary messages (one text); the others are plural entries (PluralMessage). */
export type TextKey = { [K in MessageKey]: (typeof da)[K] extends string ? K : never }[MessageKey];

/** Keys of plural entries: texts chosen by a count with tp(). */
export type PluralKey = Exclude<MessageKey, TextKey>;

/** Keys of messages without {placeholders}: t(key) needs nothing more. */
export type PlainMessageKey = {
  [K in TextKey]: [Placeholders<(typeof da)[K]>] extends [never] ? K : never;
}[TextKey];

type ParamsOf<K extends TextKey> = Record<Placeholders<(typeof da)[K]>, string | number>;

/** t(key) for plain messages; t(key, {name: value}) when the message has placeholders. */
type TArgs<K extends TextKey> = [Placeholders<(typeof da)[K]>] extends [never] ? [] : [params: ParamsOf<K>];

/** Every {placeholder} of every form of a plural entry but {count}, which tp() fills from its count. */
type PluralPlaceholders<K extends PluralKey> = Exclude<
  Placeholders<(typeof da)[K][keyof (typeof da)[K]]>,
  'count'
>;

type TpArgs<K extends PluralKey> = [PluralPlaceholders<K>] extends [never]
  ? []
  : [params: Record<PluralPlaceholders<K>, string | number>];

/** Each {name} in message replaced by params[name]; numbers formatted for the language. */
function fill(message: string, params: Record<string, string | number> | undefined): string {
  if (!params) return message;
  const numbers = new Intl.NumberFormat(LOCALES[current]);
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

/**
 * The message for `key` in the current language, with each {name} replaced by
 * params[name]; numbers are formatted for the language (e.g. 1.000 / 1,000).
 * A placeholder without a value is left as written, so the gap is visible.
 */
export function t<K extends TextKey>(key: K, ...args: TArgs<K>): string {
  const message = CATALOGUES[current][key] as string;
  return fill(message, args[0] as Record<string, string | number> | undefined);
}

/**
 * The form of a plural entry for `count` in the current language, chosen by
 * Intl.PluralRules (Danish and English: 1 is "one", everything else "other"),
 * with {count} and any other {name} filled: tp('search.count', 1) is
 * "Viser 1 ung.", tp('search.count', 3) "Viser 3 unge.".
 */
export function tp<K extends PluralKey>(key: K, count: number, ...args: TpArgs<K>): string {
  const entry = CATALOGUES[current][key] as PluralMessage;
  const category = new Intl.PluralRules(LOCALES[current]).select(count);
  const message = (category === 'other' ? undefined : entry[category]) ?? entry.other;
  const params = (args[0] ?? {}) as Record<string, string | number>;
  return fill(message, { ...params, count });
}
