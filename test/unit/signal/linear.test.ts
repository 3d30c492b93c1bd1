/**
 * Convolution, InnerProduct and Deconvolution against real ones on small tensors, fresh weights per
 * trial: padding (border outputs read fewer inputs), stride, dilation, groups, non-zero-mean weights
 * and inputs, and the backward pass (each input read by C_out·k²/s² (output, weight) pairs).
 */
import * as assert from 'node:assert/strict';
import { prng } from '../../helpers/prng';
import { conv, type Geometry } from './ops';
import { assertMoments, assertWithin, bottomGrad, net, normals, signalOf, top, Trials } from './signal-helpers';

const TRIALS = 3000;

function fillGaussian(n: number, g: () => number, mean: number, std: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = mean + std * g();
  return out;
}

/** Trials of a real convolution: forward outputs and the backward dx = Σ w·dy over its connections. */
function convTrials(
  seed: number,
  C: number,
  H: number,
  W: number,
  O: number,
  geometry: Geometry,
  draw: (g: () => number) => { x: Float64Array; w: Float64Array; b: Float64Array | undefined },
): { fwd: Trials; bwd: Trials } {
  const g = normals(seed);
  const fwd = new Trials();
  const bwd = new Trials();
  for (let t = 0; t < TRIALS; t++) {
    const { x, w, b } = draw(g);
    const r = conv(x, C, H, W, w, b, O, geometry);
    fwd.add(r.y);
    const dy = fillGaussian(r.y.length, g, 0, 1);
    const dx = new Float64Array(x.length);
    for (const [yi, xi, wi] of r.links) dx[xi] += w[wi] * dy[yi];
    bwd.add(dx);
  }
  return { fwd, bwd };
}

describe('signal rules: weighted sums against Monte Carlo', () => {
  it('Convolution with pad, stride 2 and groups (gaussian weights, gaussian bias with a mean): forward and backward', () => {
    const text = net(
      [1, 4, 7, 6],
      'layer { name: "conv" type: "Convolution" bottom: "data" top: "y" convolution_param { num_output: 4 kernel_size: 3 pad: 1 stride: 2 group: 2 ' +
        'weight_filler { type: "gaussian" std: 0.3 } bias_filler { type: "gaussian" mean: 0.1 std: 0.2 } } }',
    );
    const { run } = signalOf(text);
    const { fwd, bwd } = convTrials(11, 4, 7, 6, 4, { k: 3, stride: 2, pad: 1, dilation: 1, group: 2 }, (g) => ({
      x: fillGaussian(4 * 7 * 6, g, 0, 1),
      w: fillGaussian(4 * 2 * 9, g, 0, 0.3),
      b: fillGaussian(4, g, 0.1, 0.2),
    }));
    const y = top(run, 'conv');
    assert.equal(y.approximate, false);
    assertMoments('conv', y, fwd);
    const e = bwd.estimate();
    assertWithin('conv gradient', bottomGrad(run, 'conv').second, e.second, e.secondSe);
  });

  it('Convolution with dilation and the default-range uniform filler U(0,1) on an input of mean 0.5: the mean grows with fan_in', () => {
    const text = net(
      [1, 3, 6, 6],
      'layer { name: "shift" type: "Bias" bottom: "data" top: "x" bias_param { filler { type: "constant" value: 0.5 } } }',
      'layer { name: "conv" type: "Convolution" bottom: "x" top: "y" convolution_param { num_output: 3 kernel_size: 3 pad: 1 dilation: 2 weight_filler { type: "uniform" } } }',
    );
    const { run } = signalOf(text);
    const u = prng(12);
    const { fwd, bwd } = convTrials(12, 3, 6, 6, 3, { k: 3, stride: 1, pad: 1, dilation: 2, group: 1 }, (g) => ({
      x: fillGaussian(3 * 36, g, 0.5, 1),
      w: Float64Array.from({ length: 3 * 3 * 9 }, u),
      b: new Float64Array(3),
    }));
    const y = top(run, 'conv');
    assert.ok(y.mean > 3, `mean ${y.mean}`);
    assertMoments('uniform conv', y, fwd);
    const e = bwd.estimate();
    assertWithin('uniform conv gradient', bottomGrad(run, 'conv').second, e.second, e.secondSe);
  });

  it('InnerProduct with non-zero-mean weights on a shifted input', () => {
    const text = net(
      [2, 3, 2, 2],
      'layer { name: "shift" type: "Bias" bottom: "data" top: "x" bias_param { filler { type: "constant" value: 0.5 } } }',
      'layer { name: "ip" type: "InnerProduct" bottom: "x" top: "y" inner_product_param { num_output: 6 weight_filler { type: "gaussian" mean: 0.05 std: 0.2 } bias_filler { type: "constant" value: -0.3 } } }',
    );
    const { run } = signalOf(text);
    const g = normals(13);
    const fwd = new Trials();
    const bwd = new Trials();
    const K = 12;
    for (let t = 0; t < TRIALS; t++) {
      const w = fillGaussian(6 * K, g, 0.05, 0.2);
      const y = new Float64Array(2 * 6);
      const dx = new Float64Array(2 * K);
      for (let n = 0; n < 2; n++) {
        const x = fillGaussian(K, g, 0.5, 1);
        const dy = fillGaussian(6, g, 0, 1);
        for (let o = 0; o < 6; o++) {
          let acc = -0.3;
          for (let k = 0; k < K; k++) {
            acc += w[o * K + k] * x[k];
            dx[n * K + k] += w[o * K + k] * dy[o];
          }
          y[n * 6 + o] = acc;
        }
      }
      fwd.add(y);
      bwd.add(dx);
    }
    assertMoments('ip', top(run, 'ip'), fwd);
    const e = bwd.estimate();
    assertWithin('ip gradient', bottomGrad(run, 'ip').second, e.second, e.secondSe);
  });

  it('Deconvolution (kernel 4, stride 2, pad 1): outputs gather from a varying number of inputs', () => {
    const text = net(
      [1, 2, 3, 3],
      'layer { name: "up" type: "Deconvolution" bottom: "data" top: "y" convolution_param { num_output: 2 kernel_size: 4 stride: 2 pad: 1 bias_term: false weight_filler { type: "gaussian" std: 0.5 } } }',
    );
    const { run } = signalOf(text);
    const g = normals(14);
    const fwd = new Trials();
    const bwd = new Trials();
    for (let t = 0; t < TRIALS; t++) {
      const x = fillGaussian(2 * 9, g, 0, 1);
      const w = fillGaussian(2 * 2 * 16, g, 0, 0.5);
      // The transpose of the convolution from the 6×6 output space to the 3×3 input space.
      const links = conv(new Float64Array(2 * 36), 2, 6, 6, w, undefined, 2, { k: 4, stride: 2, pad: 1, dilation: 1, group: 1 }).links;
      const y = new Float64Array(2 * 36);
      for (const [xi, yi, wi] of links) y[yi] += w[wi] * x[xi];
      fwd.add(y);
      const dy = fillGaussian(y.length, g, 0, 1);
      const dx = new Float64Array(x.length);
      for (const [xi, yi, wi] of links) dx[xi] += w[wi] * dy[yi];
      bwd.add(dx);
    }
    assertMoments('deconv', top(run, 'up'), fwd);
    const e = bwd.estimate();
    assertWithin('deconv gradient', bottomGrad(run, 'up').second, e.second, e.secondSe);
  });
});
