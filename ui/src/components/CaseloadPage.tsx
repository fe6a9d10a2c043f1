// The caseload (health staff): every young person in treatment on the
// caller's teams, most urgent first as the server sorts them.
import { fetchCaseload } from '../api';
import { t } from '../i18n';
import { useAsync } from '../useAsync';
import { CaseloadTable } from './CaseloadTable';
import { LoadError, Loading, PageHeading } from './ui';

export function CaseloadPage() {
  const [state, reload] = useAsync((signal) => fetchCaseload(signal), []);
  return (
    <>
      <PageHeading title={t('caseload.title')}>{t('caseload.title')}</PageHeading>
      <p>{t('caseload.intro')}</p>
      {state.kind === 'loading' ? <Loading text={t('caseload.loading')} /> : null}
      {state.kind === 'error' ? (
        <LoadError heading="caseload.error.heading" error={state.error} onRetry={reload} />
      ) : null}
      {state.kind === 'ready' ? (
        state.data.items.length === 0 ? (
          <p>{t('caseload.empty')}</p>
        ) : (
          <CaseloadTable rows={state.data.items} caption={t('caseload.caption')} id="caseload" />
        )
      ) : null}
    </>
  );
}
