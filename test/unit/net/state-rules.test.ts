import * as assert from 'node:assert/strict';
import { corpusText, findings, layerList, netOf, onlyFinding } from './net-helpers';

/** A net of named ReLU layers on one input, each with the given rule text. */
function ruled(...rules: string[]): string {
  const layers = rules.map((r, i) => `layer { name: "l${i}" type: "ReLU" bottom: "x" top: "y${i}" ${r} }`);
  return `input: "x" input_shape { dim: 1 }\n${layers.join('\n')}`;
}

function active(text: string, settings: Parameters<typeof netOf>[1] = {}): string[] {
  return netOf(text, settings).layers.filter((l) => l.format !== 'input').map((l) => l.name);
}

describe('net: NetStateRule filtering (net.cpp FilterNet / StateMeetsRule)', () => {
  it('lenet_train_test: TRAIN and TEST get their own data layers; Accuracy is TEST-only', () => {
    const text = corpusText('bvlc-caffe/examples/mnist/lenet_train_test.prototxt');
    const common = ['conv1:Convolution', 'pool1:Pooling', 'conv2:Convolution', 'pool2:Pooling', 'ip1:InnerProduct', 'relu1:ReLU', 'ip2:InnerProduct'];
    const train = netOf(text, { phase: 'TRAIN' });
    assert.deepEqual(layerList(train), ['mnist:Data', ...common, 'loss:SoftmaxWithLoss']);
    assert.equal(train.layers[0].view.message('data_param').string('source'), 'examples/mnist/mnist_train_lmdb');
    assert.deepEqual(train.excluded.map((l) => l.name), ['mnist', 'accuracy']);
    const test = netOf(text, { phase: 'TEST' });
    assert.deepEqual(layerList(test), ['mnist:Data', ...common, 'accuracy:Accuracy', 'loss:SoftmaxWithLoss']);
    assert.equal(test.layers[0].view.message('data_param').string('source'), 'examples/mnist/mnist_test_lmdb');
    assert.deepEqual(test.layers.map((l) => l.index), test.layers.map((_, i) => i));
    assert.ok(test.excluded.every((l) => l.index === -1));
  });

  it('the V1 lenet_train_test filters the same way', () => {
    const text = corpusText('bvlc-caffe-legacy-v1/examples/mnist/lenet_train_test.prototxt');
    assert.deepEqual(netOf(text, { phase: 'TRAIN' }).layers.map((l) => l.name), ['mnist', 'conv1', 'pool1', 'conv2', 'pool2', 'ip1', 'relu1', 'ip2', 'loss']);
    assert.deepEqual(netOf(text, { phase: 'TEST' }).layers.map((l) => l.name), ['mnist', 'conv1', 'pool1', 'conv2', 'pool2', 'ip1', 'relu1', 'ip2', 'accuracy', 'loss']);
  });

  it('stages pick mnist_autoencoder\'s TEST data layer, as its solver\'s test_state does', () => {
    const text = corpusText('bvlc-caffe/examples/mnist/mnist_autoencoder.prototxt');
    const source = (stages: string[]) => netOf(text, { phase: 'TEST', stages }).layers[0].view.message('data_param').string('source');
    assert.equal(source(['test-on-train']), 'examples/mnist/mnist_train_lmdb');
    assert.equal(source(['test-on-test']), 'examples/mnist/mnist_test_lmdb');
    // Without a stage no data layer is in the TEST net, and its readers say why.
    const d = findings(text, { phase: 'TEST' }).find((f) => f.code === 'unknown-bottom')!;
    assert.match(d.message, /^Unknown bottom blob 'data' \(layer 'flatdata', bottom index 0\)\. Only layers outside the analysed net produce it \('data'\)/);
    assert.match(d.message, /the TEST net \(level 0, no stages\)/);
  });

  it('a rule is met only when all its conditions hold', () => {
    const text = ruled(
      'include { phase: TRAIN }',
      'include { phase: TEST }',
      'include { min_level: 1 }',
      'include { max_level: 1 }',
      'include { stage: "a" stage: "b" }',
      'include { not_stage: "a" }',
      'include { phase: TRAIN stage: "a" }',
      'include { }',
    );
    assert.deepEqual(active(text), ['l0', 'l3', 'l5', 'l7']);
    assert.deepEqual(active(text, { phase: 'TEST', level: 2, stages: ['a'] }), ['l1', 'l2', 'l7']);
    assert.deepEqual(active(text, { stages: ['a', 'b'] }), ['l0', 'l3', 'l4', 'l6', 'l7']);
  });

  it('any matching include rule includes; any matching exclude rule excludes; no rules include', () => {
    const text = ruled('include { phase: TEST } include { stage: "s" }', 'exclude { phase: TEST } exclude { stage: "s" }', '');
    assert.deepEqual(active(text), ['l1', 'l2']);
    assert.deepEqual(active(text, { stages: ['s'] }), ['l0', 'l2']);
    assert.deepEqual(active(text, { phase: 'TEST' }), ['l0', 'l2']);
  });

  it('reports include and exclude together in Caffe\'s words, in any phase; the include rules decide', () => {
    const text = ruled('include { phase: TEST } exclude { phase: TRAIN }');
    for (const phase of ['TRAIN', 'TEST'] as const) {
      assert.deepEqual(onlyFinding(text, { phase }), {
        code: 'include-and-exclude',
        severity: 'error',
        message: 'Specify either include rules or exclude rules; not both.',
        at: 'exclude',
      });
    }
    assert.deepEqual(active(text, { phase: 'TEST' }), ['l0']);
    assert.deepEqual(active(text, { phase: 'TRAIN' }), []);
  });

  it('takes stages from the file\'s state and the settings together, level from the settings unless 0', () => {
    const text = `state { stage: "deploy" level: 3 }\n${ruled('include { stage: "deploy" }', 'include { stage: "extra" }', 'include { min_level: 3 }', 'include { min_level: 5 }')}`;
    const net = netOf(text, { stages: ['extra'] });
    assert.deepEqual(net.state, { phase: 'TRAIN', level: 3, stages: ['deploy', 'extra'] });
    assert.deepEqual(net.layers.slice(1).map((l) => l.name), ['l0', 'l1', 'l2']);
    assert.equal(netOf(text, { level: 5 }).state.level, 5);
    // The analysed phase wins over the file's, so the phase switch always works.
    assert.equal(netOf(`state { phase: TEST }\n${ruled('include { phase: TRAIN }')}`).layers.length, 2);
  });

  it('tells that a layer\'s own `phase` is not a filter, with a fix to an include rule', () => {
    const text = 'input: "x" input_shape { dim: 1 }\nlayer { name: "drop" type: "Dropout" bottom: "x" top: "x" phase: TEST }';
    const net = netOf(text);
    assert.deepEqual(net.layers.map((l) => l.name), ['input', 'drop'], 'the layer stays in the TRAIN net');
    const d = net.diagnostics[0];
    assert.equal(d.code, 'layer-phase-field');
    assert.equal(d.severity, 'information');
    assert.match(d.message, /^"phase: TEST" does not choose the nets this layer is in: Caffe keeps it in the TRAIN net too/);
    assert.equal(text.slice(d.span.start, d.span.end), 'phase: TEST');
    assert.deepEqual(d.fixes?.[0].edits, [{ span: d.span, newText: 'include { phase: TEST }' }]);
  });
});
