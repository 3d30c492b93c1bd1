// `npm run test:electron`: the extension-host suite (test/extension-host/) in VS Code desktop
// through @vscode/test-electron — the same suite that test/e2e/exthost.mjs runs in code-server.
// Needs a machine that has VS Code or can download it (these CI machines cannot; there the suite
// runs through `npm test`). Point it at an installed VS Code with VSCODE_EXECUTABLE_PATH, or pick
// the version to download with VSCODE_VERSION (default: stable).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { run } from '../test/e2e/lib/proc.mjs';
import { createWorkspace } from '../test/e2e/lib/workspace.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  for (const [what, cmd, argv] of [['build', 'npm', ['run', '-s', 'build']], ['tsc', 'npx', ['tsc', '-p', '.']]]) {
    const r = await run(cmd, argv, { cwd: ROOT, prefix: `  ${what}: ` });
    if (r.code !== 0) throw new Error(`${what} failed`);
  }
  const workspace = createWorkspace(path.join(ROOT, 'test', 'e2e', '.run', 'ws-electron'));
  await runTests({
    ...(process.env.VSCODE_EXECUTABLE_PATH
      ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH }
      : { version: process.env.VSCODE_VERSION ?? 'stable' }),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out', 'test', 'extension-host', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
}

main().catch((err) => { console.error(`test:electron failed: ${err.message ?? err}`); process.exit(1); });
