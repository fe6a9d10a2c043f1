// The form for a new project and for changing one: name, description, region,
// period, target, ages, municipalities, target groups, questionnaires, the
// follow-up schedule and the treatment numbers. The slug and whether the
// project randomises are set once, at creation. Only what is missing or not a
// number is checked here; the server checks every rule (the same checks for a
// new and a changed project) and names the field, which the form shows by it.
import { useEffect, useState } from 'preact/hooks';
import {
  ApiError,
  createProject,
  updateProject,
  type InstrumentSummary,
  type Organisation,
  type Project,
  type ProjectInput,
  type TargetGroup,
  type TreatmentSettings,
} from '../../api';
import { getLang, t, type PlainMessageKey } from '../../i18n';
import { CheckboxGroup, DateField, SelectField, TextArea, TextField, dateFieldId, dateParts, isoDate, type DateParts } from '../fields';
import { Alert, ErrorSummary, failureText, type FieldError } from '../ui';

/** What the form offers to choose from (GET organisations, target groups, instruments). */
export interface ProjectChoices {
  organisations: Organisation[];
  targetGroups: TargetGroup[];
  instruments: InstrumentSummary[];
}

type TreatmentKey = keyof TreatmentSettings;

/** The treatment numbers: their ranges and whether empty (null) means "not a criterion" (docs/api-contract.md, Project). */
const TREATMENT: readonly { key: TreatmentKey; min: number; max: number; nullable: boolean }[] = [
  { key: 'not_improving_weeks', min: 1, max: 104, nullable: false },
  { key: 'response_percent', min: 1, max: 100, nullable: false },
  { key: 'measurement_overdue_days', min: 1, max: 366, nullable: false },
  { key: 'no_contact_days', min: 1, max: 366, nullable: false },
  { key: 'screen_phq9_min', min: 0, max: 27, nullable: true },
  { key: 'screen_gad7_min', min: 0, max: 21, nullable: true },
  { key: 'screen_who5_max', min: 0, max: 25, nullable: true },
  { key: 'severe_phq9_min', min: 1, max: 27, nullable: true },
  { key: 'suicide_item9_min', min: 1, max: 3, nullable: true },
];

/** The defaults of a new project (migrations/0007_treatment.sql, as the server takes them). */
const DEFAULT_TREATMENT: TreatmentSettings = {
  not_improving_weeks: 10,
  response_percent: 50,
  measurement_overdue_days: 28,
  no_contact_days: 14,
  screen_phq9_min: 5,
  screen_gad7_min: 5,
  screen_who5_max: 12,
  severe_phq9_min: 20,
  suicide_item9_min: 2,
};

type Field =
  | 'name'
  | 'slug'
  | 'description'
  | 'region_code'
  | 'period_start'
  | 'period_end'
  | 'target_count'
  | 'age_min'
  | 'age_max'
  | 'municipalities'
  | 'target_groups'
  | 'instruments'
  | 'followup_months'
  | TreatmentKey;

const ORDER: readonly Field[] = [
  'name',
  'slug',
  'description',
  'region_code',
  'period_start',
  'period_end',
  'target_count',
  'age_min',
  'age_max',
  'municipalities',
  'target_groups',
  'instruments',
  'followup_months',
  ...TREATMENT.map((x) => x.key),
];

const MESSAGES: Readonly<Record<Exclude<Field, TreatmentKey>, PlainMessageKey>> = {
  name: 'admin.project.error.name',
  slug: 'admin.project.error.slug',
  description: 'admin.project.error.description',
  region_code: 'admin.project.error.region',
  period_start: 'admin.project.error.periodStart',
  period_end: 'admin.project.error.periodEnd',
  target_count: 'admin.project.error.target',
  age_min: 'admin.project.error.age',
  age_max: 'admin.project.error.ageMax',
  municipalities: 'admin.project.error.municipalities',
  target_groups: 'admin.project.error.targetGroups',
  instruments: 'admin.project.error.instruments',
  followup_months: 'admin.project.error.followup',
};

const TREATMENT_LABELS: Readonly<Record<TreatmentKey, PlainMessageKey>> = {
  not_improving_weeks: 'admin.project.ts.not_improving_weeks',
  response_percent: 'admin.project.ts.response_percent',
  measurement_overdue_days: 'admin.project.ts.measurement_overdue_days',
  no_contact_days: 'admin.project.ts.no_contact_days',
  screen_phq9_min: 'admin.project.ts.screen_phq9_min',
  screen_gad7_min: 'admin.project.ts.screen_gad7_min',
  screen_who5_max: 'admin.project.ts.screen_who5_max',
  severe_phq9_min: 'admin.project.ts.severe_phq9_min',
  suicide_item9_min: 'admin.project.ts.suicide_item9_min',
};

