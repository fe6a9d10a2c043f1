// Citizen search (case roles): a DKFDS search field and a results table. The
// search is in the address (/?q=…), so Back from a citizen returns to the
// results. An empty search lists every citizen on the caller's teams.
import { useEffect, useState } from 'preact/hooks';
import { searchCitizens, type CitizenListItem } from '../api';
import { formatIdentifier } from '../identifier';
import { t, tp } from '../i18n';
import { formatDate } from '../i18n/format';
import { Link, navigate, paths } from '../router';
import { useAsync } from '../useAsync';
import { Cell, DemoTag, ErrorSummary, FieldErrorMessage, LoadError, Loading } from './ui';

const FIELD = 'citizen-search-q';

/** The last search run, for the citizen page's back link. */
let lastSearch: string | null = null;

/** The start page with the last search, or without one. */
export function searchHref(): string {
  return paths.start(lastSearch);
}

interface Results {
  items: CitizenListItem[];
  next: string | null;
}

export function CitizenSearch({ q }: { q: string | null }) {
  const [text, setText] = useState(q ?? '');
  const [tooShort, setTooShort] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // The address changed (Back, a link): show its search in the field.
  useEffect(() => {
    if (q !== null) lastSearch = q;
    setText(q ?? '');
    setTooShort(false);
  }, [q]);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const value = text.trim();
    if (value.length === 1 || value.length > 200) {
      setTooShort(true);
      setAttempt((n) => n + 1);
      return;
    }
    setTooShort(false);
    lastSearch = value;
    navigate(paths.start(value), { focus: false });
  };

  const error = tooShort ? t('search.error.length') : undefined;
  return (
    <section class="citizen-search" aria-labelledby="citizen-search-heading">
      <h2 id="citizen-search-heading">{t('search.heading')}</h2>
      <ErrorSummary errors={error ? [{ field: FIELD, message: error }] : []} focusKey={attempt} />
      <form role="search" class="citizen-search-form" noValidate onSubmit={onSubmit} aria-labelledby="citizen-search-heading">
        <div class={`form-group${error ? ' form-error' : ''}`}>
          <label class="form-label" for={FIELD}>
            {t('search.label')}
          </label>
          <span class="form-hint" id={`${FIELD}-hint`}>
            {t('search.hint')}
          </span>
          <FieldErrorMessage id={`${FIELD}-error`} message={error} />
          <div class="search">
            <input
              class="form-input"
              id={FIELD}
              name="q"
              type="search"
              maxLength={200}
              autocomplete="off"
              value={text}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? `${FIELD}-hint ${FIELD}-error` : `${FIELD}-hint`}
              onInput={(e) => setText(e.currentTarget.value)}
            />
            <button type="submit" class="button button-search">
              {t('search.submit')}
            </button>
          </div>
        </div>
      </form>
      {q !== null && (q === '' || q.length >= 2) ? <SearchResults key={q} q={q} /> : null}
    </section>
  );
}

function SearchResults({ q }: { q: string }) {
  const [extra, setExtra] = useState<Results | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [state, reload] = useAsync(async (signal) => {
    const page = await searchCitizens(q, null, signal);
    return { items: page.items, next: page.next_cursor };
  }, [q]);

  if (state.kind === 'loading') return <Loading text={t('search.loading')} />;
  if (state.kind === 'error') {
    return <LoadError heading="search.error.heading" error={state.error} onRetry={reload} />;
  }
  const results = extra ?? state.data;

  const more = async () => {
    if (results.next === null) return;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await searchCitizens(q, results.next);
      setExtra({ items: [...results.items, ...page.items], next: page.next_cursor });
    } catch (err) {
      setMoreError(err);
    } finally {
      setMoreBusy(false);
    }
  };

  const col = {
    identifier: t('search.col.identifier'),
    birthDate: t('search.col.birthDate'),
    age: t('search.col.age'),
  };
  return (
    <div class="search-results">
      <p role="status" class="search-count">
        {results.items.length === 0
          ? q === ''
            ? t('search.emptyAll')
            : t('search.empty')
          : tp('search.count', results.items.length)}
      </p>
      {results.items.length > 0 ? (
        <table class="table table--zebra table--compact table--responsive-headers">
          <caption class="sr-only">{q === '' ? t('search.caption.all') : t('search.caption', { q })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('search.col.name')}</th>
              <th scope="col">{col.identifier}</th>
              <th scope="col">{col.birthDate}</th>
              <th scope="col">{col.age}</th>
            </tr>
          </thead>
          <tbody>
            {results.items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link href={paths.citizen(c.id)}>{c.name}</Link>
                  {c.synthetic ? <> <DemoTag /></> : null}
                </th>
                <Cell title={col.identifier} class="nowrap">
                  {formatIdentifier(c.identifier)}
                </Cell>
                <Cell title={col.birthDate}>{formatDate(c.birth_date)}</Cell>
                <Cell title={col.age}>{tp('citizen.age.value', c.age)}</Cell>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {moreError ? <LoadError heading="search.error.heading" error={moreError} /> : null}
      {results.next !== null ? (
        <button type="button" class="button button-secondary" disabled={moreBusy} onClick={() => void more()}>
          {moreBusy ? t('search.loading') : t('search.more')}
        </button>
      ) : null}
    </div>
  );
}
