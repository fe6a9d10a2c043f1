// The contact with an employer (job development), made for a job/IPS consultant who logs several
// a week: keyboard only, the employer chosen by typing (a combobox, with "create" inline when
// none matches), its contact person, today's date, kind and purpose as selects that a first
// letter chooses, the young person it was about (preset on their page), outcome and next step.
// After Save the form empties (what was preset stays) and the focus returns to the employer
// field for the next one; a polite live region says what was saved.
import { useEffect, useRef, useState } from 'preact/hooks';
import { END_REASONS, fetchCitizen, searchCitizens, type CitizenListItem, type Enrolment } from '../api';
import {
  CONTACT_KINDS,
  CONTACT_PURPOSES,
  createEmployer,
  fetchEmployer,
  recordEmployerContact,
  searchEmployers,
  type ContactKind,
  type ContactPurpose,
  type Employer,
  type EmployerContact,
  type NewEmployerContact,
} from '../employerApi';
import { formatIdentifier, todayInDenmark } from '../identifier';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { useNames } from '../reference';
import { Combobox } from './Combobox';
import {
  contactKindLabel,
  contactPurposeLabel,
  EmployerDetailsForm,
  employerAddress,
  RegisterSelect,
  useRegisterChoice,
} from './EmployerDetailsForm';
import { dateError, dateFieldId, DateField, dateParts, isEmptyDate, isoDate, SelectField, TextArea, TextField, type DateParts } from './fields';
import { FormOutcome, useFormState } from './formState';
import { Alert, type FieldError } from './ui';

/** The young person a contact is about: preset (their page) or chosen in the form. */
export interface ContactSubject {
  enrolmentId: number;
  name: string;
}

interface Chosen {
  citizen: CitizenListItem;
  enrolments: Enrolment[];
}

interface Values {
  employer: Employer | null;
  person: string;
  date: DateParts;
  kind: ContactKind;
  purpose: ContactPurpose;
  chosen: Chosen | null;
  enrolment: string;
  outcome: string;
  nextStep: string;
  next: DateParts;
}

const isEnded = (e: Enrolment) => Object.prototype.hasOwnProperty.call(END_REASONS, e.status);

