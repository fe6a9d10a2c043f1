// The demo shows every flag of the employment caseload to the demo users the README names
// (issue 11, "Demo": "Every flag above shows for some demo user (name which in the README)"), and
// the care manager's overdue joint-plan task on the treatment caseload. The table below is the
// README's "Which demo user sees which flag" table; if the demo or a flag's rule changes so that a
// named user no longer sees it, this fails and the README must be put right too.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck } from './server.mjs';
import { signedIn, assertOk } from './client.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await stopAndCheck(server);
});

/** The flags on one user's caseload (every row; ?track=employment or the treatment one). */
async function flagsOf(username, track) {
  const client = await signedIn(server.base, username);
  const res = await client.get(`/api/v1/caseload?limit=200${track ? `&track=${track}` : ''}`);
  assertOk(res, 200, track ? 'EmploymentCaseload' : 'Caseload');
  const flags = new Set(res.body.items.flatMap((row) => row.flags));
  for (const flag of res.body.caseload_flags ?? []) flags.add(flag);
  return flags;
}

const README = [
  ['no_employer_contact', ['ipsconsultant.odense', 'resourceconsultant.naestved', 'jobconsultant.herning']],
  ['no_contact', ['ipsconsultant.odense', 'jobconsultant.herning']],
  ['task_overdue', ['resourceconsultant.naestved']],
  ['no_follow_along', ['ipsconsultant.odense', 'ipsconsultant.middelfart']],
  ['episode_ended_no_next_step', ['ipsconsultant.middelfart', 'resourceconsultant.naestved']],
  ['caseload_over_limit', ['ipsconsultant.odense']],
];

test('every employment flag shows for the demo users the README names', async () => {
  const seen = new Map();
  for (const [flag, users] of README) {
    for (const user of users) {
      if (!seen.has(user)) seen.set(user, await flagsOf(user, 'employment'));
      assert.ok(seen.get(user).has(flag), `${user} sees ${flag} (has ${[...seen.get(user)].join(', ')})`);
    }
  }
  // A consultant under the limit does not get the caseload-size flag.
  assert.ok(!(await flagsOf('ipsconsultant.fredericia', 'employment')).has('caseload_over_limit'));
});

test('the care manager sees an overdue task of the joint plan on the treatment caseload', async () => {
  assert.ok((await flagsOf('caremanager.naestved')).has('task_overdue'));
});
