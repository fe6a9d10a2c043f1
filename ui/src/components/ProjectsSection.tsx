// The projects section of the start page: every project from
// GET /api/v1/projects, with loading, empty and error states.
import { fetchAllProjects } from '../api';
import { t } from '../i18n';
import { useAsync } from '../useAsync';
import type { User } from '../api';
import { IpsMeasuresPanel } from './IpsMeasuresPanel';
import { ProjectCard } from './ProjectCard';
import { LoadError, Loading } from './ui';

/** user: a project lead sees IPS Grow's measures under each project they work on. */
export function ProjectsSection({ user }: { user?: User }) {
  const [state, reload] = useAsync((signal) => fetchAllProjects(signal), []);

  return (
    <section class="projects-section" aria-labelledby="projects-heading">
      <h2 id="projects-heading">{t('projects.heading')}</h2>
      <p class="font-lead">{t('projects.intro')}</p>
      <div class="projects" aria-busy={state.kind === 'loading'}>
        {state.kind === 'loading' ? <Loading text={t('projects.loading')} /> : null}
        {state.kind === 'error' ? (
          <LoadError heading="projects.error.heading" error={state.error} onRetry={reload} />
        ) : null}
        {state.kind === 'ready' && state.data.length === 0 ? <p>{t('projects.empty')}</p> : null}
        {state.kind === 'ready' && state.data.length > 0 ? (
          <ul class="card-row row">
            {state.data.map((project) => (
              <li key={project.id} class="col-12 col-lg-6">
                <ProjectCard project={project} level={3} />
                {user?.roles.includes('project_lead') && user.teams.some((team) => team.project_id === project.id) ? (
                  <IpsMeasuresPanel project={project.id} consultant={null} level={4} />
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
