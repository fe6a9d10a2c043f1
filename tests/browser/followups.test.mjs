// The follow-up list in the browser (issue 9, item 14): follow-up questionnaires stay visible
// until the schedule is done, also after a course has ended. A care manager opens "Opfølgninger"
// from the menu and sees the demo's young person whose 3-month follow-up is due, with its window
// and state; "Alle med et opfølgningsskema" lists everyone with a schedule, and the choice is in
// the address. An ended enrolment whose follow-up is due stays on the list. A caseworker has no
// such menu item, and a direct visit says plainly whom the page is for. axe on the page;
// screenshots docs/screenshots/followups.png (1280 px) and followups-390.png (390 px).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, assertAccessible, endSession, logIn, saveScreenshot, startSession } from './browser.mjs';

let session;
let page;
let base;

before(async () => {
  session = await startSession();
  ({ page } = session);
  base = session.server.url;
});

after(async () => {
  await endSession(session);
});

async function signOut() {
  await page.getByRole('button', { name: 'Log af' }).click();
  await page.getByRole('heading', { level: 1, name: 'Log ind', exact: true }).waitFor();
}

test('a care manager sees the follow-ups due, and the whole schedule on request', async () => {
  await logIn(page, base, 'caremanager.herning');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Opfølgninger' }).click();
  await page.getByRole('heading', { level: 1, name: 'Opfølgninger' }).waitFor();
  // What the API answers is what the page shows (the rules are the server's: src/core/followup.c).
  const open = await apiGet(page, '/api/v1/follow-ups?state=open&limit=200');
  assert.equal(open.status, 200);
  assert.ok(open.body.items.length >= 1, 'the demo has a follow-up due on the Herning team');
  const rows = page.locator('table.followups-table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), open.body.items.length);
  const first = open.body.items[0];
  const row = rows.filter({ hasText: first.citizen.name });
  await row.getByRole('link', { name: first.citizen.name }).waitFor();
  const label = { due: 'Forfalden', overdue: 'Overskredet' }[first.next.state];
  assert.ok(label, `the open list shows due or overdue points, not ${first.next.state}`);
  await row.getByText(label).first().waitFor();
  await page.getByText(open.body.items.length === 1 ? 'Viser 1 ung.' : `Viser ${open.body.items.length} unge.`).waitFor();
  await assertAccessible(page, 'follow-ups');
  await saveScreenshot(page, 'followups.png');

  await page.getByLabel('Alle med et opfølgningsskema').check();
  await page.waitForURL((url) => url.pathname === '/follow-ups' && url.search === '?state=all');
  const all = await apiGet(page, '/api/v1/follow-ups?state=all&limit=200');
  await page.getByText(`Viser ${all.body.items.length} unge.`).waitFor();
  assert.ok(all.body.items.length > open.body.items.length, 'everyone with a schedule is more than those due');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/follow-ups`);
  await rows.first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 390 px (${overflow} px too wide)`);
  await assertAccessible(page, 'follow-ups at 390 px');
  await saveScreenshot(page, 'followups-390.png');
  await page.setViewportSize({ width: 1280, height: 800 });
  await signOut();
});

test('an ended course keeps its due follow-up on the list', async () => {
  await logIn(page, base, 'caremanager.herning');
  const open = await apiGet(page, '/api/v1/follow-ups?state=open&limit=200');
  const item = open.body.items[0];
  const enrolment = await apiGet(page, `/api/v1/enrolments/${item.enrolment_id}`);
  // End it the way the API requires (a reason), from inside the page's session.
  const ended = await page.evaluate(async ({ id, version }) => {
    const me = await (await fetch('/api/v1/auth/me')).json();
    const res = await fetch(`/api/v1/enrolments/${id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token, 'If-Match': `"${version}"` },
      body: JSON.stringify({ status: 'completed', status_reason: 'planned_end' }),
    });
    return res.status;
  }, { id: item.enrolment_id, version: enrolment.body.version });
  assert.equal(ended, 200);
  await page.goto(`${base}/follow-ups`);
  const row = page.locator('table.followups-table tbody tr').filter({ hasText: item.citizen.name });
  await row.waitFor();
  await row.getByText('Afsluttet').first().waitFor();
  await signOut();
});

test('a caseworker has no follow-up list: not in the menu, and a direct visit says whom it is for', async () => {
  await logIn(page, base, 'caseworker.herning');
  assert.equal(await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Opfølgninger' }).count(), 0);
  await page.goto(`${base}/follow-ups`);
  await page.getByRole('heading', { level: 1, name: 'Du har ikke adgang til siden' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Prøv igen' }).count(), 0);
  assert.deepEqual(session.browser.consoleErrors, []);
});
