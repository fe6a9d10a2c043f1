// The projects: a table in which each row can open the form that changes the
// project (If-Match with the version read; a 412 reloads the list and says
// so), and a button that opens the form for a new project.
import { useRef, useState } from 'preact/hooks';
import { fetchInstruments, fetchOrganisations, fetchTargetGroups, type Project } from '../../api';
import { t } from '../../i18n';
import { formatDate, formatList } from '../../i18n/format';
import { useAsync, type Async } from '../../useAsync';
import { LoadError, Loading } from '../ui';
import { FeedbackView, useFeedback } from './feedback';
import { ProjectForm, type ProjectChoices } from './ProjectForm';

async function loadChoices(signal: AbortSignal): Promise<ProjectChoices> {
  const [organisations, targetGroups, instruments] = await Promise.all([
    fetchOrganisations(signal),
    fetchTargetGroups(signal),
    fetchInstruments(signal),
  ]);
  return { organisations, targetGroups, instruments: instruments.items };
}

export function ProjectsBlock({
  projects,
  onReload,
  onChanged,
}: {
  projects: Async<Project[]>;
  onReload: () => void;
  onChanged: () => void;
}) {
  const [choices, reloadChoices] = useAsync(loadChoices, []);
  const [editing, setEditing] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [feedback, say] = useFeedback();
  const editButtons = useRef(new Map<number, HTMLButtonElement>());
  const newButton = useRef<HTMLButtonElement>(null);

  const closeEdit = (id: number) => {
    setEditing(null);
    editButtons.current.get(id)?.focus();
  };
  const ready = choices.kind === 'ready' ? choices.data : null;

  return (
    <section aria-labelledby="admin-projects-heading">
      <h2 id="admin-projects-heading">{t('admin.projects.heading')}</h2>
      <FeedbackView feedback={feedback} />
      {projects.kind === 'loading' ? <Loading text={t('projects.loading')} /> : null}
      {projects.kind === 'error' ? <LoadError heading="projects.error.heading" error={projects.error} onRetry={onReload} /> : null}
      {choices.kind === 'error' ? <LoadError heading="admin.project.choices.error" error={choices.error} onRetry={reloadChoices} /> : null}
      {projects.kind === 'ready' && projects.data.length === 0 ? <p>{t('projects.empty')}</p> : null}
      {projects.kind === 'ready' && projects.data.length > 0 ? (
        <div class="table--responsive-scroll">
          <table class="table table--zebra table--compact admin-projects">
            <caption class="sr-only">{t('admin.projects.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.projects.col.name')}</th>
                <th scope="col">{t('admin.projects.col.slug')}</th>
                <th scope="col">{t('admin.projects.col.region')}</th>
                <th scope="col">{t('project.municipalities')}</th>
                <th scope="col">{t('project.period')}</th>
                <th scope="col">{t('admin.projects.col.target')}</th>
                <th scope="col">{t('admin.users.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {projects.data.map((p) => {
                const open = editing === p.id;
                const formId = `project-${p.id}-form`;
                return (
                  <tr key={p.id}>
                    <th scope="row">{p.name}</th>
                    <td>
                      <code>{p.slug}</code>
                    </td>
                    <td>{p.region ? p.region.name : t('admin.projects.noRegion')}</td>
                    <td>{formatList(p.municipalities.map((m) => m.name))}</td>
                    <td>
                      {t('project.period.range', {
                        start: formatDate(p.period_start),
                        end: formatDate(p.period_end),
                      })}
                    </td>
                    <td>{t('admin.projects.target', { count: p.target_count })}</td>
                    <td>
                      <button
                        type="button"
                        class="button button-secondary button-small"
                        aria-expanded={open ? 'true' : 'false'}
                        aria-controls={open ? formId : undefined}
                        aria-disabled={ready ? undefined : 'true'}
                        ref={(el) => {
                          if (el) editButtons.current.set(p.id, el);
                          else editButtons.current.delete(p.id);
                        }}
                        onClick={() => ready && setEditing(open ? null : p.id)}
                      >
                        {t('admin.projects.edit')}
                        <span class="sr-only"> {p.name}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {projects.kind === 'ready' && ready && editing !== null
        ? projects.data
            .filter((p) => p.id === editing)
            .map((p) => (
              <div class="admin-edit-project" key={p.id}>
                <h3>{t('admin.project.editing', { name: p.name })}</h3>
                <ProjectForm
                  project={p}
                  choices={ready}
                  onCancel={() => closeEdit(p.id)}
                  onDone={(saved) => {
                    say('success', t('admin.project.saved', { name: saved.name }));
                    closeEdit(p.id);
                    onChanged();
                  }}
                  onStale={() => {
                    say('warning', t('admin.project.stale', { name: p.name }));
                    closeEdit(p.id);
                    onChanged();
                  }}
                />
              </div>
            ))
        : null}
      {projects.kind === 'ready' ? (
        <div class="mt-5">
          <button
            type="button"
            class="button button-secondary"
            ref={newButton}
            aria-expanded={creating ? 'true' : 'false'}
            aria-controls={creating ? 'new-project-form' : undefined}
            aria-disabled={ready ? undefined : 'true'}
            onClick={() => ready && setCreating(!creating)}
          >
            {t('admin.project.new')}
          </button>
          {creating && ready ? (
            <div class="admin-new-project">
              <h3>{t('admin.project.new')}</h3>
              <ProjectForm
                project={null}
                choices={ready}
                onCancel={() => {
                  setCreating(false);
                  newButton.current?.focus();
                }}
                onDone={(saved) => {
                  say('success', t('admin.project.created', { name: saved.name }));
                  setCreating(false);
                  newButton.current?.focus();
                  onChanged();
                }}
              />
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