interface Draft {
  name: string;
  slug: string;
  description: string;
  region_code: string;
  period_start: DateParts;
  period_end: DateParts;
  target_count: string;
  age_min: string;
  age_max: string;
  municipalities: string[];
  target_groups: string[];
  instruments: string[];
  followup: string;
  randomised: boolean;
  treatment: Record<TreatmentKey, string>;
}

const treatmentDraft = (s: TreatmentSettings) =>
  Object.fromEntries(TREATMENT.map(({ key }) => [key, s[key] === null ? '' : String(s[key])])) as Record<TreatmentKey, string>;

function draftOf(p: Project | null): Draft {
  if (!p) {
    return {
      name: '',
      slug: '',
      description: '',
      region_code: '',
      period_start: dateParts(''),
      period_end: dateParts(''),
      target_count: '',
      age_min: '18',
      age_max: '30',
      municipalities: [],
      target_groups: [],
      instruments: ['phq9', 'gad7'],
      followup: '',
      randomised: false,
      treatment: treatmentDraft(DEFAULT_TREATMENT),
    };
  }
  return {
    name: p.name,
    slug: p.slug,
    description: p.description,
    region_code: p.region?.code ?? '',
    period_start: dateParts(p.period_start),
    period_end: dateParts(p.period_end),
    target_count: String(p.target_count),
    age_min: String(p.age_min),
    age_max: String(p.age_max),
    municipalities: p.municipalities.map((m) => m.code),
    target_groups: [...p.target_groups],
    instruments: [...p.instruments],
    followup: p.followup_months.join(', '),
    randomised: p.randomised,
    treatment: treatmentDraft(p.treatment_settings),
  };
}

const wholeNumber = (text: string): number | null => (/^\s*\d{1,7}\s*$/.test(text) ? Number(text) : null);

/** "3, 6 12" → [3, 6, 12]; null when a piece is not a whole number. */
function parseMonths(text: string): number[] | null {
  const pieces = text.split(/[\s,;]+/).filter((x) => x !== '');
  const months = pieces.map(wholeNumber);
  return months.every((m): m is number => m !== null) ? months : null;
}

/** The draft as the API takes it, and what is missing or not a number (by field). */
function inputOf(d: Draft, creating: boolean): [ProjectInput | null, Partial<Record<Field, string>>] {
  const errors: Partial<Record<Field, string>> = {};
  if (d.name.trim() === '') errors.name = t('admin.project.error.nameMissing');
  if (creating && d.slug.trim() === '') errors.slug = t('admin.project.error.slugMissing');
  const periodStart = isoDate(d.period_start);
  const periodEnd = isoDate(d.period_end);
  if (periodStart === null) errors.period_start = t('admin.project.error.periodStart');
  if (periodEnd === null) errors.period_end = t('admin.project.error.periodEnd');
  const target = wholeNumber(d.target_count);
  const ageMin = wholeNumber(d.age_min);
  const ageMax = wholeNumber(d.age_max);
  if (target === null) errors.target_count = t('admin.project.error.target');
  if (ageMin === null) errors.age_min = t('admin.project.error.age');
  if (ageMax === null) errors.age_max = t('admin.project.error.ageMax');
  if (d.municipalities.length === 0) errors.municipalities = t('admin.project.error.municipalities');
  if (d.target_groups.length === 0) errors.target_groups = t('admin.project.error.targetGroups');
  const months = parseMonths(d.followup);
  if (months === null) errors.followup_months = t('admin.project.error.followup');
  const settings = {} as Record<TreatmentKey, number | null>;
  for (const f of TREATMENT) {
    const text = d.treatment[f.key];
    const n = wholeNumber(text);
    if (text.trim() === '' && f.nullable) settings[f.key] = null;
    else if (n === null) errors[f.key] = treatmentMessage(f);
    else settings[f.key] = n;
  }
  if (Object.keys(errors).length > 0) return [null, errors];
  return [
    {
      name: d.name.trim(),
      description: d.description,
      region_code: d.region_code === '' ? null : d.region_code,
      period_start: periodStart as string,
      period_end: periodEnd as string,
      target_count: target as number,
      age_min: ageMin as number,
      age_max: ageMax as number,
      municipalities: d.municipalities,
      target_groups: d.target_groups,
      instruments: d.instruments,
      followup_months: months as number[],
      treatment_settings: settings as unknown as TreatmentSettings,
    },
    {},
  ];
}

