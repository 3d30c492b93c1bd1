/** caffe-lint as a user runs it: the built dist/cli.js, real files, exit codes and output formats. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/paths';

const dir = mkdtempSync(join(tmpdir(), 'caffe-lint-test-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'dist/cli.js'), ...args], { encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GOOD = 'name: "n"\ninput: "data"\ninput_shape { dim: 1 dim: 1 dim: 4 dim: 4 }\n';
const BAD = 'name: "n"\nlayer {\n  name: "a"\n  bottom_blob: "x"\n}\n';

describe('caffe-lint', () => {
  const good = file('good.prototxt', GOOD);
  const bad = file('bad.prototxt', BAD);

  it('exits 0 and prints nothing for a clean file', () => {
    const r = run(good);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
  });

  it('prints file:line:col: severity code: message and exits 1 on errors', () => {
    const r = run('bad.prototxt');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^bad\.prototxt:4:3: error unknown-field: Message type "caffe\.LayerParameter" has no field named "bottom_blob"\./m);
  });

  it('prints a JSON array of diagnostics with LSP ranges', () => {
    const r = run('--format', 'json', bad, good);
    assert.equal(r.status, 1);
    const list = JSON.parse(r.stdout) as { file: string; severity: string; code: string; range: { start: { line: number; character: number } } }[];
    const d = list.find((x) => x.code === 'unknown-field')!;
    assert.equal(d.file, bad);
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range.start, { line: 3, character: 2 });
  });

  it('prints SARIF 2.1.0 with 1-based regions', () => {
    const r = run('--format', 'sarif', 'bad.prototxt');
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'caffe-lint');
    const result = run0.results.find((x: { ruleId: string }) => x.ruleId === 'unknown-field');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 4, startColumn: 3, endLine: 4, endColumn: 14 });
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'bad.prototxt');
    const rule = run0.tool.driver.rules.find((x: { id: string }) => x.id === 'unknown-field');
    assert.equal(rule.defaultConfiguration.level, 'error');
    assert.match(rule.shortDescription.text, /caffe\.proto does not define/);
    assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'unknown-field');
  });

  it('exits 2 on usage and I/O errors', () => {
    assert.equal(run().status, 2);
    assert.equal(run('--format', 'xml', good).status, 2);
    assert.equal(run('--bogus', good).status, 2);
    const missing = run('no-such-file.prototxt');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read no-such-file\.prototxt: ENOENT/);
  });

  it('inspect prints the parsed message in protobuf\'s JSON mapping and the diagnostics', () => {
    const r = run('inspect', good);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.parsed, { name: 'n', input: ['data'], input_shape: [{ dim: ['1', '1', '4', '4'] }] });
    assert.deepEqual(report.diagnostics, []);
    const withErrors = JSON.parse(run('inspect', bad).stdout) as { diagnostics: { severity: string; code: string }[] };
    const unknown = withErrors.diagnostics.find((d) => d.code === 'unknown-field');
    assert.equal(unknown?.severity, 'error');
  });
});
