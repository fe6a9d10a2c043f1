// The end-to-end walk through the browser, one young person from registration to a task
// done, against a real server on a fresh demo database:
//
// 1. caremanager.herning registers a young person (/citizens/new), refers them to IBBU Midt with
//    the referral form, and on the young person's page sets who carries the case: therapist.herning
//    as therapist and caseworker.herning as caseworker ("Hvem har sagen" → "Skift");
// 2. therapist.herning finds the young person on their own caseload (the caseload's default
//    scope, "mine"), starts screening and records a PHQ-9 with item 9 answered, so that the case is
//    flagged for review;
// 3. supervisor.herning records a case review on the supervision page with a task for
//    caseworker.herning;
// 4. caseworker.herning sees the task under "Mine opgaver" on the start page, marks it done, and
//    finds it among the done ones and on the young person's page as done — never the review's
//    recommendation, which is health detail the municipal caseworker may not read.
//
// Then the two ways a form can meet a change made meanwhile: the team form after someone else
// changed the assignments (412: the form reloads and says so), and a task marked done in another
// window (412: the list reloads and says so).
//
// axe-core on every page the walk visits; screenshots docs/screenshots/workflow-*.png at 1280 px,
// and the start page with tasks at 390 px (no sideways scrolling).
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

// An erstatningspersonnummer (CPR-kontoret: the day of birth plus 60) that no demo person has —
// the demo's numbers have 99 in the 8th and 9th digits: born 8 April 2005, century digit 4.
const NUMBER = '680405-4418';
const NAME = 'Freja Samspilsen';
// The demo staff's display names: the Danish title and the municipality (src/cli/demo.c).
const CARE_MANAGER = 'Behandlingsansvarlig, Herning';
const THERAPIST = 'Psykolog, Herning';
const CASEWORKER = 'Sagsbehandler, Herning';
const SUPERVISOR = 'Superviserende psykiater, Herning';
// Health detail that stays with health staff, and a task written to be shared with the team.
const RECOMMENDATION = 'Zyxanbefaling: ugentlige samtaler og ny PHQ-9 om to uger.';
const TASK = 'Book et møde med Freja og arbejdsgiveren om praktikstart';