function treatmentMessage(f: (typeof TREATMENT)[number]): string {
  return f.nullable
    ? t('admin.project.error.treatmentOrEmpty', { min: f.min, max: f.max })
    : t('admin.project.error.treatment', { min: f.min, max: f.max });
}

/** The field a problem's JSON Pointer names ("/municipalities/2", "/treatment_settings/x"). */
function fieldOf(pointer: string | null): Field | null {
  const parts = (pointer ?? '').split('/');
  const top = parts[1] === 'treatment_settings' ? parts[2] ?? '' : parts[1] ?? '';
  return (ORDER as readonly string[]).includes(top) ? (top as Field) : null;
}

export function ProjectForm({
  project,
  choices,
  onDone,
  onCancel,
  onStale,
}: {
  /** null: a new project. */
  project: Project | null;
  choices: ProjectChoices;
  onDone: (saved: Project) => void;
  onCancel?: () => void;
  onStale?: () => void;
}) {
  const creating = project === null;
  const prefix = creating ? 'new-project' : `project-${project.id}`;
  const id = (f: Field | 'randomised') => `${prefix}-${f.replace(/_/g, '-')}`;
  const [draft, setDraft] = useState<Draft>(() => draftOf(project));
  // The version the draft was made from: a change made meanwhile is a 412, never overwritten.
  const [version] = useState(project?.version ?? 0);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const lang = getLang();

  useEffect(() => {
    if (!creating) document.getElementById(id('name'))?.focus();
  }, []);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const fail = (next: Partial<Record<Field, string>>) => {
    setErrors(next);
    setFailure(null);
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const [input, missing] = inputOf(draft, creating);
    if (!input) return fail(missing);
    setBusy(true);
    try {
      const saved = creating
        ? await createProject({ ...input, slug: draft.slug.trim(), randomised: draft.randomised })
        : await updateProject(project.id, version, input);
      setErrors({});
      onDone(saved);
    } catch (err) {
      const field = err instanceof ApiError ? fieldOf(err.field) : null;
      if (err instanceof ApiError && err.status === 412 && onStale) {
        onStale();
      } else if (err instanceof ApiError && err.status === 409 && err.field === '/slug') {
        fail({ slug: t('admin.project.error.slugTaken') });
      } else if (err instanceof ApiError && err.status === 422 && field !== null) {
        const treatment = TREATMENT.find((x) => x.key === field);
        const message = treatment
          ? treatmentMessage(treatment)
          : err.reason?.reason === 'municipality_has_team'
            ? t('admin.project.error.municipalityTeam')
            : t(MESSAGES[field as Exclude<Field, TreatmentKey>]);
        fail({ [field]: message });
      } else {
        setErrors({});
        setFailure(t('admin.project.error.failed', { reason: failureText(err) }));
      }
    } finally {
      setBusy(false);
    }
  };

  const summary: FieldError[] = ORDER.flatMap((f) => {
    const message = errors[f];
    const target =
      f === 'municipalities' || f === 'target_groups' || f === 'instruments'
        ? `${id(f)}-0`
        : f === 'period_start' || f === 'period_end'
          ? dateFieldId(id(f))
          : id(f);
    return message ? [{ field: target, message }] : [];
  });

  const regions = choices.organisations.filter((o) => o.kind === 'region').sort((a, b) => a.name.localeCompare(b.name, lang));
  // The chosen region's municipalities (all 98 without one), and any chosen elsewhere.
  const municipalities = choices.organisations
    .filter(
      (o) =>
        o.kind === 'municipality' &&
        (draft.region_code === '' || o.region_code === draft.region_code || draft.municipalities.includes(o.code)),
    )
    .sort((a, b) => a.name.localeCompare(b.name, lang));
  const today = new Date().toISOString().slice(0, 10);
  const groups = choices.targetGroups.filter(
    (g) => !g.valid_to || g.valid_to > today || draft.target_groups.includes(g.code),
  );

  return (
    <form
      id={`${prefix}-form`}
      class="admin-project-form"
      noValidate
      aria-label={creating ? t('admin.project.new') : t('admin.project.editing', { name: project.name })}
      onSubmit={(e) => void onSubmit(e)}
    >
      {failure ? (
        <Alert kind="error" live="alert">
          <p class="alert-text">{failure}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={summary} focusKey={attempt} />

      <TextField id={id('name')} label={t('admin.project.name')} value={draft.name} maxLength={200} error={errors.name} onInput={(v) => set('name', v)} />
      {creating ? (
        <TextField
          id={id('slug')}
          label={t('admin.project.slug')}
          hint={t('admin.project.slug.hint')}
          value={draft.slug}
          maxLength={64}
          error={errors.slug}
          onInput={(v) => set('slug', v)}
        />
      ) : null}
      <TextArea id={id('description')} label={t('admin.project.description')} value={draft.description} error={errors.description} onInput={(v) => set('description', v)} />
      <SelectField
        id={id('region_code')}
        label={t('admin.project.region')}
        hint={t('admin.project.region.hint')}
        value={draft.region_code}
        placeholder={t('admin.project.region.none')}
        options={regions.map((r) => ({ value: r.code, label: r.name }))}
        error={errors.region_code}
        onChange={(v) => set('region_code', v)}
      />
      <div class="admin-form-row">
        <DateField id={id('period_start')} label={t('admin.project.start')} value={draft.period_start} error={errors.period_start} onChange={(v) => set('period_start', v)} />
        <DateField id={id('period_end')} label={t('admin.project.end')} value={draft.period_end} error={errors.period_end} onChange={(v) => set('period_end', v)} />
      </div>
      <div class="admin-form-row">
        <TextField id={id('target_count')} label={t('admin.project.target')} inputMode="numeric" value={draft.target_count} error={errors.target_count} onInput={(v) => set('target_count', v)} />
        <TextField id={id('age_min')} label={t('admin.project.ageMin')} inputMode="numeric" value={draft.age_min} error={errors.age_min} onInput={(v) => set('age_min', v)} />
        <TextField id={id('age_max')} label={t('admin.project.ageMax')} inputMode="numeric" value={draft.age_max} error={errors.age_max} onInput={(v) => set('age_max', v)} />
      </div>

      <CheckboxGroup
        id={id('municipalities')}
        legend={t('admin.project.municipalities')}
        hint={draft.region_code ? t('admin.project.municipalities.hintRegion') : t('admin.project.municipalities.hint')}
        error={errors.municipalities}
        options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
        chosen={draft.municipalities}
        columns
        onChange={(v) => set('municipalities', v)}
      />
      <CheckboxGroup
        id={id('target_groups')}
        legend={t('admin.project.targetGroups')}
        error={errors.target_groups}
        options={groups.map((g) => ({ value: g.code, label: lang === 'da' ? g.name_da : g.name_en }))}
        chosen={draft.target_groups}
        onChange={(v) => set('target_groups', v)}
      />
      <CheckboxGroup
        id={id('instruments')}
        legend={t('admin.project.instruments')}
        error={errors.instruments}
        options={choices.instruments.map((i) => ({ value: i.id, label: `${i.name} (${i.full_name})` }))}
        chosen={draft.instruments}
        onChange={(v) => set('instruments', v)}
      />
      <TextField
        id={id('followup_months')}
        label={t('admin.project.followup')}
        hint={t('admin.project.followup.hint')}
        value={draft.followup}
        error={errors.followup_months}
        onInput={(v) => set('followup', v)}
      />
      {creating ? (
        <div class="form-group">
          <div class="form-group-checkbox">
            <input
              type="checkbox"
              class="form-checkbox"
              id={id('randomised')}
              checked={draft.randomised}
              aria-describedby={`${id('randomised')}-hint`}
              onChange={(e) => set('randomised', e.currentTarget.checked)}
            />
            <label for={id('randomised')}>{t('admin.project.randomised')}</label>
          </div>
          <span class="form-hint" id={`${id('randomised')}-hint`}>
            {t('admin.project.randomised.hint')}
          </span>
        </div>
      ) : null}

      <fieldset class="admin-treatment">
        <legend class="h3">{t('admin.project.treatment')}</legend>
        <p class="form-hint">{t('admin.project.treatment.hint')}</p>
        <div class="admin-form-grid">
          {TREATMENT.map((f) => (
            <TextField
              key={f.key}
              id={id(f.key)}
              label={t(TREATMENT_LABELS[f.key])}
              hint={
                f.nullable
                  ? t('admin.project.ts.rangeOrEmpty', { min: f.min, max: f.max })
                  : t('admin.project.ts.range', { min: f.min, max: f.max })
              }
              inputMode="numeric"
              value={draft.treatment[f.key]}
              error={errors[f.key]}
              onInput={(v) => setDraft((d) => ({ ...d, treatment: { ...d.treatment, [f.key]: v } }))}
            />
          ))}
        </div>
      </fieldset>

      <div class="admin-actions mt-5">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : creating ? t('admin.project.create') : t('admin.project.save')}
        </button>
        {onCancel ? (
          <button type="button" class="button button-tertiary" onClick={onCancel}>
            {t('admin.password.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
