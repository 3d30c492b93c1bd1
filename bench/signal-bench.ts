/**
 * Issue 5's figures: how close the predicted forward variance is to a measured forward pass with the
 * same fillers on unit-Gaussian input (bench/reference-forward.ts), per net and scheme — the worst
 * layer's ratio predicted/measured (target: within ×1.25 on the plain nets; printed, not asserted) —
 * and the time of one propagation over ResNet-152. Reduced input sizes where the full one would be
 * slow; the prediction runs on the same size (settings.inputShapes), so InnerProduct's K agrees.
 * Run: `npm run bench -- signal`, or `node out/bench/signal-bench.js`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Analysis } from '../server/src/core/analysis';
import { propagate } from '../server/src/core/signal/propagate';
import { parseScheme, type Scheme } from '../server/src/core/signal/schemes';
import { corpusDir } from '../test/helpers/paths';
import { referenceForward, type FillerSpecLike, type Measured } from './reference-forward';
import { fmt, median, section, timeRuns } from './timing';

interface Case {
  name: string;
  text: string;
  input: Record<string, number[]>;
  schemes: string[];
  /**
   * Weight draws averaged for the measurement. One draw's pooled variance is noisy where a blob has
   * few channels and its values share per-channel offsets (ReLU outputs feeding the next layer give
   * each channel a random offset), so small nets average many draws at batch size 1.
   */
  draws: number;
  /** Printed as the worst layer only (no target). */
  reportOnly?: boolean;
}

const corpus = (p: string) => readFileSync(join(corpusDir, p), 'utf8');

/**
 * A plain stack of `depth` 3×3 convolutions with ReLU, 128 channels on 8×8, with the given weight
 * filler. Wide, because a narrow deep stack's measured variance is heavy-tailed across weight draws
 * (each layer multiplies it by a random gain), so a few draws' average sits below the expectation.
 */
export function convStack(depth: number, filler: string): string {
  const parts = ['name: "stack"', 'layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 1 dim: 128 dim: 8 dim: 8 } } }'];
  let bottom = 'data';
  for (let i = 1; i <= depth; i++) {
    parts.push(
      `layer { name: "conv${i}" type: "Convolution" bottom: "${bottom}" top: "conv${i}" convolution_param { num_output: 128 kernel_size: 3 pad: 1 weight_filler { ${filler} } } }`,
      `layer { name: "relu${i}" type: "ReLU" bottom: "conv${i}" top: "conv${i}" }`,
    );
    bottom = `conv${i}`;
  }
  return parts.join('\n') + '\n';
}

function cases(): Case[] {
  return [
    { name: 'LeNet', text: corpus('bvlc-caffe/examples/mnist/lenet.prototxt'), input: { data: [2, 1, 28, 28] }, schemes: ['as-written', 'msra'], draws: 200 },
    { name: 'CIFAR-10 quick', text: corpus('bvlc-caffe/examples/cifar10/cifar10_quick_train_test.prototxt'), input: { data: [1, 3, 32, 32] }, schemes: ['as-written', 'msra', 'xavier'], draws: 200 },
    { name: 'CIFAR-10 full', text: corpus('bvlc-caffe/examples/cifar10/cifar10_full_train_test.prototxt'), input: { data: [1, 3, 32, 32] }, schemes: ['as-written', 'msra'], draws: 200 },
    { name: 'CaffeNet', text: corpus('bvlc-caffe/models/bvlc_reference_caffenet/train_val.prototxt'), input: { data: [1, 3, 99, 99] }, schemes: ['as-written', 'msra'], draws: 60 },
    { name: 'VGG-16', text: corpus('fzliu-style-transfer/models/vgg16/VGG_ILSVRC_16_layers_deploy.prototxt'), input: { data: [1, 3, 32, 32] }, schemes: ['msra', 'xavier'], draws: 30 },
    { name: '20 conv+ReLU', text: convStack(20, 'type: "gaussian" std: 0.01'), input: {}, schemes: ['as-written', 'msra'], draws: 60 },
    { name: 'GoogLeNet', text: corpus('bvlc-caffe/models/bvlc_googlenet/train_val.prototxt'), input: { data: [1, 3, 224, 224] }, schemes: ['as-written'], draws: 1, reportOnly: true },
    {
      name: 'ResNet-50 (batch statistics)',
      // The deploy file fixes use_global_stats: true, whose zero statistics multiply by 1/√eps per BatchNorm.
      text: corpus('kaiminghe-deep-residual-networks/prototxt/ResNet-50-deploy.prototxt').replace(/use_global_stats:\s*true/g, 'use_global_stats: false'),
      input: { data: [1, 3, 224, 224] },
      schemes: ['msra'],
      draws: 1,
      reportOnly: true,
    },
  ];
}

function referenceFiller(s: Scheme): FillerSpecLike | undefined {
  return s.weightFiller && { ...s.weightFiller };
}

