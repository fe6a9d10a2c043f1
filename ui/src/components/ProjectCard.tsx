// One project as a DKFDS card: name, region, target, description and key facts.
import type { Project } from '../api';
import { t } from '../i18n';
import { formatDate, formatList } from '../i18n/format';

export function ProjectCard({ project }: { project: Project }) {
  const headingId = `project-${project.id}`;
  return (
    <article class="card" aria-labelledby={headingId}>
      <div class="card-content">
        <h2 class="card-heading" id={headingId}>
          {project.name}
        </h2>
        {project.region ? <p class="card-subheading">{project.region.name}</p> : null}
        <p class="project-target">{t('project.target', { count: project.target_count })}</p>
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
