// The caseload's "Mine / Hele teamet" in the browser, against the real server
// and its demo data (issue 9, item 12):
//
// - a therapist (therapist.herning) opens the caseload on "Mine": the rows are
//   those GET /api/v1/caseload?scope=mine answers, without the carrier column;
// - "Hele teamet", chosen from the keyboard, puts ?scope=team in the address
//   and lists every case GET …?scope=team answers — also those the therapist
//   does not carry (mine: false) — each with who carries it in treatment (the
//   row's assignments: care manager and therapist, or "Ingen tilknyttet");
// - a reload keeps the choice, and the back button returns to "Mine".
//
// The expected rows come from the API's answers (followed to the last page),
// not from the page. axe-core on both views (the team's also at 390 pixels);
// screenshots docs/screenshots/caseload-team.png and caseload-team-390.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiGet, assertAccessible, endSession, logIn, saveScreenshot, startSession } from './browser.mjs';

let server;
let page;
let session;
/** The API's answers: { mine: rows, team: rows }. */
const api = {};

before(async () => {
  session = await startSession();
  ({ server, page } = session);
});

after(async () => {
  await endSession(session);
});

/** Every row of the caseload in that scope, following next_cursor. */
async function caseload(scope) {
  const rows = [];
  let cursor = null;
  do {
    const q = `scope=${scope}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await apiGet(page, `/api/v1/caseload?${q}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    rows.push(...res.body.items);
    cursor = res.body.next_cursor;
  } while (cursor);
  return rows;
}

const ROLE_NAMES = { care_manager: 'Behandlingsansvarlig', therapist: 'Behandler' };

/** What the carrier cell should say for a row, from its assignments. */
function carriersText(row) {
  const named = ['care_manager', 'therapist']
    .filter((role) => row.assignments[role] !== null)
    .map((role) => `${ROLE_NAMES[role]}: ${row.assignments[role].name}`);
  return named.length > 0 ? named : ['Ingen tilknyttet'];
}

/** How many pixels the page scrolls sideways (0: it fits the window). */
const sidewaysScroll = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

function table() {
  return page.locator('table#caseload');
}

async function shownEnrolments() {
  await table().locator('tbody tr').first().waitFor();
  return table()
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.enrolment)));
}

describe('caseload: mine or the whole team', () => {
  test('setup: the therapist’s caseload, mine and the team’s, as the API answers them', async () => {
    await logIn(page, server.url, 'therapist.herning');
    api.mine = await caseload('mine');
    api.team = await caseload('team');
    assert.ok(api.team.length > api.mine.length, `the team has cases the therapist does not carry (${api.mine.length} of ${api.team.length})`);
    assert.ok(api.team.some((r) => !r.mine), 'a team case that is not the therapist’s');
    for (const row of api.mine) assert.ok(api.team.some((r) => r.enrolment_id === row.enrolment_id), 'mine is part of the team’s');
  });

  test('"Mine" is the default: the therapist’s own cases, without the carrier column', async () => {
    await page.goto(`${server.url}/caseload`);
    await page.getByRole('heading', { level: 1, name: 'Forløbsoversigt', exact: true }).waitFor();
    const choice = page.getByRole('group', { name: 'Vis forløb', exact: true });
    assert.equal(await choice.getByRole('radio', { name: 'Mine', exact: true }).isChecked(), true);
    assert.equal(await choice.getByRole('radio', { name: 'Hele teamet', exact: true }).isChecked(), false);
    if (api.mine.length === 0) {
      await page.getByText('Du har ingen unge i forløb. Vælg »Hele teamet« for at se teamets forløb.', { exact: true }).waitFor();
    } else {
      assert.deepEqual((await shownEnrolments()).sort(), api.mine.map((r) => r.enrolment_id).sort());
      assert.equal(await table().getByRole('columnheader', { name: 'Tilknyttet' }).count(), 0);
      await page.getByRole('status').getByText(api.mine.length === 1 ? 'Viser 1 ung.' : `Viser ${api.mine.length} unge.`).waitFor();
    }
    await assertAccessible(page, 'caseload, mine');
  });

  test('"Hele teamet" from the keyboard: the address, every team case, and who carries each', async () => {
    await page.getByRole('radio', { name: 'Mine', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((url) => url.pathname === '/caseload' && url.search === '?scope=team');
    // The focus stays on the choice; the page does not jump to its heading.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'caseload-scope-team');
    await page.getByRole('table', { name: 'Unge i forløb på dine teams', exact: true }).waitFor();
    await page.getByRole('status').getByText(`Viser ${api.team.length} unge.`, { exact: true }).waitFor();
    assert.deepEqual((await shownEnrolments()).sort(), api.team.map((r) => r.enrolment_id).sort());
    await table().getByRole('columnheader', { name: 'Tilknyttet', exact: true }).waitFor();

    for (const row of api.team) {
      const cell = table().locator(`tr[data-enrolment="${row.enrolment_id}"] td`).first();
      const items = await cell.locator('li').allTextContents();
      const shown = items.length > 0 ? items.map((x) => x.trim()) : [(await cell.innerText()).trim()];
      assert.deepEqual(shown, carriersText(row), `enrolment ${row.enrolment_id}`);
    }
    const notMine = api.team.find((r) => !r.mine);
    assert.equal(await table().locator(`tr[data-enrolment="${notMine.enrolment_id}"]`).count(), 1, 'a case the therapist does not carry');
    await assertAccessible(page, 'caseload, the whole team');
    assert.equal(await sidewaysScroll(), 0, 'the extra column fits a 1280-pixel screen');
    await saveScreenshot(page, 'caseload-team.png', { maxHeight: 1400 });
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await assertAccessible(page, 'caseload, the whole team, at 390 pixels');
      assert.equal(await sidewaysScroll(), 0, 'the stacked rows fit a 390-pixel phone');
      await saveScreenshot(page, 'caseload-team-390.png', { maxHeight: 1600 });
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  test('a reload keeps "Hele teamet"; back returns to "Mine"', async () => {
    await page.reload();
    await page.getByRole('table', { name: 'Unge i forløb på dine teams', exact: true }).waitFor();
    assert.equal(await page.getByRole('radio', { name: 'Hele teamet', exact: true }).isChecked(), true);
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/caseload' && url.search === '');
    await page.getByRole('radio', { name: 'Mine', exact: true }).waitFor();
    await page.waitForFunction(() => document.getElementById('caseload-scope-mine')?.checked === true);
    if (api.mine.length > 0) {
      await page.getByRole('table', { name: 'Unge i forløb', exact: true }).waitFor();
      assert.deepEqual((await shownEnrolments()).sort(), api.mine.map((r) => r.enrolment_id).sort());
    }
  });
});
