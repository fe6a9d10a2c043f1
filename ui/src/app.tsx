// The application shell: skip link, header, <main> with the page for the
// address. Until /auth/me has answered, a spinner; without a session, the
// login page (at /login); after sign-in, the page asked for.
import { useEffect } from 'preact/hooks';
import { t, useLang } from './i18n';
import { navigate, paths, useRoute, type Route } from './router';
import { hasCaseRole, useSession, type Session } from './session';
import type { User } from './api';
import { AccessLogPage } from './components/AccessLogPage';
import { AdminPage } from './components/AdminPage';
import { CaseloadPage } from './components/CaseloadPage';
import { CaseReviewPage } from './components/CaseReviewPage';
import { CitizenPage } from './components/CitizenPage';
import { Header } from './components/Header';
import { LoginPage } from './components/LoginPage';
import { NotFoundPage } from './components/NotFoundPage';
import { RegisterPage } from './components/RegisterPage';
import { StartPage } from './components/StartPage';
import { Alert, Loading, PageHeading } from './components/ui';

export function App() {
  // Subscribing here re-renders the whole tree when the language changes.
  useLang();
  const session = useSession();
  const route = useRoute();

  // Keep the address in step with the session: /login when signed out, away from it when signed in.
  useEffect(() => {
    if (session.status === 'anonymous' && route.name !== 'login') {
      navigate(paths.login(), { replace: true });
    } else if (session.status === 'signedIn' && route.name === 'login') {
      navigate(paths.start(), { replace: true });
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
  switch (route.name) {
    case 'start':
    case 'login': // on its way to the start page
      return <StartPage user={user} q={route.name === 'start' ? route.q : null} />;
    case 'register':
      return hasCaseRole(user) ? <RegisterPage /> : <NotFoundPage />;
    case 'citizen':
      return <CitizenPage key={route.id} id={route.id} user={user} />;
    case 'accessLog':
      return <AccessLogPage key={route.id} id={route.id} />;
    case 'admin':
      return <AdminPage user={user} />;
    case 'caseload':
      return <CaseloadPage />;
    case 'caseReview':
      return <CaseReviewPage />;
    case 'notFound':
      return <NotFoundPage />;
  }
}
