// Registering and referring a young person in the browser (issue: "no screen to register or
// refer"): a care manager of the Herning team opens "Registrér en ung" from the start page,
// types a malformed and then an impossible substitute number and sees the live validation,
// searches with a number that is not registered with them, fills in the name, registers, lands on
// the young person's page with the referral form open, refers them to IBBU Midt with a target
// group chosen by its Danish name, and sees the enrolment with status "Henvist". Searching the
// same number again finds the record instead of registering it twice. axe-core on both pages;
// screenshots docs/screenshots/register.png (1280 px) and register-390.png (390 px).
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

// A substitute number (erstatningspersonnummer: the day of birth plus 60, CPR-kontoret's rule)
// that no demo person has: born 5 February 2003, so the day field is 65.
const NUMBER = '650203-4321';
const NAME = 'Testa Registreringsen';

test('a care manager registers a young person after searching, then refers them to a project', async () => {
  await logIn(page, base, 'caremanager.herning');
  await page.getByRole('link', { name: 'Registrér en ung', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Registrér en ung' }).waitFor();

  await page.getByLabel('Erstatningspersonnummer', { exact: true }).check();
  const field = page.getByRole('textbox', { name: 'Erstatningspersonnummer' });
  await field.fill('65020');
  await field.blur();
  await page.getByText('Skriv 10 tegn: 6 cifre, eventuelt en bindestreg, og 4 tegn til sidst.').first().waitFor();
  await field.fill('991303-4321'); // day 99 - 60 = 39: no month has it
  await page.getByText('De første 6 cifre er ikke en rigtig dato (ddmmåå).').first().waitFor();
  await assertAccessible(page, 'registration with a live error');

  await field.fill(NUMBER);
  assert.equal(await page.getByText('De første 6 cifre er ikke en rigtig dato (ddmmåå).').count(), 0, 'the error goes');
  await page.getByRole('button', { name: 'Søg efter den unge' }).click();
  await page.getByText('Ingen ung med nummeret 650203-4321 er registreret hos dig.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Registrér', exact: true }).click();
  await page.getByText('Udfyld feltet.').first().waitFor(); // the name is required
  await page.getByLabel('Fulde navn').fill(NAME);
  await page.getByLabel('Telefon').fill('20 30 40 50');
  await page.getByRole('button', { name: 'Registrér', exact: true }).click();

  await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
  const citizenId = Number(new URL(page.url()).pathname.split('/')[2]);
  const form = page.getByRole('form', { name: 'Henvis til et projekt' });
  await form.waitFor();
  await form.getByLabel('Projekt').selectOption({ label: 'IBBU Midt' });
  await form.getByLabel('Henvist af').fill('Jobcentret');
  // Target groups are named in Danish from GET /api/v1/target-groups, never as codes.
  const options = await form.getByLabel('Målgruppe').locator('option').allTextContents();
  assert.ok(options.some((o) => /kontanthjælp|Sygedagpenge|A-dagpenge/.test(o)), `Danish names: ${options}`);
  assert.ok(!options.some((o) => /-kontanthjaelp|^dagpenge$/.test(o)), `no codes: ${options}`);
  await assertAccessible(page, 'referral form');
  await saveScreenshot(page, 'register.png');
  await form.getByLabel('Målgruppe').selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Henvis', exact: true }).click();

  const enrolment = page.getByRole('region', { name: 'IBBU Midt', exact: true });
  await enrolment.waitFor();
  await enrolment.getByText('Henvist', { exact: true }).first().waitFor();
  const answer = await apiGet(page, `/api/v1/citizens/${citizenId}`);
  assert.equal(answer.status, 200);
  assert.equal(answer.body.enrolments.length, 1);
  assert.equal(answer.body.enrolments[0].status, 'referred');
  assert.equal(answer.body.enrolments[0].referral_source, 'Jobcentret');

  // Search before register: the same number now finds the record.
  await page.goto(`${base}/citizens/new`);
  await page.getByLabel('Erstatningspersonnummer', { exact: true }).check();
  await page.getByRole('textbox', { name: 'Erstatningspersonnummer' }).fill('6502034321');
  await page.getByRole('button', { name: 'Søg efter den unge' }).click();
  await page.getByText('Den unge er allerede registreret hos dig', { exact: true }).waitFor();
  await page.getByRole('link', { name: new RegExp(NAME) }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Registrér', exact: true }).count(), 0, 'no second registration form');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/citizens/new`);
  await page.getByRole('heading', { level: 1, name: 'Registrér en ung' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 390 px (${overflow} px too wide)`);
  await saveScreenshot(page, 'register-390.png');
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.deepEqual(session.browser.consoleErrors, []);
});
