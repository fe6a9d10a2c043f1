// The staff accounts: a search (a part of the username, name or organisation,
// and a role) and one page of the answer at a time, walked with the server's
// cursor (Next keeps it, Previous goes back to the one before). Each row can
// disable or re-enable the account and give it a new password; changes carry
// If-Match with the version read, and a 412 reloads the page and says so.
// A server without the user API (404) gets an info alert pointing to `samspor user`.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, fetchUsersPage, updateUser, type AdminTeam, type AdminUser, type User, type UserSearch } from '../../api';
import { t } from '../../i18n';
import { formatList } from '../../i18n/format';
import { roleLabel } from '../../labels';
import type { Names } from '../../reference';
import { ROLES } from '../../session';
import { useAsync } from '../../useAsync';
import { Alert, LoadError, Loading, failureText } from '../ui';
import { FeedbackView, useFeedback } from './feedback';
import { CreateUserSection, PasswordForm } from './UserForms';

/** Accounts per page: a table that fits a screen or two. */
export const USERS_PAGE_SIZE = 25;

const isMissing = (error: unknown) => error instanceof ApiError && error.status === 404;

export function UsersBlock({
  self,
  teams,
  names,
  changes,
  onChanged,
}: {
  self: User;
  teams: AdminTeam[] | null;
  names: Names;
  /** Moves on when something else changed the accounts (a team's members). */
  changes: number;
  onChanged: () => void;
}) {
  const [search, setSearch] = useState<UserSearch>({ q: '', role: '' });
  // cursors[i] is the cursor that reads page i (null: the first page).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  const [users, reload] = useAsync(
    (signal) => fetchUsersPage(search, cursors[page] ?? null, USERS_PAGE_SIZE, signal),
    [search, cursors],
  );
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else reload();
  }, [changes]);

  const changed = () => {
    reload();
    onChanged();
  };

  return (
    <>
      <section aria-labelledby="admin-users-heading">
        <h2 id="admin-users-heading">{t('admin.users.heading')}</h2>
        <UserSearchForm
          search={search}
          onSearch={(next) => {
            setSearch(next);
            setCursors([null]);
          }}
        />
        {users.kind === 'loading' ? <Loading text={t('admin.users.loading')} /> : null}
        {users.kind === 'error' && isMissing(users.error) ? (
          <Alert kind="info" heading={t('admin.users.cli.heading')}>
            <p class="alert-text">
              {t('admin.users.cli.text')} <code>samspor user</code>
            </p>
          </Alert>
        ) : null}
        {users.kind === 'error' && !isMissing(users.error) ? (
          <LoadError heading="admin.users.error.heading" error={users.error} onRetry={reload} />
        ) : null}
        {users.kind === 'ready' ? (
          <>
            <p role="status" class="admin-users-count">
              {users.data.items.length === 0
                ? search.q || search.role
                  ? t('admin.users.noMatch')
                  : t('admin.users.empty')
                : t('admin.users.showing', {
                    from: page * USERS_PAGE_SIZE + 1,
                    to: page * USERS_PAGE_SIZE + users.data.items.length,
                  })}
            </p>
            {users.data.items.length > 0 ? (
              <UsersTable users={users.data.items} teams={teams} names={names} self={self} onChanged={changed} />
            ) : null}
            <Pager
              page={page}
              hasNext={users.data.next_cursor !== null}
              onPrevious={() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c))}
              onNext={() => {
                const next = users.data.next_cursor;
                if (next !== null) setCursors((c) => [...c, next]);
              }}
            />
          </>
        ) : null}
      </section>
      {users.kind === 'ready' ? <CreateUserSection onCreated={changed} /> : null}
    </>
  );
}

