import * as assert from 'node:assert/strict';
import { applyEdits, at, lintOf, withCode } from './lint-of';

const DATA = `layer {
  name: "data"
  type: "Data"
  top: "data"
  top: "label"
  data_param { source: "train_lmdb" batch_size: 4 backend: LMDB }
}
`;
const LOSS = `layer { name: "loss" type: "SoftmaxWithLoss" bottom: "out" bottom: "label" top: "loss" }
`;
const INPUT = 'input: "data" input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n';

function only(text: string, options = {}) {
  const ds = withCode(lintOf(text, options), 'missing-weight-filler');
  assert.equal(ds.length, 1, JSON.stringify(ds.map((d) => d.message)));
  return ds[0];
}

describe('lint: missing-weight-filler', () => {
  const conv = `layer {
  name: "conv1"
  type: "Convolution"
  bottom: "data"
  top: "out"
  convolution_param {
    num_output: 20
    kernel_size: 5
  }
}
layer {
  name: "relu1"
  type: "ReLU"
  bottom: "out"
  top: "out"
}
`;

  it('warns in a training net (a Data layer and a loss), pointing at the parameter message', () => {
    // The Data layer's shape comes from its database: stated here as the inputShapes setting would.
    const text = DATA + conv + LOSS;
    const d = only(text, { shapes: { conv1: [[20, 3, 5, 5], [20]] }, inputShapes: { data: [4, 3, 8, 8] } });
    assert.equal(d.severity, 'warning');
    assert.equal(at(text, d), 'convolution_param');
    assert.equal(
      d.message,
      'Layer "conv1" (Convolution) has no weight_filler: Caffe fills its 20×3×5×5 weights with constant 0 (FillerParameter\'s default), ' +
        'so every unit computes the same output, gets the same gradient, and the units never become different.',
    );
  });

  it('inserts msra when a ReLU follows, indented like the other fields', () => {
    const text = DATA + conv + LOSS;
    const fix = only(text, { shapes: { conv1: [[20, 3, 5, 5], [20]] }, inputShapes: { data: [4, 3, 8, 8] } }).fixes![0];
    // fan_in = 3·5·5 = 75 → 2/75
    assert.equal(fix.title, `Add weight_filler msra (Var 2/fan_in = 0.02667): ReLU follows`);
    assert.equal(fix.preferred, true);
    const fixed = applyEdits(text, fix.edits);
    assert.ok(fixed.includes('    num_output: 20\n    kernel_size: 5\n    weight_filler { type: "msra" }\n  }\n'), fixed);
    assert.deepEqual(withCode(lintOf(fixed), 'missing-weight-filler'), [], 'the fix removes the finding');
  });

  it('is a hint in a deploy net, whose weights come from a .caffemodel', () => {
    const text = INPUT + conv.replace('bottom: "data"', 'bottom: "data"');
    const d = only(text);
    assert.equal(d.severity, 'hint');
    assert.match(d.message, /trained from scratch, its 20×3×5×5 weights would start at constant 0/);
    assert.match(d.message, /deploy net the weights come from a \.caffemodel/);
  });

  it('inserts xavier on the same line when the parameter message is written on one line and no ReLU follows', () => {
    const text = INPUT + 'layer { name: "ip" type: "InnerProduct" bottom: "data" top: "ip" inner_product_param { num_output: 10 } }\n';
    const fix = only(text).fixes![0];
    // K = 3·8·8 = 192
    assert.equal(fix.title, 'Add weight_filler xavier (Var 1/fan_in = 0.005208): no nonlinearity follows');
    assert.equal(
      applyEdits(text, fix.edits),
      INPUT + 'layer { name: "ip" type: "InnerProduct" bottom: "data" top: "ip" inner_product_param { num_output: 10 weight_filler { type: "xavier" } } }\n',
    );
  });

  it('puts weight_filler ahead of an existing bias_filler', () => {
    const text = INPUT + `layer {
  name: "ip"
  type: "InnerProduct"
  bottom: "data"
  top: "ip"
  inner_product_param {
    num_output: 10
    bias_filler { type: "constant" value: 0.1 }
  }
}
`;
    const fixed = applyEdits(text, only(text).fixes![0].edits);
    assert.ok(fixed.includes('    num_output: 10\n    weight_filler { type: "xavier" }\n    bias_filler { type: "constant" value: 0.1 }\n'), fixed);
  });

  it('creates the parameter message when the layer has none', () => {
    const text = INPUT + `layer {
  name: "ip"
  type: "InnerProduct"
  bottom: "data"
  top: "ip"
}
`;
    const d = only(text);
    assert.equal(at(text, d), '"ip"', 'no parameter message: the layer name');
    const fixed = applyEdits(text, d.fixes![0].edits);
    assert.ok(fixed.endsWith('  top: "ip"\n  inner_product_param {\n    weight_filler { type: "xavier" }\n  }\n}\n'), fixed);
  });

  it('looks through BatchNorm and Scale to the ReLU', () => {
    const text = INPUT + `layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 4 kernel_size: 3 } }
layer { name: "bn" type: "BatchNorm" bottom: "c" top: "c" }
layer { name: "sc" type: "Scale" bottom: "c" top: "c" scale_param { bias_term: true } }
layer { name: "r" type: "ReLU" bottom: "c" top: "c" }
`;
    assert.match(only(text).fixes![0].title, /^Add weight_filler msra/);
  });

  it('works on V1 layers', () => {
    const text = `input: "data" input_dim: 1 input_dim: 3 input_dim: 8 input_dim: 8
layers {
  name: "conv1"
  type: CONVOLUTION
  bottom: "data"
  top: "conv1"
  convolution_param {
    num_output: 4
    kernel_size: 3
  }
}
`;
    const d = only(text);
    const fixed = applyEdits(text, d.fixes![0].edits);
    assert.ok(fixed.includes('    kernel_size: 3\n    weight_filler { type: "xavier" }\n  }'), fixed);
  });

  it('says nothing when the weight_filler is written, and nothing for layers without weights', () => {
    const text = INPUT + 'layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 4 kernel_size: 3 weight_filler { type: "xavier" } } }\n' +
      'layer { name: "p" type: "Pooling" bottom: "c" top: "p" pooling_param { kernel_size: 2 } }\n';
    assert.deepEqual(withCode(lintOf(text), 'missing-weight-filler'), []);
  });

  it('says "its weights" when the shape is unknown (a Data layer\'s channels)', () => {
    assert.match(only(DATA + conv + LOSS).message, /fills its weights with constant 0/);
  });

  it('offers to disable the code for the layer', () => {
    const text = DATA + conv + LOSS;
    const fix = only(text).fixes![1];
    assert.equal(fix.title, 'Disable missing-weight-filler for layer "conv1"');
    assert.ok(applyEdits(text, fix.edits).includes('}\n# prototxt-lens: disable=missing-weight-filler\nlayer {\n  name: "conv1"'));
  });
});
