/** Nets that are not chains: Split, a blob read twice, residual Eltwise SUM, Concat, in-place layers. */
import * as assert from 'node:assert/strict';
import { assertMoments, bottomGrad, layer, net, normals, signalOf, top, Trials } from './signal-helpers';

const conv = (name: string, bottom: string, topName: string, std: number, k = 1) =>
  `layer { name: "${name}" type: "Convolution" bottom: "${bottom}" top: "${topName}" convolution_param { num_output: 8 kernel_size: ${k} bias_term: false weight_filler { type: "gaussian" std: ${std} } } }`;

describe('signal propagation through DAGs', () => {
  it('Split: the gradient at its bottom is the sum of its tops\' gradients', () => {
    const text = net(
      [1, 8, 4, 4],
      'layer { name: "split" type: "Split" bottom: "data" top: "a" top: "b" }',
      conv('ca', 'a', 'ya', 0.5),
      conv('cb', 'b', 'yb', 0.25),
    );
    const { run } = signalOf(text);
    // Both outputs get a unit gradient; 1×1 convs send back 8·σ².
    assert.ok(Math.abs(bottomGrad(run, 'ca').second - 8 * 0.25) < 1e-12);
    assert.ok(Math.abs(bottomGrad(run, 'cb').second - 8 * 0.0625) < 1e-12);
    assert.ok(Math.abs(bottomGrad(run, 'split').second - (2 + 0.5)) < 1e-12);
  });

  it('a blob read by two layers without a Split gets the sum of both gradients', () => {
    const text = net([1, 8, 4, 4], conv('ca', 'data', 'ya', 0.5), conv('cb', 'data', 'yb', 0.25));
    const { run } = signalOf(text);
    assert.ok(Math.abs(bottomGrad(run, 'ca').second - 2.5) < 1e-12);
    assert.ok(Math.abs(bottomGrad(run, 'cb').second - 2.5) < 1e-12);
  });

  it('Eltwise SUM of a residual branch and its shortcut: variances add (Monte Carlo), gradients reach both', () => {
    const text = net(
      [1, 8, 4, 4],
      conv('branch', 'data', 'f', 0.3, 3).replace('kernel_size: 3', 'kernel_size: 3 pad: 1'),
      'layer { name: "sum" type: "Eltwise" bottom: "data" bottom: "f" top: "out" eltwise_param { coeff: 1 coeff: 0.5 } }',
    );
    const { run } = signalOf(text);
    const g = normals(31);
    const fwd = new Trials();
    for (let t = 0; t < 1500; t++) {
      const x = Float64Array.from({ length: 8 * 16 }, g);
      const w = Float64Array.from({ length: 8 * 8 * 9 }, () => 0.3 * g());
      const out: number[] = [];
      for (let o = 0; o < 8; o++) {
        for (let h = 0; h < 4; h++) {
          for (let v = 0; v < 4; v++) {
            let f = 0;
            for (let c = 0; c < 8; c++) {
              for (let i = 0; i < 3; i++) {
                for (let j = 0; j < 3; j++) {
                  const ih = h - 1 + i;
                  const iw = v - 1 + j;
                  if (ih >= 0 && ih < 4 && iw >= 0 && iw < 4) f += w[((o * 8 + c) * 3 + i) * 3 + j] * x[c * 16 + ih * 4 + iw];
                }
              }
            }
            out.push(x[o * 16 + h * 4 + v] + 0.5 * f);
          }
        }
      }
      fwd.add(out);
    }
    assertMoments('residual sum', top(run, 'sum'), fwd);
    // The input gets the shortcut's gradient (1) plus the branch's (0.25 · 8·9·0.09 · border).
    const viaBranch = bottomGrad(run, 'branch').second;
    assert.ok(viaBranch > 1, `${viaBranch}`);
    assert.equal(layer(run, 'sum').backward[0]!.second, viaBranch);
  });

  it('Concat: channel-weighted statistics; the next layer\'s fan_in sees the average second moment', () => {
    const text = net(
      [1, 2, 4, 4],
      'layer { name: "amp" type: "Scale" bottom: "data" top: "loud" scale_param { filler { type: "constant" value: 3 } } }',
      'layer { name: "a" type: "Split" bottom: "data" top: "quiet" }',
      'layer { name: "cat" type: "Concat" bottom: "quiet" bottom: "loud" bottom: "loud" top: "c" }',
      'layer { name: "next" type: "Convolution" bottom: "c" top: "y" convolution_param { num_output: 4 kernel_size: 1 bias_term: false weight_filler { type: "gaussian" std: 0.1 } } }',
    );
    const { run } = signalOf(text);
    const c = top(run, 'cat');
    // (2·1 + 4·9) / 6 channels.
    assert.ok(Math.abs(c.variance - 38 / 6) < 1e-12);
    assert.equal(c.mixed, true);
    assert.ok(Math.abs(top(run, 'next').variance - 6 * 0.01 * (38 / 6)) < 1e-12);
  });

  it('Concat then BatchNorm: each part\'s gradient is its own (divided by its own variance), averaged by channels', () => {
    const bn = 'layer { name: "bn" type: "BatchNorm" bottom: "c" top: "n" batch_norm_param { use_global_stats: false } }';
    const next = 'layer { name: "next" type: "Convolution" bottom: "n" top: "y" convolution_param { num_output: 4 kernel_size: 1 bias_term: false weight_filler { type: "gaussian" std: 0.1 } } }';
    const amp = 'layer { name: "amp" type: "Scale" bottom: "data" top: "loud" scale_param { filler { type: "constant" value: 3 } } }';
    const gradThroughBn = (...layers: string[]) => bottomGrad(signalOf(net([1, 2, 4, 4], ...layers, bn, next)).run, 'bn').second;
    const quiet = gradThroughBn('layer { name: "cat" type: "Concat" bottom: "data" top: "c" }');
    const loud = gradThroughBn(amp, 'layer { name: "cat" type: "Concat" bottom: "loud" top: "c" }');
    const both = gradThroughBn(amp, 'layer { name: "a" type: "Split" bottom: "data" top: "quiet" }', 'layer { name: "cat" type: "Concat" bottom: "quiet" bottom: "loud" bottom: "loud" top: "c" }');
    assert.ok(quiet > 5 * loud, `the quiet part's gradient is larger (${quiet} vs ${loud})`);
    // 2 quiet channels and 4 loud ones.
    assert.ok(Math.abs(both - (2 * quiet + 4 * loud) / 6) < 1e-9 * quiet, `${both} vs ${(2 * quiet + 4 * loud) / 6}`);
  });

  it('a max pool after a Concat of alike branches predicts what it predicts after one of them (each branch keeps what max pooling reads)', () => {
    const branch = (n: string) =>
      `layer { name: "c${n}" type: "Convolution" bottom: "data" top: "c${n}" convolution_param { num_output: 8 kernel_size: 3 pad: 1 bias_term: false weight_filler { type: "gaussian" std: 0.2 } } }\n` +
      `layer { name: "r${n}" type: "ReLU" bottom: "c${n}" top: "c${n}" }`;
    const pool = (bottom: string) => `layer { name: "pool" type: "Pooling" bottom: "${bottom}" top: "p" pooling_param { pool: MAX kernel_size: 3 stride: 2 } }`;
    const one = top(signalOf(net([1, 4, 9, 9], branch('a'), pool('ca'))).run, 'pool');
    const two = top(signalOf(net([1, 4, 9, 9], branch('a'), branch('b'), 'layer { name: "cat" type: "Concat" bottom: "ca" bottom: "cb" top: "cat" }', pool('cat'))).run, 'pool');
    assert.ok(Math.abs(two.variance - one.variance) < 1e-9 * one.variance, `${two.variance} vs ${one.variance}`);
    assert.ok(Math.abs(two.mean - one.mean) < 1e-9 * one.mean, `${two.mean} vs ${one.mean}`);
  });

  it('in-place ReLU after a convolution: each version keeps its own statistics; the gradient halves through the ReLU', () => {
    const text = net([1, 8, 4, 4], conv('conv', 'data', 'conv', 0.5), 'layer { name: "relu" type: "ReLU" bottom: "conv" top: "conv" }');
    const { run } = signalOf(text);
    const pre = top(run, 'conv');
    const post = top(run, 'relu');
    assert.ok(Math.abs(pre.variance - 2) < 1e-12);
    assert.ok(Math.abs(post.mean - Math.sqrt(2) / Math.sqrt(2 * Math.PI)) < 1e-12);
    assert.ok(Math.abs(post.variance - 2 * (0.5 - 1 / (2 * Math.PI))) < 1e-12);
    assert.equal(layer(run, 'relu').inPlace, true);
    assert.ok(Math.abs(bottomGrad(run, 'relu').second - 0.5) < 1e-12);
    assert.ok(Math.abs(bottomGrad(run, 'conv').second - 0.5 * 8 * 0.25) < 1e-12);
  });

  it('a loss starts the backward chain at its prediction; the label gets none; Accuracy sends nothing', () => {
    const text = [
      'name: "t"',
      'layer { name: "data" type: "Input" top: "data" top: "label" input_param { shape { dim: 2 dim: 8 } shape { dim: 2 } } }',
      'layer { name: "ip" type: "InnerProduct" bottom: "data" top: "ip" inner_product_param { num_output: 4 weight_filler { type: "gaussian" std: 0.5 } } }',
      'layer { name: "acc" type: "Accuracy" bottom: "ip" bottom: "label" top: "acc" }',
      'layer { name: "loss" type: "SoftmaxWithLoss" bottom: "ip" bottom: "label" top: "loss" }',
    ].join('\n');
    const { run } = signalOf(text);
    assert.equal(layer(run, 'data').forward[1], null);
    assert.equal(bottomGrad(run, 'loss').second, 1);
    assert.equal(bottomGrad(run, 'acc').second, 1);
    assert.ok(Math.abs(bottomGrad(run, 'ip').second - 4 * 0.25) < 1e-12);
    assert.equal(layer(run, 'loss').head, true);
  });
});
