import * as assert from 'node:assert/strict';
import { errorOf, paramsOf, runRule, topOf } from './shape-helpers';

// Expected sizes are worked out by hand from Caffe's formulas:
//   Convolution   out = (in + 2·pad − ext) / stride + 1, C++ integer division, ext = dilation·(k − 1) + 1
//   Deconvolution out = stride·(in − 1) + ext − 2·pad
const conv = (p: string) => `type: "Convolution" convolution_param { ${p} }`;
const deconv = (p: string) => `type: "Deconvolution" convolution_param { ${p} }`;

describe('shapes: Convolution (base_conv_layer.cpp, conv_layer.cpp)', () => {
  it('keeps the size with pad (k−1)/2 and stride 1, and shapes weight (out, C, k, k) and bias (out)', () => {
    // (32 + 2·2 − 5) / 1 + 1 = 32
    const run = runRule(conv('num_output: 16 kernel_size: 5 pad: 2'), [[2, 3, 32, 32]]);
    assert.deepEqual(run.tops, [[2, 16, 32, 32]]);
    assert.deepEqual(paramsOf(run), ['weight 16x3x5x5', 'bias 16']);
    assert.deepEqual(
      run.params.map((p) => [p.fillerMessage, p.fillerField, p.learnable]),
      [
        ['convolution_param', 'weight_filler', true],
        ['convolution_param', 'bias_filler', true],
      ],
    );
  });

  it('floors the stride division: AlexNet conv1, 227 with k 11 and stride 4 gives (227 − 11)/4 + 1 = 55', () => {
    assert.deepEqual(topOf(conv('num_output: 96 kernel_size: 11 stride: 4'), [[10, 3, 227, 227]]), [10, 96, 55, 55]);
    // (224 + 2·3 − 7) / 2 + 1 = 223/2 + 1 = 111 + 1 = 112 (ResNet conv1)
    assert.deepEqual(topOf(conv('num_output: 64 kernel_size: 7 pad: 3 stride: 2'), [[1, 3, 224, 224]]), [1, 64, 112, 112]);
  });

  it('reads the _h/_w forms of kernel, pad and stride', () => {
    // h: (10 + 2 − 3)/2 + 1 = 5; w: (20 + 0 − 5)/1 + 1 = 16
    const run = runRule(conv('num_output: 4 kernel_h: 3 kernel_w: 5 pad_h: 1 pad_w: 0 stride_h: 2 stride_w: 1'), [[1, 1, 10, 20]]);
    assert.deepEqual(run.tops, [[1, 4, 5, 16]]);
    assert.deepEqual(paramsOf(run), ['weight 4x1x3x5', 'bias 4']);
  });

  it('applies dilation to the kernel extent', () => {
    // ext = 2·(3 − 1) + 1 = 5: (32 + 4 − 5)/1 + 1 = 32; ext = 4·2 + 1 = 9: (32 − 9) + 1 = 24
    assert.deepEqual(topOf(conv('num_output: 8 kernel_size: 3 pad: 2 dilation: 2'), [[1, 8, 32, 32]]), [1, 8, 32, 32]);
    assert.deepEqual(topOf(conv('num_output: 8 kernel_size: 3 dilation: 4'), [[1, 8, 32, 32]]), [1, 8, 24, 24]);
    // Per-axis dilation: h ext 3 → 30, w ext 7 → 26
    assert.deepEqual(topOf(conv('num_output: 8 kernel_size: 3 dilation: 1 dilation: 3'), [[1, 8, 32, 32]]), [1, 8, 30, 26]);
  });

  it('divides the input channels among groups in the weight shape', () => {
    const run = runRule(conv('num_output: 9 kernel_size: 1 group: 3'), [[1, 6, 4, 4]]);
    assert.deepEqual(paramsOf(run), ['weight 9x2x1x1', 'bias 9']);
  });

  it('stops, as Caffe does, when channels or num_output are not multiples of group', () => {
    assert.match(errorOf(conv('num_output: 8 kernel_size: 1 group: 2'), [[1, 7, 4, 4]]), /^shape-check: Input channels \(7\) must be a multiple of group \(2\)/);
    assert.match(errorOf(conv('num_output: 10 kernel_size: 1 group: 4'), [[1, 8, 4, 4]]), /Number of output should be multiples of group/);
    assert.match(errorOf(conv('kernel_size: 1'), [[1, 8, 4, 4]]), /num_output must be positive/);
  });

  it('convolves N-D inputs with one kernel size per spatial axis', () => {
    // d: (8 − 3)/2 + 1 = 3; h: (9 − 1)/2 + 1 = 5; w: (10 − 5)/2 + 1 = 3
    const run = runRule(conv('num_output: 4 kernel_size: 3 kernel_size: 1 kernel_size: 5 stride: 2'), [[1, 2, 8, 9, 10]]);
    assert.deepEqual(run.tops, [[1, 4, 3, 5, 3]]);
    assert.deepEqual(paramsOf(run), ['weight 4x2x3x1x5', 'bias 4']);
    // One kernel_size applies to every axis: (8 − 3) + 1 = 6, (9 − 3) + 1 = 7, (10 − 3) + 1 = 8
    assert.deepEqual(topOf(conv('num_output: 4 kernel_size: 3'), [[1, 2, 8, 9, 10]]), [1, 4, 6, 7, 8]);
  });

  it("rejects per-axis lists of the wrong length and _h/_w outside 2-D, in Caffe's words", () => {
    assert.equal(
      errorOf(conv('num_output: 4 kernel_size: 3 kernel_size: 3'), [[1, 2, 8, 9, 10]]),
      'shape-check: kernel_size must be specified once, or once per spatial dimension (kernel_size specified 2 times; 3 spatial dims).',
    );
    assert.match(errorOf(conv('num_output: 4 kernel_h: 3 kernel_w: 3'), [[1, 2, 8, 9, 10]]), /kernel_h & kernel_w can only be used for 2D convolution/);
    assert.match(errorOf(conv('num_output: 4 kernel_size: 3 kernel_h: 3 kernel_w: 3'), [[1, 2, 8, 8]]), /Either kernel_size or kernel_h\/w should be specified; not both/);
  });

  it('treats the axes after `axis` as spatial and keeps the ones before it', () => {
    // channel axis 2 (C = 4), one spatial axis: (10 − 3)/1 + 1 = 8
    const run = runRule(conv('num_output: 5 kernel_size: 3 axis: 2'), [[2, 3, 4, 10]]);
    assert.deepEqual(run.tops, [[2, 3, 5, 8]]);
    assert.deepEqual(paramsOf(run), ['weight 5x4x3', 'bias 5']);
  });

  it('reports a kernel larger than its padded input: an error when the output is empty', () => {
    // (5 − 7)/1 + 1 = −1
    const run = runRule('name: "c" ' + conv('num_output: 4 kernel_size: 7'), [[1, 1, 5, 5]]);
    assert.deepEqual(run.tops, [[1, 4, -1, -1]]);
    assert.deepEqual(run.findings, ["kernel-exceeds-input: Output size -1 for 'c': kernel extent 7 is larger than the padded input 5 (5 + 2·0) along axes 2 and 3."]);
  });

  it('names only the axes that come out empty', () => {
    // h: (5 − 7)/2 truncates to −1, + 1 = 0; w: (5 − 3)/2 + 1 = 2
    const run = runRule(conv('num_output: 4 kernel_h: 7 kernel_w: 3 stride: 2'), [[1, 1, 5, 5]]);
    assert.deepEqual(run.tops, [[1, 4, 0, 2]]);
    assert.deepEqual(run.findings, ["kernel-exceeds-input: Output size 0 for 'L': kernel extent 7 is larger than the padded input 5 (5 + 2·0) along axis 2."]);
  });

  it('warns, with the size Caffe makes, when C++ truncation still leaves one output', () => {
    // (5 − 6)/2 truncates to 0, + 1 = 1
    const run = runRule(conv('num_output: 4 kernel_size: 6 stride: 2'), [[1, 1, 5, 5]]);
    assert.deepEqual(run.tops, [[1, 4, 1, 1]]);
    assert.deepEqual(run.findings, ["kernel-exceeds-input: In 'L' the kernel extent 6 is larger than the padded input 5 (5 + 2·0) along axes 2 and 3, giving 1 — Caffe still makes one output from the padding."]);
  });

  it('gives every top the shape of the first and requires equal bottoms', () => {
    const run = runRule('type: "Convolution" bottom: "a" bottom: "b" top: "x" top: "y" convolution_param { num_output: 2 kernel_size: 1 bias_term: false }', [
      [1, 3, 4, 4],
      [1, 3, 4, 4],
    ]);
    assert.deepEqual(run.tops, [
      [1, 2, 4, 4],
      [1, 2, 4, 4],
    ]);
    assert.deepEqual(paramsOf(run), ['weight 2x3x1x1']);
    assert.match(errorOf('type: "Convolution" bottom: "a" bottom: "b" top: "x" top: "y" convolution_param { num_output: 2 kernel_size: 1 }', [[1, 3, 4, 4], [1, 3, 5, 4]]), /^shape-mismatch: All inputs must have the same shape/);
  });

  it('keeps what it knows when the input channels are unknown (after a Data layer)', () => {
    const run = runRule(conv('num_output: 96 kernel_size: 11 stride: 4'), [[256, null, 227, 227]]);
    assert.deepEqual(run.tops, [[256, 96, 55, 55]]);
    assert.deepEqual(run.params[0].dims, [96, null, 11, 11]);
    assert.equal(run.params[0].shape, undefined);
    assert.deepEqual(run.params[1].shape, [96]);
  });
});

