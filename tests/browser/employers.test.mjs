// The employer register and the contact with an employer in the browser (issue 11, "Employers"
// and "Employer contacts"), against the real server and its demo data, as a job consultant
// (jobconsultant.herning) who uses the keyboard only:
//
// - the header's "Arbejdsgivere" leads to the register; a search runs as one types;
// - a new employer with a CVR number failing the modulus 11 check (13748137) is refused at the
//   CVR field in Danish (the server's cvr_format); with 13748136 (Erhvervsstyrelsen's worked
//   example, docs/sources.md#cvr-mod11) it is created and its page opens;
// - two contacts in a row from the register's form: the employer chosen in the combobox
//   (WAI-ARIA 1.2: aria-expanded, aria-activedescendant on an option with aria-selected, Escape
//   closing the list), the second one's employer created inline from the combobox; after each
//   Save the focus is back on the employer field and a status message says what was saved;
// - on a young person's page ("Job og uddannelse"), a contact preset to them appears in the
//   table, and GET /enrolments/{id}/employer-contacts answers it.
//
// What was saved is checked against the API's answers. axe-core on each page (also at 390
// pixels); screenshots docs/screenshots/employers-*.png at 1280 and 390.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import path from 'node:path';
import { apiGet, assertAccessible, endSession, logIn, saveScreenshot, startSession, todayInDenmark } from './browser.mjs';
import { REPO_ROOT } from './server.mjs';

let server;
let page;
let session;
/** The employer created on the register page. */
const made = {};

const NEW_EMPLOYER = 'Fiktiv Browsertest Cykler ApS';
const INLINE_EMPLOYER = 'Fiktiv Browsertest Bageri';
const CVR_BAD = '13748137';
const CVR_GOOD = '13748136';

before(async () => {
  session = await startSession();
  ({ server, page } = session);
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, server.url, 'jobconsultant.herning');
});

after(async () => {
  await endSession(session);
});

const combobox = () => page.getByRole('combobox', { name: 'Arbejdsgiver', exact: true });
const activeId = () => page.evaluate(() => document.activeElement?.id ?? '');

/** Wait until the element with this id has the focus (the UI moves it in an effect, after a render). */
async function focusOn(id) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 5000 }).catch(() => undefined);
  assert.equal(await activeId(), id);
}

