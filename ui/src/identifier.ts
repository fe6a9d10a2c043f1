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
