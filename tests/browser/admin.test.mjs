// Browser test of the administrator's view against the real server and its
// demo data: the start page without the citizen search, the Administration
// page with the five projects and the staff accounts (or, on a server without
// GET /api/v1/users, the info alert pointing to `samspor user`), axe-core;
// an administrator who creates a user (after the field error for a too-short
// password), adds them to a team, disables them (their login then answers
// 401) and meets a 412 when the user was changed meanwhile; the screenshot for
// docs/screenshots/admin.png; and a care manager, who has no Administration
// link and is turned away.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import path from 'node:path';
import { apiGet, assertAccessible, logIn, openBrowser, endSession, startSession } from './browser.mjs';
import { REPO_ROOT } from './server.mjs';

const NEW_USER = 'test.ui-admin';
const NEW_NAME = 'Test UI Admin';
const NEW_PASSWORD = 'lang-og-sjaelden-adgangskode-42';

const PROJECTS = ['IBBU Midt', 'IBBU-Nord', 'Samarbejdsmodellen', 'IPS Syddanmark', 'På vej til arbejde'];

let server;
let browser;
let page;

let session;

before(async () => {
  session = await startSession();
  ({ server, browser, page } = session);
});

after(async () => {
  await endSession(session);
});

/** POST /api/v1/auth/login from Node (its own cookie jar, not the browser's session). */
async function loginStatus(username, password) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** The user list's entry for a username, from the API. */
async function apiUser(username) {
  const users = await apiGet(page, '/api/v1/users?limit=200');
  assert.equal(users.status, 200);
  return users.body.items.find((u) => u.username === username);
}

