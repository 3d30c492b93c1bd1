/** caffe-lint inspect --scheme: the `signal` member, exactly as the issue specifies it, through the built CLI. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/paths';

const NET = `name: "n"
layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 2 dim: 3 dim: 8 dim: 8 } } }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1" convolution_param { num_output: 4 kernel_size: 3 weight_filler { type: "gaussian" std: 0.1 } } }
layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
layer { name: "py" type: "Python" bottom: "conv1" top: "py" python_param { module: "m" layer: "L" } }
layer { name: "ip" type: "InnerProduct" bottom: "py" top: "ip" inner_product_param { num_output: 10 } }
`;

const dir = mkdtempSync(join(tmpdir(), 'caffe-lint-signal-'));
const file = join(dir, 'net.prototxt');
writeFileSync(file, NET);
const run = (...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'dist/cli.js'), ...args], { encoding: 'utf8' });

type Entry = { layer: string; forward: Record<string, { mean: number | null; variance: number | null }>; backward: Record<string, { variance: number | null }> };

describe('caffe-lint inspect --scheme', () => {
  it('adds signal: one entry per layer in order, forward mean/variance per top, backward variance per bottom, null where unknown', () => {
    const r = run('inspect', '--scheme', 'msra', file);
    assert.equal(r.status, 0, r.stderr);
    const signal = JSON.parse(r.stdout).signal as Entry[];
    assert.deepEqual(signal.map((e) => e.layer), ['data', 'conv1', 'relu1', 'py', 'ip']);
    for (const e of signal) {
      assert.deepEqual(Object.keys(e), ['layer', 'forward', 'backward']);
      for (const v of Object.values(e.forward)) assert.deepEqual(Object.keys(v), ['mean', 'variance']);
      for (const v of Object.values(e.backward)) assert.deepEqual(Object.keys(v), ['variance']);
    }
    assert.deepEqual(signal[0], { layer: 'data', forward: { data: { mean: 0, variance: 1 } }, backward: {} });
    // msra: Var(w) = 2/27, fan_in 27, no padding: output variance 2.
    const conv = signal[1];
    assert.equal(conv.forward.conv1.mean, 0);
    assert.ok(Math.abs(conv.forward.conv1.variance! - 2) < 1e-12);
    // After the Python layer nothing is known, backward included.
    assert.deepEqual(signal[4].forward, { ip: { mean: null, variance: null } });
    assert.deepEqual(signal[1].backward, { data: { variance: null } });
  });

  it('as-written uses the file\'s fillers (gaussian 0.01² · 27 ... here std 0.1: 0.27)', () => {
    const signal = JSON.parse(run('inspect', '--scheme', 'as-written', file).stdout).signal as Entry[];
    assert.ok(Math.abs(signal[1].forward.conv1.variance! - 0.27) < 1e-12);
    const g = JSON.parse(run('inspect', '--scheme', 'gaussian:0.2', file).stdout).signal as Entry[];
    assert.ok(Math.abs(g[1].forward.conv1.variance! - 1.08) < 1e-12);
  });

  it('has no signal member without --scheme', () => {
    const r = run('inspect', file);
    assert.equal(r.status, 0, r.stderr);
    assert.equal('signal' in JSON.parse(r.stdout), false);
  });

  for (const bad of ['gaussian:-1', 'gaussian:0', 'gaussian:abc', 'gaussian:', 'he']) {
    it(`exits 2 on --scheme ${bad}`, () => {
      const r = run('inspect', '--scheme', bad, file);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /--scheme must be as-written, xavier, msra, glorot or gaussian:STD/);
    });
  }
});
