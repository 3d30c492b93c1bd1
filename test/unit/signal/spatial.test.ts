/**
 * The spatial kernel (server/src/core/signal/spatial/) against the real operations: inputs of mean 1
 * give every channel of a padded convolution an offset that border positions share only in part, so
 * a pool over a small map sees values of different scale and correlation. Each case runs the layers
 * of the net in the test itself (fresh weights every trial) and compares the predicted mean and
 * variance with the Monte Carlo estimate.
 */
import * as assert from 'node:assert/strict';
import { maxOfWindow } from '../../../server/src/core/signal/spatial/max-of-window';
import { conv, poolWindows } from './ops';
import { assertMoments, assertWithin, net, normals, signalOf, top, Trials } from './signal-helpers';

const SHIFT = 'layer { name: "shift" type: "Bias" bottom: "data" top: "x" bias_param { filler { type: "constant" value: 1 } } }';

const convText = (name: string, bottom: string, out: number, extra = 'weight_filler { type: "msra" }') =>
  `layer { name: "${name}" type: "Convolution" bottom: "${bottom}" top: "${name}" convolution_param { num_output: ${out} kernel_size: 3 pad: 1 ${extra} } }`;
const reluText = (name: string, blob: string) => `layer { name: "${name}" type: "ReLU" bottom: "${blob}" top: "${blob}" }`;
const poolText = (name: string, bottom: string, kind: string, k: number, stride: number, pad = 0) =>
  `layer { name: "${name}" type: "Pooling" bottom: "${bottom}" top: "${name}" pooling_param { pool: ${kind} kernel_size: ${k} stride: ${stride} pad: ${pad} } }`;

/** C channels of a side×side map through two padded 3×3 msra convolutions + ReLU (the input shifted to mean 1). */
function twoConvs(g: () => number, C: number, side: number): Float64Array {
  const geometry = { k: 3, stride: 1, pad: 1, dilation: 1, group: 1 };
  const msra = (n: number) => Float64Array.from({ length: C * n * 9 }, () => Math.sqrt(2 / (n * 9)) * g());
  let x = Float64Array.from({ length: C * side * side }, () => 1 + g());
  for (let layer = 0; layer < 2; layer++) {
    const y = conv(x, C, side, side, msra(C), undefined, C, geometry).y;
    x = y.map((v) => Math.max(0, v));
  }
  return x;
}

function pool(x: Float64Array, C: number, side: number, kind: 'MAX' | 'AVE', k: number, stride: number, pad = 0): number[] {
  const { windows } = poolWindows(side, side, k, stride, pad);
  const out: number[] = [];
  for (let c = 0; c < C; c++) {
    for (const win of windows) {
      let acc = kind === 'MAX' ? -Infinity : 0;
      for (const i of win.inputs) acc = kind === 'MAX' ? Math.max(acc, x[c * side * side + i]) : acc + x[c * side * side + i];
      out.push(kind === 'MAX' ? acc : acc / win.size);
    }
  }
  return out;
}

