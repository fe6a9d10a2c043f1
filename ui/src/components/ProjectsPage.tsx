// Start page: every project from GET /api/v1/projects, with loading, empty
// and error states.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, fetchAllProjects, type Project } from '../api';
import { t } from '../i18n';
import { ProjectCard } from './ProjectCard';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; status: number }
  | { kind: 'ready'; projects: Project[] };

export function ProjectsPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    fetchAllProjects(controller.signal).then(
      (projects) => setState({ kind: 'ready', projects }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState({ kind: 'error', status: err instanceof ApiError ? err.status : 0 });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return (
    <>
      <h1>{t('projects.heading')}</h1>
      <p class="font-lead">{t('projects.intro')}</p>
      <div class="projects" aria-busy={state.kind === 'loading'}>
        <ProjectsBody state={state} onRetry={retry} />
      </div>
    </>
  );
}

function ProjectsBody({ state, onRetry }: { state: State; onRetry: () => void }) {
  switch (state.kind) {
    case 'loading':
      return (
        <div class="projects-loading" role="status">
          <span class="spinner" aria-hidden="true"></span>
          <span class="spinner-status">{t('projects.loading')}</span>
        </div>
      );
    case 'error':
      return <ErrorAlert status={state.status} onRetry={onRetry} />;
    case 'ready':
      if (state.projects.length === 0) return <p>{t('projects.empty')}</p>;
      return (
        <ul class="card-row row">
          {state.projects.map((project) => (
            <li key={project.id} class="col-12 col-lg-6">
              <ProjectCard project={project} />
            </li>
          ))}
        </ul>
      );
  }
}

function ErrorAlert({ status, onRetry }: { status: number; onRetry: () => void }) {
  return (
    <div class="alert alert-error" role="alert">
      <svg
        class="icon-svg alert-icon"
        viewBox="0 -960 960 960"
        aria-hidden="true"
        focusable="false"
      >
        {/* DKFDS "error" icon (dist/img/svg-icons/error.svg) */}
        <path d="M480-280q17 0 28.5-11.5T520-320q0-17-11.5-28.5T480-360q-17 0-28.5 11.5T440-320q0 17 11.5 28.5T480-280Zm-40-160h80v-240h-80v240Zm40 360q-83 0-156-31.5T197-197q-54-54-85.5-127T80-480q0-83 31.5-156T197-763q54-54 127-85.5T480-880q83 0 156 31.5T763-763q54 54 85.5 127T880-480q0 83-31.5 156T763-197q-54 54-127 85.5T480-80Zm0-80q134 0 227-93t93-227q0-134-93-227t-227-93q-134 0-227 93t-93 227q0 134 93 227t227 93Zm0-320Z" />
      </svg>
      <div class="alert-body">
        <p class="alert-heading">{t('projects.error.heading')}</p>
        <p class="alert-text">
          {t('projects.error.text')}{' '}
          {status > 0
            ? t('projects.error.status', { status: String(status) })
            : t('projects.error.network')}
        </p>
        <button type="button" class="button button-secondary mt-4" onClick={onRetry}>
          {t('projects.error.retry')}
        </button>
      </div>
    </div>
  );
}
