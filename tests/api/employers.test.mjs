// Employers and job development (issue 11; docs/api-contract.md "Employers", docs/security-model.md
// "Employers"): one municipality's employer register, shared by its staff; contacts with
// employers, each about one young person or none. Expected values come from the contract and from
// what this file sends: orders are worked from the names sent, CVR numbers from Erhvervsstyrelsen's
// modulus 11 rule (docs/sources.md#cvr-mod11: 13748136 is its worked example; 12345674 and
// 10000009 worked by hand in tests/unit/core/employer_test.c).
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck, rememberPersonal } from './server.mjs';
import { makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, assertETag, walkList, activeEnrolment, todayDk, addDays, iso } from './client.mjs';

let server;
let midt;
const clients = new Map();
const PASSWORD = 'employers-test-password-1';
const OUTSIDER = 'caseworker.employers-noteam'; // Herning (657), on no team
const today = () => iso(todayDk());
const day = (n) => iso(addDays(todayDk(), n));

async function as(username) {
  if (!clients.has(username)) clients.set(username, await signedIn(server.base, username, username === OUTSIDER ? PASSWORD : undefined));
  return clients.get(username);
}

before(async () => {
  server = await startServer();
  const admin = await as('admin');
  assertOk(await admin.post('/api/v1/users', {
    username: OUTSIDER, display_name: 'Sagsbehandler uden team', organisation_code: '657', roles: ['caseworker'], password: PASSWORD,
  }), 201, 'UserAdmin');
  midt = (await walkList(await as('caremanager.herning'), '/api/v1/projects', 200)).items.find((p) => p.slug === 'ibbu-midt');
});
after(async () => {
  await stopAndCheck(server);
});

const person = (tag) => {
  const p = { name: `Fiktiv Kontakt ${tag}`, title: 'Værkfører', phone: `+45 7000 ${String(1000 + tag.length).slice(-4)}`, email: `kontakt.${tag.toLowerCase()}@eksempel.dk` };
  rememberPersonal(p.name, p.phone, p.email);
  return p;
};

async function employer(username, body) {
  const res = await (await as(username)).post('/api/v1/employers', body);
  const e = assertOk(res, 201, 'Employer');
  assert.equal(res.headers.get('location'), `/api/v1/employers/${e.id}`);
  assertETag(res, 1);
  return e;
}

async function contacts(username, path) {
  return (await walkList(await as(username), path, 200)).items;
}

test('without sign-in 401; roles without citizens 403 on every route', async () => {
  const anon = makeClient(server.base);
  assertUnauthenticated(await anon.get('/api/v1/employers'));
  assertUnauthenticated(await anon.get('/api/v1/employers/1'));
  assertUnauthenticated(await anon.get('/api/v1/employers/1/contacts'));
  assertUnauthenticated(await anon.get('/api/v1/enrolments/1/employer-contacts'));
  for (const u of ['lead.ibbu-midt', 'researcher.ibbu-midt', 'admin']) {
    const api = await as(u);
    assertProblem(await api.get('/api/v1/employers?municipality=657'), 403, 'forbidden');
    assertProblem(await api.post('/api/v1/employers', { name: 'Fiktiv A/S' }), 403, 'forbidden');
    assertProblem(await api.get('/api/v1/employers/1'), 403, 'forbidden');
    assertProblem(await api.get('/api/v1/employers/1/contacts'), 403, 'forbidden');
  }
});