export function EmployerContactForm({
  idPrefix,
  employer = null,
  subject = null,
  onSaved,
}: {
  idPrefix: string;
  /** The employer the form starts with (the employer's page). */
  employer?: Employer | null;
  /** The young person every contact is about (their page). */
  subject?: ContactSubject | null;
  onSaved?: (contact: EmployerContact) => void;
}) {
  const id = (field: string) => `${idPrefix}-${field}`;
  const blank = (): Values => ({
    employer,
    person: '',
    date: dateParts(todayInDenmark()),
    kind: 'in_person',
    purpose: subject ? 'present_candidate' : 'learn_workplace',
    chosen: null,
    enrolment: '',
    outcome: '',
    nextStep: '',
    next: dateParts(''),
  });
  const [v, setV] = useState<Values>(blank);
  const [creating, setCreating] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ target: string } | null>(null);
  const employerInput = useRef<HTMLInputElement>(null);
  const reg = useRegisterChoice();
  const names = useNames();
  const fields = {
    '/date': dateFieldId(id('date')),
    '/kind': id('kind'),
    '/purpose': id('purpose'),
    '/contact_person_id': id('person'),
    ...(subject ? {} : { '/enrolment_id': id('citizen') }),
    '/outcome': id('outcome'),
    '/next_step': id('nextStep'),
    '/next_step_date': dateFieldId(id('next')),
  };
  const f = useFormState(fields, setNotice);

  useEffect(() => {
    if (focus !== null) document.getElementById(focus.target)?.focus();
  }, [focus]);

  // The employer's contact persons come with the employer itself, not with the search's list.
  const pickEmployer = (chosen: Employer | null) => {
    setV((old) => ({ ...old, employer: chosen, person: '' }));
    if (chosen === null || chosen.contact_persons !== undefined) return;
    fetchEmployer(chosen.id).then(
      (full) => setV((old) => (old.employer?.id === full.id ? { ...old, employer: full } : old)),
      () => undefined,
    );
  };

  const pickCitizen = (citizen: CitizenListItem | null) => {
    setV((old) => ({ ...old, chosen: null, enrolment: '' }));
    if (citizen === null) return;
    fetchCitizen(citizen.id).then(
      (full) => {
        const all = full.enrolments ?? [];
        const open = all.filter((e) => !isEnded(e));
        const enrolments = open.length > 0 ? open : all;
        const only = enrolments.length === 1 ? String(enrolments[0]!.id) : '';
        setV((old) => ({ ...old, chosen: { citizen, enrolments }, enrolment: only }));
      },
      () => setV((old) => ({ ...old, chosen: { citizen, enrolments: [] } })),
    );
  };

  const check = (): FieldError[] => {
    const found: FieldError[] = [];
    const today = todayInDenmark();
    if (v.employer === null) found.push({ field: id('employer'), message: t('employerContact.error.employer') });
    const dateProblem = dateError(v.date, { required: true, notAfter: today });
    if (dateProblem) found.push({ field: dateFieldId(id('date')), message: dateProblem });
    if (v.chosen !== null && v.enrolment === '') {
      const message = v.chosen.enrolments.length === 0 ? t('employerContact.error.noEnrolment') : t('employerContact.error.enrolment');
      found.push({ field: v.chosen.enrolments.length === 0 ? id('citizen') : id('enrolment'), message });
    }
    const nextProblem = dateError(v.next, { required: false });
    if (nextProblem) found.push({ field: dateFieldId(id('next')), message: nextProblem });
    return found;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    setNotice(null);
    if (!f.check(check()) || v.employer === null) return;
    const target = v.employer;
    const body: NewEmployerContact = { date: isoDate(v.date)!, kind: v.kind, purpose: v.purpose };
    if (v.person !== '') body.contact_person_id = Number(v.person);
    if (subject) body.enrolment_id = subject.enrolmentId;
    else if (v.enrolment !== '') body.enrolment_id = Number(v.enrolment);
    if (v.outcome.trim() !== '') body.outcome = v.outcome.trim();
    if (v.nextStep.trim() !== '') body.next_step = v.nextStep.trim();
    if (!isEmptyDate(v.next)) body.next_step_date = isoDate(v.next)!;
    void f.run(async (key) => {
      const saved = await recordEmployerContact(target.id, body, key);
      setV(blank());
      setFocus({ target: id('employer') });
      onSaved?.(saved);
      const about = saved.citizen ? t('employerContact.saved.about', { name: saved.citizen.name }) : '';
      return t('employerContact.saved', { employer: saved.employer.name, date: formatDate(saved.date), about });
    });
  };

  if (creating !== null) {
    return (
      <section class="employer-create-inline" aria-labelledby={id('create-heading')}>
        <FocusedHeading id={id('create-heading')} text={t('employers.create.heading')} />
        <EmployerDetailsForm
          idPrefix={id('new')}
          initial={{ name: creating }}
          submit={t('employers.create.submit')}
          onSave={async (details, key) => {
            const made = await createEmployer({ ...details, name: details.name ?? creating, ...(reg.municipality ? { municipality_code: reg.municipality } : {}) }, key);
            setCreating(null);
            pickEmployer(made);
            setFocus({ target: made.contact_persons && made.contact_persons.length > 0 ? id('person') : dateFieldId(id('date')) });
            return t('employers.created', { name: made.name });
          }}
          onSaved={setNotice}
          onCancel={() => {
            setCreating(null);
            setFocus({ target: id('employer') });
          }}
        />
      </section>
    );
  }

  const persons = v.employer?.contact_persons ?? [];
  const set = <K extends keyof Values>(key: K) => (value: Values[K]) => setV((old) => ({ ...old, [key]: value }));
  return (
    <form noValidate onSubmit={onSubmit} aria-busy={f.busy ? 'true' : 'false'} class="employer-contact-form">
      <div role="status" class="employer-contact-notice">
        {notice ? (
          <Alert kind="success">
            <p class="alert-text">{notice}</p>
          </Alert>
        ) : null}
      </div>
      <FormOutcome f={f} />
      <RegisterSelect id={id('register')} reg={reg} />
      <Combobox<Employer>
        id={id('employer')}
        label={t('employerContact.field.employer')}
        hint={t('employerContact.field.employer.hint')}
        error={f.errorOf(id('employer'))}
        selected={v.employer}
        onSelect={pickEmployer}
        search={async (q, signal) => (await searchEmployers(q, reg.municipality, null, 10, signal)).items}
        onSearchError={reg.onProblem}
        itemKey={(e) => e.id}
        itemLabel={(e) => e.name}
        itemDetail={(e) => [e.cvr ? t('employers.cvrValue', { cvr: e.cvr }) : '', employerAddress(e)].filter(Boolean).join(' · ') || undefined}
        createLabel={(name) => t('employers.createNamed', { name })}
        onCreate={(name) => setCreating(name)}
        inputRef={employerInput}
      />
      {persons.length > 0 ? (
        <SelectField
          id={id('person')}
          label={t('employerContact.field.person')}
          value={v.person}
          onChange={set('person')}
          placeholder={t('employerContact.field.person.none')}
          options={persons.map((p) => ({ value: String(p.id), label: p.title ? `${p.name} (${p.title})` : p.name }))}
          error={f.errorOf(id('person'))}
        />
      ) : null}
      <DateField id={id('date')} label={t('employerContact.field.date')} value={v.date} onChange={set('date')} error={f.errorOf(dateFieldId(id('date')))} />
      <div class="employer-contact-codes">
        <SelectField
          id={id('kind')}
          label={t('employerContact.field.kind')}
          value={v.kind}
          onChange={(value) => set('kind')(value as ContactKind)}
          options={CONTACT_KINDS.map((code) => ({ value: code, label: contactKindLabel(code) }))}
          error={f.errorOf(id('kind'))}
        />
        <SelectField
          id={id('purpose')}
          label={t('employerContact.field.purpose')}
          value={v.purpose}
          onChange={(value) => set('purpose')(value as ContactPurpose)}
          options={CONTACT_PURPOSES.map((code) => ({ value: code, label: contactPurposeLabel(code) }))}
          error={f.errorOf(id('purpose'))}
        />
      </div>
      {subject ? (
        <p class="employer-contact-subject">{t('employerContact.subject', { name: subject.name })}</p>
      ) : (
        <>
          <Combobox<CitizenListItem>
            id={id('citizen')}
            label={t('employerContact.field.citizen')}
            hint={t('employerContact.field.citizen.hint')}
            error={f.errorOf(id('citizen'))}
            selected={v.chosen?.citizen ?? null}
            onSelect={pickCitizen}
            minLength={2}
            search={async (q, signal) => (await searchCitizens(q, null, signal)).items}
            itemKey={(c) => c.id}
            itemLabel={(c) => c.name}
            itemDetail={(c) => formatIdentifier(c.identifier)}
          />
          {v.chosen !== null && v.chosen.enrolments.length > 1 ? (
            <SelectField
              id={id('enrolment')}
              label={t('employerContact.field.enrolment')}
              value={v.enrolment}
              onChange={set('enrolment')}
              placeholder={t('employerContact.field.enrolment.choose')}
              options={v.chosen.enrolments.map((e) => ({
                value: String(e.id),
                label: t('employerContact.enrolmentOption', {
                  project: names.project(e.project_id)?.name ?? String(e.project_id),
                  date: formatDate(e.referral_date),
                }),
              }))}
              error={f.errorOf(id('enrolment'))}
            />
          ) : null}
        </>
      )}
      <TextArea id={id('outcome')} label={t('employerContact.field.outcome')} value={v.outcome} onInput={set('outcome')} error={f.errorOf(id('outcome'))} rows={2} />
      <TextField id={id('nextStep')} label={t('employerContact.field.nextStep')} value={v.nextStep} onInput={set('nextStep')} error={f.errorOf(id('nextStep'))} maxLength={1000} />
      <DateField
        id={id('next')}
        label={t('employerContact.field.nextDate')}
        value={v.next}
        onChange={set('next')}
        error={f.errorOf(dateFieldId(id('next')))}
      />
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={f.busy}>
          {f.busy ? t('common.saving') : t('employerContact.submit')}
        </button>
      </div>
    </form>
  );
}

/** A heading that takes the focus when it appears (the inline form replacing the contact form). */
function FocusedHeading({ id, text }: { id: string; text: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h4 id={id} ref={ref} tabIndex={-1}>
      {text}
    </h4>
  );
}
