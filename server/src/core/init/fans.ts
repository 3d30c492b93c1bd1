/**
 * fan_in and fan_out exactly as Caffe's xavier and msra fillers compute them
 * (include/caffe/filler.hpp, BVLC/caffe): fan_in = count / shape(0);
 * fan_out = count / shape(1) when the blob has two or more axes, else count.
 * They are properties of the blob's layout, not of the layer: for Deconvolution, whose weight is
 * (C_in, num_output/group, kh, kw), Caffe's "fan_in" counts the output side.
 */
import type { Shape } from '../shapes/types';
import type { VarianceNorm } from './filler-spec';

export interface Fans {
  fanIn: number;
  fanOut: number;
}

export function blobCount(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function caffeFans(shape: Shape): Fans {
  const count = blobCount(shape);
  // A 0-axis blob (PReLU with channel_shared) holds one value; legacy num() reads it as 1.
  const fanIn = shape.length > 0 && shape[0] > 0 ? count / shape[0] : count;
  const fanOut = shape.length > 1 && shape[1] > 0 ? count / shape[1] : count;
  return { fanIn, fanOut };
}

/** n for xavier and msra: fan_in, fan_out, or their average per variance_norm (filler.hpp). */
export function normDivisor(fans: Fans, norm: VarianceNorm): number {
  return norm === 'FAN_OUT' ? fans.fanOut : norm === 'AVERAGE' ? (fans.fanIn + fans.fanOut) / 2 : fans.fanIn;
}

/** Layer types whose weight layout makes Caffe's fan_in the output side and fan_out the input side. */
const REVERSED_FANS: Record<string, string> = {
  Deconvolution:
    'Deconvolution stores its weight as (C_in, num_output/group, kh, kw), so Caffe\'s fan_in counts the output side ' +
    '(num_output/group·kh·kw) and fan_out the input side (C_in·kh·kw).',
  Embed:
    'Embed stores its weight as (input_dim, num_output), so Caffe\'s fan_in is num_output; each output reads a single ' +
    'row (the input is an index), not a sum over inputs.',
};

/** Why this layer's fans read the other way round, or undefined. */
export function reversedFansNote(layerType: string, role: string, transpose = false): string | undefined {
  if (role !== 'weight') return undefined;
  if (layerType === 'InnerProduct' && transpose) {
    return 'With transpose: true InnerProduct stores its weight as (K, num_output), so Caffe\'s fan_in is num_output and fan_out is K.';
  }
  return REVERSED_FANS[layerType];
}