test('a consultant adds an employer with contact persons; another consultant of the municipality reads and changes it', async () => {
  const p = person('Alfa');
  const e = await employer('jobconsultant.herning', {
    name: 'Fiktiv Tømrer ApS', cvr: '13748136', address: 'Fiktivvej 1', postcode: '7400', city: 'Herning', municipality_code: '657', contact_persons: [p],
  });
  assert.equal(e.municipality_code, '657');
  assert.equal(e.cvr, '13748136');
  assert.equal(e.contact_persons.length, 1);
  assert.deepEqual({ ...e.contact_persons[0], id: undefined }, { ...p, id: undefined });
  // The same register for the municipality's caseworker, who changes it with If-Match.
  const cw = await as('caseworker.herning');
  const read = await cw.get(`/api/v1/employers/${e.id}`);
  assert.deepEqual(assertOk(read, 200, 'Employer'), e);
  assertETag(read, 1);
  assertProblem(await cw.patch(`/api/v1/employers/${e.id}`, { city: 'Ikast' }), 428, 'precondition_required');
  const q = person('Bravo');
  const changed = await cw.patch(`/api/v1/employers/${e.id}`, { city: 'Ikast', cvr: null, contact_persons: [q] }, { headers: { 'If-Match': '"1"' } });
  const c = assertOk(changed, 200, 'Employer');
  assertETag(changed, 2);
  assert.equal(c.city, 'Ikast');
  assert.ok(!('cvr' in c), 'null removes the CVR number');
  assert.deepEqual(c.contact_persons.map((x) => x.name), [p.name, q.name]);
  const stale = await cw.patch(`/api/v1/employers/${e.id}`, { city: 'Herning' }, { headers: { 'If-Match': '"1"' } });
  assertProblem(stale, 412, 'stale');
  assert.equal(stale.body.current_version, 2);
  assert.equal(assertOk(await cw.get(`/api/v1/employers/${e.id}`), 200, 'Employer').city, 'Ikast', 'a stale change wrote nothing');
});

test('PATCH changes a contact person named by its id: every member as sent, those left out removed', async () => {
  const p = person('Golf');
  const e = await employer('jobconsultant.herning', { name: 'Fiktiv Maler', municipality_code: '657', contact_persons: [p, person('Hotel')] });
  const other = await employer('jobconsultant.herning', { name: 'Fiktiv Murer', municipality_code: '657', contact_persons: [person('India')] });
  const api = await as('caseworker.herning');
  const [golf, hotel] = e.contact_persons;
  const renamed = { id: golf.id, name: 'Fiktiv Kontakt Golf-Hansen', phone: '+45 7000 2222' };
  rememberPersonal(renamed.name, renamed.phone);
  const res = await api.patch(`/api/v1/employers/${e.id}`, { contact_persons: [renamed, { name: 'Fiktiv Kontakt Juliet' }] }, { headers: { 'If-Match': '"1"' } });
  rememberPersonal('Fiktiv Kontakt Juliet');
  const c = assertOk(res, 200, 'Employer');
  assertETag(res, 2);
  // The changed one keeps its id and place; its title and e-mail, left out, are gone; the other is as it was.
  assert.deepEqual(c.contact_persons[0], renamed);
  assert.deepEqual(c.contact_persons[1], hotel);
  assert.equal(c.contact_persons[2].name, 'Fiktiv Kontakt Juliet');
  assert.equal(c.contact_persons.length, 3);
  // Another employer's person, or one that does not exist: 422 at its id, and nothing written.
  for (const id of [other.contact_persons[0].id, 999999999]) {
    assertProblem(await api.patch(`/api/v1/employers/${e.id}`, { city: 'Ikast', contact_persons: [{ id, name: 'Fiktiv X' }] }, { headers: { 'If-Match': '"2"' } }),
      422, 'invalid', { field: '/contact_persons/0/id', reason: 'no_such_record' });
  }
  assert.deepEqual(assertOk(await api.get(`/api/v1/employers/${e.id}`), 200, 'Employer'), c, 'a refused change wrote nothing');
  assert.deepEqual(assertOk(await api.get(`/api/v1/employers/${other.id}`), 200, 'Employer').contact_persons, other.contact_persons);
  // A new employer's contact persons are new: an id is not a member of theirs.
  assertProblem(await api.post('/api/v1/employers', { name: 'Fiktiv Y', municipality_code: '657', contact_persons: [{ id: golf.id, name: 'Fiktiv Z' }] }),
    422, 'invalid', { field: '/contact_persons/0', reason: 'unknown_member' });
});

