// The treatment plan: what is written, and the form to write or change it
// (opened on demand; If-Match on the version read).
import { useState } from 'preact/hooks';
import { ApiError, fetchTreatmentPlan, saveTreatmentPlan, type TreatmentPlan } from '../api';
import { todayInDenmark } from '../identifier';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { MODALITIES, modalityLabel } from '../labels';
import { useAsync } from '../useAsync';
import { DateField, SelectField, TextArea, dateError, dateFieldId, dateParts, isoDate } from './fields';
import { FormOutcome, useFormState } from './formState';
import { FormButtons, OnDemandForm, type OnDemandControl } from './OnDemand';
import { LoadError, Loading, type FieldError } from './ui';

export function PlanBlock({ enrolmentId }: { enrolmentId: number }) {
  const [state, reload] = useAsync((s) => fetchTreatmentPlan(enrolmentId, s), [enrolmentId]);
  const headingId = `plan-${enrolmentId}-heading`;
  return (
    <section class="treatment-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('plan.heading')}</h4>
      {state.kind === 'loading' ? <Loading text={t('treatment.loading')} /> : null}
      {state.kind === 'error' ? <LoadError heading="treatment.error.heading" error={state.error} onRetry={reload} /> : null}
      {state.kind === 'ready' ? (
        <>
          {state.data ? (
            <dl class="facts">
              <div>
                <dt>{t('plan.startDate')}</dt>
                <dd>{formatDate(state.data.start_date)}</dd>
              </div>
              <div>
                <dt>{t('plan.focus')}</dt>
                <dd>{state.data.focus}</dd>
              </div>
              <div>
                <dt>{t('plan.modality')}</dt>
                <dd>{modalityLabel(state.data.modality)}</dd>
              </div>
              <div>
                <dt>{t('plan.target')}</dt>
                <dd>{state.data.target}</dd>
              </div>
              {state.data.aftercare_from ? (
                <div>
                  <dt>{t('plan.aftercareFrom')}</dt>
                  <dd>{formatDate(state.data.aftercare_from)}</dd>
                </div>
              ) : null}
            </dl>
          ) : (
            <p>{t('plan.none')}</p>
          )}
          <OnDemandForm
            idPrefix={`plan-${enrolmentId}`}
            label={state.data ? t('plan.form.update') : t('plan.form.create')}
          >
            {(control) => (
              <PlanForm
                key={state.data?.version ?? 0}
                enrolmentId={enrolmentId}
                plan={state.data}
                control={control}
                onSaved={reload}
              />
            )}
          </OnDemandForm>
        </>
      ) : null}
    </section>
  );
}

function PlanForm({
  enrolmentId,
  plan,
  control,
  onSaved,
}: {
  enrolmentId: number;
  plan: TreatmentPlan | null;
  control: OnDemandControl;
  onSaved: () => void;
}) {
  const id = (name: string) => `plan-${enrolmentId}-${name}`;
  const f = useFormState(
    {
      '/start_date': dateFieldId(id('start')),
      '/focus': id('focus'),
      '/modality': id('modality'),
      '/target': id('target'),
      '/aftercare_from': dateFieldId(id('aftercare')),
    },
    control.saved,
  );
  const [startDate, setStartDate] = useState(() => dateParts(plan?.start_date ?? todayInDenmark()));
  const [focus, setFocus] = useState(plan?.focus ?? '');
  const [modality, setModality] = useState(plan?.modality ?? '');
  const [target, setTarget] = useState(plan?.target ?? '');
  const [aftercare, setAftercare] = useState(() => dateParts(plan?.aftercare_from ?? ''));
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    const startProblem = dateError(startDate, { required: true });
    if (startProblem) found.push({ field: dateFieldId(id('start')), message: startProblem });
    if (focus.trim() === '') found.push({ field: id('focus'), message: t('form.error.required') });
    if (modality === '') found.push({ field: id('modality'), message: t('form.error.choose') });
    if (target.trim() === '') found.push({ field: id('target'), message: t('form.error.required') });
    const aftercareProblem = dateError(aftercare, { required: false });
    if (aftercareProblem) found.push({ field: dateFieldId(id('aftercare')), message: aftercareProblem });
    const start = isoDate(startDate);
    const aftercareFrom = isoDate(aftercare);
    if (!f.check(found) || start === null) return;
    void f.run(async () => {
      try {
        await saveTreatmentPlan(
          enrolmentId,
          {
            start_date: start,
            focus: focus.trim(),
            modality,
            target: target.trim(),
            ...(aftercareFrom !== null ? { aftercare_from: aftercareFrom } : {}),
          },
          plan ? plan.version : null,
        );
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) {
          onSaved();
          throw new Error(t('plan.stale'));
        }
        throw err;
      }
      onSaved();
      return t('plan.saved');
    });
  };
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      <DateField
        id={id('start')}
        label={t('plan.startDate')}
        value={startDate}
        onChange={setStartDate}
        error={f.errorOf(dateFieldId(id('start')))}
      />
      <TextArea id={id('focus')} label={t('plan.focus')} value={focus} onInput={setFocus} error={f.errorOf(id('focus'))} />
      <SelectField
        id={id('modality')}
        label={t('plan.modality')}
        value={modality}
        onChange={setModality}
        placeholder={t('form.error.choose')}
        error={f.errorOf(id('modality'))}
        options={MODALITIES.map((m) => ({ value: m, label: modalityLabel(m) }))}
      />
      <TextArea id={id('target')} label={t('plan.target')} value={target} onInput={setTarget} error={f.errorOf(id('target'))} />
      <DateField
        id={id('aftercare')}
        label={t('plan.aftercareFrom.label')}
        value={aftercare}
        onChange={setAftercare}
        error={f.errorOf(dateFieldId(id('aftercare')))}
      />
      <FormButtons
        submit={plan ? t('plan.submit.update') : t('plan.submit.create')}
        busy={f.busy}
        onCancel={control.close}
      />
    </form>
  );
}
