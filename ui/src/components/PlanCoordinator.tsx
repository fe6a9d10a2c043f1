// The coordinator (tovholder) of the joint plan: who holds it together now, and choosing them
// among the enrolment's team (PUT …/coordinator; docs/api-contract.md, Joint plan).
import { useState } from 'preact/hooks';
import { fetchCoordinator, fetchEnrolmentTeam, setCoordinator } from '../api';
import { t } from '../i18n';
import { formatTimestampDate } from '../i18n/format';
import { useAsync } from '../useAsync';
import { SelectField } from './fields';
import { FormOutcome, useFormState } from './formState';
import { FormButtons, OnDemandForm, type OnDemandControl } from './OnDemand';
import { LoadError, Loading } from './ui';

export function PlanCoordinator({ enrolmentId }: { enrolmentId: number }) {
  const [state, reload] = useAsync((signal) => fetchCoordinator(enrolmentId, signal), [enrolmentId]);
  const headingId = `coordinator-${enrolmentId}-heading`;
  return (
    <section class="plan-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('jointPlan.coordinator.heading')}</h4>
      {state.kind === 'loading' ? <Loading text={t('jointPlan.loading')} /> : null}
      {state.kind === 'error' ? <LoadError heading="jointPlan.error.heading" error={state.error} onRetry={reload} /> : null}
      {state.kind === 'ready' ? (
        <p>
          {state.data.coordinator
            ? t('jointPlan.coordinator.now', {
                name: state.data.coordinator.name,
                since: state.data.since ? formatTimestampDate(state.data.since) : '',
              })
            : t('jointPlan.coordinator.none')}
        </p>
      ) : null}
      <OnDemandForm idPrefix={`coordinator-${enrolmentId}`} label={t('jointPlan.coordinator.choose')}>
        {(control) => (
          <CoordinatorForm
            enrolmentId={enrolmentId}
            current={state.kind === 'ready' ? (state.data.coordinator?.id ?? null) : null}
            control={control}
            onSaved={reload}
          />
        )}
      </OnDemandForm>
    </section>
  );
}

function CoordinatorForm({
  enrolmentId,
  current,
  control,
  onSaved,
}: {
  enrolmentId: number;
  current: number | null;
  control: OnDemandControl;
  onSaved: () => void;
}) {
  const id = (name: string) => `coordinator-${enrolmentId}-${name}`;
  const [team] = useAsync((signal) => fetchEnrolmentTeam(enrolmentId, signal), [enrolmentId]);
  const f = useFormState({ '/user_id': id('person') }, control.saved);
  const [person, setPerson] = useState(current === null ? 'none' : String(current));
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy || !f.check([])) return;
    void f.run(async (key) => {
      await setCoordinator(enrolmentId, person === 'none' ? null : Number(person), key);
      onSaved();
      return t('jointPlan.coordinator.saved');
    });
  };
  if (team.kind === 'loading') return <Loading text={t('jointPlan.loading')} />;
  if (team.kind === 'error') return <LoadError heading="jointPlan.error.heading" error={team.error} />;
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      <SelectField
        id={id('person')}
        label={t('jointPlan.coordinator.person')}
        value={person}
        onChange={setPerson}
        error={f.errorOf(id('person'))}
        options={[
          { value: 'none', label: t('jointPlan.coordinator.nobody') },
          ...team.data.items.map((p) => ({ value: String(p.id), label: p.name })),
        ]}
      />
      <FormButtons submit={t('jointPlan.coordinator.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}
