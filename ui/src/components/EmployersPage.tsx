// The employer register (/employers) for the municipality's staff: a search by name that runs
// as one types (a moment after the last key), paged with the API's cursor ("Vis flere"), a form
// to register an employer, and the form for a contact with an employer.
import { useEffect, useState } from 'preact/hooks';
import { createEmployer, searchEmployers, type Employer } from '../employerApi';
import { t, tp } from '../i18n';
import { Link, navigate, paths } from '../router';
import { EmployerContactForm } from './EmployerContactForm';
import { EmployerDetailsForm, employerAddress, RegisterSelect, useRegisterChoice } from './EmployerDetailsForm';
import { NoValue } from './fields';
import { OnDemandForm } from './OnDemand';
import { Cell, LoadError, Loading, PageHeading } from './ui';

const FIELD = 'employer-search-q';
const PAGE_SIZE = 25;
/** How long typing must pause before the search runs (ms). */
const DEBOUNCE_MS = 300;

interface Results {
  q: string;
  items: Employer[];
  next: string | null;
}

export function EmployersPage() {
  const reg = useRegisterChoice();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const timer = window.setTimeout(() => setQ(text.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    const controller = new AbortController();
    setBusy(true);
    searchEmployers(q, reg.municipality, null, PAGE_SIZE, controller.signal).then(
      (page) => {
        setResults({ q, items: page.items, next: page.next_cursor });
        setError(null);
        setBusy(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setBusy(false);
        if (!reg.onProblem(err)) setError(err);
      },
    );
    return () => controller.abort();
  }, [q, reg.municipality, attempt]);

  const more = async () => {
    if (results === null || results.next === null) return;
    setBusy(true);
    try {
      const page = await searchEmployers(results.q, reg.municipality, results.next, PAGE_SIZE);
      setResults({ ...results, items: [...results.items, ...page.items], next: page.next_cursor });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={t('employers.heading')}>{t('employers.heading')}</PageHeading>
      <p class="font-lead">{t('employers.lead')}</p>
      <RegisterSelect id="employers-register" reg={reg} />
      <div class="employer-actions">
        <OnDemandForm idPrefix="employer-new" label={t('employers.create.open')} heading={t('employers.create.heading')} level="h2">
          {(control) => (
            <EmployerDetailsForm
              idPrefix="employer-new"
              submit={t('employers.create.submit')}
              onCancel={control.close}
              onSaved={control.saved}
              onSave={async (details, key) => {
                const made = await createEmployer(
                  { ...details, name: details.name ?? '', ...(reg.municipality ? { municipality_code: reg.municipality } : {}) },
                  key,
                );
                navigate(paths.employer(made.id));
                return t('employers.created', { name: made.name });
              }}
            />
          )}
        </OnDemandForm>
        <OnDemandForm idPrefix="employer-contact" label={t('employerContact.open')} heading={t('employerContact.heading')} level="h2">
          {(control) => (
            <>
              <EmployerContactForm idPrefix="register-contact" />
              <button type="button" class="button button-secondary" onClick={control.close}>
                {t('employerContact.close')}
              </button>
            </>
          )}
        </OnDemandForm>
      </div>
      <section aria-labelledby="employer-search-heading">
        <h2 id="employer-search-heading">{t('employers.search.heading')}</h2>
        <form role="search" class="citizen-search-form" noValidate onSubmit={(e) => { e.preventDefault(); setQ(text.trim()); }} aria-labelledby="employer-search-heading">
          <div class="form-group">
            <label class="form-label" for={FIELD}>
              {t('employers.search.label')}
            </label>
            <span class="form-hint" id={`${FIELD}-hint`}>
              {t('employers.search.hint')}
            </span>
            <input
              class="form-input"
              id={FIELD}
              name="q"
              type="search"
              maxLength={200}
              autocomplete="off"
              value={text}
              aria-describedby={`${FIELD}-hint`}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </div>
        </form>
        {error ? (
          <LoadError heading="employers.error.heading" error={error} onRetry={() => setAttempt((n) => n + 1)} />
        ) : results === null ? (
          <Loading text={t('employers.loading')} />
        ) : (
          <EmployerResults results={results} busy={busy} onMore={() => void more()} />
        )}
      </section>
    </>
  );
}

function EmployerResults({ results, busy, onMore }: { results: Results; busy: boolean; onMore: () => void }) {
  const col = { cvr: t('employers.col.cvr'), address: t('employers.col.address') };
  return (
    <div class="search-results">
      <p role="status" class="search-count">
        {results.items.length === 0
          ? results.q === ''
            ? t('employers.emptyAll')
            : t('employers.empty')
          : tp('employers.count', results.items.length)}
      </p>
      {results.items.length > 0 ? (
        <table class="table table--zebra table--compact table--responsive-headers">
          <caption class="sr-only">{results.q === '' ? t('employers.caption.all') : t('employers.caption', { q: results.q })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('employers.col.name')}</th>
              <th scope="col">{col.cvr}</th>
              <th scope="col">{col.address}</th>
            </tr>
          </thead>
          <tbody>
            {results.items.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  <Link href={paths.employer(e.id)}>{e.name}</Link>
                </th>
                <Cell title={col.cvr} class="nowrap">
                  {e.cvr ?? <NoValue />}
                </Cell>
                <Cell title={col.address}>{employerAddress(e) || <NoValue />}</Cell>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {results.next !== null ? (
        <button type="button" class="button button-secondary" disabled={busy} onClick={onMore}>
          {busy ? t('employers.loading') : t('employers.more')}
        </button>
      ) : null}
    </div>
  );
}
