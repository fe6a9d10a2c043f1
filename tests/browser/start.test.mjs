// Browser test of the start page against the real server and its demo data:
// sign in (as caremanager.herning), the five seeded projects, Danish by
// default, the language switch, axe-core (no serious or critical violations),
// no console errors, and a screenshot for docs/screenshots/start.png.
//
// Run from tests/: npm run test:browser (SAMSPOR_BIN overrides build/samspor).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, logIn, openBrowser, saveScreenshot, endSession, startSession } from './browser.mjs';

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

async function htmlLang() {
  return page.evaluate(() => document.documentElement.lang);
}

async function projectHeadingsVisible() {
  for (const name of PROJECTS) {
    const heading = page.getByRole('heading', { level: 3, name, exact: true });
    await heading.waitFor({ state: 'visible' });
  }
}

describe('start page', () => {
  test('asks for sign-in first', async () => {
    const res = await page.goto(`${server.url}/`);
    assert.equal(res?.status(), 200);
    await page.getByRole('heading', { level: 1, name: 'Log ind', exact: true }).waitFor();
    await page.waitForURL((url) => url.pathname === '/login');
    assert.equal(await page.getByRole('heading', { name: 'IBBU Midt' }).count(), 0);
  });

  test('lists the five demo projects in Danish after sign-in', async () => {
    await logIn(page, server.url, 'caremanager.herning');
    assert.equal(new URL(page.url()).pathname, '/');
    await page.getByRole('heading', { level: 2, name: 'Projekter', exact: true }).waitFor();
    assert.equal(await htmlLang(), 'da');
    assert.equal(await page.title(), 'Forside – Samspor');
    await projectHeadingsVisible();
    const banner = page.getByRole('banner');
    assert.ok(await banner.getByText('Samspor', { exact: true }).isVisible());
    assert.ok(await banner.getByText('Behandlingsansvarlig, Herning', { exact: true }).isVisible());
    assert.ok(await banner.getByText('Behandlingsansvarlig', { exact: true }).isVisible());
    assert.ok(await banner.getByRole('button', { name: 'Log af', exact: true }).isVisible());
    assert.ok(await page.getByRole('main').isVisible());
    // A care manager has a case role: the citizen search is there.
    assert.ok(await page.getByRole('search').getByLabel('Navn eller personnummer').isVisible());
    assert.ok((await page.getByText(/^Mål: [\d.]+ unge$/).count()) >= PROJECTS.length);
    await assertAccessible(page, 'da');
  });

  test('switches to English, sets <html lang="en"> and remembers it', async () => {
    const english = page.getByRole('button', { name: 'English', exact: true });
    await english.click();
    await page.getByRole('heading', { level: 1, name: 'Home', exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Projects', exact: true }).waitFor();
    assert.equal(await htmlLang(), 'en');
    assert.equal(await english.getAttribute('aria-pressed'), 'true');
    assert.ok(await page.getByRole('banner').getByText('Care manager', { exact: true }).isVisible());
    assert.ok(await page.getByRole('button', { name: 'Log out', exact: true }).isVisible());
    assert.ok((await page.getByText(/^Target: [\d,]+ young people$/).count()) >= PROJECTS.length);
    await projectHeadingsVisible();
    await assertAccessible(page, 'en');

    // Still signed in, still English after a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Home', exact: true }).waitFor();
    assert.equal(await htmlLang(), 'en');
  });

  test('switches back to Danish and saves a screenshot', async () => {
    await page.getByRole('button', { name: 'Dansk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Forside', exact: true }).waitFor();
    assert.equal(await htmlLang(), 'da');
    await projectHeadingsVisible();
    await saveScreenshot(page, 'start.png');
  });

  test('logs no console errors', () => {
    assert.deepEqual(browser.consoleErrors, []);
  });
});
