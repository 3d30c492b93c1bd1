// Runs the extension-host mocha suite (out/test/extension-host/index.js) inside code-server's
// extension host, the way @vscode/test-electron does with extensionTestsPath: the workbench reads
// extensionDevelopmentPath / extensionTestsPath from the URL's `payload` parameter, runs the suite,
// and calls window.codeAutomationExit(code) when run() settles. The extension host's console
// arrives as page console messages; we print them and keep them in the results folder.
// Usage: node exthost.mjs <code-server url> <workspace folder>
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './lib/browser.mjs';
import { RESULTS_DIR, ROOT } from './lib/paths.mjs';

const [baseUrl, workspace] = process.argv.slice(2);
const TIMEOUT_MS = Number(process.env.EXTHOST_TIMEOUT_MS ?? 180000);
const entry = path.join(ROOT, 'out', 'test', 'extension-host', 'index.js');

async function main() {
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: compile first (npx tsc -p .)`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const logPath = path.join(RESULTS_DIR, 'exthost.log');
  const logLines = [];
  const authority = new URL(baseUrl).host;
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(entry)],
  ]);

  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  let finish;
  const exited = new Promise((r) => { finish = r; });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  await page.exposeFunction('codeAutomationLog', () => {});
  // Extension-host log lines come as ('%c INFO', css, format, ...args) / '%c ERR'.
  page.on('console', async (msg) => {
    const vals = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '?')));
    if (typeof vals[0] !== 'string' || !/^%c (INFO|ERR|WARN)/.test(vals[0]) || vals.length < 3) return;
    const line = format(...vals.slice(2));
    if (/^(Resolving|Resolved|Creating a socket|\[.*\] )/.test(line)) return;
    logLines.push(line);
    for (const l of line.split('\n')) console.log(`[exthost] ${l}`);
  });
  const t0 = Date.now();
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
  await page.screenshot({ path: path.join(RESULTS_DIR, code === 0 ? 'exthost.png' : 'fail-exthost.png') }).catch(() => {});
  await browser.close();
  fs.writeFileSync(logPath, logLines.join('\n') + '\n');
  console.log(`[exthost] finished with ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const counts = logLines.map((l) => /^exthost: \d+ passed, \d+ failed$/m.exec(l)?.[0]).find(Boolean);
  // No count line means the suite never reported (a load error or a time-out): one failure.
  console.log(counts ?? 'exthost: 0 passed, 1 failed');
  process.exit(code === 0 ? 0 : 1);
}

main().catch((err) => { console.error(err); process.exit(2); });
