// Replication and failover with PostgreSQL's own machinery (issue 10, README "Running at
// scale"), on a primary cluster of this test's own (the test stops it, so never make check's
// shared one) and a streaming replica made with the README's pg_basebackup. A server with
// --db-read reads reference data from the replica, and from the primary while the replica is
// away; /readyz follows the primary through a restart while the server keeps running and never
// answers one user with another's data; then the primary is stopped, the replica promoted, and
// both the running server (whose URL names both hosts) and a new one carry on.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { freePort, sql, assertCleanStderr } from '../api/server.mjs';
import { signedIn, assertOk, createCitizen, describe } from '../api/client.mjs';
import { runBlock, serveBlock } from './readme.mjs';
import { ownCluster, libpqVars, ownerDir, pgCtl, removeDataDir, uniqueName, workDir } from './cluster.mjs';

let dir;
let primary;
let vars; // DB (the primary's database), KEY, PRIMARY (the primary cluster), the libpq variables
let replica; // {data, log, port, db}
let serverOne; // --db naming both hosts, --db-read the replica: it lives through the failover
let serverTwo; // started on the promoted replica

before(async () => {
  dir = workDir('samspor-scale-failover-');
  primary = ownCluster(dir);
  const dbName = uniqueName('failover');
  vars = { ...libpqVars(primary.url), DBNAME: dbName, DB: `${primary.url}/${dbName}`, KEY: path.join(dir, 'samspor.key'), PRIMARY: primary.url };
  runBlock('createdb', vars);
  runBlock('init', vars);

  const home = ownerDir(path.join(dir, 'replica'));
  const port = await freePort();
  // Set before it starts, so that after() stops it whatever happens.
  replica = { data: path.join(home, 'data'), log: path.join(home, 'server.log'), port, db: `postgresql://samspor@127.0.0.1:${port}/${dbName}` };
  runBlock('replica', { ...vars, REPLICA_DATA: replica.data, REPLICA_LOG: replica.log, REPLICA_PORT: String(port) }, { asOwner: true });
});