/** The day `days` after `iso` (YYYY-MM-DD). */
function shift(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "5. december 2026" as the UI writes a date in Danish. */
function danishDate(iso) {
  return new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

/** PATCH a JSON API route from inside the page, with the session's CSRF token and If-Match. */
async function apiPatch(route, body, version) {
  return page.evaluate(
    async ({ r, b, v }) => {
      const res = await fetch(r, {
        method: 'PATCH',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'If-Match': `"${v}"`,
          'X-CSRF-Token': window.sessionStorage.getItem('samspor.csrf') ?? '',
        },
        body: JSON.stringify(b),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { r: route, b: body, v: version },
  );
}

/** The signed-in user's id and display name (GET /api/v1/auth/me). */
async function me() {
  const answer = await apiGet(page, '/api/v1/auth/me');
  assert.equal(answer.status, 200);
  return { id: answer.body.user.id, name: answer.body.user.display_name };
}

function enrolmentRegion() {
  return page.getByRole('region', { name: 'IBBU Midt', exact: true });
}

function teamRegion() {
  return enrolmentRegion().getByRole('region', { name: 'Hvem har sagen', exact: true });
}

/** The value shown beside a role in "Hvem har sagen". */
async function assignee(role) {
  return (await teamRegion().locator(`[data-role="${role}"] dd`).textContent()).trim();
}

async function assertNoSidewaysScroll(label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${label}): ${overflow} px too wide`);
}

const walk = {}; // { citizenId, enrolmentId, therapist, caseworker, taskId }

describe('from registration to a task done', () => {
  test('the care manager registers and refers a young person, and sets who carries the case', async () => {
    await logIn(page, base, 'caremanager.herning');
    await page.getByRole('link', { name: 'Registrér en ung', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Registrér en ung' }).waitFor();
    await page.getByLabel('Erstatningspersonnummer', { exact: true }).check();
    await page.getByRole('textbox', { name: 'Erstatningspersonnummer' }).fill(NUMBER);
    await page.getByRole('button', { name: 'Søg efter den unge' }).click();
    await page.getByText(`Ingen ung med nummeret ${NUMBER} er registreret hos dig.`, { exact: false }).waitFor();
    await page.getByLabel('Fulde navn').fill(NAME);
    await page.getByLabel('Bopælskommune').selectOption({ label: 'Herning' });
    await assertAccessible(page, 'registration');
    await saveScreenshot(page, 'workflow-register.png');
    await page.getByRole('button', { name: 'Registrér', exact: true }).click();

    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    walk.citizenId = Number(new URL(page.url()).pathname.split('/')[2]);
    const form = page.getByRole('form', { name: 'Henvis til et projekt' });
    await form.getByLabel('Projekt').selectOption({ label: 'IBBU Midt' });
    await form.getByLabel('Henvist af').fill('Jobcentret');
    await form.getByLabel('Målgruppe').selectOption({ index: 1 });
    await assertAccessible(page, 'referral form');
    await form.getByRole('button', { name: 'Henvis', exact: true }).click();
    await enrolmentRegion().getByText('Henvist', { exact: true }).first().waitFor();

    // The registrar carries the referral in their own role; every other role is not assigned yet.
    await teamRegion().waitFor();
    assert.equal(await assignee('care_manager'), CARE_MANAGER);
    for (const role of ['therapist', 'caseworker', 'job_consultant', 'resource_consultant']) {
      assert.equal(await assignee(role), 'Ikke tildelt', role);
    }
    const citizen = await apiGet(page, `/api/v1/citizens/${walk.citizenId}`);
    walk.enrolmentId = citizen.body.enrolments[0].id;
    const versionBefore = citizen.body.enrolments[0].version;

    await teamRegion().getByRole('button', { name: 'Skift hvem der har sagen', exact: true }).click();
    const teamForm = teamRegion().getByRole('form', { name: 'Skift hvem der har sagen', exact: true });
    await teamForm.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Skift hvem der har sagen');
    // Each role lists the team's members who have it: the therapist is not offered as caseworker.
    const caseworkers = await teamForm.getByLabel('Sagsbehandler', { exact: true }).locator('option').allTextContents();
    assert.deepEqual(caseworkers, ['Ikke tildelt', CASEWORKER]);
    await teamForm.getByLabel('Behandler', { exact: true }).selectOption({ label: THERAPIST });
    await teamForm.getByLabel('Sagsbehandler', { exact: true }).selectOption({ label: CASEWORKER });
    await assertAccessible(page, 'team form');
    await saveScreenshot(page, 'workflow-team.png');
    await teamForm.getByRole('button', { name: 'Gem', exact: true }).click();
    await teamRegion().getByText('Det er gemt, hvem der har sagen.', { exact: true }).waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent?.includes('Det er gemt, hvem der har sagen.'));
    await page.waitForFunction(
      (name) => document.querySelector('[data-role="therapist"] dd')?.textContent === name,
      THERAPIST,
    );
    assert.equal(await assignee('caseworker'), CASEWORKER);
    assert.equal(await assignee('care_manager'), CARE_MANAGER, 'a role left alone stays');

    const after = (await apiGet(page, `/api/v1/enrolments/${walk.enrolmentId}`)).body;
    assert.equal(after.version, versionBefore + 1, 'one change, one version');
    assert.equal(after.assignments.therapist.name, THERAPIST);
    assert.equal(after.assignments.caseworker.name, CASEWORKER);
    walk.therapist = after.assignments.therapist.id;
    walk.caseworker = after.assignments.caseworker.id;
    await assertAccessible(page, 'young person with the team set');
    await logOff(page);
  });

  test('the therapist finds the young person on their caseload and records a PHQ-9', async () => {
    await logIn(page, base, 'therapist.herning');
    assert.equal((await me()).id, walk.therapist);
    await page.getByRole('link', { name: 'Forløbsoversigt', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Forløbsoversigt' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME, exact: true }) });
    await row.waitFor();
    // The caseload lists the therapist's own cases by default (GET /api/v1/caseload, scope mine).
    const mine = await apiGet(page, '/api/v1/caseload?scope=mine&limit=200');
    assert.ok(mine.body.items.some((r) => r.enrolment_id === walk.enrolmentId), 'on the therapist’s own caseload');
    await assertAccessible(page, 'caseload');
    await saveScreenshot(page, 'workflow-caseload.png');

    await row.getByRole('link', { name: NAME, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await enrolmentRegion().getByRole('tab', { name: 'Behandling', exact: true }).click();
    const panel = enrolmentRegion().getByRole('tabpanel', { name: 'Behandling', exact: true });
    await panel.getByRole('button', { name: 'Start screening', exact: true }).click();
    await panel.getByText('Status nu: Screening.', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Registrér spørgeskema', exact: true }).click();
    await panel.getByLabel('Spørgeskema', { exact: true }).selectOption('phq9');
    const form = panel.getByRole('form', { name: 'PHQ-9', exact: true });
    await form.waitFor();
    // Total 2+2+2+1+1+1+1+1+1 = 12; item 9 answered 1: the safety flag (Kroenke et al. 2001).
    const answers = [2, 2, 2, 1, 1, 1, 1, 1, 1];
    for (let i = 0; i < answers.length; i++) {
      await form.locator(`#assessment-${walk.enrolmentId}-item-${i}-${answers[i]}`).check();
    }
    await form.getByRole('button', { name: 'Gem spørgeskema', exact: true }).click();
    await panel.getByText('Gemt: PHQ-9 med samlet score 12.', { exact: true }).waitFor();
    await assertAccessible(page, 'treatment tab after the PHQ-9');
    await logOff(page);
  });

  test('the supervising clinician records a case review with a task for the caseworker', async () => {
    await logIn(page, base, 'supervisor.herning');
    await page.getByRole('link', { name: 'Supervision', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Supervision' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME, exact: true }) });
    await row.getByText('Sikkerhed', { exact: false }).first().waitFor();
    await row.getByRole('button', { name: `Registrér anbefaling for ${NAME}`, exact: true }).click();
    const form = page.getByRole('form', { name: `Anbefaling for ${NAME}`, exact: true });
    await form.waitFor();
    await form.getByLabel('Anbefaling', { exact: true }).fill(RECOMMENDATION);
    await form.getByLabel('Til', { exact: true }).selectOption({ label: CASEWORKER });
    await form.getByLabel('Opgave', { exact: true }).fill(TASK);
    walk.due = shift(todayInDenmark(), 7);
    const [year, month, day] = walk.due.split('-');
    const due = form.getByRole('group', { name: 'Frist (valgfri)' });
    await due.getByLabel('Dag').fill(String(Number(day)));
    await due.getByLabel('Måned').fill(String(Number(month)));
    await due.getByLabel('År').fill(year);
    await assertAccessible(page, 'case review form');
    await saveScreenshot(page, 'workflow-case-review.png');
    await form.getByRole('button', { name: 'Registrér anbefaling', exact: true }).click();
    await page.getByText('Anbefalingen er registreret.', { exact: true }).waitFor();

    const reviews = await apiGet(page, `/api/v1/enrolments/${walk.enrolmentId}/case-reviews`);
    const review = reviews.body.items.at(-1);
    assert.equal(review.recommendation, RECOMMENDATION);
    assert.equal(review.task.owner.id, walk.caseworker);
    walk.taskId = review.task.id;
    await logOff(page);
  });

  test('the caseworker sees the task on the start page, marks it done, and sees it done', async () => {
    await logIn(page, base, 'caseworker.herning');
    assert.equal((await me()).id, walk.caseworker);
    const tasks = page.getByRole('region', { name: 'Mine opgaver', exact: true });
    const open = tasks.getByRole('table', { name: 'Mine åbne opgaver, efter frist' });
    const row = open.getByRole('row').filter({ hasText: TASK });
    await row.waitFor();
    // The young person's name links to their page; the due date, and who set the task and when.
    assert.equal(
      await row.getByRole('link', { name: NAME, exact: true }).getAttribute('href'),
      `/citizens/${walk.citizenId}`,
    );
    await row.getByText(danishDate(walk.due), { exact: true }).waitFor();
    const setBy = row.locator('.task-col-createdBy');
    assert.equal((await setBy.textContent()).trim(), `${SUPERVISOR}${danishDate(todayInDenmark())}`);
    await setBy.getByText(danishDate(todayInDenmark()), { exact: true }).waitFor();
    assert.equal(await row.getByText('Overskredet').count(), 0, 'due next week: not overdue');
    // The review's recommendation is health detail: it reaches the caseworker nowhere.
    assert.equal(await page.getByText(RECOMMENDATION, { exact: false }).count(), 0);
    assert.equal(await page.getByText('Zyxanbefaling', { exact: false }).count(), 0);
    await assertAccessible(page, 'start page with tasks');
    await saveScreenshot(page, 'workflow-tasks.png', { maxHeight: 900 });

    await page.setViewportSize({ width: 390, height: 844 });
    await row.waitFor();
    await assertNoSidewaysScroll('start page with tasks at 390 px');
    await assertAccessible(page, 'start page with tasks at 390 px');
    await saveScreenshot(page, 'workflow-tasks-390.png', { maxHeight: 1700 });
    await page.setViewportSize({ width: 1280, height: 800 });

    await row.getByRole('button', { name: `Markér som udført: ${TASK}`, exact: true }).click();
    await tasks.getByText(`Opgaven er markeret som udført: ${TASK}`, { exact: true }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'my-tasks-notice');
    await open.getByRole('row').filter({ hasText: TASK }).waitFor({ state: 'detached' });

    const task = (await apiGet(page, `/api/v1/tasks?owner=me&state=done`)).body.items.find((x) => x.id === walk.taskId);
    assert.ok(task?.done_at, 'done on the server');
    assert.equal(task.done_by.id, walk.caseworker);

    await tasks.getByLabel('Vis udførte', { exact: true }).check();
    const done = tasks.getByRole('table', { name: 'Mine udførte opgaver, efter frist' });
    const doneRow = done.getByRole('row').filter({ hasText: TASK });
    await doneRow.getByText(`Udført ${danishDate(todayInDenmark())} af ${CASEWORKER}`, { exact: true }).waitFor();
    await doneRow.getByRole('button', { name: `Genåbn: ${TASK}`, exact: true }).waitFor();
    await assertAccessible(page, 'start page with done tasks');
    await saveScreenshot(page, 'workflow-done.png', { maxHeight: 1100 });

    // The young person's page shows the case's tasks to the whole team: this one done.
    await doneRow.getByRole('link', { name: NAME, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await enrolmentRegion().getByRole('tab', { name: 'Fælles plan', exact: true }).click();
    const caseTasks = enrolmentRegion().getByRole('region', { name: 'Opgaver', exact: true });
    const caseRow = caseTasks.getByRole('row').filter({ hasText: TASK });
    await caseRow.getByText(`Udført ${danishDate(todayInDenmark())} af ${CASEWORKER}`, { exact: true }).waitFor();
    await caseRow.getByText(CASEWORKER, { exact: true }).first().waitFor();
    // Who carries the case is on the overview.
    await enrolmentRegion().getByRole('tab', { name: 'Overblik', exact: true }).click();
    assert.equal(await teamRegion().locator('[data-role="caseworker"] dd').textContent(), CASEWORKER);
    assert.equal(await page.getByText('Zyxanbefaling', { exact: false }).count(), 0, 'no recommendation');
    assert.equal(await enrolmentRegion().getByRole('tab', { name: 'Behandling' }).count(), 0, 'no treatment tab');
    await assertAccessible(page, 'young person’s page with the task done');
    await saveScreenshot(page, 'workflow-citizen.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await teamRegion().waitFor();
    await assertNoSidewaysScroll('young person’s page at 390 px');
    await saveScreenshot(page, 'workflow-citizen-390.png', { maxHeight: 1400, from: teamRegion() });
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describe('a change made meanwhile', () => {
  test('the team form says the case changed and shows who carries it now (412)', async () => {
    // Still the caseworker, on the young person's page: a case role on the team may assign.
    await page.goto(`${base}/citizens/${walk.citizenId}`);
    await teamRegion().waitFor();
    await teamRegion().getByRole('button', { name: 'Skift hvem der har sagen', exact: true }).click();
    const teamForm = teamRegion().getByRole('form', { name: 'Skift hvem der har sagen', exact: true });
    await teamForm.getByLabel('Behandler', { exact: true }).waitFor();
    // Saving nothing changed is refused in the form, before any request.
    await teamForm.getByRole('button', { name: 'Gem', exact: true }).click();
    await teamForm.getByText('Du har ikke ændret noget. Vælg en anden person, eller annuller.').first().waitFor();
    // Someone else clears the therapist while the form is open.
    const now = (await apiGet(page, `/api/v1/enrolments/${walk.enrolmentId}`)).body;
    const cleared = await apiPatch(`/api/v1/enrolments/${walk.enrolmentId}/assignments`, { therapist: null }, now.version);
    assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
    await teamForm.getByLabel('Sagsbehandler', { exact: true }).selectOption({ label: 'Ikke tildelt' });
    await teamForm.getByRole('button', { name: 'Gem', exact: true }).click();
    await teamForm.getByText(/^Sagen er blevet ændret af en anden/).waitFor();
    // The page read the case again: the therapist shows as not assigned, in the list and the form.
    await page.waitForFunction(() => document.querySelector('[data-role="therapist"] dd')?.textContent === 'Ikke tildelt');
    await page.waitForFunction(
      () => (document.querySelector('select[id$="-therapist"]') instanceof HTMLSelectElement
        ? document.querySelector('select[id$="-therapist"]').value === ''
        : false),
    );
    assert.equal(await teamForm.getByLabel('Sagsbehandler', { exact: true }).inputValue(), String(walk.caseworker),
      'the form shows the case as it is now, not the choice made against the old version');
    const still = (await apiGet(page, `/api/v1/enrolments/${walk.enrolmentId}`)).body;
    assert.equal(still.assignments.caseworker?.id, walk.caseworker, 'the stale save changed nothing');
    assert.equal(still.version, now.version + 1);
    await assertAccessible(page, 'team form after a 412');
    await teamForm.getByRole('button', { name: 'Annuller', exact: true }).click();
  });

  test('marking a task that changed meanwhile says so and shows it as it is now (412)', async () => {
    await page.goto(`${base}/`);
    const tasks = page.getByRole('region', { name: 'Mine opgaver', exact: true });
    await tasks.getByLabel('Vis udførte', { exact: true }).check();
    const done = tasks.getByRole('table', { name: 'Mine udførte opgaver, efter frist' });
    const doneRow = done.getByRole('row').filter({ hasText: TASK });
    await doneRow.waitFor();
    // Reopened in another window: the version the page holds is stale.
    const task = (await apiGet(page, '/api/v1/tasks?owner=me&state=done')).body.items.find((x) => x.id === walk.taskId);
    const reopened = await apiPatch(`/api/v1/tasks/${walk.taskId}`, { done: false }, task.version);
    assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
    await doneRow.getByRole('button', { name: `Genåbn: ${TASK}`, exact: true }).click();
    await tasks.getByText(/^Opgaven er blevet ændret i mellemtiden/).waitFor();
    // Read again: open once more, in the open list, and no longer among the done ones.
    const open = tasks.getByRole('table', { name: 'Mine åbne opgaver, efter frist' });
    await open.getByRole('row').filter({ hasText: TASK }).waitFor();
    await done.getByRole('row').filter({ hasText: TASK }).waitFor({ state: 'detached' });
    const after = (await apiGet(page, '/api/v1/tasks?owner=me&state=open')).body.items.find((x) => x.id === walk.taskId);
    assert.equal(after.version, reopened.body.version, 'the stale click wrote nothing');
  });

  test('logs no console errors but the answers the walk expects', () => {
    // The treatment tab asks for a plan that is not written yet (404), and the two stale saves (412).
    const expected = [
      /status of 404 .*\/api\/v1\/enrolments\/\d+\/treatment-plan\)$/,
      /status of 412 .*\/api\/v1\/enrolments\/\d+\/assignments\)$/,
      /status of 412 .*\/api\/v1\/tasks\/\d+\)$/,
    ];
    const unexpected = session.browser.consoleErrors.filter((e) => !expected.some((re) => re.test(e)));
    assert.deepEqual(unexpected, []);
  });
});
