// The application shell: skip link, header, <main> with the page for the
// address. Until /auth/me has answered, a spinner; without a session, the
// login page (at /login?next=<the page asked for>); after sign-in, that page.
// A page the user's roles may not use says whom it is for (access.ts).
import { useEffect } from 'preact/hooks';
import { t, useLang } from './i18n';
import { navigate, paths, safeNext, useRoute, type Route } from './router';
import { useSession, type Session } from './session';
import type { User } from './api';
import { pageRefusal } from './access';
import { AccessLogPage } from './components/AccessLogPage';
import { MinPlanPage } from './components/MinPlanPage';
import { AdminPage } from './components/AdminPage';
import { EmploymentCaseloadPage } from './components/EmploymentCaseloadPage';
import { CaseloadPage } from './components/CaseloadPage';
import { CaseReviewPage } from './components/CaseReviewPage';
import { FollowupsPage } from './components/FollowupsPage';
import { CitizenPage } from './components/CitizenPage';
import { EmployerPage } from './components/EmployerPage';
import { EmployersPage } from './components/EmployersPage';
import { GroupSessionPage } from './components/GroupSessionPage';
import { GroupSessionsPage } from './components/GroupSessionsPage';
import { Header } from './components/Header';
import { LoginPage } from './components/LoginPage';
import { ForbiddenPage, NotFoundPage } from './components/NotFoundPage';
import { RegisterPage } from './components/RegisterPage';
import { StartPage } from './components/StartPage';
import { Alert, Loading, PageHeading } from './components/ui';

export function App() {
  // Subscribing here re-renders the whole tree when the language changes.
  useLang();
  const session = useSession();
  const route = useRoute();

  // Keep the address in step with the session: /login when signed out (remembering the page
  // asked for, unless the user logged off), and to that page once signed in.
  useEffect(() => {
    if (session.status === 'anonymous' && route.name !== 'login') {
      const loggedOff = session.notice === 'loggedOut' || session.notice === 'loggedOutHere';
      const here = window.location.pathname + window.location.search;
      navigate(paths.login(loggedOff ? null : safeNext(here)), { replace: true });
    } else if (session.status === 'signedIn' && route.name === 'login') {
      navigate(route.next ?? paths.start(), { replace: true });
    }
  }, [session.status, route.name]);

  const user = session.status === 'signedIn' ? session.user : null;
  return (
    <>
      <a class="skipnav" href="#main-content">
        {t('skipnav.main')}
      </a>
      <Header user={user} route={route} />
      <main id="main-content" class="container page-container" tabIndex={-1}>
        <Page session={session} route={route} />
      </main>
    </>
  );
}

function Page({ session, route }: { session: Session; route: Route }) {
  switch (session.status) {
    case 'checking':
      return <Loading text={t('app.checking')} />;
    case 'unavailable':
      return (
        <>
          <PageHeading title={t('app.unavailable.heading')}>{t('app.unavailable.heading')}</PageHeading>
          <Alert kind="error">
            <p class="alert-text">{t('app.unavailable.text')}</p>
            <button type="button" class="button button-secondary mt-4" onClick={() => window.location.reload()}>
              {t('error.retry')}
            </button>
          </Alert>
        </>
      );
    case 'anonymous':
      return <LoginPage notice={session.notice} />;
    case 'signedIn':
      return <SignedInPage user={session.user} route={route} />;
  }
}

function SignedInPage({ user, route }: { user: User; route: Route }) {
  const refusal = pageRefusal(route.name, user);
  if (refusal !== null) return <ForbiddenPage text={t(refusal)} />;
  switch (route.name) {
    case 'login': // on its way to the page asked for
      return null;
    case 'start':
      return <StartPage user={user} q={route.q} />;
    case 'register':
      return <RegisterPage />;
    case 'citizen':
      return <CitizenPage key={route.id} id={route.id} user={user} />;
    case 'accessLog':
      return <AccessLogPage key={route.id} id={route.id} />;
    case 'minPlan':
      return <MinPlanPage key={route.enrolment} id={route.id} enrolmentId={route.enrolment} />;
    case 'admin':
      return <AdminPage user={user} />;
    case 'caseload':
      return <CaseloadPage scope={route.scope} />;
    case 'employmentCaseload':
      return <EmploymentCaseloadPage scope={route.scope} sort={route.sort} user={user} />;
    case 'caseReview':
      return <CaseReviewPage />;
    case 'followups':
      return <FollowupsPage key={route.state} scope={route.state} />;
    case 'employers':
      return <EmployersPage />;
    case 'employer':
      return <EmployerPage key={route.id} id={route.id} />;
    case 'groupSessions':
      return <GroupSessionsPage user={user} />;
    case 'groupSession':
      return <GroupSessionPage key={route.id} id={route.id} />;
    case 'notFound':
      return <NotFoundPage />;
  }
}
