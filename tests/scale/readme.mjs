// The README's "Running at scale" commands, run as they are written, so that the README cannot
// drift from what is tested: each ```sh block that follows a marker comment
// `<!-- scale: NAME -->` is found by NAME and run with bash (set -euo pipefail), the variables it
// names ($DB, $KEY, $PORT, …) given in its environment. `samspor` is the binary under test, and
// PostgreSQL's server programs (pg_ctl) and nginx are on the PATH as on a server.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { binary, repoRoot, samsporEnv, spawnServe } from '../api/server.mjs';
import { pgBin, ownerCommand } from './cluster.mjs';

const SECTION = '## Running at scale';
const MARKER = /^<!-- scale: ([a-z0-9-]+) -->$/;

/** The section's text, from its heading to the next heading of the same level. */
function sectionText() {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${SECTION}\n`);
  assert.ok(start >= 0, `README.md has no "${SECTION}" section`);
  const end = readme.indexOf('\n## ', start + SECTION.length + 2);
  return readme.slice(start, end < 0 ? undefined : end);
}

/**
 * Every ```sh block of the section: {name (null when no marker precedes it), script}. A marker
 * is the last non-empty line before the block's opening fence.
 */
export function sectionBlocks() {
  const lines = sectionText().split('\n');
  const found = [];
  let lastText = '';
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '```sh') {
      const end = lines.indexOf('```', i + 1);
      assert.ok(end > i, `README "${SECTION}": a sh block is not closed`);
      found.push({ name: MARKER.exec(lastText)?.[1] ?? null, script: lines.slice(i + 1, end).join('\n') });
      i = end;
      lastText = '';
    } else if (lines[i].trim() !== '') {
      lastText = lines[i].trim();
    }
  }
  return found;
}

/** The script of the block named `name`. */
export function block(name) {
  const matches = sectionBlocks().filter((b) => b.name === name);
  assert.equal(matches.length, 1, `README "${SECTION}" has ${matches.length} blocks marked "${name}"`);
  return matches[0].script;
}

/** The environment of a block: the variables, and the programs a server's PATH has. */
function blockEnv(vars) {
  const PATH = [path.dirname(binary), pgBin(), '/usr/sbin', '/usr/bin', process.env.PATH].join(':');
  return samsporEnv({ ...vars, PATH });
}

/**
 * Run block `name` to its end with `vars` in its environment; as the cluster's system user when
 * `asOwner` (PostgreSQL's server programs refuse root). Asserts exit 0 → {stdout, stderr}.
 */
export function runBlock(name, vars, { asOwner = false } = {}) {
  const env = blockEnv(vars);
  const bash = ['bash', '-euo', 'pipefail', '-c', block(name)];
  const [command, ...args] = asOwner ? ownerCommand(bash, env) : bash;
  const r = spawnSync(command, args, { env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `README block "${name}" failed (exit ${r.status}, ${r.signal ?? 'no signal'}):\n${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

/**
 * Start the server that block `name` runs (one command, which serves on 127.0.0.1:$PORT), as
 * spawnServe does. bash runs a single command in its own process (no fork), so the pid is
 * samspor's and stop() signals samspor itself. → spawnServe's handle.
 */
export async function serveBlock(name, vars) {
  const commands = block(name)
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  assert.equal(commands.length, 1, `README block "${name}" must be one command`);
  assert.ok(vars.PORT, `README block "${name}" needs PORT`);
  const server = await spawnServe({ command: 'bash', argv: ['-c', commands[0]], env: blockEnv(vars), port: vars.PORT });
  const comm = readFileSync(`/proc/${server.pid}/comm`, 'utf8').trim();
  if (comm !== 'samspor') {
    await server.stop();
    assert.fail(`README block "${name}": bash did not run samspor in its own process (${comm})`);
  }
  return server;
}

/**
 * Every sh block of the section has a marker, and every marker is run by tests/scale/ (its name
 * appears in a test or its helpers as runBlock('NAME' or serveBlock('NAME').
 */
export function assertEveryBlockTested() {
  const here = path.join(repoRoot, 'tests', 'scale');
  const tests = readdirSync(here)
    .filter((f) => f.endsWith('.mjs'))
    .map((f) => readFileSync(path.join(here, f), 'utf8'))
    .join('\n');
  const blocks = sectionBlocks();
  assert.ok(blocks.length > 0);
  for (const { name, script } of blocks) {
    assert.ok(name, `README "${SECTION}": a sh block without a marker comment:\n${script}`);
    assert.ok(
      tests.includes(`runBlock('${name}'`) || tests.includes(`serveBlock('${name}'`),
      `README block "${name}" is run by no test in tests/scale/`,
    );
  }
}
