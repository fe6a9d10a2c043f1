// Tasks reach their owner (docs/api-contract.md, Tasks): "Mine opgaver" on the
// start page (GET /api/v1/tasks?owner=me, open or done) and the enrolment's
// tasks on the young person's page (GET …/tasks), which the whole team sees.
// Only the owner marks a task done or opens it again (PATCH /api/v1/tasks/{id}
// with its version). A task carries no health detail, and nothing here adds
// any: the text, due date, owner, who set it and when it was done — never the
// case review behind it.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, fetchEnrolmentTasks, fetchMyTasks, setTaskDone, type Task, type User } from '../api';
import { t } from '../i18n';
import { formatDate, formatTimestampDate } from '../i18n/format';
import { Link, paths } from '../router';
import { useAsync, type Async } from '../useAsync';
import { NoValue } from './fields';
import { Alert, Cell, LoadError, Loading, failureText } from './ui';

/** The outcome of marking a task, shown above the list and focused (the row clicked may be gone). */
type Notice = { kind: 'success' | 'error'; text: string };

/**
 * Marking tasks done or open again: one at a time, then the list is read again.
 * A 412 (the task changed meanwhile, e.g. in another tab) reads it again too and says so.
 */
function useTaskMarking(idPrefix: string, reload: () => void) {
  const [busy, setBusy] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [focusNotice, setFocusNotice] = useState(0);
  const noticeId = `${idPrefix}-notice`;
  useEffect(() => {
    if (focusNotice > 0) document.getElementById(noticeId)?.focus();
  }, [focusNotice]);
  const mark = async (task: Task, done: boolean) => {
    if (busy !== null) return;
    setBusy(task.id);
    setNotice(null);
    try {
      await setTaskDone(task, done);
      setNotice({ kind: 'success', text: t(done ? 'tasks.markedDone' : 'tasks.reopened', { text: task.text }) });
    } catch (err) {
      const stale = err instanceof ApiError && err.status === 412;
      setNotice({ kind: 'error', text: stale ? t('tasks.stale') : t('tasks.failed', { reason: failureText(err) }) });
    } finally {
      setBusy(null);
      reload();
      setFocusNotice((n) => n + 1);
    }
  };
  const view =
    notice === null ? null : (
      <div id={noticeId} tabIndex={-1} class="focus-target">
        <Alert kind={notice.kind} live={notice.kind === 'error' ? 'alert' : 'status'}>
          <p class="alert-text">{notice.text}</p>
        </Alert>
      </div>
    );
  return { busy, mark, view, clear: () => setNotice(null) };
}

/** The due date, and a tag when an open task is past it. */
function Due({ task }: { task: Task }) {
  if (!task.due) return <NoValue />;
  return (
    <>
      <span class="nowrap">{formatDate(task.due)}</span>
      {task.overdue ? (
        <>
          {' '}
          <span class="tag tag-static tag-flag tag-flag-warning task-overdue">{t('tasks.overdue')}</span>
        </>
      ) : null}
    </>
  );
}

function MarkButton({
  task,
  busy,
  onMark,
}: {
  task: Task;
  busy: number | null;
  onMark: (task: Task, done: boolean) => void;
}) {
  const done = task.done_at !== undefined;
  return (
    <button
      type="button"
      class={`button ${done ? 'button-secondary' : 'button-primary'} button-small`}
      // The visible words first, then which task: the name says what a click does to what.
      aria-label={t('tasks.action.named', { action: done ? t('tasks.reopen') : t('tasks.markDone'), text: task.text })}
      disabled={busy !== null}
      onClick={() => onMark(task, !done)}
    >
      {busy === task.id ? t('common.saving') : done ? t('tasks.reopen') : t('tasks.markDone')}
    </button>
  );
}

const COLUMN = {
  citizen: 'tasks.col.citizen',
  text: 'tasks.col.text',
  owner: 'tasks.col.owner',
  due: 'tasks.col.due',
  createdBy: 'tasks.col.createdBy',
  state: 'tasks.col.state',
  action: 'tasks.col.action',
} as const;

type Column = keyof typeof COLUMN;

