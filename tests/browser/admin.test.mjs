// Browser test of the administrator's view against the real server and its
// demo data: the start page without the citizen search, the Administration
// page with the five projects and the staff accounts (or, on a server without
// GET /api/v1/users, the info alert pointing to `samspor user`), axe-core;
// and a care manager, who has no Administration link and is turned away.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiGet, assertAccessible, logIn, openBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

const PROJECTS = ['IBBU Midt', 'IBBU-Nord', 'Samarbejdsmodellen', 'IPS Syddanmark', 'På vej til arbejde'];

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  const status = await server?.stop();
  if (status && status.code !== 0 && status.signal !== 'SIGTERM') {
    console.error(`samspor serve ended with ${JSON.stringify(status)}:\n${server.stderr()}`);
  }
});

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
    // A server without the user API answers GET /api/v1/users with 404, which the page expects.
    const unexpected = browser.consoleErrors.filter((e) => !/status of 404 .*\/api\/v1\/(users|teams)\)$/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
