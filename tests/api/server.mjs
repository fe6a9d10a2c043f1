// Starts the real samspor binary for one API test file: a fresh database in a temp dir, the demo
// data, a free loopback port. stop() sends SIGTERM (a graceful stop must exit 0) and hands back
// what the server wrote on stderr, which assertCleanStderr() checks: no sanitizer report, no
// personal value the tests sent, and well-formed access-log lines (docs/code-style.md: route
// pattern, status and µs, never a query string).
import { spawn, execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
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

  async function stop() {
    const result = await server.stop();
    if (!process.env.SAMSPOR_KEEP_TMP) {
      drop();
      rmSync(dir, { recursive: true, force: true });
    }
    return result;
  }

  return { ...server, dir, db, keyArgs, stop };
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

/** The usual after() body: stop, then exit 0 and a clean stderr. */
export async function stopAndCheck(server) {
  if (!server) return;
  const { code, signal, stderr } = await server.stop();
  assertCleanStderr(stderr);
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
  const r = spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', command], { encoding: 'utf8' });
  assert.equal(r.status, 0, `psql ${command}: ${r.stderr}`);
  return r.stdout;
}

/**
 * A new empty database for one test: a file in dir, or a fresh PostgreSQL database whose key
 * file lives in dir. → {db, keyArgs (for the command line), drop()}.
 */
export function freshDatabase(dir) {
  if (!pgBase) return { db: path.join(dir, 't.db'), keyArgs: [], drop: () => {} };
  const name = `samspor_t_${process.pid}_${++pgCounter}_${Date.now() % 100000}`;
  psql(`${pgBase}/postgres`, `CREATE DATABASE ${name}`);
  const db = `${pgBase}/${name}`;
  const key = path.join(dir, 't.key');
  pgKeys.set(db, key);
  return {
    db,
    keyArgs: ['--key', key],
    drop: () => psql(`${pgBase}/postgres`, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** The --key arguments a command line on db needs: none for a SQLite file (PATH.key beside it). */
export function keyArgsFor(db) {
  return pgKeys.has(db) ? ['--key', pgKeys.get(db)] : [];
}

/**
 * Run SQL on a test database, bypassing the server: the sqlite3 shell on a file, psql on a
 * PostgreSQL URL. A SELECT (or WITH) gives its rows as objects; other statements give [].
 * Write the SQL both engines accept (column aliases in lower case: PostgreSQL folds them).
 */
export function sql(db, query) {
  if (db.startsWith('postgresql://')) {
    if (!/^\s*(select|with)\b/i.test(query)) {
      psql(db, query);
      return [];
    }
    const out = psql(db, `SELECT coalesce(json_agg(t), '[]') FROM (${query}) t`);
    return JSON.parse(out.trim());
  }
  const r = spawnSync('sqlite3', ['-json', '-cmd', '.timeout 10000', db, query], { encoding: 'utf8' });
  assert.equal(r.status, 0, `sqlite3 ${query}: ${r.stderr}`);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}
