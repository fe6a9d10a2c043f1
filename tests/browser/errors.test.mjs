// A field the server refuses is shown at that field, in the reader's language, saying what is
// wrong and what is allowed (issue 9, item 15): the problem's `reason` and its parameters,
// translated by ui/src/problem.ts. Before, the form showed "Serveren afviste oplysningerne
// (/aftercare_from)" above it, and a session of 0 minutes "Skriv et helt tal.".
//
// Setup through the API (as caremanager.herning): a new synthetic citizen and an enrolment in
// IBBU Midt referred ten days ago. On the treatment tab the plan form is sent with a start date
// before the referral, then with aftercare from 9999-12-31 (both pass the form's own checks and
// are refused by the server's date bounds), and the session form with 0 minutes; the last
// refusal is read again in English. axe-core runs with the errors shown.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, endSession, logIn, startSession } from './browser.mjs';

const PROJECT = 'IBBU Midt';

let server;
let page;
let session;
/** { id, name, enrolmentId, referral } */
let citizen;

before(async () => {
  session = await startSession();
  ({ server, page } = session);
});

after(async () => {
  await endSession(session);
});

async function apiPost(route, body) {
  return page.evaluate(
    async ({ r, b }) => {
      const res = await fetch(r, {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'X-CSRF-Token': window.sessionStorage.getItem('samspor.csrf') ?? '',
        },
        body: JSON.stringify(b),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { r: route, b: body },
  );
}

function dayInDenmark(offsetDays) {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** An erstatningspersonnummer born 2003-08-14: day + 60, century digit 4 for 2000–2036. */
function erstatning(serial) {
  const x = (Math.floor(serial / 100) % 5) * 2;
  return `740803-4${String(serial % 100).padStart(2, '0')}${x}`;
}

function treatmentPanel() {
  return page.getByRole('region', { name: PROJECT, exact: true }).getByRole('tabpanel', { name: 'Behandling', exact: true });
}

/**
 * The error text under the field with this id (without the screen reader's "Fejl:" prefix); a
 * date field (DateField: inputs `${id}-day`, `-month`, `-year`) has it marked on its day input.
 */
async function errorAt(id, { date = false } = {}) {
  const message = page.locator(`#${id}-error`);
  await message.waitFor();
  const input = date ? `${id}-day` : id;
  assert.equal(await page.locator(`#${input}`).getAttribute('aria-invalid'), 'true', `${input} is marked invalid`);
  return (await message.textContent()).replace(/^(Fejl|Error):\s*/, '');
}

/** Type YYYY-MM-DD into the date field with this id, as day, month and year. */
async function fillDate(scope, id, iso) {
  const [year, month, day] = iso.split('-');
  await scope.locator(`#${id}-day`).fill(String(Number(day)));
  await scope.locator(`#${id}-month`).fill(String(Number(month)));
  await scope.locator(`#${id}-year`).fill(year);
}

/** The treatment tab's form behind the button of the same name, opened if it is not. */
async function openForm(name) {
  const form = treatmentPanel().getByRole('form', { name, exact: true });
  if ((await form.count()) === 0) await treatmentPanel().getByRole('button', { name, exact: true }).click();
  await form.waitFor();
  return form;
}

describe('server refusals at their fields', () => {
  test('setup: a citizen referred to IBBU Midt ten days ago', async () => {
    await logIn(page, server.url, 'caremanager.herning');
    const name = `Testine Qvx${Date.now() % 100000}z Fejlsen`;
    let created = null;
    for (let serial = 10 + Math.floor(Math.random() * 80); !created; serial++) {
      assert.ok(serial < 400, 'a free erstatning identifier');
      if (serial % 100 === 99) continue; // the demo data's block
      const res = await apiPost('/api/v1/citizens', {
        identifier: erstatning(serial), identifier_type: 'erstatning', name, municipality_code: '657', synthetic: true,
      });
      if (res.status === 201) created = res.body;
      else assert.equal(res.status, 409, JSON.stringify(res.body));
    }
    const referral = dayInDenmark(-10);
    const enrolment = await apiPost('/api/v1/enrolments', {
      project_id: 1, citizen_id: created.id, referral_date: referral, referral_source: 'Egen læge (browsertest)', target_group: 'other',
    });
    assert.equal(enrolment.status, 201, JSON.stringify(enrolment.body));
    citizen = { id: created.id, name, enrolmentId: enrolment.body.id, referral };
    await page.goto(`${server.url}/citizens/${citizen.id}`);
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    await page.getByRole('region', { name: PROJECT, exact: true }).getByRole('tab', { name: 'Behandling', exact: true }).click();
    await treatmentPanel().waitFor();
  });

  test('a plan starting before the referral: the reason at the start date, in Danish', async () => {
    const eid = citizen.enrolmentId;
    const form = await openForm('Opret behandlingsplan');
    await fillDate(form, `plan-${eid}-start`, dayInDenmark(-11));
    await form.getByLabel('Fokus', { exact: true }).fill('Nedtrykthed og søvn.');
    await form.getByLabel('Metode', { exact: true }).selectOption('cbt');
    await form.getByLabel('Mål', { exact: true }).fill('PHQ-9 under 10.');
    await form.getByRole('button', { name: 'Opret plan', exact: true }).click();
    assert.equal(await errorAt(`plan-${eid}-start`, { date: true }), 'Datoen ligger før forløbets henvisningsdato.');
    // Listed in the error summary with a link to the field, and not as a raw member name anywhere.
    await form.getByRole('link', { name: 'Datoen ligger før forløbets henvisningsdato.', exact: true }).waitFor();
    assert.equal(await form.getByText('/start_date').count(), 0);
    await assertAccessible(page, 'plan form with a refused start date');
  });

  test('aftercare from 9999-12-31: the reason and the last date allowed, at the aftercare field', async () => {
    const eid = citizen.enrolmentId;
    const form = await openForm('Opret behandlingsplan');
    await fillDate(form, `plan-${eid}-start`, dayInDenmark(0));
    await fillDate(form, `plan-${eid}-aftercare`, '9999-12-31');
    await form.getByRole('button', { name: 'Opret plan', exact: true }).click();
    await page.locator(`#plan-${eid}-start-error`).waitFor({ state: 'detached' });
    const text = await errorAt(`plan-${eid}-aftercare`, { date: true });
    // docs/api-contract.md "Date bounds": 24 months ahead, written as a Danish long date.
    const year = Number(dayInDenmark(0).slice(0, 4)) + 2;
    assert.match(text, new RegExp(`^Datoen ligger for langt ude i fremtiden\\. Vælg en dato til og med \\d{1,2}\\. [a-zæøå]+ ${year}\\.$`));
    assert.equal(await form.getByText('/aftercare_from').count(), 0);
  });

  test('a session of 0 minutes says the range: 1 to 600', async () => {
    const eid = citizen.enrolmentId;
    const form = await openForm('Registrér kontakt');
    await form.getByLabel('Form', { exact: true }).selectOption('individual');
    await form.getByLabel('Varighed i minutter', { exact: true }).fill('0');
    await form.getByLabel('Notat', { exact: true }).fill('Første samtale.');
    await form.getByRole('button', { name: 'Registrér kontakt', exact: true }).click();
    assert.equal(await errorAt(`session-${eid}-duration`), 'Skriv et helt tal fra 1 til 600.');
  });

  test('a session before the referral, refused by the server, is shown at the date in English', async () => {
    const eid = citizen.enrolmentId;
    await page.getByRole('button', { name: 'English', exact: true }).click();
    const form = page.locator(`form[aria-labelledby="session-${eid}-form-heading"]`);
    await form.locator(`#session-${eid}-duration`).fill('45');
    await fillDate(form, `session-${eid}-date`, dayInDenmark(-11));
    await form.locator('button[type="submit"]').click();
    assert.equal(await errorAt(`session-${eid}-date`, { date: true }), 'The date is before the referral date of this course.');
    await assertAccessible(page, 'session form with a refused date, in English');
    await page.getByRole('button', { name: 'Dansk', exact: true }).click();
  });
});