describe('shapes: Deconvolution (deconv_layer.cpp)', () => {
  it('upsamples with stride·(in − 1) + ext − 2·pad and shapes weight (C_in, out/group, k, k)', () => {
    // 2·(14 − 1) + 4 − 2 = 28
    const run = runRule(deconv('num_output: 8 kernel_size: 4 stride: 2 pad: 1'), [[1, 16, 14, 14]]);
    assert.deepEqual(run.tops, [[1, 8, 28, 28]]);
    assert.deepEqual(paramsOf(run), ['weight 16x8x4x4', 'bias 8']);
    assert.deepEqual(paramsOf(runRule(deconv('num_output: 8 kernel_size: 4 stride: 2 group: 2'), [[1, 16, 14, 14]])), ['weight 16x4x4x4', 'bias 8']);
  });

  it('applies dilation: 1·(10 − 1) + (2·2 + 1) − 0 = 14', () => {
    assert.deepEqual(topOf(deconv('num_output: 3 kernel_size: 3 dilation: 2'), [[1, 3, 10, 10]]), [1, 3, 14, 14]);
  });

  it('reports an output emptied by padding', () => {
    // 1·(1 − 1) + 1 − 2·1 = −1
    const run = runRule(deconv('num_output: 3 kernel_size: 1 pad: 1'), [[1, 3, 1, 1]]);
    assert.match(run.findings[0], /^kernel-exceeds-input: Output size -1/);
  });
});

describe('shapes: Im2col (im2col_layer.cpp)', () => {
  it('stacks C·kh·kw columns over the convolution output grid', () => {
    // 3·3·3 = 27 columns; (8 − 3)/1 + 1 = 6
    const run = runRule('type: "Im2col" convolution_param { kernel_size: 3 }', [[1, 3, 8, 8]]);
    assert.deepEqual(run.tops, [[1, 27, 6, 6]]);
    assert.deepEqual(run.params, []);
  });
});
