// Client for group sessions (docs/api-contract.md "Meetings"): a session of one team with a
// topic and many young people, and their attendance recorded in one form. A participant is
// shown only to readers on the participant's team; the attendance list sent is the whole list
// for the caller's teams.
import { fetchAll, request, withQuery, type Page } from './api';

/** Where a conversation or session is held, in the order src/core/meeting.c lists them. */
export const MEETING_PLACES = ['office', 'walk_and_talk', 'library', 'drop_in_cafe', 'home', 'phone', 'video', 'other'] as const;
export type MeetingPlace = (typeof MEETING_PLACES)[number];

export interface PersonRef {
  id: number;
  name: string;
}

export interface GroupParticipant {
  enrolment_id: number;
  citizen: PersonRef;
  /** null: not recorded yet. */
  attended: boolean | null;
}

export interface GroupSession {
  id: number;
  kind: 'group';
  date: string;
  duration_minutes: number | null;
  place: MeetingPlace | null;
  topic: string;
  team_id: number;
  project_id: number;
  staff: PersonRef[];
  created_by: PersonRef;
  created_at: string;
  version: number;
  /** In the answers about one session: the participants of the caller's teams only. */
  participants?: GroupParticipant[];
}

export interface NewGroupSession {
  team_id: number;
  date: string;
  duration_minutes: number;
  place: MeetingPlace;
  topic: string;
  staff: number[];
  participants: number[];
}

/** A young person a session may take in (GET /api/v1/group-sessions/young-people). */
export interface GroupCandidate {
  enrolment_id: number;
  citizen: PersonRef;
}

/** One page of the sessions of the caller's teams, newest first. */
export function fetchGroupSessions(cursor: string | null, limit: number, signal?: AbortSignal): Promise<Page<GroupSession>> {
  return request<Page<GroupSession>>(withQuery('/api/v1/group-sessions', { limit, cursor }), { signal });
}

export function fetchGroupSession(id: number, signal?: AbortSignal): Promise<GroupSession> {
  return request<GroupSession>(`/api/v1/group-sessions/${id}`, { signal });
}

export function createGroupSession(body: NewGroupSession, idempotencyKey: string): Promise<GroupSession> {
  return request<GroupSession>('/api/v1/group-sessions', { method: 'POST', body, idempotencyKey });
}

/** The whole attendance list for the caller's teams, with the session's version read (If-Match). */
export function saveAttendance(session: GroupSession, attendance: { enrolment_id: number; attended: boolean }[]): Promise<GroupSession> {
  return request<GroupSession>(`/api/v1/group-sessions/${session.id}/attendance`, {
    method: 'PUT',
    body: { attendance },
    ifMatch: session.version,
  });
}

/** Every active young person of a team the caller is on. */
export function fetchGroupCandidates(teamId: number, signal?: AbortSignal): Promise<GroupCandidate[]> {
  return fetchAll<GroupCandidate>(withQuery('/api/v1/group-sessions/young-people', { team: teamId, limit: 200 }), signal);
}
