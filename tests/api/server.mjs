// Starts the real samspor binary for one API test file: a fresh database in a temp dir, the demo
// data, a free loopback port. stop() sends SIGTERM (a graceful stop must exit 0) and hands back
// what the server wrote on stderr, which assertCleanStderr() checks: no sanitizer report, no
// personal value the tests sent, and well-formed access-log lines (docs/code-style.md: route
// pattern, status and µs, never a query string).
import { spawn, execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync, copyFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

/** The binary under test: $SAMSPOR_BIN, else the sanitizer build. */
export const binary = process.env.SAMSPOR_BIN
  ? path.resolve(process.env.SAMSPOR_BIN)
  : path.join(repoRoot, 'build-asan', 'samspor');

/** Every identifier, name, phone and email a test sends; none may reach the server's stderr. */
export const sentPersonalValues = new Set();

/** Record personal values (strings shorter than 4 characters are too generic to grep for). */
export function rememberPersonal(...values) {
  for (const v of values) {
    if (typeof v !== 'string' || v.length < 4) continue;
    sentPersonalValues.add(v);
  }
}

const SANITIZER_MARKS = ['AddressSanitizer', 'LeakSanitizer', 'runtime error:', 'UndefinedBehaviorSanitizer'];
const ACCESS_MEMBERS = ['time', 'request_id', 'method', 'route', 'status', 'duration_us'];

/** A TCP port of 127.0.0.1 that nobody listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function cli(args, env) {
  try {
    return await run(binary, args, { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    throw new Error(`${path.basename(binary)} ${args[0]} failed (exit ${e.code}): ${e.stderr ?? e.message}`);
  }
}

/** The environment of every samspor run: sanitizer reports fail loudly, ASan keeps the exit code. */
export function samsporEnv(extra = {}) {
  return {
    ...process.env,
    ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=1:abort_on_error=0:exitcode=66',
    UBSAN_OPTIONS: process.env.UBSAN_OPTIONS ?? 'print_stacktrace=1:halt_on_error=1',
    ...extra,
  };
}

/**
 * Start a server. Resolves to {base, port, dir, db, stderr(), stop()} once GET /healthz answers
 * 200 (polled for up to 15 s). stop() → {code, signal, stderr}. `serveArgs` are added to the
 * serve command line (e.g. ['--threads', '8']); `softFileLimit` starts it with that soft
 * RLIMIT_NOFILE (through the shell's ulimit, the hard limit unchanged).
 */
export async function startServer({ serveArgs = [], softFileLimit } = {}) {
  if (!existsSync(binary))
    throw new Error(`no server binary at ${binary}: build it, or set SAMSPOR_BIN`);
  const dir = mkdtempSync(path.join(tmpdir(), 'samspor-api-'));
  const { db, keyArgs, drop } = freshDatabase(dir);
  const env = samsporEnv();
  const setupStderr = [];
  const init = await cli(['init', '--db', db, ...keyArgs], env);
  setupStderr.push(init.stderr);
  const demo = await cli(['demo', '--db', db, ...keyArgs], env);
  setupStderr.push(demo.stderr);
  for (const s of setupStderr) {
    for (const mark of SANITIZER_MARKS) assert.ok(!s.includes(mark), `sanitizer report during setup:\n${s}`);
  }

  const port = await freePort();
  const args = ['serve', '--db', db, ...keyArgs, '--listen', `127.0.0.1:${port}`, ...serveArgs];
  const [command, argv] = softFileLimit
    ? ['/bin/sh', ['-c', `ulimit -Sn ${Number(softFileLimit)} && exec "$0" "$@"`, binary, ...args]]
    : [binary, args];
  const server = await spawnServe({ command, argv, env, port });

  // Copies of the database made by snapshot(), dropped with it.
  const copies = [];
  /** A consistent copy of the database as it is now (see snapshotDatabase), dropped by stop(). */
  function snapshot(name) {
    const copy = snapshotDatabase(db, dir, name);
    copies.push(copy);
    return copy.db;
  }

  async function stop() {
    const result = await server.stop();
    closeShell(db);
    const storedIdentifiers = identifiersStoredIn(db);
    if (!process.env.SAMSPOR_KEEP_TMP) {
      for (const copy of copies) copy.drop();
      drop();
      rmSync(dir, { recursive: true, force: true });
    }
    return { ...result, storedIdentifiers };
  }

  return { ...server, dir, db, keyArgs, stop, snapshot };
}

/**
 * Run a command that serves on 127.0.0.1:port (samspor serve, or a shell that execs it) and wait
 * until GET /healthz answers 200 (up to 15 s). → {base, port, pid, stderr(), exited(),
 * stop()}: stop() sends SIGTERM (SIGKILL after 10 s) and resolves to {code, signal, stderr};
 * exited() is the exit information once it has ended by itself, else null.
 */
export async function spawnServe({ command, argv, env = samsporEnv(), port }) {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(command, argv, {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  let exitInfo = null;
  exited.then((info) => {
    exitInfo = info;
  });

  const deadline = Date.now() + 15_000;
  for (;;) {
    if (exitInfo) throw new Error(`server exited during start-up (${JSON.stringify(exitInfo)}):\n${stderr}`);
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /healthz within 15 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  async function stop() {
    if (!exitInfo) child.kill('SIGTERM');
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve(null), 10_000);
    });
    let info = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (!info) {
      child.kill('SIGKILL');
      await exited;
      info = { code: null, signal: 'timeout (killed after 10 s)' };
    }
    // Let the last stderr chunk arrive.
    await new Promise((r) => setImmediate(r));
    return { code: info.code, signal: info.signal, stderr };
  }

  return { base, port, pid: child.pid, stderr: () => stderr, exited: () => exitInfo, stop };
}

/** Variants of a value that must not appear in a log: as sent, and an identifier without hyphen. */
function forbiddenForms(value) {
  const forms = new Set([value]);
  if (/^[0-9]{6}-[0-9A-Za-z]{4}$/.test(value)) forms.add(value.replace('-', ''));
  if (/^[0-9]{6}[0-9A-Za-z]{4}$/.test(value)) forms.add(`${value.slice(0, 6)}-${value.slice(6)}`);
  return forms;
}

/** The JSON access-log lines of a server's stderr, parsed. */
export function accessLines(stderr) {
  const out = [];
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    let obj;
    try {
      obj = JSON.parse(line);
    } catch {
      continue;
    }
    if ('route' in obj || 'request_id' in obj) out.push(obj);
  }
  return out;
}

