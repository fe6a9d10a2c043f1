// Administration (administrator role): projects, staff accounts and teams,
// read-only. A server without the user API (GET /api/v1/users answers 404)
// gets an info alert: users are then managed with the `samspor user` command.
// Nothing is made up: a table shows only what the API answered.
import { ApiError, fetchAllProjects, fetchAllTeams, fetchAllUsers, type AdminTeam, type AdminUser, type User } from '../api';
import { t } from '../i18n';
import { formatDate, formatList } from '../i18n/format';
import { roleLabel } from '../labels';
import { useNames, type Names } from '../reference';
import { isAdministrator } from '../session';
import { useAsync, type Async } from '../useAsync';
import { Alert, LoadError, Loading, PageHeading } from './ui';

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
      <AdminProjects />
      <AdminPeople />
    </>
  );
}

function AdminProjects() {
  const [state, reload] = useAsync((signal) => fetchAllProjects(signal), []);
  return (
    <section aria-labelledby="admin-projects-heading">
      <h2 id="admin-projects-heading">{t('admin.projects.heading')}</h2>
      {state.kind === 'loading' ? <Loading text={t('projects.loading')} /> : null}
      {state.kind === 'error' ? (
        <LoadError heading="projects.error.heading" error={state.error} onRetry={reload} />
      ) : null}
      {state.kind === 'ready' && state.data.length === 0 ? <p>{t('projects.empty')}</p> : null}
      {state.kind === 'ready' && state.data.length > 0 ? (
        <div class="table--responsive-scroll">
          <table class="table table--zebra">
            <caption class="sr-only">{t('admin.projects.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.projects.col.name')}</th>
                <th scope="col">{t('admin.projects.col.slug')}</th>
                <th scope="col">{t('admin.projects.col.region')}</th>
                <th scope="col">{t('project.municipalities')}</th>
                <th scope="col">{t('project.period')}</th>
                <th scope="col">{t('admin.projects.col.target')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((p) => (
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

const isMissing = (state: Async<unknown>) =>
  state.kind === 'error' && state.error instanceof ApiError && state.error.status === 404;

function AdminPeople() {
  const [users, reloadUsers] = useAsync((signal) => fetchAllUsers(signal), []);
  const [teams, reloadTeams] = useAsync((signal) => fetchAllTeams(signal), []);
  const names = useNames();
  const teamList = teams.kind === 'ready' ? teams.data : null;
  const userList = users.kind === 'ready' ? users.data : null;

  return (
    <>
      <section aria-labelledby="admin-users-heading">
        <h2 id="admin-users-heading">{t('admin.users.heading')}</h2>
        {users.kind === 'loading' ? <Loading text={t('admin.users.loading')} /> : null}
        {isMissing(users) ? (
          <Alert kind="info" heading={t('admin.users.cli.heading')}>
            <p class="alert-text">
              {t('admin.users.cli.text')} <code>samspor user</code>
            </p>
          </Alert>
        ) : null}
        {users.kind === 'error' && !isMissing(users) ? (
          <LoadError heading="admin.users.error.heading" error={users.error} onRetry={reloadUsers} />
        ) : null}
        {userList ? <UsersTable users={userList} teams={teamList} names={names} /> : null}
      </section>
      {/* Without a team API there is nothing to show; the alert above covers both. */}
      {isMissing(teams) ? null : (
        <section aria-labelledby="admin-teams-heading">
          <h2 id="admin-teams-heading">{t('admin.teams.heading')}</h2>
          {teams.kind === 'loading' ? <Loading text={t('admin.teams.loading')} /> : null}
          {teams.kind === 'error' ? (
            <LoadError heading="admin.teams.error.heading" error={teams.error} onRetry={reloadTeams} />
          ) : null}
          {teamList ? <TeamsTable teams={teamList} users={userList} names={names} /> : null}
        </section>
      )}
    </>
  );
}

function UsersTable({ users, teams, names }: { users: AdminUser[]; teams: AdminTeam[] | null; names: Names }) {
  if (users.length === 0) return <p>{t('admin.users.empty')}</p>;
  const teamName = (id: number) => teams?.find((team) => team.id === id)?.name ?? t('enrolment.team.other', { id });
  return (
    <div class="table--responsive-scroll">
      <table class="table table--zebra table--compact">
        <caption class="sr-only">{t('admin.users.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.users.col.username')}</th>
            <th scope="col">{t('admin.users.col.name')}</th>
            <th scope="col">{t('admin.users.col.roles')}</th>
            <th scope="col">{t('admin.users.col.organisation')}</th>
            <th scope="col">{t('admin.users.col.teams')}</th>
            <th scope="col">{t('admin.users.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.username}</th>
              <td>{u.display_name}</td>
              <td>{formatList(u.roles.map(roleLabel))}</td>
              <td>{names.organisation(u.organisation_code) ?? u.organisation_code}</td>
              <td>{u.teams.length === 0 ? t('admin.users.noTeams') : formatList(u.teams.map(teamName))}</td>
              <td>{u.disabled ? t('admin.users.disabled') : t('admin.users.active')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TeamsTable({ teams, users, names }: { teams: AdminTeam[]; users: AdminUser[] | null; names: Names }) {
  if (teams.length === 0) return <p>{t('admin.teams.empty')}</p>;
  return (
    <div class="table--responsive-scroll">
      <table class="table table--zebra table--compact">
        <caption class="sr-only">{t('admin.teams.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.teams.col.name')}</th>
            <th scope="col">{t('admin.teams.col.project')}</th>
            <th scope="col">{t('admin.teams.col.municipality')}</th>
            {users ? <th scope="col">{t('admin.teams.col.members')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.id}>
              <th scope="row">{team.name}</th>
              <td>{names.project(team.project_id)?.name ?? t('enrolment.heading.unknown', { id: team.project_id })}</td>
              <td>{names.organisation(team.municipality_code) ?? team.municipality_code}</td>
              {users ? <td>{users.filter((u) => u.teams.includes(team.id)).length}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
