// Where things are: the project root (two levels up from test/e2e), the harness folder, the
// results folder that CI keeps (screenshots, code-server log, summary JSON) and scratch space.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(E2E_DIR, '..', '..');
export const RESULTS_DIR = path.join(ROOT, 'test-results', 'e2e');
export const RUN_DIR = path.join(E2E_DIR, '.run');
export const CODE_SERVER_BIN = path.join(E2E_DIR, 'node_modules', '.bin', 'code-server');
export const VSIX = path.join(ROOT, 'prototxt-lens.vsix');
export const EXTENSION_ID = 'prototxt-lens.prototxt-lens';
