// Administration (administrator role): projects, staff accounts, teams and
// questionnaire translations, one block each (components/admin/). The page
// holds what several blocks show — the projects and the teams — and reloads
// them, quietly, when a block changed something: a user table names teams, a
// team table names projects and members. Nothing is made up: a table shows
// only what the API answered.
import { useState } from 'preact/hooks';
import { fetchAllProjects, fetchAllTeams, type User } from '../api';
import { t } from '../i18n';
import { useNames } from '../reference';
import { isAdministrator } from '../session';
import { useAsync } from '../useAsync';
import { ProjectsBlock } from './admin/ProjectsBlock';
import { TeamsBlock } from './admin/TeamsBlock';
import { TranslationsBlock } from './admin/TranslationsBlock';
import { UsersBlock } from './admin/UsersBlock';
import { PageHeading } from './ui';

export function AdminPage({ user }: { user: User }) {
  const title = t('admin.title');
  if (!isAdministrator(user)) {
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <p>{t('admin.forbidden')}</p>
      </>
    );
  }
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p class="font-lead">{t('admin.intro')}</p>
      <AdminBlocks self={user} />
    </>
  );
}

function AdminBlocks({ self }: { self: User }) {
  const [projects, reloadProjects] = useAsync((signal) => fetchAllProjects(signal), []);
  const [teams, reloadTeams] = useAsync((signal) => fetchAllTeams(signal), []);
  // Moves on when a team's members change, so that the user table shows it.
  const [memberships, setMemberships] = useState(0);
  const names = useNames();
  const projectList = projects.kind === 'ready' ? projects.data : null;
  const teamList = teams.kind === 'ready' ? teams.data : null;

  return (
    <>
      <nav aria-label={t('admin.contents')} class="admin-contents">
        <ul class="nobullet-list">
          <li>
            <a href="#admin-projects-heading">{t('admin.projects.heading')}</a>
          </li>
          <li>
            <a href="#admin-users-heading">{t('admin.users.heading')}</a>
          </li>
          <li>
            <a href="#admin-teams-heading">{t('admin.teams.heading')}</a>
          </li>
          <li>
            <a href="#admin-texts-heading">{t('admin.texts.heading')}</a>
          </li>
        </ul>
      </nav>
      <ProjectsBlock
        projects={projects}
        onReload={reloadProjects}
        onChanged={() => {
          reloadProjects();
          reloadTeams();
        }}
      />
      <UsersBlock self={self} teams={teamList} names={names} changes={memberships} onChanged={reloadTeams} />
      <TeamsBlock
        teams={teams}
        projects={projectList}
        names={names}
        onReload={reloadTeams}
        onChanged={() => {
          reloadTeams();
          setMemberships((n) => n + 1);
        }}
      />
      <TranslationsBlock />
    </>
  );
}
