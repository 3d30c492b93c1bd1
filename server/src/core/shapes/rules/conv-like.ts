/**
 * Convolution, Deconvolution and Im2col: N-D over the axes after `axis` (default 1), with
 * BaseConvolutionLayer's parameter reading (src/caffe/layers/base_conv_layer.cpp) and each
 * layer's compute_output_shape:
 *   Convolution (conv_layer.cpp):     out = (in + 2·pad − ext) / stride + 1   (C++ int division)
 *   Deconvolution (deconv_layer.cpp): out = stride·(in − 1) + ext − 2·pad
 *   Im2col (im2col_layer.cpp):        channels × Πkernel, spatial as Convolution
 * where ext = dilation·(kernel − 1) + 1.
 */
import type { Diagnostic } from '../../diagnostics';
import type { LayerModel } from '../../net/model';
import type { MessageView } from '../../schema/message-view';
import { at, bottomSpan, canonicalAxis, check, fieldSpan, finding } from '../check';
import { cdiv, compatible, mul, shapeString } from '../dims';
import type { Dim, Dims, ShapeRule, ShapeRuleOutput } from '../types';
import { kernelSpan, readConvGeometry, type ConvGeometry } from './conv-geometry';
import { oversizedKernelFinding, type OversizedAxis } from './oversized-kernel';
import { paramBlob } from './param-blob';

interface Spatial {
  out: Dim[];
  diagnostics: Diagnostic[];
}

function convOutput(layer: LayerModel, p: MessageView, input: Dims, g: ConvGeometry, axis0: number): Spatial {
  const oversized: OversizedAxis[] = [];
  const out = g.kernel.map((k, i) => {
    const inDim = input[axis0 + i];
    if (inDim === null) return null;
    const ext = g.dilation[i] * (k - 1) + 1;
    const padded = inDim + 2 * g.pad[i];
    const o = cdiv(padded - ext, g.stride[i]) + 1;
    if (padded < ext) {
      const dilated = g.dilation[i] > 1 ? ` (kernel ${k}, dilation ${g.dilation[i]})` : '';
      oversized.push({ axis: axis0 + i, what: `kernel extent ${ext}${dilated} is larger than the padded input ${padded} (${inDim} + 2·${g.pad[i]})`, out: o });
    }
    return o;
  });
  // C++ division truncates toward zero, so an extent up to `stride − 1` too large still gives 1.
  const found = oversizedKernelFinding(layer.name, kernelSpan(layer, p), oversized, 'from the padding');
  return { out, diagnostics: found ? [found] : [] };
}

function deconvOutput(layer: LayerModel, p: MessageView, input: Dims, g: ConvGeometry, axis0: number): Spatial {
  const diagnostics: Diagnostic[] = [];
  const out = g.kernel.map((k, i) => {
    const inDim = input[axis0 + i];
    if (inDim === null) return null;
    const o = g.stride[i] * (inDim - 1) + g.dilation[i] * (k - 1) + 1 - 2 * g.pad[i];
    if (o <= 0) {
      diagnostics.push(
        finding(fieldSpan(layer, p, 'pad', 'pad_h', 'pad_w'), 'error', 'kernel-exceeds-input', `Output size ${o} for '${layer.name}' along axis ${axis0 + i}: pad ${g.pad[i]} removes more than the upsampled extent.`),
      );
    }
    return o;
  });
  return { out, diagnostics };
}

/** What the three layers share: axis, geometry, every bottom of one shape (base_conv_layer.cpp Reshape). */
function setUp(layer: LayerModel, bottoms: (Dims | undefined)[]) {
  const p = layer.view.message('convolution_param');
  const b0 = bottoms[0];
  if (!b0) return undefined;
  const channelAxis = canonicalAxis(p.number('axis'), b0, at(layer, p, 'axis'));
  const spatial = b0.length - channelAxis - 1;
  const g = readConvGeometry(layer, p, spatial);
  for (let i = 1; i < bottoms.length; i++) {
    const bi = bottoms[i];
    check(!bi || compatible(b0, bi), 'shape-mismatch', () => `All inputs must have the same shape: bottom[0] is ${shapeString(b0)}, bottom[${i}] is ${shapeString(bi ?? [])}.`, () => bottomSpan(layer, i));
  }
  return { p, b0, channelAxis, spatial, g };
}

function checkGroups(layer: LayerModel, p: MessageView, channels: Dim): { numOutput: number; group: number } {
  const numOutput = p.number('num_output');
  const group = p.number('group');
  check(numOutput > 0, 'shape-check', () => `num_output must be positive (Check failed: num_output_ > 0), got ${numOutput}.`, at(layer, p, 'num_output'));
  check(group > 0, 'shape-check', () => `group must be positive, got ${group}.`, at(layer, p, 'group'));
  check(channels === null || channels % group === 0, 'shape-check', () => `Input channels (${channels}) must be a multiple of group (${group}) (Check failed: channels_ % group_ == 0).`, at(layer, p, 'group'));
  check(numOutput % group === 0, 'shape-check', () => `Number of output should be multiples of group (num_output ${numOutput}, group ${group}).`, at(layer, p, 'num_output', 'group'));
  return { numOutput, group };
}

function weightAndBias(p: MessageView, first: number | Dim, second: Dim, kernel: number[], numOutput: number) {
  const filler = (field: string) => ({ field, message: 'convolution_param' });
  const params = [paramBlob('weight', [first, second, ...kernel], filler('weight_filler'))];
  if (p.bool('bias_term')) params.push(paramBlob('bias', [numOutput], filler('bias_filler')));
  return params;
}

function convLike(reverse: boolean): ShapeRule {
  return ({ layer, bottoms }) => {
    const s = setUp(layer, bottoms);
    if (!s) return { tops: layer.tops.map(() => undefined) };
    const { p, b0, channelAxis, g } = s;
    const channels = b0[channelAxis];
    const { numOutput, group } = checkGroups(layer, p, channels);
    const spatial = (reverse ? deconvOutput : convOutput)(layer, p, b0, g, channelAxis + 1);
    const top: Dims = [...b0.slice(0, channelAxis), numOutput, ...spatial.out];
    // blobs_[0]: (conv_out_channels, conv_in_channels / group, kernel…); Deconvolution swaps in and out.
    const params = reverse
      ? weightAndBias(p, channels, numOutput / group, g.kernel, numOutput)
      : weightAndBias(p, numOutput, channels === null ? null : channels / group, g.kernel, numOutput);
    return { tops: layer.tops.map(() => top), params, diagnostics: spatial.diagnostics };
  };
}

export const convolution: ShapeRule = convLike(false);
export const deconvolution: ShapeRule = convLike(true);

export const im2col: ShapeRule = ({ layer, bottoms }): ShapeRuleOutput => {
  const s = setUp(layer, bottoms);
  if (!s) return { tops: layer.tops.map(() => undefined) };
  const { p, b0, channelAxis, g } = s;
  const spatial = convOutput(layer, p, b0, g, channelAxis + 1);
  const top: Dims = [...b0.slice(0, channelAxis), mul(b0[channelAxis], ...g.kernel), ...spatial.out];
  return { tops: layer.tops.map(() => top), diagnostics: spatial.diagnostics };
};

