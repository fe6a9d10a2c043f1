// Browser test of the start page against the real server and its demo data:
// the five seeded projects, Danish by default, the language switch, axe-core
// (no serious or critical violations), no console errors, and a screenshot
// for docs/screenshots/start.png.
//
// Run from tests/: npm run test:browser (SAMSPOR_BIN overrides build/samspor).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { REPO_ROOT, startServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
// As root on a closed network (TOOLCHAIN.md gotcha 6); the user data dir is
// launchPersistentContext's first argument, never an --user-data-dir flag.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const PROJECTS = ['IBBU Midt', 'IBBU-Nord', 'Samarbejdsmodellen', 'IPS Syddanmark', 'På vej til arbejde'];
const SCREENSHOT = path.join(REPO_ROOT, 'docs', 'screenshots', 'start.png');

let server;
let profileDir;
let context;
let page;
const consoleErrors = [];

before(async () => {
  server = await startServer();
  profileDir = await mkdtemp(path.join(tmpdir(), 'samspor-chromium-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
  });
  context.setDefaultTimeout(10_000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
});

after(async () => {
  await context?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
  const status = await server?.stop();
  if (status && status.code !== 0 && status.signal !== 'SIGTERM') {
    console.error(`samspor serve ended with ${JSON.stringify(status)}:\n${server.stderr()}`);
  }
});

/** Run axe-core on the page and fail on serious or critical violations (listed in the message). */
async function assertAccessible(label) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`);
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
    })
    .join('\n');
  if (bad.length > 0) console.error(`axe (${label}):\n${report}`);
  assert.equal(bad.length, 0, `axe found serious/critical violations (${label}):\n${report}`);
}

async function htmlLang() {
  return page.evaluate(() => document.documentElement.lang);
}

async function projectHeadingsVisible() {
  for (const name of PROJECTS) {
    const heading = page.getByRole('heading', { level: 2, name, exact: true });
    await heading.waitFor({ state: 'visible' });
  }
}

describe('start page', () => {
  test('lists the five demo projects in Danish', async () => {
    const res = await page.goto(`${server.url}/`);
    assert.equal(res?.status(), 200);
    await page.getByRole('heading', { level: 1, name: 'Projekter', exact: true }).waitFor();
    assert.equal(await htmlLang(), 'da');
    assert.equal(await page.title(), 'Samspor');
    await projectHeadingsVisible();
    assert.ok(await page.getByRole('banner').getByText('Samspor', { exact: true }).isVisible());
    assert.ok(await page.getByRole('main').isVisible());
    assert.ok((await page.getByText(/^Mål: [\d.]+ unge$/).count()) >= PROJECTS.length);
    await assertAccessible('da');
  });

  test('switches to English, sets <html lang="en"> and remembers it', async () => {
    const english = page.getByRole('button', { name: 'English', exact: true });
    await english.click();
    await page.getByRole('heading', { level: 1, name: 'Projects', exact: true }).waitFor();
    assert.equal(await htmlLang(), 'en');
    assert.equal(await english.getAttribute('aria-pressed'), 'true');
    assert.ok((await page.getByText(/^Target: [\d,]+ young people$/).count()) >= PROJECTS.length);
    await projectHeadingsVisible();
    await assertAccessible('en');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Projects', exact: true }).waitFor();
    assert.equal(await htmlLang(), 'en');
  });

  test('switches back to Danish and saves a screenshot', async () => {
    await page.getByRole('button', { name: 'Dansk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Projekter', exact: true }).waitFor();
    assert.equal(await htmlLang(), 'da');
    await projectHeadingsVisible();
    await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    await page.evaluate(() => document.fonts.ready.then(() => true));
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  test('logs no console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
