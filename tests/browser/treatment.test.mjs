// The treatment track in the browser, against the real server and its demo data:
//
// - setup through the API (as caremanager.herning, in the browser's session):
//   a new synthetic citizen (erstatningspersonnummer, Herning) and an
//   enrolment in IBBU Midt, status "referred" — the care manager who takes the
//   referral carries it, so it is on their caseload once active; the demo
//   data's own safety cases on that caseload get a follow-up, so that only the
//   new case can be the first row for its safety flag;
// - on the citizen page's "Behandling" tab (every form opened by its
//   "Registrér …" button): start screening, record a
//   screening PHQ-9 (live score), correct it (one answer changed, with a
//   reason: the old row marked corrected, the new one current), see the
//   eligibility suggestion, record the
//   decision "Optaget", enrol in treatment, record a PHQ-9 with item 9 = 1
//   (the live score shows the safety alert);
// - the caseload lists the citizen in the first row with the "Sikkerhed" tag;
// - back on the citizen, the safety follow-up form records a follow-up, and
//   the caseload no longer shows the flag;
// - at the end the care manager ends the enrolment as withdrawn, through the
//   inline confirmation (cancelled once first) that asks for a reason of that
//   status (and a note with "Anden årsag"); the status block and the overview
//   show how it ended, and the overview the status history; the caseworker
//   sees the ending without the care manager's note; the supervising
//   clinician on the team reopens it with a reason (docs/api-contract.md
//   "Ending and reopening").
//
// axe-core on the treatment tab (before and after the follow-up), on the
// correction form, on the status and reopen confirmations (also at 390
// pixels), on the overview of the ended enrolment and on the caseload page;
// screenshots docs/screenshots/ending.png, ending-390.png, reopen.png,
// reopen-390.png, status-history.png and status-history-390.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiGet, assertAccessible, endSession, logIn, logOff, saveScreenshot, startSession } from './browser.mjs';

const PROJECT = 'IBBU Midt';

let server;
let browser;
let page;
let session;
/** { id, name, enrolmentId } */
let citizen;

before(async () => {
  session = await startSession();
  ({ server, browser, page } = session);
});

after(async () => {
  await endSession(session);
});

/** POST a JSON API route from inside the page, with the session's CSRF token: { status, body }. */
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
      let json = null;
      try {
        json = await res.json();
      } catch {
        // no body
      }
      return { status: res.status, body: json };
    },
    { r: route, b: body },
  );
}

function todayInDenmark() {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** An erstatningspersonnummer (docs/sources.md#s5): day + 60, century digit 4 for 2000–2036. */
function erstatning(serial) {
  const x = (Math.floor(serial / 100) % 5) * 2; // even: female
  return `670301-4${String(serial % 100).padStart(2, '0')}${x}`;
}

function enrolmentRegion() {
  return page.getByRole('region', { name: PROJECT, exact: true });
}

function treatmentPanel() {
  return enrolmentRegion().getByRole('tabpanel', { name: 'Behandling', exact: true });
}

function overviewPanel() {
  return enrolmentRegion().getByRole('tabpanel', { name: 'Overblik', exact: true });
}

/** The note written when the enrolment is ended (a care manager's: health staff read it). */
const ENDING_NOTE = 'Flyttet til Aarhus; vil gerne kontaktes af det lokale tilbud (browsertest).';

/** "How the enrolment ended" under `scope` as { term: value }. */
async function endingFacts(scope) {
  const group = scope.getByRole('group', { name: 'Sådan sluttede forløbet', exact: true });
  await group.waitFor();
  return group.locator('dl').evaluate((dl) =>
    Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()])),
  );
}

/** The status history table under `scope`, each row's cells as text (the time first). */
async function historyRows(scope) {
  const table = scope.getByRole('table', { name: 'Statusændringer, ældste først', exact: true });
  await table.locator('tbody tr').first().waitFor();
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim())),
  );
}

async function openTreatmentTab() {
  await page.getByRole('heading', { level: 1, name: citizen.name, exact: true }).waitFor();
  await enrolmentRegion().getByRole('tab', { name: 'Behandling', exact: true }).click();
  await treatmentPanel().waitFor();
}

/** Open the questionnaire form and answer the PHQ-9's items with the given values (radio ids end in the value). */
async function answerPhq9(values) {
  const panel = treatmentPanel();
  await panel.getByRole('button', { name: 'Registrér spørgeskema', exact: true }).click();
  await panel.getByLabel('Spørgeskema', { exact: true }).selectOption('phq9');
  const form = panel.getByRole('form', { name: 'PHQ-9', exact: true });
  await form.waitFor();
  for (let i = 0; i < values.length; i++) {
    await form.locator(`#assessment-${citizen.enrolmentId}-item-${i}-${values[i]}`).check();
  }
  return form;
}

