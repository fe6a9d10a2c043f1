// nginx for the scale tests, configured by docs/nginx.conf itself: the documented file with only
// its addresses, ports and certificate paths replaced — each replacement must find exactly the
// text it replaces, so a changed file fails here instead of being half tested — included by a
// small main configuration that plays Debian's /etc/nginx/nginx.conf (which includes
// conf.d/*.conf inside http {}). Started and stopped by the README's own commands.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import assert from 'node:assert/strict';
import { repoRoot } from '../api/server.mjs';
import { runBlock } from './readme.mjs';

const DOCUMENTED = path.join(repoRoot, 'docs', 'nginx.conf');

/** A self-signed certificate for 127.0.0.1 in dir: {cert, key} paths and ca (its PEM text). */
export function certificate(dir) {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { encoding: 'utf8' });
  assert.equal(r.status, 0, `openssl req: ${r.stderr}`);
  return { cert, key, ca: readFileSync(cert, 'utf8') };
}

function replaceExactly(text, from, to, times = 1) {
  const count = text.split(from).length - 1;
  assert.equal(count, times, `docs/nginx.conf: "${from}" found ${count} times, expected ${times}`);
  return text.replaceAll(from, to);
}

/**
 * docs/nginx.conf for this machine: the two upstream processes at 127.0.0.1:upstreams[i], the
 * plain listener at httpPort, TLS at httpsPort with cert and key, the access log at accessLog.
 * → the configuration's text
 */
export function siteConfig({ upstreams, httpPort, httpsPort, cert, key, accessLog }) {
  let text = readFileSync(DOCUMENTED, 'utf8');
  assert.equal((text.match(/^\s*server 127\.0\.0\.1:[0-9]+ /gm) ?? []).length, 2, 'docs/nginx.conf names two processes');
  assert.equal((text.match(/^\s*listen /gm) ?? []).length, 2, 'docs/nginx.conf has two listen lines');
  text = replaceExactly(text, 'server 127.0.0.1:8081 ', `server 127.0.0.1:${upstreams[0]} `);
  text = replaceExactly(text, 'server 127.0.0.1:8082 ', `server 127.0.0.1:${upstreams[1]} `);
  text = replaceExactly(text, 'listen 80;', `listen 127.0.0.1:${httpPort};`);
  text = replaceExactly(text, 'listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`);
  text = replaceExactly(text, '/etc/ssl/samspor/fullchain.pem', cert);
  text = replaceExactly(text, '/etc/ssl/samspor/privkey.pem', key);
  text = replaceExactly(text, '/var/log/nginx/samspor-access.log', accessLog, 2);
  return text;
}

/** Where nginx's files go in dir: {conf (the main file), site, pidFile, errorLog, accessLog}. */
export function nginxFiles(dir) {
  return {
    conf: path.join(dir, 'nginx.conf'),
    site: path.join(dir, 'samspor.conf'),
    pidFile: path.join(dir, 'nginx.pid'),
    errorLog: path.join(dir, 'error.log'),
    accessLog: path.join(dir, 'samspor-access.log'),
  };
}

/**
 * Write the site configuration to files.site and a main configuration that includes it (pid,
 * logs and temporary files in dir) to files.conf.
 */
export function writeConfig(dir, files, site) {
  writeFileSync(files.site, site);
  const tmp = path.join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${path.join(tmp, t)};`);
  writeFileSync(files.conf, [
    '# The part of Debian\'s /etc/nginx/nginx.conf that the site file needs, for a test run.',
    // As root the workers stay root: the temporary files are in a directory only root may use.
    process.getuid() === 0 ? 'user root;' : '',
    'worker_processes 2;',
    `pid ${files.pidFile};`,
    `error_log ${files.errorLog} warn;`,
    'events { worker_connections 1024; }',
    'http {',
    '    access_log off; # each server of the site file names its own',
    ...temps,
    `    include ${files.site};`,
    '}',
    '',
  ].join('\n'));
}

/** Start nginx with the README's commands and wait until it accepts on httpsPort. */
export async function startNginx(files, httpsPort, send) {
  runBlock('nginx', { NGINX_CONF: files.conf });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await send('GET', `https://127.0.0.1:${httpsPort}/healthz`, {}, undefined);
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`nginx does not answer on ${httpsPort}: ${e.message}\n${errorLog(files)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function errorLog(files) {
  return existsSync(files.errorLog) ? readFileSync(files.errorLog, 'utf8') : '';
}

/** Stop nginx with the README's command; if that fails, end its master process. */
export async function stopNginx(files) {
  if (!existsSync(files.pidFile)) return;
  const pid = Number(readFileSync(files.pidFile, 'utf8').trim());
  try {
    runBlock('nginx-stop', { NGINX_CONF: files.conf });
  } catch (e) {
    process.kill(pid, 'SIGTERM');
    throw e;
  } finally {
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A send function for makeClient over HTTPS that trusts only `ca`, on kept-alive connections.
 * send.close() ends them.
 */
export function httpsSend(ca) {
  const agent = new https.Agent({ ca, keepAlive: true, maxSockets: 32 });
  function send(method, url, headers, body) {
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method, headers, agent, timeout: 30_000 }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) for (const one of [v].flat()) h.append(k, String(one));
          resolve({ status: res.statusCode, headers: h, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
  }
  send.close = () => agent.destroy();
  return send;
}
