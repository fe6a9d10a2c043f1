// The vocational profile, kept over time: the current version (the young person's own goals, work
// wanted and not wanted, hours, places and travel, what an employer may be told about their
// health, the work and education history), the form that saves a new version (PUT with the
// version read; a 412 reloads and says so), and every earlier version on demand.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import {
  DISCLOSURES,
  EDUCATION_LEVELS,
  HISTORY_OUTCOMES,
  fetchVocationalHistory,
  saveVocationalProfile,
  type VocationalEntry,
  type VocationalProfile,
  type VocationalProfileInput,
} from '../employmentApi';
import { areaLabel, disclosureLabel, levelLabel, optionsOf, outcomeLabel } from '../employmentLabels';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { reasonText } from '../problem';
import { useAsync } from '../useAsync';
import { RadioGroup, SelectField, TextArea, TextField } from './fields';
import { FormOutcome, useFormState } from './formState';
import { FormButtons, type OnDemandControl } from './OnDemand';
import { Cell, LoadError, Loading, type FieldError } from './ui';

const years = (e: VocationalEntry) =>
  e.from_year || e.to_year ? `${e.from_year ?? ''}–${e.to_year ?? ''}` : '–';

function HistoryTable({ entries, caption }: { entries: VocationalEntry[]; caption: string }) {
  const col = { area: t('vp.col.area'), what: t('vp.col.what'), years: t('vp.col.years'), outcome: t('vp.col.outcome') };
  if (entries.length === 0) return <p>{t('vp.history.empty')}</p>;
  return (
    <table class="table table--compact table--responsive-headers">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{col.area}</th>
          <th scope="col">{col.what}</th>
          <th scope="col">{col.years}</th>
          <th scope="col">{col.outcome}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={i}>
            <Cell title={col.area}>{e.level ? `${areaLabel(e.area)}: ${levelLabel(e.level)}` : areaLabel(e.area)}</Cell>
            <Cell title={col.what}>{e.description ?? '–'}</Cell>
            <Cell title={col.years}>{years(e)}</Cell>
            <Cell title={col.outcome}>{outcomeLabel(e.outcome) || '–'}</Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ProfileView({ profile }: { profile: VocationalProfile }) {
  const rows: [string, string | undefined][] = [
    [t('vp.ownGoals'), profile.own_goals],
    [t('vp.workWanted'), profile.work_wanted],
    [t('vp.workNotWanted'), profile.work_not_wanted],
    [t('vp.hoursWanted'), profile.hours_wanted === null ? undefined : String(profile.hours_wanted)],
    [t('vp.places'), profile.places],
    [t('vp.travel'), profile.travel],
    [t('vp.disclosure'), disclosureLabel(profile.disclosure)],
    [t('vp.disclosureNote'), profile.disclosure_note],
  ];
  return (
    <>
      <p class="small-text">
        {t('vp.savedBy', { version: String(profile.version), date: formatDate(profile.saved_at.slice(0, 10)), name: profile.saved_by.name })}
      </p>
      <dl class="facts vocational-profile">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value ?? '–'}</dd>
          </div>
        ))}
      </dl>
      <HistoryTable entries={profile.history} caption={t('vp.historyCaption')} />
    </>
  );
}

/** Every saved version, newest first, loaded when opened. */
export function ProfileVersions({ enrolmentId, current }: { enrolmentId: number; current: number }) {
  const [open, setOpen] = useState(false);
  return (
    <details class="vocational-versions" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('vp.versions')}</summary>
      {open ? <VersionsList enrolmentId={enrolmentId} current={current} /> : null}
    </details>
  );
}

function VersionsList({ enrolmentId, current }: { enrolmentId: number; current: number }) {
  const [state, reload] = useAsync((s) => fetchVocationalHistory(enrolmentId, s), [enrolmentId, current]);
  if (state.kind === 'loading') return <Loading text={t('vp.loading')} />;
  if (state.kind === 'error') return <LoadError heading="vp.error.heading" error={state.error} onRetry={reload} />;
  return (
    <>
      {state.data.items.map((p) => (
        <section key={p.version} class="vocational-version">
          <h6>{t('vp.col.version')} {p.version}</h6>
          <ProfileView profile={p} />
        </section>
      ))}
    </>
  );
}

