// Record a questionnaire (opened on demand): pick an instrument, answer its
// items (one radio group per item, the answer labels from the API), see the
// score live (the public scoring route, debounced), choose the occasion and
// the date, save.
// The same form, prefilled and with a reason, corrects a recorded assessment
// (AssessmentCorrection.tsx).
import { useEffect, useState } from 'preact/hooks';
import {
  ApiError,
  fetchInstrument,
  fetchInstruments,
  newIdempotencyKey,
  recordAssessment,
  scoreAnswers,
  type Instrument,
  type Scale,
  type Score,
} from '../api';
import { todayInDenmark } from '../identifier';
import { t, useLang } from '../i18n';
import { bandLabel, diagnosisLabel, icd10Label, occasionLabel, OCCASIONS } from '../labels';
import { useAsync } from '../useAsync';
import {
  DateField,
  FlagTags,
  SelectField,
  TextArea,
  dateError,
  dateFieldId,
  dateParts,
  isoDate,
  saveFailureText,
  serverFieldError,
  type DateParts,
} from './fields';
import { FormButtons, OnDemandForm, type OnDemandControl } from './OnDemand';
import { Alert, ErrorSummary, FieldErrorMessage, LoadError, Loading, failureText, type FieldError } from './ui';
import { PHQ_SCREENERS_URL } from './admin/TranslationsBlock';

function defaultOccasion(status: string): string {
  if (status === 'referred' || status === 'screening') return 'screening';
  if (status === 'active') return 'treatment';
  return 'followup';
}

/**
 * "Registrér spørgeskema" and, opened, the form: choose the instrument, then
 * answer it. Shown in the questionnaires section (AssessmentHistory).
 */
export function QuestionnaireForm({
  enrolmentId,
  status,
  onRecorded,
}: {
  enrolmentId: number;
  status: string;
  onRecorded: () => void;
}) {
  return (
    <OnDemandForm idPrefix={`assessment-${enrolmentId}`} label={t('assessmentForm.heading')}>
      {(control) => (
        <NewAssessment enrolmentId={enrolmentId} status={status} control={control} onRecorded={onRecorded} />
      )}
    </OnDemandForm>
  );
}

function NewAssessment({
  enrolmentId,
  status,
  control,
  onRecorded,
}: {
  enrolmentId: number;
  status: string;
  control: OnDemandControl;
  onRecorded: () => void;
}) {
  const id = (name: string) => `assessment-${enrolmentId}-${name}`;
  const [list, reloadList] = useAsync((signal) => fetchInstruments(signal), []);
  const [instrumentId, setInstrumentId] = useState('');
  const [occasion, setOccasion] = useState(() => defaultOccasion(status));
  const [date, setDate] = useState(() => dateParts(todayInDenmark()));

  useEffect(() => setOccasion(defaultOccasion(status)), [status]);

  return (
    <>
      {list.kind === 'loading' ? <Loading text={t('assessmentForm.loading')} /> : null}
      {list.kind === 'error' ? (
        <LoadError heading="assessmentForm.error.heading" error={list.error} onRetry={reloadList} />
      ) : null}
      {list.kind === 'ready' ? (
        <SelectField
          id={id('instrument')}
          label={t('assessmentForm.instrument')}
          value={instrumentId}
          placeholder={t('assessmentForm.instrument.choose')}
          options={list.data.items.map((i) => ({ value: i.id, label: `${i.name} – ${i.full_name}` }))}
          onChange={setInstrumentId}
        />
      ) : null}
      {instrumentId !== '' ? (
        <InstrumentForm
          key={instrumentId}
          idPrefix={`assessment-${enrolmentId}`}
          enrolmentId={enrolmentId}
          instrumentId={instrumentId}
          occasion={occasion}
          setOccasion={setOccasion}
          date={date}
          setDate={setDate}
          onCancel={control.close}
          onSaved={(name, total) => {
            onRecorded();
            control.saved(t('assessmentForm.saved', { instrument: name, total }));
          }}
        />
      ) : (
        <button type="button" class="button button-secondary" onClick={control.close}>
          {t('form.cancel')}
        </button>
      )}
    </>
  );
}

