// The employment track's episodes on the citizen page: a timeline table (kind, employer or
// institution, from–to, hours, how it ended), the form to record one and, on an ongoing one, the
// form to end it (a PATCH with its version). docs/employment-track.md "Episodes" gives the rules;
// the form shows only the members the chosen kind has, and the server decides.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import {
  EDUCATION_LEVELS,
  END_REASONS,
  EPISODE_KINDS,
  INTERNSHIP_PURPOSES,
  WORKPLACE_KINDS,
  createEpisode,
  fetchEmployerChoices,
  updateEpisode,
  type Episode,
  type EpisodeInput,
} from '../employmentApi';
import { endReasonLabel, episodeKindLabel, levelLabel, optionsOf, purposeLabel } from '../employmentLabels';
import { todayInDenmark } from '../identifier';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { reasonText } from '../problem';
import { useAsync } from '../useAsync';
import { DateField, SelectField, TextField, dateError, dateFieldId, dateParts, isoDate, type DateParts } from './fields';
import { FormOutcome, useFormState } from './formState';
import { FormButtons, OnDemandForm, type OnDemandControl } from './OnDemand';
import { Cell, type FieldError } from './ui';

/** Where an episode is: the register's employer, else the institution and programme, else the place. */
export function episodeWhere(e: Episode): string {
  if (e.employer) return e.employer.name;
  const school = [e.institution, e.programme].filter(Boolean).join(', ');
  return school || e.place || '–';
}