/**
 * Fails when stderr holds a sanitizer report, any value in sentPersonalValues (also an identifier
 * with/without its hyphen), a line starting with "{" that is not JSON, an access line missing a
 * member, or a route that is not a pattern (a "?" or a digit-only path segment).
 */
export function assertCleanStderr(stderr) {
  for (const mark of SANITIZER_MARKS) assert.ok(!stderr.includes(mark), `sanitizer report in server stderr:\n${stderr}`);
  for (const value of sentPersonalValues) {
    for (const form of forbiddenForms(value)) {
      assert.ok(!stderr.includes(form), `server stderr contains a personal value the tests sent (${form.length} chars)`);
    }
  }
  const lines = stderr.split('\n').filter((l) => l.length > 0);
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    let obj;
    assert.doesNotThrow(() => {
      obj = JSON.parse(line);
    }, `stderr line starting with "{" is not JSON: ${line}`);
    // Operational lines from sp_log() are {"time","level","msg"}; every other JSON line is an
    // access-log line and must carry all of its members.
    const operational = 'level' in obj && 'msg' in obj && !('route' in obj);
    if (operational) {
      assert.equal(typeof obj.time, 'string', line);
      continue;
    }
    for (const m of ACCESS_MEMBERS) assert.ok(m in obj, `access-log line lacks "${m}": ${line}`);
    assert.equal(typeof obj.time, 'string', line);
    assert.ok(typeof obj.request_id === 'string' || typeof obj.request_id === 'number', line);
    assert.equal(typeof obj.method, 'string', line);
    assert.equal(typeof obj.route, 'string', line);
    assert.ok(Number.isInteger(obj.status) && obj.status >= 100 && obj.status <= 599, line);
    assert.ok(Number.isInteger(obj.duration_us) && obj.duration_us >= 0, line);
    assert.ok(!obj.route.includes('?'), `route carries a query string: ${line}`);
    for (const seg of obj.route.split('/'))
      assert.ok(!/^[0-9]+$/.test(seg), `route has a digit-only segment (not a pattern): ${line}`);
  }
}

