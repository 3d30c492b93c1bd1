/**
 * Layers whose tops are shaped like their bottom: the neuron layers (NeuronLayer::Reshape,
 * src/caffe/layers/neuron_layer.cpp), Split (every top), Softmax, MVN, LRN, and Eltwise (whose
 * bottoms must all agree, eltwise_layer.cpp). Silence has no tops.
 */
import { at, bottomSpan, canonicalAxis, check } from '../check';
import { compatible, merge, shapeString } from '../dims';
import type { ShapeRule } from '../types';

/** Every top takes bottom[0]'s shape; in-place use simply overwrites the same blob. */
export const sameAsBottom: ShapeRule = ({ layer, bottoms }) => ({ tops: layer.tops.map(() => bottoms[0]) });

export const silence: ShapeRule = () => ({ tops: [] });

export const softmax: ShapeRule = ({ layer, bottoms }) => {
  const b = bottoms[0];
  if (b) {
    const p = layer.view.message('softmax_param');
    canonicalAxis(p.number('axis'), b, at(layer, p, 'axis'));
  }
  return sameAsBottom({ layer, bottoms });
};

/** lrn_layer.cpp: odd local_size (LayerSetUp) and a 4-axis input (Reshape). */
export const lrn: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('lrn_param');
  check(p.number('local_size') % 2 === 1, 'shape-check', 'LRN only supports odd values for local_size', at(layer, p, 'local_size'));
  const b = bottoms[0];
  if (b) check(b.length === 4, 'shape-check', () => `Input must have 4 axes, corresponding to (num, channels, height, width); got ${b.length}.`, () => bottomSpan(layer, 0));
  return sameAsBottom({ layer, bottoms });
};

export const eltwise: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('eltwise_param');
  const coeffs = p.numbers('coeff').length;
  check(coeffs === 0 || coeffs === bottoms.length, 'shape-check', () => `Eltwise Layer takes one coefficient per bottom blob (${coeffs} coefficients, ${bottoms.length} bottoms).`, at(layer, p, 'coeff'));
  check(!(p.enumName('operation') === 'PROD' && coeffs > 0), 'shape-check', 'Eltwise layer only takes coefficients for summation.', at(layer, p, 'coeff'));
  const b0 = bottoms[0];
  let top = b0;
  for (let i = 1; i < bottoms.length; i++) {
    const bi = bottoms[i];
    if (!b0 || !bi || !top) continue;
    check(
      compatible(b0, bi),
      'shape-mismatch',
      () => `Eltwise inputs must have the same shape — bottom[0]: ${shapeString(b0)}, bottom[${i}]: ${shapeString(bi)}`,
      () => bottomSpan(layer, i),
    );
    top = merge(top, bi);
  }
  return { tops: layer.tops.map(() => top) };
};
