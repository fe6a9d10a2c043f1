// The security model in the browser (docs/security-model.md), against the real
// server and its demo data:
//
// - a care manager of the Herning team signs in (after one wrong password:
//   the error summary), finds a citizen with the search, sees the health
//   summary, opens the access log and finds their own read, and logs off: the
//   app returns to the login page and GET /api/v1/auth/me answers 401;
// - a caseworker of the same team opens the same citizen: the API answer has
//   no health_summary and the page shows none, only the neutral "not shared"
//   text; the caseworker records consent health_summary_to_municipality
//   (given, today) through the form; after a reload the health summary shows;
// - a lost CSRF token (a state-changing call answering 403 csrf) sends the
//   user to sign in again.
//
// axe-core on the login, citizen and access-log pages; screenshots
// docs/screenshots/login.png and docs/screenshots/citizen.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiGet, assertAccessible, logIn, openBrowser, saveScreenshot, endSession, startSession } from './browser.mjs';

const PROJECT = 'IBBU Midt'; // the Herning team's project (ibbu-midt)
const HEALTH_NOT_SHARED =
  'Helbredsoplysninger deles ikke med dig. Den unge har ikke givet samtykke til, at et helbredsresumé deles med kommunen.';

let server;
let browser;
let page;
/** The citizen both users open: { id, name }. */
let citizen;

let session;

before(async () => {
  session = await startSession();
  ({ server, browser, page } = session);
});

after(async () => {
  await endSession(session);
});

