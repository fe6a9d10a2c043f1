// The samspor command line: usage and exit codes, init/migrate, refusing a newer schema, and
// the demo data set (five programmes, every stage, synthetic substitute numbers, the IPS arms);
// accounts, teams, tokens, the audit chain, instruments and migrate-data. Every test runs on the
// engine of the API suite (tests/api/server.mjs): SQLite files, or PostgreSQL databases on the
// cluster SAMSPOR_TEST_PG names, each with its key file named on the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, statSync, chmodSync, existsSync, writeFileSync, copyFileSync } from 'node:fs';
import {
  startServer, stopAndCheck, binary, engine, pgBase, freshDatabase, keyArgsFor, keyFileOf, sql, storedBytes, tablesOf, columnsOf,
} from '../api/server.mjs';
import { signedIn } from '../api/client.mjs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const SANITIZER = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;
const onPostgresql = engine === 'postgresql';

/** samspor with exactly these arguments (no key added), optionally with stdin and environment. */
function runExactly(args, { input, env } = {}) {
  const r = spawnSync(binary, args, { encoding: 'utf8', input, env: env ? { ...process.env, ...env } : process.env });
  assert.doesNotMatch(r.stderr, SANITIZER, `sanitizer report from samspor ${args.join(' ')}`);
  return r;
}

/** samspor on a test database: a PostgreSQL database's key file is added (--key), as an operator names it. */
function withKey(args) {
  const at = args.indexOf('--db');
  return at >= 0 && !args.includes('--key') ? [...args, ...keyArgsFor(args[at + 1])] : args;
}

function run(...args) {
  return runExactly(withKey(args));
}

