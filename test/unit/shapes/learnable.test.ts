import * as assert from 'node:assert/strict';
import { errorOf, paramsOf, runRule, topOf } from './shape-helpers';

describe('shapes: InnerProduct (inner_product_layer.cpp)', () => {
  it('flattens from `axis` into K: AlexNet fc6 sees 256·6·6 = 9216 inputs', () => {
    const run = runRule('type: "InnerProduct" inner_product_param { num_output: 4096 }', [[10, 256, 6, 6]]);
    assert.deepEqual(run.tops, [[10, 4096]]);
    assert.deepEqual(paramsOf(run), ['weight 4096x9216', 'bias 4096']);
  });

  it('keeps the axes before `axis`, transposes the weight on request, and drops the bias', () => {
    // axis 2: K = 4·5 = 20
    const run = runRule('type: "InnerProduct" inner_product_param { num_output: 10 axis: 2 transpose: true bias_term: false }', [[2, 3, 4, 5]]);
    assert.deepEqual(run.tops, [[2, 3, 10]]);
    assert.deepEqual(paramsOf(run), ['weight 20x10']);
  });

  it('shapes the weight (num_output, ?) when the input is unknown', () => {
    const run = runRule('type: "InnerProduct" inner_product_param { num_output: 10 }', [undefined]);
    assert.deepEqual(run.tops, [undefined]);
    assert.deepEqual(paramsOf(run), ['weight 10x?', 'bias 10']);
  });
});

describe('shapes: Embed (embed_layer.cpp)', () => {
  it('appends num_output and shapes weight (input_dim, num_output)', () => {
    const run = runRule('type: "Embed" embed_param { input_dim: 100 num_output: 16 }', [[5, 7]]);
    assert.deepEqual(run.tops, [[5, 7, 16]]);
    assert.deepEqual(paramsOf(run), ['weight 100x16', 'bias 16']);
    assert.equal(errorOf('type: "Embed" embed_param { num_output: 16 }', [[5, 7]]), 'shape-check: EmbedLayer input_dim must be positive.');
  });
});

describe('shapes: Scale and Bias (scale_layer.cpp, bias_layer.cpp)', () => {
  const b: [number, number, number, number] = [2, 3, 4, 5];

  it('learn bottom.shape[axis : axis + num_axes]', () => {
    assert.deepEqual(paramsOf(runRule('type: "Scale"', [b])), ['scale 3']);
    assert.deepEqual(paramsOf(runRule('type: "Scale" scale_param { num_axes: -1 }', [b])), ['scale 3x4x5']);
    assert.deepEqual(paramsOf(runRule('type: "Scale" scale_param { num_axes: 0 }', [b])), ['scale ']);
    assert.deepEqual(paramsOf(runRule('type: "Scale" scale_param { axis: 2 num_axes: 2 bias_term: true }', [b])), ['scale 4x5', 'bias 4x5']);
    assert.deepEqual(paramsOf(runRule('type: "Bias" bias_param { axis: -1 }', [b])), ['bias 5']);
    assert.deepEqual(topOf('type: "Scale"', [b]), b);
  });

  it('fill Scale with constant 1 and PReLU with 0.25 when no filler is given', () => {
    const scale = runRule('type: "Scale" scale_param { bias_term: true }', [b]).params;
    assert.deepEqual(scale.map((p) => [p.fillerMessage, p.fillerField, p.defaultFiller?.value]), [
      ['scale_param', 'filler', 1],
      ['scale_param', 'bias_filler', undefined],
    ]);
    const bias = runRule('type: "Bias"', [b]).params;
    assert.deepEqual(bias.map((p) => [p.fillerMessage, p.fillerField, p.defaultFiller]), [['bias_param', 'filler', undefined]]);
  });

  it('take the factor from a second bottom, learning only the bias', () => {
    const run = runRule('type: "Scale" bottom: "x" bottom: "s" scale_param { bias_term: true }', [b, [3, 4]]);
    assert.deepEqual(run.tops, [b]);
    assert.deepEqual(paramsOf(run), ['bias 3x4']);
    assert.deepEqual(runRule('type: "Bias" bottom: "x" bottom: "s"', [b, [3]]).params, []);
  });

  it("report a second bottom that does not line up, in Caffe's words", () => {
    assert.equal(
      errorOf('type: "Scale" bottom: "x" bottom: "s"', [b, [4]]),
      'shape-mismatch: dimension mismatch between bottom[0]->shape(1) and scale->shape(0): 3 vs 4',
    );
    assert.match(errorOf('type: "Scale" scale_param { axis: 2 num_axes: 3 }', [b]), /scale blob's shape extends past bottom\[0\]'s shape when applied starting with bottom\[0\] axis = 2/);
  });
});

describe('shapes: PReLU, BatchNorm, Parameter', () => {
  it('PReLU learns one slope per channel, or one in all (prelu_layer.cpp)', () => {
    const run = runRule('type: "PReLU"', [[2, 3, 4, 5]]);
    assert.deepEqual(paramsOf(run), ['slope 3']);
    assert.equal(run.params[0].defaultFiller?.value, 0.25);
    assert.deepEqual(runRule('type: "PReLU" prelu_param { channel_shared: true }', [[2, 3, 4, 5]]).params[0].shape, []);
    assert.equal(errorOf('type: "PReLU"', [[5]]), 'shape-check: Number of axes of bottom blob must be >=2.');
  });

  it('BatchNorm keeps mean (C), variance (C) and the moving-average factor (1), none learnable (batch_norm_layer.cpp)', () => {
    const run = runRule('type: "BatchNorm"', [[2, 64, 8, 8]]);
    assert.deepEqual(run.tops, [[2, 64, 8, 8]]);
    assert.deepEqual(paramsOf(run), ['mean 64', 'variance 64', 'moving-average-factor 1']);
    assert.deepEqual(run.params.map((p) => p.learnable), [false, false, false]);
    // A 1-axis input counts as one channel.
    assert.deepEqual(paramsOf(runRule('type: "BatchNorm"', [[5]])), ['mean 1', 'variance 1', 'moving-average-factor 1']);
  });

  it('Parameter exposes its one blob as its top (parameter_layer.hpp)', () => {
    const run = runRule('type: "Parameter" parameter_param { shape { dim: 10 dim: 3 } }', []);
    assert.deepEqual(run.tops, [[10, 3]]);
    assert.deepEqual(paramsOf(run), ['parameter 10x3']);
  });
});
