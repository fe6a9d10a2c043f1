// An address inside the app that is no page.
import { t } from '../i18n';
import { Link, paths } from '../router';
import { PageHeading } from './ui';

export function NotFoundPage() {
  return (
    <>
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>
        <Link href={paths.start()}>{t('notFound.link')}</Link>
      </p>
    </>
  );
}
