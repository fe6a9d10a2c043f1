// Case review (supervising clinicians): the flagged rows of the caseload, and
// per row a form to record a recommendation for the care manager.
import { useState } from 'preact/hooks';
import { fetchCaseReviewList, fetchEnrolmentTeam, newIdempotencyKey, recordCaseReview } from '../api';
import { todayInDenmark } from '../identifier';
import { t } from '../i18n';
import { useAsync } from '../useAsync';
import { CaseloadTable } from './CaseloadTable';
import { DateField, SelectField, TextArea, TextField, isIsoDate, saveFailureText, serverFieldError } from './fields';
import { Alert, ErrorSummary, LoadError, Loading, PageHeading, type FieldError } from './ui';

export function CaseReviewPage() {
  const [state, reload] = useAsync((signal) => fetchCaseReviewList(signal), []);
  return (
    <>
      <PageHeading title={t('caseReview.title')}>{t('caseReview.title')}</PageHeading>
      <p>{t('caseReview.intro')}</p>
      {state.kind === 'loading' ? <Loading text={t('caseload.loading')} /> : null}
      {state.kind === 'error' ? (
        <LoadError heading="caseload.error.heading" error={state.error} onRetry={reload} />
      ) : null}
      {state.kind === 'ready' ? (
        state.data.items.length === 0 ? (
          <p>{t('caseReview.empty')}</p>
        ) : (
          <>
            <CaseloadTable rows={state.data.items} caption={t('caseReview.caption')} id="case-review" />
            {state.data.items.map((row) => (
              <section
                key={row.enrolment_id}
                class="treatment-block"
                aria-labelledby={`review-${row.enrolment_id}-heading`}
              >
                <h2 id={`review-${row.enrolment_id}-heading`}>
                  {t('caseReview.row.heading', { name: row.citizen_name })}
                </h2>
                <CaseReviewForm enrolmentId={row.enrolment_id} onRecorded={reload} />
              </section>
            ))}
          </>
        )
      ) : null}
    </>
  );
}

/** Record a recommendation (POST /enrolments/{id}/case-reviews; supervising clinicians only). */
export function CaseReviewForm({ enrolmentId, onRecorded }: { enrolmentId: number; onRecorded: () => void }) {
  const id = (name: string) => `case-review-${enrolmentId}-${name}`;
  const [date, setDate] = useState(todayInDenmark);
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [task, setTask] = useState('');
  const [due, setDue] = useState('');
  const [team] = useAsync((s) => fetchEnrolmentTeam(enrolmentId, s), [enrolmentId]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldError[] = [];
    if (!isIsoDate(date)) found.push({ field: id('date'), message: t('form.error.date') });
    if (text.trim() === '') found.push({ field: id('recommendation'), message: t('form.error.required') });
    // A task is optional; once begun it needs both an owner and a text, and a due date is optional.
    const wantsTask = owner !== '' || task.trim() !== '' || due !== '';
    if (wantsTask && owner === '') found.push({ field: id('owner'), message: t('form.error.required') });
    if (wantsTask && task.trim() === '') found.push({ field: id('task'), message: t('form.error.required') });
    if (due !== '' && !isIsoDate(due)) found.push({ field: id('due'), message: t('form.error.date') });
    setErrors(found);
    setSaved(false);
    setFailure(null);
    setAttempt((n) => n + 1);
    if (found.length > 0) return;
    setBusy(true);
    try {
      const body: Parameters<typeof recordCaseReview>[1] = { date, recommendation: text.trim() };
      if (wantsTask) body.task = { owner_id: Number(owner), text: task.trim(), ...(due !== '' ? { due } : {}) };
      await recordCaseReview(enrolmentId, body, key);
      setSaved(true);
      setText('');
      setOwner('');
      setTask('');
      setDue('');
      setKey(newIdempotencyKey());
      onRecorded();
    } catch (err) {
      const atField = serverFieldError(err, {
        '/date': id('date'),
        '/recommendation': id('recommendation'),
        '/task/owner_id': id('owner'),
        '/task/text': id('task'),
        '/task/due': id('due'),
      });
      if (atField) {
        setErrors([atField]);
        setAttempt((n) => n + 1);
      } else {
        setFailure(saveFailureText(err));
      }
      setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (field: string) => errors.find((e) => e.field === id(field))?.message;
  return (
    <form noValidate aria-labelledby={id('heading')} onSubmit={(e) => void onSubmit(e)}>
      <h3 id={id('heading')} class="h4">
        {t('caseReviewForm.heading')}
      </h3>
      {saved ? (
        <Alert kind="success" live="status">
          <p class="alert-text">{t('caseReviewForm.saved')}</p>
        </Alert>
      ) : null}
      {failure ? (
        <Alert kind="error" live="alert">
          <p class="alert-text">{failure}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} focusKey={attempt} />
      <DateField id={id('date')} label={t('common.date')} value={date} onInput={setDate} error={errorOf('date')} />
      <TextArea
        id={id('recommendation')}
        label={t('caseReviewForm.recommendation')}
        value={text}
        onInput={setText}
        error={errorOf('recommendation')}
      />
      <fieldset>
        <legend class="h5">{t('caseReviewForm.task.legend')}</legend>
        <p class="form-hint">{t('caseReviewForm.task.hint')}</p>
        <SelectField
          id={id('owner')}
          label={t('caseReviewForm.task.owner')}
          value={owner}
          onChange={setOwner}
          placeholder={t('caseReviewForm.task.noOwner')}
          options={team.kind === 'ready' ? team.data.items.map((p) => ({ value: String(p.id), label: p.name })) : []}
          error={errorOf('owner')}
        />
        <TextField
          id={id('task')}
          label={t('caseReviewForm.task.text')}
          value={task}
          onInput={setTask}
          error={errorOf('task')}
        />
        <DateField id={id('due')} label={t('caseReviewForm.task.due')} value={due} onInput={setDue} error={errorOf('due')} />
      </fieldset>
      <button type="submit" class="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('caseReviewForm.submit')}
      </button>
    </form>
  );
}
