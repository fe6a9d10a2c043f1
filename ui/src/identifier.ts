// Danish person identifiers for display.

/**
 * A ten-character identifier (CPR, erstatningspersonnummer, eCPR) as
 * DDMMYY-SSSS. Anything else is returned unchanged.
 */
export function formatIdentifier(identifier: string): string {
  const plain = identifier.replace(/-/g, '');
  return plain.length === 10 ? `${plain.slice(0, 6)}-${plain.slice(6)}` : identifier;
}

/** Today's calendar date in Denmark as YYYY-MM-DD (the server's "today"). */
export function todayInDenmark(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export type IdentifierKind = 'cpr' | 'erstatning' | 'ecpr';

/** What is wrong with an identifier as typed, or null when it may be sent. */
export type IdentifierProblem = 'empty' | 'format' | 'date';

function validDayMonth(day: number, month: number, yy: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, yy % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (days[month - 1] ?? 0);
}

/**
 * Live check of an identifier as the registration form types it: ten characters, with or
 * without a hyphen after the sixth, whose first six are a real day and month (CPR-kontoret's
 * format; a substitute number — erstatningspersonnummer — adds 60 to the day; eCPR has letters
 * in the last four). The server checks it again, with the century digit; this only tells the
 * user early.
 */
export function identifierProblem(kind: IdentifierKind, text: string): IdentifierProblem | null {
  const plain = text.trim().replace(/^(\w{6})-(\w{4})$/, '$1$2');
  if (plain === '') return 'empty';
  const tail = kind === 'ecpr' ? /^[0-9]{6}[0-9A-Za-z]{4}$/ : /^[0-9]{10}$/;
  if (!tail.test(plain)) return 'format';
  const day = Number(plain.slice(0, 2)) - (kind === 'erstatning' ? 60 : 0);
  const month = Number(plain.slice(2, 4));
  const yy = Number(plain.slice(4, 6));
  return validDayMonth(day, month, yy) ? null : 'date';
}
