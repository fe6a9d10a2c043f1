// Shared helpers for the browser tests: Debian's chromium through
// playwright-core, axe-core checks, console-error tracking and sign-in.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { REPO_ROOT, startServer } from './server.mjs';

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
// As root on a closed network (docs/toolchain.md, note 5); the user data dir is
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

/** The password of every demo user (`samspor demo`). */
export const DEMO_PASSWORD = 'samspor-demo';

/**
 * A fresh Chromium profile: { context, page, consoleErrors, close }.
 * consoleErrors collects console errors and uncaught exceptions, except the
 * browser's "Failed to load resource" line for answers the app expects: 401
 * from /api/v1/auth/me (am I signed in?) and /api/v1/auth/login (wrong
 * password), 429 from /api/v1/auth/login (throttled).
 */
export async function openBrowser() {
  const profileDir = await mkdtemp(path.join(tmpdir(), 'samspor-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location().url ?? '';
    const route = url ? new URL(url).pathname : '';
    const expected =
      (/Failed to load resource: .*\b401\b/.test(msg.text()) && /^\/api\/v1\/auth\/(me|login)$/.test(route)) ||
      (/Failed to load resource: .*\b429\b/.test(msg.text()) && route === '/api/v1/auth/login');
    if (!expected) consoleErrors.push(`console: ${msg.text()} (${url})`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  const close = async () => {
    await context.close();
    await rm(profileDir, { recursive: true, force: true });
  };
  return { context, page, consoleErrors, close };
}

/** Run axe-core on the page and fail on serious or critical violations (listed in the message). */
export async function assertAccessible(page, label) {
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

/**
 * Sign in through the Danish login form and wait for the page it opens: the
 * start page, or the page asked for when the login page was reached from a
 * deep link (/login?next=…).
 */
export async function logIn(page, baseUrl, username, password = DEMO_PASSWORD) {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/`);
  await page.getByRole('heading', { level: 1, name: 'Log ind', exact: true }).waitFor();
  const next = new URL(page.url()).searchParams.get('next');
  await page.getByLabel('Brugernavn', { exact: true }).fill(username);
  await page.getByLabel('Adgangskode', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log ind', exact: true }).click();
  if (next === null) {
    await page.getByRole('heading', { level: 1, name: 'Forside', exact: true }).waitFor();
    await page.waitForURL((url) => url.pathname === '/');
  } else {
    await page.waitForURL((url) => url.pathname !== '/login');
  }
}

/**
 * A screenshot under docs/screenshots/, without a focus ring and with the fonts loaded: the whole
 * page, or `maxHeight` pixels of it (a phone's long page) from the top or from the top of the
 * element `from` (a locator).
 */
export async function saveScreenshot(page, name, { maxHeight, from } = {}) {
  const file = path.join(REPO_ROOT, 'docs', 'screenshots', name);
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await page.evaluate(() => document.fonts.ready.then(() => true));
  await mkdir(path.dirname(file), { recursive: true });
  const [width, height] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.scrollHeight,
  ]);
  const y = from ? Math.floor(await from.evaluate((el) => el.getBoundingClientRect().top + window.scrollY)) : 0;
  const clip = maxHeight ? { x: 0, y, width, height: Math.min(maxHeight, height - y) } : undefined;
  // A picture for docs/, not a check: it may take longer than an action on a loaded machine.
  await page.screenshot({ path: file, fullPage: true, timeout: 30_000, ...(clip ? { clip } : {}) });
}

/** GET a JSON API route from inside the page (its session cookie): { status, body }. */
export async function apiGet(page, route) {
  return page.evaluate(async (r) => {
    const res = await fetch(r, { headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await res.json();
    } catch {
      // no body
    }
    return { status: res.status, body };
  }, route);
}

/** POST a JSON API route from inside the page, with the session's CSRF token: { status, body }. */
export async function apiPost(page, route, body) {
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

/** Today in Denmark as YYYY-MM-DD (the server's calendar). */
export function todayInDenmark() {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** Log off through the header's button and wait for the login page. */
export async function logOff(page) {
  await page.getByRole('button', { name: 'Log af', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Log ind', exact: true }).waitFor();
}

/**
 * A server with a fresh demo database and a Chromium profile, for one test file:
 * `const s = await startSession()` in before(), `await endSession(s)` in after().
 * endSession fails the file unless the server stopped cleanly (exit 0 after SIGTERM).
 */
export async function startSession() {
  const server = await startServer();
  const browser = await openBrowser();
  return { server, browser, page: browser.page };
}

export async function endSession(session) {
  await session?.browser?.close();
  const status = await session?.server?.stop();
  if (status === undefined) return;
  assert.deepEqual(status, { code: 0, signal: null },
    `samspor serve did not stop cleanly:\n${session.server.stderr().slice(-4000)}`);
}