function UserSearchForm({ search, onSearch }: { search: UserSearch; onSearch: (s: UserSearch) => void }) {
  const [q, setQ] = useState(search.q);
  const [role, setRole] = useState(search.role);
  return (
    <form
      role="search"
      aria-label={t('admin.users.search.label')}
      class="admin-user-search"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSearch({ q: q.trim(), role });
      }}
    >
      <div class="form-group">
        <label class="form-label" for="admin-user-q">
          {t('admin.users.search.text')}
        </label>
        <span class="form-hint" id="admin-user-q-hint">
          {t('admin.users.search.hint')}
        </span>
        <input
          class="form-input"
          type="search"
          id="admin-user-q"
          name="q"
          maxLength={100}
          autoComplete="off"
          value={q}
          aria-describedby="admin-user-q-hint"
          onInput={(e) => setQ(e.currentTarget.value)}
        />
      </div>
      <div class="form-group">
        <label class="form-label" for="admin-user-role">
          {t('admin.users.search.role')}
        </label>
        <select class="form-select" id="admin-user-role" name="role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
          <option value="">{t('admin.users.search.anyRole')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
      </div>
      <div class="admin-actions">
        <button type="submit" class="button button-primary">
          {t('admin.users.search.submit')}
        </button>
        {search.q || search.role ? (
          <button
            type="button"
            class="button button-tertiary"
            onClick={() => {
              setQ('');
              setRole('');
              onSearch({ q: '', role: '' });
            }}
          >
            {t('admin.users.search.clear')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function Pager({
  page,
  hasNext,
  onPrevious,
  onNext,
}: {
  page: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  if (page === 0 && !hasNext) return null;
  return (
    <nav class="admin-pager" aria-label={t('admin.users.pages')}>
      <button type="button" class="button button-secondary" disabled={page === 0} onClick={onPrevious}>
        {t('admin.users.previous')}
      </button>
      <span>{t('admin.users.page', { page: page + 1 })}</span>
      <button type="button" class="button button-secondary" disabled={!hasNext} onClick={onNext}>
        {t('admin.users.next')}
      </button>
    </nav>
  );
}

function UsersTable({
  users,
  teams,
  names,
  self,
  onChanged,
}: {
  users: AdminUser[];
  teams: AdminTeam[] | null;
  names: Names;
  self: User;
  onChanged: () => void;
}) {
  const [feedback, say] = useFeedback();
  const [busyId, setBusyId] = useState<number | null>(null);
  const [passwordFor, setPasswordFor] = useState<number | null>(null);
  const passwordButtons = useRef(new Map<number, HTMLButtonElement>());

  const teamName = (id: number) => teams?.find((team) => team.id === id)?.name ?? t('enrolment.team.other', { id });

  const stale = (u: AdminUser) => {
    say('warning', t('admin.users.stale', { username: u.username }));
    onChanged();
  };

  const toggle = async (u: AdminUser) => {
    if (busyId !== null) return;
    setBusyId(u.id);
    try {
      const changed = await updateUser(u.id, u.version, { disabled: !u.disabled });
      say(
        'success',
        changed.disabled
          ? t('admin.users.disabledNow', { username: u.username })
          : t('admin.users.enabledNow', { username: u.username }),
      );
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) stale(u);
      else say('error', t('admin.users.changeFailed', { username: u.username, reason: failureText(err) }));
    } finally {
      setBusyId(null);
    }
  };

  const closePassword = (u: AdminUser) => {
    setPasswordFor(null);
    passwordButtons.current.get(u.id)?.focus();
  };

  const columns = 7;
  return (
    <>
      <FeedbackView feedback={feedback} />
      <div class="table--responsive-scroll">
        <table class="table table--zebra table--compact admin-users">
          <caption class="sr-only">{t('admin.users.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.users.col.username')}</th>
              <th scope="col">{t('admin.users.col.name')}</th>
              <th scope="col">{t('admin.users.col.roles')}</th>
              <th scope="col">{t('admin.users.col.organisation')}</th>
              <th scope="col">{t('admin.users.col.teams')}</th>
              <th scope="col">{t('admin.users.col.status')}</th>
              <th scope="col">{t('admin.users.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const formId = `user-${u.id}-password-form`;
              const open = passwordFor === u.id;
              const isSelf = u.id === self.id;
              return [
                <tr key={u.id}>
                  <th scope="row">{u.username}</th>
                  <td>{u.display_name}</td>
                  <td>{formatList(u.roles.map(roleLabel))}</td>
                  <td>{names.organisation(u.organisation_code) ?? u.organisation_code}</td>
                  <td>{u.teams.length === 0 ? t('admin.users.noTeams') : formatList(u.teams.map(teamName))}</td>
                  <td>
                    {/* Text, not colour: the tag says the state in words. */}
                    <span class={`user-state${u.disabled ? ' user-state-disabled' : ''}`}>
                      {u.disabled ? t('admin.users.disabled') : t('admin.users.active')}
                    </span>
                  </td>
                  <td>
                    <div class="admin-actions">
                      {isSelf ? null : (
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          aria-disabled={busyId === u.id ? 'true' : undefined}
                          onClick={() => void toggle(u)}
                        >
                          {u.disabled ? t('admin.users.enable') : t('admin.users.disable')}
                          <span class="sr-only"> {u.username}</span>
                        </button>
                      )}
                      <button
                        type="button"
                        class="button button-secondary button-small"
                        aria-expanded={open ? 'true' : 'false'}
                        aria-controls={open ? formId : undefined}
                        ref={(el) => {
                          if (el) passwordButtons.current.set(u.id, el);
                          else passwordButtons.current.delete(u.id);
                        }}
                        onClick={() => setPasswordFor(open ? null : u.id)}
                      >
                        {t('admin.users.newPassword')}
                        <span class="sr-only"> {u.username}</span>
                      </button>
                    </div>
                  </td>
                </tr>,
                open ? (
                  <tr key={`${u.id}-password`} class="admin-subrow">
                    <td colSpan={columns}>
                      <PasswordForm
                        id={formId}
                        user={u}
                        onCancel={() => closePassword(u)}
                        onSaved={() => {
                          say('success', t('admin.password.saved', { username: u.username }));
                          closePassword(u);
                          onChanged();
                        }}
                        onStale={() => {
                          closePassword(u);
                          stale(u);
                        }}
                      />
                    </td>
                  </tr>
                ) : null,
              ];
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
