// GET /api/v1/organisations: reference data for the 5 regions and 98 municipalities.
// Expected values from the sources in docs/sources.md: regions [S13b][S14], all municipalities
// [S16] with their regions [S16f] (counts per region 11/19/22/29/17 = 98), never from the server.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopAndCheck } from './server.mjs';
import { makeClient, signedIn, assertOk, assertProblem, assertUnauthenticated, walkList } from './client.mjs';

let server;
let api;
before(async () => {
  server = await startServer();
  // Reference data is for any signed-in user (docs/security-model.md); an evaluator, who may see
  // no citizen at all, is enough.
  api = await signedIn(server.base, 'researcher.ibbu-midt');
});
after(async () => {
  await stopAndCheck(server);
});

// [S13][S14][S16f] (docs/sources.md).
const REGIONS = {
  1081: { name: 'Region Nordjylland', municipalities: 11 },
  1082: { name: 'Region Midtjylland', municipalities: 19 },
  1083: { name: 'Region Syddanmark', municipalities: 22 },
  1084: { name: 'Region Hovedstaden', municipalities: 29 },
  1085: { name: 'Region Sjælland', municipalities: 17 },
};

// A sample of [S16]/[S16f] rows, both ends of the code range and the programme
// municipalities (Thisted and Morsø are in Nordjylland, not Midtjylland).
const SAMPLE = [
  ['101', 'København', '1084'],
  ['147', 'Frederiksberg', '1084'],
  ['253', 'Greve', '1085'],
  ['260', 'Halsnæs', '1084'],
  ['370', 'Næstved', '1085'],
  ['400', 'Bornholm', '1084'],
  ['410', 'Middelfart', '1083'],
  ['430', 'Faaborg-Midtfyn', '1083'],
  ['461', 'Odense', '1083'],
  ['492', 'Ærø', '1083'],
  ['607', 'Fredericia', '1083'],
  ['615', 'Horsens', '1082'],
  ['657', 'Herning', '1082'],
  ['706', 'Syddjurs', '1082'],
  ['730', 'Randers', '1082'],
  ['773', 'Morsø', '1081'],
  ['779', 'Skive', '1082'],
  ['787', 'Thisted', '1081'],
  ['849', 'Jammerbugt', '1081'],
  ['860', 'Hjørring', '1081'],
];

test('without sign-in GET /api/v1/organisations is 401 unauthenticated', async () => {
  assertUnauthenticated(await makeClient(server.base).get('/api/v1/organisations'));
  assertUnauthenticated(await makeClient(server.base).get('/api/v1/organisations?kind=region'));
});

test('every role may read the organisations: a caseworker and an administrator too', async () => {
  for (const user of ['caseworker.herning', 'admin']) {
    const other = await signedIn(server.base, user);
    assert.equal(assertOk(await other.get('/api/v1/organisations?kind=region'), 200, 'OrganisationList').items.length, 5, user);
  }
});

async function all(query = '') {
  const res = await api.get(`/api/v1/organisations?limit=200${query}`);
  const body = assertOk(res, 200, 'OrganisationList');
  assert.equal(body.next_cursor, null, 'everything fits one page of 200');
  return body.items;
}

test('all 5 regions and 98 municipalities, ordered by numeric code (sources.md#s16, #s16f)', async () => {
  const items = await all();
  assert.equal(items.length, 103);
  assert.equal(items.filter((o) => o.kind === 'region').length, 5);
  assert.equal(items.filter((o) => o.kind === 'municipality').length, 98);
  const codes = items.map((o) => Number(o.code));
  assert.deepEqual(codes, [...codes].sort((a, b) => a - b), 'ordered by numeric code');
  assert.equal(new Set(codes).size, 103, 'no duplicates');
  assert.ok(!codes.includes(411), 'Christiansø (411) belongs to no municipality ([S13b])');
});