describe('administration', () => {
  test('an administrator has no citizen search, but an Administration link', async () => {
    await logIn(page, server.url, 'admin');
    assert.ok(await page.getByRole('banner').getByText('Administrator', { exact: true }).first().isVisible());
    await page.getByRole('heading', { level: 3, name: 'IBBU Midt', exact: true }).waitFor();
    assert.equal(await page.getByRole('search').count(), 0);
    await assertAccessible(page, 'start (administrator)');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration', exact: true }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/admin');
  });

  test('the Administration page lists the projects and the users', async () => {
    const projects = page.getByRole('region', { name: 'Projekter', exact: true }).getByRole('table');
    for (const name of PROJECTS) {
      await projects.getByRole('rowheader', { name, exact: true }).waitFor();
    }
    const users = await apiGet(page, '/api/v1/users');
    const region = page.getByRole('region', { name: 'Brugere', exact: true });
    if (users.status === 404) {
      await region.getByText('Brugere administreres på serveren', { exact: true }).waitFor();
      assert.ok(await region.getByText('samspor user', { exact: true }).isVisible());
    } else {
      assert.equal(users.status, 200);
      const row = region.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'caremanager.herning', exact: true }) });
      await row.waitFor();
      assert.ok(await row.getByText('Behandlingsansvarlig', { exact: true }).isVisible());
      const teams = page.getByRole('region', { name: 'Teams', exact: true }).getByRole('table');
      await teams.getByRole('rowheader').first().waitFor();
    }
    await assertAccessible(page, 'administration');
  });

  test('an administrator creates a user; the server\'s field error comes first', async (t) => {
    if ((await apiGet(page, '/api/v1/users')).status === 404) return t.skip('no user API on this server');
    const form = page.getByRole('form', { name: 'Opret bruger', exact: true });
    await form.getByLabel('Brugernavn', { exact: true }).fill(NEW_USER);
    await form.getByLabel('Navn', { exact: true }).fill(NEW_NAME);
    const organisation = form.getByLabel('Organisation', { exact: true });
    await organisation.locator('option[value="657"]').waitFor({ state: 'attached' });
    await organisation.selectOption('657');
    await form.getByRole('checkbox', { name: 'Sagsbehandler', exact: true }).check();
    await form.getByText('Mindst 12 tegn', { exact: false }).first().waitFor();
    const password = form.getByLabel('Adgangskode', { exact: true });
    await password.fill('for-kort');
    await form.getByRole('button', { name: 'Opret bruger', exact: true }).click();

    // The server answers 422 /password: the summary links to the field, the message sits by it.
    const message = 'Adgangskoden skal have mindst 12 tegn.';
    const link = form.getByRole('alert').getByRole('link', { name: message, exact: true });
    await link.waitFor();
    // The summary takes the focus (after it has rendered).
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
    assert.ok((await form.locator('#new-user-password-error').textContent()).includes(message));
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'new-user-password');
    assert.equal(await apiUser(NEW_USER), undefined);

    await password.fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Opret bruger', exact: true }).click();
    await page.getByRole('status').getByText(`Brugeren ${NEW_USER} er oprettet.`, { exact: true }).waitFor();
    assert.equal(await form.getByRole('alert').count(), 0);
    const row = page
      .getByRole('region', { name: 'Brugere', exact: true })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: NEW_USER, exact: true }) });
    await row.waitFor();
    assert.ok(await row.getByText('Sagsbehandler', { exact: true }).isVisible());
    assert.ok(await row.getByText('Aktiv', { exact: true }).isVisible());
    const created = await apiUser(NEW_USER);
    assert.equal(created.organisation_code, '657');
    assert.deepEqual(created.roles, ['caseworker']);
    assert.equal(await loginStatus(NEW_USER, NEW_PASSWORD), 200);
  });

  test('adds the user to the Herning IBBU Midt team', async (t) => {
    if ((await apiGet(page, '/api/v1/users')).status === 404) return t.skip('no user API on this server');
    const projects = await apiGet(page, '/api/v1/projects');
    const ibbu = projects.body.items.find((p) => p.slug === 'ibbu-midt');
    const teams = await apiGet(page, '/api/v1/teams');
    const team = teams.body.items.find((x) => x.project_id === ibbu.id && x.municipality_code === '657');
    assert.ok(team, 'a Herning team in ibbu-midt');

    const row = page
      .getByRole('region', { name: 'Teams', exact: true })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: team.name, exact: true }) });
    await row.getByLabel(`Bruger ${team.name}`, { exact: true }).selectOption({ label: `${NEW_NAME} (${NEW_USER})` });
    await row.getByRole('button', { name: `Tilføj ${team.name}`, exact: true }).click();
    await page.getByRole('status').getByText(`${NEW_USER} er tilføjet til ${team.name}.`, { exact: true }).waitFor();
    await row
      .getByRole('list', { name: `Medlemmer af ${team.name}`, exact: true })
      .getByText(NEW_USER, { exact: true })
      .waitFor();
    await row.getByRole('button', { name: `Fjern ${NEW_USER} fra ${team.name}`, exact: true }).waitFor();
    assert.deepEqual((await apiUser(NEW_USER)).teams, [team.id]);
  });

  test('the new-password form states the rule and returns the focus', async (t) => {
    if ((await apiGet(page, '/api/v1/users')).status === 404) return t.skip('no user API on this server');
    const users = page.getByRole('region', { name: 'Brugere', exact: true });
    const open = users.getByRole('button', { name: `Ny adgangskode ${NEW_USER}`, exact: true });
    await open.click();
    assert.equal(await open.getAttribute('aria-expanded'), 'true');
    const input = users.getByLabel(`Ny adgangskode til ${NEW_USER}`, { exact: true });
    await input.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'password');
    await input.fill('kort');
    await users.getByRole('button', { name: 'Gem adgangskode', exact: true }).click();
    await users.getByRole('alert').getByRole('link', { name: 'Adgangskoden skal have mindst 12 tegn.', exact: true }).waitFor();
    await users.getByRole('button', { name: 'Annuller', exact: true }).click();
    assert.equal(await input.count(), 0);
    assert.equal(await open.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), `Ny adgangskode ${NEW_USER}`);
    assert.equal(await loginStatus(NEW_USER, NEW_PASSWORD), 200, 'the password is unchanged');
  });

  test('disables the user, whose login then answers 401', async (t) => {
    if ((await apiGet(page, '/api/v1/users')).status === 404) return t.skip('no user API on this server');
    const users = page.getByRole('region', { name: 'Brugere', exact: true });
    const row = users.getByRole('row').filter({ has: page.getByRole('rowheader', { name: NEW_USER, exact: true }) });
    await row.getByRole('button', { name: `Spær ${NEW_USER}`, exact: true }).click();
    await page.getByRole('status').getByText(`${NEW_USER} er spærret og logget af.`, { exact: true }).waitFor();
    await row.getByText('Spærret', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Genåbn ${NEW_USER}`, exact: true }).waitFor();
    assert.equal((await apiUser(NEW_USER)).disabled, true);
    assert.equal(await loginStatus(NEW_USER, NEW_PASSWORD), 401);
  });

  test('a change made meanwhile gives 412: the list is reloaded and the page says so', async (t) => {
    if ((await apiGet(page, '/api/v1/users')).status === 404) return t.skip('no user API on this server');
    // Someone else adds a role (version + 1) while the page shows the old version.
    const before = await apiUser(NEW_USER);
    const patched = await page.evaluate(
      async ({ id, version }) => {
        const res = await fetch(`/api/v1/users/${id}`, {
          method: 'PATCH',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'If-Match': `"${version}"`,
            'X-CSRF-Token': sessionStorage.getItem('samspor.csrf') ?? '',
          },
          body: JSON.stringify({ roles: ['caseworker', 'job_consultant'] }),
        });
        return res.status;
      },
      { id: before.id, version: before.version },
    );
    assert.equal(patched, 200);

    const users = page.getByRole('region', { name: 'Brugere', exact: true });
    const row = users.getByRole('row').filter({ has: page.getByRole('rowheader', { name: NEW_USER, exact: true }) });
    await row.getByRole('button', { name: `Genåbn ${NEW_USER}`, exact: true }).click();
    await users
      .getByRole('alert')
      .getByText(`${NEW_USER} blev ændret af en anden i mellemtiden.`, { exact: false })
      .waitFor();
    await row.getByText('Sagsbehandler og Jobkonsulent', { exact: true }).waitFor();
    assert.equal((await apiUser(NEW_USER)).disabled, true, 'the stale change was not made');
    assert.equal(await loginStatus(NEW_USER, NEW_PASSWORD), 401);
    await assertAccessible(page, 'administration after changes');
    // The page lists every account and team: the picture is the browser window at the user list.
    await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    await page.evaluate(() => document.fonts.ready.then(() => true));
    await page.evaluate(() => {
      for (const box of document.querySelectorAll('.table--responsive-scroll')) box.scrollLeft = 0;
      document.getElementById('admin-users-heading')?.scrollIntoView();
    });
    await page.screenshot({ path: path.join(REPO_ROOT, 'docs', 'screenshots', 'admin.png') });
  });

  test('a care manager sees no Administration link and is turned away from the page', async () => {
    await page.getByRole('button', { name: 'Log af', exact: true }).click();
    await logIn(page, server.url, 'caremanager.herning');
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await nav.getByRole('link', { name: 'Forside' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Administration' }).count(), 0);
    await page.goto(`${server.url}/admin`);
    await page.getByText('Siden er kun for administratorer.', { exact: true }).waitFor();
    assert.equal(await page.getByRole('table').count(), 0);
    await assertAccessible(page, 'administration refused');
  });

  test('logs no console errors', () => {
    // A server without the user API answers GET /api/v1/users with 404, which the page expects;
    // so are the 422 for the too-short password and the 412 for the stale change.
    const expected = [
      /status of 404 .*\/api\/v1\/(users|teams)\)$/,
      /status of 422 .*\/api\/v1\/users(\/\d+)?\)$/,
      /status of 412 .*\/api\/v1\/users\/\d+\)$/,
    ];
    const unexpected = browser.consoleErrors.filter((e) => !expected.some((re) => re.test(e)));
    assert.deepEqual(unexpected, []);
  });
});
