// Forms on demand and the one date component, in the browser against the real
// server and its demo data:
//
// - a citizen whose latest PHQ-9 has the safety flag: the overview warns of it
//   and leads to the follow-up; the treatment tab starts with it and shows
//   what is recorded, every form closed behind its "Registrér …" button;
// - a form opens with the focus on its heading; Escape and "Annuller" close it
//   and return the focus to the button; a save closes it and the focus lands
//   on the message saying what was saved;
// - every date field is DKFDS's date input (day, month, year), none the
//   browser's date picker; an impossible date is refused by name, and the
//   error summary leads to the day field;
// - the case-review page lists the flagged cases without a form; a row's
//   button opens the form for that young person.
//
// axe-core on the overview, the treatment tab (with a form open, and at 390
// pixels), and the case review with a form open (also at 390 pixels);
// screenshots docs/screenshots/citizen-390.png, treatment.png,
// treatment-390.png, case-review.png and case-review-390.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  apiGet,
  assertAccessible,
  endSession,
  logIn,
  logOff,
  saveScreenshot,
  startSession,
  todayInDenmark,
} from './browser.mjs';

const PROJECT = 'IBBU Midt';

let server;
let browser;
let page;
let session;
/** A Herning citizen with an open safety flag: { id, name, enrolmentId }. */
let flagged;

before(async () => {
  session = await startSession();
  ({ server, browser, page } = session);
});

after(async () => {
  await endSession(session);
});

function enrolmentRegion() {
  return page.getByRole('region', { name: PROJECT, exact: true });
}

function treatmentPanel() {
  return enrolmentRegion().getByRole('tabpanel', { name: 'Behandling', exact: true });
}

const activeText = () => page.evaluate(() => (document.activeElement?.textContent ?? '').trim());
const activeId = () => page.evaluate(() => document.activeElement?.id ?? '');

/** Every date field on the page is DKFDS's date input: a group with day, month and year. */
async function assertDateInputs(scope, label) {
  assert.equal(await page.locator('input[type="date"]').count(), 0, `${label}: no browser date picker`);
  const groups = scope.locator('fieldset[data-date-field]');
  const n = await groups.count();
  assert.ok(n >= 1, `${label}: a date field`);
  for (let i = 0; i < n; i++) {
    const group = groups.nth(i);
    for (const part of ['Dag', 'Måned', 'År']) {
      const input = group.getByLabel(part, { exact: true });
      assert.equal(await input.getAttribute('inputmode'), 'numeric', `${label}: ${part}`);
    }
  }
  return n;
}

