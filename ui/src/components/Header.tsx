// Page header: DKFDS portal bar with the signed-in user (name, roles, log-off
// button) and the language switch, and the solution bar with the product name
// and, when signed in, the main navigation: the pages the user's roles may use.
import type { User } from '../api';
import { MENU_PAGES, pageRefusal } from '../access';
import { t, type PlainMessageKey } from '../i18n';
import { formatList } from '../i18n/format';
import { Link, paths, type Route } from '../router';
import { signOut } from '../session';
import { roleLabel } from '../labels';
import { LanguageSwitch } from './LanguageSwitch';

export function Header({ user, route }: { user: User | null; route: Route }) {
  return (
    <header class="header">
      <div class="portal-info">
        <div class="container portal-info-inner">
          {user ? <SignedInUser user={user} /> : null}
          <LanguageSwitch />
        </div>
      </div>
      <div class="solution-info">
        <div class="container solution-info-inner">
          <div class="solution-heading">
            <Link href={paths.start()}>{t('app.name')}</Link>
          </div>
          <p class="solution-tagline">{t('app.tagline')}</p>
        </div>
      </div>
      {user ? <MainNavigation user={user} route={route} /> : null}
    </header>
  );
}

function SignedInUser({ user }: { user: User }) {
  return (
    <div class="header-user">
      <p class="header-user-name">
        <span class="sr-only">{t('header.signedInAs')} </span>
        <strong>{user.display_name}</strong>
        <span class="header-user-roles">{formatList(user.roles.map(roleLabel))}</span>
      </p>
      <button type="button" class="button button-secondary" onClick={() => void signOut()}>
        {t('header.logout')}
      </button>
    </div>
  );
}

const MENU_LABELS = {
  start: 'nav.start',
  caseload: 'nav.caseload',
  employmentCaseload: 'employmentCaseload.nav',
  followups: 'nav.followups',
  caseReview: 'nav.caseReview',
  employers: 'nav.employers',
  groupSessions: 'nav.groupSessions',
  admin: 'nav.admin',
} as const satisfies Record<(typeof MENU_PAGES)[number], PlainMessageKey>;

const MENU_PATHS: Record<(typeof MENU_PAGES)[number], string> = {
  start: paths.start(),
  caseload: paths.caseload(),
  employmentCaseload: paths.employmentCaseload(),
  followups: paths.followups(),
  caseReview: paths.caseReview(),
  employers: paths.employers(),
  groupSessions: paths.groupSessions(),
  admin: paths.admin(),
};

/** The pages the user's roles may use (access.ts), so the menu never offers a page that refuses them. */
function MainNavigation({ user, route }: { user: User; route: Route }) {
  const items = MENU_PAGES.filter((page) => pageRefusal(page, user) === null).map((page) => ({
    href: MENU_PATHS[page],
    label: t(MENU_LABELS[page]),
    current: route.name === page,
  }));
  return (
    <nav class="main-nav" aria-label={t('nav.label')}>
      <div class="container">
        <ul class="main-nav-list">
          {items.map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={item.current ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
