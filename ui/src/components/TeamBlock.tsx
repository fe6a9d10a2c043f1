// Who carries a case (docs/api-contract.md, Assignments): the enrolment's care
// manager, therapist, caseworker, job consultant and resource consultant, each
// named or "Ikke tildelt". A case role on the enrolment's team may change them
// in a form opened on demand: one select per role listing the members of the
// team who have that role (GET …/team, every page), sent as one PATCH with the
// enrolment's version. Assignments say who works on the case, never why, so
// every case role on the team sees them.
import { useEffect, useState } from 'preact/hooks';
import {
  ASSIGNMENT_ROLES,
  ApiError,
  fetchEnrolmentTeam,
  updateAssignments,
  type AssignmentRole,
  type Enrolment,
  type TeamPerson,
  type User,
} from '../api';
import { t } from '../i18n';
import { roleLabel } from '../labels';
import { hasCaseRole } from '../session';
import { useAsync } from '../useAsync';
import { SelectField } from './fields';
import { FormOutcome, useFormState } from './formState';
import { FormButtons, OnDemandNotice, OnDemandPanel, useOnDemand, type OnDemandControl } from './OnDemand';
import { LoadError, Loading, type FieldError } from './ui';

/** A case role on the enrolment's team may assign (the API decides; this only offers the form). */
export function mayAssign(user: User, enrolment: Enrolment): boolean {
  return hasCaseRole(user) && enrolment.team_id !== undefined && user.teams.some((team) => team.id === enrolment.team_id);
}

export function TeamBlock({
  enrolment,
  user,
  onChanged,
}: {
  enrolment: Enrolment;
  user: User;
  /** Read the enrolment again (after a save, or when it changed meanwhile). */
  onChanged: () => void;
}) {
  const assignments = enrolment.assignments;
  const od = useOnDemand(`team-${enrolment.id}`);
  if (!assignments) return null;
  const headingId = `team-${enrolment.id}-heading`;
  const nobody = ASSIGNMENT_ROLES.every((role) => assignments[role] === null);
  return (
    <section class="team-block" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('team.heading')}</h4>
      <dl class="facts">
        {ASSIGNMENT_ROLES.map((role) => {
          const person = assignments[role];
          return (
            <div key={role} data-role={role}>
              <dt>{roleLabel(role)}</dt>
              <dd class={person ? undefined : 'not-assigned'}>{person ? person.name : t('team.unassigned')}</dd>
            </div>
          );
        })}
      </dl>
      {od.open !== null ? (
        <OnDemandPanel od={od} heading={nobody ? t('team.assign') : t('team.form.heading.change')}>
          <AssignmentsForm enrolment={enrolment} control={od.control} onChanged={onChanged} />
        </OnDemandPanel>
      ) : (
        <div class="on-demand">
          <OnDemandNotice od={od} />
          {mayAssign(user, enrolment) ? (
            <button type="button" id={od.ids.button()} class="button button-secondary" onClick={() => od.show()}>
              {nobody ? (
                t('team.assign')
              ) : (
                <>
                  {t('team.change')}
                  <span class="sr-only"> {t('team.change.sr')}</span>
                </>
              )}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}

type Choice = Record<AssignmentRole, string>;

function choicesOf(enrolment: Enrolment): Choice {
  const choice = {} as Choice;
  for (const role of ASSIGNMENT_ROLES) {
    const person = enrolment.assignments?.[role];
    choice[role] = person ? String(person.id) : '';
  }
  return choice;
}

function AssignmentsForm({
  enrolment,
  control,
  onChanged,
}: {
  enrolment: Enrolment;
  control: OnDemandControl;
  onChanged: () => void;
}) {
  const id = (role: AssignmentRole) => `team-${enrolment.id}-${role}`;
  const f = useFormState(
    Object.fromEntries(ASSIGNMENT_ROLES.map((role) => [`/${role}`, id(role)])),
    control.saved,
  );
  const [team] = useAsync((signal) => fetchEnrolmentTeam(enrolment.id, signal), [enrolment.id]);
  const [choice, setChoice] = useState<Choice>(() => choicesOf(enrolment));
  // The enrolment read again after a 412: the form shows who carries the case now.
  useEffect(() => setChoice(choicesOf(enrolment)), [enrolment.version]);

  if (team.kind === 'loading') return <Loading text={t('team.loading')} />;
  if (team.kind === 'error') return <LoadError heading="team.error.heading" error={team.error} />;
  const members = team.data.items;

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const before = choicesOf(enrolment);
    const change: Partial<Record<AssignmentRole, number | null>> = {};
    for (const role of ASSIGNMENT_ROLES) {
      if (choice[role] !== before[role]) change[role] = choice[role] === '' ? null : Number(choice[role]);
    }
    const found: FieldError[] = [];
    if (Object.keys(change).length === 0) found.push({ field: id(ASSIGNMENT_ROLES[0]), message: t('team.form.unchanged') });
    if (!f.check(found)) return;
    void f.run(async () => {
      try {
        await updateAssignments(enrolment.id, enrolment.version, change);
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) {
          // Someone changed the case meanwhile: read it again, and say so instead of overwriting.
          onChanged();
          throw new Error(t('team.stale'));
        }
        throw err;
      }
      onChanged();
      return t('team.saved');
    });
  };

  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      <p class="form-hint">{t('team.form.hint')}</p>
      {ASSIGNMENT_ROLES.map((role) => (
        <RoleSelect
          key={role}
          id={id(role)}
          role={role}
          members={members}
          value={choice[role]}
          onChange={(value) => setChoice((c) => ({ ...c, [role]: value }))}
          error={f.errorOf(id(role))}
        />
      ))}
      <FormButtons submit={t('team.form.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}

function RoleSelect({
  id,
  role,
  members,
  value,
  onChange,
  error,
}: {
  id: string;
  role: AssignmentRole;
  members: TeamPerson[];
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const options = members.filter((person) => person.roles.includes(role));
  return (
    <SelectField
      id={id}
      label={roleLabel(role)}
      hint={options.length === 0 ? t('team.form.noneWithRole') : undefined}
      value={value}
      onChange={onChange}
      placeholder={t('team.unassigned')}
      options={options.map((person) => ({ value: String(person.id), label: person.name }))}
      error={error}
    />
  );
}
