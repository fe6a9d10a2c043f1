// Starts a real `samspor serve` on a fresh demo database for one test file.
//
//   const server = await startServer();   // { url, stop, stderr }
//   ... drive a browser at server.url ...
//   await server.stop();                   // SIGTERM, wait for exit, remove the temp dir
//
// The binary is $SAMSPOR_BIN, or build/samspor in the repository. A relative
// $SAMSPOR_BIN is taken from the repository root, wherever the tests run from.
import { execFile, spawn } from 'node:child_process';
import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const HEALTH_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;
const SETUP_TIMEOUT_MS = 60_000;
const MAX_LOG_CHARS = 1 << 20;

/** The server binary: $SAMSPOR_BIN (relative to the repository root) or build/samspor. */
export function serverBinary() {
  return path.resolve(REPO_ROOT, process.env.SAMSPOR_BIN || 'build/samspor');
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function run(bin, args) {
  try {
    await execFileP(bin, args, { timeout: SETUP_TIMEOUT_MS, maxBuffer: MAX_LOG_CHARS });
  } catch (err) {
    const output = [err.stdout, err.stderr].filter(Boolean).join('\n').trim();
    throw new Error(`${path.basename(bin)} ${args.join(' ')} failed (${err.code ?? err.signal}):\n${output}`);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Create a demo database in a new temp dir (`samspor init`, `samspor demo`),
 * start `samspor serve` on a free loopback port and wait until /healthz
 * answers 200 (at most 10 s).
 *
 * Returns { url, stop, stderr }: url has no trailing slash; stop() sends
 * SIGTERM, waits for the process to exit (SIGKILL after 10 s), removes the
 * temp dir and resolves to { code, signal }; stderr() is everything the server
 * has written to stdout and stderr so far, for failure messages.
 */
export async function startServer() {
  const bin = serverBinary();
  try {
    await access(bin, constants.X_OK);
  } catch {
    throw new Error(`no executable server at ${bin}: build it first, or set SAMSPOR_BIN`);
  }

  const dir = await mkdtemp(path.join(tmpdir(), 'samspor-browser-'));
  const db = path.join(dir, 't.db');
  let child;
  try {
    await run(bin, ['init', '--db', db]);
    await run(bin, ['demo', '--db', db]);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let log = '';
    const append = (chunk) => {
      log += chunk.toString('utf8');
      if (log.length > MAX_LOG_CHARS) log = log.slice(-MAX_LOG_CHARS);
    };
    child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    let exitStatus = null;
    const exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        exitStatus = { code, signal };
        resolve(exitStatus);
      });
    });
    const spawnFailed = new Promise((_, reject) => child.once('error', reject));
    spawnFailed.catch(() => {});

    await Promise.race([waitHealthy(url, () => exitStatus, () => log), spawnFailed]);

    let stopped = null;
    const stop = async () => {
      stopped ??= (async () => {
        if (exitStatus === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(timer);
        }
        await rm(dir, { recursive: true, force: true });
        return exitStatus;
      })();
      return stopped;
    };
    return { url, stop, stderr: () => log };
  } catch (err) {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function waitHealthy(url, exitStatus, log) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const status = exitStatus();
    if (status !== null) {
      throw new Error(`samspor serve exited early (${JSON.stringify(status)}):\n${log()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await sleep(100);
  }
  throw new Error(`samspor serve: /healthz not 200 within ${HEALTH_TIMEOUT_MS} ms (${last}):\n${log()}`);
}
