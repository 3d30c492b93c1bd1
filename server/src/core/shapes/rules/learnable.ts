/**
 * Layers that own parameter blobs (besides the convolutions and recurrent layers), with blobs_ in
 * Caffe's order and the filler each is drawn from:
 *   InnerProduct (inner_product_layer.cpp): weight (num_output, K) or (K, num_output) with
 *     transpose, K = bottom.count(axis); bias (num_output). Top: bottom.shape[0:axis] + num_output.
 *   Embed (embed_layer.cpp): weight (input_dim, num_output), bias (num_output); top: bottom + num_output.
 *   Scale / Bias (scale_layer.cpp, bias_layer.cpp): bottom.shape[axis : axis+num_axes] unless a
 *     second bottom supplies it; Scale's optional bias is shaped the same way.
 *   PReLU (prelu_layer.cpp): slope (C), or a scalar () with channel_shared.
 *   BatchNorm (batch_norm_layer.cpp): mean (C), variance (C), moving-average factor (1); statistics,
 *     never learned.
 *   Parameter (parameter_layer.hpp): one blob of parameter_param.shape, also its top.
 */
import type { LayerModel } from '../../net/model';
import type { MessageView } from '../../schema/message-view';
import { at, bottomSpan, canonicalAxis, check, checkEq, fieldSpan, finding, layerSpan } from '../check';
import { count } from '../dims';
import type { Dims, ParamBlob, ShapeRule } from '../types';
import { paramBlob } from './param-blob';

const fillerIn = (message: string) => (field: string) => ({ field, message });

export const innerProduct: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('inner_product_param');
  const n = p.number('num_output');
  const filler = fillerIn('inner_product_param');
  const b = bottoms[0];
  const axis = b ? canonicalAxis(p.number('axis'), b, at(layer, p, 'axis')) : undefined;
  const k = b && axis !== undefined ? count(b, axis) : null;
  const params: ParamBlob[] = [paramBlob('weight', p.bool('transpose') ? [k, n] : [n, k], filler('weight_filler'))];
  if (p.bool('bias_term')) params.push(paramBlob('bias', [n], filler('bias_filler')));
  const diagnostics = n > 0 ? [] : [finding(fieldSpan(layer, p, 'num_output'), 'warning', 'zero-num-output', `num_output is 0${p.has('num_output') ? '' : ' (not set)'}: '${layer.name}' produces no outputs.`)];
  const top = b && axis !== undefined ? [...b.slice(0, axis), n] : undefined;
  return { tops: [top], params, diagnostics };
};

export const embed: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('embed_param');
  const n = p.number('num_output');
  const k = p.number('input_dim');
  check(n > 0, 'shape-check', 'EmbedLayer num_output must be positive.', at(layer, p, 'num_output'));
  check(k > 0, 'shape-check', 'EmbedLayer input_dim must be positive.', at(layer, p, 'input_dim'));
  const filler = fillerIn('embed_param');
  const params = [paramBlob('weight', [k, n], filler('weight_filler'))];
  if (p.bool('bias_term')) params.push(paramBlob('bias', [n], filler('bias_filler')));
  const b = bottoms[0];
  return { tops: [b ? [...b, n] : undefined], params };
};

/**
 * The blob a one-bottom Scale/Bias learns: bottom.shape[axis : axis + num_axes] (num_axes −1: to
 * the end). With two bottoms bottom[1] is the blob; its axes must match bottom[0]'s from `axis`.
 */
