// Pages, menus and lists in the browser, against the real server and its demo data:
//
// - each role's main menu lists only the pages the role may use, and a page
//   visited directly without the role says whom it is for (no status code, no
//   retry button);
// - a deep link opened while signed out opens after sign-in; the "logged off"
//   notice goes once a sign-in fails; a next= leading off the site is ignored;
// - the access log shows translated roles, actions, purposes and outcomes,
//   one row per kind of event in one page view (with the number of events),
//   under a title for staff; a health event as a municipal role gets it
//   (health_activity, without route) is translated too;
// - the caseload names the questionnaire of each measure flag, shows a
//   missing value as "–" ("ingen værdi" to screen readers) and "Ingen" only
//   for none, and fits a 390-pixel phone, as do the other pages with tables;
// - a count is said with the language's plural rules ("Viser 1 ung.").
//
// axe-core on every page looked at; screenshots docs/screenshots/caseload.png,
// caseload-390.png, access-log.png and access-log-390.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  apiGet,
  apiPost,
  assertAccessible,
  endSession,
  logIn,
  logOff,
  saveScreenshot,
  startSession,
  todayInDenmark,
} from './browser.mjs';

let server;
let browser;
let page;
let session;
/** A Herning citizen enrolled in IBBU Midt: { id, name, identifier, enrolmentId }. */
let citizen;

before(async () => {
  session = await startSession();
  ({ server, browser, page } = session);
});

after(async () => {
  await endSession(session);
});

async function menuLinks() {
  const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
  await nav.waitFor();
  return (await nav.getByRole('link').allTextContents()).map((s) => s.trim());
}