/** What makes the form a correction: the assessment it replaces, and what to do on a conflict or cancel. */
export interface Correction {
  corrects: number;
  /** The id of the heading that names the form. */
  headingId: string;
  /** 409 on /corrects: someone corrected the assessment meanwhile. */
  onConflict: () => void;
}

interface FormProps {
  /** Prefix of the form's element ids (unique on the page). */
  idPrefix: string;
  enrolmentId: number;
  occasion: string;
  setOccasion: (v: string) => void;
  date: DateParts;
  setDate: (v: DateParts) => void;
  /** The answers to start from (a correction); empty otherwise. */
  initialItems?: readonly (number | null)[];
  correction?: Correction;
  onSaved: (name: string, total: number) => void;
  /** Close the form without saving (its cancel button, Escape). */
  onCancel: () => void;
}

export function InstrumentForm(props: FormProps & { instrumentId: string }) {
  const lang = useLang();
  const [state, reload] = useAsync(
    (signal) => fetchInstrument(props.instrumentId, lang, signal),
    [props.instrumentId, lang],
  );
  if (state.kind === 'loading') return <Loading text={t('assessmentForm.loading')} />;
  if (state.kind === 'error') {
    return <LoadError heading="assessmentForm.error.heading" error={state.error} onRetry={reload} />;
  }
  return <Answers {...props} instrument={state.data} />;
}

/** The radio options of a scale: every whole number from min to max, labelled where the API labels it. */
function scaleOptions(scale: Scale): { value: number; label: string }[] {
  const options: { value: number; label: string }[] = [];
  for (let v = scale.min; v <= scale.max; v++) {
    const answer = scale.answers.find((a) => a.value === v);
    options.push({ value: v, label: answer ? `${v} – ${answer.label}` : String(v) });
  }
  return options;
}

type Live =
  | { kind: 'idle' }
  | { kind: 'incomplete'; answered: number }
  | { kind: 'scored'; score: Score }
  | { kind: 'failed'; error: unknown };

/** Reason for a correction: 1 to 500 characters (code points, as the server counts). */
const REASON_MAX = 500;

