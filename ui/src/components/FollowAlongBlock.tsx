// Follow-along support after a start: the contacts recorded (with the young person, and — when they
// agreed to it on the episode — with the employer or school) and the form to record one. IPS
// support is time-unlimited, so the form is there as long as an episode has started.
import { useState } from 'preact/hooks';
import { FOLLOW_ALONG_KINDS, FOLLOW_ALONG_PARTIES, recordFollowAlong, type Episode, type FollowAlong } from '../employmentApi';
import { contactKindLabel, episodeKindLabel, optionsOf, partyLabel } from '../employmentLabels';
import { todayInDenmark } from '../identifier';
import { t } from '../i18n';
import { formatDate } from '../i18n/format';
import { episodeWhere } from './EpisodesBlock';
import { DateField, SelectField, TextArea, dateError, dateFieldId, dateParts, isoDate, type DateParts } from './fields';
import { FormOutcome, useFormState } from './formState';
import { FormButtons, type OnDemandControl } from './OnDemand';
import { Cell, type FieldError } from './ui';

const episodeName = (e: Episode) => `${episodeKindLabel(e.kind)}, ${episodeWhere(e)} (${formatDate(e.start_date)})`;

export function FollowAlongTable({ items, episodes }: { items: FollowAlong[]; episodes: Episode[] }) {
  const col = {
    date: t('common.date'),
    with: t('fa.col.with'),
    kind: t('fa.col.kind'),
    episode: t('fa.col.episode'),
    note: t('common.note'),
  };
  if (items.length === 0) return <p>{t('fa.empty')}</p>;
  return (
    <table class="table table--compact table--responsive-headers" data-testid="follow-along">
      <caption>{t('fa.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{col.date}</th>
          <th scope="col">{col.with}</th>
          <th scope="col">{col.kind}</th>
          <th scope="col">{col.episode}</th>
          <th scope="col">{col.note}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => {
          const ep = episodes.find((e) => e.id === c.episode_id);
          return (
            <tr key={c.id}>
              <Cell title={col.date}>{formatDate(c.date)}</Cell>
              <Cell title={col.with}>{partyLabel(c.with_whom)}</Cell>
              <Cell title={col.kind}>{contactKindLabel(c.kind)}</Cell>
              <Cell title={col.episode}>{ep ? episodeName(ep) : '–'}</Cell>
              <Cell title={col.note}>{c.note ?? '–'}</Cell>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Started episodes only: follow-along comes after a start. */
export function startedEpisodes(episodes: Episode[]): Episode[] {
  const today = todayInDenmark();
  return episodes.filter((e) => e.start_date <= today);
}

export function FollowAlongForm({
  enrolmentId,
  episodes,
  control,
  onSaved,
}: {
  enrolmentId: number;
  episodes: Episode[];
  control: OnDemandControl;
  onSaved: () => void;
}) {
  const id = (name: string) => `follow-${enrolmentId}-${name}`;
  const f = useFormState(
    {
      '/episode_id': id('episode'),
      '/date': dateFieldId(id('date')),
      '/with_whom': id('with'),
      '/kind': id('kind'),
      '/note': id('note'),
    },
    control.saved,
  );
  const [episode, setEpisode] = useState(episodes.length === 1 ? String(episodes[0]?.id) : '');
  const [date, setDate] = useState<DateParts>(() => dateParts(todayInDenmark()));
  const [withWhom, setWithWhom] = useState('young_person');
  const [kind, setKind] = useState('');
  const [note, setNote] = useState('');
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (f.busy) return;
    const found: FieldError[] = [];
    if (episode === '') found.push({ field: id('episode'), message: t('form.error.choose') });
    const problem = dateError(date, { required: true });
    if (problem) found.push({ field: dateFieldId(id('date')), message: problem });
    if (kind === '') found.push({ field: id('kind'), message: t('form.error.choose') });
    const iso = isoDate(date);
    if (!f.check(found) || iso === null) return;
    const body = { episode_id: Number(episode), date: iso, with_whom: withWhom, kind, ...(note.trim() ? { note: note.trim() } : {}) };
    void f.run(async (key) => {
      await recordFollowAlong(enrolmentId, body, key);
      onSaved();
      return t('fa.form.saved');
    });
  };
  return (
    <form noValidate aria-labelledby={control.headingId} aria-busy={f.busy} onSubmit={onSubmit}>
      <FormOutcome f={f} />
      <SelectField
        id={id('episode')}
        label={t('fa.form.episode')}
        value={episode}
        onChange={setEpisode}
        placeholder={t('form.error.choose')}
        error={f.errorOf(id('episode'))}
        options={episodes.map((e) => ({ value: String(e.id), label: episodeName(e) }))}
      />
      <DateField id={id('date')} label={t('common.date')} value={date} onChange={setDate} error={f.errorOf(dateFieldId(id('date')))} />
      <SelectField
        id={id('with')}
        label={t('fa.form.with')}
        value={withWhom}
        onChange={setWithWhom}
        error={f.errorOf(id('with'))}
        options={optionsOf(FOLLOW_ALONG_PARTIES, partyLabel)}
      />
      <SelectField
        id={id('kind')}
        label={t('fa.form.kind')}
        value={kind}
        onChange={setKind}
        placeholder={t('form.error.choose')}
        error={f.errorOf(id('kind'))}
        options={optionsOf(FOLLOW_ALONG_KINDS, contactKindLabel)}
      />
      <TextArea id={id('note')} label={t('common.note')} value={note} onInput={setNote} error={f.errorOf(id('note'))} />
      <FormButtons submit={t('fa.form.submit')} busy={f.busy} onCancel={control.close} />
    </form>
  );
}