function broadcastShape(layer: LayerModel, p: MessageView, b0: Dims, b1: Dims | undefined, what: 'scale' | 'bias'): Dims | undefined {
  const axisSpan = at(layer, p, 'axis');
  if (layer.bottoms.length > 1) {
    if (!b1) return undefined;
    const axis = b1.length === 0 ? 0 : canonicalAxis(p.number('axis'), b0, axisSpan);
    check(b0.length >= axis + b1.length, 'shape-check', () => `${what} blob's shape extends past bottom[0]'s shape when applied starting with bottom[0] axis = ${axis}`, () => bottomSpan(layer, 1));
    b1.forEach((d, i) => checkEq(b0[axis + i], d, 'shape-mismatch', () => `dimension mismatch between bottom[0]->shape(${axis + i}) and ${what}->shape(${i}): ${b0[axis + i]} vs ${d}`, () => bottomSpan(layer, 1)));
    return b1;
  }
  const axis = canonicalAxis(p.number('axis'), b0, axisSpan);
  const numAxes = p.number('num_axes');
  check(numAxes >= -1, 'shape-check', () => `num_axes must be non-negative, or -1 to extend to the end of bottom[0]`, at(layer, p, 'num_axes'));
  if (numAxes >= 0) {
    check(b0.length >= axis + numAxes, 'shape-check', () => `${what} blob's shape extends past bottom[0]'s shape when applied starting with bottom[0] axis = ${axis}`, at(layer, p, 'num_axes', 'axis'));
  }
  return b0.slice(axis, numAxes === -1 ? undefined : axis + numAxes);
}

export const scale: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('scale_param');
  const [b0, b1] = bottoms;
  if (!b0) return { tops: [undefined] };
  const shape = broadcastShape(layer, p, b0, b1, 'scale');
  const params: ParamBlob[] = [];
  if (layer.bottoms.length === 1 && shape) {
    params.push(paramBlob('scale', shape, { field: 'filler', message: 'scale_param' }, { defaultFiller: { type: 'constant', value: 1 } }));
  }
  if (p.bool('bias_term')) {
    // The internal BiasLayer sees bottom[0] alone, with num_axes = bottom[1]'s rank when given.
    const biasAxes = layer.bottoms.length > 1 ? (b1 ? b1.length : undefined) : p.number('num_axes');
    if (biasAxes !== undefined) {
      const axis = canonicalAxis(p.number('axis'), b0, at(layer, p, 'axis'));
      params.push(paramBlob('bias', b0.slice(axis, biasAxes === -1 ? undefined : axis + biasAxes), { field: 'bias_filler', message: 'scale_param' }));
    }
  }
  return { tops: [b0], params };
};

export const bias: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('bias_param');
  const [b0, b1] = bottoms;
  if (!b0) return { tops: [undefined] };
  const shape = broadcastShape(layer, p, b0, b1, 'bias');
  const params = layer.bottoms.length === 1 && shape ? [paramBlob('bias', shape, { field: 'filler', message: 'bias_param' })] : [];
  return { tops: [b0], params };
};

export const prelu: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('prelu_param');
  const b = bottoms[0];
  if (!b) return { tops: [undefined] };
  check(b.length >= 2, 'shape-check', 'Number of axes of bottom blob must be >=2.', () => bottomSpan(layer, 0));
  const slope = paramBlob('slope', p.bool('channel_shared') ? [] : [b[1]], { field: 'filler', message: 'prelu_param' }, { defaultFiller: { type: 'constant', value: 0.25 } });
  return { tops: [b], params: [slope] };
};

export const batchNorm: ShapeRule = ({ layer, bottoms }) => {
  const b = bottoms[0];
  if (!b) return { tops: [undefined] };
  const c = b.length === 1 ? 1 : b[1];
  const stat = { learnable: false };
  return {
    tops: [b],
    params: [paramBlob('mean', [c], undefined, stat), paramBlob('variance', [c], undefined, stat), paramBlob('moving-average-factor', [1], undefined, stat)],
  };
};

export const parameter: ShapeRule = ({ layer }) => {
  const shapeView = layer.view.message('parameter_param').message('shape');
  const dims = shapeView.numbers('dim');
  check(dims.every((d) => d >= 0), 'shape-check', () => `Blob dimensions must be non-negative: ${dims.join(' ')}.`, shapeView.span ?? layerSpan(layer));
  return { tops: [dims], params: [paramBlob('parameter', dims)] };
};
