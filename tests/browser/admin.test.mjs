// Browser test of the administrator's view against the real server and its
// demo data: the start page without the citizen search, the Administration
// page with the five projects and the staff accounts (or, on a server without
// GET /api/v1/users, the info alert pointing to `samspor user`), axe-core;
// an administrator who searches the users and pages through them, creates a
// user (after the field error for a too-short password), adds them to a team
// by username, disables them (their login then answers 401) and meets a 412
// when the user was changed meanwhile; edits a project (the server's field
// error shown by the field first), creates a team in the municipality the edit
// added, and loads a questionnaire translation from a file (a refused file
// first); the page at 390 px; the screenshot for docs/screenshots/admin.png;
// and a care manager, who has no Administration link and is turned away.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
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

/** The user list's entry for a username, from the API (searched, so any page). */
async function apiUser(username) {
  const users = await apiGet(page, `/api/v1/users?q=${encodeURIComponent(username)}&limit=200`);
  assert.equal(users.status, 200);
  return users.body.items.find((u) => u.username === username);
}

/** Every username, in the order of the API's pages (limit 200, cursor followed). */
async function apiUsernames() {
  const names = [];
  let cursor = null;
  do {
    const res = await apiGet(page, `/api/v1/users?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.status, 200);
    names.push(...res.body.items.map((u) => u.username));
    cursor = res.body.next_cursor;
  } while (cursor);
  return names;
}

/** Poll fn until it stops throwing (at most 10 s): for a table that is fetched again. */
async function eventually(fn) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const usersRegion = () => page.getByRole('region', { name: 'Brugere', exact: true });

/** Search the user table from the page's search form. */
async function searchUsers(text, role = '') {
  const form = page.getByRole('search', { name: 'Søg brugere', exact: true });
  await form.getByLabel('Søg', { exact: true }).fill(text);
  await form.getByLabel('Rolle', { exact: true }).selectOption(role);
  await form.getByRole('button', { name: 'Søg', exact: true }).click();
}

/** The usernames in the user table as shown. */
async function shownUsernames() {
  return usersRegion().getByRole('table').locator('tbody th[scope="row"]').allTextContents();
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

  test('searches the users and pages through them with the server\'s cursor', async (t) => {
    if ((await apiGet(page, '/api/v1/users')).status === 404) return t.skip('no user API on this server');
    const all = await apiUsernames();
    assert.ok(all.length > 50, `the demo has about a hundred accounts (${all.length})`);
    const region = usersRegion();
    const pager = region.getByRole('navigation', { name: 'Sider med brugere', exact: true });
    const previous = pager.getByRole('button', { name: 'Forrige side', exact: true });
    const next = pager.getByRole('button', { name: 'Næste side', exact: true });
    // One page of 25 at a time, in the API's order, and every account once.
    await region.getByText('Viser bruger 1–25.', { exact: true }).waitFor();
    assert.deepEqual(await shownUsernames(), all.slice(0, 25));
    assert.ok(await previous.isDisabled());
    const seen = await shownUsernames();
    for (let n = 2; !(await next.isDisabled()); n++) {
      await next.click();
      await pager.getByText(`Side ${n}`, { exact: true }).waitFor();
      const from = (n - 1) * 25 + 1;
      const to = Math.min(n * 25, all.length);
      await region.getByText(`Viser bruger ${from}–${to}.`, { exact: true }).waitFor();
      seen.push(...(await shownUsernames()));
    }
    assert.deepEqual(seen, all);
    // Back one page: the cursor of the page before is kept, not guessed.
    const before = Math.ceil(all.length / 25) - 1;
    await previous.click();
    await region.getByText(`Viser bruger ${(before - 1) * 25 + 1}–${before * 25}.`, { exact: true }).waitFor();
    assert.deepEqual(await shownUsernames(), all.slice((before - 1) * 25, before * 25));
    await assertAccessible(page, 'administration, a later page of users');

    // A part of the username or organisation, in any case; then with a role.
    const expected = async (query) => (await apiGet(page, `/api/v1/users?${query}&limit=200`)).body.items.map((u) => u.username);
    await searchUsers('HERNING');
    const herning = await expected('q=herning');
    assert.ok(herning.includes('caseworker.herning') && herning.length < 25);
    await eventually(async () => assert.deepEqual(await shownUsernames(), herning));
    assert.equal(await pager.count(), 0, 'one page: no pager');
    await searchUsers('herning', 'therapist');
    const therapists = await expected('q=herning&role=therapist');
    assert.ok(therapists.includes('therapist.herning'));
    await eventually(async () => assert.deepEqual(await shownUsernames(), therapists));
    await searchUsers('ingen.saadan.bruger');
    await region.getByText('Ingen brugere passer til søgningen.', { exact: true }).waitFor();
    await region.getByRole('button', { name: 'Vis alle', exact: true }).click();
    await region.getByText('Viser bruger 1–25.', { exact: true }).waitFor();
    assert.deepEqual(await shownUsernames(), all.slice(0, 25));
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
    // The new account is on the last page; the search finds it.
    await searchUsers(NEW_USER);
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
    // A username nobody has is refused by the field.
    const input = row.getByLabel(`Brugernavn ${team.name}`, { exact: true });
    await input.fill('findes.ikke');
    await row.getByRole('button', { name: `Tilføj ${team.name}`, exact: true }).click();
    await row.getByText('Der er ingen bruger med brugernavnet findes.ikke.', { exact: false }).waitFor();
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    await input.fill(NEW_USER);
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
  });

  test('edits a project: the server\'s field error by the field, then the change is saved', async () => {
    const projects = await apiGet(page, '/api/v1/projects');
    const before = projects.body.items.find((p) => p.slug === 'ips-syddanmark');
    const region = page.getByRole('region', { name: 'Projekter', exact: true });
    const open = region.getByRole('button', { name: 'Ret IPS Syddanmark', exact: true });
    await open.click();
    assert.equal(await open.getAttribute('aria-expanded'), 'true');
    const form = page.getByRole('form', { name: 'Ret IPS Syddanmark', exact: true });
    await form.waitFor();
    assert.equal(await form.getByLabel('Navn', { exact: true }).inputValue(), 'IPS Syddanmark');
    // Svendborg (479, Region Syddanmark: HL7 Denmark DK Core municipality codes, docs/sources.md#s16) joins; the upper age goes below the
    // lower one, which only the server checks (422 /age_max).
    await form.getByRole('checkbox', { name: 'Svendborg', exact: true }).check();
    await form.getByLabel('Mål (antal unge)', { exact: true }).fill('210');
    const ageMax = form.getByLabel('Alder til', { exact: true });
    await ageMax.fill(String(before.age_min - 1));
    await form.getByRole('button', { name: 'Gem ændringer', exact: true }).click();
    const message = 'Skriv en alder fra 15 til 99, ikke under alderen fra.';
    await form.getByRole('alert').getByRole('link', { name: message, exact: true }).waitFor();
    assert.equal(await ageMax.getAttribute('aria-invalid'), 'true');
    assert.equal((await apiGet(page, `/api/v1/projects/${before.id}`)).body.version, before.version, 'nothing written');
    await assertAccessible(page, 'project form with a field error');

    await ageMax.fill(String(before.age_max));
    await form.getByRole('button', { name: 'Gem ændringer', exact: true }).click();
    await page.getByRole('status').getByText('Ændringerne i IPS Syddanmark er gemt.', { exact: true }).waitFor();
    assert.equal(await form.count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Ret IPS Syddanmark');
    const row = region.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'IPS Syddanmark', exact: true }) });
    await row.getByText('210 unge', { exact: true }).waitFor();
    await row.getByText(/Svendborg/).waitFor();
    const after = (await apiGet(page, `/api/v1/projects/${before.id}`)).body;
    assert.equal(after.version, before.version + 1);
    assert.equal(after.target_count, 210);
    assert.deepEqual(after.municipalities.map((m) => m.code), [...before.municipalities.map((m) => m.code), '479']);
    assert.equal(after.age_max, before.age_max);
  });

  test('creates a team in the municipality the edit added', async () => {
    const form = page.getByRole('form', { name: 'Opret team', exact: true });
    await form.getByLabel('Projekt', { exact: true }).selectOption({ label: 'IPS Syddanmark' });
    const municipality = form.getByLabel('Kommune', { exact: true });
    // The project's other municipalities have teams: Svendborg is the one place left.
    assert.deepEqual(await municipality.locator('option').allTextContents(), ['Vælg kommune', 'Svendborg']);
    await form.getByRole('button', { name: 'Opret team', exact: true }).click();
    await form.getByRole('alert').getByRole('link', { name: 'Vælg en af projektets kommuner.', exact: true }).waitFor();
    await municipality.selectOption({ label: 'Svendborg' });
    await form.getByLabel('Teamets navn', { exact: true }).fill('IPS Syddanmark svendborg');
    await form.getByRole('button', { name: 'Opret team', exact: true }).click();
    await page.getByRole('status').getByText('Teamet IPS Syddanmark svendborg er oprettet.', { exact: true }).waitFor();
    const teams = page.getByRole('region', { name: 'Teams', exact: true });
    const row = teams.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'IPS Syddanmark svendborg', exact: true }) });
    await row.getByText('Ingen medlemmer', { exact: true }).waitFor();
    const project = (await apiGet(page, '/api/v1/projects')).body.items.find((p) => p.slug === 'ips-syddanmark');
    const listed = (await apiGet(page, `/api/v1/teams?project=${project.id}`)).body.items;
    assert.deepEqual(listed.filter((x) => x.municipality_code === '479').map((x) => x.name), ['IPS Syddanmark svendborg']);
    assert.deepEqual(await municipality.locator('option').allTextContents(), ['Vælg kommune']);
    await assertAccessible(page, 'administration after a new team');
  });

  test('loads a questionnaire translation from a file; a file that does not fit is refused by the field', async () => {
    const region = page.getByRole('region', { name: 'Oversættelser af spørgeskemaer', exact: true });
    await region.getByRole('link', { name: 'Pfizers PHQ Screeners (phqscreeners.com)', exact: true }).waitFor();
    const phq9 = region.getByRole('listitem').filter({ hasText: 'PHQ-9' });
    await phq9.getByText('ingen dansk tekst – vises på engelsk', { exact: false }).waitFor();
    // A stand-in "licensed translation": the shipped English file relabelled, as a test fixture only.
    const english = JSON.parse(readFileSync(path.join(REPO_ROOT, 'data/instruments/phq9.en.json'), 'utf8'));
    const good = { ...english, language: 'da', source: 'Browser test fixture: not a translation, only a file in the right shape' };
    const missing = structuredClone(good);
    delete missing.items['9'];
    const file = (doc) => ({ name: 'phq9.da.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });

    const form = region.getByRole('form', { name: 'Indlæs oversættelse', exact: true });
    await form.getByLabel('Spørgeskema', { exact: true }).selectOption('phq9');
    const input = form.getByLabel('Fil med oversættelsen', { exact: true });
    await input.setInputFiles(file(missing));
    await form.getByRole('button', { name: 'Indlæs oversættelse', exact: true }).click();
    const message = 'Spørgsmål 9 mangler i filen eller hører ikke til spørgeskemaet.';
    await form.getByRole('alert').getByRole('link', { name: message, exact: true }).waitFor();
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal((await apiGet(page, '/api/v1/instruments/phq9?lang=da')).body.text.translation_missing, true);
    await assertAccessible(page, 'translation refused');

    await input.setInputFiles(file(good));
    await form.getByRole('button', { name: 'Indlæs oversættelse', exact: true }).click();
    await page.getByRole('status').getByText(`Den danske tekst til PHQ-9 er indlæst (kilde: ${good.source}).`, { exact: true }).waitFor();
    // "ingen dansk tekst – vises på engelsk" also contains "dansk tekst": wait for the English
    // notice to go (the list is read again after the load), not for the words to be there.
    await phq9.getByText('vises på engelsk', { exact: false }).waitFor({ state: 'detached' });
    await phq9.getByText('dansk tekst', { exact: false }).waitFor();
    assert.equal(await phq9.getByText('vises på engelsk', { exact: false }).count(), 0);
    const served = (await apiGet(page, '/api/v1/instruments/phq9?lang=da')).body.text;
    assert.equal(served.translation_missing, false);
    assert.equal(served.source, good.source);
    assert.equal((await apiGet(page, '/api/v1/instruments/gad7?lang=da')).body.text.translation_missing, true);
  });

  test('the page at 390 px: nothing wider than the screen but the tables, which scroll; axe clean', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.getByRole('heading', { level: 1, name: 'Administration', exact: true }).waitFor();
      const overflow = await page.evaluate(() => {
        const out = [];
        for (const el of document.querySelectorAll('main *')) {
          if (el.closest('.table--responsive-scroll')) continue;
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > window.innerWidth + 1) out.push(`${el.tagName.toLowerCase()}.${el.className}`);
        }
        return { page: document.documentElement.scrollWidth, elements: out.slice(0, 10) };
      });
      assert.deepEqual(overflow, { page: 390, elements: [] });
      await assertAccessible(page, 'administration at 390 px');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  test('docs/screenshots/admin.png: the user search over the first page of accounts', async () => {
    // A fresh page (no messages left from the steps above), the window at the user list.
    await page.reload();
    await usersRegion().getByText('Viser bruger 1–25.', { exact: true }).waitFor();
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
    // so are the 422 for the too-short password, the upper age below the lower one and the file
    // without question 9, and the 412 for the stale change.
    const expected = [
      /status of 404 .*\/api\/v1\/(users|teams)\)$/,
      /status of 422 .*\/api\/v1\/users(\/\d+)?\)$/,
      /status of 412 .*\/api\/v1\/users\/\d+\)$/,
      /status of 422 .*\/api\/v1\/projects\/\d+\)$/,
      /status of 422 .*\/api\/v1\/instruments\/phq9\/texts\)$/,
    ];
    const unexpected = browser.consoleErrors.filter((e) => !expected.some((re) => re.test(e)));
    assert.deepEqual(unexpected, []);
  });
});
