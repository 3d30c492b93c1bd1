import * as assert from 'node:assert/strict';
import { applyEdits, at, lintOf, withCode } from './lint-of';

const INPUT = 'input: "data" input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n';
/** A 3×3 convolution 3 → 16 channels (weight 16×3×3×3: fan_in = 3·3·3 = 27, fan_out = 16·3·3 = 144), then `after`. */
const conv = (filler: string, after = 'layer { name: "r" type: "ReLU" bottom: "c" top: "c" }\n') =>
  INPUT + `layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 16 kernel_size: 3 weight_filler { ${filler} } } }\n` + after;
const SHAPES = { shapes: { c: [[16, 3, 3, 3], [16]] } };
const TANH = 'layer { name: "t" type: "TanH" bottom: "c" top: "c" }\n';

describe('lint: filler-scale', () => {
  it('gaussian std 0.01 ahead of ReLU: both variances and the per-layer effect, with a fix to msra', () => {
    const text = conv('type: "gaussian" std: 0.01');
    const [d] = withCode(lintOf(text, SHAPES), 'filler-scale');
    assert.equal(d.severity, 'warning');
    assert.equal(at(text, d), 'std: 0.01');
    // He: 2/27 = 0.07407; written 1e-4 → 740.7× smaller; gain 27·1e-4·½ = 0.00135
    assert.equal(
      d.message,
      'weight_filler gaussian (std 0.01) gives Var(W) = 0.0001, 740.7× smaller than the 0.07407 recommended ahead of ReLU ' +
        '(He: 2/fan_in, fan_in = 27). Each layer like "c" scales the signal\'s variance by fan_in·Var(W)·½ = 0.00135 (1 keeps it steady).',
    );
    const fix = d.fixes![0];
    assert.equal(fix.title, 'Use msra (Var 2/fan_in = 0.07407)');
    const fixed = applyEdits(text, fix.edits);
    assert.ok(fixed.includes('weight_filler { type: "msra" }'));
    assert.deepEqual(lintOf(fixed, SHAPES), [], 'the fixed net is clean');
  });

  it('too large ahead of TanH recommends xavier (1/fan_in)', () => {
    const text = conv('type: "gaussian" std: 1', TANH);
    const [d] = withCode(lintOf(text, SHAPES), 'filler-scale');
    // 1/27 = 0.03704; ratio 27
    assert.match(d.message, /Var\(W\) = 1, 27× larger than the 0\.03704 recommended ahead of TanH \(LeCun \/ Caffe xavier: 1\/fan_in, fan_in = 27\)/);
    assert.match(d.message, /fan_in·Var\(W\) = 27 /);
    assert.equal(d.fixes![0].title, 'Use xavier (Var 1/fan_in = 0.03704)');
  });

  it('uniform [-0.05, 0.05]: variance 0.1²/12', () => {
    const [d] = withCode(lintOf(conv('type: "uniform" min: -0.05 max: 0.05'), SHAPES), 'filler-scale');
    assert.match(d.message, /gives Var\(W\) = 0\.0008333, 88\.89× smaller/);
  });

  it('stays quiet within the tolerance, and the tolerance is a setting', () => {
    // std 0.1: 0.01 vs 2/27 → 7.4× smaller
    const text = conv('type: "gaussian" std: 0.1');
    assert.equal(withCode(lintOf(text, SHAPES), 'filler-scale').length, 1);
    assert.equal(withCode(lintOf(text, { ...SHAPES, tolerance: 8 }), 'filler-scale').length, 0);
  });

  it('stays quiet when a BatchNorm renormalises the output', () => {
    const after = 'layer { name: "bn" type: "BatchNorm" bottom: "c" top: "c" }\nlayer { name: "r" type: "ReLU" bottom: "c" top: "c" }\n';
    assert.deepEqual(withCode(lintOf(conv('type: "gaussian" std: 0.01', after), SHAPES), 'filler-scale'), []);
  });

  it('needs the shape: no finding when it is unknown (a Data layer\'s channels)', () => {
    const data = 'layer { name: "d" type: "Data" top: "data" top: "label" data_param { source: "db" batch_size: 2 } }\n';
    assert.deepEqual(withCode(lintOf(conv('type: "gaussian" std: 0.01').replace(INPUT, data)), 'filler-scale'), []);
  });
});

describe('lint: activation-mismatch', () => {
  it('xavier ahead of ReLU: information, the ½ per layer, a fix to msra', () => {
    const text = conv('type: "xavier"');
    const [d] = withCode(lintOf(text, SHAPES), 'activation-mismatch');
    assert.equal(d.severity, 'information');
    assert.equal(at(text, d), '"xavier"');
    assert.equal(
      d.message,
      'xavier gives Var(W) = 1/fan_in = 0.03704 ahead of ReLU, which halves the signal\'s second moment: each layer like "c" scales it by ' +
        'fan_in·Var(W)·½ = 0.5. msra (2/fan_in = 0.07407) keeps it steady.',
    );
    const fixed = applyEdits(text, d.fixes![0].edits);
    assert.ok(fixed.includes('weight_filler { type: "msra" }'));
    assert.deepEqual(lintOf(fixed, SHAPES), []);
  });

  it('msra ahead of TanH: a fix to xavier', () => {
    const text = conv('type: "msra"', TANH);
    const [d] = withCode(lintOf(text, SHAPES), 'activation-mismatch');
    assert.match(d.message, /^msra gives Var\(W\) = 2\/fan_in = 0\.07407 ahead of TanH/);
    assert.ok(applyEdits(text, d.fixes![0].edits).includes('weight_filler { type: "xavier" }'));
  });

  it('matching pairs are quiet', () => {
    assert.deepEqual(lintOf(conv('type: "msra"'), SHAPES), []);
    assert.deepEqual(lintOf(conv('type: "xavier"', TANH), SHAPES), []);
  });
});

