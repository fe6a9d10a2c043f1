// The contacts with employers about one young person (GET /enrolments/{id}/employer-contacts),
// newest first and paged ("Vis flere"), on the "Job og uddannelse" tab of their page, with the
// contact form preset to them. The route is the municipal roles' (docs/security-model.md
// "Employers"): the tab shows this block to them only.
import { useState } from 'preact/hooks';
import type { Enrolment } from '../api';
import { fetchEnrolmentEmployerContacts, type EmployerContact } from '../employerApi';
import { t } from '../i18n';
import { useAsync } from '../useAsync';
import { EmployerContactForm } from './EmployerContactForm';
import { EmployerContactsTable } from './EmployerPage';
import { OnDemandForm } from './OnDemand';
import { LoadError, Loading } from './ui';

interface Loaded {
  items: EmployerContact[];
  next: string | null;
}

export function EnrolmentEmployerContacts({ enrolment, citizenName }: { enrolment: Enrolment; citizenName: string }) {
  const [extra, setExtra] = useState<Loaded | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [state, reload] = useAsync(async (signal) => {
    const page = await fetchEnrolmentEmployerContacts(enrolment.id, null, signal);
    setExtra(null);
    return { items: page.items, next: page.next_cursor };
  }, [enrolment.id]);
  const headingId = `employer-contacts-${enrolment.id}-heading`;

  let body;
  if (state.kind === 'loading') body = <Loading text={t('employerContacts.loading')} />;
  else if (state.kind === 'error') body = <LoadError heading="employerContacts.error" error={state.error} onRetry={reload} />;
  else {
    const loaded = extra ?? state.data;
    const more = async () => {
      if (loaded.next === null) return;
      setMoreBusy(true);
      setMoreError(null);
      try {
        const page = await fetchEnrolmentEmployerContacts(enrolment.id, loaded.next);
        setExtra({ items: [...loaded.items, ...page.items], next: page.next_cursor });
      } catch (err) {
        setMoreError(err);
      } finally {
        setMoreBusy(false);
      }
    };
    body = (
      <>
        {loaded.items.length === 0 ? (
          <p>{t('employerContacts.none')}</p>
        ) : (
          <EmployerContactsTable
            contacts={loaded.items}
            caption={t('employerContacts.caption', { name: citizenName })}
            about="employer"
          />
        )}
        {moreError ? <LoadError heading="employerContacts.error" error={moreError} /> : null}
        {loaded.next !== null ? (
          <button type="button" class="button button-secondary" disabled={moreBusy} onClick={() => void more()}>
            {moreBusy ? t('employerContacts.loading') : t('employers.more')}
          </button>
        ) : null}
      </>
    );
  }
  return (
    <section class="employer-contacts" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('employerContacts.heading')}</h4>
      <OnDemandForm idPrefix={`employer-contact-${enrolment.id}`} label={t('employerContact.open')} heading={t('employerContact.heading')}>
        {(control) => (
          <>
            <EmployerContactForm
              idPrefix={`enrolment-${enrolment.id}-contact`}
              subject={{ enrolmentId: enrolment.id, name: citizenName }}
              onSaved={reload}
            />
            <button type="button" class="button button-secondary" onClick={control.close}>
              {t('employerContact.close')}
            </button>
          </>
        )}
      </OnDemandForm>
      {body}
    </section>
  );
}