export function EpisodesTable({
  items,
  canWrite,
  onChanged,
}: {
  items: Episode[];
  canWrite: boolean;
  onChanged: () => void;
}) {
  const col = {
    kind: t('ep.col.kind'),
    where: t('ep.col.where'),
    period: t('ep.col.period'),
    hours: t('ep.col.hours'),
    ended: t('ep.col.ended'),
    actions: t('ep.col.actions'),
  };
  if (items.length === 0) return <p>{t('ep.empty')}</p>;
  return (
    <table class="table table--compact table--responsive-headers" data-testid="episodes">
      <caption>{t('ep.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{col.kind}</th>
          <th scope="col">{col.where}</th>
          <th scope="col">{col.period}</th>
          <th scope="col">{col.hours}</th>
          <th scope="col">{col.ended}</th>
          {canWrite ? <th scope="col">{col.actions}</th> : null}
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.id}>
            <Cell title={col.kind}>
              {episodeKindLabel(e.kind)}
              {e.level ? <div class="small-text">{levelLabel(e.level)}</div> : null}
              {e.purpose ? <div class="small-text">{purposeLabel(e.purpose)}</div> : null}
            </Cell>
            <Cell title={col.where}>
              {episodeWhere(e)}
              {e.contact_allowed ? <div class="small-text">{t('ep.contactAllowed')}</div> : null}
            </Cell>
            <Cell title={col.period}>
              {t('ep.period', { from: formatDate(e.start_date), to: e.end_date ? formatDate(e.end_date) : t('ep.ongoing') })}
            </Cell>
            <Cell title={col.hours}>{e.hours_per_week ?? '–'}</Cell>
            <Cell title={col.ended}>{e.end_date ? endReasonLabel(e.end_reason) || '–' : t('ep.notEnded')}</Cell>
            {canWrite ? (
              <Cell title={col.actions}>
                {e.end_date ? null : (
                  <OnDemandForm idPrefix={`episode-end-${e.id}`} label={t('ep.end')} heading={t('ep.end.heading')}>
                    {(control) => <EndForm episode={e} control={control} onSaved={onChanged} />}
                  </OnDemandForm>
                )}
              </Cell>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EndForm({ episode, control, onSaved }: { episode: Episode; control: OnDemandControl; onSaved: () => void }) {
  const id = (name: string) => `episode-end-${episode.id}-${name}`;
  const f = useFormState({ '/end_date': dateFieldId(id('date')), '/end_reason': id('reason') }, control.saved);
  const [date, setDate] = useState<DateParts>(() => dateParts(todayInDenmark()));
  const [reason, setReason] = useState('');
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    const problem = dateError(date, { required: true });
    if (problem) found.push({ field: dateFieldId(id('date')), message: problem });
    if (reason === '') found.push({ field: id('reason'), message: t('form.error.choose') });
    const iso = isoDate(date);
    if (!f.check(found) || iso === null) return;
    void f.run(async () => {
      try {
        await updateEpisode(episode.id, { end_date: iso, end_reason: reason }, episode.version);
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) {
          onSaved();
          throw new Error(t('ep.stale'));
        }
        throw err;
      }
      onSaved();
      return t('ep.end.saved');
    });
  };
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      <DateField id={id('date')} label={t('ep.end.date')} value={date} onChange={setDate} error={f.errorOf(dateFieldId(id('date')))} />
      <SelectField
        id={id('reason')}
        label={t('ep.end.reason')}
        value={reason}
        onChange={setReason}
        placeholder={t('form.error.choose')}
        error={f.errorOf(id('reason'))}
        options={optionsOf(END_REASONS, endReasonLabel)}
      />
      <FormButtons submit={t('ep.end.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}

/** The form to record an episode: the members of the chosen kind only. */
export function EpisodeForm({
  enrolmentId,
  municipality,
  control,
  onSaved,
}: {
  enrolmentId: number;
  municipality: string | undefined;
  control: OnDemandControl;
  onSaved: () => void;
}) {
  const id = (name: string) => `episode-${enrolmentId}-${name}`;
  const f = useFormState(
    {
      '/kind': id('kind'),
      '/start_date': dateFieldId(id('start')),
      '/hours_per_week': id('hours'),
      '/employer_id': id('employer'),
      '/place': id('place'),
      '/institution': id('institution'),
      '/programme': id('programme'),
      '/level': id('level'),
      '/purpose': id('purpose'),
    },
    control.saved,
  );
  const [employers] = useAsync(
    (signal) => (municipality ? fetchEmployerChoices(municipality, signal) : Promise.resolve([])),
    [municipality],
  );
  const [kind, setKind] = useState('');
  const [start, setStart] = useState<DateParts>(() => dateParts(todayInDenmark()));
  const [hours, setHours] = useState('');
  const [employer, setEmployer] = useState('');
  const [place, setPlace] = useState('');
  const [institution, setInstitution] = useState('');
  const [programme, setProgramme] = useState('');
  const [level, setLevel] = useState('');
  const [purpose, setPurpose] = useState('');
  const [contactAllowed, setContactAllowed] = useState(false);
  const workplace = WORKPLACE_KINDS.includes(kind);
  const education = kind === 'education';
  const internship = kind === 'internship';
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (kind === '') found.push({ field: id('kind'), message: t('form.error.choose') });
    const problem = dateError(start, { required: true });
    if (problem) found.push({ field: dateFieldId(id('start')), message: problem });
    const h = hours.trim();
    if (h !== '' && (!/^\d{1,3}$/.test(h) || Number(h) > 168))
      found.push({ field: id('hours'), message: reasonText({ reason: 'out_of_range', min: 0, max: 168 }) });
    if (education && level === '') found.push({ field: id('level'), message: t('form.error.choose') });
    if (internship && purpose === '') found.push({ field: id('purpose'), message: t('form.error.choose') });
    const iso = isoDate(start);
    if (!f.check(found) || iso === null) return;
    const body: EpisodeInput = { kind, start_date: iso, contact_allowed: contactAllowed };
    if (h !== '') body.hours_per_week = Number(h);
    if (workplace && employer !== '') body.employer_id = Number(employer);
    if (place.trim() !== '') body.place = place.trim();
    if (education && institution.trim() !== '') body.institution = institution.trim();
    if (education && programme.trim() !== '') body.programme = programme.trim();
    if (education) body.level = level;
    if (internship) body.purpose = purpose;
    void f.run(async (key) => {
      await createEpisode(enrolmentId, body, key);
      onSaved();
      return t('ep.form.saved');
    });
  };
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      <SelectField
        id={id('kind')}
        label={t('ep.form.kind')}
        value={kind}
        onChange={setKind}
        placeholder={t('form.error.choose')}
        error={f.errorOf(id('kind'))}
        options={optionsOf(EPISODE_KINDS, episodeKindLabel)}
      />
      <DateField id={id('start')} label={t('ep.form.start')} value={start} onChange={setStart} error={f.errorOf(dateFieldId(id('start')))} />
      <TextField
        id={id('hours')}
        label={t('ep.form.hours')}
        hint={t('ep.form.hours.hint')}
        value={hours}
        onInput={setHours}
        inputMode="numeric"
        maxLength={3}
        error={f.errorOf(id('hours'))}
      />
      {workplace ? (
        <SelectField
          id={id('employer')}
          label={t('ep.form.employer')}
          value={employer}
          onChange={setEmployer}
          placeholder={t('ep.form.employer.none')}
          error={f.errorOf(id('employer'))}
          options={employers.kind === 'ready' ? employers.data.map((e) => ({ value: String(e.id), label: e.name })) : []}
        />
      ) : null}
      {education ? (
        <>
          <SelectField
            id={id('level')}
            label={t('ep.form.level')}
            value={level}
            onChange={setLevel}
            placeholder={t('form.error.choose')}
            error={f.errorOf(id('level'))}
            options={optionsOf(EDUCATION_LEVELS, levelLabel)}
          />
          <TextField id={id('institution')} label={t('ep.form.institution')} value={institution} onInput={setInstitution} maxLength={200} error={f.errorOf(id('institution'))} />
          <TextField id={id('programme')} label={t('ep.form.programme')} value={programme} onInput={setProgramme} maxLength={200} error={f.errorOf(id('programme'))} />
        </>
      ) : null}
      {internship ? (
        <SelectField
          id={id('purpose')}
          label={t('ep.form.purpose')}
          value={purpose}
          onChange={setPurpose}
          placeholder={t('form.error.choose')}
          error={f.errorOf(id('purpose'))}
          options={optionsOf(INTERNSHIP_PURPOSES, purposeLabel)}
        />
      ) : null}
      <TextField id={id('place')} label={t('ep.form.place')} value={place} onInput={setPlace} maxLength={200} error={f.errorOf(id('place'))} />
      <div class="form-group">
        <div class="form-group-checkbox">
          <input
            type="checkbox"
            class="form-checkbox"
            id={id('contact')}
            checked={contactAllowed}
            onChange={(e) => setContactAllowed(e.currentTarget.checked)}
          />
          <label for={id('contact')}>{t('ep.form.contactAllowed')}</label>
        </div>
      </div>
      <FormButtons submit={t('ep.form.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}