/** A new empty database of the engine under test, in (or with its key file in) a temp dir. */
function tempDb() {
  const dir = mkdtempSync(path.join(tmpdir(), 'samspor-cli-'));
  const { db, drop } = freshDatabase(dir);
  return {
    dir, db, done: () => {
      drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('no command, an unknown command or a bad flag prints usage on stderr and exits 2', () => {
  for (const args of [[], ['frobnicate'], ['serve', '--bogus'], ['init'], ['init', '--db'], ['version', 'extra'],
    ['serve', '--db', 'x.db', '--listen', 'nohost'], ['serve', '--db', 'x.db', '--threads', '0']]) {
    const r = run(...args);
    assert.equal(r.status, 2, `samspor ${args.join(' ')}`);
    assert.match(r.stderr, /usage: samspor/, `usage for samspor ${args.join(' ')}`);
    assert.equal(r.stdout, '');
  }
});

test('help lists every command, help CMD explains one, help of an unknown command exits 2', () => {
  const all = run('help');
  assert.equal(all.status, 0);
  for (const name of ['serve', 'init', 'migrate', 'demo', 'version', 'help']) assert.match(all.stdout, new RegExp(`\\b${name}\\b`));
  const serve = run('help', 'serve');
  assert.equal(serve.status, 0);
  assert.match(serve.stdout, /usage: samspor serve --db PATH/);
  assert.match(serve.stdout, /SIGTERM/);
  assert.equal(run('help', 'nope').status, 2);
});

test('version prints the version of CMakeLists.txt', () => {
  const cmake = readFileSync(path.join(root, 'CMakeLists.txt'), 'utf8');
  const version = cmake.match(/project\(samspor VERSION ([0-9.]+)/)[1];
  const r = run('version');
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), `samspor ${version}`);
});

test('init creates the schema once; migrate is then a no-op; a second init is refused', (t) => {
  const { db, done } = tempDb();
  t.after(done);
  const init = run('init', '--db', db);
  assert.equal(init.status, 0, init.stderr);
  const versions = sql(db, 'SELECT version FROM schema_migration ORDER BY version').map((r) => r.version);
  assert.ok(versions.length >= 3 && versions.every((v, i) => v === i + 1), `migrations 1..n applied: ${versions}`);
  assert.match(run('migrate', '--db', db).stdout, /nothing to do/);
  const again = run('init', '--db', db);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already has a schema/);
});

test('a database newer than the binary is refused by migrate and serve, and left unchanged', (t) => {
  const { db, done } = tempDb();
  t.after(done);
  assert.equal(run('init', '--db', db).status, 0);
  sql(db, "INSERT INTO schema_migration (version, name, applied_at) VALUES (999, '0999_future.sql', '2030-01-01T00:00:00Z')");
  const tables = tablesOf(db);
  const migrations = sql(db, 'SELECT version, name, applied_at FROM schema_migration ORDER BY version');
  const migrate = run('migrate', '--db', db);
  assert.equal(migrate.status, 1);
  assert.match(migrate.stderr, /newer than this program/);
  const serve = run('serve', '--db', db, '--listen', '127.0.0.1:1');
  assert.equal(serve.status, 1);
  assert.match(serve.stderr, /use a newer samspor/);
  assert.deepEqual(tablesOf(db), tables);
  assert.deepEqual(sql(db, 'SELECT version, name, applied_at FROM schema_migration ORDER BY version'), migrations);
});

test('serve and migrate-data refuse a database without a schema, and leave it without a table', (t) => {
  const { dir, db, done } = tempDb();
  t.after(done);
  if (!onPostgresql) writeFileSync(db, ''); // an empty SQLite file: there, but holding nothing
  const serve = run('serve', '--db', db, '--listen', '127.0.0.1:1');
  assert.equal(serve.status, 1);
  assert.match(serve.stderr, /has schema version 0 .*run `samspor migrate/);
  const copy = runExactly(['migrate-data', '--from', db, '--to', path.join(dir, 'copy.db')]);
  assert.equal(copy.status, 1);
  assert.match(copy.stderr, /the source has schema version 0/);
  // Reading the schema version only reads: not even its bookkeeping table is made.
  assert.deepEqual(tablesOf(db), [], 'no table made');
  assert.ok(!existsSync(path.join(dir, 'copy.db')), 'the target is not made either');
});

test('serve refuses a database that does not exist (and does not create it)', { skip: onPostgresql && 'a SQLite file; PostgreSQL: the next test' }, (t) => {
  const { dir, db, done } = tempDb();
  t.after(done);
  const r = run('serve', '--db', db);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /does not exist/);
  assert.equal(spawnSync('ls', [dir], { encoding: 'utf8' }).stdout.trim(), '');
});

test('serve refuses a PostgreSQL database that does not exist or has no schema, and creates nothing', { skip: !onPostgresql && 'PostgreSQL only' }, (t) => {
  const { dir, db, done } = tempDb();
  t.after(done);
  const missing = `${pgBase}/samspor_missing_${process.pid}`;
  const gone = run('serve', '--db', missing, '--key', path.join(dir, 'none.key'), '--listen', '127.0.0.1:1');
  assert.equal(gone.status, 1);
  assert.match(gone.stderr, /cannot be opened/);
  assert.deepEqual(sql(`${pgBase}/postgres`, `SELECT datname FROM pg_database WHERE datname = 'samspor_missing_${process.pid}'`), []);
  const empty = run('serve', '--db', db, '--listen', '127.0.0.1:1');
  assert.equal(empty.status, 1);
  assert.match(empty.stderr, /has schema version 0 .*run `samspor migrate/);
  assert.deepEqual(tablesOf(db), [], 'no table made');
});

test('demo: the five programmes, staff for every role, people at every stage, synthetic numbers only', (t) => {
  const { db, done } = tempDb();
  t.after(done);
  assert.equal(run('demo', '--db', db, '--demo-password', 'short').status, 2, 'a password under 12 characters');
  const r = run('demo', '--db', db);
  assert.equal(r.status, 0, r.stderr);
  for (const login of ['admin', 'caremanager.herning', 'jobconsultant.herning', 'caseworker.herning', 'lead.ibbu-midt', 'researcher.ibbu-midt', 'ipsconsultant.odense', 'resourceconsultant.naestved'])
    assert.match(r.stdout, new RegExp(`\\b${login.replace('.', '\\.')}\\b`), `login ${login} printed`);
  assert.match(r.stdout, /samspor-demo/);

  const slugs = sql(db, 'SELECT slug FROM project ORDER BY id').map((p) => p.slug);
  assert.deepEqual(slugs, ['ibbu-midt', 'ibbu-nord', 'samarbejdsmodellen', 'ips-syddanmark', 'paa-vej-til-arbejde']);
  // The programme's municipalities (docs/sources.md#ibbu-nord).
  const munis = sql(db, "SELECT m.municipality_code AS c FROM project_municipality m JOIN project p ON p.id = m.project_id WHERE p.slug = 'ibbu-nord' ORDER BY m.position").map((x) => x.c);
  assert.deepEqual(munis, ['820', '787', '849', '773']);
  assert.deepEqual(sql(db, "SELECT target_count AS n, age_min AS lo, age_max AS hi FROM project WHERE slug = 'ibbu-midt'")[0], { n: 300, lo: 18, hi: 30 });

  const stages = ['referred', 'screening', 'active', 'aftercare', 'completed', 'withdrawn', 'excluded'];
  for (const slug of slugs) {
    const have = sql(db, `SELECT DISTINCT e.status AS s FROM enrolment e JOIN project p ON p.id = e.project_id WHERE p.slug = '${slug}'`).map((x) => x.s).sort();
    assert.deepEqual(have, [...stages].sort(), `${slug} has people at every stage`);
  }
  const users = sql(db, "SELECT u.username AS u, r.role AS r FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.username IN ('caremanager.herning', 'lead.ibbu-midt', 'admin') ORDER BY u.username");
  assert.deepEqual(users, [{ u: 'admin', r: 'administrator' }, { u: 'caremanager.herning', r: 'care_manager' }, { u: 'lead.ibbu-midt', r: 'project_lead' }]);
  assert.equal(sql(db, "SELECT COUNT(*) AS n FROM app_user WHERE password_hash NOT LIKE '$argon2id$%'")[0].n, 0, 'argon2id hashes only');

  // Identifiers are sealed at rest (docs/security-model.md): no plaintext column, and the
  // sealed text is hex of nonce (24) + MAC (16) + ten characters.
  const columns = columnsOf(db, 'citizen');
  assert.ok(columns.includes('identifier_enc'), columns.join(' '));
  assert.ok(!columns.includes('identifier'), 'no plaintext identifier column');
  const sealed = sql(db, 'SELECT identifier_enc AS e, synthetic AS s, identifier_type AS t FROM citizen');
  assert.ok(sealed.length > 300);
  for (const p of sealed) {
    assert.match(p.e, /^[0-9a-f]{100}$/);
    assert.equal(p.t, 'erstatning');
    assert.equal(p.s, 1);
  }

  // The randomised demo follows Christensen et al., JAMA Psychiatry 2019 (sources.md#christensen2019):
  // 59.9 % (IPS) vs 46.5 % (usual service) in ordinary work or education.
  const arms = sql(db, `SELECT e.arm AS arm, COUNT(*) AS n,
      SUM(CASE WHEN EXISTS (SELECT 1 FROM episode x WHERE x.enrolment_id = e.id AND x.kind IN ('ordinary_job', 'education')) THEN 1 ELSE 0 END) AS worked
    FROM enrolment e JOIN project p ON p.id = e.project_id WHERE p.slug = 'ips-syddanmark' GROUP BY e.arm ORDER BY e.arm`);
  assert.equal(arms.length, 2);
  const byArm = Object.fromEntries(arms.map((a) => [a.arm, a]));
  assert.ok(Math.abs(byArm.intervention.worked / byArm.intervention.n - 0.599) <= 0.01, `IPS arm ${byArm.intervention.worked}/${byArm.intervention.n}`);
  assert.ok(Math.abs(byArm.control.worked / byArm.control.n - 0.465) <= 0.01, `usual service ${byArm.control.worked}/${byArm.control.n}`);
  assert.equal(sql(db, "SELECT COUNT(*) AS n FROM enrolment e JOIN project p ON p.id = e.project_id WHERE p.slug <> 'ips-syddanmark' AND e.arm IS NOT NULL")[0].n, 0);

  const again = run('demo', '--db', db);
  assert.equal(again.status, 1, 'demo refuses a database that has projects');
});

test('init makes a 0600 key file; serve refuses one that group or others may read', (t) => {
  const { db, done } = tempDb();
  t.after(done);
  assert.equal(run('init', '--db', db).status, 0);
  const key = keyFileOf(db); // beside a SQLite file; named by --key for PostgreSQL
  const mode = statSync(key).mode & 0o777;
  assert.equal(mode, 0o600);
  chmodSync(key, 0o644);
  const r = run('serve', '--db', db, '--listen', '127.0.0.1:1');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /may be read by others/);
  chmodSync(key, 0o600);
  rmSync(key);
  const missing = run('serve', '--db', db, '--listen', '127.0.0.1:1');
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot open the key file/);
});

