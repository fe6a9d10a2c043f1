// PostgreSQL for the scale tests: make check's throwaway cluster (SAMSPOR_TEST_PG) where a test
// can share one, else a cluster of its own from scripts/pg-cluster, stopped when the test ends;
// server programs (pg_ctl, pg_basebackup into a data directory) run as the cluster's system user.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { repoRoot } from '../api/server.mjs';

const SCRIPT = path.join(repoRoot, 'scripts', 'pg-cluster');
/** The system user that scripts/pg-cluster runs a cluster as when it is started by root. */
const OWNER = 'samspor-pg';
const isRoot = process.getuid() === 0;

/** The newest installed PostgreSQL's server programs (as scripts/pg-cluster finds them). */
export function pgBin() {
  const root = '/usr/lib/postgresql';
  const versions = readdirSync(root).filter((v) => /^[0-9]+$/.test(v)).sort((a, b) => Number(a) - Number(b));
  assert.ok(versions.length > 0, `no PostgreSQL under ${root} (run scripts/bootstrap)`);
  return path.join(root, versions.at(-1), 'bin');
}

/** argv run as the cluster's system user when we are root (PostgreSQL refuses root). */
export function ownerCommand(argv) {
  return isRoot ? ['runuser', '-u', OWNER, '--', ...argv] : argv;
}

function runChecked(argv, what) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `${what} failed (exit ${r.status}):\n${r.stderr}`);
  return r.stdout.trim();
}

/** scripts/pg-cluster with these arguments; its standard output. */
function pgCluster(...args) {
  return runChecked([SCRIPT, ...args], `pg-cluster ${args[0]}`);
}

/** pg_ctl on a data directory, as its owner (e.g. pgCtl(data, 'stop', '-m', 'fast')). */
export function pgCtl(dataDir, ...args) {
  return runChecked(ownerCommand([path.join(pgBin(), 'pg_ctl'), '-D', dataDir, '-w', '-t', '60', ...args]), `pg_ctl ${args[0]}`);
}

/**
 * A directory for one test file's files under the system's temp directory, which the cluster's
 * system user may pass through (its own directories inside are its own). → path
 */
export function workDir(prefix) {
  const dir = mkdtempSync(path.join('/tmp', prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** A new directory that the cluster's system user owns (mode 0700), for a data directory. */
export function ownerDir(dir) {
  mkdirSync(dir, { mode: 0o700 });
  if (isRoot) {
    const uid = Number(runChecked(['id', '-u', OWNER], 'id -u'));
    const gid = Number(runChecked(['id', '-g', OWNER], 'id -g'));
    chownSync(dir, uid, gid);
  }
  return dir;
}

/**
 * A cluster of this test's own under dir: {url (no database), dir, data, port, stop()}. stop()
 * stops it and removes its directory; it is safe to call twice.
 */
export function ownCluster(dir) {
  const clusterDir = path.join(dir, 'pg');
  const url = pgCluster('start', clusterDir);
  let stopped = false;
  return {
    url,
    dir: clusterDir,
    data: path.join(clusterDir, 'data'),
    port: Number(new URL(url).port),
    stop() {
      if (stopped) return;
      stopped = true;
      pgCluster('stop', clusterDir);
    },
  };
}

/** make check's cluster when SAMSPOR_TEST_PG names one (never stopped here), else ownCluster(dir). */
export function sharedOrOwnCluster(dir) {
  const shared = process.env.SAMSPOR_TEST_PG;
  if (!shared) return ownCluster(dir);
  return { url: shared.replace(/\/$/, ''), port: Number(new URL(shared).port), stop() {} };
}

/** Variables that point libpq's client programs (createdb) at a cluster URL's host, port, role. */
export function libpqVars(url) {
  const u = new URL(url);
  return { PGHOST: u.hostname, PGPORT: u.port, PGUSER: decodeURIComponent(u.username) };
}

/** A database name no other test run uses. */
export function uniqueName(tag) {
  return `samspor_${tag}_${process.pid}_${Date.now() % 100000}`;
}

/** Stop a data directory's server at once if it runs (as its owner), then remove `parent`. */
export function removeDataDir(dataDir, parent = dataDir) {
  const [command, ...args] = ownerCommand([path.join(pgBin(), 'pg_ctl'), '-D', dataDir, '-m', 'immediate', '-w', 'stop']);
  spawnSync(command, args, { stdio: 'ignore' });
  rmSync(parent, { recursive: true, force: true });
}
