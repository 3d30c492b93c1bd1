/**
 * Residual blocks against the real operations (server/src/core/signal/law.ts): BatchNorm with batch
 * statistics on one sample fixes each channel's sum and sum of squares, so after a ReLU the channel's
 * values still nearly cancel, and a global average pool over 7×7 sees a small fraction of their
 * variance; a ReLU of a residual sum (a ReLU output plus a normalised branch) is not the ReLU of a
 * Gaussian. Each case runs the layers in the test itself, fresh weights every trial.
 */
import { assertMoments, net, normals, signalOf, top, Trials } from './signal-helpers';

const C = 32;
const P = 49;

/** Per channel: minus the map's mean, over the map's standard deviation (batch_norm_layer.cpp, one sample, eps 1e-5). */
function batchNorm(x: Float64Array): Float64Array {
  const y = new Float64Array(x.length);
  for (let c = 0; c < x.length / P; c++) {
    let m = 0;
    for (let p = 0; p < P; p++) m += x[c * P + p] / P;
    let v = 0;
    for (let p = 0; p < P; p++) v += (x[c * P + p] - m) ** 2 / P;
    for (let p = 0; p < P; p++) y[c * P + p] = (x[c * P + p] - m) / Math.sqrt(v + 1e-5);
  }
  return y;
}

/** A 1×1 msra convolution, C → C channels. */
function conv1x1(x: Float64Array, g: () => number): Float64Array {
  const w = Float64Array.from({ length: C * C }, () => Math.sqrt(2 / C) * g());
  const y = new Float64Array(x.length);
  for (let o = 0; o < C; o++) for (let i = 0; i < C; i++) for (let p = 0; p < P; p++) y[o * P + p] += w[o * C + i] * x[i * P + p];
  return y;
}

const relu = (x: Float64Array) => x.map((v) => Math.max(0, v));
const globalAverage = (x: Float64Array) => Float64Array.from({ length: x.length / P }, (_, c) => x.subarray(c * P, (c + 1) * P).reduce((a, b) => a + b, 0) / P);

const convText = (name: string, bottom: string) =>
  `layer { name: "${name}" type: "Convolution" bottom: "${bottom}" top: "${name}" convolution_param { num_output: ${C} kernel_size: 1 bias_term: false weight_filler { type: "msra" } } }`;
const bnText = (name: string, blob: string) => `layer { name: "${name}" type: "BatchNorm" bottom: "${blob}" top: "${blob}" batch_norm_param { use_global_stats: false } }`;
const reluText = (name: string, blob: string) => `layer { name: "${name}" type: "ReLU" bottom: "${blob}" top: "${blob}" }`;
const POOL = 'layer { name: "pool" type: "Pooling" bottom: "y" top: "pool" pooling_param { pool: AVE global_pooling: true } }';

describe('signal rules: residual blocks against Monte Carlo', () => {
  it('BatchNorm (batch statistics, one sample) → ReLU → global average: the channel still nearly sums to zero', () => {
    const text = net([1, C, 7, 7], convText('y', 'data'), bnText('bn', 'y'), reluText('relu', 'y'), POOL);
    const { run } = signalOf(text);
    const g = normals(51);
    const relus = new Trials();
    const pools = new Trials();
    for (let t = 0; t < 3000; t++) {
      const y = relu(batchNorm(conv1x1(Float64Array.from({ length: C * P }, g), g)));
      relus.add(y);
      pools.add(globalAverage(y));
    }
    assertMoments('ReLU after BatchNorm', top(run, 'relu'), relus, 0.01);
    // (1 + 48ρ)/49 of the ReLU's variance with ρ ≈ −1/48·(ĥ₁² + ĥ₂²)/Var: both the sum and the sum of squares are fixed.
    assertMoments('global average', top(run, 'pool'), pools, 0.08);
  });

  it('a residual sum: ReLU(ReLU(BN(conv x)) + BN(conv z)) and its global average match sampled ones (the sum keeps the ReLU output’s distribution)', () => {
    // The branch reads its own input here: in a real block it reads the block's input, which ties a
    // channel to its own branch channel by about 1/√C (the model's independence holds as C grows).
    const text = net(
      [1, C, 7, 7],
      `layer { name: "z" type: "Input" top: "z" input_param { shape { dim: 1 dim: ${C} dim: 7 dim: 7 } } }`,
      convText('a', 'data'),
      bnText('bna', 'a'),
      reluText('relua', 'a'),
      convText('b', 'z'),
      bnText('bnb', 'b'),
      'layer { name: "sum" type: "Eltwise" bottom: "a" bottom: "b" top: "y" }',
      reluText('relu', 'y'),
      POOL,
    );
    const { run } = signalOf(text);
    const g = normals(52);
    const relus = new Trials();
    const pools = new Trials();
    for (let t = 0; t < 3000; t++) {
      const a = relu(batchNorm(conv1x1(Float64Array.from({ length: C * P }, g), g)));
      const b = batchNorm(conv1x1(Float64Array.from({ length: C * P }, g), g));
      const y = relu(a.map((v, i) => v + b[i]));
      relus.add(y);
      pools.add(globalAverage(y));
    }
    assertMoments('ReLU of the residual sum', top(run, 'relu'), relus, 0.005);
    assertMoments('global average', top(run, 'pool'), pools, 0.1);
  });
});
