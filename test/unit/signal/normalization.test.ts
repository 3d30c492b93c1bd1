/** LRN, BatchNorm, Scale and Dropout against the real operations on sampled inputs. */
import * as assert from 'node:assert/strict';
import { assertMoments, assertWithin, bottomGrad, net, normals, signalOf, top, Trials } from './signal-helpers';

describe('signal rules: normalisation, Scale and Dropout against Monte Carlo', () => {
  it('LRN across channels (local_size 5, alpha 1, beta 0.75) on values of std 3: mean-field within 5 %', () => {
    const text = net(
      [1, 8, 4, 4],
      'layer { name: "amp" type: "Scale" bottom: "data" top: "x" scale_param { filler { type: "constant" value: 3 } } }',
      'layer { name: "norm" type: "LRN" bottom: "x" top: "y" lrn_param { local_size: 5 alpha: 1 beta: 0.75 } }',
    );
    const { run } = signalOf(text);
    const g = normals(21);
    const fwd = new Trials();
    for (let t = 0; t < 1000; t++) {
      const x = Float64Array.from({ length: 8 * 16 }, () => 3 * g());
      const y = new Float64Array(x.length);
      for (let c = 0; c < 8; c++) {
        for (let p = 0; p < 16; p++) {
          let s = 0;
          for (let cc = Math.max(0, c - 2); cc <= Math.min(7, c + 2); cc++) s += x[cc * 16 + p] ** 2;
          y[c * 16 + p] = x[c * 16 + p] * Math.pow(1 + (1 / 5) * s, -0.75);
        }
      }
      fwd.add(y);
    }
    const y = top(run, 'norm');
    assert.equal(y.approximate, true);
    assertMoments('LRN', y, fwd, 0.05);
  });

  it('LRN within channel (3×3, alpha 2): mean-field within 5 %', () => {
    const text = net(
      [1, 2, 6, 6],
      'layer { name: "amp" type: "Scale" bottom: "data" top: "x" scale_param { filler { type: "constant" value: 2 } } }',
      'layer { name: "norm" type: "LRN" bottom: "x" top: "y" lrn_param { local_size: 3 alpha: 2 beta: 0.75 norm_region: WITHIN_CHANNEL } }',
    );
    const { run } = signalOf(text);
    const g = normals(22);
    const fwd = new Trials();
    for (let t = 0; t < 1000; t++) {
      const x = Float64Array.from({ length: 72 }, () => 2 * g());
      const y = new Float64Array(72);
      for (let c = 0; c < 2; c++) {
        for (let h = 0; h < 6; h++) {
          for (let w = 0; w < 6; w++) {
            // AVE pooling of x² with pad 1: the divisor counts the padding (pool_size 9).
            let s = 0;
            for (let a = Math.max(0, h - 1); a <= Math.min(5, h + 1); a++) for (let b = Math.max(0, w - 1); b <= Math.min(5, w + 1); b++) s += x[c * 36 + a * 6 + b] ** 2;
            y[c * 36 + h * 6 + w] = x[c * 36 + h * 6 + w] * Math.pow(1 + (2 * s) / 9, -0.75);
          }
        }
      }
      fwd.add(y);
    }
    assertMoments('LRN within channel', top(run, 'norm'), fwd, 0.05);
  });

  it('BatchNorm with batch statistics (TRAIN) normalises to ~1; with use_global_stats and zero statistics it multiplies by 1/√eps', () => {
    const layers = [
      'layer { name: "shift" type: "Bias" bottom: "data" top: "x" bias_param { filler { type: "constant" value: 2 } } }',
      'layer { name: "bn" type: "BatchNorm" bottom: "x" top: "x" }',
    ];
    const train = signalOf(net([8, 3, 4, 4], ...layers)).run;
    const g = normals(23);
    const fwd = new Trials();
    for (let t = 0; t < 500; t++) {
      const y: number[] = [];
      for (let c = 0; c < 3; c++) {
        const xs = Array.from({ length: 8 * 16 }, () => 2 + g());
        const m = xs.reduce((a, b) => a + b, 0) / xs.length;
        const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length;
        for (const x of xs) y.push((x - m) / Math.sqrt(v + 1e-5));
      }
      fwd.add(y);
    }
    assertMoments('BatchNorm TRAIN', top(train, 'bn'), fwd, 0.001);
    const test = signalOf(net([8, 3, 4, 4], ...layers), 'as-written', { phase: 'TEST' }).run;
    const y = top(test, 'bn');
    assert.ok(Math.abs(y.variance - 1 / 1e-5) < 1e-6 * y.variance, `variance ${y.variance}`);
    assert.ok(Math.abs(y.mean - 2 / Math.sqrt(1e-5)) < 1e-9 * y.mean);
    assert.ok(Math.abs(bottomGrad(test, 'bn').second - 1e5) < 1e-3);
  });

  it('Scale with a random scale and bias filler (one γ, β per channel)', () => {
    const text = net(
      [2, 3, 4, 4],
      'layer { name: "shift" type: "Bias" bottom: "data" top: "x" bias_param { filler { type: "constant" value: 0.5 } } }',
      'layer { name: "sc" type: "Scale" bottom: "x" top: "y" scale_param { filler { type: "gaussian" mean: 1 std: 0.5 } bias_term: true bias_filler { type: "uniform" min: -1 max: 1 } } }',
    );
    const { run } = signalOf(text);
    const g = normals(24);
    const fwd = new Trials();
    const bwd = new Trials();
    for (let t = 0; t < 3000; t++) {
      const y: number[] = [];
      const dx: number[] = [];
      for (let c = 0; c < 3; c++) {
        const gamma = 1 + 0.5 * g();
        const beta = 2 * ((t * 7 + c * 13) % 1000) / 1000 - 1 + 0.001;
        for (let i = 0; i < 32; i++) {
          y.push(gamma * (0.5 + g()) + beta);
          dx.push(gamma * g());
        }
      }
      fwd.add(y);
      bwd.add(dx);
    }
    assertMoments('Scale', top(run, 'sc'), fwd, 0.01);
    const e = bwd.estimate();
    assertWithin('Scale gradient', bottomGrad(run, 'sc').second, e.second, e.secondSe);
  });

  it('Dropout: TRAIN scales the kept values by 1/(1−p); TEST is a copy', () => {
    const layers = [
      'layer { name: "shift" type: "Bias" bottom: "data" top: "x" bias_param { filler { type: "constant" value: 0.5 } } }',
      'layer { name: "drop" type: "Dropout" bottom: "x" top: "x" dropout_param { dropout_ratio: 0.3 } }',
    ];
    const { run } = signalOf(net([1, 4, 8, 8], ...layers));
    const g = normals(25);
    const u = normals(26);
    const fwd = new Trials();
    const bwd = new Trials();
    for (let t = 0; t < 300; t++) {
      const y = new Float64Array(1000);
      const dx = new Float64Array(1000);
      for (let i = 0; i < 1000; i++) {
        const keep = u() > -0.5244005127080407; // P(Z > Φ⁻¹(0.3)) = 0.7
        y[i] = keep ? (0.5 + g()) / 0.7 : 0;
        dx[i] = keep ? g() / 0.7 : 0;
      }
      fwd.add(y);
      bwd.add(dx);
    }
    assertMoments('Dropout TRAIN', top(run, 'drop'), fwd);
    const e = bwd.estimate();
    assertWithin('Dropout gradient', bottomGrad(run, 'drop').second, e.second, e.secondSe);
    const test = signalOf(net([1, 4, 8, 8], ...layers), 'as-written', { phase: 'TEST' }).run;
    assert.deepEqual(top(test, 'drop'), top(test, 'shift'));
  });
});
