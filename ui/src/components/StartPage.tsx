// Start page after sign-in: for case roles their own tasks, registering a young
// person and the citizen search; then the projects.
import type { User } from '../api';
import { t } from '../i18n';
import { Link, paths } from '../router';
import { hasCaseRole } from '../session';
import { CitizenSearch } from './CitizenSearch';
import { ProjectsSection } from './ProjectsSection';
import { MyTasks } from './Tasks';
import { PageHeading } from './ui';

export function StartPage({ user, q }: { user: User; q: string | null }) {
  return (
    <>
      <PageHeading title={t('start.title')}>{t('start.title')}</PageHeading>
      <p class="font-lead">{t('start.welcome', { name: user.display_name })}</p>
      {hasCaseRole(user) ? <MyTasks /> : null}
      {hasCaseRole(user) ? (
        <p>
          <Link href={paths.register()} class="button button-primary">
            {t('start.register')}
          </Link>
        </p>
      ) : null}
      {hasCaseRole(user) ? <CitizenSearch q={q} /> : null}
      <ProjectsSection user={user} />
    </>
  );
}
