// A task of the joint plan (POST …/tasks; docs/api-contract.md, Tasks): its text, its owner — a
// member of the team of either sector, or the young person — a due date and the goal it is for.
import { useState } from 'preact/hooks';
import { createTask, fetchEnrolmentTeam, type Goal } from '../api';
import { t } from '../i18n';
import { useAsync } from '../useAsync';
import { DateField, SelectField, TextArea, dateError, dateFieldId, dateParts, isoDate } from './fields';
import { FormOutcome, useFormState } from './formState';
import { FormButtons, OnDemandForm, type OnDemandControl } from './OnDemand';
import { goalAreaLabel, goalText } from './PlanGoals';
import { LoadError, Loading, type FieldError } from './ui';

const YOUNG_PERSON = 'young_person';

export function PlanTaskForm({ enrolmentId, goals, onSaved }: { enrolmentId: number; goals: Goal[]; onSaved: () => void }) {
  return (
    <OnDemandForm idPrefix={`plan-task-${enrolmentId}`} label={t('jointPlan.taskForm.heading')}>
      {(control) => <TaskForm enrolmentId={enrolmentId} goals={goals} control={control} onSaved={onSaved} />}
    </OnDemandForm>
  );
}

function TaskForm({
  enrolmentId,
  goals,
  control,
  onSaved,
}: {
  enrolmentId: number;
  goals: Goal[];
  control: OnDemandControl;
  onSaved: () => void;
}) {
  const id = (name: string) => `plan-task-${enrolmentId}-${name}`;
  const [team] = useAsync((signal) => fetchEnrolmentTeam(enrolmentId, signal), [enrolmentId]);
  const f = useFormState(
    {
      '/text': id('text'),
      '/owner': id('owner'),
      '/owner/kind': id('owner'),
      '/owner/user_id': id('owner'),
      '/due': dateFieldId(id('due')),
      '/goal_id': id('goal'),
    },
    control.saved,
  );
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState(() => dateParts(''));
  const [goal, setGoal] = useState('');
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (text.trim() === '') found.push({ field: id('text'), message: t('form.error.required') });
    if (owner === '') found.push({ field: id('owner'), message: t('form.error.choose') });
    const dueProblem = dateError(due, { required: false });
    if (dueProblem) found.push({ field: dateFieldId(id('due')), message: dueProblem });
    const dueIso = isoDate(due);
    if (!f.check(found)) return;
    void f.run(async (key) => {
      await createTask(
        enrolmentId,
        {
          text: text.trim(),
          owner: owner === YOUNG_PERSON ? { kind: 'young_person' } : { kind: 'member', user_id: Number(owner) },
          ...(dueIso !== null ? { due: dueIso } : {}),
          ...(goal !== '' ? { goal_id: Number(goal) } : {}),
        },
        key,
      );
      onSaved();
      return t('jointPlan.taskForm.saved');
    });
  };
  if (team.kind === 'loading') return <Loading text={t('jointPlan.loading')} />;
  if (team.kind === 'error') return <LoadError heading="jointPlan.error.heading" error={team.error} />;
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      <TextArea id={id('text')} label={t('jointPlan.taskForm.text')} value={text} onInput={setText} error={f.errorOf(id('text'))} />
      <SelectField
        id={id('owner')}
        label={t('jointPlan.taskForm.owner')}
        value={owner}
        onChange={setOwner}
        placeholder={t('form.error.choose')}
        error={f.errorOf(id('owner'))}
        options={[
          { value: YOUNG_PERSON, label: t('jointPlan.owner.youngPerson') },
          ...team.data.items.map((p) => ({ value: String(p.id), label: p.name })),
        ]}
      />
      <DateField id={id('due')} label={t('jointPlan.taskForm.due')} value={due} onChange={setDue} error={f.errorOf(dateFieldId(id('due')))} />
      <SelectField
        id={id('goal')}
        label={t('jointPlan.taskForm.goal')}
        value={goal}
        onChange={setGoal}
        error={f.errorOf(id('goal'))}
        options={[
          { value: '', label: t('jointPlan.taskForm.noGoal') },
          ...goals
            .filter((g) => g.status === 'open')
            .map((g) => ({ value: String(g.id), label: `${goalAreaLabel(g.area)}: ${goalText(g)}` })),
        ]}
      />
      <FormButtons submit={t('jointPlan.taskForm.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}
