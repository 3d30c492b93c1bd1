// Entry point of the extension-host test suite, with the contract that @vscode/test-electron's
// `extensionTestsPath` expects: a module exporting `run(): Promise<void>` that rejects when a test
// fails. The same file runs in code-server's extension host (test/e2e/exthost.mjs) and, on a
// machine with VS Code desktop, under @vscode/test-electron (scripts/test-electron.mjs).
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30000 });
  const grep = process.env.PROTOTXT_LENS_EXTHOST_GREP;
  if (grep) mocha.grep(grep);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passes = runner.stats?.passes ?? 0;
      // One plain line that scripts/test-all.mjs (and CI) read for the counts.
      console.log(`exthost: ${passes} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else if (passes === 0) reject(new Error('no extension-host test ran'));
      else resolve();
    });
  });
}
