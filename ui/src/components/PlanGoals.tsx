// The joint plan's goals (docs/api-contract.md, Joint plan): listed by area with status and due
// date, set in the young person's words (agreed with them, and by whom), moved to another status
// with a note, each goal's history readable. A treatment goal whose words the reader may not see
// (municipal staff without the consent) is named as one, without its text.
import { useState } from 'preact/hooks';
import {
  GOAL_AREAS,
  GOAL_MOVES,
  createGoal,
  fetchGoalHistory,
  moveGoal,
  type Goal,
  type GoalArea,
  type GoalStatus,
} from '../api';
import { t, type PlainMessageKey } from '../i18n';
import { formatDate, formatTimestampDate } from '../i18n/format';
import { useAsync, type Async } from '../useAsync';
import { DateField, SelectField, TextArea, TextField, dateError, dateFieldId, dateParts, isoDate } from './fields';
import { FormOutcome, useFormState } from './formState';
import { FormButtons, OnDemandForm, type OnDemandControl } from './OnDemand';
import { Cell, LoadError, Loading, type FieldError } from './ui';

export const goalAreaLabel = (area: GoalArea): string => t(`jointPlan.goal.area.${area}` as PlainMessageKey);
export const goalStatusLabel = (status: GoalStatus): string => t(`jointPlan.goal.status.${status}` as PlainMessageKey);

/** A goal's words, or that it is a treatment goal whose words are not shared with the reader. */
export function goalText(goal: { text?: string | undefined }): string {
  return goal.text ?? t('jointPlan.goal.hidden');
}

export function PlanGoals({ enrolmentId, goals, reload }: { enrolmentId: number; goals: Async<Goal[]>; reload: () => void }) {
  const headingId = `goals-${enrolmentId}-heading`;
  return (
    <section class="plan-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('jointPlan.goals.heading')}</h4>
      <OnDemandForm idPrefix={`goal-${enrolmentId}`} label={t('jointPlan.goalForm.heading')}>
        {(control) => <GoalForm enrolmentId={enrolmentId} control={control} onSaved={reload} />}
      </OnDemandForm>
      {goals.kind === 'loading' ? <Loading text={t('jointPlan.loading')} /> : null}
      {goals.kind === 'error' ? <LoadError heading="jointPlan.error.heading" error={goals.error} onRetry={reload} /> : null}
      {goals.kind === 'ready' ? (
        goals.data.length === 0 ? (
          <p>{t('jointPlan.goals.empty')}</p>
        ) : (
          GOAL_AREAS.filter((area) => goals.data.some((g) => g.area === area)).map((area) => (
            <GoalTable key={area} area={area} goals={goals.data.filter((g) => g.area === area)} reload={reload} />
          ))
        )
      ) : null}
    </section>
  );
}