describe('signal rules: spatial kernel against Monte Carlo', () => {
  it('the maximum of a correlated window: leading component plus independent rest, within 1 % of sampling', () => {
    // A 3×3 window whose border row shares only 6 of 9 offset taps with the rest (CaffeNet's pool5 on a 5×5 map).
    const k = 9;
    const C = new Float64Array(k * k);
    const taps = (p: number) => (Math.floor(p / 3) === 0 ? [3, 4, 5, 6, 7, 8] : [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    for (let p = 0; p < k; p++) for (let q = 0; q < k; q++) C[p * k + q] = taps(p).filter((t) => taps(q).includes(t)).length / 9;
    const D = new Float64Array(k).fill(0.3);
    const mu = new Float64Array(k).fill(0.2);
    const r = maxOfWindow(mu, C, D, (x) => Math.max(0, x));
    const g = normals(41);
    const trials = new Trials();
    for (let t = 0; t < 400; t++) {
      const ys: number[] = [];
      for (let s = 0; s < 100; s++) {
        const u = Array.from({ length: 9 }, g);
        let best = -Infinity;
        for (let p = 0; p < k; p++) best = Math.max(best, 0.2 + taps(p).reduce((a, tap) => a + u[tap], 0) / 3 + Math.sqrt(0.3) * g());
        ys.push(Math.max(0, best));
      }
      trials.add(ys);
    }
    const e = trials.estimate();
    assertWithin('E[relu(max)]', r.mean, e.mean, e.meanSe, 0.01);
    assertWithin('E[relu(max)²]', r.second, e.second, e.secondSe, 0.01);
  });

  it('the maximum of a window whose corner value\'s CDF underflows: its winning chance is finite, not 0/0', () => {
    // A border window of GoogLeNet's inception_3a/pool (as-written): factors per axis of the correlated
    // part, the independent part and the mean; a corner CDF falls to a denormal on the grid.
    const g = [
      [0.7824179682078817, 0.8641349119238338, 0.8639107082032105],
      [0.8641349119238338, 1.0178279611323902, 1.017754622969112],
      [0.8639107082032105, 1.017754622969112, 1.0178279611323902],
    ];
    const dv = [0.9393831281835301, 0.1642546502614139, 0.1642546502614139];
    const mv = [1.0973855761885216, 1.0188909702499787, 1.0188909702499787];
    const C = new Float64Array(81);
    const D = new Float64Array(9);
    const mu = new Float64Array(9);
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        D[a * 3 + b] = dv[a] * dv[b];
        mu[a * 3 + b] = mv[a] * mv[b];
        for (let a2 = 0; a2 < 3; a2++) for (let b2 = 0; b2 < 3; b2++) C[(a * 3 + b) * 9 + a2 * 3 + b2] = g[a][a2] * g[b][b2];
      }
    }
    const r = maxOfWindow(mu, C, D);
    assert.ok(Array.from(r.winners).every(Number.isFinite), `winners ${Array.from(r.winners)}`);
    assertWithin('Σ P(i wins)', r.winners.reduce((x, y) => x + y, 0), 1, 0, 1e-9);
  });

  it('MAX 3×3 stride 2 on a 5×5 map after two padded convolutions of a mean-1 input: border windows share less of the offset', () => {
    const C = 16;
    const text = net([1, C, 5, 5], SHIFT, convText('c1', 'x', C), reluText('r1', 'c1'), convText('c2', 'c1', C), reluText('r2', 'c2'), poolText('pool', 'c2', 'MAX', 3, 2));
    const { run } = signalOf(text);
    const g = normals(42);
    const trials = new Trials();
    for (let t = 0; t < 1500; t++) trials.add(pool(twoConvs(g, C, 5), C, 5, 'MAX', 3, 2));
    // Approximate by design (a projection onto per-axis factors; the window's maximum by its leading component).
    assertMoments('max pool', top(run, 'pool'), trials, 0.04);
  });

  it('AVE 2×2 stride 2 of correlated neighbours on a 6×6 map', () => {
    const C = 16;
    const text = net([1, C, 6, 6], SHIFT, convText('c1', 'x', C), reluText('r1', 'c1'), convText('c2', 'c1', C), reluText('r2', 'c2'), poolText('pool', 'c2', 'AVE', 2, 2));
    const { run } = signalOf(text);
    const g = normals(43);
    const trials = new Trials();
    for (let t = 0; t < 1500; t++) trials.add(pool(twoConvs(g, C, 6), C, 6, 'AVE', 2, 2));
    assertMoments('ave pool', top(run, 'pool'), trials, 0.03);
  });

  it('InnerProduct after max pooling reads the pool’s second moment, mean included (CaffeNet fc6 with msra)', () => {
    const C = 16;
    const text = net(
      [1, C, 5, 5],
      SHIFT,
      convText('c1', 'x', C),
      reluText('r1', 'c1'),
      convText('c2', 'c1', C),
      reluText('r2', 'c2'),
      poolText('pool', 'c2', 'MAX', 3, 2),
      'layer { name: "fc" type: "InnerProduct" bottom: "pool" top: "fc" inner_product_param { num_output: 8 weight_filler { type: "msra" } } }',
    );
    const { run } = signalOf(text);
    const g = normals(44);
    const trials = new Trials();
    const K = C * 4;
    for (let t = 0; t < 1500; t++) {
      const x = pool(twoConvs(g, C, 5), C, 5, 'MAX', 3, 2);
      const y = Array.from({ length: 8 }, () => x.reduce((a, v) => a + Math.sqrt(2 / K) * g() * v, 0));
      trials.add(y);
    }
    // fc's variance is 2·E[x²] of the pool: its mean², not only its variance, must be right.
    assertMoments('fc after pool', top(run, 'fc'), trials, 0.04);
  });

  it('Concat of two branches of different scale, then MAX 3×3 stride 1 pad 1: each branch pooled with its own statistics', () => {
    const text = net(
      [1, 8, 6, 6],
      convText('a', 'data', 8, 'weight_filler { type: "gaussian" std: 0.05 }'),
      reluText('ra', 'a'),
      convText('b', 'data', 8, 'weight_filler { type: "gaussian" std: 0.5 }'),
      reluText('rb', 'b'),
      'layer { name: "cat" type: "Concat" bottom: "a" bottom: "b" top: "cat" }',
      poolText('pool', 'cat', 'MAX', 3, 1, 1),
    );
    const { run } = signalOf(text);
    const g = normals(45);
    const trials = new Trials();
    const geometry = { k: 3, stride: 1, pad: 1, dilation: 1, group: 1 };
    for (let t = 0; t < 1500; t++) {
      const x = Float64Array.from({ length: 8 * 36 }, g);
      const branch = (std: number) => conv(x, 8, 6, 6, Float64Array.from({ length: 8 * 8 * 9 }, () => std * g()), undefined, 8, geometry).y.map((v) => Math.max(0, v));
      const cat = Float64Array.of(...branch(0.05), ...branch(0.5));
      trials.add(pool(cat, 16, 6, 'MAX', 3, 1, 1));
    }
    const y = top(run, 'pool');
    assert.ok(y.parts && y.parts.length === 2, 'the pool keeps the two parts');
    assertMoments('max pool of a concat', y, trials, 0.03);
  });
});
