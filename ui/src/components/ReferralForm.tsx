// Refer a young person to a project (case roles): project, team (when the
// caller works on several teams of it, e.g. a regional care manager), referral
// date, who referred, and the target group. The form opens on demand, and at
// once after registration (?henvis=1 in the address).
import { useState } from 'preact/hooks';
import { createEnrolment, type User } from '../api';
import { todayInDenmark } from '../identifier';
import { t } from '../i18n';
import type { Names } from '../reference';
import { DateField, SelectField, TextField, dateError, dateFieldId, dateParts, isoDate } from './fields';
import { FormOutcome, useFormState } from './formState';
import type { FieldError } from './ui';

const ID = {
  project: 'referral-project',
  team: 'referral-team',
  date: 'referral-date',
  source: 'referral-source',
  group: 'referral-target-group',
};

/** True when the page was opened right after registering (the form starts open). */
function openedAfterRegistration(): boolean {
  return new URLSearchParams(window.location.search).get('henvis') === '1';
}

export function ReferralBlock({
  citizenId,
  user,
  names,
  enrolledProjects,
  onReferred,
}: {
  citizenId: number;
  user: User;
  names: Names;
  enrolledProjects: number[];
  onReferred: () => void;
}) {
  const [open, setOpen] = useState(openedAfterRegistration);
  const projectIds = [...new Set(user.teams.map((team) => team.project_id))].filter(
    (id) => !enrolledProjects.includes(id),
  );
  if (projectIds.length === 0) return null;
  if (!open) {
    return (
      <button type="button" class="button button-secondary" onClick={() => setOpen(true)}>
        {t('referral.open')}
      </button>
    );
  }
  return (
    <ReferralForm
      citizenId={citizenId}
      user={user}
      names={names}
      projectIds={projectIds}
      onClose={() => setOpen(false)}
      onReferred={() => {
        setOpen(false);
        onReferred();
      }}
    />
  );
}

function ReferralForm({
  citizenId,
  user,
  names,
  projectIds,
  onClose,
  onReferred,
}: {
  citizenId: number;
  user: User;
  names: Names;
  projectIds: number[];
  onClose: () => void;
  onReferred: () => void;
}) {
  const f = useFormState({
    '/project_id': ID.project,
    '/team_id': ID.team,
    '/referral_date': dateFieldId(ID.date),
    '/referral_source': ID.source,
    '/target_group': ID.group,
  });
  const [projectId, setProjectId] = useState(projectIds.length === 1 ? String(projectIds[0]) : '');
  const [teamId, setTeamId] = useState('');
  const [date, setDate] = useState(() => dateParts(todayInDenmark()));
  const [source, setSource] = useState('');
  const [group, setGroup] = useState('');
  const project = projectId ? names.project(Number(projectId)) : undefined;
  const teams = user.teams.filter((team) => String(team.project_id) === projectId);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (projectId === '') found.push({ field: ID.project, message: t('form.error.choose') });
    if (teams.length > 1 && teamId === '') found.push({ field: ID.team, message: t('form.error.choose') });
    const dateProblem = dateError(date, { required: true });
    const iso = isoDate(date);
    if (dateProblem) found.push({ field: dateFieldId(ID.date), message: dateProblem });
    else if (iso !== null && iso > todayInDenmark()) found.push({ field: dateFieldId(ID.date), message: t('referral.error.future') });
    if (source.trim() === '') found.push({ field: ID.source, message: t('form.error.required') });
    if (group === '') found.push({ field: ID.group, message: t('form.error.choose') });
    if (!f.check(found) || iso === null) return;
    void f.run(async (key) => {
      await createEnrolment(
        {
          project_id: Number(projectId),
          citizen_id: citizenId,
          referral_date: iso,
          referral_source: source.trim(),
          target_group: group,
          ...(teams.length > 1 ? { team_id: Number(teamId) } : {}),
        },
        key,
      );
      onReferred();
      return t('referral.saved');
    });
  };

  return (
    <form noValidate class="referral-form" aria-labelledby="referral-heading" onSubmit={onSubmit}>
      <h3 id="referral-heading">{t('referral.heading')}</h3>
      <FormOutcome f={f} />
      <SelectField
        id={ID.project}
        label={t('referral.project')}
        value={projectId}
        onChange={(value) => {
          setProjectId(value);
          setTeamId('');
          setGroup('');
        }}
        placeholder={t('form.error.choose')}
        options={projectIds.map((id) => ({ value: String(id), label: names.project(id)?.name ?? t('enrolment.heading.unknown', { id }) }))}
        error={f.errorOf(ID.project)}
      />
      {teams.length > 1 ? (
        <SelectField
          id={ID.team}
          label={t('referral.team')}
          hint={t('referral.team.hint')}
          value={teamId}
          onChange={setTeamId}
          placeholder={t('form.error.choose')}
          options={teams.map((team) => ({
            value: String(team.id),
            label: names.organisation(team.municipality_code) ?? team.municipality_code,
          }))}
          error={f.errorOf(ID.team)}
        />
      ) : null}
      <DateField id={ID.date} label={t('referral.date')} value={date} onChange={setDate} error={f.errorOf(dateFieldId(ID.date))} />
      <TextField
        id={ID.source}
        label={t('referral.source')}
        hint={t('referral.source.hint')}
        value={source}
        onInput={setSource}
        maxLength={200}
        error={f.errorOf(ID.source)}
      />
      <SelectField
        id={ID.group}
        label={t('referral.targetGroup')}
        value={group}
        onChange={setGroup}
        placeholder={project ? t('form.error.choose') : t('referral.targetGroup.first')}
        options={(project?.target_groups ?? []).map((code) => ({ value: code, label: names.targetGroup(code) ?? code }))}
        error={f.errorOf(ID.group)}
      />
      <div class="button-row">
        <button type="submit" class="button button-primary" disabled={f.busy}>
          {f.busy ? t('common.saving') : t('referral.submit')}
        </button>
        <button type="button" class="button button-tertiary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