function GoalTable({ area, goals, reload }: { area: GoalArea; goals: Goal[]; reload: () => void }) {
  const col = {
    text: t('jointPlan.goal.col.text'),
    status: t('jointPlan.goal.col.status'),
    due: t('jointPlan.goal.col.due'),
    agreed: t('jointPlan.goal.col.agreed'),
    action: t('jointPlan.goal.col.action'),
  };
  return (
    <table class="table table--compact table--responsive-headers plan-goals">
      <caption>{goalAreaLabel(area)}</caption>
      <thead>
        <tr>
          <th scope="col">{col.text}</th>
          <th scope="col">{col.status}</th>
          <th scope="col">{col.due}</th>
          <th scope="col">{col.agreed}</th>
          <th scope="col">{col.action}</th>
        </tr>
      </thead>
      <tbody>
        {goals.map((g) => (
          <tr key={g.id}>
            <Cell title={col.text}>{goalText(g)}</Cell>
            <Cell title={col.status}>{goalStatusLabel(g.status)}</Cell>
            <Cell title={col.due}>{g.due_date ? formatDate(g.due_date) : t('jointPlan.none')}</Cell>
            <Cell title={col.agreed}>
              {g.agreed_with_young_person ? t('jointPlan.goal.agreedYes') : t('jointPlan.goal.agreedNo')}
              {g.agreed_by ? ` (${g.agreed_by})` : ''}
            </Cell>
            <Cell title={col.action}>
              <GoalActions goal={g} reload={reload} />
            </Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A status move with its note (only where the reader may write the goal), and the history. */
function GoalActions({ goal, reload }: { goal: Goal; reload: () => void }) {
  const [showHistory, setShowHistory] = useState(false);
  const moves = GOAL_MOVES[goal.status];
  return (
    <>
      {moves.length > 0 && goal.text !== undefined ? (
        <OnDemandForm idPrefix={`goal-move-${goal.id}`} label={t('jointPlan.goalMove.open')} heading={t('jointPlan.goalMove.heading')}>
          {(control) => <MoveForm goal={goal} control={control} onSaved={reload} />}
        </OnDemandForm>
      ) : null}
      <button
        type="button"
        class="button button-tertiary"
        aria-expanded={showHistory}
        aria-controls={`goal-history-${goal.id}`}
        onClick={() => setShowHistory((v) => !v)}
      >
        {showHistory ? t('jointPlan.goalHistory.hide') : t('jointPlan.goalHistory.show')}
      </button>
      <div id={`goal-history-${goal.id}`}>{showHistory ? <GoalHistory goalId={goal.id} /> : null}</div>
    </>
  );
}

function GoalHistory({ goalId }: { goalId: number }) {
  const [state, reload] = useAsync((signal) => fetchGoalHistory(goalId, signal), [goalId]);
  if (state.kind === 'loading') return <Loading text={t('jointPlan.loading')} />;
  if (state.kind === 'error') return <LoadError heading="jointPlan.error.heading" error={state.error} onRetry={reload} />;
  return (
    <ol class="goal-history">
      {state.data.items.map((c, i) => (
        <li key={i}>
          {formatTimestampDate(c.changed_at)}: {c.from_status ? `${goalStatusLabel(c.from_status)} → ` : ''}
          {goalStatusLabel(c.to_status)} ({c.changed_by.name}){c.note ? ` – ${c.note}` : ''}
        </li>
      ))}
    </ol>
  );
}

function MoveForm({ goal, control, onSaved }: { goal: Goal; control: OnDemandControl; onSaved: () => void }) {
  const id = (name: string) => `goal-move-${goal.id}-${name}`;
  const f = useFormState({ '/status': id('status'), '/note': id('note') }, control.saved);
  const [status, setStatus] = useState('');
  const [note, setNote] = useState('');
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (status === '') found.push({ field: id('status'), message: t('form.error.choose') });
    if (!f.check(found)) return;
    void f.run(async () => {
      await moveGoal(goal, status as GoalStatus, note.trim() || undefined);
      onSaved();
      return t('jointPlan.goalMove.saved');
    });
  };
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      <SelectField
        id={id('status')}
        label={t('jointPlan.goalMove.status')}
        value={status}
        onChange={setStatus}
        placeholder={t('form.error.choose')}
        error={f.errorOf(id('status'))}
        options={GOAL_MOVES[goal.status].map((s) => ({ value: s, label: goalStatusLabel(s) }))}
      />
      <TextArea id={id('note')} label={t('jointPlan.goalMove.note')} value={note} onInput={setNote} error={f.errorOf(id('note'))} />
      <FormButtons submit={t('jointPlan.goalMove.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}

function GoalForm({ enrolmentId, control, onSaved }: { enrolmentId: number; control: OnDemandControl; onSaved: () => void }) {
  const id = (name: string) => `goal-${enrolmentId}-${name}`;
  const f = useFormState(
    {
      '/area': id('area'),
      '/text': id('text'),
      '/due_date': dateFieldId(id('due')),
      '/agreed_by': id('agreedBy'),
    },
    control.saved,
  );
  const [area, setArea] = useState('');
  const [text, setText] = useState('');
  const [due, setDue] = useState(() => dateParts(''));
  const [agreed, setAgreed] = useState(false);
  const [agreedBy, setAgreedBy] = useState('');
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (area === '') found.push({ field: id('area'), message: t('form.error.choose') });
    if (text.trim() === '') found.push({ field: id('text'), message: t('form.error.required') });
    const dueProblem = dateError(due, { required: false });
    if (dueProblem) found.push({ field: dateFieldId(id('due')), message: dueProblem });
    const dueIso = isoDate(due);
    if (!f.check(found)) return;
    void f.run(async (key) => {
      await createGoal(
        enrolmentId,
        {
          area: area as GoalArea,
          text: text.trim(),
          agreed_with_young_person: agreed,
          ...(dueIso !== null ? { due_date: dueIso } : {}),
          ...(agreedBy.trim() !== '' ? { agreed_by: agreedBy.trim() } : {}),
        },
        key,
      );
      onSaved();
      return t('jointPlan.goalForm.saved');
    });
  };
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      <SelectField
        id={id('area')}
        label={t('jointPlan.goalForm.area')}
        value={area}
        onChange={setArea}
        placeholder={t('form.error.choose')}
        error={f.errorOf(id('area'))}
        options={GOAL_AREAS.map((a) => ({ value: a, label: goalAreaLabel(a) }))}
      />
      <TextArea
        id={id('text')}
        label={t('jointPlan.goalForm.text')}
        hint={t('jointPlan.goalForm.textHint')}
        value={text}
        onInput={setText}
        error={f.errorOf(id('text'))}
      />
      <DateField id={id('due')} label={t('jointPlan.goalForm.due')} value={due} onChange={setDue} error={f.errorOf(dateFieldId(id('due')))} />
      <div class="form-group-checkbox">
        <input
          type="checkbox"
          class="form-checkbox"
          id={id('agreed')}
          checked={agreed}
          onChange={(e) => setAgreed(e.currentTarget.checked)}
        />
        <label for={id('agreed')}>{t('jointPlan.goalForm.agreed')}</label>
      </div>
      <TextField
        id={id('agreedBy')}
        label={t('jointPlan.goalForm.agreedBy')}
        hint={t('jointPlan.goalForm.agreedByHint')}
        value={agreedBy}
        onInput={setAgreedBy}
        maxLength={200}
        error={f.errorOf(id('agreedBy'))}
      />
      <FormButtons submit={t('jointPlan.goalForm.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}
