// The workspace the real-editor tests open: a scratch copy of the shipped examples/ plus the
// test fixtures in test/e2e/workspace/, so tests can edit files without touching the repo.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, E2E_DIR } from './paths.mjs';

export const EXAMPLES_DIR = path.join(ROOT, 'examples');
export const FIXTURES_DIR = path.join(E2E_DIR, 'workspace');

export function createWorkspace(dest) {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  for (const src of [EXAMPLES_DIR, FIXTURES_DIR]) {
    for (const name of fs.readdirSync(src)) {
      if (fs.existsSync(path.join(dest, name))) throw new Error(`${name} is both an example and a fixture`);
      fs.cpSync(path.join(src, name), path.join(dest, name), { recursive: true });
    }
  }
  return dest;
}
