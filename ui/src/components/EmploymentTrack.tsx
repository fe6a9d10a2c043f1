// The employment and education track's records on the "Job og uddannelse" tab, below the weekly
// status: episodes, the vocational profile and follow-along support. Shown to whoever the API
// lets read them (EmploymentPanel decides when to show the track at all); the forms only to the
// municipal roles, who keep the track (docs/security-model.md "Employment and education track").
import { useState } from 'preact/hooks';
import { fetchEpisodes, fetchFollowAlong, fetchVocationalProfile } from '../employmentApi';
import { t } from '../i18n';
import { useAsync } from '../useAsync';
import { EpisodeForm, EpisodesTable } from './EpisodesBlock';
import { FollowAlongForm, FollowAlongTable, startedEpisodes } from './FollowAlongBlock';
import { OnDemandForm } from './OnDemand';
import { ProfileForm, ProfileVersions, ProfileView } from './VocationalProfileBlock';
import { LoadError, Loading } from './ui';

export function EmploymentTrack({
  enrolmentId,
  municipality,
  canWrite,
  onEpisodesChanged,
}: {
  enrolmentId: number;
  municipality: string | undefined;
  canWrite: boolean;
  /** An episode was recorded or ended (the weekly status above derives from them). */
  onEpisodesChanged: () => void;
}) {
  // One counter reloads the three lists after any save: ending an episode changes what the
  // follow-along form offers.
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  const episodeChanged = () => {
    changed();
    onEpisodesChanged();
  };
  const [episodes, reloadEpisodes] = useAsync((s) => fetchEpisodes(enrolmentId, s), [enrolmentId, changes]);
  const [contacts, reloadContacts] = useAsync((s) => fetchFollowAlong(enrolmentId, s), [enrolmentId, changes]);
  const [profile, reloadProfile] = useAsync((s) => fetchVocationalProfile(enrolmentId, s), [enrolmentId, changes]);
  const ids = { ep: `episodes-${enrolmentId}-heading`, vp: `vp-${enrolmentId}-heading`, fa: `fa-${enrolmentId}-heading` };
  const items = episodes.kind === 'ready' ? episodes.data.items : [];
  const started = startedEpisodes(items);
  return (
    <>
      <section class="employment-block" aria-labelledby={ids.ep}>
        <h5 id={ids.ep}>{t('ep.heading')}</h5>
        {canWrite ? (
          <OnDemandForm idPrefix={`episode-${enrolmentId}`} label={t('ep.add')}>
            {(control) => <EpisodeForm enrolmentId={enrolmentId} municipality={municipality} control={control} onSaved={episodeChanged} />}
          </OnDemandForm>
        ) : null}
        {episodes.kind === 'loading' ? <Loading text={t('ep.loading')} /> : null}
        {episodes.kind === 'error' ? <LoadError heading="ep.error.heading" error={episodes.error} onRetry={reloadEpisodes} /> : null}
        {episodes.kind === 'ready' ? <EpisodesTable items={items} canWrite={canWrite} onChanged={episodeChanged} /> : null}
      </section>
      <section class="employment-block" aria-labelledby={ids.fa}>
        <h5 id={ids.fa}>{t('fa.heading')}</h5>
        {/* Mounted through reloads, so that the last save's message stays. */}
        {canWrite ? (
          <OnDemandForm idPrefix={`follow-${enrolmentId}`} label={t('fa.add')} canOpen={started.length > 0}>
            {(control) => <FollowAlongForm enrolmentId={enrolmentId} episodes={started} control={control} onSaved={changed} />}
          </OnDemandForm>
        ) : null}
        {canWrite && episodes.kind === 'ready' && started.length === 0 ? <p>{t('fa.noEpisode')}</p> : null}
        {contacts.kind === 'loading' ? <Loading text={t('fa.loading')} /> : null}
        {contacts.kind === 'error' ? <LoadError heading="fa.error.heading" error={contacts.error} onRetry={reloadContacts} /> : null}
        {contacts.kind === 'ready' ? <FollowAlongTable items={contacts.data.items} episodes={items} /> : null}
      </section>
      <section class="employment-block" aria-labelledby={ids.vp}>
        <h5 id={ids.vp}>{t('vp.heading')}</h5>
        {profile.kind === 'loading' ? <Loading text={t('vp.loading')} /> : null}
        {profile.kind === 'error' ? <LoadError heading="vp.error.heading" error={profile.error} onRetry={reloadProfile} /> : null}
        {canWrite ? (
          <OnDemandForm
            idPrefix={`vp-${enrolmentId}`}
            label={profile.kind === 'ready' && profile.data === null ? t('vp.create') : t('vp.edit')}
            canOpen={profile.kind === 'ready'}
          >
            {(control) => (
              <ProfileForm
                enrolmentId={enrolmentId}
                current={profile.kind === 'ready' ? profile.data : null}
                control={control}
                onSaved={changed}
              />
            )}
          </OnDemandForm>
        ) : null}
        {profile.kind === 'ready' ? (
          <>
            {profile.data ? (
              <>
                <ProfileView profile={profile.data} />
                <ProfileVersions enrolmentId={enrolmentId} current={profile.data.version} />
              </>
            ) : (
              <p>{t('vp.empty')}</p>
            )}
          </>
        ) : null}
      </section>
    </>
  );
}
