// The contacts with employers about one young person (GET /enrolments/{id}/employer-contacts),
// newest first and paged ("Vis flere"), on the "Job og uddannelse" tab of their page, with the
// contact form preset to them. The route is the municipal roles' (docs/security-model.md
// "Employers"): the tab shows this block to them only.
import { useState } from 'preact/hooks';
import type { Enrolment } from '../api';
import { fetchEnrolmentEmployerContacts, type EmployerContact } from '../employerApi';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { Link, paths } from '../router';
import { useAsync } from '../useAsync';
import { EmployerContactForm } from './EmployerContactForm';
import { contactKindLabel, contactPurposeLabel } from './EmployerDetailsForm';
import { NextStep } from './EmployerPage';
import { NoValue } from './fields';
import { OnDemandForm } from './OnDemand';
import { Cell, LoadError, Loading } from './ui';

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
        <ContactsTable contacts={loaded.items} citizenName={citizenName} />
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

function ContactsTable({ contacts, citizenName }: { contacts: EmployerContact[]; citizenName: string }) {
  if (contacts.length === 0) return <p>{t('employerContacts.none')}</p>;
  const col = {
    employer: t('employerContact.field.employer'),
    kind: t('employerContact.field.kind'),
    purpose: t('employerContact.field.purpose'),
    person: t('employerContact.field.person'),
    consultant: t('employerContact.col.consultant'),
    outcome: t('employerContact.field.outcome'),
    next: t('employerContact.col.next'),
  };
  return (
    <table class="table table--zebra table--compact table--responsive-headers">
      <caption class="sr-only">{t('employerContacts.caption', { name: citizenName })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('employerContact.field.date')}</th>
          <th scope="col">{col.employer}</th>
          <th scope="col">{col.kind}</th>
          <th scope="col">{col.purpose}</th>
          <th scope="col">{col.person}</th>
          <th scope="col">{col.consultant}</th>
          <th scope="col">{col.outcome}</th>
          <th scope="col">{col.next}</th>
        </tr>
      </thead>
      <tbody>
        {contacts.map((c) => (
          <tr key={c.id}>
            <th scope="row" class="nowrap">
              {formatDate(c.date)}
            </th>
            <Cell title={col.employer}>
              <Link href={paths.employer(c.employer.id)}>{c.employer.name}</Link>
            </Cell>
            <Cell title={col.kind}>{contactKindLabel(c.kind)}</Cell>
            <Cell title={col.purpose}>{contactPurposeLabel(c.purpose)}</Cell>
            <Cell title={col.person}>{c.contact_person?.name ?? <NoValue />}</Cell>
            <Cell title={col.consultant}>{c.consultant.name}</Cell>
            <Cell title={col.outcome}>{c.outcome ?? <NoValue />}</Cell>
            <Cell title={col.next}>
              <NextStep contact={c} />
            </Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
