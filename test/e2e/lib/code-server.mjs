// Starts and stops code-server (VS Code for the Web) for the tests and for `npm start`.
// Each run gets a fresh profile (user-data dir, extensions dir, XDG dirs) so nothing from the
// machine or an earlier run leaks in, a free loopback port, and its own process group so that
// stopping it also ends the extension host and the language server it spawned.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { CODE_SERVER_BIN } from './paths.mjs';
import { run } from './proc.mjs';

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'editor.hover.delay': 100,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  // The example and test workspaces sit inside this repository: no "open the parent repo?" prompt.
  'git.openRepositoryInParentFolders': 'never',
};

export function assertInstalled() {
  if (!fs.existsSync(CODE_SERVER_BIN)) {
    throw new Error(`code-server is not installed (${CODE_SERVER_BIN}); run: npm run setup:e2e`);
  }
}

/** A fresh profile under `dir` (wiped first). */
export function createProfile(dir, extraSettings = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  const profile = {
    dir,
    userDataDir: path.join(dir, 'user-data'),
    extensionsDir: path.join(dir, 'extensions'),
    home: path.join(dir, 'home'),
  };
  fs.mkdirSync(path.join(profile.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(profile.extensionsDir, { recursive: true });
  fs.mkdirSync(profile.home, { recursive: true });
  fs.writeFileSync(path.join(profile.userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...USER_SETTINGS, ...extraSettings }, null, 2));
  return profile;
}

function profileEnv(profile, extraEnv = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(profile.home, '.config'),
    XDG_DATA_HOME: path.join(profile.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(profile.home, '.cache'),
    ...extraEnv,
  };
}

function profileArgs(profile) {
  return ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

export async function installExtension(profile, vsixPath) {
  const { code, output } = await run(CODE_SERVER_BIN,
    [...profileArgs(profile), '--install-extension', vsixPath, '--force'],
    { env: profileEnv(profile), quiet: true });
  if (code !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsixPath} into code-server failed (exit ${code}):\n${output}`);
  }
}

/** Asks the OS for a free loopback port. */
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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function groupAlive(pgid) {
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}

/**
 * Starts code-server on 127.0.0.1 and waits for /healthz. Returns { url, port, pid, stop() }.
 * `stop()` ends the whole process group (SIGTERM, then SIGKILL after a grace period).
 */
export async function startCodeServer(profile, { port, logFile, env = {}, readyTimeoutMs = 60000 } = {}) {
  assertInstalled();
  port ??= await freePort();
  const log = fs.openSync(logFile ?? path.join(profile.dir, 'code-server.log'), 'w');
  const args = [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--disable-proxy',
    ...profileArgs(profile),
  ];
  // detached: the child calls setsid(), so its pid is also the id of a new process group.
  const child = spawn(CODE_SERVER_BIN, args, { detached: true, stdio: ['ignore', log, log], env: profileEnv(profile, env) });
  fs.closeSync(log);
  let exited = false;
  child.on('exit', () => { exited = true; });
  const pgid = child.pid;

  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
  };
  process.on('exit', stopSync); // last resort if the caller dies without stopping us
  const stop = async () => {
    if (stopped) return;
    try { process.kill(-pgid, 'SIGTERM'); } catch { /* already gone */ }
    for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
    stopSync();
    process.off('exit', stopSync);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return { url, port, pid: pgid, stop };
    } catch { /* not listening yet */ }
    await sleep(100);
  }
  await stop();
  throw new Error(`code-server did not become ready on ${url} (${exited ? 'it exited' : 'timed out'}); see its log`);
}
