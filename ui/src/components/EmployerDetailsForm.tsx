// What the employer pages and the contact form share: the words for a contact's kind and
// purpose, the register (municipality) a user with several chooses, and the form for an
// employer's name, CVR number and address (creating one, or changing one read at a version).
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import type { ContactKind, ContactPurpose, Employer, EmployerDetails } from '../employerApi';
import { t, type PlainMessageKey } from '../i18n';
import { useNames } from '../reference';
import { SelectField, TextField } from './fields';
import { FormOutcome, useFormState } from './formState';
import { FormButtons } from './OnDemand';

const KIND_KEYS: Readonly<Record<ContactKind, PlainMessageKey>> = {
  in_person: 'employerContact.kind.in_person',
  phone: 'employerContact.kind.phone',
  email: 'employerContact.kind.email',
};

const PURPOSE_KEYS: Readonly<Record<ContactPurpose, PlainMessageKey>> = {
  learn_workplace: 'employerContact.purpose.learn_workplace',
  present_candidate: 'employerContact.purpose.present_candidate',
  follow_up: 'employerContact.purpose.follow_up',
};

export const contactKindLabel = (code: ContactKind): string => t(KIND_KEYS[code]);
export const contactPurposeLabel = (code: ContactPurpose): string => t(PURPOSE_KEYS[code]);

/** "Vestergade 3, 7400 Herning", or "" when the employer has no address. */
export function employerAddress(e: Pick<Employer, 'address' | 'postcode' | 'city'>): string {
  const town = [e.postcode, e.city].filter(Boolean).join(' ');
  return [e.address, town].filter(Boolean).join(', ');
}

/** The registers the caller may choose between, once the API has named them (this page load). */
let knownRegisters: string[] | null = null;
let chosenRegister: string | null = null;

/**
 * Whose register: null (the caller's one municipality) until the API answers 422 one_of for the
 * `municipality` parameter, which lists the caller's; then the first of them, or the one chosen.
 */
export function useRegisterChoice() {
  const [choices, setChoices] = useState<string[] | null>(knownRegisters);
  const [municipality, setMunicipality] = useState<string | null>(chosenRegister);
  const choose = (code: string) => {
    chosenRegister = code;
    setMunicipality(code);
  };
  /** True when the failure was the missing choice, which is now offered. */
  const onProblem = (err: unknown): boolean => {
    const allowed = err instanceof ApiError && err.field === 'municipality' ? err.reason?.allowed : undefined;
    if (!allowed || allowed.length === 0) return false;
    knownRegisters = allowed;
    setChoices(allowed);
    choose(allowed[0]!);
    return true;
  };
  return { municipality, choices, choose, onProblem };
}

/** The choice of register, shown only to a user with several. */
export function RegisterSelect({ id, reg }: { id: string; reg: ReturnType<typeof useRegisterChoice> }) {
  const names = useNames();
  if (reg.choices === null || reg.municipality === null) return null;
  return (
    <SelectField
      id={id}
      label={t('employers.register')}
      value={reg.municipality}
      onChange={reg.choose}
      options={reg.choices.map((code) => ({ value: code, label: names.organisation(code) ?? code }))}
    />
  );
}

interface DetailsText {
  name: string;
  cvr: string;
  address: string;
  postcode: string;
  city: string;
}

const DETAIL_FIELDS = ['name', 'cvr', 'address', 'postcode', 'city'] as const;

/**
 * An employer's name, CVR number and address. A new employer sends what was filled in; a change
 * sends what differs from `initial`, an emptied field as null (removed). A refusal is shown at
 * its field (the CVR number's modulus 11 check is the server's: `cvr_format`).
 */
export function EmployerDetailsForm({
  idPrefix,
  initial,
  submit,
  onSave,
  onCancel,
  onSaved,
}: {
  idPrefix: string;
  initial?: Partial<DetailsText>;
  submit: string;
  /** Sends the details; resolves to the message saying what was saved. */
  onSave: (details: EmployerDetails, key: string) => Promise<string>;
  onCancel: () => void;
  onSaved?: (message: string) => void;
}) {
  const id = (field: string) => `${idPrefix}-${field}`;
  const start: DetailsText = { name: '', cvr: '', address: '', postcode: '', city: '', ...initial };
  const [v, setV] = useState<DetailsText>(start);
  const fields = Object.fromEntries(DETAIL_FIELDS.map((name) => [`/${name}`, id(name)]));
  const f = useFormState(fields, onSaved);
  const set = (name: keyof DetailsText) => (value: string) => setV({ ...v, [name]: value });

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const name = v.name.trim();
    if (!f.check(name === '' ? [{ field: id('name'), message: t('employers.error.name') }] : [])) return;
    const details: EmployerDetails = {};
    for (const field of DETAIL_FIELDS) {
      const value = v[field].trim();
      if (initial === undefined) {
        if (value !== '') details[field] = value;
      } else if (value !== (initial[field] ?? '')) {
        if (field === 'name') details.name = value;
        else details[field] = value === '' ? null : value;
      }
    }
    void f.run((key) => onSave(details, key));
  };

  return (
    <form noValidate onSubmit={onSubmit} aria-busy={f.busy ? 'true' : 'false'}>
      <FormOutcome f={f} />
      <TextField id={id('name')} label={t('employers.field.name')} value={v.name} onInput={set('name')} error={f.errorOf(id('name'))} maxLength={200} />
      <TextField
        id={id('cvr')}
        label={t('employers.field.cvr')}
        hint={t('employers.field.cvr.hint')}
        inputMode="numeric"
        value={v.cvr}
        onInput={set('cvr')}
        error={f.errorOf(id('cvr'))}
      />
      <TextField id={id('address')} label={t('employers.field.address')} value={v.address} onInput={set('address')} error={f.errorOf(id('address'))} maxLength={200} />
      <div class="employer-town">
        <TextField
          id={id('postcode')}
          label={t('employers.field.postcode')}
          inputMode="numeric"
          value={v.postcode}
          onInput={set('postcode')}
          error={f.errorOf(id('postcode'))}
          maxLength={10}
        />
        <TextField id={id('city')} label={t('employers.field.city')} value={v.city} onInput={set('city')} error={f.errorOf(id('city'))} maxLength={100} />
      </div>
      <FormButtons submit={submit} busy={f.busy} onCancel={onCancel} />
    </form>
  );
}
