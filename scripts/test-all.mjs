// `npm test`: every test suite in order, each one's counts, and one summary at the end.
//   build → tsc → unit → lsp → grammar → e2e set-up (skipped when done) → real editor:
//   .vsix contents, UI checks in VS Code for the Web, extension-host suite.
// Options: --no-e2e (skip the real-editor suites), --e2e-only.
// Exits non-zero if anything failed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../test/e2e/lib/proc.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const withE2e = !args.includes('--no-e2e');
const onlyE2e = args.includes('--e2e-only');
const t0 = Date.now();
const elapsed = () => ((Date.now() - t0) / 1000).toFixed(0);
const banner = (msg) => console.log(`\n=== ${msg}  [${elapsed()} s]`);

/** suite name → { passed, failed, note? } in the order they ran */
const suites = new Map();
const stepTimes = [];
let fatal = null;

async function step(name, cmd, argv, { parse, env } = {}) {
  banner(name);
  const s = Date.now();
  const r = await run(cmd, argv, { cwd: ROOT, env: env ?? { ...process.env, FORCE_COLOR: '0' }, prefix: '  ' });
  stepTimes.push(`${name} ${((Date.now() - s) / 1000).toFixed(0)} s`);
  if (parse) parse(r);
  return r.code === 0;
}

/** mocha's epilogue: "N passing", "N failing", "N pending". */
function mochaCounts(name) {
  return ({ code, output }) => {
    const n = (word) => Number(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'm').exec(output)?.[1] ?? 0);
    const failed = n('failing') || (code !== 0 ? 1 : 0);
    suites.set(name, { passed: n('passing'), failed, note: n('pending') ? `${n('pending')} pending` : undefined });
  };
}

/** vscode-tmgrammar-test: one line per test file, "✓ file run successfuly." or "✖ file failed". */
function grammarCounts({ code, output }) {
  const passed = (output.match(/ run successfuly\./g) ?? []).length;
  const failed = (output.match(/ failed$| aborted due to an error|can't parse testcase/gm) ?? []).length || (code !== 0 ? 1 : 0);
  suites.set('grammar', { passed, failed, note: 'files' });
}

function hasFiles(dir, suffix) {
  if (!fs.existsSync(dir)) return false;
  return fs.readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith(suffix));
}

async function main() {
  if (!onlyE2e) {
    if (!(await step('build (esbuild bundles)', 'npm', ['run', '-s', 'build']))) { fatal = 'build failed'; return; }
    // A clean out/ so that tests of deleted or renamed files cannot linger and run.
    fs.rmSync(path.join(ROOT, 'out'), { recursive: true, force: true });
    if (!(await step('typecheck + compile tests (tsc -p .)', 'npx', ['tsc', '-p', '.']))) { fatal = 'tsc failed'; return; }
    await step('unit tests', 'npx', ['mocha', '--config', 'test/.mocharc.json'], { parse: mochaCounts('unit') });
    if (hasFiles(path.join(ROOT, 'out/test/lsp'), '.test.js')) {
      const config = fs.existsSync(path.join(ROOT, 'test/lsp/.mocharc.json'))
        ? ['--config', 'test/lsp/.mocharc.json']
        : ['--no-config', '--timeout', '30000', '--reporter', 'dot', 'out/test/lsp/**/*.test.js'];
      await step('LSP tests (built server over stdio)', 'npx', ['mocha', ...config], { parse: mochaCounts('lsp') });
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    if (pkg.scripts?.['test:grammar'] && hasFiles(path.join(ROOT, 'test/grammar'), '.prototxt')) {
      await step('grammar tests', 'npm', ['run', '-s', 'test:grammar'], { parse: grammarCounts });
    }
  }
  if (withE2e) {
    if (!(await step('real-editor set-up (test/e2e/setup.sh: installs only what is missing)', 'bash', ['test/e2e/setup.sh']))) {
      fatal = 'e2e set-up failed';
      return;
    }
    await step('real editor: .vsix contents, UI checks, extension-host suite', 'node',
      ['test/e2e/run.mjs', ...(onlyE2e ? [] : ['--skip-compile'])], {
        parse: ({ output }) => {
          for (const name of ['package', 'e2e-ui', 'exthost']) {
            const m = new RegExp(`^${name}: (\\d+) passed, (\\d+) failed$`, 'm').exec(output);
            suites.set(name, m ? { passed: +m[1], failed: +m[2] } : { passed: 0, failed: 1, note: 'did not report' });
          }
          const act = /^\[exthost\] activation: ([\d.]+) ms$/m.exec(output);
          if (act) suites.get('exthost').note = `activation ${act[1]} ms`;
        },
      });
  }
}

function summarise() {
  const list = [...suites.entries()];
  const passed = list.reduce((n, [, s]) => n + s.passed, 0);
  const failed = list.reduce((n, [, s]) => n + s.failed, 0) + (fatal ? 1 : 0);
  banner('summary');
  console.log(`steps: ${stepTimes.join(' · ')}`);
  for (const [name, s] of list) {
    console.log(`  ${name.padEnd(8)} ${String(s.passed).padStart(5)} passed  ${String(s.failed).padStart(3)} failed${s.note ? `  (${s.note})` : ''}`);
  }
  if (fatal) console.log(`  stopped early: ${fatal}`);
  if (fs.existsSync(path.join(ROOT, 'test-results/e2e'))) console.log('  real-editor screenshots and logs: test-results/e2e/');
  const parts = list.map(([name, s]) => `${name} ${s.passed} passed${s.failed ? ` ${s.failed} failed` : ''}`);
  console.log(`SUMMARY: ${parts.join(' · ') || 'nothing ran'} — ${failed || passed === 0 ? 'FAIL' : 'PASS'} in ${elapsed()} s`);
  console.log(`total: ${passed} passed, ${failed} failed`);
  return failed || passed === 0 ? 1 : 0;
}

main().then(() => process.exit(summarise()), (err) => {
  console.error(err);
  fatal = String(err?.message ?? err);
  process.exit(summarise() || 1);
});
