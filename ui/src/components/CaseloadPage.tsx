// The caseload (health staff), most urgent first as the server sorts them:
// "Mine" (the default: the cases the caller is assigned to or works on) or
// "Hele teamet" (every case of the caller's teams, with who carries each),
// GET /api/v1/caseload?scope=mine|team. The choice is in the address
// (/caseload?scope=team), so a reload, a bookmark and the back button keep it.
import { fetchCaseload, type CaseloadScope } from '../api';
import { t, tp } from '../i18n';
import { navigate, paths } from '../router';
import { useAsync } from '../useAsync';
import { CaseloadTable } from './CaseloadTable';
import { LoadError, Loading, PageHeading } from './ui';

const SCOPES: readonly CaseloadScope[] = ['mine', 'team'];

export function CaseloadPage({ scope }: { scope: CaseloadScope }) {
  const [state, reload] = useAsync((signal) => fetchCaseload(scope, signal), [scope]);
  const team = scope === 'team';
  return (
    <>
      <PageHeading title={t('caseload.title')}>{t('caseload.title')}</PageHeading>
      <ScopeChoice scope={scope} />
      <p>{team ? t('caseload.intro') : t('caseload.intro.mine')}</p>
      {state.kind === 'loading' ? <Loading text={t('caseload.loading')} /> : null}
      {state.kind === 'error' ? (
        <LoadError heading="caseload.error.heading" error={state.error} onRetry={reload} />
      ) : null}
      {/* Said when the list changes with the choice above (the focus stays on the choice). */}
      <p class="caseload-count" role="status">
        {state.kind === 'ready' ? tp('caseload.count', state.data.items.length) : ''}
      </p>
      {state.kind === 'ready' ? (
        state.data.items.length === 0 ? (
          <p>{team ? t('caseload.empty') : t('caseload.empty.mine')}</p>
        ) : (
          <CaseloadTable
            key={scope}
            rows={state.data.items}
            caption={team ? t('caseload.caption.team') : t('caseload.caption')}
            id="caseload"
            carriers={team}
          />
        )
      ) : null}
    </>
  );
}

/** "Vis forløb: Mine / Hele teamet" as DKFDS radio buttons side by side; a choice changes the address. */
function ScopeChoice({ scope }: { scope: CaseloadScope }) {
  return (
    <div class="form-group caseload-scope">
      <fieldset>
        <legend class="form-label">{t('caseload.scope.legend')}</legend>
        <div class="caseload-scope-options">
          {SCOPES.map((s) => (
            <div class="form-group-radio" key={s}>
              <input
                type="radio"
                class="form-radio"
                id={`caseload-scope-${s}`}
                name="caseload-scope"
                value={s}
                checked={scope === s}
                onChange={() => navigate(paths.caseload(s), { focus: false })}
              />
              <label for={`caseload-scope-${s}`}>{s === 'mine' ? t('caseload.scope.mine') : t('caseload.scope.team')}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
