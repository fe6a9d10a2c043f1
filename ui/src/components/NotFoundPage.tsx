// An address inside the app that is no page, and a page the user's roles may not use.
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

/**
 * A page the signed-in user's roles may not use (access.ts): who it is for,
 * in plain words, and the way back; nothing to retry.
 */
export function ForbiddenPage({ text }: { text: string }) {
  return (
    <>
      <PageHeading title={t('forbidden.title')}>{t('forbidden.title')}</PageHeading>
      <p data-testid="forbidden-text">{text}</p>
      <p>
        <Link href={paths.start()}>{t('notFound.link')}</Link>
      </p>
    </>
  );
}