function Answers({
  idPrefix,
  enrolmentId,
  instrument,
  occasion,
  setOccasion,
  date,
  setDate,
  initialItems,
  correction,
  onSaved,
  onCancel,
}: Omit<FormProps, 'instrumentId'> & { instrument: Instrument }) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const count = instrument.items.length;
  const extra = instrument.extra;
  const [answers, setAnswers] = useState<(number | null)[]>(() =>
    Array.from({ length: count + (extra ? 1 : 0) }, (_, i) => initialItems?.[i] ?? null),
  );
  const [reason, setReason] = useState('');
  const [live, setLive] = useState<Live>({ kind: 'idle' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);

  const answered = answers.slice(0, count).filter((a) => a !== null).length;
  /** What is sent: the items, and the extra question only when answered. */
  const payload = (): (number | null)[] =>
    extra && answers[count] !== null ? answers : answers.slice(0, count);

  // Live score, debounced: the public scoring route answers 400/422 naming /items/N while incomplete.
  useEffect(() => {
    if (answered === 0) {
      setLive({ kind: 'idle' });
      return;
    }
    if (answered < count) {
      setLive({ kind: 'incomplete', answered });
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      scoreAnswers(instrument.id, payload(), controller.signal).then(
        (score) => {
          if (!controller.signal.aborted) setLive({ kind: 'scored', score });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          if (error instanceof ApiError && (error.status === 400 || error.status === 422) && error.field?.startsWith('/items/')) {
            setLive({ kind: 'incomplete', answered });
          } else {
            setLive({ kind: 'failed', error });
          }
        },
      );
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [JSON.stringify(answers)]);

  const setAnswer = (index: number, value: number) =>
    setAnswers((prev) => prev.map((a, i) => (i === index ? value : a)));

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldError[] = [];
    instrument.items.forEach((item, i) => {
      if (answers[i] === null) {
        found.push({ field: id(`item-${i}-0`), message: t('assessmentForm.error.item', { key: item.key }) });
      }
    });
    const dateProblem = dateError(date, { required: true });
    if (dateProblem) found.push({ field: dateFieldId(id('date')), message: dateProblem });
    const iso = isoDate(date);
    const reasonLength = [...reason.trim()].length;
    if (correction && reasonLength === 0) found.push({ field: id('reason'), message: t('form.error.required') });
    if (correction && reasonLength > REASON_MAX) {
      found.push({ field: id('reason'), message: t('correction.error.reasonLong', { max: REASON_MAX }) });
    }
    setErrors(found);
    setFailure(null);
    setAttempt((n) => n + 1);
    if (found.length > 0 || iso === null) return;
    setBusy(true);
    try {
      const saved = await recordAssessment(
        enrolmentId,
        {
          instrument: instrument.id,
          date: iso,
          items: payload(),
          occasion,
          ...(correction ? { corrects: correction.corrects, reason: reason.trim() } : {}),
        },
        key,
      );
      onSaved(instrument.name, saved.total);
    } catch (err) {
      setKey(newIdempotencyKey());
      if (correction && err instanceof ApiError && err.status === 409 && err.field === '/corrects') {
        correction.onConflict();
        return;
      }
      const fields: Record<string, string> = { '/date': dateFieldId(id('date')), '/occasion': id('occasion'), '/reason': id('reason') };
      instrument.items.forEach((_, i) => {
        fields[`/items/${i}`] = id(`item-${i}-0`);
      });
      const atField = serverFieldError(err, fields);
      if (atField) {
        setErrors([atField]);
        setAttempt((n) => n + 1);
      } else {
        setFailure(saveFailureText(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const options = scaleOptions(instrument.scale);
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <form
      noValidate
      aria-label={correction ? undefined : instrument.name}
      aria-labelledby={correction?.headingId}
      aria-busy={busy}
      onSubmit={(e) => void onSubmit(e)}
    >
      <ErrorSummary errors={errors} focusKey={attempt} />
      {failure ? (
        <Alert kind="error" live="alert">
          <p class="alert-text">{failure}</p>
        </Alert>
      ) : null}
      {instrument.text.translation_missing ? (
        <Alert kind="info">
          <p class="alert-text">{t('assessmentForm.translationMissing')}</p>
          {/* How to get one: the administrator loads a licensed translation (Administration). */}
          <p class="alert-text">
            {t('assessmentForm.translationHowTo')}
            {instrument.id === 'phq9' || instrument.id === 'gad7' ? (
              <>
                {' '}
                {t('assessmentForm.translationPublisher')}{' '}
                <a href={PHQ_SCREENERS_URL} rel="noopener noreferrer" target="_blank">
                  {t('admin.texts.publisher.link')}
                </a>
                .
              </>
            ) : null}
          </p>
        </Alert>
      ) : null}
      <p class="h5">{instrument.full_name}</p>
      {instrument.text.stem ? (
        <p lang={instrument.text.language}>{instrument.text.stem}</p>
      ) : null}
      {instrument.items.map((item, i) => {
        const field = id(`item-${i}-0`);
        const error = errorOf(field);
        return (
          <div class={`form-group${error ? ' form-error' : ''}`} key={item.key}>
            <fieldset class="item-fieldset" aria-describedby={error ? id(`item-${i}-error`) : undefined}>
              <legend class="form-label" lang={instrument.text.language}>
                {item.key}. {item.text}
              </legend>
              <FieldErrorMessage id={id(`item-${i}-error`)} message={error} />
              {options.map((o) => (
                <div class="form-group-radio" key={o.value}>
                  <input
                    type="radio"
                    class="form-radio"
                    id={id(`item-${i}-${o.value - instrument.scale.min}`)}
                    name={id(`item-${i}`)}
                    value={String(o.value)}
                    checked={answers[i] === o.value}
                    onChange={() => setAnswer(i, o.value)}
                  />
                  <label for={id(`item-${i}-${o.value - instrument.scale.min}`)} lang={instrument.text.language}>
                    {o.label}
                  </label>
                </div>
              ))}
            </fieldset>
          </div>
        );
      })}
      {extra ? (
        <div class="form-group">
          <fieldset class="item-fieldset">
            <legend class="form-label">
              <span lang={instrument.text.language}>{extra.text}</span> {t('assessmentForm.optional')}
            </legend>
            {scaleOptions(extra.scale).map((o) => (
              <div class="form-group-radio" key={o.value}>
                <input
                  type="radio"
                  class="form-radio"
                  id={id(`extra-${o.value}`)}
                  name={id('extra')}
                  value={String(o.value)}
                  checked={answers[count] === o.value}
                  onChange={() => setAnswer(count, o.value)}
                />
                <label for={id(`extra-${o.value}`)} lang={instrument.text.language}>
                  {o.label}
                </label>
              </div>
            ))}
          </fieldset>
        </div>
      ) : null}

      <ScorePanel instrument={instrument} live={live} count={count} headingId={id('score')} />

      <SelectField
        id={id('occasion')}
        label={t('assessmentForm.occasion')}
        value={occasion}
        onChange={setOccasion}
        error={errorOf(id('occasion'))}
        options={OCCASIONS.map((o) => ({ value: o, label: occasionLabel(o) }))}
      />
      <DateField id={id('date')} label={t('common.date')} value={date} onChange={setDate} error={errorOf(dateFieldId(id('date')))} />
      {correction ? (
        <TextArea
          id={id('reason')}
          label={t('correction.reason')}
          hint={t('correction.reason.hint', { max: REASON_MAX })}
          value={reason}
          onInput={setReason}
          error={errorOf(id('reason'))}
        />
      ) : null}
      <FormButtons
        submit={correction ? t('correction.submit') : t('assessmentForm.submit')}
        busy={busy}
        onCancel={onCancel}
      />
    </form>
  );
}

function ScorePanel({
  instrument,
  live,
  count,
  headingId,
}: {
  instrument: Instrument;
  live: Live;
  count: number;
  headingId: string;
}) {
  return (
    <section class="score-panel" aria-labelledby={headingId} aria-live="polite">
      <h5 id={headingId}>{t('score.heading')}</h5>
      {live.kind === 'idle' ? <p>{t('score.incomplete', { answered: 0, count })}</p> : null}
      {live.kind === 'incomplete' ? <p>{t('score.incomplete', { answered: live.answered, count })}</p> : null}
      {live.kind === 'failed' ? <p>{t('score.failed', { reason: failureText(live.error) })}</p> : null}
      {live.kind === 'scored' ? <ScoreFacts instrument={instrument} score={live.score} /> : null}
    </section>
  );
}

function ScoreFacts({ instrument, score }: { instrument: Instrument; score: Score }) {
  const max = instrument.bands.length > 0 ? Math.max(...instrument.bands.map((b) => b.max)) : null;
  return (
    <>
      {score.flags.includes('safety') ? (
        <Alert kind="error" heading={t('score.safety.heading')}>
          <p class="alert-text">{t('score.safety.text')}</p>
        </Alert>
      ) : null}
      <dl class="facts" data-testid="live-score">
        <div>
          <dt>{t('score.total')}</dt>
          <dd>{max !== null ? t('score.total.value', { total: score.total, max }) : score.total}</dd>
        </div>
        {score.band ? (
          <div>
            <dt>{t('score.band')}</dt>
            <dd>{bandLabel(score.band)}</dd>
          </div>
        ) : null}
        {score.percentage !== undefined ? (
          <div>
            <dt>{t('score.percentage')}</dt>
            <dd>{t('score.percentage.value', { value: score.percentage })}</dd>
          </div>
        ) : null}
        {score.provisional_diagnosis !== undefined ? (
          <div>
            <dt>{t('score.diagnosis')}</dt>
            <dd>{diagnosisLabel(score.provisional_diagnosis)}</dd>
          </div>
        ) : null}
        {score.icd10 ? (
          <div>
            <dt>{t('score.icd10')}</dt>
            <dd>
              {score.icd10.code
                ? t('score.icd10.value', { grade: icd10Label(score.icd10.grade), code: score.icd10.code })
                : icd10Label(score.icd10.grade)}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('score.flags')}</dt>
          <dd>
            <FlagTags flags={score.flags} />
          </dd>
        </div>
      </dl>
    </>
  );
}
