import * as assert from 'node:assert/strict';
import { SHAPE_RULES } from '../../../server/src/core/shapes/shape-table';
import { errorOf, runRule, topOf } from './shape-helpers';

/** Every layer type BVLC Caffe registers (the list). */
const BVLC_TYPES =
  'AbsVal Accuracy ArgMax BatchNorm BatchReindex Bias BNLL Clip Concat ContrastiveLoss Convolution Crop Data Deconvolution Dropout DummyData Eltwise ELU Embed EuclideanLoss Exp Filter Flatten HDF5Data HDF5Output HingeLoss Im2col ImageData InfogainLoss InnerProduct Input Log LRN LSTM LSTMUnit MemoryData MultinomialLogisticLoss MVN Parameter Pooling Power PReLU Python Reduction ReLU Reshape RNN Scale Sigmoid SigmoidCrossEntropyLoss Silence Slice Softmax SoftmaxWithLoss Split SPP Swish TanH Threshold Tile WindowData'.split(
    ' ',
  );

describe('shapes: the rule table', () => {
  it('has exactly one rule for every BVLC layer type', () => {
    assert.deepEqual(Object.keys(SHAPE_RULES).sort(), [...BVLC_TYPES].sort());
  });
});

describe('shapes: same-shape layers (neuron_layer.cpp, split_layer.cpp, softmax_layer.cpp, lrn_layer.cpp)', () => {
  for (const type of ['AbsVal', 'BNLL', 'Clip', 'Dropout', 'ELU', 'Exp', 'Log', 'MVN', 'Power', 'ReLU', 'Sigmoid', 'Swish', 'TanH', 'Threshold', 'Softmax']) {
    it(`${type} keeps the bottom's shape`, () => {
      assert.deepEqual(topOf(`type: "${type}"`, [[2, 3, 4, 5]]), [2, 3, 4, 5]);
    });
  }

  it('Split gives every top the bottom shape; Silence has none', () => {
    assert.deepEqual(runRule('type: "Split" top: "a" top: "b" top: "c"', [[2, 3]]).tops, [
      [2, 3],
      [2, 3],
      [2, 3],
    ]);
    assert.deepEqual(runRule('type: "Silence"', [[2, 3]]).tops, []);
  });

  it("LRN wants an odd local_size and 4 axes; Softmax an axis in range, in Caffe's words", () => {
    assert.equal(errorOf('type: "LRN" lrn_param { local_size: 4 }', [[2, 3, 4, 5]]), 'shape-check: LRN only supports odd values for local_size');
    assert.match(errorOf('type: "LRN"', [[2, 3]]), /^shape-check: Input must have 4 axes/);
    assert.equal(errorOf('type: "Softmax" softmax_param { axis: 2 }', [[10, 1000]]), 'shape-check: axis 2 out of range for 2-D Blob with shape 10 1000');
  });
});

describe('shapes: Eltwise (eltwise_layer.cpp)', () => {
  it('needs every bottom shaped alike and reports the first that is not', () => {
    assert.deepEqual(topOf('type: "Eltwise"', [[1, 256, 56, 56], [1, 256, 56, 56]]), [1, 256, 56, 56]);
    assert.equal(
      errorOf('type: "Eltwise"', [[1, 256, 56, 56], [1, 64, 56, 56]]),
      'shape-mismatch: Eltwise inputs must have the same shape — bottom[0]: 1 256 56 56 (802816), bottom[1]: 1 64 56 56 (200704)',
    );
  });

  it('fills in axes one bottom knows and another does not', () => {
    assert.deepEqual(topOf('type: "Eltwise"', [[1, null, 56, 56], [1, 256, null, 56]]), [1, 256, 56, 56]);
  });

  it('takes one coefficient per bottom, for SUM only', () => {
    assert.match(errorOf('type: "Eltwise" eltwise_param { coeff: 1 }', [[1, 2], [1, 2]]), /^shape-check: Eltwise Layer takes one coefficient per bottom blob/);
    assert.equal(errorOf('type: "Eltwise" eltwise_param { operation: PROD coeff: 1 coeff: 1 }', [[1, 2], [1, 2]]), 'shape-check: Eltwise layer only takes coefficients for summation.');
  });
});

describe('shapes: losses and Accuracy (loss_layer.cpp, softmax_loss_layer.cpp, accuracy_layer.cpp, …)', () => {
  it('a loss is a scalar; SoftmaxWithLoss may also give the probabilities', () => {
    assert.deepEqual(runRule('type: "SoftmaxWithLoss" top: "loss" top: "prob"', [[10, 1000], [10]]).tops, [[], [10, 1000]]);
    for (const type of ['EuclideanLoss', 'HingeLoss', 'SigmoidCrossEntropyLoss', 'MultinomialLogisticLoss', 'InfogainLoss']) {
      const label = type === 'EuclideanLoss' || type === 'SigmoidCrossEntropyLoss' ? [10, 1000] : [10];
      assert.deepEqual(runRule(`type: "${type}"`, [[10, 1000], label]).tops, [[]], type);
    }
    assert.deepEqual(runRule('type: "ContrastiveLoss"', [[10, 2], [10, 2], [10]]).tops, [[]]);
  });

  it('SoftmaxWithLoss wants one label per prediction outside the softmax axis', () => {
    // (10, 21, 4, 4) with softmax axis 1 needs 10·4·4 = 160 labels
    assert.deepEqual(runRule('type: "SoftmaxWithLoss"', [[10, 21, 4, 4], [10, 1, 4, 4]]).tops, [[]]);
    assert.match(errorOf('type: "SoftmaxWithLoss"', [[10, 21, 4, 4], [10]]), /^shape-mismatch: Number of labels must match number of predictions; .* predictions \(10, 21, 4, 4\) need 160 labels, the label blob \(10\) has 10\.$/);
  });

  it('data and label must agree on the first axis', () => {
    assert.match(errorOf('type: "EuclideanLoss"', [[10, 3], [8, 3]]), /^shape-mismatch: The data and label should have the same first dimension: \(10, 3\) vs \(8, 3\)\.$/);
    assert.match(errorOf('type: "EuclideanLoss"', [[10, 3], [10, 4]]), /^shape-mismatch: Inputs must have the same dimension/);
    assert.match(errorOf('type: "SigmoidCrossEntropyLoss"', [[10, 3], [10, 1]]), /SIGMOID_CROSS_ENTROPY_LOSS layer inputs must have the same count/);
    assert.match(errorOf('type: "ContrastiveLoss"', [[10, 2], [10, 3], [10]]), /Both features must have the same channels/);
  });

  it('Accuracy is a scalar, with per-class accuracies (C) as a second top; top_k cannot exceed the classes', () => {
    assert.deepEqual(runRule('type: "Accuracy" top: "acc" top: "per_class"', [[10, 1000], [10]]).tops, [[], [1000]]);
    assert.match(errorOf('type: "Accuracy" accuracy_param { top_k: 6 }', [[10, 5], [10]]), /^shape-check: top_k must be less than or equal to the number of classes/);
  });
});