/** Today in Denmark as YYYY-MM-DD (the server's calendar). */
function todayInDenmark() {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** The enrolment of the Herning team's project on the citizen page. */
function enrolmentRegion() {
  return page.getByRole('region', { name: PROJECT, exact: true });
}

function healthRegion() {
  return enrolmentRegion().getByRole('region', { name: 'Helbred', exact: true });
}

async function openCitizenPage() {
  await page.goto(`${server.url}/citizens/${citizen.id}`);
  await page.getByRole('heading', { level: 1, name: citizen.name, exact: true }).waitFor();
  await enrolmentRegion().waitFor();
}

describe('security model in the browser', () => {
  test('login page: Danish form, error summary on wrong credentials, accessible', async () => {
    const res = await page.goto(`${server.url}/`);
    assert.equal(res?.status(), 200);
    const heading = page.getByRole('heading', { level: 1, name: 'Log ind', exact: true });
    await heading.waitFor();
    await page.waitForURL((url) => url.pathname === '/login');
    assert.equal(await page.title(), 'Log ind – Samspor');
    await assertAccessible(page, 'login');
    await saveScreenshot(page, 'login.png');

    await page.getByLabel('Brugernavn', { exact: true }).fill('caremanager.herning');
    await page.getByLabel('Adgangskode', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Log ind', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Der er problemer' });
    await summary.waitFor();
    assert.ok(await summary.getByRole('link', { name: 'Brugernavnet eller adgangskoden er forkert.' }).isVisible());
    // The summary takes the focus, so it is read out.
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true);
    // The password field is emptied.
    assert.equal(await page.getByLabel('Adgangskode', { exact: true }).inputValue(), '');
    await assertAccessible(page, 'login with errors');
  });

  test('login page: a throttled sign-in says how long to wait', async () => {
    // The server's throttling is tested in tests/api; here its answer is played
    // back, so that the wait is known: Retry-After 90 s is "2 minutter".
    await page.route('**/api/v1/auth/login', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '90' },
        body: JSON.stringify({
          type: 'urn:samspor:problem:throttled',
          title: 'too many attempts',
          status: 429,
          code: 'throttled',
          detail: 'Wait before trying again.',
        }),
      }),
    );
    try {
      await page.getByLabel('Brugernavn', { exact: true }).fill('caremanager.herning');
      await page.getByLabel('Adgangskode', { exact: true }).fill('whatever');
      await page.getByRole('button', { name: 'Log ind', exact: true }).click();
      const message = 'Der har været for mange forkerte forsøg. Vent 2 minutter, og prøv igen.';
      await page.getByRole('alert').getByRole('link', { name: message, exact: true }).waitFor();
    } finally {
      await page.unroute('**/api/v1/auth/login');
    }
  });

  test('a care manager finds a Herning citizen and sees the health summary', async () => {
    await logIn(page, server.url, 'caremanager.herning');

    // An empty search lists every citizen on the caller's teams.
    const search = page.getByRole('search');
    await search.getByLabel('Navn eller personnummer').fill('');
    await search.getByRole('button', { name: 'Søg', exact: true }).click();
    const firstLink = page.getByRole('table').getByRole('link').first();
    await firstLink.waitFor();
    const name = (await firstLink.textContent())?.trim() ?? '';
    assert.ok(name.length > 0);
    await firstLink.click();
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    const match = /^\/citizens\/(\d+)$/.exec(new URL(page.url()).pathname);
    assert.ok(match, `citizen address: ${page.url()}`);
    citizen = { id: Number(match[1]), name };
    // The heading takes the focus after an in-app navigation.
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');

    // The API answers the summary to a health role; the page shows it.
    const answer = await apiGet(page, `/api/v1/citizens/${citizen.id}`);
    assert.equal(answer.status, 200);
    const enrolment = answer.body.enrolments.find((e) => e.project_id === 1);
    assert.ok(enrolment?.health_summary, 'a care manager gets health_summary');

    await enrolmentRegion().waitFor();
    const main = page.getByRole('main');
    assert.match((await main.locator('.facts dd.nowrap').first().textContent()) ?? '', /^\d{6}-[\dA-Z]{4}$/);
    assert.ok(await main.locator('.tag', { hasText: 'DEMO' }).first().isVisible());
    await healthRegion().getByText('I behandling', { exact: true }).waitFor();
    assert.equal(await healthRegion().getByText(HEALTH_NOT_SHARED).count(), 0);
    await assertAccessible(page, 'citizen (care manager)');
  });

  test('the access log shows the care manager’s own read', async () => {
    await page.getByRole('link', { name: 'Hvem har set oplysningerne', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Hvem har set oplysningerne om ${citizen.name}`, exact: true }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/citizens/${citizen.id}/access-log`);
    const table = page.getByRole('table', { name: `Adgangslog for ${citizen.name}` });
    await table.waitFor();
    const ownRead = table
      .getByRole('row')
      .filter({ hasText: 'caremanager.herning' })
      .filter({ hasText: 'Behandlingsansvarlig' })
      .filter({ has: page.getByRole('cell', { name: /^Læst( \(\d+ hændelser\))?$/ }) })
      .filter({ hasText: 'Sagsbehandling' });
    assert.ok((await ownRead.count()) >= 1, 'the care manager’s read is in the access log');
    assert.match((await ownRead.first().locator('time').getAttribute('datetime')) ?? '', /^\d{4}-\d{2}-\d{2}T/);
    await assertAccessible(page, 'access log');
  });

  test('logging off returns to the login page and ends the session', async () => {
    await page.getByRole('button', { name: 'Log af', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Log ind', exact: true }).waitFor();
    await page.waitForURL((url) => url.pathname === '/login');
    assert.ok(await page.getByText('Du er logget af.', { exact: true }).isVisible());
    // The login page's heading takes the focus.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    assert.equal(await page.getByRole('button', { name: 'Log af' }).count(), 0);
    const me = await apiGet(page, '/api/v1/auth/me');
    assert.equal(me.status, 401);
    assert.equal(me.body?.code, 'unauthenticated');
    // The citizen's address now asks for sign-in, and shows nothing of the citizen.
    await page.goto(`${server.url}/citizens/${citizen.id}`);
    await page.getByRole('heading', { level: 1, name: 'Log ind', exact: true }).waitFor();
    assert.equal(await page.getByText(citizen.name).count(), 0);
  });

  test('a caseworker of the same team sees no health data without consent', async () => {
    await logIn(page, server.url, 'caseworker.herning');
    assert.ok(await page.getByRole('banner').getByText('Sagsbehandler', { exact: true }).isVisible());

    const answer = await apiGet(page, `/api/v1/citizens/${citizen.id}`);
    assert.equal(answer.status, 200);
    const enrolment = answer.body.enrolments.find((e) => e.project_id === 1);
    assert.ok(enrolment, 'the caseworker sees the enrolment');
    assert.equal('health_summary' in enrolment, false, 'the API omits health_summary');

    await openCitizenPage();
    await healthRegion().getByText(HEALTH_NOT_SHARED, { exact: true }).waitFor();
    assert.equal(await healthRegion().getByText('I behandling').count(), 0);
    assert.equal(await healthRegion().locator('dl').count(), 0);
    // Employment data is the municipality's own: shown.
    const employment = enrolmentRegion().getByRole('region', { name: 'Beskæftigelse', exact: true });
    await employment.getByText('I job eller uddannelse', { exact: true }).waitFor();
    await assertAccessible(page, 'citizen (caseworker, no consent)');
  });

  test('the caseworker records consent, and after a reload the health summary shows', async () => {
    await enrolmentRegion().getByRole('button', { name: 'Registrér samtykke', exact: true }).click();
    const form = enrolmentRegion().getByRole('form', { name: 'Registrér samtykke', exact: true });
    const [year, month, day] = todayInDenmark().split('-');
    // The date defaults to today.
    assert.equal(await form.getByLabel('Dag', { exact: true }).inputValue(), String(Number(day)));
    assert.equal(await form.getByLabel('Måned', { exact: true }).inputValue(), String(Number(month)));
    assert.equal(await form.getByLabel('År', { exact: true }).inputValue(), year);

    // Submitting without a choice: the error summary names the fields.
    await form.getByRole('button', { name: 'Registrér samtykke', exact: true }).click();
    const summary = form.getByRole('alert').filter({ hasText: 'Der er problemer' });
    await summary.getByRole('link', { name: 'Vælg, hvilket samtykke det gælder.' }).waitFor();
    await summary.getByRole('link', { name: 'Vælg, om samtykket er givet eller trukket tilbage.' }).waitFor();

    await form.getByLabel('Samtykke', { exact: true }).selectOption({ label: 'Helbredsresumé til kommunen' });
    await form.getByRole('radio', { name: 'Givet', exact: true }).check();
    await form.getByRole('button', { name: 'Registrér samtykke', exact: true }).click();
    await enrolmentRegion().getByText('Registreret: Helbredsresumé til kommunen – Givet.', { exact: true }).waitFor();

    const history = enrolmentRegion().getByRole('table', { name: 'Historik, nyeste først' });
    await history.getByRole('row').filter({ hasText: 'Sagsbehandler, Herning' }).first().waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: citizen.name, exact: true }).waitFor();
    await healthRegion().getByText('I behandling', { exact: true }).waitFor();
    assert.equal(await healthRegion().getByText(HEALTH_NOT_SHARED).count(), 0);
    const answer = await apiGet(page, `/api/v1/citizens/${citizen.id}`);
    assert.ok(answer.body.enrolments.find((e) => e.project_id === 1)?.health_summary);
    await assertAccessible(page, 'citizen (caseworker, with consent)');
    await saveScreenshot(page, 'citizen.png');
  });

  test('the access log shows the consent the caseworker recorded', async () => {
    await page.getByRole('link', { name: 'Hvem har set oplysningerne', exact: true }).click();
    const table = page.getByRole('table', { name: `Adgangslog for ${citizen.name}` });
    await table.waitFor();
    const consent = table
      .getByRole('row')
      .filter({ hasText: 'caseworker.herning' })
      .filter({ has: page.getByRole('cell', { name: /^Samtykke registreret( \(\d+ hændelser\))?$/ }) });
    assert.ok((await consent.count()) >= 1, 'the consent is in the access log');
  });

  test('logs no console errors', () => {
    assert.deepEqual(browser.consoleErrors, []);
  });

  test('a lost CSRF token sends the user to sign in again', async () => {
    await openCitizenPage();
    await page.evaluate(() => window.sessionStorage.removeItem('samspor.csrf'));
    await page.reload();
    await enrolmentRegion().waitFor();
    await enrolmentRegion().getByRole('button', { name: 'Registrér samtykke', exact: true }).click();
    const form = enrolmentRegion().getByRole('form', { name: 'Registrér samtykke', exact: true });
    await form.getByLabel('Samtykke', { exact: true }).selectOption({ label: 'Brug i forskning' });
    await form.getByRole('radio', { name: 'Givet', exact: true }).check();
    await form.getByRole('button', { name: 'Registrér samtykke', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Log ind', exact: true }).waitFor();
    await page.getByText('Af sikkerhedshensyn skal du logge ind igen, før du kan gemme noget.').waitFor();
    // Nothing was recorded.
    await logIn(page, server.url, 'caseworker.herning');
    const answer = await apiGet(page, `/api/v1/citizens/${citizen.id}`);
    const enrolmentId = answer.body.enrolments.find((e) => e.project_id === 1).id;
    const consents = await apiGet(page, `/api/v1/enrolments/${enrolmentId}/consents`);
    assert.equal(consents.body.in_force.research_use, false);
  });
});