test('municipality counts per region are 11/19/22/29/17 (sources.md#s16f)', async () => {
  const items = await all('&kind=municipality');
  for (const [code, r] of Object.entries(REGIONS)) {
    assert.equal(items.filter((o) => String(o.region_code) === code).length, r.municipalities, `region ${code}`);
  }
});

test('regions: codes, names, no region_code member (sources.md#s13b, #s14)', async () => {
  const items = await all('&kind=region');
  assert.equal(items.length, 5);
  for (const o of items) {
    assert.equal(o.kind, 'region');
    assert.equal(o.name, REGIONS[o.code]?.name, `region ${o.code}`);
    assert.ok(!('region_code' in o), 'region_code is absent when null');
  }
  assert.deepEqual(items.map((o) => String(o.code)), ['1081', '1082', '1083', '1084', '1085']);
});

test('Region Hovedstaden and Sjælland end when Region Østdanmark starts, 2027-01-01 (overgangsloven § 126, sources.md#s18)', async () => {
  const items = await all('&kind=region');
  const byCode = Object.fromEntries(items.map((o) => [String(o.code), o]));
  assert.equal(byCode['1084'].valid_to, '2027-01-01');
  assert.equal(byCode['1085'].valid_to, '2027-01-01');
  for (const c of ['1081', '1082', '1083']) assert.ok(!('valid_to' in byCode[c]), `${c}: valid_to absent while in force`);
});

test('municipality codes, names and regions match DK Core and DST (sources.md#s16, #s16f)', async () => {
  const items = await all('&kind=municipality');
  const byCode = Object.fromEntries(items.map((o) => [String(o.code), o]));
  for (const [code, name, region] of SAMPLE) {
    const o = byCode[code];
    assert.ok(o, `municipality ${code} (${name})`);
    assert.equal(o.name, name, code);
    assert.equal(String(o.region_code), region, code);
    assert.equal(o.kind, 'municipality');
  }
});

test('?region=1081 gives the 11 municipalities of Nordjylland, with Thisted (787) and Morsø (773)', async () => {
  const items = await all('&region=1081');
  assert.equal(items.length, 11);
  for (const o of items) {
    assert.equal(o.kind, 'municipality');
    assert.equal(String(o.region_code), '1081');
  }
  const names = Object.fromEntries(items.map((o) => [String(o.code), o.name]));
  assert.equal(names['787'], 'Thisted');
  assert.equal(names['773'], 'Morsø');
  // The rest of the Nordjylland rows ([S16], [S16f]).
  assert.deepEqual(Object.keys(names).sort(), ['773', '787', '810', '813', '820', '825', '840', '846', '849', '851', '860']);
});

test('?kind=region&region=1082 combines the filters (regions have no region): empty', async () => {
  const res = await api.get('/api/v1/organisations?kind=region&region=1082');
  assert.deepEqual(assertOk(res, 200, 'OrganisationList').items, []);
});

test('?kind=municipality&region=1085 gives the 17 municipalities of Sjælland', async () => {
  const items = await all('&kind=municipality&region=1085');
  assert.equal(items.length, 17);
});

test('default page size is 50, and next_cursor leads on', async () => {
  const res = await api.get('/api/v1/organisations');
  const body = assertOk(res, 200, 'OrganisationList');
  assert.equal(body.items.length, 50);
  assert.equal(typeof body.next_cursor, 'string');
});

test('limit=10 walks every page: no duplicates, no gaps, same order as one big page', async () => {
  const { items, sizes } = await walkList(api, '/api/v1/organisations', 10);
  assert.equal(items.length, 103);
  assert.deepEqual(sizes, [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 3]);
  const whole = await all();
  assert.deepEqual(items.map((o) => o.code), whole.map((o) => o.code));
  assert.equal(new Set(items.map((o) => o.code)).size, 103);
});