/** The usual after() body: stop, then exit 0, a clean stderr and no identifier stored in clear. */
export async function stopAndCheck(server) {
  if (!server) return;
  const { code, signal, stderr, storedIdentifiers } = await server.stop();
  assertCleanStderr(stderr);
  assert.equal(storedIdentifiers, 0, 'identifiers the tests sent are stored in clear (docs/security-model.md)');
  assert.equal(signal, null, `server ended by signal ${signal}:\n${stderr.slice(-4000)}`);
  assert.equal(code, 0, `server exit code after SIGTERM:\n${stderr.slice(-4000)}`);
  return stderr;
}

/**
 * Run the samspor command line synchronously against a database (the server's own while it
 * runs: SQLite's WAL lets both write). `input` goes to standard input (passwords). Asserts no
 * sanitizer report. → {status, stdout, stderr}.
 */
export function samspor(args, { input } = {}) {
  const env = samsporEnv();
  // A PostgreSQL database's key file is named on the command line (none beside a URL).
  const dbAt = args.indexOf('--db');
  const withKey = dbAt >= 0 && !args.includes('--key') ? [...args, ...keyArgsFor(args[dbAt + 1])] : args;
  const r = spawnSync(binary, withKey, { input, encoding: 'utf8', env, timeout: 60_000 });
  for (const mark of SANITIZER_MARKS)
    assert.ok(!(r.stderr ?? '').includes(mark), `sanitizer report from samspor ${args[0]}:\n${r.stderr}`);
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/**
 * The engine the tests run on: PostgreSQL when SAMSPOR_TEST_PG holds the base URL of a throwaway
 * cluster (scripts/pg-cluster, started by make check), else SQLite files.
 */
export const pgBase = process.env.SAMSPOR_TEST_PG ?? '';
export const engine = pgBase ? 'postgresql' : 'sqlite';

/** The key file of each PostgreSQL database a test made (no file to put it beside). */
const pgKeys = new Map();
let pgCounter = 0;

function psql(url, command) {
  const r = spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', command], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, `psql ${command}: ${r.stderr}`);
  return r.stdout;
}

/** A new PostgreSQL database on the test cluster whose key file is `key`: → {db, name, drop()}. */
function createPgDatabase(key) {
  const name = `samspor_t_${process.pid}_${++pgCounter}_${Date.now() % 100000}`;
  psql(`${pgBase}/postgres`, `CREATE DATABASE ${name}`);
  const db = `${pgBase}/${name}`;
  pgKeys.set(db, key);
  return {
    db,
    name,
    drop: () => {
      closeShell(db);
      pgKeys.delete(db);
      psql(`${pgBase}/postgres`, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * A new empty database for one test: a file in dir, or a fresh PostgreSQL database whose key
 * file lives in dir. → {db, keyArgs (for the command line), keyFile, drop()}.
 */
export function freshDatabase(dir) {
  if (!pgBase) {
    const db = path.join(dir, 't.db');
    return { db, keyArgs: [], keyFile: `${db}.key`, drop: () => {} };
  }
  const keyFile = path.join(dir, 't.key');
  const { db, drop } = createPgDatabase(keyFile);
  return { db, keyArgs: ['--key', keyFile], keyFile, drop };
}

/** The --key arguments a command line on db needs: none for a SQLite file (PATH.key beside it). */
export function keyArgsFor(db) {
  return pgKeys.has(db) ? ['--key', pgKeys.get(db)] : [];
}

/** The key file of a test database: PATH.key beside a SQLite file, the one named for PostgreSQL. */
export function keyFileOf(db) {
  return pgKeys.get(db) ?? `${db}.key`;
}

/**
 * A consistent copy of a database while its server runs, for tests that tamper with the copy:
 * SQLite's VACUUM INTO (what is still in the WAL included) and the key file copied beside it;
 * on PostgreSQL a new database filled from pg_dump (one snapshot of every table; CREATE DATABASE
 * … TEMPLATE would need the server's connections closed), sharing the original's key file.
 * → {db, drop()}.
 */
export function snapshotDatabase(db, dir, name) {
  if (!isPostgresql(db)) {
    const copy = path.join(dir, `${name}.db`);
    assert.deepEqual(sql(db, `VACUUM INTO '${copy}'`), []);
    copyFileSync(`${db}.key`, `${copy}.key`);
    chmodSync(`${copy}.key`, 0o600);
    return { db: copy, drop: () => {} };
  }
  const copy = createPgDatabase(keyFileOf(db));
  const dump = spawnSync('pg_dump', ['--no-owner', '--no-privileges', '-d', db], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(dump.status, 0, `pg_dump: ${dump.stderr}`);
  const load = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', copy.db], { input: dump.stdout, encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(load.status, 0, `psql (restore of the snapshot): ${load.stderr}`);
  return copy;
}

const isPostgresql = (db) => db.startsWith('postgresql://');

/**
 * Everything the database holds at rest, as bytes to search for a value in plain text: SQLite's
 * file and its WAL as they are on disk; for PostgreSQL a pg_dump of the database (its data files
 * are the cluster's, shared with every other test database).
 */
export function storedBytes(db) {
  if (isPostgresql(db)) {
    const dump = spawnSync('pg_dump', ['--no-owner', '-d', db], { maxBuffer: 1 << 28 });
    assert.equal(dump.status, 0, `pg_dump: ${dump.stderr}`);
    return dump.stdout;
  }
  return Buffer.concat([db, `${db}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

/** How many identifiers the tests sent (in any of their written forms) the database holds in clear. */
function identifiersStoredIn(db) {
  if (!isPostgresql(db) && !existsSync(db)) return 0;
  const identifiers = [...sentPersonalValues].filter((v) => /^[0-9]{6}-?[0-9A-Za-z]{4}$/.test(v));
  if (identifiers.length === 0) return 0;
  const bytes = storedBytes(db);
  return identifiers.filter((v) => [...forbiddenForms(v)].some((form) => bytes.includes(Buffer.from(form)))).length;
}

/**
 * Run SQL on a test database, bypassing the server: the sqlite3 shell on a file, psql on a
 * PostgreSQL URL. A SELECT (or WITH) gives its rows as objects; other statements give [].
 * Write the SQL both engines accept (column aliases in lower case: PostgreSQL folds them; no
 * SQLite-only function: instr → like(), strftime → a value computed in the test).
 */
export function sql(db, query) {
  if (isPostgresql(db)) {
    if (!/^\s*(select|with)\b/i.test(query)) {
      psql(db, query);
      return [];
    }
    // The row alias must be no column's name, or json_agg takes that column instead of the row.
    const out = psql(db, `SELECT coalesce(json_agg(sp_test_row), '[]') FROM (${query}) sp_test_row`);
    return JSON.parse(out.trim());
  }
  const r = spawnSync('sqlite3', ['-json', '-cmd', '.timeout 10000', db, query], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, `sqlite3 ${query}: ${r.stderr}`);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}

/**
 * One shell per database for sqlAsync, fed a statement at a time on its standard input: psql (a
 * PostgreSQL connection costs a backend's start) or the sqlite3 shell (its start and schema read
 * are most of a small query's time). After each statement the shell prints END and "ok", or the
 * error: psql its LAST_ERROR_MESSAGE; sqlite3 writes the error itself, its stderr merged into
 * stdout so that it arrives before END.
 */
const shells = new Map();
const END = '__samspor_test_end__';

function shellFor(db) {
  let shell = shells.get(db);
  if (shell) return shell;
  const child = isPostgresql(db)
    ? spawn('psql', ['-X', '-q', '-A', '-t', '-d', db], { stdio: ['pipe', 'pipe', 'ignore'] })
    : spawn('/bin/sh', ['-c', 'exec sqlite3 -json -cmd ".timeout 10000" "$0" 2>&1', db], { stdio: ['pipe', 'pipe', 'ignore'] });
  shell = { child, chain: Promise.resolve(), out: '', waiting: null };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    shell.out += chunk;
    const at = shell.out.indexOf(`${END} `);
    const eol = at >= 0 ? shell.out.indexOf('\n', at) : -1;
    if (eol < 0 || !shell.waiting) return;
    const body = shell.out.slice(0, at);
    const status = shell.out.slice(at + END.length + 1, eol);
    shell.out = shell.out.slice(eol + 1);
    const done = shell.waiting;
    shell.waiting = null;
    done(body, status);
  });
  child.on('exit', () => shells.delete(db));
  shells.set(db, shell);
  return shell;
}

/** End the shell of a database (before it is dropped or removed). */
function closeShell(db) {
  const shell = shells.get(db);
  if (!shell) return;
  shells.delete(db);
  shell.child.stdin.end();
}

/** Run one statement in the database's shell → what it printed (a SELECT's JSON, or nothing). */
function inShell(db, statement) {
  const shell = shellFor(db);
  const after = isPostgresql(db)
    ? `\\if :ERROR\n\\echo ${END} :LAST_ERROR_MESSAGE\n\\else\n\\echo ${END} ok\n\\endif\n`
    : `.print ${END} ok\n`;
  const result = shell.chain.then(
    () =>
      new Promise((resolve, reject) => {
        shell.waiting = (body, status) => {
          // sqlite3 prints nothing for a statement without rows, a JSON array for rows, and
          // its error text ("Parse error …", "Runtime error …") otherwise.
          const failed = status !== 'ok' || (!isPostgresql(db) && body.trim() !== '' && !body.trimStart().startsWith('['));
          if (failed) reject(new Error(`${statement}: ${status === 'ok' ? body.trim() : status}`));
          else resolve(body);
        };
        shell.child.stdin.write(`${statement};\n${after}`);
      }),
  );
  shell.chain = result.catch(() => {});
  return result;
}

/**
 * sql() without blocking, and without a process per statement, for tests that run thousands of
 * them: over one shell per database, kept until its server stops.
 */
export async function sqlAsync(db, query) {
  const rows = /^\s*(select|with)\b/i.test(query);
  if (!isPostgresql(db)) {
    const out = await inShell(db, query);
    return rows && out.trim() ? JSON.parse(out) : [];
  }
  if (!rows) {
    await inShell(db, query);
    return [];
  }
  const out = await inShell(db, `SELECT coalesce(json_agg(sp_test_row), '[]') FROM (${query}) sp_test_row`);
  return JSON.parse(out.trim());
}

/**
 * SQL for "expression contains value, ASCII letters in any case" that both engines read alike
 * (instr is SQLite's; SQLite's LIKE ignores ASCII case, PostgreSQL's does not, so both sides are
 * lower-cased). LIKE's wildcards in value match only themselves.
 */
export function containsSql(expression, value) {
  assert.match(value, /^[\x20-\x7e]*$/, 'an ASCII value (lower() folds other letters differently per engine)');
  const escaped = value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`).replaceAll("'", "''");
  return `lower(${expression}) LIKE '%${escaped}%' ESCAPE '\\'`;
}

/** The names of the schema's tables (without SQLite's own). */
export function tablesOf(db) {
  const query = isPostgresql(db)
    ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1";
  return sql(db, query).map((t) => t.name);
}

/** The column names of a table. */
export function columnsOf(db, table) {
  const query = isPostgresql(db)
    ? `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}' ORDER BY ordinal_position`
    : `SELECT name FROM pragma_table_info('${table}') ORDER BY cid`;
  return sql(db, query).map((c) => c.name);
}
