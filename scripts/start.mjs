// `npm start`: try Prototxt Lens without a desktop VS Code. Builds and packages the extension,
// installs the .vsix into a fresh code-server profile and serves VS Code for the Web on
// 127.0.0.1 with the example nets in examples/ open, printing the URL. Ctrl+C stops it.
//   npm start                    serve on $PORT (default 8790, or a free port if that is taken)
//   npm start -- --check         start, load the editor in headless chromium, check that the
//                                extension works on examples/healthy.prototxt, stop
//   npm start -- --no-build      reuse prototxt-lens.vsix
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../test/e2e/lib/proc.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const E2E = path.join(ROOT, 'test', 'e2e');
const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const say = (msg) => console.log(`[start] ${msg}`);

async function sh(what, cmd, argv, opts = {}) {
  say(what);
  const r = await run(cmd, argv, { cwd: ROOT, prefix: '  ', ...opts });
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code})${opts.quiet ? `\n${r.output}` : ''}`);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer().once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function main() {
  // code-server and chromium live in test/e2e's own package; set them up on first use.
  if (!fs.existsSync(path.join(E2E, 'node_modules', '.bin', 'code-server'))) {
    await sh('setting up code-server (first run only)', 'bash', [path.join(E2E, 'setup.sh')]);
  }
  // Imported after set-up: these modules need test/e2e/node_modules.
  const { createProfile, installExtension, startCodeServer, freePort } = await import('../test/e2e/lib/code-server.mjs');
  const { VSIX, RUN_DIR } = await import('../test/e2e/lib/paths.mjs');

  if (!args.includes('--no-build') || !fs.existsSync(VSIX)) {
    await sh('building and packaging the extension (npm run package)', 'npm', ['run', '-s', 'package'], { quiet: true });
  }
  const profile = createProfile(path.join(RUN_DIR, checkOnly ? 'start-check' : 'start'));
  say(`installing ${path.relative(ROOT, VSIX)} into a fresh VS Code profile`);
  await installExtension(profile, VSIX);

  const wanted = Number(process.env.PORT ?? 8790);
  const port = !checkOnly && (await portIsFree(wanted)) ? wanted : await freePort();
  const server = await startCodeServer(profile, { port });
  const folder = path.join(ROOT, 'examples');
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  const stop = async (code) => { await server.stop(); process.exit(code); };
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));

  if (checkOnly) {
    let ok = false;
    try {
      ok = await smokeCheck(url);
    } finally {
      await server.stop();
    }
    console.log(`start: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
    process.exit(ok ? 0 : 1);
  }

  console.log('');
  console.log('  Prototxt Lens is running in VS Code for the Web, with the example nets open:');
  console.log(`    ${url}`);
  console.log('  Open examples/filler-mistakes.prototxt or syntax-error.prototxt to see diagnostics.');
  console.log(`  code-server log: ${path.join(profile.dir, 'code-server.log')}`);
  console.log('  Press Ctrl+C to stop.');
  await new Promise(() => {}); // serve until a signal arrives
}

/** Loads the served editor like a user would and checks the extension answers on a healthy net. */
async function smokeCheck(url) {
  const { launchChromium } = await import('../test/e2e/lib/browser.mjs');
  const { openFile, statusBarLanguage } = await import('../test/e2e/lib/workbench.mjs');
  const { eventually } = await import('../test/e2e/lib/checks.mjs');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'healthy.prototxt' }).waitFor({ timeout: 60000 });
    for (const name of ['filler-mistakes.prototxt', 'syntax-error.prototxt']) {
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).waitFor({ timeout: 5000 });
    }
    await openFile(page, 'syntax-error.prototxt', 'SlipNet');
    await eventually(async () => {
      const lang = await statusBarLanguage(page);
      if (!/prototxt/i.test(lang)) throw new Error(`language mode is "${lang}"`);
    }, { message: 'the extension did not take the file' });
    await page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first().waitFor({ timeout: 30000 });
    say(`served editor works: ${url}`);
    return true;
  } catch (err) {
    say(`check failed: ${err.message}`);
    return false;
  } finally {
    await browser.close();
  }
}

main().catch((err) => { console.error(`[start] ${err.message ?? err}`); process.exit(1); });
