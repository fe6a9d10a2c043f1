// One employer (/employers/{id}): its name, CVR number and address (changed with the version
// read: a 412 reads it again and says so), its contact persons (added and changed), the form
// for a new contact, and every consultant's contacts with it — each consultant's count first,
// so that they add up — newest first, with the young person each was about.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { fetchEmployer, fetchEmployerContacts, updateEmployer, type ContactPerson, type Employer, type EmployerContact, type EmployerDetails } from '../employerApi';
import { t } from '../i18n';
import { formatDate, formatDateTime } from '../i18n/format';
import { Link, paths } from '../router';
import { useAsync } from '../useAsync';
import { EmployerContactForm } from './EmployerContactForm';
import { contactKindLabel, contactPurposeLabel, EmployerDetailsForm, employerAddress } from './EmployerDetailsForm';
import { NoValue, TextField } from './fields';
import { FormOutcome, useFormState } from './formState';
import { FormButtons, OnDemandForm, OnDemandNotice, OnDemandPanel, useOnDemand, type OnDemandControl } from './OnDemand';
import { BackLink, Cell, LoadError, Loading, PageHeading } from './ui';

/** Sends a change with the version read; a 412 reads the employer again and says so. */
async function change(employer: Employer, body: Parameters<typeof updateEmployer>[2], reload: () => void): Promise<Employer> {
  try {
    const updated = await updateEmployer(employer.id, employer.version, body);
    reload();
    return updated;
  } catch (err) {
    if (err instanceof ApiError && err.status === 412) {
      reload();
      throw new Error(t('employer.stale'));
    }
    throw err;
  }
}

export function EmployerPage({ id }: { id: number }) {
  const [state, reload] = useAsync((signal) => fetchEmployer(id, signal), [id]);
  const [contacts, reloadContacts] = useAsync((signal) => fetchEmployerContacts(id, signal), [id]);

  if (state.kind === 'loading') return <Loading text={t('employer.loading')} />;
  if (state.kind === 'error') {
    return (
      <>
        <BackLink href={paths.employers()}>{t('employer.back')}</BackLink>
        <PageHeading title={t('employer.error.heading')}>{t('employer.error.heading')}</PageHeading>
        <LoadError heading="employer.error.heading" error={state.error} onRetry={reload} />
      </>
    );
  }
  const e = state.data;
  const details = (v: EmployerDetails) => change(e, v, reload);
  return (
    <>
      <BackLink href={paths.employers()}>{t('employer.back')}</BackLink>
      <PageHeading title={e.name}>{e.name}</PageHeading>
      <dl class="facts">
        <div>
          <dt>{t('employers.field.cvr')}</dt>
          <dd>{e.cvr ?? <NoValue />}</dd>
        </div>
        <div>
          <dt>{t('employers.col.address')}</dt>
          <dd>{employerAddress(e) || <NoValue />}</dd>
        </div>
        {e.created_by ? (
          <div>
            <dt>{t('employer.createdBy')}</dt>
            <dd>{t('employer.createdByValue', { name: e.created_by.name, at: e.created_at ? formatDateTime(e.created_at) : '' })}</dd>
          </div>
        ) : null}
      </dl>
      <OnDemandForm idPrefix="employer-edit" label={t('employer.edit')} heading={t('employer.edit.heading')} level="h2">
        {(control) => (
          <EmployerDetailsForm
            idPrefix="employer-edit"
            initial={{ name: e.name, cvr: e.cvr ?? '', address: e.address ?? '', postcode: e.postcode ?? '', city: e.city ?? '' }}
            submit={t('employer.edit.submit')}
            onCancel={control.close}
            onSaved={control.saved}
            onSave={async (v) => {
              await details(v);
              return t('employer.saved');
            }}
          />
        )}
      </OnDemandForm>
      <ContactPersons employer={e} reload={reload} />
      <section aria-labelledby="employer-contact-heading" class="employer-contacts">
        <h2 id="employer-contact-heading">{t('employer.contacts.heading')}</h2>
        <OnDemandForm idPrefix="employer-page-contact" label={t('employerContact.open')} heading={t('employerContact.heading')} level="h3">
          {(control) => (
            <>
              <EmployerContactForm idPrefix="employer-page-contact-form" employer={e} onSaved={reloadContacts} />
              <button type="button" class="button button-secondary" onClick={control.close}>
                {t('employerContact.close')}
              </button>
            </>
          )}
        </OnDemandForm>
        {contacts.kind === 'loading' ? (
          <Loading text={t('employer.contacts.loading')} />
        ) : contacts.kind === 'error' ? (
          <LoadError heading="employer.contacts.error" error={contacts.error} onRetry={reloadContacts} />
        ) : (
          <ContactsTables contacts={contacts.data} />
        )}
      </section>
    </>
  );
}

