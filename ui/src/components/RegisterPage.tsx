// Register a young person (case roles): search before register, then the
// identity form. Step 1 asks for the identifier, checked as it is typed, and
// searches the caller's own records with it, so that nobody registers a young
// person twice on their team. Step 2, when nothing was found, asks for the name
// and contact. The server answers the same whether or not another team knows
// the person; the caller always ends with a record of their own to refer.
import { useState } from 'preact/hooks';
import { createCitizen, searchCitizens, type CitizenListItem } from '../api';
import { formatIdentifier, identifierProblem, type IdentifierKind } from '../identifier';
import { t } from '../i18n';
import { Link, navigate, paths } from '../router';
import { useNames } from '../reference';
import { RadioGroup, SelectField, TextField } from './fields';
import { FormOutcome, useFormState } from './formState';
import { Alert, BackLink, ErrorSummary, PageHeading, type FieldError } from './ui';

const KINDS: IdentifierKind[] = ['cpr', 'erstatning', 'ecpr'];
const ID = {
  kind: 'register-kind',
  identifier: 'register-identifier',
  name: 'register-name',
  phone: 'register-phone',
  email: 'register-email',
  municipality: 'register-municipality',
};

type Lookup = { kind: 'none' } | { kind: 'searching' } | { kind: 'done'; found: CitizenListItem[] } | { kind: 'failed' };

function problemText(kind: IdentifierKind, text: string): string | undefined {
  const problem = identifierProblem(kind, text);
  if (problem === null) return undefined;
  return t(`register.error.identifier.${problem}`);
}

export function RegisterPage() {
  const [kind, setKind] = useState<IdentifierKind>('cpr');
  const [identifier, setIdentifier] = useState('');
  const [blurred, setBlurred] = useState(false);
  const [lookup, setLookup] = useState<Lookup>({ kind: 'none' });
  const [stepErrors, setStepErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);

  // Live validation: from the tenth character or once the field was left, never on an empty field.
  const typed = identifier.trim();
  const live = blurred || typed.replace('-', '').length >= 10;
  const liveError = live && typed !== '' ? problemText(kind, typed) : undefined;
  const identifierError = stepErrors.find((e) => e.field === ID.identifier)?.message ?? liveError;

  const changeIdentifier = (value: string) => {
    setIdentifier(value);
    setStepErrors([]);
    setLookup({ kind: 'none' });
  };
  const changeKind = (value: string) => {
    setKind(value as IdentifierKind);
    setLookup({ kind: 'none' });
  };

  const onSearch = async (event: Event) => {
    event.preventDefault();
    const error = problemText(kind, typed);
    setAttempt((n) => n + 1);
    if (error) {
      setStepErrors([{ field: ID.identifier, message: error }]);
      return;
    }
    setStepErrors([]);
    setLookup({ kind: 'searching' });
    try {
      const page = await searchCitizens(typed, null);
      setLookup({ kind: 'done', found: page.items });
    } catch {
      setLookup({ kind: 'failed' });
    }
  };

  return (
    <>
      <BackLink href={paths.start()}>{t('citizen.back')}</BackLink>
      <PageHeading title={t('register.title')}>{t('register.title')}</PageHeading>
      <p class="font-lead">{t('register.lead')}</p>
      <ErrorSummary errors={stepErrors} focusKey={attempt} />
      <form noValidate onSubmit={(e) => void onSearch(e)} aria-labelledby="register-step1">
        <h2 id="register-step1">{t('register.step1')}</h2>
        <RadioGroup
          id={ID.kind}
          label={t('register.kind')}
          value={kind}
          onChange={changeKind}
          options={KINDS.map((k) => ({ value: k, label: t(`citizen.identifier.${k}`) }))}
        />
        <div onFocusOut={() => setBlurred(true)}>
          <TextField
            id={ID.identifier}
            label={t(`citizen.identifier.${kind}`)}
            hint={t(`register.identifier.hint.${kind}`)}
            value={identifier}
            onInput={changeIdentifier}
            maxLength={11}
            error={identifierError}
          />
        </div>
        <button type="submit" class="button button-secondary" disabled={lookup.kind === 'searching'}>
          {lookup.kind === 'searching' ? t('search.loading') : t('register.search')}
        </button>
      </form>
      {lookup.kind === 'failed' ? (
        <Alert kind="error" live="alert">
          <p class="alert-text">{t('register.searchFailed')}</p>
        </Alert>
      ) : null}
      {lookup.kind === 'done' && lookup.found.length > 0 ? <AlreadyThere found={lookup.found} /> : null}
      {lookup.kind === 'done' && lookup.found.length === 0 ? (
        <IdentityForm kind={kind} identifier={typed} />
      ) : null}
    </>
  );
}

function AlreadyThere({ found }: { found: CitizenListItem[] }) {
  return (
    <Alert kind="info" heading={t('register.found.heading')} live="status">
      <p class="alert-text">{t('register.found.text')}</p>
      <ul class="nobullet-list">
        {found.map((c) => (
          <li key={c.id}>
            <Link href={paths.citizen(c.id)}>
              {c.name} ({formatIdentifier(c.identifier)})
            </Link>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function IdentityForm({ kind, identifier }: { kind: IdentifierKind; identifier: string }) {
  const f = useFormState({
    '/name': ID.name,
    '/phone': ID.phone,
    '/email': ID.email,
    '/municipality_code': ID.municipality,
  });
  const names = useNames();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [municipality, setMunicipality] = useState('');
  const municipalities = names.municipalities();

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (name.trim() === '') found.push({ field: ID.name, message: t('form.error.required') });
    if (email.trim() !== '' && !/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
      found.push({ field: ID.email, message: t('register.error.email') });
    }
    if (!f.check(found)) return;
    void f.run(async (key) => {
      const citizen = await createCitizen(
        {
          identifier_type: kind,
          identifier,
          name: name.trim(),
          ...(phone.trim() ? { phone: phone.trim() } : {}),
          ...(email.trim() ? { email: email.trim() } : {}),
          ...(municipality ? { municipality_code: municipality } : {}),
        },
        key,
      );
      navigate(`${paths.citizen(citizen.id)}?henvis=1`);
      return t('register.saved');
    });
  };

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="register-step2">
      <h2 id="register-step2">{t('register.step2')}</h2>
      <p>{t('register.notFound', { identifier: formatIdentifier(identifier) })}</p>
      <FormOutcome f={f} />
      <TextField id={ID.name} label={t('register.name')} value={name} onInput={setName} maxLength={200} error={f.errorOf(ID.name)} />
      <TextField
        id={ID.phone}
        label={t('register.phone')}
        hint={t('common.optional')}
        value={phone}
        onInput={setPhone}
        maxLength={40}
        error={f.errorOf(ID.phone)}
      />
      <TextField
        id={ID.email}
        label={t('register.email')}
        hint={t('common.optional')}
        value={email}
        onInput={setEmail}
        maxLength={254}
        error={f.errorOf(ID.email)}
      />
      <SelectField
        id={ID.municipality}
        label={t('register.municipality')}
        hint={t('common.optional')}
        value={municipality}
        onChange={setMunicipality}
        placeholder={t('register.municipality.none')}
        options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
        error={f.errorOf(ID.municipality)}
      />
      <button type="submit" class="button button-primary" disabled={f.busy}>
        {f.busy ? t('common.saving') : t('register.submit')}
      </button>
    </form>
  );
}
