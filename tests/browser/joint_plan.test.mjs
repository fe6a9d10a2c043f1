// The joint plan in the browser (issue 11, "Tests": "a job consultant records an employer contact
// and an internship, a network meeting sets a new goal with a task for the care manager, the care
// manager sees it on their caseload, and the young person's 'Min plan' prints with it"), against
// the real server and its demo data, from the keyboard where a form is filled in:
//
// - jobconsultant.herning opens a young person of their employment caseload who shares a team
//   with caremanager.herning; on "Job og uddannelse" records a contact with a demo employer and a
//   company internship (virksomhedspraktik);
// - on "Fælles plan", one network meeting: the care manager and the consultant as participants,
//   the young person present, an interpreter (Dari), a new goal in the young person's words and a
//   task for the care manager for that goal, due yesterday (a task may be due after the referral,
//   docs/api-contract.md "Date bounds") so that it is overdue; one Save;
// - caremanager.herning sees the task on the start page ("Mine opgaver") and the task_overdue flag
//   on the young person's row of /caseload;
// - "Min plan" shows the goal and the task and prints: emulated print media hides the header and
//   navigation, and page.pdf() makes a PDF.
//
// What was saved is checked against the API's answers. axe-core on each page at 1280 and 390
// pixels; screenshots docs/screenshots/joint-plan-*.png at both widths.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiGet, assertAccessible, endSession, logIn, logOff, saveScreenshot, startSession, todayInDenmark } from './browser.mjs';

let server;
let page;
let session;
const young = {};
const GOAL = 'Jeg vil gerne prøve at arbejde på et lager.';
const TASK = 'Tal med lægen om arbejdstider på lageret';
const INTERNSHIP_PLACE = 'Fiktiv Browsertest Lager';

