import { logIn, openBrowser } from './browser.mjs';
import { startServer } from './server.mjs';
const server = await startServer();
const b = await openBrowser();
const page = b.page;
try {
  await logIn(page, server.url, 'admin');
  await page.goto(`${server.url}/admin`);
  await page.getByRole('heading', { level: 2, name: 'Teams' }).waitFor();
  await page.locator('table.admin-teams').waitFor();
  const info = await page.evaluate(() => ({
    h: document.body.scrollHeight,
    main: document.querySelector('main')?.getBoundingClientRect().width,
    users: document.querySelectorAll('table.admin-users tbody tr').length,
    teams: document.querySelectorAll('table.admin-teams tbody tr').length,
    container: document.querySelector('main')?.outerHTML.slice(0, 300),
  }));
  console.log(JSON.stringify(info, null, 1));
  await page.screenshot({ path: '/tmp/adm-shots/top.png' });
  await page.locator('#admin-users-heading').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/adm-shots/users.png' });
  await page.locator('#admin-teams-heading').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/adm-shots/teams.png' });
} finally {
  await b.close();
  await server.stop();
}