test('a PostgreSQL database needs its key file named: every command refuses without --key or SAMSPOR_KEY, writing nothing', { skip: !onPostgresql && 'PostgreSQL only (a SQLite file has PATH.key beside it)' }, (t) => {
  const { dir, db, done } = tempDb();
  t.after(done);
  const noKey = { SAMSPOR_KEY: '' };
  const refused = (args) => {
    const r = runExactly([...args, '--db', db], { env: noKey });
    assert.equal(r.status, 1, `samspor ${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /a PostgreSQL database needs its key file named: --key PATH or SAMSPOR_KEY/, args.join(' '));
  };
  for (const args of [['init'], ['migrate'], ['demo']]) refused(args);
  assert.deepEqual(tablesOf(db), [], 'no schema made');
  assert.ok(!existsSync(path.join(dir, 't.key')), 'no key file made');
  // SAMSPOR_KEY names it as --key does.
  const key = path.join(dir, 'env.key');
  const init = runExactly(['init', '--db', db], { env: { SAMSPOR_KEY: key } });
  assert.equal(init.status, 0, init.stderr);
  assert.equal(statSync(key).mode & 0o777, 0o600);
  assert.match(runExactly(['audit', 'verify', '--db', db], { env: { SAMSPOR_KEY: key } }).stdout, /intact/);
  // On a database with a schema, every other command refuses too.
  for (const args of [['serve', '--listen', '127.0.0.1:1'], ['audit', 'verify'], ['token', 'list'], ['user', 'list'], ['team', 'list'], ['instruments', 'list']])
    refused(args);
});

test('a citizen registered, replayed and worked on through the API leaves no trace of the identifier in any table or database file', async () => {
  const server = await startServer();
  try {
    const identifier = '680302-4994'; // synthetic: a substitute number (day + 60) in the demo block
    const digits = identifier.replace('-', '');
    // Registering needs a case role (docs/security-model.md); the registering user sees the
    // citizen until someone enrols them.
    const api = await signedIn(server.base, 'caseworker.herning');
    const body = { identifier, identifier_type: 'erstatning', name: 'Fiktiv Filtest', synthetic: true };
    const key = 'cli-raw-file-test';
    const res = await api.post('/api/v1/citizens', body, { headers: { 'Idempotency-Key': key } });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.identifier, digits);
    // The answer is stored for a replay (it holds the identifier), and replayed from there.
    const replay = await api.post('/api/v1/citizens', body, { headers: { 'Idempotency-Key': key } });
    assert.equal(replay.status, 201, replay.text);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(replay.body.identifier, digits, 'the replay opened the sealed answer');
    const found = (await api.get(`/api/v1/citizens?q=${identifier}`)).body;
    assert.equal(found.items.length, 1, 'found through the blind index');
    // Work on the record, so that every table a citizen's data reaches has rows of it.
    const project = (await api.get('/api/v1/projects?limit=200')).body.items.find((p) => p.slug === 'ibbu-midt');
    const enr = await api.post('/api/v1/enrolments', {
      // A date inside the project's period (it starts within the last three years in the demo).
      project_id: project.id, citizen_id: res.body.id, referral_date: project.period_start, referral_source: 'Jobcenter', target_group: project.target_groups[0],
    }, { headers: { 'Idempotency-Key': `${key}-enrolment` } });
    assert.equal(enr.status, 201, enr.text);
    assert.equal((await api.post(`/api/v1/enrolments/${enr.body.id}/consents`, { scope: 'research_use', given: true, date: project.period_start })).status, 201);
    assert.equal((await api.get(`/api/v1/citizens/${res.body.id}`)).status, 200);
    assert.equal((await api.get(`/api/v1/citizens/${res.body.id}/access-log`)).status, 200);
    // Every row of every table, as the database's own shell reads it.
    const tables = tablesOf(server.db);
    assert.ok(tables.includes('idempotency') && tables.includes('citizen') && tables.includes('audit_event'), tables.join(' '));
    assert.ok(sql(server.db, 'SELECT COUNT(*) AS n FROM idempotency')[0].n >= 2, 'the answers are stored');
    for (const table of tables) {
      const text = JSON.stringify(sql(server.db, `SELECT * FROM ${table}`));
      for (const needle of [digits, identifier])
        assert.equal(text.indexOf(needle), -1, `table ${table} holds the identifier`);
    }
    // What is at rest: SQLite's file and WAL as on disk; PostgreSQL's database as pg_dump writes it.
    const bytes = storedBytes(server.db);
    for (const needle of [digits, identifier, '680302'])
      assert.equal(bytes.indexOf(Buffer.from(needle)), -1, `the ${engine} database holds ${needle.length} identifier characters`);
  } finally {
    const { code, stderr } = await server.stop();
    assert.equal(code, 0, stderr);
  }
});

// --- Accounts, teams, tokens and the audit chain (docs/security-model.md) --------------------

function runWithInput(input, ...args) {
  return runExactly(withKey(args), { input });
}

test('help lists user, team, token and audit; help of each gives its usage', () => {
  const all = run('help');
  for (const name of ['user', 'team', 'token', 'audit']) {
    assert.match(all.stdout, new RegExp(`\\b${name}\\b`), name);
    const one = run('help', name);
    assert.equal(one.status, 0, name);
    assert.match(one.stdout, new RegExp(`usage: samspor ${name} `), name);
  }
  assert.match(run('help', 'user').stdout, /standard input/, 'passwords come on stdin');
});

test('user add reads the password from stdin and refuses weak ones; the account is stored with an argon2id hash', (t) => {
  const { db, done } = tempDb();
  t.after(done);
  assert.equal(run('init', '--db', db).status, 0);
  const args = ['user', 'add', '--db', db, '--username', 'test.caseworker', '--name', 'Test Caseworker', '--organisation', '657', '--role', 'caseworker'];
  assert.equal(runWithInput('', ...args).status, 1, 'no password on stdin');
  assert.equal(runWithInput('short\n', ...args).status, 1, 'under 12 characters');
  assert.equal(runWithInput('samspor-demo\n', ...args).status, 1, 'a common password');
  assert.equal(runWithInput('test.caseworker\n', ...args).status, 1, 'the username as password');
  assert.equal(sql(db, 'SELECT COUNT(*) AS n FROM app_user')[0].n, 0, 'nothing written');
  const ok = runWithInput('zyx-cli-passphrase-31\n', ...args);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /test\.caseworker added/);
  const [u] = sql(db, "SELECT password_hash AS h, organisation_code AS o FROM app_user WHERE username = 'test.caseworker'");
  assert.match(u.h, /^\$argon2id\$/);
  assert.equal(u.o, '657');
  assert.equal(storedBytes(db).indexOf(Buffer.from('zyx-cli-passphrase-31')), -1, 'no plaintext password in the database');
  assert.equal(runWithInput('zyx-cli-passphrase-31\n', ...args).status, 1, 'a taken username');
  assert.equal(run('user', 'add', '--db', db, '--username', 'x.y', '--name', 'X', '--organisation', '657', '--role', 'wizard').status, 2, 'an unknown role');
  assert.equal(run('user', 'add', '--db', db, '--username', 'x.y', '--name', 'X', '--organisation', '657').status, 2, 'no role');
  // An organisation or team that does not exist is refused, and nothing is written.
  assert.equal(runWithInput('zyx-cli-passphrase-32\n', 'user', 'add', '--db', db, '--username', 'x.z', '--name', 'X', '--organisation', '999', '--role', 'caseworker').status, 1);
  assert.equal(run('team', 'add-member', '--db', db, '--team', '99', '--username', 'test.caseworker').status, 1);
  assert.equal(sql(db, 'SELECT COUNT(*) AS n FROM app_user')[0].n, 1);
  const list = run('user', 'list', '--db', db);
  assert.equal(list.status, 0);
  assert.match(list.stdout, /test\.caseworker\s+657\s+on\s+caseworker/);
  assert.equal(run('user', 'disable', '--db', db, '--username', 'test.caseworker').status, 0);
  assert.match(run('user', 'list', '--db', db).stdout, /test\.caseworker\s+657\s+off/);
  assert.equal(run('user', 'disable', '--db', db, '--username', 'nobody.here').status, 1);
  // Every change is in the audit chain, which is intact.
  const actions = sql(db, 'SELECT action FROM audit_event ORDER BY seq').map((r) => r.action);
  assert.deepEqual(actions, ['user_add', 'user_disable']);
  const verify = run('audit', 'verify', '--db', db);
  assert.equal(verify.status, 0, verify.stderr);
  assert.match(verify.stdout, /intact: 2 events/);
});

test('token create prints the token once and stores only its hash; usage errors exit 2', (t) => {
  const { db, done } = tempDb();
  t.after(done);
  assert.equal(run('init', '--db', db).status, 0);
  assert.equal(run('demo', '--db', db).status, 0);
  const made = run('token', 'create', '--db', db, '--user', 'caseworker.herning', '--scope', 'read', '--label', 'cli-test');
  assert.equal(made.status, 0, made.stderr);
  const token = made.stdout.trim();
  assert.match(token, /^[0-9a-f]{64}$/);
  assert.match(made.stderr, /token \d+ for caseworker\.herning \(read\)/);
  assert.equal(sql(db, `SELECT COUNT(*) AS n FROM api_token WHERE token_hash = '${token}'`)[0].n, 0, 'not stored in clear');
  assert.equal(sql(db, "SELECT COUNT(*) AS n FROM api_token WHERE label = 'cli-test' AND scope = 'read'")[0].n, 1);
  for (const args of [['--scope', 'write'], ['--scope', 'read', '--expires', '2026-13-01'], []])
    assert.equal(run('token', 'create', '--db', db, '--user', 'caseworker.herning', ...args).status, 2, args.join(' '));
  assert.equal(run('token', 'create', '--db', db, '--user', 'nobody.here', '--scope', 'read').status, 1);
  assert.equal(run('token', 'revoke', '--db', db).status, 2, 'revoke needs --id');
  assert.equal(run('token', 'revoke', '--db', db, '--id', 'x').status, 2);
  const list = run('token', 'list', '--db', db);
  assert.match(list.stdout, /read\s+active\s+cli-test/);
  assert.ok(!list.stdout.includes(token), 'the list never shows a token');
  assert.equal(run('audit', 'verify', '--db', db).status, 0);
  assert.equal(run('audit', 'check', '--db', db).status, 2);
});

test('team add makes one team per project in one of its municipalities, and refuses the rest', (t) => {
  const { db, done } = tempDb();
  t.after(done);
  assert.equal(run('demo', '--db', db).status, 0);
  const nord = sql(db, "SELECT id FROM project WHERE slug = 'ibbu-nord'")[0].id;
  // The demo has a team in each of IBBU-Nord's municipalities; Aalborg (851, Region Nordjylland,
  // docs/sources.md#s16) joins the project here so that it has one without a team.
  sql(db, `INSERT INTO project_municipality (project_id, municipality_code, position) VALUES (${nord}, '851', 9)`);
  const r = run('team', 'add', '--db', db, '--project', String(nord), '--municipality', '851', '--name', 'IBBU-Nord Aalborg');
  assert.equal(r.status, 0, r.stderr);
  const id = Number(r.stdout.match(/team (\d+) added/)[1]);
  assert.deepEqual(sql(db, `SELECT project_id AS p, municipality_code AS m, name AS n FROM team WHERE id = ${id}`), [{ p: nord, m: '851', n: 'IBBU-Nord Aalborg' }]);
  const teams = sql(db, 'SELECT COUNT(*) AS n FROM team')[0].n;
  for (const [args, message] of [
    [['--project', String(nord), '--municipality', '851', '--name', 'again'], /already has a team in this municipality/],
    [['--project', String(nord), '--municipality', '787', '--name', 'again'], /already has a team in this municipality/],
    [['--project', String(nord), '--municipality', '657', '--name', 'x'], /does not run in this municipality/],
    [['--project', '999', '--municipality', '657', '--name', 'x'], /no project with this id/],
    [['--project', String(nord), '--municipality', '1082', '--name', 'x'], /not a municipality code/],
  ]) {
    const bad = run('team', 'add', '--db', db, ...args);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, message);
  }
  assert.equal(sql(db, 'SELECT COUNT(*) AS n FROM team')[0].n, teams, 'nothing written by a refused add');
  assert.equal(run('team', 'add', '--db', db, '--project', 'x', '--municipality', '657', '--name', 'x').status, 2);
  assert.match(run('audit', 'verify', '--db', db).stdout, /intact/);
});

test('user add refuses a username sign-in could never match (capitals, spaces), writing nothing', (t) => {
  const { db, done } = tempDb();
  t.after(done);
  assert.equal(run('init', '--db', db).status, 0);
  for (const username of ['Caseworker.X', 'case worker', 'ab']) {
    const r = runWithInput('a long unusual passphrase\n', 'user', 'add', '--db', db, '--username', username,
      '--name', 'X', '--organisation', '657', '--role', 'caseworker');
    assert.equal(r.status, 1, username);
    assert.match(r.stderr, /a username is 3 to 100 of a-z/);
  }
  assert.equal(sql(db, 'SELECT COUNT(*) AS n FROM app_user')[0].n, 0);
});

test('instruments load checks a translation against the catalogue, stores it, audits it; list shows where each text comes from', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'samspor-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const server = await startServer();
  t.after(() => stopAndCheck(server));
  const db = server.db; // loaded while the server runs, as an administrator would
  const listed = run('instruments', 'list', '--db', db);
  assert.equal(listed.status, 0, listed.stderr);
  // data/instruments/: English for all six; Danish only for WHO-5 and MDI (sources.md#kl-ig, #dsam).
  assert.match(listed.stdout, /^phq9\s+PHQ-9\s+da:missing\s+en:shipped$/m);
  assert.match(listed.stdout, /^who5\s+WHO-5\s+da:shipped\s+en:shipped$/m);
  assert.equal(listed.stdout.trim().split('\n').length, 6);

  // A stand-in "licensed translation": the English file relabelled, as a test fixture only.
  const english = JSON.parse(readFileSync(path.join(root, 'data/instruments/phq9.en.json'), 'utf8'));
  const file = (name, doc) => {
    const p = path.join(dir, name);
    writeFileSync(p, JSON.stringify(doc));
    return p;
  };
  const good = { ...english, language: 'da', source: 'Test fixture: not a translation, only a file in the right shape' };
  const missing = structuredClone(good);
  delete missing.items['9'];
  const extra = structuredClone(good);
  extra.answers['4'] = 'x';
  for (const [name, doc, message] of [
    ['missing.json', missing, /\/items\/9 .*item 9 is missing/],
    ['extra.json', extra, /\/answers\/4 /],
    ['unknown.json', { ...good, instrument: 'phq8' }, /\/instrument /],
  ]) {
    const bad = run('instruments', 'load', '--db', db, file(name, doc));
    assert.equal(bad.status, 1, name);
    assert.match(bad.stderr, message, name);
  }
  assert.deepEqual(sql(db, 'SELECT COUNT(*) AS n FROM instrument_text'), [{ n: 0 }], 'nothing stored from a refused file');
  const broken = path.join(dir, 'broken.json');
  writeFileSync(broken, '{"instrument": "phq9", ');
  assert.match(run('instruments', 'load', '--db', db, broken).stderr, /not valid JSON \(line 1/);

  const loaded = run('instruments', 'load', '--db', db, file('phq9.da.json', good));
  assert.equal(loaded.status, 0, loaded.stderr);
  assert.match(run('instruments', 'list', '--db', db).stdout, /^phq9\s+PHQ-9\s+da:loaded\s+en:shipped$/m);
  assert.deepEqual(sql(db, "SELECT action, username FROM audit_event WHERE action = 'instruments_load'"), [
    { action: 'instruments_load', username: 'phq9.da' },
  ]);
  assert.equal(run('instruments', 'load', '--db', db).status, 2, 'no FILE: usage');

  // The server now serves the loaded text for lang=da, without the "missing translation" mark.
  const api = await signedIn(server.base, 'caremanager.herning');
  const phq9 = await api.get('/api/v1/instruments/phq9?lang=da');
  assert.equal(phq9.status, 200);
  assert.equal(phq9.body.text.language, 'da');
  assert.equal(phq9.body.text.translation_missing, false);
  assert.equal(phq9.body.text.source, good.source);
  const gad7 = await api.get('/api/v1/instruments/gad7?lang=da');
  assert.equal(gad7.body.text.language, 'en');
  assert.equal(gad7.body.text.translation_missing, true);
});

test('migrate-data copies a SQLite installation into a new database of the engine under test: every row, the audit chain verifying with the same key; a second copy is refused', (t) => {
  // The source is always a region's SQLite file.
  const from = mkdtempSync(path.join(tmpdir(), 'samspor-cli-from-'));
  t.after(() => rmSync(from, { recursive: true, force: true }));
  const source = path.join(from, 'region.db');
  assert.equal(runExactly(['demo', '--db', source]).status, 0);
  const added = runExactly(['user', 'add', '--db', source, '--username', 'moved.caseworker', '--name', 'Moved Caseworker',
    '--organisation', '657', '--role', 'caseworker'], { input: 'zyx-cli-passphrase-41\n' });
  assert.equal(added.status, 0, added.stderr);
  assert.equal(runExactly(['token', 'create', '--db', source, '--user', 'moved.caseworker', '--scope', 'read']).status, 0);

  const { db, done } = tempDb();
  t.after(done);
  const copied = runExactly(['migrate-data', '--from', source, '--to', db]);
  assert.equal(copied.status, 0, copied.stderr);
  assert.match(copied.stdout, /row counts and checksums agree/);
  for (const table of ['citizen', 'enrolment', 'app_user', 'audit_event', 'api_token'])
    assert.deepEqual(sql(db, `SELECT COUNT(*) AS n FROM ${table}`), sql(source, `SELECT COUNT(*) AS n FROM ${table}`), table);
  // The identifiers are sealed with the source's key: it is the new database's key too.
  copyFileSync(`${source}.key`, keyFileOf(db));
  chmodSync(keyFileOf(db), 0o600);
  const verify = run('audit', 'verify', '--db', db);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  assert.match(verify.stdout, /intact: [1-9][0-9]* events/);
  assert.match(run('user', 'list', '--db', db).stdout, /moved\.caseworker\s+657\s+on\s+caseworker/);
  // A write on the new database: its own chain, and the chains still verify.
  assert.equal(run('user', 'disable', '--db', db, '--username', 'moved.caseworker').status, 0);
  assert.equal(run('audit', 'verify', '--db', db).status, 0);

  const again = runExactly(['migrate-data', '--from', source, '--to', db]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /the target is not empty/);
});