function shift(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Fill the three fields of a DateField (ids `${id}-day`, -month, -year) with an ISO date. */
async function fillDate(id, iso) {
  const [y, m, d] = iso.split('-');
  await page.locator(`#${id}-day`).fill(String(Number(d)));
  await page.locator(`#${id}-month`).fill(String(Number(m)));
  await page.locator(`#${id}-year`).fill(y);
}

const enrolmentRegionTab = (name) => page.getByRole('tab', { name, exact: true });

async function openCitizen() {
  await page.goto(`${server.url}/citizens/${young.citizenId}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

before(async () => {
  session = await startSession();
  ({ server, page } = session);
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, server.url, 'caremanager.herning');
  young.careManager = (await apiGet(page, '/api/v1/auth/me')).body.user;
  await logOff(page);
  await logIn(page, server.url, 'jobconsultant.herning');
  young.consultant = (await apiGet(page, '/api/v1/auth/me')).body.user;
  const caseload = await apiGet(page, '/api/v1/caseload?track=employment&scope=mine');
  assert.equal(caseload.status, 200, JSON.stringify(caseload.body));
  for (const row of caseload.body.items) {
    const enrolmentId = row.enrolment_id ?? row.enrolment?.id;
    const team = await apiGet(page, `/api/v1/enrolments/${enrolmentId}/team?limit=200`);
    if (team.status === 200 && team.body.items.some((p) => p.id === young.careManager.id)) {
      young.enrolmentId = enrolmentId;
      young.citizenId = row.citizen_id ?? row.citizen?.id;
      break;
    }
  }
  assert.ok(young.enrolmentId, 'a young person of the consultant who shares a team with caremanager.herning');
});

after(async () => {
  await endSession(session);
});

describe('the joint plan across the sectors (jobconsultant.herning, caremanager.herning)', () => {
  test('the job consultant records an employer contact and an internship on "Job og uddannelse"', async () => {
    await openCitizen();
    await enrolmentRegionTab('Job og uddannelse').first().click();
    await page.getByRole('button', { name: 'Registrér kontakt med arbejdsgiver', exact: true }).first().click();
    const employer = page.getByRole('combobox', { name: 'Arbejdsgiver', exact: true });
    await employer.focus();
    const employers = await apiGet(page, '/api/v1/employers?limit=1');
    const demoEmployer = employers.body.items[0];
    await page.keyboard.type(demoEmployer.name.slice(0, 6));
    await page.getByRole('listbox', { name: 'Arbejdsgiver', exact: true }).getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const contactForm = page.locator('form.employer-contact-form');
    await contactForm.getByLabel('Kontaktform').selectOption({ label: 'Telefon' });
    await contactForm.getByLabel('Formål').selectOption({ label: 'Præsentere en kandidat' });
    await contactForm.getByRole('button', { name: /^Gem/ }).first().press('Enter');
    await page.locator('.employer-contact-notice .alert').waitFor();
    const contacts = await apiGet(page, `/api/v1/enrolments/${young.enrolmentId}/employer-contacts`);
    assert.equal(contacts.status, 200);
    assert.ok(contacts.body.items.some((c) => c.purpose === 'present_candidate' && c.kind === 'phone' && c.date === todayInDenmark()), JSON.stringify(contacts.body.items[0]));
    const close = page.getByRole('button', { name: 'Luk', exact: true });
    if (await close.count()) await close.first().click();

    await page.getByRole('button', { name: 'Registrér job, praktik eller uddannelse', exact: true }).first().click();
    const kind = page.locator(`#episode-${young.enrolmentId}-kind`);
    await kind.selectOption({ label: 'Virksomhedspraktik' });
    await page.locator(`#episode-${young.enrolmentId}-hours`).fill('15');
    await page.locator(`#episode-${young.enrolmentId}-purpose`).selectOption({ label: 'Arbejdsgiveren prøver den unge af' });
    await page.locator(`#episode-${young.enrolmentId}-place`).fill(INTERNSHIP_PLACE);
    await page.locator(`#episode-${young.enrolmentId}-place`).press('Enter');
    await page.getByText('Virksomhedspraktik').first().waitFor();
    const episodes = await apiGet(page, `/api/v1/enrolments/${young.enrolmentId}/episodes`);
    assert.ok(episodes.body.items.some((e) => e.kind === 'internship' && e.start_date === todayInDenmark()), JSON.stringify(episodes.body));
  });

  test('a network meeting sets a goal with a task for the care manager, in one Save', async () => {
    await enrolmentRegionTab('Fælles plan').first().click();
    await page.getByRole('button', { name: 'Registrér netværksmøde', exact: true }).click();
    const form = page.locator('form.network-meeting-form');
    await form.waitFor();
    const participants = form.getByRole('group', { name: 'Deltagere fra teamet' });
    await participants.getByLabel(young.careManager.display_name, { exact: true }).check();
    await form.getByLabel('Der var tolk', { exact: true }).check();
    await form.getByLabel('Tolkens sprog', { exact: true }).selectOption('prs');
    await form.getByLabel('Status', { exact: true }).fill('Vil gerne i praktik på et lager.');
    // A Save without the task's owner is refused at the field, in Danish, and writes nothing.
    await form.getByRole('button', { name: 'Tilføj mål', exact: true }).click();
    const goalRow = form.getByRole('group', { name: 'Nyt mål 1', exact: true });
    await goalRow.getByLabel('Område', { exact: false }).first().selectOption('employment_education');
    await goalRow.getByRole('textbox').first().fill(GOAL);
    await form.getByRole('button', { name: 'Tilføj opgave', exact: true }).click();
    const taskRow = form.getByRole('group', { name: 'Opgave 1', exact: true });
    await taskRow.getByRole('textbox').first().fill(TASK);
    await form.getByRole('button', { name: 'Gem netværksmøde', exact: true }).press('Enter');
    await page.locator(`#network-${young.enrolmentId}-task-0-owner-error`).waitFor();
    assert.match(await page.locator(`#network-${young.enrolmentId}-task-0-owner-error`).innerText(), /Vælg en mulighed/);
    await assertAccessible(page, 'network meeting form with an error');
    await taskRow.locator(`#network-${young.enrolmentId}-task-0-owner`).selectOption(String(young.careManager.id));
    await fillDate(`network-${young.enrolmentId}-task-0-due`, shift(todayInDenmark(), -1));
    await taskRow.locator(`#network-${young.enrolmentId}-task-0-goal`).selectOption('n:0');
    await saveScreenshot(page, 'joint-plan-network-form-1280.png', { maxHeight: 2400, from: form });
    await form.getByRole('button', { name: 'Gem netværksmøde', exact: true }).press('Enter');
    await page.getByText('Netværksmødet er gemt med mål og opgaver.').waitFor();
    // The plan reloaded: the goal and the task are on the tab.
    await page.getByRole('cell', { name: GOAL }).first().waitFor();
    await page.getByText(TASK).first().waitFor();
    const meetings = await apiGet(page, `/api/v1/enrolments/${young.enrolmentId}/meetings`);
    const nm = meetings.body.items.find((m) => m.kind === 'network');
    const full = await apiGet(page, `/api/v1/network-meetings/${nm.id}`);
    assert.equal(full.body.interpreter_language, 'prs');
    assert.deepEqual(full.body.staff.map((s) => s.id).sort(), [young.consultant.id, young.careManager.id].sort());
    const goal = full.body.goals.find((g) => g.change === 'set');
    assert.equal(goal.text, GOAL);
    assert.deepEqual(full.body.tasks.map((x) => [x.text, x.owner.id, x.due, x.goal_id]), [[TASK, young.careManager.id, shift(todayInDenmark(), -1), goal.goal_id]]);
    await assertAccessible(page, 'joint plan at 1280');
    await saveScreenshot(page, 'joint-plan-1280.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await assertAccessible(page, 'joint plan at 390');
    await saveScreenshot(page, 'joint-plan-390.png', { maxHeight: 3000 });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('an individual conversation (walk-and-talk) and a note between the sectors', async () => {
    await page.getByRole('button', { name: 'Registrér samtale', exact: true }).click();
    const place = page.locator(`#conversation-${young.enrolmentId}-place`);
    await place.selectOption({ label: 'Gå-og-snak' });
    await page.locator(`#conversation-${young.enrolmentId}-note`).fill('En gåtur om praktikken.');
    await page.locator(`#conversation-${young.enrolmentId}-note`).press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Samtalen er registreret.').waitFor();
    const meetings = await apiGet(page, `/api/v1/enrolments/${young.enrolmentId}/meetings`);
    const talk = meetings.body.items.find((m) => m.kind === 'individual' && m.place === 'walk_and_talk');
    assert.ok(talk, JSON.stringify(meetings.body.items[0]));
    assert.deepEqual([talk.date, talk.staff.map((x) => x.id)], [todayInDenmark(), [young.consultant.id]], 'today and the caller, as preset');
    await page.getByRole('button', { name: 'Skriv note', exact: true }).click();
    await page.locator(`#team-note-${young.enrolmentId}-text`).fill('Praktikken starter i dag.');
    await page.locator(`#team-note-${young.enrolmentId}-text`).press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Noten er gemt.').waitFor();
    await page.getByText('Praktikken starter i dag.').first().waitFor();
    await assertAccessible(page, 'meetings and team notes');
  });

  test('the care manager sees the task on "Mine opgaver" and the overdue flag on the caseload', async () => {
    await logOff(page);
    await logIn(page, server.url, 'caremanager.herning');
    const mine = page.getByRole('region', { name: 'Mine opgaver' });
    await mine.getByText(TASK).first().waitFor();
    await page.goto(`${server.url}/caseload`);
    await page.getByRole('heading', { level: 1, name: 'Forløbsoversigt' }).waitFor();
    const caseload = await apiGet(page, '/api/v1/caseload');
    const row = caseload.body.items.find((r) => (r.enrolment_id ?? r.enrolment?.id) === young.enrolmentId);
    assert.ok(row, 'the young person is on the care manager\'s caseload');
    assert.ok(JSON.stringify(row.flags).includes('task_overdue'), JSON.stringify(row.flags));
    await page.locator('[data-flag="task_overdue"]').first().waitFor();
    await assertAccessible(page, 'caseload with the overdue task');
    await saveScreenshot(page, 'joint-plan-caseload-1280.png', { maxHeight: 1400 });
    await page.setViewportSize({ width: 390, height: 844 });
    await assertAccessible(page, 'caseload at 390');
    await saveScreenshot(page, 'joint-plan-caseload-390.png', { maxHeight: 2400 });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('"Min plan" shows the goal and the task, and prints without the header', async () => {
    await page.goto(`${server.url}/citizens/${young.citizenId}/min-plan?enrolment=${young.enrolmentId}`);
    await page.getByRole('heading', { level: 1, name: /^Min plan/ }).waitFor();
    await page.getByText(GOAL).first().waitFor();
    await page.getByText(TASK).first().waitFor();
    await assertAccessible(page, 'Min plan at 1280');
    await saveScreenshot(page, 'joint-plan-min-plan-1280.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await assertAccessible(page, 'Min plan at 390');
    await saveScreenshot(page, 'joint-plan-min-plan-390.png');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header').first().isVisible(), false, 'the header is hidden in print');
    assert.equal(await page.getByRole('navigation').first().isVisible().catch(() => false), false, 'the navigation is hidden in print');
    assert.equal(await page.getByText(TASK).first().isVisible(), true);
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000 && pdf.subarray(0, 4).toString() === '%PDF');
    await page.emulateMedia({ media: 'screen' });
  });
});
