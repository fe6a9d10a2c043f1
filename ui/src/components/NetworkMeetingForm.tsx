// The network meeting (docs/api-contract.md, Meetings): who took part from both sectors, whether
// the young person was there, an interpreter and the language, status notes, new goals in the
// young person's words, status moves of the plan's goals and tasks for a team member or the young
// person, perhaps for a goal set at the same meeting. One Save: the API writes it all in one
// transaction or nothing, and a refusal is shown at the row's field.
import { useState } from 'preact/hooks';
import {
  GOAL_AREAS,
  GOAL_MOVES,
  INTERPRETER_LANGUAGES,
  createNetworkMeeting,
  fetchEnrolmentTeam,
  type Goal,
  type GoalArea,
  type GoalStatus,
  type NetworkMeetingTask,
  type TeamPerson,
  type User,
} from '../api';
import { locale, t } from '../i18n';
import { todayInDenmark } from '../identifier';
import { useAsync } from '../useAsync';
import { DateField, SelectField, TextArea, dateError, dateFieldId, dateParts, isoDate, type DateParts } from './fields';
import { FormOutcome, useFormState } from './formState';
import { CheckBox, MemberChecks, meetingDateErrors, memberErrorFields } from './MeetingFields';
import { FormButtons, OnDemandForm, type OnDemandControl } from './OnDemand';
import { goalAreaLabel, goalStatusLabel, goalText } from './PlanGoals';
import { LoadError, Loading, type FieldError } from './ui';

const YOUNG_PERSON = 'young_person';

interface GoalRow {
  area: string;
  text: string;
  due: DateParts;
}
interface TaskRow {
  text: string;
  owner: string;
  due: DateParts;
  /** "": none, "g:ID" a goal in the plan, "n:INDEX" a goal set at this meeting. */
  goal: string;
}

const newGoal = (): GoalRow => ({ area: '', text: '', due: dateParts('') });
const newTask = (): TaskRow => ({ text: '', owner: '', due: dateParts(''), goal: '' });

/** A language's Danish (or English) name from the browser's locale data; Danish Sign Language by hand. */
export function languageName(code: string): string {
  if (code === 'dsl') return t('meetings.language.dsl');
  try {
    const name = new Intl.DisplayNames([locale()], { type: 'language' }).of(code);
    return name && name !== code ? name.charAt(0).toUpperCase() + name.slice(1) : code;
  } catch {
    return code;
  }
}

export function NetworkMeetingForm({
  enrolmentId,
  user,
  goals,
  onSaved,
}: {
  enrolmentId: number;
  user: User;
  goals: Goal[];
  onSaved: () => void;
}) {
  return (
    <OnDemandForm idPrefix={`network-${enrolmentId}`} label={t('meetings.network.open')}>
      {(control) => <NetworkForm enrolmentId={enrolmentId} user={user} goals={goals} control={control} onSaved={onSaved} />}
    </OnDemandForm>
  );
}

function NetworkForm(props: { enrolmentId: number; user: User; goals: Goal[]; control: OnDemandControl; onSaved: () => void }) {
  const [team] = useAsync((signal) => fetchEnrolmentTeam(props.enrolmentId, signal), [props.enrolmentId]);
  if (team.kind === 'loading') return <Loading text={t('jointPlan.loading')} />;
  if (team.kind === 'error') return <LoadError heading="jointPlan.error.heading" error={team.error} />;
  return <Form {...props} team={team.data.items} />;
}