interface Worst {
  layer: string;
  ratio: number;
  predicted: number;
  measured: number;
  compared: number;
}

function compare(a: Analysis, scheme: Scheme, draws: number): Worst {
  const run = propagate({ net: a.net!, shapes: a.shapes, init: a.init }, scheme);
  // Pooled over every draw: E[x²] − E[x]² across the ensemble. (One draw's own sample variance is
  // biased low where a blob has few channels carrying random per-channel offsets, e.g. ip2's 10.)
  const sums = new Map<string, { mean: number; second: number }>();
  for (let d = 0; d < draws; d++) {
    const measured = referenceForward(a, { seed: 1000 + d, weightFiller: referenceFiller(scheme) });
    for (const [layer, tops] of measured) {
      tops.forEach((m: Measured, i) => {
        const key = `${layer.name}\u0000${i}`;
        const acc = sums.get(key) ?? { mean: 0, second: 0 };
        acc.mean += m.mean / draws;
        acc.second += (m.variance + m.mean * m.mean) / draws;
        sums.set(key, acc);
      });
    }
  }
  const measuredVariance = (key: string) => {
    const acc = sums.get(key);
    return acc && Math.max(0, acc.second - acc.mean * acc.mean);
  };
  let worst: Worst = { layer: '-', ratio: 1, predicted: NaN, measured: NaN, compared: 0 };
  let compared = 0;
  for (const ls of run.layers) {
    if (ls.head) continue;
    ls.forward.forEach((m, i) => {
      const measured = measuredVariance(`${ls.layer.name}\u0000${i}`);
      if (!m || measured === undefined) return;
      compared++;
      // Both zero (weights constant 0): agreement.
      const ratio = m.variance === 0 && measured === 0 ? 1 : m.variance / measured;
      const off = Math.max(ratio, 1 / ratio);
      if (!(off <= Math.max(worst.ratio, 1 / worst.ratio))) worst = { layer: ls.layer.name, ratio, predicted: m.variance, measured, compared: 0 };
    });
  }
  return { ...worst, compared };
}

export function signalAccuracy(only?: string): void {
  section('Signal propagation: predicted / measured forward variance, worst layer per net (target within ×1.25 on the plain nets)');
  for (const c of cases()) {
    if (only && !c.name.toLowerCase().includes(only.toLowerCase())) continue;
    for (const id of c.schemes) {
      const scheme = parseScheme(id)!;
      const a = analyze(c.text, { phase: 'TEST', inputShapes: c.input });
      const w = compare(a, scheme, c.draws);
      const off = Math.max(w.ratio, 1 / w.ratio);
      const verdict = c.reportOnly ? '(reported)' : off <= 1.25 ? 'ok' : 'OUTSIDE ×1.25';
      console.log(
        `${c.name.padEnd(30)} ${id.padEnd(11)} worst ${w.layer.padEnd(24)} ×${w.ratio.toFixed(3)} ` +
          `(predicted ${w.predicted.toExponential(3)}, measured ${w.measured.toExponential(3)}; ${w.compared} blobs) ${verdict}`,
      );
    }
  }
}

export function signalSpeed(): void {
  section('Signal propagation time, ResNet-152 deploy (target < 5 ms)');
  const a = analyze(corpus('kaiminghe-deep-residual-networks/prototxt/ResNet-152-deploy.prototxt'));
  const inputs = { net: a.net!, shapes: a.shapes, init: a.init };
  for (const id of ['as-written', 'msra']) {
    const scheme = parseScheme(id)!;
    const runs = timeRuns(() => propagate(inputs, scheme), 100, 50);
    console.log(`${id.padEnd(11)} ${a.net!.layers.length} layers: median ${fmt(median(runs))} ms (fastest ${fmt(runs[0])})`);
  }
  // The deploy file's use_global_stats: true makes msra overflow float32 after a few BatchNorms (1/√eps
  // each), which ends the walk early; with batch statistics every layer is computed.
  const batch = analyze(corpus('kaiminghe-deep-residual-networks/prototxt/ResNet-152-deploy.prototxt').replace(/use_global_stats:\s*true/g, 'use_global_stats: false'));
  const full = { net: batch.net!, shapes: batch.shapes, init: batch.init };
  const runs = timeRuns(() => propagate(full, parseScheme('msra')!), 100, 50);
  console.log(`msra, BatchNorm with batch statistics: median ${fmt(median(runs))} ms (fastest ${fmt(runs[0])})`);
  const whole = timeRuns(() => analyze(corpus('kaiminghe-deep-residual-networks/prototxt/ResNet-152-deploy.prototxt')), 20, 5);
  console.log(`whole analyze() with the as-written signal stage: median ${fmt(median(whole))} ms`);
}

if (require.main === module) {
  signalSpeed();
  signalAccuracy(process.argv[2]);
}
