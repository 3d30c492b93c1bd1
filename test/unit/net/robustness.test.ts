import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import { corpusText } from './net-helpers';

/** A small deterministic generator (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deletes, repeats and swaps lines: broken wiring, half-written layers, stray fields. */
function mutate(text: string, rnd: () => number): string {
  const lines = text.split('\n');
  for (let k = 0; k < 6; k++) {
    const i = Math.floor(rnd() * lines.length);
    const j = Math.floor(rnd() * lines.length);
    const op = rnd();
    if (op < 0.4) lines.splice(i, 1);
    else if (op < 0.7) lines.splice(i, 0, lines[j]);
    else [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  return lines.join('\n');
}

describe('net: robustness', () => {
  const sources = [
    'bvlc-caffe/examples/mnist/lenet_train_test.prototxt',
    'bvlc-caffe-legacy-v1/examples/mnist/lenet_train_test.prototxt',
    'bvlc-caffe-legacy-v0/examples/imagenet/imagenet_train.prototxt',
    'bvlc-caffe-legacy-v0/examples/lenet/lenet.prototxt',
    'cwlacewe-netscope/presets/1D_lstm.prototxt',
  ].map(corpusText);

  it('builds a net from every seeded mutation of legacy and current nets without throwing', () => {
    const rnd = random(20240611);
    let nets = 0;
    for (const text of sources) {
      for (let n = 0; n < 60; n++) {
        const mutated = mutate(text, rnd);
        for (const phase of ['TRAIN', 'TEST'] as const) {
          const a = analyze(mutated, { phase, stages: ['s'], level: 1 });
          if (a.net) nets++;
          for (const d of a.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= mutated.length && d.span.start <= d.span.end, `${d.code} span in range`);
        }
      }
    }
    assert.ok(nets > 500, `${nets} nets built`);
  });

  it('copes with odd but parseable shapes of layers', () => {
    const odd = [
      'layer [ { name: "a" type: "ReLU" bottom: "x" top: "x" }, { name: "b" } ]',
      'layer { } layers { } input: "x"',
      'layers { type: NONE top: "a" top: "a" bottom: "a" }',
      'layers { layer { type: "padding" } bottom: "x" top: "y" } layers { layer { type: "padding" } bottom: "y" top: "z" } layers { layer { type: "conv" } bottom: "z" bottom: "y" top: "c" }',
      'input: "a" input: "a" input_dim: [1, 1, 1, 1, 1, 1, 1, 1] layer { type: "Split" bottom: "a" top: "a" top: "a" }',
      'layer { name: "l" type: "LSTM" recurrent_param { expose_hidden: true } loss_weight: [1, 2, 3] include { } exclude { } phase: TRAIN }',
      'state { phase: TEST level: -5 stage: "" } layer { name: "x" type: "Input" include { min_level: 10 max_level: -10 } }',
    ];
    for (const text of odd) {
      for (const phase of ['TRAIN', 'TEST'] as const) assert.ok(analyze(text, { phase }).net, text);
    }
  });
});