interface EntryDraft {
  area: string;
  level: string;
  description: string;
  from: string;
  to: string;
  outcome: string;
}

const draftOf = (e: VocationalEntry): EntryDraft => ({
  area: e.area,
  level: e.level ?? '',
  description: e.description ?? '',
  from: e.from_year ? String(e.from_year) : '',
  to: e.to_year ? String(e.to_year) : '',
  outcome: e.outcome ?? '',
});

const YEAR = /^\d{4}$/;

export function ProfileForm({
  enrolmentId,
  current,
  control,
  onSaved,
}: {
  enrolmentId: number;
  current: VocationalProfile | null;
  control: OnDemandControl;
  onSaved: () => void;
}) {
  const id = (name: string) => `vp-${enrolmentId}-${name}`;
  const f = useFormState(
    {
      '/own_goals': id('goals'),
      '/work_wanted': id('wanted'),
      '/work_not_wanted': id('not-wanted'),
      '/hours_wanted': id('hours'),
      '/places': id('places'),
      '/travel': id('travel'),
      '/disclosure': `${id('disclosure')}-0`,
      '/disclosure_note': id('disclosure-note'),
    },
    control.saved,
  );
  const [goals, setGoals] = useState(current?.own_goals ?? '');
  const [wanted, setWanted] = useState(current?.work_wanted ?? '');
  const [notWanted, setNotWanted] = useState(current?.work_not_wanted ?? '');
  const [hours, setHours] = useState(current?.hours_wanted != null ? String(current.hours_wanted) : '');
  const [places, setPlaces] = useState(current?.places ?? '');
  const [travel, setTravel] = useState(current?.travel ?? '');
  const [disclosure, setDisclosure] = useState(current?.disclosure ?? '');
  const [note, setNote] = useState(current?.disclosure_note ?? '');
  const [entries, setEntries] = useState<EntryDraft[]>(() => (current?.history ?? []).map(draftOf));
  const setEntry = (i: number, patch: Partial<EntryDraft>) =>
    setEntries((list) => list.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (disclosure === '') found.push({ field: `${id('disclosure')}-0`, message: t('form.error.choose') });
    const h = hours.trim();
    if (h !== '' && (!/^\d{1,3}$/.test(h) || Number(h) > 168))
      found.push({ field: id('hours'), message: reasonText({ reason: 'out_of_range', min: 0, max: 168 }) });
    entries.forEach((e, i) => {
      if (e.area === 'education' && e.level === '') found.push({ field: id(`entry-${i}-level`), message: t('form.error.choose') });
      for (const [key, value] of [['from', e.from], ['to', e.to]] as const)
        if (value.trim() !== '' && !YEAR.test(value.trim())) found.push({ field: id(`entry-${i}-${key}`), message: t('form.error.required') });
    });
    if (!f.check(found)) return;
    const body: VocationalProfileInput = {
      disclosure,
      history: entries.map((e) => ({
        area: e.area,
        ...(e.area === 'education' && e.level ? { level: e.level } : {}),
        ...(e.description.trim() ? { description: e.description.trim() } : {}),
        ...(e.from.trim() ? { from_year: Number(e.from) } : {}),
        ...(e.to.trim() ? { to_year: Number(e.to) } : {}),
        ...(e.area === 'education' && e.outcome ? { outcome: e.outcome } : {}),
      })),
    };
    const texts: [keyof VocationalProfileInput, string][] = [
      ['own_goals', goals],
      ['work_wanted', wanted],
      ['work_not_wanted', notWanted],
      ['places', places],
      ['travel', travel],
      ['disclosure_note', note],
    ];
    for (const [k, v] of texts) if (v.trim() !== '') (body as unknown as Record<string, string>)[k] = v.trim();
    if (h !== '') body.hours_wanted = Number(h);
    void f.run(async () => {
      try {
        await saveVocationalProfile(enrolmentId, body, current?.version ?? null);
      } catch (err) {
        if (err instanceof ApiError && (err.status === 412 || err.status === 428)) {
          onSaved();
          throw new Error(t('vp.stale'));
        }
        throw err;
      }
      onSaved();
      return t('vp.form.saved');
    });
  };
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      <TextArea id={id('goals')} label={t('vp.ownGoals')} value={goals} onInput={setGoals} error={f.errorOf(id('goals'))} />
      <TextArea id={id('wanted')} label={t('vp.workWanted')} value={wanted} onInput={setWanted} error={f.errorOf(id('wanted'))} />
      <TextArea id={id('not-wanted')} label={t('vp.workNotWanted')} value={notWanted} onInput={setNotWanted} error={f.errorOf(id('not-wanted'))} />
      <TextField id={id('hours')} label={t('vp.hoursWanted')} value={hours} onInput={setHours} inputMode="numeric" maxLength={3} error={f.errorOf(id('hours'))} />
      <TextField id={id('places')} label={t('vp.places')} value={places} onInput={setPlaces} error={f.errorOf(id('places'))} />
      <TextField id={id('travel')} label={t('vp.travel')} value={travel} onInput={setTravel} error={f.errorOf(id('travel'))} />
      <RadioGroup
        id={id('disclosure')}
        label={t('vp.disclosure')}
        value={disclosure}
        onChange={setDisclosure}
        error={f.errorOf(`${id('disclosure')}-0`)}
        options={optionsOf(DISCLOSURES, disclosureLabel)}
      />
      <TextArea id={id('disclosure-note')} label={t('vp.disclosureNote')} value={note} onInput={setNote} error={f.errorOf(id('disclosure-note'))} />
      <fieldset>
        <legend class="form-label">{t('vp.historyHeading')}</legend>
        {entries.map((e, i) => (
          <fieldset key={i} class="vocational-entry">
            <legend>{t('vp.form.entry', { n: String(i + 1) })}</legend>
            <SelectField
              id={id(`entry-${i}-area`)}
              label={t('vp.col.area')}
              value={e.area}
              onChange={(v) => setEntry(i, { area: v })}
              options={optionsOf(['work', 'education'], areaLabel)}
            />
            {e.area === 'education' ? (
              <>
                <SelectField
                  id={id(`entry-${i}-level`)}
                  label={t('ep.form.level')}
                  value={e.level}
                  onChange={(v) => setEntry(i, { level: v })}
                  placeholder={t('form.error.choose')}
                  error={f.errorOf(id(`entry-${i}-level`))}
                  options={optionsOf(EDUCATION_LEVELS, levelLabel)}
                />
                <SelectField
                  id={id(`entry-${i}-outcome`)}
                  label={t('vp.col.outcome')}
                  value={e.outcome}
                  onChange={(v) => setEntry(i, { outcome: v })}
                  placeholder="–"
                  options={optionsOf(HISTORY_OUTCOMES, outcomeLabel)}
                />
              </>
            ) : null}
            <TextField id={id(`entry-${i}-what`)} label={t('vp.col.what')} value={e.description} onInput={(v) => setEntry(i, { description: v })} maxLength={200} />
            <TextField id={id(`entry-${i}-from`)} label={t('vp.form.fromYear')} value={e.from} onInput={(v) => setEntry(i, { from: v })} inputMode="numeric" maxLength={4} error={f.errorOf(id(`entry-${i}-from`))} />
            <TextField id={id(`entry-${i}-to`)} label={t('vp.form.toYear')} value={e.to} onInput={(v) => setEntry(i, { to: v })} inputMode="numeric" maxLength={4} error={f.errorOf(id(`entry-${i}-to`))} />
            <button type="button" class="button button-tertiary" onClick={() => setEntries((list) => list.filter((_, j) => j !== i))}>
              {t('vp.form.removeEntry', { n: String(i + 1) })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          class="button button-secondary"
          onClick={() => setEntries((list) => [...list, { area: 'work', level: '', description: '', from: '', to: '', outcome: '' }])}
        >
          {t('vp.form.addEntry')}
        </button>
      </fieldset>
      <FormButtons submit={t('vp.form.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}
