// Group sessions in the browser (issue 11, "Meetings": one session, many participants, attendance
// recorded per young person in one form): resourceconsultant.naestved opens the demo's running job
// club from the menu, ticks who came from the keyboard and saves; what was saved is checked against
// the API's answer, and the session's young people are only those of the reader's teams. axe-core
// at 1280 and 390 pixels; screenshots docs/screenshots/group-session-*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, assertAccessible, endSession, logIn, saveScreenshot, startSession } from './browser.mjs';

let server;
let page;
let session;

before(async () => {
  session = await startSession();
  ({ server, page } = session);
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, server.url, 'resourceconsultant.naestved');
});
after(async () => {
  await endSession(session);
});

test('the resource consultant records who came to the job club in one form', async () => {
  await page.getByRole('link', { name: 'Gruppeforløb', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Gruppeforløb' }).waitFor();
  await assertAccessible(page, 'group sessions');
  await saveScreenshot(page, 'group-sessions.png', { maxHeight: 1400 });

  const listed = await apiGet(page, '/api/v1/group-sessions');
  assert.equal(listed.status, 200);
  const club = listed.body.items.find((s) => s.topic === 'Jobklub: Sådan går en jobsamtale');
  assert.ok(club, 'the demo job club is listed');
  await page.getByRole('link', { name: /Jobklub: Sådan går en jobsamtale/ }).first().click();
  const legend = page.getByRole('group', { name: 'Sæt flueben ved de unge, der mødte op' });
  await legend.waitFor();
  const boxes = legend.getByRole('checkbox');
  const count = await boxes.count();
  assert.ok(count >= 2, `${count} young people in the form`);

  // Every box ticked, from the keyboard: Tab to each and Space where it is not ticked.
  await boxes.first().focus();
  for (let i = 0; i < count; i++) {
    if (!(await boxes.nth(i).isChecked())) await page.keyboard.press('Space');
    if (i < count - 1) await page.keyboard.press('Tab');
  }
  await page.getByRole('button', { name: 'Gem fremmøde', exact: true }).click();
  await page.getByText(`Fremmødet er gemt: ${count} af ${count} mødte op.`, { exact: true }).waitFor();

  const saved = await apiGet(page, `/api/v1/group-sessions/${club.id}`);
  assert.equal(saved.status, 200);
  const people = saved.body.participants;
  assert.equal(people.length, count, 'the form showed exactly the participants the API answers');
  assert.ok(people.every((p) => p.attended === true), JSON.stringify(people));
  await assertAccessible(page, 'group session attendance');
  await saveScreenshot(page, 'group-session-attendance.png', { maxHeight: 1400 });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await legend.waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling at 390 px');
  await assertAccessible(page, 'group session attendance at 390 px');
  await saveScreenshot(page, 'group-session-attendance-390.png', { maxHeight: 1600 });
});