test('health roles read name and address only, and nothing of contacts; they change nothing', async () => {
  const e = await employer('jobconsultant.herning', { name: 'Fiktiv Bager', city: 'Herning', municipality_code: '657', contact_persons: [person('Charlie')] });
  const cm = await as('caremanager.herning');
  const read = assertOk(await cm.get(`/api/v1/employers/${e.id}`), 200, 'Employer');
  assert.deepEqual(Object.keys(read).sort(), ['city', 'id', 'municipality_code', 'name', 'version']);
  const listed = (await walkList(cm, '/api/v1/employers?municipality=657&q=fiktiv%20bager', 50)).items;
  assert.deepEqual(listed.map((x) => x.id), [e.id]);
  assert.ok(!('contact_persons' in listed[0]) && !('created_by' in listed[0]));
  assertProblem(await cm.patch(`/api/v1/employers/${e.id}`, { city: 'Ikast' }, { headers: { 'If-Match': '"1"' } }), 403, 'forbidden');
  assertProblem(await cm.post('/api/v1/employers', { name: 'Fiktiv X', municipality_code: '657' }), 403, 'forbidden');
  assertProblem(await cm.get(`/api/v1/employers/${e.id}/contacts`), 403, 'forbidden');
  assertProblem(await cm.post(`/api/v1/employers/${e.id}/contacts`, { date: today(), kind: 'phone', purpose: 'follow_up' }), 403, 'forbidden');
  assertProblem(await cm.get('/api/v1/enrolments/1/employer-contacts'), 403, 'forbidden');
});

test('another municipality\'s employer is not theirs to know (404); its register is its own', async () => {
  const e = await employer('jobconsultant.herning', { name: 'Fiktiv Smed', cvr: '12345674', municipality_code: '657' });
  const randers = await as('caseworker.randers');
  assertProblem(await randers.get(`/api/v1/employers/${e.id}`), 404, 'not_found');
  assertProblem(await randers.patch(`/api/v1/employers/${e.id}`, { city: 'Randers' }, { headers: { 'If-Match': '"1"' } }), 404, 'not_found');
  assertProblem(await randers.get(`/api/v1/employers/${e.id}/contacts`), 404, 'not_found');
  assertProblem(await randers.post(`/api/v1/employers/${e.id}/contacts`, { date: today(), kind: 'phone', purpose: 'follow_up' }), 404, 'not_found');
  assertProblem(await randers.get('/api/v1/employers?municipality=657'), 422, 'invalid', { parameter: 'municipality', reason: 'one_of' });
  assertProblem(await (await as('jobconsultant.herning')).post('/api/v1/employers', { name: 'Fiktiv Y', municipality_code: '730' }), 422, 'invalid', { field: '/municipality_code', reason: 'one_of' });
  // A CVR number is unique within a register, not across registers.
  assertProblem(await (await as('caseworker.herning')).post('/api/v1/employers', { name: 'Fiktiv Smed igen', cvr: '12345674', municipality_code: '657' }), 409, 'conflict', { field: '/cvr', reason: 'taken' });
  const other = await employer('caseworker.randers', { name: 'Fiktiv Smed', cvr: '12345674', municipality_code: '730' });
  assert.equal(other.municipality_code, '730');
  assert.ok(!(await walkList(randers, '/api/v1/employers?municipality=730', 200)).items.some((x) => x.id === e.id));
});

test('a user of one municipality and no team uses that register by default', async () => {
  const e = await employer(OUTSIDER, { name: 'Fiktiv Standard' });
  assert.equal(e.municipality_code, '657');
  const found = (await walkList(await as(OUTSIDER), '/api/v1/employers?q=standard', 50)).items;
  assert.deepEqual(found.map((x) => x.id), [e.id]);
});

