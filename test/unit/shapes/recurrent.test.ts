import * as assert from 'node:assert/strict';
import { errorOf, paramsOf, runRule } from './shape-helpers';

// T = 5 timesteps, N = 2 streams, H = num_output = 16; the InnerProducts of the unrolled net use
// axis 2, so x (5, 2, 8) gives K = 8.
const x = [5, 2, 8];
const cont = [5, 2];

describe('shapes: LSTM (lstm_layer.cpp, recurrent_layer.cpp)', () => {
  it('outputs (T, N, H) and owns W_xc (4H, K), b_c (4H), W_hc (4H, H) in unrolling order', () => {
    const run = runRule('type: "LSTM" bottom: "x" bottom: "cont" recurrent_param { num_output: 16 }', [x, cont]);
    assert.deepEqual(run.tops, [[5, 2, 16]]);
    assert.deepEqual(paramsOf(run), ['weight 64x8', 'bias 64', 'weight 64x16']);
    assert.deepEqual(
      run.params.map((p) => [p.caffeName, p.fillerMessage, p.fillerField]),
      [
        ['W_xc', 'recurrent_param', 'weight_filler'],
        ['b_c', 'recurrent_param', 'bias_filler'],
        ['W_hc', 'recurrent_param', 'weight_filler'],
      ],
    );
  });

  it('flattens every axis after the second into K: (5, 2, 3, 4) gives K = 12', () => {
    assert.deepEqual(paramsOf(runRule('type: "LSTM" bottom: "x" bottom: "cont" recurrent_param { num_output: 16 }', [[5, 2, 3, 4], cont]))[0], 'weight 64x12');
  });

  it('adds W_xc_static (4H, Ks) before W_hc for a static input (N, Ks)', () => {
    const run = runRule('type: "LSTM" bottom: "x" bottom: "cont" bottom: "s" recurrent_param { num_output: 16 }', [x, cont, [2, 10]]);
    assert.deepEqual(paramsOf(run), ['weight 64x8', 'bias 64', 'weight 64x10', 'weight 64x16']);
    assert.equal(run.params[2].caffeName, 'W_xc_static');
  });

  it('with expose_hidden takes h_0, c_0 and gives h_T, c_T, each (1, N, H)', () => {
    const run = runRule('type: "LSTM" bottom: "x" bottom: "cont" bottom: "h0" bottom: "c0" top: "h" top: "hT" top: "cT" recurrent_param { num_output: 16 expose_hidden: true }', [
      x,
      cont,
      [1, 2, 16],
      [1, 2, 16],
    ]);
    assert.deepEqual(run.tops, [
      [5, 2, 16],
      [1, 2, 16],
      [1, 2, 16],
    ]);
    // Four bottoms with expose_hidden are x, cont, h_0, c_0: no static input.
    assert.equal(run.params.length, 3);
  });

  it("rejects sequence indicators that do not match x, in Caffe's words", () => {
    assert.match(errorOf('type: "LSTM" bottom: "x" bottom: "cont" recurrent_param { num_output: 16 }', [x, [4, 2]]), /bottom\[1\] has 4 timesteps, bottom\[0\] has 5/);
    assert.equal(errorOf('type: "LSTM" bottom: "x" bottom: "cont" recurrent_param { num_output: 16 }', [x, [5, 2, 1]]), 'shape-check: bottom[1] must have exactly 2 axes -- (#timesteps, #streams)');
    assert.equal(errorOf('type: "LSTM" bottom: "x" bottom: "cont" recurrent_param { num_output: 0 }', [x, cont]), 'shape-check: num_output must be positive');
  });
});

describe('shapes: RNN (rnn_layer.cpp)', () => {
  it('owns W_xh (H, K), b_h (H), W_hh (H, H), W_ho (H, H), b_o (H) and outputs (T, N, H)', () => {
    const run = runRule('type: "RNN" bottom: "x" bottom: "cont" recurrent_param { num_output: 16 }', [x, cont]);
    assert.deepEqual(run.tops, [[5, 2, 16]]);
    assert.deepEqual(paramsOf(run), ['weight 16x8', 'bias 16', 'weight 16x16', 'weight 16x16', 'bias 16']);
    assert.deepEqual(
      run.params.map((p) => p.caffeName),
      ['W_xh', 'b_h', 'W_hh', 'W_ho', 'b_o'],
    );
  });
});

describe('shapes: LSTMUnit (lstm_unit_layer.cpp)', () => {
  it('gives c and h shaped like c_prev, with gates 4 × the cell size', () => {
    const run = runRule('type: "LSTMUnit" bottom: "c" bottom: "g" bottom: "cont" top: "c1" top: "h1"', [[1, 3, 5], [1, 3, 20], [1, 3]]);
    assert.deepEqual(run.tops, [
      [1, 3, 5],
      [1, 3, 5],
    ]);
    assert.match(errorOf('type: "LSTMUnit" bottom: "c" bottom: "g" bottom: "cont" top: "c1" top: "h1"', [[1, 3, 5], [1, 3, 16], [1, 3]]), /The gate input must be 4 × the cell size: 16 vs 4 × 5/);
  });
});