test('pagination with a filter: ?region=1084&limit=7 walks the 29 municipalities of Hovedstaden', async () => {
  const { items, sizes } = await walkList(api, '/api/v1/organisations?region=1084', 7);
  assert.equal(items.length, 29);
  assert.deepEqual(sizes, [7, 7, 7, 7, 1]);
  assert.equal(new Set(items.map((o) => o.code)).size, 29);
  assert.ok(items.every((o) => String(o.region_code) === '1084'));
});

test('limit=1 and limit=200 are the bounds; a last page that is exactly full ends with null', async () => {
  const one = assertOk(await api.get('/api/v1/organisations?limit=1'), 200, 'OrganisationList');
  assert.equal(one.items.length, 1);
  assert.equal(String(one.items[0].code), '101');
  // 5 regions with limit=5: the first page holds all of them; next_cursor may be a cursor to an
  // empty page or null, but walking must end with exactly the 5.
  const { items } = await walkList(api, '/api/v1/organisations?kind=region', 5);
  assert.equal(items.length, 5);
});

test('bad limit is 422 invalid, parameter "limit"', async () => {
  for (const l of ['0', '201', '-1', 'abc', '1.5', '', '10abc', '99999999999999999999']) {
    assertProblem(await api.get(`/api/v1/organisations?limit=${l}`), 422, 'invalid', { parameter: 'limit' });
  }
});

test('bad cursor is 422 invalid, parameter "cursor"', async () => {
  for (const c of ['garbage', '!!!', '%FF', 'x'.repeat(500)]) {
    assertProblem(await api.get(`/api/v1/organisations?cursor=${c}`), 422, 'invalid', { parameter: 'cursor' });
  }
});

test('bad kind is 422 invalid, parameter "kind"', async () => {
  for (const k of ['county', 'REGION', '']) {
    assertProblem(await api.get(`/api/v1/organisations?kind=${k}`), 422, 'invalid', { parameter: 'kind' });
  }
});

test('an unknown or malformed region code is refused or matches nothing, never a 5xx', async () => {
  for (const r of ['9999', '657', 'abc', "1081'--"]) {
    const res = await api.get(`/api/v1/organisations?region=${encodeURIComponent(r)}`);
    if (res.status === 200) assert.deepEqual(res.body.items, [], r);
    else assertProblem(res, 422, 'invalid', { parameter: 'region' });
  }
});

// GET /api/v1/target-groups. Expected rows from the list of LAB target groups in
// Bekendtgørelse om en aktiv beskæftigelsesindsats, BEK nr. 2636 af 28/12/2021 § 1
// (retsinformation.dk), and the end of uddannelseshjælp on 1 July 2025, when it was folded into
// kontanthjælp (Beskæftigelsesministeriet, "Aftale om et nyt kontanthjælpssystem", 13 October
// 2023; STAR's timeline for the new kontanthjælp system).
test('GET /api/v1/target-groups answers the whole reference table with Danish and English names', async () => {
  assertUnauthenticated(await makeClient(server.base).get('/api/v1/target-groups'));
  const res = await api.get('/api/v1/target-groups');
  assertOk(res, 200);
  const byCode = new Map(res.body.items.map((g) => [g.code, g]));
  assert.equal(byCode.get('dagpenge')?.name_da, 'A-dagpenge');
  assert.equal(byCode.get('sygedagpenge')?.name_da, 'Sygedagpenge');
  assert.equal(byCode.get('jobafklaring')?.name_da, 'Jobafklaringsforløb');
  assert.equal(byCode.get('aktivitetsparat-uddannelseshjaelp')?.valid_to, '2025-07-01');
  assert.equal(byCode.get('dagpenge')?.valid_to, undefined, 'in force: valid_to absent');
  const codes = res.body.items.map((g) => g.code);
  assert.deepEqual(codes, [...codes].sort(), 'ordered by code');
  assert.ok(codes.length >= 12, 'the twelve LAB groups of § 1 and "other"');
});