test('bad input is 422 naming the member with its reason, and writes nothing', async () => {
  const api = await as('jobconsultant.herning');
  const count = async () => (await walkList(api, '/api/v1/employers?municipality=657', 200)).items.length;
  const before = await count();
  const cases = [
    [{ municipality_code: '657' }, '/name', 'required'],
    [{ name: '', municipality_code: '657' }, '/name', 'length_out_of_range'],
    [{ name: 'Fiktiv', cvr: '13748137', municipality_code: '657' }, '/cvr', 'cvr_format'],
    [{ name: 'Fiktiv', cvr: '1374813', municipality_code: '657' }, '/cvr', 'cvr_format'],
    [{ name: 'Fiktiv', cvr: '137481360', municipality_code: '657' }, '/cvr', 'cvr_format'],
    [{ name: 'Fiktiv', municipality_code: '657', contact_persons: [{ name: 'Fiktiv P', email: 'ikke-en-adresse' }] }, '/contact_persons/0/email', 'email_format'],
    [{ name: 'Fiktiv', municipality_code: '657', contact_persons: [{ title: 'Chef' }] }, '/contact_persons/0/name', 'required'],
    [{ name: 'Fiktiv', municipality_code: '657', contact_persons: Array.from({ length: 21 }, (_, i) => ({ name: `P${i}` })) }, '/contact_persons', 'count_out_of_range'],
  ];
  for (const [body, field, reason] of cases)
    assertProblem(await api.post('/api/v1/employers', body), 422, 'invalid', { field, reason });
  assertProblem(await api.post('/api/v1/employers', { name: 'Fiktiv', municipality_code: '657', website: 'x' }), 422, 'invalid', { field: null });
  assert.equal(await count(), before, 'a refused employer was written');

  const e = await employer('jobconsultant.herning', { name: 'Fiktiv Validering', municipality_code: '657', contact_persons: [person('Delta')] });
  const other = await employer('jobconsultant.herning', { name: 'Fiktiv Anden', municipality_code: '657', contact_persons: [person('Echo')] });
  const patch = (body) => api.patch(`/api/v1/employers/${e.id}`, body, { headers: { 'If-Match': '"1"' } });
  assertProblem(await patch({}), 422, 'invalid', { reason: 'nothing_to_change' });
  assertProblem(await patch({ municipality_code: '730' }), 422, 'invalid', { field: '/municipality_code', reason: 'not_changeable' });
  assertProblem(await patch({ cvr: '00000001' }), 422, 'invalid', { field: '/cvr', reason: 'cvr_format' });
  assertProblem(await patch({ name: null }), 422, 'invalid', { field: '/name' });
  const contact = (body) => api.post(`/api/v1/employers/${e.id}/contacts`, { date: today(), kind: 'phone', purpose: 'learn_workplace', ...body });
  const contactCases = [
    [{ kind: 'fax' }, '/kind', 'one_of'],
    [{ purpose: 'lunch' }, '/purpose', 'one_of'],
    [{ date: day(1) }, '/date', 'date_in_future'],
    [{ date: '2026-02-30' }, '/date', 'date_not_in_calendar'],
    [{ next_step_date: day(-1) }, '/next_step_date', 'date_before_start'],
    [{ next_step_date: iso(addDays(todayDk(), 400)) }, '/next_step_date', 'date_too_far_ahead'],
    [{ contact_person_id: other.contact_persons[0].id }, '/contact_person_id', 'no_such_record'],
    [{ enrolment_id: 999999 }, '/enrolment_id', 'no_such_record'],
  ];
  for (const [body, field, reason] of contactCases)
    assertProblem(await contact(body), 422, 'invalid', { field, reason });
  assert.deepEqual(await contacts('jobconsultant.herning', `/api/v1/employers/${e.id}/contacts`), [], 'a refused contact was written');
  assert.equal(assertOk(await api.get(`/api/v1/employers/${e.id}`), 200, 'Employer').version, 1, 'a refused change was written');
});