async function assertForbidden(path, text) {
  await page.goto(`${server.url}${path}`);
  await page.getByRole('heading', { level: 1, name: 'Du har ikke adgang til siden', exact: true }).waitFor();
  await page.getByText(text, { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Prøv igen' }).count(), 0, `${path}: no retry`);
  assert.equal(await page.getByText(/statuskode/).count(), 0, `${path}: no status code`);
  assert.equal(await page.title(), 'Du har ikke adgang til siden – Samspor');
  await page.getByRole('link', { name: 'Gå til forsiden', exact: true }).waitFor();
}

const HEALTH_ONLY =
  'Denne side er for sundhedspersonale: behandlingsansvarlige, behandlere og superviserende klinikere.';
const SUPERVISORS_ONLY = 'Denne side er for superviserende klinikere.';
const ADMINISTRATORS_ONLY = 'Siden er kun for administratorer.';
const CASE_STAFF_ONLY =
  'Denne side er for medarbejdere på de unges teams: sundhedspersonale og kommunens medarbejdere.';

describe('menus and pages by role', () => {
  test('setup: a Herning citizen in IBBU Midt, found through the API', async () => {
    await logIn(page, server.url, 'caremanager.herning');
    const caseload = await apiGet(page, '/api/v1/caseload');
    assert.equal(caseload.status, 200);
    // A citizen on the caseload whose name no other demo citizen shares, and with no task: the
    // caseworker's start page lists their tasks, which reads the citizens they name, and the
    // access log test below counts the caseworker's looks at this one.
    const names = caseload.body.items.map((r) => r.citizen_name);
    let row = null;
    for (const r of caseload.body.items.filter((x) => names.filter((n) => n === x.citizen_name).length === 1)) {
      const tasks = await apiGet(page, `/api/v1/enrolments/${r.enrolment_id}/tasks`);
      assert.equal(tasks.status, 200);
      if (tasks.body.items.length === 0) {
        row = r;
        break;
      }
    }
    assert.ok(row, 'a caseload row with a unique name and no task');
    const answer = await apiGet(page, `/api/v1/citizens/${row.citizen_id}`);
    assert.equal(answer.status, 200);
    citizen = {
      id: row.citizen_id,
      name: row.citizen_name,
      identifier: answer.body.identifier,
      enrolmentId: row.enrolment_id,
    };
  });

  test('a care manager’s menu: start, caseload, follow-ups and group sessions; case review is for supervisors', async () => {
    assert.deepEqual(await menuLinks(), ['Forside', 'Forløbsoversigt', 'Opfølgninger', 'Gruppeforløb']);
    await assertForbidden('/case-review', SUPERVISORS_ONLY);
    await assertForbidden('/admin', ADMINISTRATORS_ONLY);
    await assertAccessible(page, 'forbidden page (care manager)');
    await logOff(page);
  });

  test('a caseworker’s menu has the job centre’s pages but no treatment caseload, and /caseload says it is for health staff', async () => {
    await logIn(page, server.url, 'caseworker.herning');
    assert.deepEqual(await menuLinks(), ['Forside', 'Jobforløb', 'Arbejdsgivere', 'Gruppeforløb']);
    await assertForbidden('/caseload', HEALTH_ONLY);
    await assertAccessible(page, 'forbidden caseload (caseworker)');
    await assertForbidden('/case-review', SUPERVISORS_ONLY);
    await logOff(page);
  });

  test('a supervising clinician’s menu has the case review', async () => {
    await logIn(page, server.url, 'supervisor.herning');
    assert.deepEqual(await menuLinks(), ['Forside', 'Forløbsoversigt', 'Opfølgninger', 'Supervision', 'Gruppeforløb']);
    await logOff(page);
  });

  test('an administrator’s menu has administration, and no page about young people', async () => {
    await logIn(page, server.url, 'admin');
    assert.deepEqual(await menuLinks(), ['Forside', 'Administration']);
    await assertForbidden('/caseload', HEALTH_ONLY);
    await assertForbidden(`/citizens/${citizen.id}`, CASE_STAFF_ONLY);
    await assertAccessible(page, 'forbidden citizen (administrator)');
    await logOff(page);
  });
});

describe('sign-in', () => {
  test('a deep link opened while signed out opens after sign-in', async () => {
    await page.goto(`${server.url}/citizens/${citizen.id}`);
    await page.getByRole('heading', { level: 1, name: 'Log ind', exact: true }).waitFor();
    await page.waitForURL((url) => url.pathname === '/login');
    assert.equal(new URL(page.url()).searchParams.get('next'), `/citizens/${citizen.id}`);
    await logIn(page, server.url, 'caremanager.herning');
    await page.getByRole('heading', { level: 1, name: citizen.name, exact: true }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/citizens/${citizen.id}`);
    // The page asked for takes the focus, as after any navigation.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  });

  test('logging off forgets the page; "Du er logget af." goes once a sign-in fails', async () => {
    await logOff(page);
    assert.equal(new URL(page.url()).search, '', 'no next= after logging off');
    const notice = page.getByText('Du er logget af.', { exact: true });
    await notice.waitFor();
    await page.getByLabel('Brugernavn', { exact: true }).fill('caremanager.herning');
    await page.getByLabel('Adgangskode', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Log ind', exact: true }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Brugernavnet eller adgangskoden er forkert.' }).waitFor();
    assert.equal(await notice.count(), 0, 'the notice is gone after the failed attempt');
    await assertAccessible(page, 'login after a failed attempt');
  });

  test('a next= that leads off the site, or to no page, opens the start page', async () => {
    for (const next of ['//example.org/x', 'https://example.org/', '/\\example.org', '/no-such-page']) {
      await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
      await logIn(page, server.url, 'caremanager.herning');
      await page.getByRole('heading', { level: 1, name: 'Forside', exact: true }).waitFor();
      assert.equal(new URL(page.url()).origin, server.url, next);
      assert.equal(new URL(page.url()).pathname, '/', next);
      await logOff(page);
    }
  });
});

describe('access log', () => {
  /** The raw events of the citizen's log (newest first), as the API answers them. */
  async function rawEvents() {
    const items = [];
    let cursor = null;
    do {
      const q = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
      const res = await apiGet(page, `/api/v1/citizens/${citizen.id}/access-log${q}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      items.push(...res.body.items);
      cursor = res.body.next_cursor;
    } while (cursor);
    return items;
  }

  function logTable() {
    return page.getByRole('table', { name: `Adgangslog for ${citizen.name}` });
  }

  test('one page view is one row per kind of event, with the number of events', async () => {
    // A caseworker opens the citizen once (their first look in this file) …
    await logIn(page, server.url, 'caseworker.herning');
    await page.goto(`${server.url}/citizens/${citizen.id}`);
    await page.getByRole('heading', { level: 1, name: citizen.name, exact: true }).waitFor();
    await page.getByRole('table', { name: 'Historik, nyeste først' }).or(page.getByText('Der er ikke registreret nogen samtykker endnu.')).first().waitFor();
    await logOff(page);

    // … and the care manager reads the log.
    await logIn(page, server.url, 'caremanager.herning');
    await page.goto(`${server.url}/citizens/${citizen.id}/access-log`);
    const heading = `Hvem har set oplysningerne om ${citizen.name}`;
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
    // The heading sets the title once it is on screen (an effect after the paint).
    await page.waitForFunction((title) => document.title === title, `${heading} – Samspor`, { timeout: 5000 });
    await logTable().waitFor();

    const raw = (await rawEvents()).filter((e) => e.username === 'caseworker.herning');
    const counts = new Map();
    for (const e of raw) {
      const key = `${e.action}|${e.purpose}|${e.outcome}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    assert.ok(
      [...counts.values()].some((n) => n >= 2),
      `one look is several events of one kind: ${JSON.stringify([...counts])}`,
    );

    const rows = logTable().locator('tbody tr').filter({ hasText: 'caseworker.herning' });
    assert.equal(await rows.count(), counts.size, 'one row per kind of event');
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const cells = (await row.locator('td').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
      // Who: the display name the account has (the demo's "Sagsbehandler, Herning"), then the username.
      assert.equal(cells[1], 'Sagsbehandler, Herning (caseworker.herning)', 'the person, by name');
      assert.equal(cells[2], 'Sagsbehandler', 'the role, translated');
      const events = Number(await row.getAttribute('data-events'));
      const match = /\((\d+) hændelser\)$/.exec(cells[3]);
      assert.equal(match ? Number(match[1]) : 1, events, `the count shown: ${cells[3]}`);
    }
    const shown = await rows.evaluateAll((trs) => trs.reduce((n, tr) => n + Number(tr.dataset.events), 0));
    assert.equal(shown, raw.length, 'every event is counted once');
    await assertAccessible(page, 'access log');
    await saveScreenshot(page, 'access-log.png');
  });

  test('the treatment track’s actions are translated, and no raw code is shown', async () => {
    const res = await apiPost(page, `/api/v1/enrolments/${citizen.enrolmentId}/sessions`, {
      date: todayInDenmark(),
      kind: 'phone',
      duration_min: 15,
      note: 'Opfølgende telefonsamtale (browsertest).',
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    await page.reload();
    await logTable().waitFor();
    await logTable()
      .locator('tbody tr')
      .filter({ hasText: 'caremanager.herning' })
      .filter({ hasText: 'Kontakt registreret' })
      .filter({ hasText: 'Behandling' })
      .first()
      .waitFor();
    const texts = await logTable().locator('tbody td').allInnerTexts();
    const raw = texts.filter((s) => /\b[a-z]+(_[a-z]+)+\b/.test(s));
    assert.deepEqual(raw, [], 'no snake_case code on screen');
  });

  test('a health event answered as health_activity without route is translated', async () => {
    // What the API answers a municipal role for the health staff's work (docs/security-model.md
    // "Access log", the AccessEvent schema): the generic action with the sector, and no user,
    // role, outcome or route. Played back here so that the UI's side is tested alone.
    const items = [
      { seq: 9, time: '2026-11-24T09:00:05Z', action: 'health_activity', purpose: 'treatment', sector: 'health' },
      { seq: 8, time: '2026-11-24T09:00:04Z', action: 'health_activity', purpose: 'treatment', sector: 'health' },
      { seq: 7, time: '2026-11-24T09:00:03Z', action: 'read', purpose: 'case_administration', sector: 'municipal', outcome: 'forbidden', username: 'caseworker.struer', role: 'caseworker' },
    ];
    const route = `**/api/v1/citizens/${citizen.id}/access-log*`;
    await page.route(route, (r) =>
      r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items, next_cursor: null }) }),
    );
    try {
      await page.reload();
      const rows = logTable().locator('tbody tr');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 2);
      // Who: the sector; the role and the outcome, which the API leaves out, are "–" ("ingen værdi").
      const cells = rows.nth(0).locator('td');
      const text = async (i) => (await cells.nth(i).innerText()).trim();
      assert.equal(await text(1), 'Sundhedspersonale');
      for (const i of [2, 5]) {
        assert.equal(await cells.nth(i).locator('[aria-hidden="true"]').textContent(), '–');
        assert.equal(await cells.nth(i).locator('.sr-only').textContent(), 'ingen værdi');
      }
      assert.equal(await text(3), 'Sundhedspersonale har læst eller registreret helbredsoplysninger (2 hændelser)');
      assert.equal(await text(4), 'Behandling');
      const second = (await rows.nth(1).locator('td').allInnerTexts()).map((s) => s.trim());
      assert.deepEqual(second.slice(1), ['caseworker.struer', 'Sagsbehandler', 'Læst', 'Sagsbehandling', 'Afvist: ingen adgang']);
    } finally {
      await page.unroute(route);
    }
  });
});

describe('caseload', () => {
  /** NHS Talking Therapies' reliable change: 6 points on PHQ-9, 4 on GAD-7 (docs/api-contract.md). */
  function reliablyBetter(row) {
    const names = [];
    if (row.phq9 && row.phq9.count >= 2 && row.phq9.change <= -6) names.push('PHQ-9');
    if (row.gad7 && row.gad7.count >= 2 && row.gad7.change <= -4) names.push('GAD-7');
    return names;
  }

  test('each measure flag names its questionnaire', async () => {
    await page.goto(`${server.url}/caseload`);
    const table = page.getByRole('table', { name: 'Unge i forløb' });
    await table.locator('tbody tr').first().waitFor();
    const answer = await apiGet(page, '/api/v1/caseload');
    // A row where one questionnaire did not improve and the other improved reliably.
    const mixed = answer.body.items.find(
      (r) => r.flags.includes('not_improving') && r.flags.includes('reliable_improvement'),
    );
    assert.ok(mixed, 'the demo data has a row with both flags');
    const better = reliablyBetter(mixed);
    assert.deepEqual(better, ['GAD-7'], JSON.stringify(mixed));
    // Response (and so not improving) is judged on PHQ-9 when its baseline is at least 1.
    assert.ok(mixed.phq9.baseline >= 1);
    const row = table.locator(`tr[data-enrolment="${mixed.enrolment_id}"]`);
    await row.locator('[data-flag="not_improving"]', { hasText: 'Ingen bedring (PHQ-9)' }).waitFor();
    await row.locator('[data-flag="reliable_improvement"]', { hasText: 'Sikker bedring (GAD-7)' }).waitFor();
    assert.equal(((await row.locator('[data-flag="not_improving"]').textContent()) ?? '').trim(), 'Ingen bedring (PHQ-9)');
    assert.equal(((await row.locator('[data-flag="reliable_improvement"]').textContent()) ?? '').trim(), 'Sikker bedring (GAD-7)');
    await assertAccessible(page, 'caseload');
    await saveScreenshot(page, 'caseload.png');
  });

  test('a missing value is "–" ("ingen værdi" to screen readers); "Ingen" is none', async () => {
    const answer = await apiGet(page, '/api/v1/caseload');
    const empty = answer.body.items.find((r) => r.phq9 === null && r.flags.length === 0 && r.review === null);
    assert.ok(empty, 'a row without scores or flags');
    const row = page.locator(`table tr[data-enrolment="${empty.enrolment_id}"]`);
    const cells = row.locator('td');
    const phq9 = cells.nth(1);
    assert.equal(await phq9.locator('[aria-hidden="true"]').textContent(), '–');
    assert.equal(await phq9.locator('.sr-only').textContent(), 'ingen værdi');
    assert.ok((await row.getByRole('cell', { name: 'ingen værdi', exact: true }).count()) >= 2, 'PHQ-9 and GAD-7');
    assert.equal((await cells.nth(5).innerText()).trim(), 'Ingen', 'no flags');
    assert.equal((await cells.nth(6).innerText()).trim(), 'Ingen', 'no recommendation');
  });

  test('at 390 pixels the caseload stacks its rows, each value under its column’s name', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await page.reload();
      const table = page.getByRole('table', { name: 'Unge i forløb' });
      await table.locator('tbody tr').first().waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `the page is ${width} pixels wide`);
      const label = await table
        .locator('tbody tr')
        .first()
        .locator('td')
        .nth(1)
        .evaluate((td) => getComputedStyle(td, '::before').content);
      assert.equal(label, '"PHQ-9"');
      await assertAccessible(page, 'caseload at 390 pixels');
      await saveScreenshot(page, 'caseload-390.png', { maxHeight: 1600 });

      // The other pages with wide tables fit too.
      const pages = [
        [`/citizens/${citizen.id}/access-log`, () => page.getByRole('table', { name: `Adgangslog for ${citizen.name}` })],
        ['/?q=', () => page.getByRole('table', { name: 'Unge på dine teams' })],
        [
          `/citizens/${citizen.id}`,
          async () => {
            await page.getByRole('tab', { name: 'Behandling' }).first().click();
            return page.getByRole('table', { name: 'Spørgeskemaer, nyeste først' });
          },
        ],
      ];
      for (const [path, shown] of pages) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await (await shown()).waitFor();
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(w <= 390, `${path} is ${w} pixels wide`);
        if (path.endsWith('/access-log')) await saveScreenshot(page, 'access-log-390.png', { maxHeight: 1600 });
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});

describe('plurals', () => {
  test('one young person found is "Viser 1 ung."; in English "Showing 1 young person."', async () => {
    await page.goto(`${server.url}/?q=${encodeURIComponent(citizen.identifier)}`);
    const count = page.locator('.search-count');
    await count.getByText('Viser 1 ung.', { exact: true }).waitFor();
    await page.goto(`${server.url}/?q=`);
    assert.match((await count.textContent()) ?? '', /^Viser \d+ unge\.$/);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.goto(`${server.url}/?q=${encodeURIComponent(citizen.identifier)}`);
    await count.getByText('Showing 1 young person.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Dansk', exact: true }).click();
  });

  test('logs no console errors', () => {
    assert.deepEqual(browser.consoleErrors, []);
  });
});
