// A small History API router. The server answers index.html for every GET
// outside /api/, so each page has a real address:
//
//   /                          start page (projects; citizen search for case roles), ?q= the search
//   /login                     sign-in; ?next= the page asked for while signed out
//   /citizens/new              register a young person (search first), then refer them
//   /citizens/{id}             a citizen (?henvis=1: the referral form starts open)
//   /citizens/{id}/access-log  who has seen the citizen's record
//   /admin                     administration
//   /caseload                  the health staff's caseload, most urgent first; ?scope=team the whole team's
//   /job-caseload              the job centre's employment caseload; ?scope=team, ?sort=name …
//   /case-review               flagged cases for the supervising clinician
//   /follow-ups                follow-up questionnaires due (?state=all: the whole schedule)
//   /employers                 the municipality's employer register (municipal staff)
//   /employers/{id}            an employer: contact persons and every consultant's contacts
//   /group-sessions            the group sessions of the caller's teams; the form to plan one
//   /group-sessions/{id}       a group session and its attendance form
//
// After a navigation inside the app, the next page's <h1> takes the focus
// (see PageHeading), so screen-reader and keyboard users start on the new page.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export type Route =
  /** q: the search ("" lists every citizen on the caller's teams), null before any search. */
  | { name: 'start'; q: string | null }
  /** next: the address inside the app to open after sign-in (a deep link), null for the start page. */
  | { name: 'login'; next: string | null }
  | { name: 'register' }
  | { name: 'citizen'; id: number }
  | { name: 'accessLog'; id: number }
  /** "Min plan" of one enrolment of the citizen, to print. */
  | { name: 'minPlan'; id: number; enrolment: number }
  | { name: 'admin' }
  /** scope: the caller's own cases (the default), or every case of their teams. */
  | { name: 'caseload'; scope: 'mine' | 'team' }
  /** The employment caseload: scope as above, sort one of EMPLOYMENT_SORTS (api.ts). */
  | { name: 'employmentCaseload'; scope: 'mine' | 'team'; sort: string }
  | { name: 'caseReview' }
  /** open: follow-ups due or overdue; all: every enrolment with a schedule. */
  | { name: 'followups'; state: 'open' | 'all' }
  | { name: 'employers' }
  | { name: 'employer'; id: number }
  | { name: 'groupSessions' }
  | { name: 'groupSession'; id: number }
  | { name: 'notFound' };

function positiveId(text: string): number | null {
  if (!/^[1-9]\d{0,15}$/.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * The address to return to after sign-in, when it is a page of this app: a
 * path on this origin ("/citizens/7", "/?q=anna"), never another site
 * ("//evil.example", "https://…") and never the login page itself.
 */
export function safeNext(next: string | null): string | null {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  let url: URL;
  try {
    url = new URL(next, window.location.origin);
  } catch {
    return null;
  }
  if (url.origin !== window.location.origin) return null;
  const route = parseRoute(url.pathname, url.search);
  if (route.name === 'login' || route.name === 'notFound') return null;
  return url.pathname + url.search;
}

export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'start', q: new URLSearchParams(search).get('q') };
  if (path === '/login') return { name: 'login', next: safeNext(new URLSearchParams(search).get('next')) };
  if (path === '/admin') return { name: 'admin' };
  if (path === '/caseload') return { name: 'caseload', scope: new URLSearchParams(search).get('scope') === 'team' ? 'team' : 'mine' };
  if (path === '/job-caseload') {
    const q = new URLSearchParams(search);
    return { name: 'employmentCaseload', scope: q.get('scope') === 'team' ? 'team' : 'mine', sort: q.get('sort') ?? 'urgency' };
  }
  if (path === '/case-review') return { name: 'caseReview' };
  if (path === '/follow-ups') {
    return { name: 'followups', state: new URLSearchParams(search).get('state') === 'all' ? 'all' : 'open' };
  }
  if (path === '/citizens/new') return { name: 'register' };
  if (path === '/employers') return { name: 'employers' };
  if (path === '/group-sessions') return { name: 'groupSessions' };
  const groupSession = /^\/group-sessions\/([^/]+)$/.exec(path);
  if (groupSession) {
    const id = positiveId(groupSession[1] ?? '');
    if (id !== null) return { name: 'groupSession', id };
  }
  const employer = /^\/employers\/([^/]+)$/.exec(path);
  if (employer) {
    const id = positiveId(employer[1] ?? '');
    if (id !== null) return { name: 'employer', id };
  }
  const minPlan = /^\/citizens\/([^/]+)\/min-plan$/.exec(path);
  if (minPlan) {
    const id = positiveId(minPlan[1] ?? '');
    const enrolment = positiveId(new URLSearchParams(search).get('enrolment') ?? '');
    if (id !== null && enrolment !== null) return { name: 'minPlan', id, enrolment };
  }
  const citizen = /^\/citizens\/([^/]+)(\/access-log)?$/.exec(path);
  if (citizen) {
    const id = positiveId(citizen[1] ?? '');
    if (id !== null) return citizen[2] ? { name: 'accessLog', id } : { name: 'citizen', id };
  }
  return { name: 'notFound' };
}