test('search folds case and Danish letters; the register pages by name with real cursors', async () => {
  const names = ['Zqx Ørsted Æbler', 'zqx Ålborg Is', 'ZQX Bager', 'Zqx Cykler', 'zqx æ-Værk'];
  const made = [];
  for (const name of names) made.push(await employer('jobconsultant.herning', { name, municipality_code: '657' }));
  const api = await as('caseworker.herning');
  // Folded with core_text_fold (docs/api-contract.md): upper and lower case, Æ/æ, Ø/ø, Å/å alike.
  assert.deepEqual((await walkList(api, `/api/v1/employers?q=${encodeURIComponent('ØRSTED')}`, 50)).items.map((x) => x.name), ['Zqx Ørsted Æbler']);
  assert.deepEqual((await walkList(api, `/api/v1/employers?q=${encodeURIComponent('ålborg')}`, 50)).items.map((x) => x.name), ['zqx Ålborg Is']);
  // LIKE's wildcards are plain characters in q.
  assert.deepEqual((await walkList(api, `/api/v1/employers?q=${encodeURIComponent('zqx%')}`, 50)).items, []);
  const { items, sizes } = await walkList(api, '/api/v1/employers?q=zqx', 2);
  // The folded names in code-point order (SQLite's BINARY; PostgreSQL with LC_COLLATE C, as
  // scripts/pg-cluster makes it): ASCII first, then å U+00E5, æ U+00E6, ø U+00F8 — not the
  // Danish alphabet's æ ø å. "zqx bager", "zqx cykler", "zqx ålborg is", "zqx æ-værk", "zqx ørsted æbler".
  assert.deepEqual(items.map((x) => x.name), ['ZQX Bager', 'Zqx Cykler', 'zqx Ålborg Is', 'zqx æ-Værk', 'Zqx Ørsted Æbler']);
  assert.deepEqual(sizes, [2, 2, 1]);
  assertProblem(await api.get('/api/v1/employers?cursor=abc'), 422, 'invalid', { parameter: 'cursor' });
  assertProblem(await api.get('/api/v1/employers?limit=0'), 422, 'invalid', { parameter: 'limit' });
  assertProblem(await api.get('/api/v1/employers?sort=name'), 422, 'invalid', { parameter: 'sort' });
});

test('contacts: about no one for the municipality; about a young person only for who may read the enrolment, audited', async () => {
  const jc = await as('jobconsultant.herning');
  const p = person('Foxtrot');
  const e = await employer('jobconsultant.herning', { name: 'Fiktiv Lager', municipality_code: '657', contact_persons: [p] });
  const { citizen, enrolment } = await activeEnrolment(await as('caseworker.herning'), midt);
  const plain = assertOk(await jc.post(`/api/v1/employers/${e.id}/contacts`, {
    date: day(-3), kind: 'in_person', purpose: 'learn_workplace', contact_person_id: e.contact_persons[0].id, outcome: 'Lageret søger folk til plukning.',
  }), 201, 'EmployerContact');
  assert.deepEqual(plain.contact_person, { id: e.contact_persons[0].id, name: p.name });
  assert.ok(!('citizen' in plain) && !('enrolment_id' in plain));
  const linked = assertOk(await jc.post(`/api/v1/employers/${e.id}/contacts`, {
    date: day(-1), kind: 'phone', purpose: 'present_candidate', enrolment_id: enrolment.id, next_step: 'Praktikbesøg.', next_step_date: day(6),
  }), 201, 'EmployerContact');
  assert.equal(linked.enrolment_id, enrolment.id);
  assert.deepEqual(linked.citizen, { id: citizen.id, name: citizen.name });
  assert.deepEqual(linked.employer, { id: e.id, name: 'Fiktiv Lager' });

  // The team's caseworker sees both, newest first; the register's outsider only the one about no one.
  assert.deepEqual((await contacts('caseworker.herning', `/api/v1/employers/${e.id}/contacts`)).map((c) => c.id), [linked.id, plain.id]);
  assert.deepEqual((await contacts(OUTSIDER, `/api/v1/employers/${e.id}/contacts`)).map((c) => c.id), [plain.id]);
  assert.deepEqual((await contacts('caseworker.herning', `/api/v1/enrolments/${enrolment.id}/employer-contacts`)).map((c) => c.id), [linked.id]);
  const outsider = await as(OUTSIDER);
  assertProblem(await outsider.get(`/api/v1/enrolments/${enrolment.id}/employer-contacts`), 403, 'forbidden');
  assertProblem(await outsider.post(`/api/v1/employers/${e.id}/contacts`, { date: today(), kind: 'email', purpose: 'follow_up', enrolment_id: enrolment.id }), 422, 'invalid', { field: '/enrolment_id', reason: 'no_such_record' });
  assertProblem(await (await as('caseworker.randers')).get(`/api/v1/enrolments/${enrolment.id}/employer-contacts`), 404, 'not_found');
  assert.deepEqual((await contacts('caseworker.herning', `/api/v1/employers/${e.id}/contacts`)).length, 2, 'a refused contact was written');

  // The young person's access log names the contact and the reads of it (purpose employment_support).
  const log = (await walkList(await as('caseworker.herning'), `/api/v1/citizens/${citizen.id}/access-log`, 200)).items;
  const ours = log.filter((ev) => ev.purpose === 'employment_support');
  assert.ok(ours.some((ev) => ev.action === 'employer_contact' && ev.username === 'jobconsultant.herning'), JSON.stringify(ours));
  assert.ok(ours.some((ev) => ev.action === 'read' && ev.username === 'caseworker.herning'), JSON.stringify(ours));
  assert.ok(!ours.some((ev) => ev.username === OUTSIDER && ev.action === 'read' && ev.outcome === 'allowed'), 'the outsider read nothing of the young person');
});