function Form({
  enrolmentId,
  user,
  goals,
  team,
  control,
  onSaved,
}: {
  enrolmentId: number;
  user: User;
  goals: Goal[];
  team: TeamPerson[];
  control: OnDemandControl;
  onSaved: () => void;
}) {
  const id = (name: string) => `network-${enrolmentId}-${name}`;
  const [date, setDate] = useState(() => dateParts(todayInDenmark()));
  const [participants, setParticipants] = useState<number[]>(team.some((p) => p.id === user.id) ? [user.id] : []);
  const [present, setPresent] = useState(true);
  const [interpreter, setInterpreter] = useState(false);
  const [language, setLanguage] = useState('');
  const [notes, setNotes] = useState('');
  const [newGoals, setNewGoals] = useState<GoalRow[]>([]);
  const [moves, setMoves] = useState<Record<number, string>>({});
  const [tasks, setTasks] = useState<TaskRow[]>([]);
  const movable = goals.filter((g) => g.text !== undefined && GOAL_MOVES[g.status].length > 0);
  const fields: Record<string, string> = {
    '/date': dateFieldId(id('date')),
    '/interpreter_language': id('language'),
    '/status_notes': id('notes'),
    ...memberErrorFields('/participants', id('participants'), team, participants),
  };
  newGoals.forEach((_, i) => {
    fields[`/goals/${i}/area`] = id(`goal-${i}-area`);
    fields[`/goals/${i}/text`] = id(`goal-${i}-text`);
    fields[`/goals/${i}/due_date`] = dateFieldId(id(`goal-${i}-due`));
  });
  tasks.forEach((_, i) => {
    fields[`/tasks/${i}/text`] = id(`task-${i}-text`);
    fields[`/tasks/${i}/owner_id`] = id(`task-${i}-owner`);
    fields[`/tasks/${i}/owner_kind`] = id(`task-${i}-owner`);
    fields[`/tasks/${i}/due`] = dateFieldId(id(`task-${i}-due`));
    fields[`/tasks/${i}/goal_id`] = id(`task-${i}-goal`);
    fields[`/tasks/${i}/goal_index`] = id(`task-${i}-goal`);
  });
  const changeList = movable.filter((g) => (moves[g.id] ?? '') !== '');
  changeList.forEach((g, i) => {
    fields[`/goal_changes/${i}/status`] = id(`move-${g.id}`);
    fields[`/goal_changes/${i}/goal_id`] = id(`move-${g.id}`);
  });
  const f = useFormState(fields, control.saved);

  const setGoalRow = (i: number, row: Partial<GoalRow>) => setNewGoals((rows) => rows.map((r, j) => (j === i ? { ...r, ...row } : r)));
  const setTaskRow = (i: number, row: Partial<TaskRow>) => setTasks((rows) => rows.map((r, j) => (j === i ? { ...r, ...row } : r)));

  const check = (): FieldError[] => {
    const found = meetingDateErrors(date, id('date'));
    if (participants.length === 0) found.push({ field: `${id('participants')}-0`, message: t('meetings.error.staff') });
    if (interpreter && language === '') found.push({ field: id('language'), message: t('form.error.choose') });
    newGoals.forEach((g, i) => {
      if (g.area === '') found.push({ field: id(`goal-${i}-area`), message: t('form.error.choose') });
      if (g.text.trim() === '') found.push({ field: id(`goal-${i}-text`), message: t('form.error.required') });
      const due = dateError(g.due, { required: false });
      if (due) found.push({ field: dateFieldId(id(`goal-${i}-due`)), message: due });
    });
    tasks.forEach((task, i) => {
      if (task.text.trim() === '') found.push({ field: id(`task-${i}-text`), message: t('form.error.required') });
      if (task.owner === '') found.push({ field: id(`task-${i}-owner`), message: t('form.error.choose') });
      const due = dateError(task.due, { required: false });
      if (due) found.push({ field: dateFieldId(id(`task-${i}-due`)), message: due });
    });
    return found;
  };

  const taskBody = (task: TaskRow): NetworkMeetingTask => {
    const due = isoDate(task.due);
    const [kind, n] = task.goal.split(':');
    return {
      text: task.text.trim(),
      ...(task.owner === YOUNG_PERSON ? { owner_kind: 'young_person' as const } : { owner_kind: 'member' as const, owner_id: Number(task.owner) }),
      ...(due !== null ? { due } : {}),
      ...(kind === 'g' ? { goal_id: Number(n) } : kind === 'n' ? { goal_index: Number(n) } : {}),
    };
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const day = isoDate(date);
    if (!f.check(check()) || day === null) return;
    void f.run(async (key) => {
      await createNetworkMeeting(
        enrolmentId,
        {
          date: day,
          participants,
          young_person_present: present,
          ...(interpreter ? { interpreter_language: language } : {}),
          ...(notes.trim() !== '' ? { status_notes: notes.trim() } : {}),
          goals: newGoals.map((g) => {
            const due = isoDate(g.due);
            return { area: g.area as GoalArea, text: g.text.trim(), agreed_with_young_person: present, ...(due !== null ? { due_date: due } : {}) };
          }),
          goal_changes: changeList.map((g) => ({ goal_id: g.id, status: moves[g.id] as GoalStatus })),
          tasks: tasks.map(taskBody),
        },
        key,
      );
      onSaved();
      return t('meetings.network.saved');
    });
  };

  const goalOptions = [
    { value: '', label: t('jointPlan.taskForm.noGoal') },
    ...newGoals.map((g, i) => ({ value: `n:${i}`, label: t('meetings.network.newGoalOption', { n: String(i + 1), text: g.text.trim() }) })),
    ...goals.filter((g) => g.status === 'open').map((g) => ({ value: `g:${g.id}`, label: `${goalAreaLabel(g.area)}: ${goalText(g)}` })),
  ];
  const ownerOptions = [{ value: YOUNG_PERSON, label: t('jointPlan.owner.youngPerson') }, ...team.map((p) => ({ value: String(p.id), label: p.name }))];

  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit} class="network-meeting-form">
      <FormOutcome f={f} />
      <DateField id={id('date')} label={t('common.date')} value={date} onChange={setDate} error={f.errorOf(dateFieldId(id('date')))} />
      <MemberChecks
        id={id('participants')}
        legend={t('meetings.network.participants')}
        team={team}
        chosen={participants}
        onChange={setParticipants}
        error={f.errorOf(`${id('participants')}-0`)}
      />
      <CheckBox id={id('present')} label={t('meetings.network.present')} checked={present} onChange={setPresent} />
      <CheckBox id={id('interpreter')} label={t('meetings.network.interpreter')} checked={interpreter} onChange={setInterpreter} />
      {interpreter ? (
        <SelectField
          id={id('language')}
          label={t('meetings.network.language')}
          value={language}
          onChange={setLanguage}
          placeholder={t('form.error.choose')}
          options={INTERPRETER_LANGUAGES.map((c) => ({ value: c, label: languageName(c) })).sort((a, b) => a.label.localeCompare(b.label, locale()))}
          error={f.errorOf(id('language'))}
        />
      ) : null}
      <TextArea id={id('notes')} label={t('meetings.network.notes')} value={notes} onInput={setNotes} error={f.errorOf(id('notes'))} />

      <fieldset class="network-rows">
        <legend class="h5">{t('meetings.network.goals')}</legend>
        {newGoals.map((g, i) => (
          <div class="network-row" key={i} role="group" aria-label={t('meetings.network.goalRow', { n: String(i + 1) })}>
            <SelectField
              id={id(`goal-${i}-area`)}
              label={t('jointPlan.goalForm.area')}
              value={g.area}
              onChange={(area) => setGoalRow(i, { area })}
              placeholder={t('form.error.choose')}
              options={GOAL_AREAS.map((a) => ({ value: a, label: goalAreaLabel(a) }))}
              error={f.errorOf(id(`goal-${i}-area`))}
            />
            <TextArea
              id={id(`goal-${i}-text`)}
              label={t('jointPlan.goalForm.text')}
              hint={t('jointPlan.goalForm.textHint')}
              value={g.text}
              onInput={(text) => setGoalRow(i, { text })}
              error={f.errorOf(id(`goal-${i}-text`))}
            />
            <DateField
              id={id(`goal-${i}-due`)}
              label={t('jointPlan.goalForm.due')}
              value={g.due}
              onChange={(due) => setGoalRow(i, { due })}
              error={f.errorOf(dateFieldId(id(`goal-${i}-due`)))}
            />
          </div>
        ))}
        <button type="button" class="button button-secondary" onClick={() => setNewGoals((rows) => [...rows, newGoal()])}>
          {t('meetings.network.addGoal')}
        </button>
      </fieldset>

      {movable.length > 0 ? (
        <fieldset class="network-rows">
          <legend class="h5">{t('meetings.network.moves')}</legend>
          {movable.map((g) => (
            <SelectField
              key={g.id}
              id={id(`move-${g.id}`)}
              label={`${goalAreaLabel(g.area)}: ${goalText(g)} (${goalStatusLabel(g.status)})`}
              value={moves[g.id] ?? ''}
              onChange={(s) => setMoves((m) => ({ ...m, [g.id]: s }))}
              options={[{ value: '', label: t('meetings.network.unchanged') }, ...GOAL_MOVES[g.status].map((s) => ({ value: s, label: goalStatusLabel(s) }))]}
              error={f.errorOf(id(`move-${g.id}`))}
            />
          ))}
        </fieldset>
      ) : null}

      <fieldset class="network-rows">
        <legend class="h5">{t('meetings.network.tasks')}</legend>
        {tasks.map((task, i) => (
          <div class="network-row" key={i} role="group" aria-label={t('meetings.network.taskRow', { n: String(i + 1) })}>
            <TextArea
              id={id(`task-${i}-text`)}
              label={t('jointPlan.taskForm.text')}
              value={task.text}
              onInput={(text) => setTaskRow(i, { text })}
              error={f.errorOf(id(`task-${i}-text`))}
            />
            <SelectField
              id={id(`task-${i}-owner`)}
              label={t('jointPlan.taskForm.owner')}
              value={task.owner}
              onChange={(owner) => setTaskRow(i, { owner })}
              placeholder={t('form.error.choose')}
              options={ownerOptions}
              error={f.errorOf(id(`task-${i}-owner`))}
            />
            <DateField
              id={id(`task-${i}-due`)}
              label={t('jointPlan.taskForm.due')}
              value={task.due}
              onChange={(due) => setTaskRow(i, { due })}
              error={f.errorOf(dateFieldId(id(`task-${i}-due`)))}
            />
            <SelectField
              id={id(`task-${i}-goal`)}
              label={t('jointPlan.taskForm.goal')}
              value={task.goal}
              onChange={(goal) => setTaskRow(i, { goal })}
              options={goalOptions}
              error={f.errorOf(id(`task-${i}-goal`))}
            />
          </div>
        ))}
        <button type="button" class="button button-secondary" onClick={() => setTasks((rows) => [...rows, newTask()])}>
          {t('meetings.network.addTask')}
        </button>
      </fieldset>
      <FormButtons submit={t('meetings.network.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}