/** Every contact with an employer, newest first (every page). */
async function employerContacts(id) {
  const items = [];
  let cursor = null;
  do {
    const res = await apiGet(page, `/api/v1/employers/${id}/contacts?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
  } while (cursor);
  return items;
}

/** Type into the focused combobox and wait for its suggestions. */
async function typeAndWaitForList(text) {
  await page.keyboard.type(text);
  await page.getByRole('listbox', { name: 'Arbejdsgiver', exact: true }).getByRole('option').first().waitFor();
}

/** Tab from the employer field to the field named `id`, pressing Tab as a keyboard user does. */
async function tabTo(id, limit = 12) {
  for (let i = 0; i < limit && (await activeId()) !== id; i++) await page.keyboard.press('Tab');
  assert.equal(await activeId(), id);
}

describe('the employer register (jobconsultant.herning)', () => {
  test('the header leads to the register, which searches as one types', async () => {
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Arbejdsgivere', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Arbejdsgivere', exact: true }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/employers');
    const all = (await apiGet(page, '/api/v1/employers?limit=200')).body.items;
    assert.ok(all.length > 1, 'the demo register has employers');
    const shown = Math.min(all.length, 25); // the page's first page
    await page.getByText(`Viser ${shown} arbejdsgivere.`, { exact: true }).waitFor();
    // A part of one name (a word of plain letters, so that folding is plain lower case), typed
    // without pressing Enter: only the names that contain it.
    const words = all.flatMap((e) => e.name.split(' ')).filter((w) => /^[A-Za-z]{5,}$/.test(w) && w !== 'Fiktiv');
    assert.ok(words.length > 0, 'a demo employer has a plain word in its name');
    const part = words[0].slice(0, 4).toLowerCase();
    await page.getByRole('searchbox', { name: 'Navn', exact: true }).fill(part);
    const expected = all.filter((e) => e.name.toLowerCase().includes(part)).map((e) => e.name);
    await page.waitForFunction(
      (n) => document.querySelectorAll('.search-results tbody tr').length === n && document.querySelector('.search-results caption')?.textContent?.includes('»'),
      expected.length,
    );
    const names = await page.locator('.search-results tbody th').allTextContents();
    assert.deepEqual(names, expected);
    await page.getByRole('searchbox', { name: 'Navn', exact: true }).fill('');
    await page.getByText(`Viser ${shown} arbejdsgivere.`, { exact: true }).waitFor();
    await assertAccessible(page, 'employer register');
    await saveScreenshot(page, 'employers-register.png');
  });

  test('a CVR number failing modulus 11 is refused at its field in Danish; a valid one creates the employer', async () => {
    await page.getByRole('button', { name: 'Opret arbejdsgiver', exact: true }).focus();
    await page.keyboard.press('Enter');
    await focusOn('employer-new-form-heading');
    await page.keyboard.press('Tab');
    assert.equal(await activeId(), 'employer-new-name');
    await page.keyboard.type(NEW_EMPLOYER);
    await page.keyboard.press('Tab');
    await page.keyboard.type(CVR_BAD);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Fiktivvej 12');
    await page.keyboard.press('Tab');
    await page.keyboard.type('7400');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Herning');
    await page.keyboard.press('Enter');
    const cvrGroup = page.locator('.form-group.form-error').filter({ has: page.locator('#employer-new-cvr') });
    await cvrGroup.waitFor();
    assert.equal(
      (await cvrGroup.locator('.form-error-message').textContent()).trim(),
      'Fejl: Skriv CVR-nummeret som otte cifre, som det står i CVR.',
    );
    assert.equal(await page.locator('#employer-new-cvr').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'employer form with the CVR error');
    await saveScreenshot(page, 'employers-cvr-error.png');
    // The summary's link leads to the field; corrected, the employer is created and its page opens.
    await page.locator('#employer-new-cvr').fill(CVR_GOOD);
    await page.locator('#employer-new-cvr').press('Enter');
    await page.getByRole('heading', { level: 1, name: NEW_EMPLOYER, exact: true }).waitFor();
    made.id = Number(new URL(page.url()).pathname.split('/').pop());
    const e = (await apiGet(page, `/api/v1/employers/${made.id}`)).body;
    assert.deepEqual([e.name, e.cvr, e.address, e.postcode, e.city], [NEW_EMPLOYER, CVR_GOOD, 'Fiktivvej 12', '7400', 'Herning']);
    await page.getByRole('link', { name: 'Tilbage til arbejdsgiverne', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Arbejdsgivere', exact: true }).waitFor();
  });

  test('two contacts in a row from the keyboard: the combobox, and an employer created inline', async () => {
    const today = todayInDenmark();
    await page.getByRole('button', { name: 'Registrér kontakt med arbejdsgiver', exact: true }).focus();
    await page.keyboard.press('Enter');
    await focusOn('employer-contact-form-heading');
    await page.keyboard.press('Tab');
    assert.equal(await activeId(), 'register-contact-employer');

    // First contact: the new employer, found by a part of its name.
    await typeAndWaitForList('browsertest cyk');
    assert.equal(await combobox().getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('ArrowDown');
    const active = await combobox().getAttribute('aria-activedescendant');
    assert.ok(active, 'an option is active');
    const option = page.locator(`#${active}`);
    assert.equal(await option.getAttribute('role'), 'option');
    assert.equal(await option.getAttribute('aria-selected'), 'true');
    assert.equal((await option.locator('.combobox-option-name').textContent()).trim(), NEW_EMPLOYER);
    await assertAccessible(page, 'contact form with the combobox open');
    // Not saveScreenshot, which takes the focus away (and with it the open list).
    await page.screenshot({ path: path.join(REPO_ROOT, 'docs', 'screenshots', 'employers-combobox.png'), fullPage: true });
    // Escape closes the list without leaving the field; Down opens it again.
    await page.keyboard.press('Escape');
    assert.equal(await combobox().getAttribute('aria-expanded'), 'false');
    assert.equal(await activeId(), 'register-contact-employer');
    await page.keyboard.press('ArrowDown');
    assert.equal(await combobox().getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Enter');
    assert.equal(await combobox().inputValue(), NEW_EMPLOYER);
    assert.equal(await combobox().getAttribute('aria-expanded'), 'false');
    await tabTo('register-contact-kind');
    await page.keyboard.type('T'); // Telefon
    await page.keyboard.press('Tab');
    await page.keyboard.type('P'); // Præsentere en kandidat
    await tabTo('register-contact-outcome');
    await page.keyboard.type('Indehaveren vil gerne møde en kandidat.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ring tilbage');
    await page.keyboard.press('Enter');
    const notice = page.locator('.employer-contact-notice');
    await notice.getByText(`Kontakten med ${NEW_EMPLOYER}`).waitFor();
    assert.equal(await notice.getAttribute('role'), 'status');
    await focusOn('register-contact-employer');
    assert.equal(await combobox().inputValue(), '', 'the form is empty for the next one');

    // Second contact: an employer that is not in the register, created from the combobox.
    await typeAndWaitForList(INLINE_EMPLOYER);
    await page.keyboard.press('ArrowUp'); // the last option: create
    const createId = await combobox().getAttribute('aria-activedescendant');
    assert.equal((await page.locator(`#${createId}`).textContent()).trim(), `Opret ny arbejdsgiver »${INLINE_EMPLOYER}«`);
    await page.keyboard.press('Enter');
    await focusOn('register-contact-create-heading');
    assert.equal(await page.locator('#register-contact-new-name').inputValue(), INLINE_EMPLOYER);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await activeId(), 'register-contact-new-address');
    await page.keyboard.type('Fiktivgade 3');
    await page.keyboard.press('Enter');
    await combobox().waitFor();
    assert.equal(await combobox().inputValue(), INLINE_EMPLOYER);
    await focusOn('register-contact-date-day'); // after creating, the focus goes on to the date
    await tabTo('register-contact-kind');
    await page.keyboard.type('E'); // E-mail
    await page.keyboard.press('Tab');
    await page.keyboard.type('L'); // Lære arbejdspladsen at kende
    await tabTo('register-contact-outcome');
    await page.keyboard.type('Bageriet tager praktikanter om foråret.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await notice.getByText(`Kontakten med ${INLINE_EMPLOYER}`).waitFor();
    await focusOn('register-contact-employer');

    const first = await employerContacts(made.id);
    assert.equal(first.length, 1);
    assert.deepEqual(
      [first[0].date, first[0].kind, first[0].purpose, first[0].outcome, first[0].next_step, first[0].consultant.name],
      [today, 'phone', 'present_candidate', 'Indehaveren vil gerne møde en kandidat.', 'Ring tilbage', 'Jobkonsulent, Herning'],
    );
    const bakery = (await apiGet(page, `/api/v1/employers?q=${encodeURIComponent(INLINE_EMPLOYER)}`)).body.items;
    assert.equal(bakery.length, 1);
    assert.equal(bakery[0].address, 'Fiktivgade 3');
    const second = await employerContacts(bakery[0].id);
    assert.deepEqual(
      second.map((c) => [c.date, c.kind, c.purpose, c.outcome, 'enrolment_id' in c]),
      [[today, 'email', 'learn_workplace', 'Bageriet tager praktikanter om foråret.', false]],
    );
    await page.setViewportSize({ width: 390, height: 800 });
    await assertAccessible(page, 'contact form at 390 pixels');
    await saveScreenshot(page, 'employers-contact-390.png', { maxHeight: 2400 });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test("the employer's page adds up every consultant's contacts", async () => {
    await page.goto(`${server.url}/employers/${made.id}`);
    await page.getByRole('heading', { level: 1, name: NEW_EMPLOYER, exact: true }).waitFor();
    const sum = page.getByRole('table', { name: 'Kontakter pr. konsulent, i alt 1', exact: true });
    await sum.waitFor();
    assert.deepEqual(
      await sum.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim()))),
      [['Jobkonsulent, Herning', '1', new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${todayInDenmark()}T12:00:00Z`))]],
    );
    await assertAccessible(page, 'employer page');
    await saveScreenshot(page, 'employers-employer.png', { maxHeight: 1600 });
    await page.setViewportSize({ width: 390, height: 800 });
    await assertAccessible(page, 'employer page at 390 pixels');
    await saveScreenshot(page, 'employers-employer-390.png', { maxHeight: 2400 });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test("on a young person's page, a contact preset to them is listed", async () => {
    const citizens = (await apiGet(page, '/api/v1/citizens?limit=50')).body.items;
    let citizen = null;
    for (const c of citizens) {
      const full = (await apiGet(page, `/api/v1/citizens/${c.id}`)).body;
      if ((full.enrolments ?? []).length === 1 && full.enrolments[0].employment_summary) {
        citizen = full;
        break;
      }
    }
    assert.ok(citizen, 'a demo young person with one enrolment the consultant sees');
    const enrolment = citizen.enrolments[0];
    const before = (await apiGet(page, `/api/v1/enrolments/${enrolment.id}/employer-contacts?limit=200`)).body.items;
    await page.goto(`${server.url}/citizens/${citizen.id}`);
    await page.getByRole('heading', { level: 1, name: citizen.name, exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Job og uddannelse', exact: true }).click();
    await page.getByRole('button', { name: 'Registrér kontakt med arbejdsgiver', exact: true }).click();
    await page.getByText(`Kontakten gælder ${citizen.name}.`, { exact: true }).waitFor();
    await focusOn(`employer-contact-${enrolment.id}-form-heading`);
    const field = `enrolment-${enrolment.id}-contact-employer`;
    await page.locator(`#${field}`).focus();
    await typeAndWaitForList('browsertest cyk');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await tabTo(`enrolment-${enrolment.id}-contact-outcome`);
    await page.keyboard.type('Aftalt samtale i næste uge.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Samtale');
    await page.keyboard.press('Enter');
    await page.getByText(`Kontakten med ${NEW_EMPLOYER}`).waitFor();
    await focusOn(field);
    const now = (await apiGet(page, `/api/v1/enrolments/${enrolment.id}/employer-contacts?limit=200`)).body.items;
    assert.equal(now.length, before.length + 1);
    assert.deepEqual(
      [now[0].employer.name, now[0].purpose, now[0].citizen.id, now[0].outcome],
      [NEW_EMPLOYER, 'present_candidate', citizen.id, 'Aftalt samtale i næste uge.'],
    );
    const table = page.getByRole('table', { name: `Kontakter med arbejdsgivere om ${citizen.name}, nyeste først`, exact: true });
    await table.getByRole('link', { name: NEW_EMPLOYER, exact: true }).first().waitFor();
    await assertAccessible(page, "young person's employer contacts");
    await saveScreenshot(page, 'employers-citizen.png');
  });
});
