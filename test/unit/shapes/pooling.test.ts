import * as assert from 'node:assert/strict';
import { errorOf, runRule, topOf } from './shape-helpers';

// Caffe's pooling size: out = ceil((in + 2·pad − k) / stride) + 1 (floor with round_mode FLOOR);
// with padding, if (out − 1)·stride ≥ in + pad the last window would start in the padding: out − 1.
const pool = (p: string) => `type: "Pooling" pooling_param { ${p} }`;

describe('shapes: Pooling (pooling_layer.cpp)', () => {
  it('rounds up: AlexNet pool1 ceil((55 − 3)/2) + 1 = 27, GoogLeNet pool1 ceil((112 − 3)/2) + 1 = 56', () => {
    assert.deepEqual(topOf(pool('pool: MAX kernel_size: 3 stride: 2'), [[10, 96, 55, 55]]), [10, 96, 27, 27]);
    assert.deepEqual(topOf(pool('pool: MAX kernel_size: 3 stride: 2'), [[10, 64, 112, 112]]), [10, 64, 56, 56]);
  });

  it('rounds down with round_mode FLOOR', () => {
    // ceil(3/2) + 1 = 3; floor(3/2) + 1 = 2
    assert.deepEqual(topOf(pool('kernel_size: 3 stride: 2'), [[1, 1, 6, 6]]), [1, 1, 3, 3]);
    assert.deepEqual(topOf(pool('kernel_size: 3 stride: 2 round_mode: FLOOR'), [[1, 1, 6, 6]]), [1, 1, 2, 2]);
  });

  it('clips a last window that would start in the padding', () => {
    // ceil((7 + 2 − 2)/2) + 1 = 5, and (5 − 1)·2 = 8 ≥ 7 + 1: 4
    assert.deepEqual(topOf(pool('kernel_size: 2 stride: 2 pad: 1'), [[1, 1, 7, 7]]), [1, 1, 4, 4]);
    // ceil((5 + 2 − 3)/2) + 1 = 3, and (3 − 1)·2 = 4 < 5 + 1: kept
    assert.deepEqual(topOf(pool('kernel_size: 3 stride: 2 pad: 1'), [[1, 1, 5, 5]]), [1, 1, 3, 3]);
    // ResNet pool1: ceil((112 + 2 − 3)/2) + 1 = 57, (57 − 1)·2 = 112 ≥ 112 + 1? no: 57
    assert.deepEqual(topOf(pool('kernel_size: 3 stride: 2 pad: 1'), [[1, 64, 112, 112]]), [1, 64, 57, 57]);
  });

  it('clips both axes once either is padded, as Caffe checks pad_h || pad_w', () => {
    // Unpadded: h ceil((6 − 2)/3) + 1 = 3, w ceil((5 − 1)/3) + 1 = 3.
    // pad_h 1: h ceil((6 + 2 − 2)/3) + 1 = 3 and (3 − 1)·3 = 6 < 6 + 1, kept; w is still 3 before the
    // clip, but now (3 − 1)·3 = 6 ≥ 5 + 0 clips it to 2.
    assert.deepEqual(topOf(pool('kernel_h: 2 kernel_w: 1 stride: 3'), [[1, 1, 6, 5]]), [1, 1, 3, 3]);
    assert.deepEqual(topOf(pool('kernel_h: 2 kernel_w: 1 stride: 3 pad_h: 1 pad_w: 0'), [[1, 1, 6, 5]]), [1, 1, 3, 2]);
  });

  it('pools globally to 1×1, even when the input size is unknown', () => {
    assert.deepEqual(topOf(pool('pool: AVE global_pooling: true'), [[2, 1024, 7, 7]]), [2, 1024, 1, 1]);
    assert.deepEqual(topOf(pool('pool: AVE global_pooling: true'), [[2, 1024, null, null]]), [2, 1024, 1, 1]);
    assert.equal(errorOf(pool('global_pooling: true kernel_size: 7'), [[2, 1024, 7, 7]]), 'shape-check: With Global_pooling: true Filter size cannot specified');
    assert.equal(errorOf(pool('global_pooling: true stride: 2'), [[2, 1024, 7, 7]]), 'shape-check: With Global_pooling: true; only pad = 0 and stride = 1');
  });

  it('reads kernel_h/kernel_w, stride_h/stride_w and pad_h/pad_w', () => {
    // h: ceil((8 − 2)/2) + 1 = 4; w: ceil((9 − 3)/3) + 1 = 3
    assert.deepEqual(topOf(pool('kernel_h: 2 kernel_w: 3 stride_h: 2 stride_w: 3'), [[1, 1, 8, 9]]), [1, 1, 4, 3]);
    // h: ceil((4 + 2 − 3)/1) + 1 = 4; w: ceil((4 − 3)/1) + 1 = 2
    assert.deepEqual(topOf(pool('kernel_size: 3 pad_h: 1 pad_w: 0'), [[1, 1, 4, 4]]), [1, 1, 4, 2]);
  });

  it("rejects mixed or partial kernel, pad and stride forms in Caffe's words", () => {
    assert.equal(
      errorOf(pool('kernel_size: 3 kernel_h: 3 kernel_w: 3'), [[1, 1, 8, 8]]),
      'shape-check: Filter size is kernel_size OR kernel_h and kernel_w; not both (given: kernel_size, kernel_h, kernel_w)',
    );
    // Caffe's first CHECK fires for a half-given or missing kernel too (its second one never does).
    assert.equal(errorOf(pool('kernel_h: 3'), [[1, 1, 8, 8]]), 'shape-check: Filter size is kernel_size OR kernel_h and kernel_w; not both (given: kernel_h)');
    assert.equal(errorOf(pool('stride: 2'), [[1, 1, 8, 8]]), 'shape-check: Filter size is kernel_size OR kernel_h and kernel_w; not both (none given)');
    assert.equal(errorOf(pool('kernel_size: 3 pad: 1 pad_h: 1'), [[1, 1, 8, 8]]), 'shape-check: pad is pad OR pad_h and pad_w are required.');
    assert.equal(errorOf(pool('kernel_size: 3 stride_w: 2'), [[1, 1, 8, 8]]), 'shape-check: Stride is stride OR stride_h and stride_w are required.');
  });

  it('requires pad < kernel and refuses padding for stochastic pooling', () => {
    assert.match(errorOf(pool('kernel_size: 2 pad: 2'), [[1, 1, 8, 8]]), /^shape-check: pad_h \(2\) must be smaller than kernel_h \(2\)/);
    assert.equal(errorOf(pool('pool: STOCHASTIC kernel_size: 3 pad: 1'), [[1, 1, 8, 8]]), 'shape-check: Padding implemented only for average and max pooling.');
  });

  it('needs a 4-axis input', () => {
    assert.match(errorOf(pool('kernel_size: 2'), [[1, 8, 8]]), /^shape-check: Input must have 4 axes, corresponding to \(num, channels, height, width\)/);
  });

  it('reports a kernel larger than the padded input: empty output is an error, one output from ceil a warning', () => {
    // ceil((3 − 5)/2) + 1 = −1 + 1 = 0
    const empty = runRule('name: "p" ' + pool('kernel_size: 5 stride: 2'), [[1, 1, 3, 3]]);
    assert.deepEqual(empty.tops, [[1, 1, 0, 0]]);
    assert.deepEqual(empty.findings, ["kernel-exceeds-input: Output size 0 for 'p': kernel 5 is larger than the padded input 3 (3 + 2·0) along axes 2 and 3."]);
    // ceil((4 − 5)/2) + 1 = 0 + 1 = 1
    const one = runRule(pool('kernel_size: 5 stride: 2'), [[1, 1, 4, 4]]);
    assert.deepEqual(one.tops, [[1, 1, 1, 1]]);
    assert.match(one.findings[0], /^kernel-exceeds-input: In 'L' the kernel 5 is larger than the padded input 4 \(4 \+ 2·0\) along axes 2 and 3, giving 1 — Caffe still makes one output with its ceil rounding\.$/);
  });

  it('gives the optional mask top the output shape', () => {
    const run = runRule('type: "Pooling" top: "p" top: "mask" pooling_param { kernel_size: 2 stride: 2 }', [[1, 3, 8, 8]]);
    assert.deepEqual(run.tops, [
      [1, 3, 4, 4],
      [1, 3, 4, 4],
    ]);
  });
});

describe('shapes: SPP (spp_layer.cpp)', () => {
  it('concatenates the flattened pyramid levels: 256·(1 + 4 + 16) = 5376 for 13×13 and pyramid_height 3', () => {
    // level 0: k 13, pad 0 → 1×1; level 1: k 7, pad 1, stride 7 → ceil(8/7) + 1 = 3, clipped to 2;
    // level 2: k 4, pad 2, stride 4 → ceil(13/4) + 1 = 5, clipped to 4.
    assert.deepEqual(topOf('type: "SPP" spp_param { pyramid_height: 3 }', [[2, 256, 13, 13]]), [2, 256 * (1 + 4 + 16)]);
  });

  it('returns the single pooling output for pyramid_height 1', () => {
    assert.deepEqual(topOf('type: "SPP" spp_param { pyramid_height: 1 }', [[2, 256, 13, 13]]), [2, 256, 1, 1]);
  });

  it('keeps the batch when the spatial size is unknown', () => {
    assert.deepEqual(topOf('type: "SPP" spp_param { pyramid_height: 2 }', [[2, 256, null, 13]]), [2, null]);
  });
});