export const paths = {
  start: (q: string | null = null) => (q === null ? '/' : `/?q=${encodeURIComponent(q)}`),
  /** The login page; `next` (an address inside the app) is opened after sign-in. */
  login: (next: string | null = null) => (next === null ? '/login' : `/login?next=${encodeURIComponent(next)}`),
  register: () => '/citizens/new',
  citizen: (id: number) => `/citizens/${id}`,
  accessLog: (id: number) => `/citizens/${id}/access-log`,
  minPlan: (id: number, enrolment: number) => `/citizens/${id}/min-plan?enrolment=${enrolment}`,
  admin: () => '/admin',
  caseload: (scope: 'mine' | 'team' = 'mine') => (scope === 'team' ? '/caseload?scope=team' : '/caseload'),
  employmentCaseload: (scope: 'mine' | 'team' = 'mine', sort = 'urgency') => {
    const q = new URLSearchParams();
    if (scope === 'team') q.set('scope', 'team');
    if (sort !== 'urgency') q.set('sort', sort);
    const text = q.toString();
    return text ? `/job-caseload?${text}` : '/job-caseload';
  },
  caseReview: () => '/case-review',
  followups: (state: 'open' | 'all' = 'open') => (state === 'all' ? '/follow-ups?state=all' : '/follow-ups'),
  employers: () => '/employers',
  employer: (id: number) => `/employers/${id}`,
  groupSessions: () => '/group-sessions',
  groupSession: (id: number) => `/group-sessions/${id}`,
};

function currentRoute(): Route {
  return parseRoute(window.location.pathname, window.location.search);
}

const listeners = new Set<(route: Route) => void>();
let focusPending = false;

function publish(): void {
  const route = currentRoute();
  for (const listener of listeners) listener(route);
}

/** Go to an address inside the app; replace: true does not add a history entry. */
export function navigate(href: string, options: { replace?: boolean; focus?: boolean } = {}): void {
  const here = window.location.pathname + window.location.search;
  if (href !== here) {
    if (options.replace) window.history.replaceState(null, '', href);
    else window.history.pushState(null, '', href);
  }
  if (options.focus !== false) focusPending = true;
  if (!options.replace) window.scrollTo(0, 0);
  publish();
}

/** True once after a navigation: the page heading should take the focus. */
export function takeFocusRequest(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

window.addEventListener('popstate', () => {
  focusPending = true;
  publish();
});

/** The current route; the calling component re-renders when it changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(currentRoute);
  useEffect(() => {
    listeners.add(setRoute);
    setRoute(currentRoute());
    return () => {
      listeners.delete(setRoute);
    };
  }, []);
  return route;
}

interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-current'?: 'page' | undefined;
}

/** An ordinary link that navigates inside the app (a modified click opens a new tab as usual). */
export function Link({ href, children, class: className, 'aria-current': current }: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} class={className} aria-current={current} onClick={onClick}>
      {children}
    </a>
  );
}
