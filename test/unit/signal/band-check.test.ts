/** signal-out-of-band through analyze(): the first layer leaving the band, the direction, the value, and the schemes that keep it inside. */
import * as assert from 'node:assert/strict';
import { analysisSteps, analyze } from '../../../server/src/core/analysis';
import { finishSteps } from '../../../server/src/core/steps';
import { convReluStack } from '../../helpers/nets';

/** `depth` 3×3 convolutions + ReLU, 16 channels on 8×8, with the given weight filler. */
const stack = (depth: number, filler: string) => convReluStack(depth, filler, 16, 8);

const bandFindings = (text: string, band?: [number, number]) => analyze(text, band ? { signalBand: band } : {}).diagnostics.filter((d) => d.code === 'signal-out-of-band');

describe('signal-out-of-band', () => {
  it('a 10-layer gaussian 0.01 stack: forward vanishes at relu1, backward at conv10; msra keeps both inside', () => {
    const text = stack(10, 'type: "gaussian" std: 0.01');
    const found = bandFindings(text);
    assert.equal(found.length, 2);
    const [fwd, bwd] = found.sort((a, b) => a.span.start - b.span.start);
    assert.equal(fwd.severity, 'information');
    // conv1: 144·1e-4·(2.75/3)² = 0.0121 is inside; relu1 keeps (1/2 − 1/2π) of it: 0.00412.
    assert.equal(text.slice(fwd.span.start, fwd.span.end), '"relu1"');
    assert.match(fwd.message, /^Forward signal vanishes at "relu1" \(ReLU\): its output variance is 0\.00412 times the input's, outside the healthy band \[0\.01, 100\]/);
    assert.match(fwd.message, /Filling the weights with msra keeps every layer inside\.$/);
    // Xavier halves the signal at every ReLU: 2^-10 leaves the band, so it is not named.
    assert.doesNotMatch(fwd.message, /xavier/);
    // relu10 halves the unit gradient; conv10 sends back 16·2.75²·1e-4 of it (2.75 = the average number
    // of 3×3 taps, with pad 1 on 8 positions, that read an input): 0.00605.
    assert.equal(text.slice(bwd.span.start, bwd.span.end), '"conv10"');
    assert.match(bwd.message, /^Backward gradient vanishes at "conv10" \(Convolution\): the gradient it sends back has a second moment 0\.00605 times/);
    assert.match(bwd.message, /msra/);
  });

  it('an msra stack stays inside; the band setting decides', () => {
    assert.deepEqual(bandFindings(stack(10, 'type: "msra"')), []);
    // xavier halves the variance at every ReLU: about 2^-10 after ten layers.
    const xavier = stack(10, 'type: "xavier"');
    const reported = bandFindings(xavier);
    assert.ok(reported.length > 0);
    assert.match(reported[0].message, /\[0\.01, 100\]/);
    assert.match(reported[0].message, /msra/);
    assert.deepEqual(bandFindings(xavier, [1e-5, 1e5]), []);
  });

  it('stays quiet where no scheme would keep the chain inside (the weights are not the cause)', () => {
    // A band no scheme can meet on this padded stack: the rim shrinks every layer a little.
    assert.deepEqual(bandFindings(stack(10, 'type: "msra"'), [0.9, 1.1]), []);
    // A classifier's backward step scales the gradient by n_out/n_in whatever the scheme.
    const classifier = stack(2, 'type: "msra"') +
      'layer { name: "fc" type: "InnerProduct" bottom: "conv2" top: "fc" inner_product_param { num_output: 2 weight_filler { type: "xavier" } } }\n' +
      'layer { name: "label" type: "Input" top: "label" input_param { shape { dim: 1 } } }\n' +
      'layer { name: "loss" type: "SoftmaxWithLoss" bottom: "fc" bottom: "label" top: "loss" }\n';
    assert.deepEqual(bandFindings(classifier), []);
  });

  it('names xavier for a linear stack where msra doubles the variance every layer', () => {
    const linear = stack(10, 'type: "msra"').replace(/layer \{ name: "relu\d+"[^\n]*\n/g, '');
    const d = bandFindings(linear).find((x) => x.message.startsWith('Forward'))!;
    // msra without ReLU: ×2 per layer, less at the padded rim (×2·(2.75/3)² = ×1.68 on the first layer;
    // deeper, only the rim lags behind): past 100 at conv8.
    assert.match(d.message, /^Forward signal explodes at "conv8"/);
    assert.match(d.message, /Filling the weights with xavier or glorot keeps every layer inside\./);
  });

  it('stays quiet for a deploy net without fillers (its weights come from a .caffemodel)', () => {
    const deploy = stack(3, 'type: "msra"').replace(/ weight_filler \{ type: "msra" \}/g, '');
    assert.deepEqual(bandFindings(deploy), []);
  });
});

describe('signal stage, a propagation at a time', () => {
  it('pauses after the as-written run and after each scheme the band check compares, and resumed gives the band finding', () => {
    const text = stack(10, 'type: "gaussian" std: 0.01');
    const steps = analysisSteps(text);
    // Syntax, schema, net and shapes+init pause once each before the signal stage begins.
    for (let i = 0; i < 4; i++) assert.equal(steps.next().done, false);
    const resumed = finishSteps(steps);
    assert.ok(resumed.diagnostics.some((d) => d.code === 'signal-out-of-band'), 'the as-written signal leaves the band');
    assert.deepEqual(resumed.diagnostics.map((d) => d.message), analyze(text).diagnostics.map((d) => d.message));

    const pauses = (t: string) => {
      const s = analysisSteps(t);
      let n = 0;
      while (!s.next().done) n++;
      return n;
    };
    // Leaving the band: xavier, msra and glorot are compared, one pause before each.
    assert.equal(pauses(text), 5 + 3);
    // Inside the band: the as-written run alone.
    assert.equal(pauses(stack(10, 'type: "msra"')), 5);
  });
});
