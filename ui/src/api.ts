// Client for the Samspor JSON API (same origin, /api/v1).

export interface CodeName {
  code: string;
  name: string;
}

/** One project (programme) as returned by GET /api/v1/projects. */
export interface Project {
  id: number;
  slug: string;
  name: string;
  description: string;
  /** The owning region; absent when the project has none. */
  region?: CodeName;
  period_start: string;
  period_end: string;
  target_count: number;
  age_min: number;
  age_max: number;
  municipalities: CodeName[];
  target_groups: string[];
  instruments: string[];
  followup_months: number[];
  randomised: boolean;
  version: number;
}

interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** A failed API call: `status` is the HTTP status, or 0 when no response arrived. */
export class ApiError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** A guard against a server that keeps handing out cursors. */
const MAX_PAGES = 1000;

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, `GET ${url}: no response`);
  }
  if (!res.ok) throw new ApiError(res.status, `GET ${url}: HTTP ${res.status}`);
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(res.status, `GET ${url}: body is not JSON`);
  }
}

/** Every project, following next_cursor until the server returns null. */
export async function fetchAllProjects(signal?: AbortSignal): Promise<Project[]> {
  const projects: Project[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url: string =
      cursor === null ? '/api/v1/projects' : `/api/v1/projects?cursor=${encodeURIComponent(cursor)}`;
    const body: Page<Project> = await getJson<Page<Project>>(url, signal);
    if (!body || !Array.isArray(body.items)) {
      throw new ApiError(200, `GET ${url}: no items array`);
    }
    projects.push(...body.items);
    cursor = typeof body.next_cursor === 'string' && body.next_cursor !== '' ? body.next_cursor : null;
    if (cursor === null) return projects;
    if (seen.has(cursor)) throw new ApiError(200, `GET ${url}: cursor repeats`);
    seen.add(cursor);
  }
  throw new ApiError(200, 'GET /api/v1/projects: too many pages');
}