function ContactPersons({ employer, reload }: { employer: Employer; reload: () => void }) {
  const od = useOnDemand('contact-person');
  const persons = employer.contact_persons;
  if (persons === undefined) return null;
  const col = { title: t('contactPerson.field.title'), phone: t('contactPerson.field.phone'), email: t('contactPerson.field.email') };
  const editing = persons.find((p) => od.open === String(p.id));
  return (
    <section aria-labelledby="contact-persons-heading">
      <h2 id="contact-persons-heading">{t('contactPerson.heading')}</h2>
      {persons.length === 0 ? (
        <p>{t('contactPerson.none')}</p>
      ) : (
        <table class="table table--zebra table--compact table--responsive-headers">
          <caption class="sr-only">{t('contactPerson.caption', { employer: employer.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('contactPerson.field.name')}</th>
              <th scope="col">{col.title}</th>
              <th scope="col">{col.phone}</th>
              <th scope="col">{col.email}</th>
              <th scope="col">
                <span class="sr-only">{t('contactPerson.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {persons.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <Cell title={col.title}>{p.title ?? <NoValue />}</Cell>
                <Cell title={col.phone}>{p.phone ?? <NoValue />}</Cell>
                <Cell title={col.email}>{p.email ?? <NoValue />}</Cell>
                <Cell title={t('contactPerson.actions')}>
                  {od.open === null ? (
                    <button type="button" id={od.ids.button(String(p.id))} class="button button-secondary button-small" onClick={() => od.show(String(p.id))}>
                      {t('contactPerson.edit')}
                      <span class="sr-only"> {p.name}</span>
                    </button>
                  ) : null}
                </Cell>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {od.open !== null ? (
        <OnDemandPanel od={od} heading={editing ? t('contactPerson.edit.heading', { name: editing.name }) : t('contactPerson.add')} level="h3">
          <PersonForm employer={employer} person={editing ?? null} control={od.control} reload={reload} />
        </OnDemandPanel>
      ) : (
        <div class="on-demand">
          <OnDemandNotice od={od} />
          <button type="button" id={od.ids.button()} class="button button-secondary" onClick={() => od.show()}>
            {t('contactPerson.add')}
          </button>
        </div>
      )}
    </section>
  );
}

const PERSON_FIELDS = ['name', 'title', 'phone', 'email'] as const;

/** A contact person added, or one changed (its id sent with every member it keeps). */
function PersonForm({
  employer,
  person,
  control,
  reload,
}: {
  employer: Employer;
  person: ContactPerson | null;
  control: OnDemandControl;
  reload: () => void;
}) {
  const id = (field: string) => `contact-person-${field}`;
  const [v, setV] = useState({ name: person?.name ?? '', title: person?.title ?? '', phone: person?.phone ?? '', email: person?.email ?? '' });
  const fields = Object.fromEntries(PERSON_FIELDS.map((name) => [`/contact_persons/0/${name}`, id(name)]));
  const f = useFormState(fields, control.saved);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const name = v.name.trim();
    if (!f.check(name === '' ? [{ field: id('name'), message: t('contactPerson.error.name') }] : [])) return;
    const body: Record<string, string | number> = person ? { id: person.id } : {};
    for (const field of PERSON_FIELDS) if (v[field].trim() !== '') body[field] = v[field].trim();
    void f.run(async () => {
      await change(employer, { contact_persons: [body as unknown as ContactPerson] }, reload);
      return t('contactPerson.saved', { name });
    });
  };
  const set = (field: (typeof PERSON_FIELDS)[number]) => (value: string) => setV({ ...v, [field]: value });
  return (
    <form noValidate onSubmit={onSubmit} aria-busy={f.busy ? 'true' : 'false'}>
      <FormOutcome f={f} />
      {PERSON_FIELDS.map((field) => (
        <TextField key={field} id={id(field)} label={t(`contactPerson.field.${field}`)} value={v[field]} onInput={set(field)} error={f.errorOf(id(field))} />
      ))}
      <FormButtons submit={person ? t('contactPerson.edit.submit') : t('contactPerson.add.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}

/** Each consultant's count and latest contact, then every contact, newest first. */
function ContactsTables({ contacts }: { contacts: EmployerContact[] }) {
  if (contacts.length === 0) return <p>{t('employer.contacts.none')}</p>;
  const byConsultant = new Map<number, { name: string; count: number; latest: string }>();
  for (const c of contacts) {
    const row = byConsultant.get(c.consultant.id);
    if (row) {
      row.count += 1;
      if (c.date > row.latest) row.latest = c.date;
    } else byConsultant.set(c.consultant.id, { name: c.consultant.name, count: 1, latest: c.date });
  }
  const sum = [...byConsultant.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return (
    <>
      <table class="table table--compact table--responsive-headers employer-sum">
        <caption>{t('employer.sum.caption', { count: String(contacts.length) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('employerContact.col.consultant')}</th>
            <th scope="col">{t('employer.sum.count')}</th>
            <th scope="col">{t('employer.sum.latest')}</th>
          </tr>
        </thead>
        <tbody>
          {sum.map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.name}</th>
              <Cell title={t('employer.sum.count')}>{row.count}</Cell>
              <Cell title={t('employer.sum.latest')}>{formatDate(row.latest)}</Cell>
            </tr>
          ))}
        </tbody>
      </table>
      <EmployerContactsTable contacts={contacts} caption={t('employer.contacts.caption')} about="citizen" />
    </>
  );
}

/**
 * Contacts with employers, newest first: on an employer's page with the young person each was
 * about (about="citizen"), on a young person's with the employer (about="employer").
 */
export function EmployerContactsTable({
  contacts,
  caption,
  about,
}: {
  contacts: EmployerContact[];
  caption: string;
  about: 'citizen' | 'employer';
}) {
  const col = {
    about: about === 'citizen' ? t('employerContact.col.citizen') : t('employerContact.field.employer'),
    kind: t('employerContact.field.kind'),
    purpose: t('employerContact.field.purpose'),
    person: t('employerContact.field.person'),
    consultant: t('employerContact.col.consultant'),
    outcome: t('employerContact.field.outcome'),
    next: t('employerContact.col.next'),
  };
  const aboutCell = (c: EmployerContact) => {
    if (about === 'employer') return <Link href={paths.employer(c.employer.id)}>{c.employer.name}</Link>;
    return c.citizen ? <Link href={paths.citizen(c.citizen.id)}>{c.citizen.name}</Link> : <NoValue />;
  };
  return (
    <table class="table table--zebra table--compact table--responsive-headers">
      <caption class={about === 'employer' ? 'sr-only' : undefined}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('employerContact.field.date')}</th>
          {about === 'employer' ? <th scope="col">{col.about}</th> : null}
          <th scope="col">{col.kind}</th>
          <th scope="col">{col.purpose}</th>
          <th scope="col">{col.person}</th>
          {about === 'citizen' ? <th scope="col">{col.about}</th> : null}
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
            {about === 'employer' ? <Cell title={col.about}>{aboutCell(c)}</Cell> : null}
            <Cell title={col.kind}>{contactKindLabel(c.kind)}</Cell>
            <Cell title={col.purpose}>{contactPurposeLabel(c.purpose)}</Cell>
            <Cell title={col.person}>{c.contact_person?.name ?? <NoValue />}</Cell>
            {about === 'citizen' ? <Cell title={col.about}>{aboutCell(c)}</Cell> : null}
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

/** "Ring igen (12.12.2026)", or no value. */
function NextStep({ contact }: { contact: EmployerContact }) {
  if (!contact.next_step && !contact.next_step_date) return <NoValue />;
  const date = contact.next_step_date ? formatDate(contact.next_step_date) : '';
  if (!contact.next_step) return <>{date}</>;
  return <>{date ? t('employerContact.nextValue', { step: contact.next_step, date }) : contact.next_step}</>;
}
