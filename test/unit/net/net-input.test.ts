import * as assert from 'node:assert/strict';
import { findings, netOf } from './net-helpers';

/** The Input layer's shapes as the shape engine reads them. */
function inputShapes(text: string): number[][] {
  const input = netOf(text).layers[0];
  assert.equal(input.type, 'Input');
  return input.view.message('input_param').messages('shape').map((s) => s.numbers('dim'));
}

describe('net: net-level inputs become an Input layer (upgrade_proto.cpp UpgradeNetInput)', () => {
  it('turns input + four input_dim per input into one layer named "input", first in the net', () => {
    const text = 'name: "n"\ninput: "data"\ninput_dim: 10\ninput_dim: 3\ninput_dim: 227\ninput_dim: 227\ninput: "im_info"\ninput_dim: [1, 3, 1, 1]\n' +
      'layer { name: "r" type: "ReLU" bottom: "data" top: "r" }';
    const net = netOf(text);
    const input = net.layers[0];
    assert.deepEqual([input.index, input.name, input.format, input.span], [0, 'input', 'input', undefined]);
    assert.deepEqual(input.tops.map((t) => [t.name, text.slice(t.span!.start, t.span!.end)]), [['data', '"data"'], ['im_info', '"im_info"']]);
    assert.deepEqual(inputShapes(text), [[10, 3, 227, 227], [1, 3, 1, 1]]);
    assert.equal(net.layers[1].name, 'r');
    assert.deepEqual(net.diagnostics, []);
  });

  it('takes input_shape messages as they are', () => {
    assert.deepEqual(inputShapes('input: "a" input_shape { dim: 2 dim: 5 } input: "b" input_shape { dim: 7 }'), [[2, 5], [7]]);
  });

  it('prefers input_shape when both forms are given, and warns', () => {
    const text = 'input: "a" input_shape { dim: 2 } input_dim: 1 input_dim: 1 input_dim: 1 input_dim: 1';
    assert.deepEqual(inputShapes(text), [[2]]);
    assert.deepEqual(findings(text).map((f) => [f.code, f.severity, f.at]), [['input-shape-count', 'warning', 'input_dim']]);
  });

  it('reports shape counts that do not match the inputs in Caffe\'s words', () => {
    const dims = findings('input: "a" input: "b" input_dim: 1 input_dim: 2 input_dim: 3 input_dim: 4');
    assert.equal(dims.length, 1);
    assert.match(dims[0].message, /^Incorrect input blob dimension specifications\. input_dim takes 4 values per input: found 4 for 2 input\(s\)\.$/);
    const shapes = findings('input: "a" input: "b" input_shape { dim: 1 }');
    assert.match(shapes[0].message, /^Exactly one input_shape must be specified per input\./);
    assert.equal(shapes[0].at, 'input_shape');
  });

  it('reports an input with no shape once, at the input, instead of at every reader', () => {
    const text = 'input: "data"\nlayer { name: "a" type: "ReLU" bottom: "data" top: "a" }\nlayer { name: "b" type: "ReLU" bottom: "data" top: "b" }';
    const f = findings(text);
    assert.deepEqual(f.map((x) => [x.code, x.at]), [['input-without-shape', '"data"']]);
    assert.match(f[0].message, /Caffe drops such inputs \(UpgradeNetInput\)/);
    assert.deepEqual(inputShapes(text), []);
  });

  it('makes no layer for shapes without inputs, and warns that Caffe ignores them', () => {
    const net = netOf('input_dim: 1 input_dim: 1 input_dim: 1 input_dim: 1');
    assert.deepEqual(net.layers, []);
    assert.equal(net.format, 'none');
    assert.deepEqual(net.diagnostics.map((d) => [d.code, d.severity]), [['input-shape-count', 'warning']]);
  });
});
