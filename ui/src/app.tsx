// The application shell: skip link, header, main landmark with the page.
import { t, useLang } from './i18n';
import { Header } from './components/Header';
import { ProjectsPage } from './components/ProjectsPage';

export function App() {
  // Subscribing here re-renders the whole tree when the language changes.
  useLang();
  return (
    <>
      <a class="skipnav" href="#main-content">
        {t('skipnav.main')}
      </a>
      <Header />
      <main id="main-content" class="container page-container" tabIndex={-1}>
        <ProjectsPage />
      </main>
    </>
  );
}
