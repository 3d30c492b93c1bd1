import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis';
import { inspectReport } from '../../../server/src/core/features/inspect-report';
import { repoRoot } from '../../helpers/paths';

const NET = `name: "n"
layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 2 dim: 3 dim: 8 dim: 8 } } }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1" convolution_param { num_output: 4 kernel_size: 3 weight_filler { type: "xavier" } } }
layer { name: "bn1" type: "BatchNorm" bottom: "conv1" top: "conv1" }
layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
layer { name: "drop" type: "Dropout" bottom: "conv1" top: "conv1" include { phase: TRAIN } }
layer { name: "ip" type: "InnerProduct" bottom: "conv1" top: "ip" inner_product_param { num_output: 10 } }
`;

const DEFAULT_FILLER = { type: 'constant', value: 0, min: 0, max: 1, mean: 0, std: 1, sparse: -1, variance_norm: 'FAN_IN' };
/** BatchNorm's 1-D statistics (fan_in = count/shape(0) = 1, fan_out = count): no filler; Caffe zero-fills them (batch_norm_layer.cpp). */
const stats = (shape: [number]) => ({ shape, fan_in: 1, fan_out: shape[0], filler: null, mean: 0, variance: 0 });

// conv1: weight (4, 3, 3, 3): fan_in 3·3·3 = 27, fan_out 4·3·3 = 36; xavier variance 1/27.
// ip: K = 4·6·6 = 144: weight (10, 144): fan_in 144, fan_out 10.
const EXPECTED_TEST_LAYERS = [
  { name: 'data', type: 'Input', bottom: [], top: ['data'], top_shapes: [[2, 3, 8, 8]], params: [] },
  {
    name: 'conv1',
    type: 'Convolution',
    bottom: ['data'],
    top: ['conv1'],
    top_shapes: [[2, 4, 6, 6]],
    params: [
      { shape: [4, 3, 3, 3], fan_in: 27, fan_out: 36, filler: { ...DEFAULT_FILLER, type: 'xavier' }, mean: 0, variance: 1 / 27 },
      { shape: [4], fan_in: 1, fan_out: 4, filler: DEFAULT_FILLER, mean: 0, variance: 0 },
    ],
  },
  { name: 'bn1', type: 'BatchNorm', bottom: ['conv1'], top: ['conv1'], top_shapes: [[2, 4, 6, 6]], params: [stats([4]), stats([4]), stats([1])] },
  { name: 'relu1', type: 'ReLU', bottom: ['conv1'], top: ['conv1'], top_shapes: [[2, 4, 6, 6]], params: [] },
  {
    name: 'ip',
    type: 'InnerProduct',
    bottom: ['conv1'],
    top: ['ip'],
    top_shapes: [[2, 10]],
    params: [
      { shape: [10, 144], fan_in: 144, fan_out: 10, filler: DEFAULT_FILLER, mean: 0, variance: 0 },
      { shape: [10], fan_in: 1, fan_out: 10, filler: DEFAULT_FILLER, mean: 0, variance: 0 },
    ],
  },
];

describe('inspect report: blobs and layers', () => {
  it('lists the layers of the chosen phase in file order with shapes, fans, fillers (defaults applied) and statistics', () => {
    const r = inspectReport(analyze(NET, { phase: 'TEST' }));
    assert.deepEqual(r.layers, EXPECTED_TEST_LAYERS);
    assert.deepEqual(r.blobs, { data: [2, 3, 8, 8], conv1: [2, 4, 6, 6], ip: [2, 10] });
  });

  it('the TRAIN phase has the Dropout', () => {
    const r = inspectReport(analyze(NET, { phase: 'TRAIN' }));
    assert.deepEqual((r.layers as { name: string }[]).map((l) => l.name), ['data', 'conv1', 'bn1', 'relu1', 'drop', 'ip']);
  });

  it('unknown shapes are null; layer substitutes are the filler Caffe uses (PReLU 0.25)', () => {
    const text = 'layer { name: "py" type: "Python" top: "x" python_param { module: "m" layer: "L" } }\n' +
      'layer { name: "p" type: "PReLU" bottom: "x" top: "x" }\n';
    const r = inspectReport(analyze(text));
    assert.deepEqual(r.blobs, { x: null });
    const [py, prelu] = r.layers as { top_shapes: unknown[]; params: unknown[] }[];
    assert.deepEqual(py.top_shapes, [null]);
    assert.deepEqual(prelu.params, [{ shape: null, fan_in: null, fan_out: null, filler: { ...DEFAULT_FILLER, value: 0.25 }, mean: 0.25, variance: 0 }]);
  });

  it('caffe-lint inspect --phase TEST prints them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspect-report-'));
    const file = join(dir, 'net.prototxt');
    writeFileSync(file, NET);
    const run = spawnSync(process.execPath, [join(repoRoot, 'out/server/src/cli.js'), 'inspect', '--phase', 'TEST', file], { encoding: 'utf8' });
    assert.equal(run.stderr, '');
    const report = JSON.parse(run.stdout);
    assert.deepEqual(report.layers, EXPECTED_TEST_LAYERS);
    assert.deepEqual(Object.keys(report.blobs), ['data', 'conv1', 'ip']);
  });
});
