// Who is signed in, and the CSRF token of their session.
//
// The session cookie is HttpOnly: the browser sends it, we never see it. The
// CSRF token from POST /auth/login is kept in memory and in sessionStorage
// (this tab only), so that a reload keeps working. At start-up GET /auth/me
// says whether the cookie still names a session. When the server answers 401
// (session gone) or 403 csrf (token lost, e.g. in a new tab), the app returns
// to the login page with a notice.
import { useEffect, useState } from 'preact/hooks';
import {
  ApiError,
  fetchMe,
  login as apiLogin,
  logout as apiLogout,
  onSessionLost,
  setCsrfToken,
  type SessionLoss,
  type User,
} from './api';
import { forgetReferenceData } from './reference';

/**
 * Why the login page is shown, for the notice above the form. 'loggedOutHere':
 * the server refused the log-off (the CSRF token was lost), so only this tab
 * forgot the session.
 */
export type LoginNotice = SessionLoss | 'loggedOut' | 'loggedOutHere' | null;

export type Session =
  | { status: 'checking' }
  | { status: 'anonymous'; notice: LoginNotice }
  | { status: 'unavailable' }
  | { status: 'signedIn'; user: User };

const CSRF_KEY = 'samspor.csrf';
/** Set when a log-off could not end the server's session: this tab stays signed out anyway. */
const SIGNED_OUT_KEY = 'samspor.signedOut';

let current: Session = { status: 'checking' };
const listeners = new Set<(session: Session) => void>();

function publish(next: Session): void {
  current = next;
  for (const listener of listeners) listener(next);
}

function storeToken(token: string | null): void {
  setCsrfToken(token);
  try {
    if (token === null) window.sessionStorage.removeItem(CSRF_KEY);
    else window.sessionStorage.setItem(CSRF_KEY, token);
  } catch {
    // storage disabled: the token lives in memory until the page is reloaded
  }
}

function storedToken(): string | null {
  try {
    return window.sessionStorage.getItem(CSRF_KEY);
  } catch {
    return null;
  }
}

function markSignedOut(on: boolean): void {
  try {
    if (on) window.sessionStorage.setItem(SIGNED_OUT_KEY, '1');
    else window.sessionStorage.removeItem(SIGNED_OUT_KEY);
  } catch {
    // storage disabled
  }
}

function markedSignedOut(): boolean {
  try {
    return window.sessionStorage.getItem(SIGNED_OUT_KEY) === '1';
  } catch {
    return false;
  }
}

function signOutLocally(notice: LoginNotice): void {
  storeToken(null);
  forgetReferenceData();
  publish({ status: 'anonymous', notice });
}

/** Ask the server whether we are signed in. Call once before render. */
export async function startSession(): Promise<void> {
  onSessionLost((why) => {
    if (current.status === 'signedIn') signOutLocally(why);
  });
  setCsrfToken(storedToken());
  if (markedSignedOut()) {
    // The user logged off in this tab but the server kept the session: do not resume it.
    publish({ status: 'anonymous', notice: null });
    return;
  }
  try {
    const user = await fetchMe();
    publish({ status: 'signedIn', user });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) signOutLocally(null);
    else publish({ status: 'unavailable' });
  }
}

/** Sign in; rejects with the ApiError (401 unauthenticated, 429 throttled) on failure. */
export async function signIn(username: string, password: string): Promise<User> {
  const answer = await apiLogin(username, password);
  storeToken(answer.csrf_token);
  markSignedOut(false);
  publish({ status: 'signedIn', user: answer.user });
  return answer.user;
}

/**
 * End the session on the server and here. A failed call still signs out of
 * this tab: 401 means the server had already ended it; 403 csrf means the
 * token was lost (the server keeps the session until its idle timeout), and
 * the tab remembers not to resume it.
 */
export async function signOut(): Promise<void> {
  try {
    await apiLogout();
  } catch (err) {
    if (err instanceof ApiError && err.status !== 401) {
      markSignedOut(true);
      signOutLocally('loggedOutHere');
      return;
    }
  }
  signOutLocally('loggedOut');
}

export function getSession(): Session {
  return current;
}

/** The current session; the calling component re-renders when it changes. */
export function useSession(): Session {
  const [session, setState] = useState<Session>(current);
  useEffect(() => {
    listeners.add(setState);
    setState(current);
    return () => {
      listeners.delete(setState);
    };
  }, []);
  return session;
}

// --- roles (docs/security-model.md) ------------------------------------------

export const HEALTH_ROLES = ['care_manager', 'therapist', 'supervising_clinician'] as const;
export const MUNICIPAL_ROLES = ['caseworker', 'job_consultant', 'resource_consultant'] as const;
export const ROLES = [
  ...HEALTH_ROLES,
  ...MUNICIPAL_ROLES,
  'project_lead',
  'evaluator',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

function hasAny(user: User, roles: readonly string[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}

/** Health or municipal staff: may search and open citizens on their teams. */
export function hasCaseRole(user: User): boolean {
  return hasAny(user, HEALTH_ROLES) || hasAny(user, MUNICIPAL_ROLES);
}

export function hasHealthRole(user: User): boolean {
  return hasAny(user, HEALTH_ROLES);
}

export function hasMunicipalRole(user: User): boolean {
  return hasAny(user, MUNICIPAL_ROLES);
}

export function isAdministrator(user: User): boolean {
  return user.roles.includes('administrator');
}

export function isSupervisingClinician(user: User): boolean {
  return user.roles.includes('supervising_clinician');
}