describe('lint: nonzero-mean-weights', () => {
  it('the default uniform U(0,1): mean 0.5 and how the mean grows per layer', () => {
    const text = conv('type: "uniform"');
    const [d] = withCode(lintOf(text, SHAPES), 'nonzero-mean-weights');
    assert.equal(d.severity, 'warning');
    assert.equal(at(text, d), 'weight_filler');
    // fan_in·E[W] = 27 · 0.5
    assert.equal(
      d.message,
      'weight_filler uniform [0, 1] has mean 0.5, not 0 (uniform defaults to [0, 1]). Each layer like this multiplies the signal\'s mean by fan_in·E[W] = 13.5, the same for every unit.',
    );
    assert.ok(applyEdits(text, d.fixes![0].edits).includes('weight_filler { type: "msra" }'));
  });

  it('constant weights: every unit identical', () => {
    const [d] = withCode(lintOf(conv('type: "constant" value: 0.1'), SHAPES), 'nonzero-mean-weights');
    assert.match(d.message, /every weight of "c" is 0\.1, so all 16 units compute the same output/);
  });

  it('positive_unitball: mean 1/fan_in', () => {
    const [d] = withCode(lintOf(conv('type: "positive_unitball"'), SHAPES), 'nonzero-mean-weights');
    assert.match(d.message, /has mean 0\.03704, not 0 \(every weight is positive; each row sums to 1\)\. .* fan_in·E\[W\] = 1,/);
  });

  it('symmetric uniform is fine', () => {
    assert.deepEqual(withCode(lintOf(conv('type: "uniform" min: -0.3 max: 0.3'), SHAPES), 'nonzero-mean-weights'), []);
  });
});

describe('lint: fan-filler-on-bias', () => {
  it('xavier as bias_filler: fan_in 1, variance 1, a fix to constant 0', () => {
    const text = INPUT + 'layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 16 kernel_size: 3 weight_filler { type: "msra" } bias_filler { type: "xavier" } } }\nlayer { name: "r" type: "ReLU" bottom: "c" top: "c" }\n';
    const [d] = withCode(lintOf(text, SHAPES), 'fan-filler-on-bias');
    assert.equal(at(text, d), 'bias_filler');
    assert.match(d.message, /^bias_filler xavier on c's 1-D bias: Caffe's fan_in for it is count\/shape\(0\) = 1, so the biases get variance 1 /);
    const fixed = applyEdits(text, d.fixes![0].edits);
    assert.ok(fixed.includes('bias_filler { type: "constant" value: 0 }'));
    assert.deepEqual(lintOf(fixed, SHAPES), []);
  });

  it('msra gives variance 2', () => {
    const text = INPUT + 'layer { name: "ip" type: "InnerProduct" bottom: "data" top: "ip" inner_product_param { num_output: 4 weight_filler { type: "xavier" } bias_filler { type: "msra" } } }\n';
    assert.match(withCode(lintOf(text), 'fan-filler-on-bias')[0].message, /variance 2 /);
  });
});

describe('lint: prelu-scale-filler', () => {
  const scale = (filler: string, after = '') =>
    INPUT + `layer { name: "s" type: "Scale" bottom: "data" top: "s" scale_param { ${filler} } }\n` + after;

  it('a Scale filled with 0 zeroes the signal', () => {
    const text = scale('filler { type: "constant" value: 0 }');
    const [d] = withCode(lintOf(text, { shapes: { s: [[3]] } }), 'prelu-scale-filler');
    assert.match(d.message, /multiply its input by 0/);
    assert.ok(applyEdits(text, d.fixes![0].edits).includes('filler { type: "constant" value: 1 }'));
  });

  it('unless it ends a residual branch (zero-init residual)', () => {
    const text = scale('filler { type: "constant" value: 0 }', 'layer { name: "sum" type: "Eltwise" bottom: "s" bottom: "data" top: "sum" }\n');
    assert.deepEqual(withCode(lintOf(text, { shapes: { s: [[3]] } }), 'prelu-scale-filler'), []);
  });

  it('a Scale of 10 grows the variance ×100', () => {
    const [d] = withCode(lintOf(scale('filler { type: "constant" value: 10 }'), { shapes: { s: [[3]] } }), 'prelu-scale-filler');
    assert.match(d.message, /E\[s²\] = 100: Scale "s" grows the signal's variance ×100/);
  });

  it('PReLU slopes of 3 pass (1+9)/2 of the second moment', () => {
    const text = INPUT + 'layer { name: "p" type: "PReLU" bottom: "data" top: "data" prelu_param { filler { type: "constant" value: 3 } } }\n';
    const [d] = withCode(lintOf(text, { shapes: { p: [[3]] } }), 'prelu-scale-filler');
    assert.match(d.message, /E\[a²\] = 9: it passes \(1\+E\[a²\]\)\/2 = 5 .* ×10 per layer/);
    assert.ok(applyEdits(text, d.fixes![0].edits).includes('filler { type: "constant" value: 0.25 }'));
  });

  it('defaults are fine', () => {
    const text = INPUT + 'layer { name: "p" type: "PReLU" bottom: "data" top: "data" }\nlayer { name: "s" type: "Scale" bottom: "data" top: "s" }\n';
    assert.deepEqual(lintOf(text, { shapes: { p: [[3]], s: [[3]] } }), []);
  });
});
