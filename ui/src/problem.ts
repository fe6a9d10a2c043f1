// The text for a field the server refused: its problem+json `reason` in the
// reader's language, with the parameters that say what is allowed filled in
// (docs/api-contract.md, Reasons). Every reason the server can send has a
// text in da.ts and en.ts ("problem.reason.<name>"; tests/unit/base/reason_test.c
// checks them against the server's table); a reason this build does not know
// falls back to the text of "invalid".
import type { ProblemReason } from './api';
import { locale, t, type MessageKey } from './i18n';
import { da } from './i18n/da';
import { formatDate } from './i18n/format';

type Params = Record<string, string | number>;

// t() with a key chosen at run time: the placeholders are the reason's
// parameters, which the test above checks, not the literal types t() knows.
const fill = t as unknown as (key: MessageKey, params?: Params) => string;

function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(da, key);
}

/** Values to choose from, as "a, b eller c" / "a, b or c". */
function choices(values: readonly string[]): string {
  return new Intl.ListFormat(locale(), { style: 'long', type: 'disjunction' }).format(values);
}

const TYPE_KEYS: Readonly<Record<string, MessageKey>> = {
  string: 'problem.type.string',
  integer: 'problem.type.integer',
  boolean: 'problem.type.boolean',
  array: 'problem.type.array',
  object: 'problem.type.object',
  string_or_null: 'problem.type.string_or_null',
};

/**
 * The reader's text for a refused field. `label` turns an allowed value
 * (a code such as "walk_and_talk") into the words the form shows for it.
 */
export function reasonText(r: ProblemReason, label: (value: string) => string = (v) => v): string {
  const params: Params = {};
  // A year is written without a thousands separator (1800, not 1.800).
  const asNumber = r.reason !== 'year_out_of_range';
  if (r.min !== undefined) params.min = asNumber ? r.min : String(r.min);
  if (r.max !== undefined) params.max = asNumber ? r.max : String(r.max);
  if (r.earliest !== undefined) params.earliest = formatDate(r.earliest);
  if (r.latest !== undefined) params.latest = formatDate(r.latest);
  if (r.allowed !== undefined) params.allowed = choices(r.allowed.map(label));
  if (r.expected !== undefined) {
    const typeKey = TYPE_KEYS[r.expected];
    params.expected = typeKey ? t(typeKey as 'problem.type.string') : r.expected;
  }
  if (r.reason === 'length_out_of_range' && r.min === 0) return fill('problem.lengthAtMost', params);
  if (r.reason === 'status_move' && r.allowed?.length === 0) return t('problem.statusFinal');
  const key = `problem.reason.${r.reason}`;
  return fill(isMessageKey(key) ? key : 'problem.reason.invalid', params);
}
