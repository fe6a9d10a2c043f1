// The demo data seen through the API: every person has a substitute number (CPR-kontoret's
// erstatningspersonnummer, birth day + 60, DOMAIN.md Part B §1.5) in the demo block 99, and
// is marked synthetic; the derived birth date agrees with the number.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck } from './server.mjs';
import { makeClient, walkList } from './client.mjs';

let server;
let api;
before(async () => {
  server = await startServer();
  api = makeClient(server.base);
});
after(async () => {
  await stopAndCheck(server);
});

test('every demo citizen has a synthetic substitute number whose birth date matches', async () => {
  const { items: people } = await walkList(api, "/api/v1/citizens", 200);
  assert.ok(people.length > 300, `${people.length} demo people`);
  for (const p of people) {
    assert.equal(p.identifier_type, 'erstatning');
    assert.equal(p.synthetic, true);
    const day = Number(p.identifier.slice(0, 2));
    assert.ok(day >= 61 && day <= 91, 'day 61-91');
    assert.equal(p.identifier.slice(7, 9), '99', 'demo serial block');
    assert.equal(Number(p.birth_date.slice(8, 10)), day - 60, 'birth day = day - 60');
    assert.equal(p.birth_date.slice(5, 7), p.identifier.slice(2, 4), 'birth month');
    assert.equal(p.legal_sex, Number(p.identifier[9]) % 2 ? 'male' : 'female', 'sex from the last digit');
  }
});