after(async () => {
  const problems = [];
  for (const [name, server] of [['one', serverOne], ['two', serverTwo]]) {
    if (!server) continue;
    try {
      const { code, signal, stderr } = await server.stop();
      assertCleanStderr(stderr);
      assert.equal(signal, null, `server ${name} ended by ${signal}`);
      assert.equal(code, 0, `server ${name} exit code:\n${stderr.slice(-2000)}`);
    } catch (e) {
      problems.push(`server ${name}: ${e.message}`);
    }
  }
  if (replica) removeDataDir(replica.data, path.dirname(replica.data));
  try {
    primary?.stop();
  } catch (e) {
    problems.push(`primary: ${e.message}`);
  }
  if (dir && !process.env.SAMSPOR_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(problems, []);
});

/** Poll fn until it returns a truthy value (at most `ms`); → that value. */
async function eventually(what, fn, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const onReplica = (table, id) => sql(replica.db, `SELECT count(*) AS n FROM ${table} WHERE id = ${Number(id)}`)[0].n === 1;
/**
 * Did samspor's connections to the replica (libpq's fallback_application_name) last run the
 * organisations' statement? pg_stat_activity shows each connection's latest statement.
 */
const organisationsReadOnReplica = () =>
  sql(replica.db, `SELECT query FROM pg_stat_activity WHERE application_name = 'samspor' AND datname = '${vars.DBNAME}'`)
    .some((r) => /\bFROM organisation\b/i.test(r.query));
const readyz = async (server) => (await fetch(`${server.base}/readyz`)).status;

test('a base backup of the primary verifies against its manifest', () => {
  const backups = ownerDir(path.join(dir, 'backups'));
  runBlock('base-backup', { ...vars, BASE_BACKUP: path.join(backups, 'base') }, { asOwner: true });
});

test('--db-read: a write is on the replica shortly after; reference data comes from the replica, and from the primary while the replica is away', async () => {
  // Both hosts in one URL: libpq connects to whichever is the primary (README "Failover").
  const both = `postgresql://samspor@127.0.0.1:${primary.port},127.0.0.1:${replica.port}/${vars.DBNAME}?target_session_attrs=read-write`;
  serverOne = await serveBlock('serve-read', { ...vars, DB: both, REPLICA_DB: replica.db, PORT: await freePort() });
  const cw = await signedIn(serverOne.base, 'caseworker.herning');
  const citizen = await createCitizen(cw, { extra: { municipality_code: '657' } });
  // Read-your-writes: everything but reference data reads the primary.
  assertOk(await cw.get(`/api/v1/citizens/${citizen.id}`), 200, 'Citizen');
  await eventually('the new citizen on the replica', () => onReplica('citizen', citizen.id));

  assert.equal(organisationsReadOnReplica(), false);
  for (let i = 0; i < 4; i++) assertOk(await cw.get('/api/v1/organisations?kind=municipality'), 200, 'OrganisationList');
  assert.ok(organisationsReadOnReplica(), 'the organisations were read on the replica');

  pgCtl(replica.data, 'stop', '-m', 'fast');
  for (let i = 0; i < 6; i++) {
    const res = await cw.get('/api/v1/organisations?kind=municipality&limit=200');
    assert.equal(assertOk(res, 200, 'OrganisationList').items.length, 98, describe(res));
    assertOk(await cw.get('/api/v1/target-groups'), 200);
  }
  pgCtl(replica.data, 'start', '-l', replica.log, '-o', `-p ${replica.port}`);
  // After a failed read the server leaves the replica alone for a few seconds.
  assert.equal(organisationsReadOnReplica(), false, 'a restarted replica has new connections');
  await eventually('reference data read on the replica again', async () => {
    assertOk(await cw.get('/api/v1/organisations?kind=region'), 200, 'OrganisationList');
    return organisationsReadOnReplica();
  });
});

test('/readyz is 503 while the primary is away and 200 when it is back; the server keeps running and every user gets their own answer', async () => {
  const users = ['caseworker.herning', 'caremanager.herning', 'jobconsultant.herning'];
  const clients = await Promise.all(users.map((u) => signedIn(serverOne.base, u)));
  runBlock('probe', { PORT: serverOne.port });

  pgCtl(primary.data, 'stop', '-m', 'fast');
  await eventually('/readyz 503', async () => (await readyz(serverOne)) === 503);
  const whileAway = await Promise.all(clients.flatMap((c) => [c.get('/api/v1/auth/me'), c.get('/api/v1/auth/me')]));
  for (const [i, res] of whileAway.entries()) {
    assert.ok([200, 503].includes(res.status), describe(res));
    if (res.status === 200) assert.equal(res.body.user.username, users[Math.floor(i / 2)]);
  }

  pgCtl(primary.data, 'start', '-l', path.join(primary.dir, 'server.log'));
  await eventually('/readyz 200', async () => (await readyz(serverOne)) === 200);
  runBlock('probe', { PORT: serverOne.port });
  for (let round = 0; round < 3; round++) {
    const answers = await Promise.all(clients.map((c) => c.get('/api/v1/auth/me')));
    answers.forEach((res, i) => assert.equal(assertOk(res, 200, 'Me').user.username, users[i], 'sessions outlive the restart, each its own'));
  }
  assert.equal(serverOne.exited(), null, 'the server kept running');
});

test('failover: the primary stops, the replica is promoted; the running server and a new one sign in, read what was written before, write, and the audit log verifies', async () => {
  const cw = await signedIn(serverOne.base, 'caseworker.herning');
  const before = await createCitizen(cw, { extra: { municipality_code: '657' } });
  await eventually('the citizen on the replica', () => onReplica('citizen', before.id));

  pgCtl(primary.data, 'stop', '-m', 'fast');
  runBlock('promote', { REPLICA_DATA: replica.data }, { asOwner: true });

  serverTwo = await serveBlock('serve', { ...vars, DB: replica.db, PORT: await freePort() });
  const fresh = await signedIn(serverTwo.base, 'caseworker.herning');
  assert.equal(assertOk(await fresh.get(`/api/v1/citizens/${before.id}`), 200, 'Citizen').name, before.name);
  await createCitizen(fresh, { extra: { municipality_code: '657' } });

  // The server that ran through it all finds the promoted replica through its URL's second host.
  await eventually('the running server ready on the promoted replica', async () => (await readyz(serverOne)) === 200, 30_000);
  assert.equal(assertOk(await cw.get(`/api/v1/citizens/${before.id}`), 200, 'Citizen').name, before.name);
  await createCitizen(cw, { extra: { municipality_code: '657' } });

  const { stdout } = runBlock('verify', { ...vars, DB: replica.db });
  assert.match(stdout, /^audit log intact: /m);
  // The chains of both processes (one per database connection, and one that seals) all intact.
  const pids = [...stdout.matchAll(/^chain [0-9]+ \(serve (?:worker [0-9]+ )?[^/ ]+\/([0-9]+), started [^)]+\): [0-9]+ events?, intact/gm)].map((m) => Number(m[1]));
  assert.deepEqual([...new Set(pids)].sort(), [serverOne.pid, serverTwo.pid].sort(), stdout);
});
