// One project as a DKFDS card: name, region, target, description and key facts.
import type { Project } from '../api';
import { t, tp } from '../i18n';
import { formatDate, formatList } from '../i18n/format';

/** level: the card heading's rank, so that headings stay in order on every page. */
export function ProjectCard({ project, level = 2 }: { project: Project; level?: 2 | 3 }) {
  const headingId = `project-${project.id}`;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <article class="card" aria-labelledby={headingId}>
      <div class="card-content">
        <Heading class="card-heading" id={headingId}>
          {project.name}
        </Heading>
        {project.region ? <p class="card-subheading">{project.region.name}</p> : null}
        <p class="project-target">{tp('project.target', project.target_count)}</p>
        {project.description ? <p>{project.description}</p> : null}
        <dl class="project-facts">
          <div>
            <dt>{t('project.municipalities')}</dt>
            <dd>{formatList(project.municipalities.map((m) => m.name))}</dd>
          </div>
          <div>
            <dt>{t('project.period')}</dt>
            <dd>
              {t('project.period.range', {
                start: formatDate(project.period_start),
                end: formatDate(project.period_end),
              })}
            </dd>
          </div>
          <div>
            <dt>{t('project.age')}</dt>
            <dd>{t('project.age.range', { min: project.age_min, max: project.age_max })}</dd>
          </div>
          <div>
            <dt>{t('project.design')}</dt>
            <dd>
              {project.randomised
                ? t('project.design.randomised')
                : t('project.design.notRandomised')}
            </dd>
          </div>
        </dl>
      </div>
    </article>
  );
}