test('contacts page newest first with real cursors', async () => {
  const e = await employer('jobconsultant.herning', { name: 'Fiktiv Paging', municipality_code: '657' });
  const jc = await as('jobconsultant.herning');
  const dates = [day(-5), day(-1), day(-3), day(-1), day(-4)];
  const ids = [];
  for (const date of dates) ids.push(assertOk(await jc.post(`/api/v1/employers/${e.id}/contacts`, { date, kind: 'email', purpose: 'follow_up' }), 201, 'EmployerContact').id);
  // By date, newest first; the two of day -1 by id, the later first.
  const expected = [ids[3], ids[1], ids[2], ids[4], ids[0]];
  const { items, sizes } = await walkList(jc, `/api/v1/employers/${e.id}/contacts`, 2);
  assert.deepEqual(items.map((c) => c.id), expected);
  assert.deepEqual(sizes, [2, 2, 1]);
});

test('Idempotency-Key: a retried employer or contact is written once and replayed', async () => {
  const jc = await as('jobconsultant.herning');
  const body = { name: 'Fiktiv Gentaget', municipality_code: '657' };
  const first = await jc.post('/api/v1/employers', body, { headers: { 'Idempotency-Key': 'employer-once' } });
  const e = assertOk(first, 201, 'Employer');
  const again = await jc.post('/api/v1/employers', body, { headers: { 'Idempotency-Key': 'employer-once' } });
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(again.body, e);
  assert.equal(again.headers.get('location'), `/api/v1/employers/${e.id}`);
  assert.deepEqual((await walkList(jc, '/api/v1/employers?q=gentaget', 50)).items.map((x) => x.id), [e.id]);
  assertProblem(await jc.post('/api/v1/employers', { ...body, city: 'Herning' }, { headers: { 'Idempotency-Key': 'employer-once' } }), 422, 'invalid', { parameter: 'Idempotency-Key', reason: 'idempotency_key_reused' });

  const contact = { date: today(), kind: 'phone', purpose: 'follow_up', outcome: 'Fortsat i job.' };
  const c1 = await jc.post(`/api/v1/employers/${e.id}/contacts`, contact, { headers: { 'Idempotency-Key': 'contact-once' } });
  const c2 = await jc.post(`/api/v1/employers/${e.id}/contacts`, contact, { headers: { 'Idempotency-Key': 'contact-once' } });
  assert.equal(c2.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(c2.body, assertOk(c1, 201, 'EmployerContact'));
  assert.equal((await contacts('jobconsultant.herning', `/api/v1/employers/${e.id}/contacts`)).length, 1);
  // A replay passes the handler's access check: another municipality's caller gets its 404.
  const randers = await as('caseworker.randers');
  assertProblem(await randers.post(`/api/v1/employers/${e.id}/contacts`, contact, { headers: { 'Idempotency-Key': 'contact-once' } }), 404, 'not_found');
});
