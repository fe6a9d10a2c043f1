// The access log as people read it: one row per thing a person did in one
// page view. Opening a citizen reads the citizen, the enrolments, the
// consents …, each an audit event of its own (the API keeps every one); shown
// as they are, one look becomes 3–5 identical "Read" rows. Here the events of
// one page view — the same user and role, each within VIEW_GAP_MS of the
// previous one — that agree in action, purpose and outcome become one row,
// with the number of events and the time of the latest.
import type { AccessLogEvent } from './api';

/** Events of one user further apart than this belong to different page views. */
export const VIEW_GAP_MS = 10_000;

export interface AccessLogRow {
  /** The newest event's sequence number: a stable key. */
  seq: number;
  /** The newest event's time. */
  time: string;
  /** The oldest event's time (the same as `time` for a single event). */
  firstTime: string;
  username: string | undefined;
  /** The display name, where the API gives one. */
  name: string | undefined;
  role: string | undefined;
  /** The sector of the role; named in place of the user on a generic health_activity row. */
  sector: AccessLogEvent['sector'];
  action: string;
  purpose: string;
  /** Absent on a generic health_activity row. */
  outcome: string | undefined;
  /** How many audit events the row stands for. */
  count: number;
}

/** Group the events (newest first, as the API answers) into rows, newest first. */
export function accessLogRows(events: readonly AccessLogEvent[]): AccessLogRow[] {
  const rows: AccessLogRow[] = [];
  let view = new Map<string, AccessLogRow>();
  let viewWho: string | null = null;
  let previous = Number.NaN;
  for (const e of events) {
    const who = JSON.stringify([e.username ?? null, e.role ?? null, e.sector]);
    const at = Date.parse(e.time);
    // Newest first: the previous event is the later one.
    if (who !== viewWho || !(previous - at <= VIEW_GAP_MS)) {
      view = new Map();
      viewWho = who;
    }
    previous = at;
    const what = JSON.stringify([e.action, e.purpose, e.outcome ?? null]);
    const row = view.get(what);
    if (row) {
      row.count += 1;
      row.firstTime = e.time;
      continue;
    }
    const fresh: AccessLogRow = {
      seq: e.seq,
      time: e.time,
      firstTime: e.time,
      username: e.username,
      name: e.name,
      role: e.role,
      sector: e.sector,
      action: e.action,
      purpose: e.purpose,
      outcome: e.outcome,
      count: 1,
    };
    view.set(what, fresh);
    rows.push(fresh);
  }
  return rows;
}
