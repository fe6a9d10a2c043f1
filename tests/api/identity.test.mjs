// One person, many records (docs/security-model.md "One person, many records"): registering a
// person another team has registered must answer exactly as registering a new person does, give
// the caller a record of their own that they can find, refer and enrol, and show them nothing
// the other team recorded. Identifiers are synthetic (CPR-kontoret's erstatningspersonnummer:
// the birth day plus 60, so no CPR number can be one); names are fictional.
//
// The scenario: caremanager.herning (region 1082, Herning team of ibbu-midt) registers a person
// without enrolling them; caremanager.randers (same region, Randers team of ibbu-midt) registers
// the same number.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, sql, rememberPersonal } from './server.mjs';
import {
  signedIn, assertOk, assertProblem, assertETag, walkList, describe, todayDk, iso, unusedErstatning, fictionalName,
} from './client.mjs';

let server;
let herning;
let randers;
let midt; // the ibbu-midt project
let teamOf; // username → their team id in ibbu-midt

const BIRTH = { year: 2002, month: 11, day: 14 };

before(async () => {
  server = await startServer();
  herning = await signedIn(server.base, 'caremanager.herning');
  randers = await signedIn(server.base, 'caremanager.randers');
  midt = (await walkList(herning, '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
  assert.ok(midt, 'the demo project ibbu-midt');
  teamOf = {};
  for (const api of [herning, randers]) {
    const me = assertOk(await api.get('/api/v1/auth/me'), 200, 'Me').user;
    teamOf[me.username] = me.teams.find((t) => t.project_id === midt.id)?.id;
    assert.ok(teamOf[me.username], `${me.username} has a team in ibbu-midt`);
  }
  assert.notEqual(teamOf['caremanager.herning'], teamOf['caremanager.randers']);
});
after(async () => {
  await stopAndCheck(server);
});

const search = async (api, q) => assertOk(await api.get(`/api/v1/citizens?q=${encodeURIComponent(q)}`), 200, 'CitizenList').items;
const allIds = async (api) => (await walkList(api, '/api/v1/citizens', 200)).items.map((c) => c.id);
const accessLog = async (api, id) => (await walkList(api, `/api/v1/citizens/${id}/access-log`, 200)).items;
const referral = (citizenId, date = iso(todayDk())) => ({
  project_id: midt.id, citizen_id: citizenId, referral_date: date, referral_source: 'Jobcenter', target_group: midt.target_groups[0],
});

/** A number nobody has registered: unused as seen by both care managers. */
async function freshNumber() {
  for (;;) {
    const { identifier } = await unusedErstatning(herning, BIRTH);
    if ((await search(randers, identifier)).length === 0) return identifier;
  }
}

function body(identifier, name, phone) {
  rememberPersonal(phone);
  return { identifier, identifier_type: 'erstatning', name, phone, municipality_code: '730', synthetic: true };
}

/** What an answer shows of itself apart from the record's own values: status, header names, members. */
function answerShape(res) {
  const headers = [...res.headers.keys()].filter((h) => h !== 'date' && h !== 'content-length').sort();
  return { status: res.status, type: res.type, headers, members: Object.keys(res.body ?? {}).sort(), etag: res.headers.get('etag') };
}

test('Herning registers, Randers registers the same number: the same answer as a fresh number, a record of Randers\' own', async () => {
  const number = await freshNumber();
  const hName = fictionalName('Herning');
  const rName = fictionalName('Randers');
  const hPhone = '+45 20 11 22 33';
  const rPhone = '+45 30 44 55 66';

  const hRes = await herning.post('/api/v1/citizens', body(number, hName, hPhone));
  const hRec = assertOk(hRes, 201, 'Citizen');

  // Randers: the number Herning holds, then a number nobody holds, with the same members.
  const rRes = await randers.post('/api/v1/citizens', body(number.replace('-', ''), rName, rPhone));
  const other = await freshNumber();
  const fresh = await randers.post('/api/v1/citizens', body(other, fictionalName('Fresh'), rPhone));
  assertOk(fresh, 201, 'Citizen');
  const rRec = assertOk(rRes, 201, 'Citizen');
  assert.deepEqual(answerShape(rRes), answerShape(fresh), 'registered elsewhere and new answer alike');
  assert.match(rRes.headers.get('location'), /^\/api\/v1\/citizens\/[0-9]+$/);
  assert.equal(rRes.headers.get('location'), `/api/v1/citizens/${rRec.id}`);
  assertETag(rRes, 1);
  assert.equal(rRes.headers.get('idempotent-replayed'), null);

  // Randers' record: its own id, Randers' name and phone, nothing of Herning's.
  assert.notEqual(rRec.id, hRec.id);
  assert.equal(rRec.identifier, number.replace('-', ''));
  assert.equal(rRec.name, rName);
  assert.equal(rRec.phone, rPhone);
  assert.equal(rRec.version, 1);
  for (const v of [hName, hPhone]) assert.ok(!rRes.text.includes(v), 'Randers\' answer quotes what Herning recorded');

  // Randers finds their own record by the number, and only it; Herning's name finds nothing.
  assert.deepEqual((await search(randers, number)).map((c) => [c.id, c.name]), [[rRec.id, rName]]);
  assert.deepEqual(await search(randers, hName), []);
  assert.ok(!(await allIds(randers)).includes(hRec.id), 'Randers lists Herning\'s record');

  // Randers refers their record to ibbu-midt: their own team.
  const rEnrol = assertOk(await randers.post('/api/v1/enrolments', referral(rRec.id)), 201, 'Enrolment');
  assert.equal(rEnrol.citizen_id, rRec.id);
  assert.equal(rEnrol.team_id, teamOf['caremanager.randers']);
  const rGot = assertOk(await randers.get(`/api/v1/citizens/${rRec.id}`), 200, 'Citizen');
  assert.deepEqual(rGot.enrolments.map((e) => e.id), [rEnrol.id]);

  // Herning: their own record, unenrolled; nothing of Randers' record or enrolment.
  assert.deepEqual((await search(herning, number)).map((c) => [c.id, c.name]), [[hRec.id, hName]]);
  assert.deepEqual(await search(herning, rName), []);
  assert.ok(!(await allIds(herning)).includes(rRec.id), 'Herning lists Randers\' record');
  const hGot = assertOk(await herning.get(`/api/v1/citizens/${hRec.id}`), 200, 'Citizen');
  assert.deepEqual(hGot.enrolments, []);
  assert.equal(hGot.name, hName);
  assert.equal(hGot.phone, hPhone);
  const hEnrolments = (await walkList(herning, '/api/v1/enrolments', 200)).items;
  assert.ok(!hEnrolments.some((e) => e.id === rEnrol.id || e.citizen_id === rRec.id), 'Herning lists Randers\' enrolment');

  // The person moved: Herning enrols their own record in the same project. Allowed, and neither
  // team sees the other's enrolment.
  const hEnrol = assertOk(await herning.post('/api/v1/enrolments', referral(hRec.id)), 201, 'Enrolment');
  assert.equal(hEnrol.team_id, teamOf['caremanager.herning']);
  assert.deepEqual(assertOk(await randers.get(`/api/v1/citizens/${rRec.id}`), 200, 'Citizen').enrolments.map((e) => e.id), [rEnrol.id]);
  assert.deepEqual(assertOk(await herning.get(`/api/v1/citizens/${hRec.id}`), 200, 'Citizen').enrolments.map((e) => e.id), [hEnrol.id]);

  // Each record's access log holds its own team's events only.
  const rLog = await accessLog(randers, rRec.id);
  const hLog = await accessLog(herning, hRec.id);
  assert.ok(rLog.some((e) => e.action === 'create' && e.purpose === 'case_administration'), 'Randers\' registration is in Randers\' log');
  assert.ok(hLog.some((e) => e.action === 'create' && e.purpose === 'case_administration'), 'Herning\'s registration is in Herning\'s log');
  assert.deepEqual([...new Set(rLog.map((e) => e.username))], ['caremanager.randers']);
  assert.deepEqual([...new Set(hLog.map((e) => e.username))], ['caremanager.herning']);
  // The same in the database, for every event of either record (refusals included).
  const events = () => sql(server.db, `SELECT DISTINCT citizen_id, username, outcome FROM audit_event WHERE citizen_id IN (${hRec.id}, ${rRec.id}) ORDER BY 1, 2, 3`)
    .map((e) => [e.citizen_id, e.username, e.outcome]);
  assert.deepEqual(events(), [[hRec.id, 'caremanager.herning', 'allowed'], [rRec.id, 'caremanager.randers', 'allowed']]);

  // Asking for the other team's record or enrolment by id: 404, as for an id that does not exist.
  // Each probe is audited, as a refusal, against the record it names (docs/security-model.md).
  assertProblem(await randers.get(`/api/v1/citizens/${hRec.id}`), 404, 'not_found');
  assertProblem(await herning.get(`/api/v1/citizens/${rRec.id}`), 404, 'not_found');
  assertProblem(await herning.get(`/api/v1/enrolments/${rEnrol.id}`), 404, 'not_found');
  assert.deepEqual(events(), [
    [hRec.id, 'caremanager.herning', 'allowed'], [hRec.id, 'caremanager.randers', 'not_found'],
    [rRec.id, 'caremanager.herning', 'not_found'], [rRec.id, 'caremanager.randers', 'allowed'],
  ]);
});

test('registering a number the caller already sees answers 200 with that record, unchanged; their team shares it', async () => {
  const number = await freshNumber();
  const name = fictionalName('Randers');
  const first = assertOk(await randers.post('/api/v1/citizens', body(number, name, '+45 30 00 00 01')), 201, 'Citizen');
  const count = sql(server.db, 'SELECT count(*) AS n FROM citizen')[0].n;

  // The registering user, with either written form of the number and another name: their record.
  for (const identifier of [number, number.replace('-', '')]) {
    const again = await randers.post('/api/v1/citizens', body(identifier, fictionalName('Again'), '+45 30 00 00 02'));
    assert.deepEqual(assertOk(again, 200, 'Citizen'), first);
    assert.equal(again.headers.get('location'), `/api/v1/citizens/${first.id}`);
    assertETag(again, first.version);
  }
  assert.equal(sql(server.db, 'SELECT count(*) AS n FROM citizen')[0].n, count, 'no second record');

  // Not enrolled yet: the rest of the Randers team does not see the record, so registering the
  // number makes one of their own (201)…
  const consultant = await signedIn(server.base, 'jobconsultant.randers');
  const theirs = assertOk(await consultant.post('/api/v1/citizens', body(number, fictionalName('Consultant'), '+45 30 00 00 03')), 201, 'Citizen');
  assert.notEqual(theirs.id, first.id);
  // …and once the record is on the team, registering the number answers the team's record.
  const e = assertOk(await randers.post('/api/v1/enrolments', referral(first.id)), 201, 'Enrolment');
  const caseworker = await signedIn(server.base, 'caseworker.randers');
  const shared = await caseworker.post('/api/v1/citizens', body(number, fictionalName('Caseworker'), '+45 30 00 00 04'));
  assert.equal(assertOk(shared, 200, 'Citizen').id, first.id);
  assert.equal(shared.body.name, name);

  // The consultant's own record of the same person cannot go onto the team's project twice: the
  // team's enrolment is theirs to see, so saying so tells them nothing new.
  const dup = await consultant.post('/api/v1/enrolments', referral(theirs.id));
  assertProblem(dup, 409, 'conflict', { field: '/citizen_id' });
  const n = sql(server.db, `SELECT count(*) AS n FROM enrolment WHERE citizen_id = ${theirs.id}`)[0].n;
  assert.equal(n, 0, describe(dup));
  assert.equal(e.team_id, teamOf['caremanager.randers']);
});

test('another team\'s record cannot be referred, and the refusal does not depend on the record\'s birth date', async () => {
  const number = await freshNumber();
  const hRec = assertOk(await herning.post('/api/v1/citizens', body(number, fictionalName('Herning'), '+45 20 00 00 09')), 201, 'Citizen');
  // Before the birth date and after it: the same refusal, naming the citizen, nothing written.
  for (const date of ['1990-01-01', iso(todayDk())]) {
    const res = await randers.post('/api/v1/enrolments', referral(hRec.id, date));
    assertProblem(res, 422, 'invalid', { field: '/citizen_id' });
  }
  assert.equal(sql(server.db, `SELECT count(*) AS n FROM enrolment WHERE citizen_id = ${hRec.id}`)[0].n, 0);
  // Herning's record has no allowed event by anyone else.
  const others = sql(server.db, `SELECT count(*) AS n FROM audit_event WHERE citizen_id = ${hRec.id} AND outcome = 'allowed' AND username <> 'caremanager.herning'`);
  assert.equal(others[0].n, 0);
});
