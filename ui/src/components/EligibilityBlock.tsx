// Eligibility: the suggestion from the screening, the decision in force, the
// decisions made, and the form to record a decision.
import { useState } from 'preact/hooks';
import { ApiError, recordEligibility, type Eligibility } from '../api';
import { todayInDenmark } from '../identifier';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { DECISIONS, decisionLabel, eligibilityResultLabel, reasonLabel } from '../labels';
import type { Async } from '../useAsync';
import { DateField, RadioGroup, TextArea, TextField, isIsoDate } from './fields';
import { FormOutcome, useFormState } from './formState';
import { LoadError, Loading, type FieldError } from './ui';

export function EligibilityBlock({
  enrolmentId,
  state,
  reload,
}: {
  enrolmentId: number;
  state: Async<Eligibility>;
  reload: () => void;
}) {
  const headingId = `eligibility-${enrolmentId}-heading`;
  return (
    <section class="treatment-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('eligibility.heading')}</h4>
      {state.kind === 'loading' ? <Loading text={t('treatment.loading')} /> : null}
      {state.kind === 'error' ? (
        state.error instanceof ApiError && state.error.status === 404 ? (
          <p>{t('eligibility.unavailable')}</p>
        ) : (
          <LoadError heading="treatment.error.heading" error={state.error} onRetry={reload} />
        )
      ) : null}
      {state.kind === 'ready' ? <EligibilityView enrolmentId={enrolmentId} data={state.data} onRecorded={reload} /> : null}
    </section>
  );
}

function EligibilityView({
  enrolmentId,
  data,
  onRecorded,
}: {
  enrolmentId: number;
  data: Eligibility;
  onRecorded: () => void;
}) {
  const { suggestion, in_force: inForce, decisions } = data;
  return (
    <>
      <dl class="facts" data-testid="eligibility">
        <div>
          <dt>{t('eligibility.suggestion')}</dt>
          <dd data-result={suggestion.result}>{eligibilityResultLabel(suggestion.result)}</dd>
        </div>
        <div>
          <dt>{t('eligibility.reasons')}</dt>
          <dd>
            {suggestion.reasons.length === 0 ? (
              t('eligibility.reasons.none')
            ) : (
              <ul class="reason-list">
                {suggestion.reasons.map((r) => (
                  <li key={r}>{reasonLabel(r)}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('eligibility.inForce')}</dt>
          <dd>
            {inForce
              ? t('eligibility.inForce.value', { decision: decisionLabel(inForce.decision), date: formatDate(inForce.date) })
              : t('eligibility.inForce.none')}
          </dd>
        </div>
      </dl>
      {decisions.length > 0 ? (
        <div class="table--responsive-scroll">
          <table class="table table--compact">
            <caption>{t('eligibility.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.date')}</th>
                <th scope="col">{t('eligibility.col.decision')}</th>
                <th scope="col">{t('eligibility.col.suggestion')}</th>
                <th scope="col">{t('eligibility.col.why')}</th>
                <th scope="col">{t('eligibility.col.decidedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {[...decisions].reverse().map((d) => (
                <tr key={d.id}>
                  <td>{formatDate(d.date)}</td>
                  <td>
                    {decisionLabel(d.decision)}
                    {d.referred_to ? ` (${d.referred_to})` : ''}
                  </td>
                  <td>{eligibilityResultLabel(d.suggestion)}</td>
                  <td>{d.why}</td>
                  <td>{d.decided_by.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <EligibilityForm enrolmentId={enrolmentId} onRecorded={onRecorded} />
    </>
  );
}

function EligibilityForm({ enrolmentId, onRecorded }: { enrolmentId: number; onRecorded: () => void }) {
  const id = (name: string) => `eligibility-${enrolmentId}-${name}`;
  const f = useFormState({
    '/decision': id('decision-0'),
    '/referred_to': id('referred-to'),
    '/why': id('why'),
    '/date': id('date'),
  });
  const [decision, setDecision] = useState('');
  const [referredTo, setReferredTo] = useState('');
  const [why, setWhy] = useState('');
  const [date, setDate] = useState(todayInDenmark);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (decision === '') found.push({ field: id('decision-0'), message: t('form.error.choose') });
    if (decision === 'referred_elsewhere' && referredTo.trim() === '') {
      found.push({ field: id('referred-to'), message: t('form.error.required') });
    }
    if (why.trim() === '') found.push({ field: id('why'), message: t('form.error.required') });
    if (!isIsoDate(date)) found.push({ field: id('date'), message: t('form.error.date') });
    if (!f.check(found)) return;
    void f.run(async (key) => {
      await recordEligibility(
        enrolmentId,
        {
          decision,
          why: why.trim(),
          date,
          ...(decision === 'referred_elsewhere' ? { referred_to: referredTo.trim() } : {}),
        },
        key,
      );
      const text = t('eligibilityForm.saved', { decision: decisionLabel(decision) });
      setDecision('');
      setReferredTo('');
      setWhy('');
      onRecorded();
      return text;
    });
  };
  return (
    <form noValidate aria-labelledby={id('form-heading')} onSubmit={onSubmit}>
      <h5 id={id('form-heading')}>{t('eligibilityForm.heading')}</h5>
      <FormOutcome f={f} />
      <RadioGroup
        id={id('decision')}
        label={t('eligibilityForm.decision')}
        value={decision}
        onChange={setDecision}
        error={f.errorOf(id('decision-0'))}
        options={DECISIONS.map((d) => ({ value: d, label: decisionLabel(d) }))}
      />
      {decision === 'referred_elsewhere' ? (
        <TextField
          id={id('referred-to')}
          label={t('eligibilityForm.referredTo')}
          hint={t('eligibilityForm.referredTo.hint')}
          value={referredTo}
          onInput={setReferredTo}
          error={f.errorOf(id('referred-to'))}
        />
      ) : null}
      <TextArea id={id('why')} label={t('eligibilityForm.why')} value={why} onInput={setWhy} error={f.errorOf(id('why'))} />
      <DateField id={id('date')} label={t('common.date')} value={date} onInput={setDate} error={f.errorOf(id('date'))} />
      <button type="submit" class="button button-primary" disabled={f.busy}>
        {f.busy ? t('common.saving') : t('eligibilityForm.submit')}
      </button>
    </form>
  );
}
