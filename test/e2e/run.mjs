// One real-editor test cycle: build and package the extension, check the .vsix contents, install
// it into a fresh code-server profile, start code-server on a free loopback port, run the UI
// checks and the extension-host suite against that one server, and always stop it (whole
// process group). Screenshots, logs and a summary land in test-results/e2e/ (kept by CI).
//
//   node test/e2e/run.mjs [--skip-compile] [--skip-package] [--only ui|exthost|package]
//   --skip-compile: out/ is fresh (npm test just ran tsc); --skip-package: reuse prototxt-lens.vsix.
//
// Prints one "<suite>: N passed, M failed" line per suite; exits non-zero if any failed.
import fs from 'node:fs';
import path from 'node:path';
import { assertInstalled, createProfile, installExtension, startCodeServer } from './lib/code-server.mjs';
import { E2E_DIR, RESULTS_DIR, ROOT, RUN_DIR, VSIX } from './lib/paths.mjs';
import { run, seconds } from './lib/proc.mjs';
import { createWorkspace } from './lib/workspace.mjs';

const args = process.argv.slice(2);
const skipCompile = args.includes('--skip-compile');
const skipPackage = args.includes('--skip-package');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const wants = (suite) => !only || only === suite;

const t0 = Date.now();
const say = (msg) => console.log(`[e2e ${seconds(t0).padStart(5)}s] ${msg}`);
const timings = {};
async function step(name, fn) {
  const s = Date.now();
  try { return await fn(); } finally { timings[name] = +((Date.now() - s) / 1000).toFixed(1); }
}
const counts = (output, suite) => {
  const m = new RegExp(`^${suite}: (\\d+) passed, (\\d+) failed`, 'm').exec(output);
  return m ? { passed: +m[1], failed: +m[2] } : { passed: 0, failed: 1 };
};

async function sh(cmd, argv, opts) {
  const r = await run(cmd, argv, { cwd: ROOT, ...opts });
  if (r.code !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (exit ${r.code})\n${opts?.quiet ? r.output : ''}`);
  return r;
}

async function main() {
  assertInstalled();
  fs.rmSync(RESULTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const suites = {};

  if (!skipCompile) {
    say('compiling the extension-host suite (tsc -p .)');
    await step('compile', () => sh('npx', ['tsc', '-p', '.'], { prefix: '  tsc: ' }));
  }
  if (!skipPackage || !fs.existsSync(VSIX)) {
    say('packaging the extension (npm run package)');
    await step('package', () => sh('npm', ['run', '-s', 'package'], { quiet: true }));
  }
  if (wants('package')) {
    const r = await step('vsix-contents', () => run('node', [path.join(E2E_DIR, 'vsix-contents.mjs'), VSIX], { cwd: ROOT, quiet: true }));
    suites.package = counts(r.output, 'package');
    if (suites.package.failed) console.log(r.output);
    else say(`vsix contents ok (${suites.package.passed} checks)`);
  }
  if (only === 'package') return suites;

  // Outline rows collapsed to the layers, so the whole net fits in the pane the UI check reads.
  // Scratch space of this run only (profile, workspaces), so two runs in one tree do not collide.
  const scratch = path.join(RUN_DIR, `run-${process.pid}`);
  // E2E_EXTRA_SETTINGS='{"prototxtLens.severity": {"filler-scale": "off"}}' adds user settings, e.g.
  // to turn a feature off and see the checks of it fail.
  const extra = JSON.parse(process.env.E2E_EXTRA_SETTINGS ?? '{}');
  const profile = createProfile(path.join(scratch, 'profile'), { 'outline.collapseItems': 'alwaysCollapse', ...extra });
  say('installing the .vsix into a fresh code-server profile');
  await step('install', () => installExtension(profile, VSIX));
  const server = await step('start', () => startCodeServer(profile, { logFile: path.join(RESULTS_DIR, 'code-server.log') }));
  say(`code-server ready at ${server.url} (pid ${server.pid})`);
  const stopOnSignal = async (sig) => { await server.stop(); process.exit(sig === 'SIGINT' ? 130 : 143); };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    if (wants('ui')) {
      const ws = createWorkspace(path.join(scratch, 'ws-ui'));
      const r = await step('ui', () => run('node', [path.join(E2E_DIR, 'ui-checks.mjs'), server.url, ws], { cwd: ROOT }));
      suites['e2e-ui'] = counts(r.output, 'e2e-ui');
      const repaint = /preview repaint after edit: (\d+) ms median, (\d+) ms max/.exec(r.output);
      if (repaint) Object.assign(suites['e2e-ui'], { previewRepaintMedianMs: +repaint[1], previewRepaintMaxMs: +repaint[2] });
    }
    if (wants('exthost')) {
      const ws = createWorkspace(path.join(scratch, 'ws-exthost'));
      const r = await step('exthost', () => run('node', [path.join(E2E_DIR, 'exthost.mjs'), server.url, ws], { cwd: ROOT }));
      suites.exthost = counts(r.output, 'exthost');
      const act = /^\[exthost\] activation: ([\d.]+) ms$/m.exec(r.output);
      if (act) suites.exthost.activationMs = +act[1];
    }
  } finally {
    await server.stop();
    say('code-server stopped');
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return suites;
}

main().then((suites) => {
  const failed = Object.values(suites).reduce((n, s) => n + s.failed, 0);
  const summary = { suites, timings, seconds: +seconds(t0) };
  fs.writeFileSync(path.join(RESULTS_DIR, 'summary.json'), JSON.stringify(summary, null, 2));
  say(`timings (s): ${Object.entries(timings).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const [name, s] of Object.entries(suites)) console.log(`${name}: ${s.passed} passed, ${s.failed} failed`);
  process.exit(failed ? 1 : 0);
}, (err) => {
  console.error(`[e2e] ${err.stack ?? err}`);
  fs.writeFileSync(path.join(RESULTS_DIR, 'summary.json'), JSON.stringify({ error: String(err), timings }, null, 2));
  process.exit(2);
});
