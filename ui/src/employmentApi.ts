// The employment and education track's episodes, vocational profile and follow-along contacts
// (docs/api-contract.md "Employment and education track"), as the API answers them.
import { enrolmentPath, fetchWhole, request, type Page, type UserRef } from './api';

/** The codes of core/episode.c and core/vocational.c, in the order the forms offer them. */
export const EPISODE_KINDS = ['ordinary_job', 'subsidised_job', 'flexjob', 'internship', 'education', 'course'] as const;
export const EDUCATION_LEVELS = [
  'primary_lower_secondary',
  'preparatory',
  'upper_secondary',
  'vocational',
  'short_higher',
  'medium_higher',
  'long_higher',
] as const;
export const INTERNSHIP_PURPOSES = ['slow_return', 'try_out'] as const;
export const END_REASONS = ['completed', 'dropped_out', 'dismissed', 'moved_on'] as const;
export const FOLLOW_ALONG_PARTIES = ['young_person', 'employer', 'school'] as const;
export const FOLLOW_ALONG_KINDS = ['in_person', 'phone', 'email', 'video', 'text_message'] as const;
export const DISCLOSURES = ['none', 'some', 'full'] as const;
export const HISTORY_OUTCOMES = ['completed', 'dropped_out', 'ongoing'] as const;
/** The kinds that have an employer of the register (core/episode.c). */
export const WORKPLACE_KINDS: readonly string[] = ['ordinary_job', 'subsidised_job', 'flexjob', 'internship'];

export interface Episode {
  id: number;
  enrolment_id: number;
  kind: string;
  start_date: string;
  end_date?: string;
  end_reason?: string;
  hours_per_week: number | null;
  employer: { id: number; name: string } | null;
  place?: string;
  institution?: string;
  programme?: string;
  level?: string;
  purpose?: string;
  contact_allowed: boolean;
  created_by: UserRef | null;
  created_at: string;
  version: number;
}

export interface EpisodeInput {
  kind?: string;
  start_date?: string;
  end_date?: string | null;
  end_reason?: string | null;
  hours_per_week?: number | null;
  employer_id?: number | null;
  place?: string | null;
  institution?: string | null;
  programme?: string | null;
  level?: string | null;
  purpose?: string | null;
  contact_allowed?: boolean;
}

export interface VocationalEntry {
  area: string;
  level?: string;
  description?: string;
  from_year: number | null;
  to_year: number | null;
  outcome?: string;
}

export interface VocationalProfile {
  enrolment_id: number;
  version: number;
  own_goals?: string;
  work_wanted?: string;
  work_not_wanted?: string;
  hours_wanted: number | null;
  places?: string;
  travel?: string;
  disclosure: string;
  disclosure_note?: string;
  history: VocationalEntry[];
  saved_by: UserRef;
  saved_at: string;
}

export interface VocationalProfileInput {
  disclosure: string;
  disclosure_note?: string;
  own_goals?: string;
  work_wanted?: string;
  work_not_wanted?: string;
  hours_wanted?: number;
  places?: string;
  travel?: string;
  history: { area: string; level?: string; description?: string; from_year?: number; to_year?: number; outcome?: string }[];
}

export interface FollowAlong {
  id: number;
  enrolment_id: number;
  episode_id: number;
  date: string;
  with_whom: string;
  kind: string;
  note?: string;
  created_by: UserRef;
  created_at: string;
}

export function fetchEpisodes(enrolmentId: number, signal?: AbortSignal): Promise<{ items: Episode[] }> {
  return fetchWhole<Episode, Page<Episode>>(`${enrolmentPath(enrolmentId, 'episodes')}?limit=200`, signal);
}

export function createEpisode(enrolmentId: number, body: EpisodeInput, idempotencyKey: string): Promise<Episode> {
  return request<Episode>(enrolmentPath(enrolmentId, 'episodes'), { method: 'POST', body, idempotencyKey });
}

/** Change (or end) an episode read at `version`: 412 when someone changed it since. */
export function updateEpisode(id: number, body: EpisodeInput, version: number): Promise<Episode> {
  return request<Episode>(`/api/v1/episodes/${id}`, { method: 'PATCH', body, ifMatch: version });
}

/**
 * The current vocational profile, or null before the first save: the newest of the history, so that
 * a young person without a profile yet is an empty list, not a 404 in the browser's console.
 */
export async function fetchVocationalProfile(enrolmentId: number, signal?: AbortSignal): Promise<VocationalProfile | null> {
  const page = await request<Page<VocationalProfile>>(`${enrolmentPath(enrolmentId, 'vocational-profile/history')}?limit=1`, {
    signal,
  });
  return page.items[0] ?? null;
}

export function fetchVocationalHistory(enrolmentId: number, signal?: AbortSignal): Promise<{ items: VocationalProfile[] }> {
  return fetchWhole<VocationalProfile, Page<VocationalProfile>>(
    `${enrolmentPath(enrolmentId, 'vocational-profile/history')}?limit=200`,
    signal,
  );
}

/** Save a new version over `version` (null: the first). */
export function saveVocationalProfile(
  enrolmentId: number,
  body: VocationalProfileInput,
  version: number | null,
): Promise<VocationalProfile> {
  return request<VocationalProfile>(enrolmentPath(enrolmentId, 'vocational-profile'), {
    method: 'PUT',
    body,
    ...(version !== null ? { ifMatch: version } : {}),
  });
}

export function fetchFollowAlong(enrolmentId: number, signal?: AbortSignal): Promise<{ items: FollowAlong[] }> {
  return fetchWhole<FollowAlong, Page<FollowAlong>>(`${enrolmentPath(enrolmentId, 'follow-along')}?limit=200`, signal);
}

export function recordFollowAlong(
  enrolmentId: number,
  body: { episode_id: number; date: string; with_whom: string; kind: string; note?: string },
  idempotencyKey: string,
): Promise<FollowAlong> {
  return request<FollowAlong>(enrolmentPath(enrolmentId, 'follow-along'), { method: 'POST', body, idempotencyKey });
}

/** An employer of the register as the episode form offers it. */
export interface EmployerChoice {
  id: number;
  name: string;
}

/** A municipality's whole employer register, by name (GET /api/v1/employers). */
export async function fetchEmployerChoices(municipality: string, signal?: AbortSignal): Promise<EmployerChoice[]> {
  const page = await fetchWhole<EmployerChoice, Page<EmployerChoice>>(
    `/api/v1/employers?municipality=${encodeURIComponent(municipality)}&limit=200`,
    signal,
  );
  return page.items.map((e) => ({ id: e.id, name: e.name }));
}
