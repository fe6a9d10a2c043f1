// Copies of an installation (README "Running at scale"): a SQLite region moved to PostgreSQL with
// `samspor migrate-data`, then served; a pg_dump of that restored into a new database; both
// copies verify their audit chains and answer as the region did. Also checks that every sh block of the
// README's section is marked and run by a test here. PostgreSQL: make check's cluster when
// SAMSPOR_TEST_PG names one, else one started here.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { binary, freePort, sql, samspor, samsporEnv, assertCleanStderr } from '../api/server.mjs';
import { signedIn, assertOk, walkList } from '../api/client.mjs';
import { runBlock, serveBlock, assertEveryBlockTested } from './readme.mjs';
import { sharedOrOwnCluster, libpqVars, uniqueName, workDir } from './cluster.mjs';
import { spawnSync } from 'node:child_process';

let dir;
let cluster;
const databases = [];
let region; // the SQLite installation: {db, key}
let migrated; // its copy on PostgreSQL: {vars (DB …), view (what caseworker.herning sees)}

/** A new empty database made with the README's createdb: the variables that name it. */
function newDatabase(tag) {
  const name = uniqueName(tag);
  const vars = { ...libpqVars(cluster.url), DBNAME: name, DB: `${cluster.url}/${name}` };
  runBlock('createdb', vars);
  databases.push(name);
  return vars;
}

before(() => {
  dir = workDir('samspor-scale-copy-');
  cluster = sharedOrOwnCluster(dir);
  region = { db: path.join(dir, 'region.db'), key: path.join(dir, 'region.db.key') };
  for (const command of ['init', 'demo']) {
    const r = spawnSync(binary, [command, '--db', region.db], { env: samsporEnv(), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
});

after(() => {
  if (process.env.SAMSPOR_TEST_PG)
    for (const name of databases) sql(`${cluster.url}/postgres`, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  cluster?.stop();
  if (dir && !process.env.SAMSPOR_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
});

/** Serve vars.DB with the README's serve command, sign in, and hand the client to fn; stop after. */
async function serving(vars, key, fn) {
  const server = await serveBlock('serve', { ...vars, KEY: key, PORT: await freePort() });
  try {
    await fn(await signedIn(server.base, 'caseworker.herning'));
  } finally {
    const { code, stderr } = await server.stop();
    assertCleanStderr(stderr);
    assert.equal(code, 0, stderr.slice(-2000));
  }
}

/** What caseworker.herning sees: every citizen (identifiers unsealed with the key) and enrolment. */
async function caseworkersView(api) {
  const citizens = (await walkList(api, '/api/v1/citizens', 200)).items;
  const enrolments = (await walkList(api, '/api/v1/enrolments', 200)).items;
  assert.ok(citizens.length > 0 && enrolments.length > 0);
  return { citizens, enrolments };
}

/** The audit log's events and chains, counted on the database itself. */
const auditCounts = (db) => sql(db, 'SELECT (SELECT count(*) FROM audit_event) AS events, (SELECT count(DISTINCT chain_id) FROM audit_event) AS chains')[0];

test('every sh block of the README\'s "Running at scale" has a marker and is run by a test in tests/scale/', () => {
  assertEveryBlockTested();
});

test('migrate-data: a SQLite region into a new PostgreSQL database, audit chains verified, then served with the same answers', async () => {
  // What the region's server answered before the move.
  let view;
  const sqliteServer = await serveBlock('serve', { DB: region.db, KEY: region.key, PORT: await freePort() });
  try {
    view = await caseworkersView(await signedIn(sqliteServer.base, 'caseworker.herning'));
  } finally {
    const { code, stderr } = await sqliteServer.stop();
    assert.equal(code, 0, stderr.slice(-2000));
  }

  const target = newDatabase('migrated');
  const { stdout } = runBlock('migrate-data', { ...target, SQLITE_DB: region.db });
  assert.match(stdout, /audit log intact/);
  assert.deepEqual(auditCounts(target.DB), auditCounts(region.db), 'every audit event and chain copied');
  // Copied, not made again: refused a second time onto the same database.
  const again = samspor(['migrate-data', '--from', region.db, '--to', target.DB]);
  assert.equal(again.status, 1);

  await serving(target, region.key, async (api) => {
    assert.deepEqual(await caseworkersView(api), view);
  });
  const verified = runBlock('verify', { DB: target.DB, KEY: region.key });
  assert.match(verified.stdout, /^audit log intact: /m);
  migrated = { vars: target, view };
});

test('pg_dump and pg_restore: the restored database verifies and serves what the original served', async () => {
  assert.ok(migrated, 'the migrated database of the test before');
  const backup = path.join(dir, 'samspor.dump');
  runBlock('dump', { DB: migrated.vars.DB, BACKUP: backup });
  const restored = newDatabase('restored');
  const { stdout } = runBlock('restore', { RESTORED: restored.DB, BACKUP: backup, KEY: region.key });
  assert.match(stdout, /^audit log intact: /m);
  assert.deepEqual(auditCounts(restored.DB), auditCounts(migrated.vars.DB));
  await serving(restored, region.key, async (api) => {
    assert.deepEqual(await caseworkersView(api), migrated.view);
  });
});
