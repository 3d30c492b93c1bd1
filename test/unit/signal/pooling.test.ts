/**
 * Pooling against real max and average pooling over Caffe's windows (ceil rounding, padding):
 * independent inputs (where the order statistics are exact), ReLU outputs (max commutes with ReLU),
 * and channels with a shared random offset (a 1×1 convolution of a shifted input), where the rules
 * are approximate by design.
 */
import * as assert from 'node:assert/strict';
import { poolWindows } from './ops';
import { assertMoments, assertWithin, bottomGrad, net, normals, signalOf, top, Trials } from './signal-helpers';

function pool(x: Float64Array, H: number, W: number, kind: 'MAX' | 'AVE', k: number, stride: number, pad: number) {
  const { windows } = poolWindows(H, W, k, stride, pad);
  const y = new Float64Array(windows.length);
  const argmax = new Int32Array(windows.length);
  for (const win of windows) {
    if (kind === 'MAX') {
      let best = win.inputs[0];
      for (const i of win.inputs) if (x[i] > x[best]) best = i;
      y[win.out] = x[best];
      argmax[win.out] = best;
    } else {
      let s = 0;
      for (const i of win.inputs) s += x[i];
      y[win.out] = s / win.size;
    }
  }
  return { y, argmax, windows };
}

const layerText = (kind: string, k: number, stride: number, pad: number, bottom = 'data') =>
  `layer { name: "pool" type: "Pooling" bottom: "${bottom}" top: "p" pooling_param { pool: ${kind} kernel_size: ${k} stride: ${stride} pad: ${pad} } }`;

describe('signal rules: pooling against Monte Carlo', () => {
  for (const [kind, k, stride, pad] of [
    ['MAX', 3, 2, 0],
    ['MAX', 3, 2, 1],
    ['AVE', 3, 2, 1],
    ['AVE', 2, 2, 0],
  ] as const) {
    it(`${kind} ${k}×${k} stride ${stride} pad ${pad} of independent unit values (7×7 map): forward and backward`, () => {
      const { run } = signalOf(net([1, 1, 7, 7], layerText(kind, k, stride, pad)));
      const g = normals(k * 10 + pad);
      const fwd = new Trials();
      const bwd = new Trials();
      for (let t = 0; t < 2000; t++) {
        const x = Float64Array.from({ length: 49 }, g);
        const r = pool(x, 7, 7, kind, k, stride, pad);
        fwd.add(r.y);
        const dx = new Float64Array(49);
        for (const win of r.windows) {
          const dy = g();
          if (kind === 'MAX') dx[r.argmax[win.out]] += dy;
          else for (const i of win.inputs) dx[i] += dy / win.size;
        }
        bwd.add(dx);
      }
      assertMoments(`${kind} pooling`, top(run, 'pool'), fwd, 0.002);
      const e = bwd.estimate();
      assertWithin(`${kind} pooling gradient`, bottomGrad(run, 'pool').second, e.second, e.secondSe);
    });
  }

  it('MAX after ReLU takes the max of the pre-activations (max f(x) = f(max x))', () => {
    const text = net([1, 1, 8, 8], 'layer { name: "relu" type: "ReLU" bottom: "data" top: "r" }', layerText('MAX', 2, 2, 0, 'r'));
    const { run } = signalOf(text);
    const g = normals(5);
    const fwd = new Trials();
    for (let t = 0; t < 2000; t++) fwd.add(pool(Float64Array.from({ length: 64 }, () => Math.max(0, g())), 8, 8, 'MAX', 2, 2, 0).y);
    assertMoments('max of ReLU', top(run, 'pool'), fwd, 0.002);
  });

  for (const kind of ['MAX', 'AVE'] as const) {
    it(`${kind} over channels with a shared random offset (1×1 convolution of an input of mean 1)`, () => {
      const C = 32;
      const text = net(
        [1, C, 6, 6],
        'layer { name: "shift" type: "Bias" bottom: "data" top: "x" bias_param { filler { type: "constant" value: 1 } } }',
        'layer { name: "conv" type: "Convolution" bottom: "x" top: "c" convolution_param { num_output: 2 kernel_size: 1 bias_term: false weight_filler { type: "gaussian" std: 0.18 } } }',
        layerText(kind, 3, 1, 0, 'c'),
      );
      const { run } = signalOf(text);
      const c = top(run, 'conv');
      // Var = C·σ²·(1 + 1) with half of it the channel's offset C·σ²·1.
      assert.ok(Math.abs(c.shared / c.variance - 0.5) < 1e-12);
      const g = normals(kind.length);
      const fwd = new Trials();
      for (let t = 0; t < 1500; t++) {
        const ys: number[] = [];
        for (let o = 0; o < 2; o++) {
          const w = Float64Array.from({ length: C }, () => 0.18 * g());
          const map = new Float64Array(36);
          for (let ch = 0; ch < C; ch++) for (let p = 0; p < 36; p++) map[p] += w[ch] * (1 + g());
          ys.push(...pool(map, 6, 6, kind, 3, 1, 0).y);
        }
        fwd.add(ys);
      }
      // Approximate by design (each channel treated as Gaussian around its offset): 3 % on top of sampling error.
      assertMoments(`${kind} of offset channels`, top(run, 'pool'), fwd, 0.03);
    });
  }
});