function TaskTable({
  tasks,
  columns,
  caption,
  mayMark,
  busy,
  onMark,
}: {
  tasks: Task[];
  columns: readonly Column[];
  caption: string;
  mayMark: (task: Task) => boolean;
  busy: number | null;
  onMark: (task: Task, done: boolean) => void;
}) {
  const cell = (task: Task, column: Column) => {
    switch (column) {
      case 'citizen':
        return <Link href={paths.citizen(task.citizen.id)}>{task.citizen.name}</Link>;
      case 'text':
        return <span class="task-text">{task.text}</span>;
      case 'owner':
        return task.owner.kind === 'young_person' ? t('jointPlan.owner.youngPerson') : task.owner.name;
      case 'due':
        return <Due task={task} />;
      case 'createdBy':
        return (
          <>
            {task.created_by.name}
            <span class="task-when">{formatTimestampDate(task.created_at)}</span>
          </>
        );
      case 'state':
        return task.done_at
          ? t('tasks.state.done', {
              date: formatTimestampDate(task.done_at),
              name: task.done_by?.name ?? t('tasks.someone'),
            })
          : t('tasks.state.open');
      case 'action':
        return mayMark(task) ? <MarkButton task={task} busy={busy} onMark={onMark} /> : null;
    }
  };
  return (
    <table class="table table--compact table--responsive-headers task-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column === 'action' ? <span class="sr-only">{t(COLUMN[column])}</span> : t(COLUMN[column])}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr key={task.id} data-task={task.id}>
            {columns.map((column) =>
              // The young person names the row, as on the caseload (and titles it when rows stack).
              column === 'citizen' ? (
                <th key={column} scope="row" class="task-col-citizen">
                  {cell(task, column)}
                </th>
              ) : (
                // The button says what it does: stacked, it needs no "Handling" label beside it.
                <Cell key={column} title={column === 'action' ? '' : t(COLUMN[column])} class={`task-col-${column}`}>
                  {cell(task, column)}
                </Cell>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * "Mine opgaver" on the start page: the signed-in case role's open tasks, and with "Vis udførte"
 * ticked their done ones below, each with "Genåbn".
 */
export function MyTasks() {
  const [showDone, setShowDone] = useState(false);
  const [open, reloadOpen] = useAsync((signal) => fetchMyTasks('open', signal), []);
  const [done, reloadDone] = useAsync(
    (signal) => (showDone ? fetchMyTasks('done', signal) : Promise.resolve(null)),
    [showDone],
  );
  const marking = useTaskMarking('my-tasks', () => {
    reloadOpen();
    reloadDone();
  });
  const onMark = (task: Task, isDone: boolean) => void marking.mark(task, isDone);
  return (
    <section class="my-tasks" aria-labelledby="my-tasks-heading">
      <h2 id="my-tasks-heading">{t('tasks.mine.heading')}</h2>
      {marking.view}
      <TaskList
        state={open}
        reload={reloadOpen}
        empty={t('tasks.mine.empty.open')}
        render={(tasks) => (
          <TaskTable
            tasks={tasks}
            columns={['citizen', 'text', 'due', 'createdBy', 'action']}
            caption={t('tasks.mine.caption.open')}
            mayMark={() => true}
            busy={marking.busy}
            onMark={onMark}
          />
        )}
      />
      <div class="form-group-checkbox my-tasks-show-done">
        <input
          type="checkbox"
          class="form-checkbox"
          id="my-tasks-show-done"
          checked={showDone}
          onChange={(e) => setShowDone(e.currentTarget.checked)}
        />
        <label for="my-tasks-show-done">{t('tasks.mine.showDone')}</label>
      </div>
      {showDone ? (
        <section aria-labelledby="my-tasks-done-heading">
          <h3 id="my-tasks-done-heading">{t('tasks.mine.done.heading')}</h3>
          <TaskList
            state={done}
            reload={reloadDone}
            empty={t('tasks.mine.empty.done')}
            render={(tasks) => (
              <TaskTable
                tasks={tasks}
                columns={['citizen', 'text', 'due', 'state', 'action']}
                caption={t('tasks.mine.caption.done')}
                mayMark={() => true}
                busy={marking.busy}
                onMark={onMark}
              />
            )}
          />
        </section>
      ) : null}
    </section>
  );
}

/** Loading, a load error, "none", or the tasks. */
function TaskList({
  state,
  reload,
  empty,
  render,
}: {
  state: Async<Task[] | null>;
  reload: () => void;
  empty: string;
  render: (tasks: Task[]) => ComponentChildren;
}) {
  if (state.kind === 'loading') return <Loading text={t('tasks.loading')} />;
  if (state.kind === 'error') return <LoadError heading="tasks.error.heading" error={state.error} onRetry={reload} />;
  if (state.data === null) return null;
  if (state.data.length === 0) return <p>{empty}</p>;
  return <>{render(state.data)}</>;
}

/** The enrolment's tasks, for the whole team; each owner marks their own. */
export function EnrolmentTasks({ enrolmentId, user }: { enrolmentId: number; user: User }) {
  const [tasks, reload] = useAsync((signal) => fetchEnrolmentTasks(enrolmentId, signal), [enrolmentId]);
  const marking = useTaskMarking(`tasks-${enrolmentId}`, reload);
  const headingId = `tasks-${enrolmentId}-heading`;
  // The young person's task is marked by any member of the team, on their behalf.
  const mine = (task: Task) => task.owner.kind === 'young_person' || task.owner.id === user.id;
  return (
    <section class="enrolment-tasks" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('tasks.enrolment.heading')}</h4>
      {marking.view}
      <TaskList
        state={tasks}
        reload={reload}
        empty={t('tasks.enrolment.empty')}
        render={(list) => (
          <>
            <p class="form-hint">{t('tasks.enrolment.intro')}</p>
            <TaskTable
              tasks={list}
              columns={
                list.some(mine)
                  ? ['text', 'owner', 'due', 'createdBy', 'state', 'action']
                  : ['text', 'owner', 'due', 'createdBy', 'state']
              }
              caption={t('tasks.enrolment.caption')}
              mayMark={mine}
              busy={marking.busy}
              onMark={(task, done) => void marking.mark(task, done)}
            />
          </>
        )}
      />
    </section>
  );
}