describe('forms on demand', () => {
  test('setup: a Herning citizen whose latest PHQ-9 has the safety flag', async () => {
    await logIn(page, server.url, 'caremanager.herning');
    const caseload = await apiGet(page, '/api/v1/caseload');
    assert.equal(caseload.status, 200);
    const row = caseload.body.items.find((r) => r.flags.includes('safety') && r.project_id === 1);
    assert.ok(row, 'the demo data has a safety case in IBBU Midt');
    flagged = { id: row.citizen_id, name: row.citizen_name, enrolmentId: row.enrolment_id };
  });

  test('the overview warns of the safety flag and leads to the follow-up', async () => {
    await page.goto(`${server.url}/citizens/${flagged.id}`);
    await page.getByRole('heading', { level: 1, name: flagged.name, exact: true }).waitFor();
    const overview = enrolmentRegion().getByRole('tabpanel', { name: 'Overblik', exact: true });
    await overview.getByText('Sikkerhed: tanker om død eller selvskade', { exact: true }).waitFor();
    await assertAccessible(page, 'overview with the safety warning');
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await overview.getByRole('button', { name: 'Gå til sikkerhedsopfølgningen', exact: true }).waitFor();
      await assertAccessible(page, 'overview with the safety warning at 390 pixels');
      await saveScreenshot(page, 'citizen-390.png', { maxHeight: 1600 });
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await overview.getByRole('button', { name: 'Gå til sikkerhedsopfølgningen', exact: true }).click();
    await treatmentPanel().waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Sikkerhedsopfølgning');
    assert.equal(
      await enrolmentRegion().getByRole('tab', { name: 'Behandling', exact: true }).getAttribute('aria-selected'),
      'true',
    );
  });

  test('the treatment tab starts with the safety flag, and every form is closed', async () => {
    const panel = treatmentPanel();
    await panel.getByRole('table', { name: 'Spørgeskemaer, nyeste først' }).waitFor();
    await panel.getByRole('table', { name: 'Kontakter, nyeste først' }).waitFor();
    const headings = (await panel.locator('h4').allTextContents()).map((s) => s.trim());
    assert.equal(headings[0], 'Sikkerhedsopfølgning', headings.join(' | '));
    assert.equal(await panel.locator('form').count(), 0, 'no form open');
    for (const name of ['Registrér sikkerhedsopfølgning', 'Registrér spørgeskema', 'Registrér kontakt', 'Registrér afgørelse']) {
      await panel.getByRole('button', { name, exact: true }).waitFor();
    }
    await panel.getByRole('button', { name: /^(Opret|Ret) behandlingsplan$/ }).waitFor();
    await saveScreenshot(page, 'treatment.png');
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await assertAccessible(page, 'treatment tab at 390 pixels');
      await saveScreenshot(page, 'treatment-390.png', { maxHeight: 1600, from: enrolmentRegion() });
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  test('a form opens with the focus on its heading; Escape and "Annuller" return to the button', async () => {
    const sessions = treatmentPanel().getByRole('region', { name: 'Samtaler og kontakter', exact: true });
    const open = sessions.getByRole('button', { name: 'Registrér kontakt', exact: true });
    const buttonId = await open.getAttribute('id');
    await open.click();
    const form = sessions.getByRole('form', { name: 'Registrér kontakt', exact: true });
    await form.waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H5');
    assert.equal(await activeText(), 'Registrér kontakt');

    await form.getByLabel('Varighed i minutter', { exact: true }).focus();
    await page.keyboard.press('Escape');
    assert.equal(await form.count(), 0, 'Escape closes the form');
    await page.waitForFunction((id) => document.activeElement?.id === id, buttonId);

    await open.click();
    await form.getByRole('button', { name: 'Annuller', exact: true }).click();
    assert.equal(await form.count(), 0, '"Annuller" closes the form');
    await page.waitForFunction((id) => document.activeElement?.id === id, buttonId);
    await assertAccessible(page, 'treatment tab, forms closed');
  });

  test('the date is typed as day, month and year; an impossible one is refused by name', async () => {
    const sessions = treatmentPanel().getByRole('region', { name: 'Samtaler og kontakter', exact: true });
    await sessions.getByRole('button', { name: 'Registrér kontakt', exact: true }).click();
    const form = sessions.getByRole('form', { name: 'Registrér kontakt', exact: true });
    await assertDateInputs(form, 'session');
    const date = form.getByRole('group', { name: 'Dato', exact: true });
    const [year, month, day] = todayInDenmark().split('-');
    // Today, to start from.
    assert.equal(await date.getByLabel('Dag', { exact: true }).inputValue(), String(Number(day)));
    assert.equal(await date.getByLabel('Måned', { exact: true }).inputValue(), String(Number(month)));
    assert.equal(await date.getByLabel('År', { exact: true }).inputValue(), year);

    // 30 February: typed from the keyboard, refused with the error summary leading to the day.
    await date.getByLabel('Dag', { exact: true }).fill('');
    await date.getByLabel('Dag', { exact: true }).pressSequentially('30');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await form.getByLabel('Form', { exact: true }).selectOption({ label: 'Telefon' });
    await form.getByLabel('Varighed i minutter', { exact: true }).fill('20');
    await form.getByLabel('Notat', { exact: true }).fill('Kort opfølgning (browsertest).');
    await form.getByRole('button', { name: 'Registrér kontakt', exact: true }).click();
    const link = form.getByRole('alert').getByRole('link', { name: 'Skriv en gyldig dato.', exact: true });
    await link.waitFor();
    await assertAccessible(page, 'session form with a date error');
    await link.click();
    assert.match(await activeId(), /^session-\d+-date-day$/);

    // Today again, and the save: the form closes and the focus lands on what was saved.
    await date.getByLabel('Dag', { exact: true }).fill(String(Number(day)));
    await date.getByLabel('Måned', { exact: true }).fill(String(Number(month)));
    await form.getByRole('button', { name: 'Registrér kontakt', exact: true }).click();
    await sessions.getByText('Kontakten er registreret.', { exact: true }).waitFor();
    assert.equal(await form.count(), 0);
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Kontakten er registreret.');
    await sessions
      .getByRole('table', { name: 'Kontakter, nyeste først' })
      .getByRole('row')
      .filter({ hasText: 'Kort opfølgning (browsertest).' })
      .waitFor();
  });

  test('every form on the citizen page dates with the same component', async () => {
    const panel = treatmentPanel();
    const forms = [
      ['Registrér sikkerhedsopfølgning', 'Registrér sikkerhedsopfølgning'],
      ['Registrér afgørelse', 'Registrér afgørelse'],
      [/^(Opret|Ret) behandlingsplan$/, /^(Opret|Ret) behandlingsplan$/],
    ];
    let fields = 0;
    for (const [button, name] of forms) {
      await panel.getByRole('button', { name: button, exact: typeof button === 'string' }).click();
      const form = panel.getByRole('form', { name, exact: typeof name === 'string' });
      await form.waitFor();
      fields += await assertDateInputs(form, String(name));
      await page.keyboard.press('Escape');
      assert.equal(await form.count(), 0);
    }
    // The questionnaire's form once an instrument is chosen.
    await panel.getByRole('button', { name: 'Registrér spørgeskema', exact: true }).click();
    await panel.getByLabel('Spørgeskema', { exact: true }).selectOption('gad7');
    const gad7 = panel.getByRole('form', { name: 'GAD-7', exact: true });
    await gad7.waitFor();
    fields += await assertDateInputs(gad7, 'questionnaire');
    await assertAccessible(page, 'treatment tab with the questionnaire form open');
    await gad7.getByRole('button', { name: 'Annuller', exact: true }).click();

    // The consent form on the overview.
    await enrolmentRegion().getByRole('tab', { name: 'Overblik', exact: true }).click();
    const overview = enrolmentRegion().getByRole('tabpanel', { name: 'Overblik', exact: true });
    await overview.getByRole('button', { name: 'Registrér samtykke', exact: true }).click();
    fields += await assertDateInputs(overview.getByRole('form', { name: 'Registrér samtykke', exact: true }), 'consent');
    // Safety, eligibility, plan (start and aftercare), questionnaire, consent.
    assert.equal(fields, 6);
    await logOff(page);
  });
});

describe('case review', () => {
  test('the flagged cases without a form; a row’s button opens the form for that young person', async () => {
    await logIn(page, server.url, 'supervisor.herning');
    await page.goto(`${server.url}/case-review`);
    const table = page.getByRole('table', { name: 'Forløb med markeringer' });
    const first = table.locator('tbody tr').first();
    await first.waitFor();
    assert.equal(await page.getByRole('main').locator('form').count(), 0, 'no form open');
    const name = ((await first.getByRole('link').textContent()) ?? '').trim();
    const open = first.getByRole('button', { name: `Registrér anbefaling for ${name}`, exact: true });
    await open.click();
    assert.equal(await open.getAttribute('aria-expanded'), 'true');
    const form = page.getByRole('form', { name: `Anbefaling for ${name}`, exact: true });
    await form.waitFor();
    await page.waitForFunction((n) => document.activeElement?.textContent === `Anbefaling for ${n}`, name);
    assert.equal(await assertDateInputs(form, 'case review'), 2, 'the date and the task’s due date');
    await assertAccessible(page, 'case review with a form open');
    await saveScreenshot(page, 'case-review.png');
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w <= 390, `the case review is ${w} pixels wide`);
      await assertAccessible(page, 'case review with a form open at 390 pixels');
      await saveScreenshot(page, 'case-review-390.png', { maxHeight: 1600, from: page.locator('.on-demand-form') });
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await page.getByRole('heading', { name: `Anbefaling for ${name}`, exact: true }).focus();
    await form.getByLabel('Anbefaling', { exact: true }).focus();
    await page.keyboard.press('Escape');
    assert.equal(await form.count(), 0);
    const buttonId = await open.getAttribute('id');
    await page.waitForFunction((id) => document.activeElement?.id === id, buttonId);
    assert.equal(await open.getAttribute('aria-expanded'), 'false');
  });

  test('logs no console errors (but the treatment plan’s expected 404)', () => {
    const unexpected = browser.consoleErrors.filter(
      (e) => !(/Failed to load resource: .*\b404\b/.test(e) && /\/treatment-plan\)$/.test(e)),
    );
    assert.deepEqual(unexpected, []);
  });
});
