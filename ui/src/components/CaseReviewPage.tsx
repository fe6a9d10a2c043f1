// Case review (supervising clinicians): the flagged rows of the caseload, and
// per row a button that opens the form to record a recommendation for the
// care manager under the table (one at a time; its heading names the young
// person and takes the focus; Escape or cancel returns to the row's button).
import { useState } from 'preact/hooks';
import { fetchCaseReviewList, fetchEnrolmentTeam, newIdempotencyKey, recordCaseReview } from '../api';
import { todayInDenmark } from '../identifier';
import { t } from '../i18n';
import { useAsync } from '../useAsync';
import { CaseloadTable } from './CaseloadTable';
import {
  DateField,
  SelectField,
  TextArea,
  dateError,
  dateFieldId,
  dateParts,
  isEmptyDate,
  isoDate,
  saveFailureText,
  serverFieldError,
} from './fields';
import { FormButtons, OnDemandNotice, OnDemandPanel, useOnDemand, type OnDemandControl } from './OnDemand';
import { Alert, ErrorSummary, LoadError, Loading, PageHeading, type FieldError } from './ui';

export function CaseReviewPage() {
  const [state, reload] = useAsync((signal) => fetchCaseReviewList(signal), []);
  const od = useOnDemand('case-review');
  const rows = state.kind === 'ready' ? state.data.items : [];
  const reviewing = rows.find((row) => String(row.enrolment_id) === od.open) ?? null;
  return (
    <>
      <PageHeading title={t('caseReview.title')}>{t('caseReview.title')}</PageHeading>
      <p>{t('caseReview.intro')}</p>
      {state.kind === 'loading' ? <Loading text={t('caseload.loading')} /> : null}
      {state.kind === 'error' ? (
        <LoadError heading="caseload.error.heading" error={state.error} onRetry={reload} />
      ) : null}
      <OnDemandNotice od={od} />
      {state.kind === 'ready' ? (
        rows.length === 0 ? (
          <p>{t('caseReview.empty')}</p>
        ) : (
          <CaseloadTable
            rows={rows}
            caption={t('caseReview.caption')}
            id="case-review"
            action={(row) => (
              <button
                type="button"
                id={od.ids.button(String(row.enrolment_id))}
                class="button button-secondary button-small"
                aria-expanded={od.open === String(row.enrolment_id) ? 'true' : 'false'}
                aria-controls={od.open === String(row.enrolment_id) ? od.ids.region : undefined}
                onClick={() => od.show(String(row.enrolment_id))}
              >
                {t('caseReviewForm.heading')}
                <span class="sr-only"> {t('caseReview.row.for', { name: row.citizen_name })}</span>
              </button>
            )}
          />
        )
      ) : null}
      {reviewing ? (
        <OnDemandPanel od={od} heading={t('caseReview.row.heading', { name: reviewing.citizen_name })} level="h2">
          <CaseReviewForm
            key={reviewing.enrolment_id}
            enrolmentId={reviewing.enrolment_id}
            control={od.control}
            onRecorded={reload}
          />
        </OnDemandPanel>
      ) : null}
    </>
  );
}

/** Record a recommendation (POST /enrolments/{id}/case-reviews; supervising clinicians only). */
export function CaseReviewForm({
  enrolmentId,
  control,
  onRecorded,
}: {
  enrolmentId: number;
  control: OnDemandControl;
  onRecorded: () => void;
}) {
  const id = (name: string) => `case-review-${enrolmentId}-${name}`;
  const [date, setDate] = useState(() => dateParts(todayInDenmark()));
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [task, setTask] = useState('');
  const [due, setDue] = useState(() => dateParts(''));
  const [team] = useAsync((s) => fetchEnrolmentTeam(enrolmentId, s), [enrolmentId]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldError[] = [];
    const dateProblem = dateError(date, { required: true });
    if (dateProblem) found.push({ field: dateFieldId(id('date')), message: dateProblem });
    if (text.trim() === '') found.push({ field: id('recommendation'), message: t('form.error.required') });
    // A task is optional; once begun it needs both an owner and a text, and a due date is optional.
    const wantsTask = owner !== '' || task.trim() !== '' || !isEmptyDate(due);
    if (wantsTask && owner === '') found.push({ field: id('owner'), message: t('form.error.required') });
    if (wantsTask && task.trim() === '') found.push({ field: id('task'), message: t('form.error.required') });
    const dueProblem = dateError(due, { required: false });
    if (dueProblem) found.push({ field: dateFieldId(id('due')), message: dueProblem });
    setErrors(found);
    setFailure(null);
    setAttempt((n) => n + 1);
    const iso = isoDate(date);
    const dueIso = isoDate(due);
    if (found.length > 0 || iso === null) return;
    setBusy(true);
    try {
      const body: Parameters<typeof recordCaseReview>[1] = { date: iso, recommendation: text.trim() };
      if (wantsTask) body.task = { owner_id: Number(owner), text: task.trim(), ...(dueIso !== null ? { due: dueIso } : {}) };
      await recordCaseReview(enrolmentId, body, key);
      setKey(newIdempotencyKey());
      onRecorded();
      control.saved(t('caseReviewForm.saved'));
    } catch (err) {
      const atField = serverFieldError(err, {
        '/date': dateFieldId(id('date')),
        '/recommendation': id('recommendation'),
        '/task/owner_id': id('owner'),
        '/task/text': id('task'),
        '/task/due': dateFieldId(id('due')),
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
  const errorOf = (field: string) =>
    errors.find((e) => e.field === field || e.field === id(field))?.message;
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={busy} onSubmit={(e) => void onSubmit(e)}>
      {failure ? (
        <Alert kind="error" live="alert">
          <p class="alert-text">{failure}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} focusKey={attempt} />
      <DateField id={id('date')} label={t('common.date')} value={date} onChange={setDate} error={errorOf(dateFieldId(id('date')))} />
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
        <TextArea
          id={id('task')}
          label={t('caseReviewForm.task.text')}
          value={task}
          onInput={setTask}
          rows={2}
          error={errorOf('task')}
        />
        <DateField id={id('due')} label={t('caseReviewForm.task.due')} value={due} onChange={setDue} error={errorOf(dateFieldId(id('due')))} />
      </fieldset>
      <FormButtons submit={t('caseReviewForm.submit')} busy={busy} onCancel={control.close} />
    </form>
  );
}
