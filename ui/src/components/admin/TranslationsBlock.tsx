// Questionnaire translations: which questionnaires have a Danish text, where a
// licensed translation is had, and the form that loads one from a file (the
// same JSON file `samspor instruments load` takes). The file is sent as it is:
// the server checks it against the questionnaire and names the first problem,
// which is shown by the file field; a loaded text is audited.
import { useRef, useState } from 'preact/hooks';
import { ApiError, fetchInstruments, loadInstrumentText, type InstrumentSummary } from '../../api';
import { t } from '../../i18n';
import { useAsync } from '../../useAsync';
import { ErrorSummary, FieldErrorMessage, LoadError, Loading, failureText, type FieldError } from '../ui';
import { FeedbackView, useFeedback } from './feedback';

/** The server's limit for a request body (docs/api-contract.md). */
const MAX_BYTES = 1024 * 1024;
/** Pfizer publishes the PHQ-9 and GAD-7 and their translations on its PHQ Screeners site. */
export const PHQ_SCREENERS_URL = 'https://www.phqscreeners.com/';

const SELECT_ID = 'translation-instrument';
const FILE_ID = 'translation-file';

/** What a problem in the file means, by the member the server named. */
function fileProblem(pointer: string | null, name: string): string {
  const [, top = '', key = ''] = (pointer ?? '').split('/');
  if (top === 'instrument') return t('admin.texts.error.instrument', { name });
  if (top === 'language') return t('admin.texts.error.language');
  if (top === 'source') return t('admin.texts.error.source');
  if (top === 'licence') return t('admin.texts.error.licence');
  if (top === 'items' && key) return t('admin.texts.error.item', { key });
  if (top === 'answers' && key) return t('admin.texts.error.answer', { key });
  return t('admin.texts.error.other', { field: pointer || '/' });
}

export function TranslationsBlock() {
  const [instruments, reload] = useAsync((signal) => fetchInstruments(signal), []);
  return (
    <section aria-labelledby="admin-texts-heading">
      <h2 id="admin-texts-heading">{t('admin.texts.heading')}</h2>
      <p>{t('admin.texts.intro')}</p>
      <p>
        {t('admin.texts.publisher')}{' '}
        <a href={PHQ_SCREENERS_URL} rel="noopener noreferrer" target="_blank">
          {t('admin.texts.publisher.link')}
        </a>
        . {t('admin.texts.format')}
      </p>
      {instruments.kind === 'loading' ? <Loading text={t('assessmentForm.loading')} /> : null}
      {instruments.kind === 'error' ? (
        <LoadError heading="admin.texts.error.heading" error={instruments.error} onRetry={reload} />
      ) : null}
      {instruments.kind === 'ready' ? (
        <>
          <ul class="admin-texts-list">
            {instruments.data.items.map((i) => (
              <li key={i.id}>
                <strong>{i.name}</strong>:{' '}
                {i.languages.includes('da') ? t('admin.texts.danish') : t('admin.texts.english')}
              </li>
            ))}
          </ul>
          <LoadForm instruments={instruments.data.items} onLoaded={reload} />
        </>
      ) : null}
    </section>
  );
}

function LoadForm({ instruments, onLoaded }: { instruments: InstrumentSummary[]; onLoaded: () => void }) {
  const [instrument, setInstrument] = useState('');
  const [errors, setErrors] = useState<{ instrument?: string; file?: string }>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [feedback, say, clear] = useFeedback();
  const file = useRef<HTMLInputElement>(null);

  const fail = (next: { instrument?: string; file?: string }) => {
    setErrors(next);
    clear();
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const chosen = instruments.find((i) => i.id === instrument);
    const picked = file.current?.files?.[0];
    const missing: { instrument?: string; file?: string } = {};
    if (!chosen) missing.instrument = t('admin.texts.error.choose');
    if (!picked) missing.file = t('admin.texts.error.noFile');
    else if (picked.size > MAX_BYTES) missing.file = t('admin.texts.error.tooLarge');
    if (!chosen || !picked || missing.file) return fail(missing);
    setBusy(true);
    try {
      const text = await picked.text();
      try {
        JSON.parse(text);
      } catch {
        return fail({ file: t('admin.texts.error.json') });
      }
      const loaded = await loadInstrumentText(chosen.id, text);
      setErrors({});
      if (file.current) file.current.value = '';
      say(
        'success',
        loaded.replaced
          ? t('admin.texts.replaced', { name: chosen.name, source: loaded.source })
          : t('admin.texts.loaded', { name: chosen.name, source: loaded.source }),
      );
      onLoaded();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) fail({ file: t('admin.texts.error.json') });
      else if (err instanceof ApiError && err.status === 422) fail({ file: fileProblem(err.field, chosen.name) });
      else {
        setErrors({});
        say('error', t('admin.texts.error.failed', { reason: failureText(err) }));
      }
    } finally {
      setBusy(false);
    }
  };

  const summary: FieldError[] = [
    ...(errors.instrument ? [{ field: SELECT_ID, message: errors.instrument }] : []),
    ...(errors.file ? [{ field: FILE_ID, message: errors.file }] : []),
  ];
  return (
    <>
      <FeedbackView feedback={feedback} />
      <form class="admin-create-form" noValidate aria-label={t('admin.texts.form')} onSubmit={(e) => void onSubmit(e)}>
        <ErrorSummary errors={summary} focusKey={attempt} />
        <div class={`form-group${errors.instrument ? ' form-error' : ''}`}>
          <label class="form-label" for={SELECT_ID}>
            {t('admin.texts.instrument')}
          </label>
          <FieldErrorMessage id={`${SELECT_ID}-error`} message={errors.instrument} />
          <select
            class="form-select"
            id={SELECT_ID}
            value={instrument}
            aria-invalid={errors.instrument ? 'true' : undefined}
            aria-describedby={errors.instrument ? `${SELECT_ID}-error` : undefined}
            onChange={(e) => setInstrument(e.currentTarget.value)}
          >
            <option value="">{t('assessmentForm.instrument.choose')}</option>
            {instruments.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </div>
        <div class={`form-group${errors.file ? ' form-error' : ''}`}>
          <label class="form-label" for={FILE_ID}>
            {t('admin.texts.file')}
          </label>
          <span class="form-hint" id={`${FILE_ID}-hint`}>
            {t('admin.texts.file.hint')}
          </span>
          <FieldErrorMessage id={`${FILE_ID}-error`} message={errors.file} />
          <input
            ref={file}
            type="file"
            id={FILE_ID}
            accept=".json,application/json"
            aria-invalid={errors.file ? 'true' : undefined}
            aria-describedby={errors.file ? `${FILE_ID}-hint ${FILE_ID}-error` : `${FILE_ID}-hint`}
          />
        </div>
        <button type="submit" class="button button-primary mt-5" disabled={busy}>
          {busy ? t('admin.texts.submitting') : t('admin.texts.submit')}
        </button>
      </form>
    </>
  );
}