describe('treatment track in the browser', () => {
  test('setup: a new citizen referred to IBBU Midt, created through the API', async () => {
    await logIn(page, server.url, 'caremanager.herning');
    const name = `Testine Zyx${Date.now() % 100000}q Behandlingsen`;
    let created = null;
    for (let serial = 10 + Math.floor(Math.random() * 80); !created; serial++) {
      assert.ok(serial < 400, 'a free erstatning identifier');
      if (serial % 100 === 99) continue; // the demo data's block
      const res = await apiPost('/api/v1/citizens', {
        identifier: erstatning(serial),
        identifier_type: 'erstatning',
        name,
        municipality_code: '657',
        synthetic: true,
      });
      if (res.status === 201) created = res.body;
      else assert.equal(res.status, 409, JSON.stringify(res.body));
    }
    const enrolment = await apiPost('/api/v1/enrolments', {
      project_id: 1,
      citizen_id: created.id,
      referral_date: todayInDenmark(),
      referral_source: 'Egen læge (browsertest)',
      target_group: 'other',
    });
    assert.equal(enrolment.status, 201, JSON.stringify(enrolment.body));
    assert.equal(enrolment.body.status, 'referred');
    citizen = { id: created.id, name, enrolmentId: enrolment.body.id };

    // The demo data has safety cases of its own on this caseload; their follow-ups are recorded
    // here, so that the new case's safety flag is the one that puts it in the first row.
    const caseload = await apiGet(page, '/api/v1/caseload');
    assert.equal(caseload.status, 200, JSON.stringify(caseload.body));
    for (const row of caseload.body.items.filter((r) => r.flags.includes('safety'))) {
      const res = await apiPost(`/api/v1/enrolments/${row.enrolment_id}/safety-followups`, {
        date: todayInDenmark(),
        action: 'risk_assessed',
        note: 'Risikovurdering (browsertestens opsætning).',
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
  });

  test('start screening and record a screening PHQ-9 with a live score', async () => {
    await page.goto(`${server.url}/citizens/${citizen.id}`);
    await openTreatmentTab();
    const panel = treatmentPanel();
    await panel.getByText('Status nu: Henvist.', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Start screening', exact: true }).click();
    await panel.getByText('Status nu: Screening.', { exact: true }).waitFor();

    // Before a screening the suggestion asks for one.
    const eligibility = panel.getByRole('region', { name: 'Visitation', exact: true });
    await eligibility.getByText('Screening mangler', { exact: true }).waitFor();

    const form = await answerPhq9([2, 2, 1, 1, 1, 1, 1, 1]);
    const score = form.getByRole('region', { name: 'Resultat', exact: true });
    await score.getByText('Ikke færdigudfyldt endnu: 8 af 9 spørgsmål er besvaret.', { exact: true }).waitFor();
    // An item as a radio group with its legend, the answer labels from the API.
    await form
      .getByRole('group', { name: /^9\. Thoughts that you would be better off dead/ })
      .getByRole('radio', { name: '0 – Not at all', exact: true })
      .check();
    await score.getByText('10 af 27', { exact: true }).waitFor();
    await score.getByText('Moderat', { exact: true }).waitFor();
    assert.equal(await score.getByText('Sikkerhed', { exact: true }).count(), 0);
    // No Danish PHQ-9 may be shipped: the notice says the English text is shown.
    await form.getByText('Der findes ingen dansk oversættelse, som må bruges. Spørgsmålene vises på engelsk.').waitFor();
    // …and how to get one: the administrator loads a licensed translation; Pfizer publishes PHQ-9.
    await form.getByText('Bed din administrator om at indlæse en licenseret dansk oversættelse under Administration.', { exact: false }).waitFor();
    const publisher = form.getByRole('link', { name: 'Pfizers PHQ Screeners (phqscreeners.com)', exact: true });
    assert.equal(await publisher.getAttribute('href'), 'https://www.phqscreeners.com/');
    assert.equal(await form.getByLabel('Anledning', { exact: true }).inputValue(), 'screening');
    await assertAccessible(page, 'treatment tab with a questionnaire');
    await form.getByRole('button', { name: 'Gem spørgeskema', exact: true }).click();
    await panel.getByText('Gemt: PHQ-9 med samlet score 10.', { exact: true }).waitFor();

    const history = panel.getByRole('table', { name: 'Spørgeskemaer, nyeste først' });
    await history.getByRole('row').filter({ hasText: 'PHQ-9' }).filter({ hasText: 'Screening' }).first().waitFor();
  });

  test('correct the screening PHQ-9: one answer changed, with a reason', async () => {
    const panel = treatmentPanel();
    const eid = citizen.enrolmentId;
    const history = panel.getByRole('table', { name: 'Spørgeskemaer, nyeste først' });
    const screenings = history.getByRole('row').filter({ hasText: 'PHQ-9' }).filter({ hasText: 'Screening' });
    await screenings.first().waitFor();
    assert.equal(await screenings.count(), 1);
    const before = await apiGet(page, `/api/v1/enrolments/${eid}/assessments`);
    assert.equal(before.status, 200);
    const original = before.body.items.find((a) => a.instrument === 'phq9' && a.occasion === 'screening');
    assert.ok(original?.current, JSON.stringify(before.body));

    // The row's action names what it corrects; opening the form moves the focus to its heading,
    // and cancelling returns it to the action.
    const correct = screenings.getByRole('button', { name: /^Ret PHQ-9 fra \d/ });
    await correct.click();
    const form = panel.getByRole('form', { name: /^Ret PHQ-9 fra \d/ });
    await form.waitFor();
    await page.waitForFunction(() => /^Ret PHQ-9 fra \d/.test(document.activeElement?.textContent ?? ''));
    assert.equal(await correct.getAttribute('aria-expanded'), 'true');
    await form.getByRole('button', { name: 'Annuller', exact: true }).click();
    assert.equal(await form.count(), 0);
    await page.waitForFunction((id) => document.activeElement?.id === id, `assessments-${eid}-correct-${original.id}`);

    // Prefilled with the assessment's answers, occasion and date; the live score works.
    await correct.click();
    await form.waitFor();
    const answers = [2, 2, 1, 1, 1, 1, 1, 1, 0];
    for (let i = 0; i < answers.length; i++) {
      assert.ok(await form.locator(`#correction-${eid}-item-${i}-${answers[i]}`).isChecked(), `item ${i + 1} prefilled`);
    }
    assert.equal(await form.getByLabel('Anledning', { exact: true }).inputValue(), 'screening');
    const [year, month, day] = original.date.split('-');
    const date = form.getByRole('group', { name: 'Dato', exact: true });
    assert.equal(await date.getByLabel('Dag', { exact: true }).inputValue(), String(Number(day)));
    assert.equal(await date.getByLabel('Måned', { exact: true }).inputValue(), String(Number(month)));
    assert.equal(await date.getByLabel('År', { exact: true }).inputValue(), year);
    const score = form.getByRole('region', { name: 'Resultat', exact: true });
    await score.getByText('10 af 27', { exact: true }).waitFor();
    await form
      .getByRole('group', { name: /^3\. Trouble falling or staying asleep/ })
      .getByRole('radio', { name: '3 – Nearly every day', exact: true })
      .check();
    await score.getByText('12 af 27', { exact: true }).waitFor();

    // The reason is required.
    await form.getByRole('button', { name: 'Gem rettelse', exact: true }).click();
    await form.getByRole('alert').getByRole('link', { name: 'Udfyld feltet.' }).waitFor();
    await form.getByLabel('Begrundelse', { exact: true }).fill('Spørgsmål 3 var tastet forkert.');
    await assertAccessible(page, 'assessment correction form');
    await form.getByRole('button', { name: 'Gem rettelse', exact: true }).click();
    await panel.getByText('Rettelsen er gemt: PHQ-9 med samlet score 12.', { exact: true }).waitFor();
    assert.equal(await form.count(), 0);

    // The history: the old row marked corrected (its score struck through, no action), the new
    // one current, marked as a correction with its reason.
    await screenings.nth(1).waitFor();
    const old = history.locator(`tr[data-assessment="${original.id}"]`);
    await old.getByText('Rettet', { exact: true }).waitFor();
    assert.equal(await old.locator('del').textContent(), '10');
    assert.equal(await old.getByRole('button').count(), 0);
    const fresh = screenings.filter({ hasText: 'Rettelse' });
    await fresh.getByText('Begrundelse: Spørgsmål 3 var tastet forkert.', { exact: true }).waitFor();
    await fresh.getByRole('cell', { name: '12', exact: true }).waitFor();
    assert.equal(await fresh.getByText('Rettet', { exact: true }).count(), 0);
    await fresh.getByRole('button', { name: /^Ret PHQ-9 fra \d/ }).waitFor();

    const after = await apiGet(page, `/api/v1/enrolments/${eid}/assessments`);
    const corrected = after.body.items.find((a) => a.id === original.id);
    const correction = after.body.items.find((a) => a.corrects === original.id);
    assert.equal(corrected?.current, false);
    assert.equal(correction?.current, true);
    assert.equal(correction?.total, 12);
    assert.equal(correction?.reason, 'Spørgsmål 3 var tastet forkert.');
    assert.equal(after.body.baseline.phq9, correction.id);

    // Someone else corrects the row while the form is open: saving is refused (409 on /corrects);
    // the form closes, says so (with the focus) and the history is reloaded.
    await fresh.getByRole('button', { name: /^Ret PHQ-9 fra \d/ }).click();
    await form.waitFor();
    await form.getByLabel('Begrundelse', { exact: true }).fill('Dobbeltregistrering.');
    const meanwhile = await apiPost(`/api/v1/enrolments/${eid}/assessments`, {
      instrument: 'phq9',
      date: original.date,
      items: [2, 2, 3, 1, 1, 1, 1, 1, 0],
      occasion: 'screening',
      corrects: correction.id,
      reason: 'Rettet samtidig i en anden fane.',
    });
    assert.equal(meanwhile.status, 201, JSON.stringify(meanwhile.body));
    await form.getByRole('button', { name: 'Gem rettelse', exact: true }).click();
    const notice = panel.getByText(/^PHQ-9 fra .+ er blevet rettet af en anden i mellemtiden\./);
    await notice.waitFor();
    assert.equal(await form.count(), 0);
    await page.waitForFunction((id) => document.activeElement?.id === id, `assessments-${eid}-notice`);
    await history.getByText('Begrundelse: Rettet samtidig i en anden fane.', { exact: true }).waitFor();
    assert.equal(await screenings.count(), 3);
    assert.equal(await history.locator('tr[data-current="true"]').filter({ hasText: 'Screening' }).count(), 1);
  });

  test('the eligibility suggestion, the decision "Optaget", and enrolment in treatment', async () => {
    const panel = treatmentPanel();
    const eligibility = panel.getByRole('region', { name: 'Visitation', exact: true });
    await eligibility.getByText('Opfylder kriterierne', { exact: true }).waitFor();
    await eligibility.getByRole('button', { name: 'Registrér afgørelse', exact: true }).click();
    const form = eligibility.getByRole('form', { name: 'Registrér afgørelse', exact: true });

    // Without a choice: the error summary.
    await form.getByRole('button', { name: 'Registrér afgørelse', exact: true }).click();
    await form.getByRole('alert').getByRole('link', { name: 'Vælg en mulighed.' }).waitFor();

    await form.getByRole('radio', { name: 'Optaget', exact: true }).check();
    await form.getByLabel('Begrundelse', { exact: true }).fill('Moderate depressive symptomer; motiveret.');
    await form.getByRole('button', { name: 'Registrér afgørelse', exact: true }).click();
    await eligibility.getByText('Afgørelsen er registreret: Optaget.', { exact: true }).waitFor();
    assert.equal(await form.count(), 0, 'the form closes after the save');
    await eligibility.getByRole('table', { name: 'Afgørelser, nyeste først' }).getByRole('row').filter({ hasText: 'Behandlingsansvarlig, Herning' }).waitFor();
    const answer = await apiGet(page, `/api/v1/enrolments/${citizen.enrolmentId}/eligibility`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.in_force?.decision, 'eligible');

    await panel.getByRole('button', { name: 'Indskriv i behandling', exact: true }).click();
    await panel.getByText('Status nu: Aktiv.', { exact: true }).waitFor();
  });

  test('a PHQ-9 with item 9 answered shows the safety alert live and after saving', async () => {
    const panel = treatmentPanel();
    const form = await answerPhq9([2, 2, 1, 1, 1, 1, 1, 1, 1]);
    assert.equal(await form.getByLabel('Anledning', { exact: true }).inputValue(), 'treatment');
    const score = form.getByRole('region', { name: 'Resultat', exact: true });
    await score.getByText('11 af 27', { exact: true }).waitFor();
    await score.locator('.alert-error').getByText('Sikkerhed', { exact: true }).waitFor();
    await score.locator('.tag-flag-alert', { hasText: 'Sikkerhed' }).waitFor();
    await form.getByRole('button', { name: 'Gem spørgeskema', exact: true }).click();
    await panel.getByText('Gemt: PHQ-9 med samlet score 11.', { exact: true }).waitFor();

    const safety = panel.getByRole('region', { name: 'Sikkerhedsopfølgning', exact: true });
    await safety.getByText('Sikkerhed: tanker om død eller selvskade', { exact: true }).waitFor();
    await safety.getByRole('button', { name: 'Registrér sikkerhedsopfølgning', exact: true }).waitFor();

    // The trajectory chart (uPlot) with its text alternative.
    const chart = panel.getByRole('region', { name: 'Udvikling i PHQ-9 og GAD-7', exact: true });
    await chart.locator('canvas').first().waitFor();
    await chart.getByRole('img', { name: /^Graf over PHQ-9 og GAD-7/ }).waitFor();
    await chart.getByRole('table', { name: 'Scorer over tid' }).getByRole('cell', { name: '11', exact: true }).waitFor();
    await assertAccessible(page, 'treatment tab with the safety alert');
  });

  test('the caseload shows the citizen first, with the safety flag', async () => {
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Forløbsoversigt', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Forløbsoversigt', exact: true }).waitFor();
    const table = page.getByRole('table', { name: 'Unge i forløb' });
    await table.waitFor();
    const first = table.locator('tbody tr').first();
    await first.waitFor();
    const caseload = await apiGet(page, '/api/v1/caseload');
    assert.equal(caseload.status, 200);
    assert.equal(caseload.body.items[0]?.enrolment_id, citizen.enrolmentId,
      `the server puts the new safety case first: ${JSON.stringify(caseload.body.items.slice(0, 3))}`);
    await first.getByRole('link', { name: citizen.name, exact: true }).waitFor();
    const tag = first.locator('.tag-flag-alert');
    assert.equal(((await tag.textContent()) ?? '').replace(/\s+/g, ' ').trim(), 'Advarsel: Sikkerhed');
    assert.ok(await tag.isVisible());
    assert.equal(await first.locator('[data-flag="safety"]').count(), 1);
    await assertAccessible(page, 'caseload');

    // Sorting by a column sets aria-sort; back to the server's order.
    const header = table.getByRole('columnheader', { name: /Ung/ });
    assert.equal(await header.getAttribute('aria-sort'), null);
    await header.getByRole('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    await header.getByRole('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    await page.getByRole('button', { name: 'Sortér efter hastende', exact: true }).click();
    assert.equal(await header.getAttribute('aria-sort'), null);
    await table.locator('tbody tr').first().getByRole('link', { name: citizen.name, exact: true }).waitFor();
  });

  test('the safety follow-up clears the flag from the caseload', async () => {
    await page.goBack();
    await openTreatmentTab();
    const safety = treatmentPanel().getByRole('region', { name: 'Sikkerhedsopfølgning', exact: true });
    await safety.getByRole('button', { name: 'Registrér sikkerhedsopfølgning', exact: true }).click();
    const form = safety.getByRole('form', { name: 'Registrér sikkerhedsopfølgning', exact: true });
    await form.getByRole('radio', { name: 'Risiko vurderet', exact: true }).check();
    await form.getByLabel('Notat', { exact: true }).fill('Risikovurdering: ingen planer; sikkerhedsplan aftalt.');
    await form.getByRole('button', { name: 'Registrér opfølgning', exact: true }).click();
    await safety.getByText(/^Sikkerhedsopfølgning er registreret /).waitFor();
    await safety.getByText('Opfølgningen er registreret.', { exact: true }).waitFor();
    assert.equal(await safety.getByText('Sikkerhed: tanker om død eller selvskade').count(), 0);
    await safety.getByRole('table', { name: 'Sikkerhedsopfølgninger, nyeste først' }).getByRole('cell', { name: 'Risiko vurderet' }).waitFor();
    await assertAccessible(page, 'treatment tab after the follow-up');

    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Forløbsoversigt', exact: true }).click();
    const table = page.getByRole('table', { name: 'Unge i forløb' });
    const row = table.locator('tbody tr').filter({ has: page.getByRole('link', { name: citizen.name, exact: true }) });
    await row.waitFor();
    assert.equal(await row.locator('[data-flag="safety"]').count(), 0);
    const caseload = await apiGet(page, '/api/v1/caseload');
    const mine = caseload.body.items.find((r) => r.enrolment_id === citizen.enrolmentId);
    assert.ok(mine && !mine.flags.includes('safety'), JSON.stringify(mine));
  });

  test('a supervising clinician records a recommendation on the case-review page', async () => {
    await page.getByRole('button', { name: 'Log af', exact: true }).click();
    await logIn(page, server.url, 'supervisor.herning');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Supervision', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Supervision', exact: true }).waitFor();
    const table = page.getByRole('table', { name: 'Forløb med markeringer' });
    const first = table.locator('tbody tr').first();
    await first.waitFor();
    const name = ((await first.getByRole('link').textContent()) ?? '').trim();
    await assertAccessible(page, 'case review');
    await first.getByRole('button', { name: `Registrér anbefaling for ${name}`, exact: true }).click();
    const form = page.getByRole('form', { name: `Anbefaling for ${name}`, exact: true });
    await form.getByLabel('Anbefaling', { exact: true }).fill('Øg adfærdsaktivering; ny PHQ-9 om 2 uger.');
    // A task for the care manager, chosen among the citizen's team (GET /enrolments/{id}/team).
    await form.getByLabel('Til', { exact: true }).selectOption({ label: 'Behandlingsansvarlig, Herning' });
    await form.getByLabel('Opgave', { exact: true }).fill('Ring og aftal næste samtale.');
    await form.getByRole('button', { name: 'Registrér anbefaling', exact: true }).click();
    await page.getByText('Anbefalingen er registreret.', { exact: true }).waitFor();
    assert.equal(await form.count(), 0, 'the form closes after the save');
    await table
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name, exact: true }) })
      .getByText(/Øg adfærdsaktivering; ny PHQ-9 om 2 uger\.$/)
      .waitFor();
  });

  test('the care manager finds the recommendation and the task on the citizen', async () => {
    const rows = await apiGet(page, '/api/v1/case-review');
    assert.equal(rows.status, 200);
    const reviewed = rows.body.items.find((r) => r.review?.recommendation === 'Øg adfærdsaktivering; ny PHQ-9 om 2 uger.');
    assert.ok(reviewed, 'the recommendation is on its caseload row');
    await page.getByRole('button', { name: 'Log af', exact: true }).click();
    await logIn(page, server.url, 'caremanager.herning');
    await page.goto(`${server.url}/citizens/${reviewed.citizen_id}`);
    await page.getByRole('heading', { level: 1, name: reviewed.citizen_name, exact: true }).waitFor();
    await enrolmentRegion().getByRole('tab', { name: 'Behandling', exact: true }).click();
    await treatmentPanel().waitFor();
    const reviews = page.getByRole('table', { name: 'Anbefalinger, nyeste først' });
    await reviews.getByText('Øg adfærdsaktivering; ny PHQ-9 om 2 uger.', { exact: true }).waitFor();
    await reviews.getByText('Behandlingsansvarlig, Herning: Ring og aftal næste samtale.', { exact: true }).waitFor();
  });

  test('the care manager ends the enrolment as withdrawn, after a confirmation that asks why', async () => {
    await page.goto(`${server.url}/citizens/${citizen.id}`);
    await openTreatmentTab();
    const status = treatmentPanel().getByRole('region', { name: 'Forløbets status', exact: true });
    await status.getByText('Status nu: Aktiv.', { exact: true }).waitFor();
    await status.getByRole('button', { name: 'Afslut: udelukket', exact: true }).waitFor();
    const end = status.getByRole('button', { name: 'Afslut: udtrådt', exact: true });

    // The confirmation takes the focus; "Fortryd" changes nothing and returns the focus.
    await end.click();
    const confirm = status.getByRole('group', { name: 'Afslut forløbet som udtrådt?', exact: true });
    await confirm.waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-labelledby')?.endsWith('-confirm-heading'));
    await assertAccessible(page, 'status confirmation');
    await confirm.getByRole('button', { name: 'Fortryd', exact: true }).click();
    assert.equal(await confirm.count(), 0);
    await page.waitForFunction(() => document.activeElement?.textContent === 'Afslut: udtrådt');
    const unchanged = await apiGet(page, `/api/v1/enrolments/${citizen.enrolmentId}`);
    assert.equal(unchanged.body.status, 'active');

    // The reasons of "withdrawn", in the order of docs/api-contract.md "Ending and reopening":
    // citizen_choice, moved, no_contact, other_offer, other.
    await end.click();
    const reasons = confirm.getByRole('group', { name: 'Hvorfor afsluttes forløbet?', exact: true });
    assert.deepEqual(
      (await reasons.locator('label').allTextContents()).map((x) => x.trim()),
      ['Den unge ønsker at stoppe', 'Flyttet', 'Kontakten er mistet', 'Overgået til et andet tilbud', 'Anden årsag'],
    );
    const yes = confirm.getByRole('button', { name: 'Ja, afslut forløbet', exact: true });
    // No reason: refused at the radios, nothing sent.
    await yes.click();
    await confirm.getByRole('alert').getByRole('link', { name: 'Vælg en mulighed.', exact: true }).waitFor();
    // "Anden årsag" needs a note.
    await confirm.getByRole('radio', { name: 'Anden årsag', exact: true }).check();
    await yes.click();
    await confirm.getByRole('alert').getByRole('link', { name: 'Skriv, hvad årsagen er.', exact: true }).waitFor();
    assert.equal((await apiGet(page, `/api/v1/enrolments/${citizen.enrolmentId}`)).body.status, 'active', 'nothing sent');
    await assertAccessible(page, 'ending confirmation with errors');
    await saveScreenshot(page, 'ending.png', { maxHeight: 1100, from: status });
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await assertAccessible(page, 'ending confirmation at 390 pixels');
      await saveScreenshot(page, 'ending-390.png', { maxHeight: 1600, from: status });
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    await confirm.getByRole('radio', { name: 'Flyttet', exact: true }).check();
    await confirm.getByLabel('Bemærkning', { exact: true }).fill(ENDING_NOTE);
    await yes.click();
    await status.getByText('Status er ændret til: Udtrådt.', { exact: true }).waitFor();
    await status.getByText('Status nu: Udtrådt.', { exact: true }).waitFor();
    await status.getByText('Forløbet er afsluttet. Status kan ikke ændres.', { exact: true }).waitFor();
    assert.equal(await status.getByRole('button').count(), 0);
    // How it ended, as the API keeps it.
    const ended = await apiGet(page, `/api/v1/enrolments/${citizen.enrolmentId}`);
    assert.equal(ended.body.status, 'withdrawn');
    assert.equal(ended.body.ending.reason, 'moved');
    assert.equal(ended.body.ending.note, ENDING_NOTE);
    assert.equal(ended.body.ending.by.name, 'Behandlingsansvarlig, Herning');
    assert.equal(ended.body.ending.role, 'care_manager');
    assert.equal(ended.body.ending.previous_status, 'active');
    // … and as the status block shows it.
    const facts = await endingFacts(status);
    assert.equal(facts['Afsluttet som'], 'Udtrådt');
    assert.equal(facts['Årsag'], 'Flyttet');
    assert.equal(facts['Bemærkning'], ENDING_NOTE);
    assert.equal(facts['Afsluttet af'], 'Behandlingsansvarlig, Herning (Behandlingsansvarlig)');
  });

  test('the overview shows how it ended and the status history; the care manager may not reopen', async () => {
    await enrolmentRegion().getByRole('tab', { name: 'Overblik', exact: true }).click();
    const history = overviewPanel().getByRole('region', { name: 'Statushistorik', exact: true });
    const rows = await historyRows(history);
    // This file's moves: screening, active, then the ending (oldest first).
    assert.deepEqual(
      rows.map((r) => r[1]),
      ['Fra Henvist til Screening', 'Fra Screening til Aktiv', 'Fra Aktiv til Udtrådt'],
    );
    assert.equal(rows[2][2], `Flyttet${ENDING_NOTE}`, 'the reason, and the note under it');
    assert.equal(rows[2][3], 'Behandlingsansvarlig, Herning (Behandlingsansvarlig)');
    const api = await apiGet(page, `/api/v1/enrolments/${citizen.enrolmentId}/status-history`);
    assert.equal(api.status, 200);
    assert.deepEqual(api.body.items.map((c) => c.kind), ['move', 'move', 'end']);
    assert.equal((await endingFacts(history))['Årsag'], 'Flyttet');
    assert.equal(await history.getByRole('button', { name: 'Genåbn forløbet', exact: true }).count(), 0);
    await assertAccessible(page, 'overview of an ended enrolment');
  });

  test('the caseworker sees the ending, but not the care manager’s note', async () => {
    await logOff(page);
    await logIn(page, server.url, 'caseworker.herning');
    await page.goto(`${server.url}/citizens/${citizen.id}`);
    await page.getByRole('heading', { level: 1, name: citizen.name, exact: true }).waitFor();
    const history = enrolmentRegion().getByRole('region', { name: 'Statushistorik', exact: true });
    const facts = await endingFacts(history);
    assert.equal(facts['Årsag'], 'Flyttet');
    assert.equal(facts['Bemærkning'], undefined, 'a health role’s note is not shown to municipal staff');
    const rows = await historyRows(history);
    assert.equal(rows.at(-1)[2], 'Flyttet');
    assert.equal(await page.getByText(ENDING_NOTE).count(), 0);
    assert.equal(await history.getByRole('button', { name: 'Genåbn forløbet', exact: true }).count(), 0);
  });

  test('the supervising clinician on the team reopens it, with a reason', async () => {
    await logOff(page);
    await logIn(page, server.url, 'supervisor.herning');
    await page.goto(`${server.url}/citizens/${citizen.id}`);
    await page.getByRole('heading', { level: 1, name: citizen.name, exact: true }).waitFor();
    const history = overviewPanel().getByRole('region', { name: 'Statushistorik', exact: true });
    assert.equal((await endingFacts(history))['Bemærkning'], ENDING_NOTE, 'health staff read the note');
    const open = history.getByRole('button', { name: 'Genåbn forløbet', exact: true });
    await open.click();
    const confirm = history.getByRole('group', { name: 'Genåbn forløbet?', exact: true });
    await confirm.getByText('Forløbet får igen status Aktiv, som før det blev afsluttet.', { exact: true }).waitFor();
    const reasons = confirm.getByRole('group', { name: 'Hvorfor genåbnes forløbet?', exact: true });
    assert.deepEqual(
      (await reasons.locator('label').allTextContents()).map((x) => x.trim()),
      ['Afsluttet ved en fejl', 'Forkert status valgt', 'Anden årsag'],
    );
    const yes = confirm.getByRole('button', { name: 'Ja, genåbn forløbet', exact: true });
    await yes.click();
    await confirm.getByRole('alert').getByRole('link', { name: 'Vælg en mulighed.', exact: true }).waitFor();
    await confirm.getByRole('radio', { name: 'Afsluttet ved en fejl', exact: true }).check();
    await assertAccessible(page, 'reopen confirmation');
    await saveScreenshot(page, 'reopen.png', { maxHeight: 1300, from: history });
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await assertAccessible(page, 'reopen confirmation at 390 pixels');
      await saveScreenshot(page, 'reopen-390.png', { maxHeight: 1800, from: history });
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    const before = await apiGet(page, `/api/v1/enrolments/${citizen.enrolmentId}`);
    await yes.click();
    await history.getByText('Forløbet er genåbnet med status: Aktiv.', { exact: true }).waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Forløbet er genåbnet med status: Aktiv.');
    const reopened = await apiGet(page, `/api/v1/enrolments/${citizen.enrolmentId}`);
    assert.equal(reopened.body.status, 'active');
    assert.equal(reopened.body.ending, undefined);
    assert.equal(reopened.body.version, before.body.version + 1);
    // The overview says so: no ending, the status back, the reopening last in the history.
    await history.getByRole('group', { name: 'Sådan sluttede forløbet' }).waitFor({ state: 'detached' });
    assert.equal(await history.getByRole('button', { name: 'Genåbn forløbet', exact: true }).count(), 0);
    await page.waitForFunction(
      () => document.querySelectorAll('table.status-history tbody tr').length === 4,
    );
    const rows = await historyRows(history);
    assert.deepEqual(rows.at(-1).slice(1), [
      'Fra Udtrådt til Aktiv',
      'Genåbnet: Afsluttet ved en fejl',
      'Superviserende psykiater, Herning (Superviserende kliniker)',
    ]);
    const facts = overviewPanel().locator('dl.facts').first();
    await facts.getByText('Aktiv', { exact: true }).waitFor();
    await assertAccessible(page, 'overview after the reopening');
    await saveScreenshot(page, 'status-history.png', { maxHeight: 1100, from: history });
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await assertAccessible(page, 'status history at 390 pixels');
      await saveScreenshot(page, 'status-history-390.png', { maxHeight: 1600, from: history });
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  test('logs no console errors (but the treatment plan’s expected 404 and the correction’s 409)', () => {
    const unexpected = browser.consoleErrors.filter(
      (e) =>
        !(/Failed to load resource: .*\b404\b/.test(e) && /\/treatment-plan\)$/.test(e)) &&
        !(/Failed to load resource: .*\b409\b/.test(e) && /\/assessments\)$/.test(e)),
    );
    assert.deepEqual(unexpected, []);
  });
});
