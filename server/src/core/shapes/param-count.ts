/**
 * How many numbers a net stores in its parameter blobs: the learnable ones (what papers quote as
 * "parameters") and the statistics (BatchNorm's mean, variance and moving-average factor, which
 * Caffe keeps in blobs_ but never trains). Blobs whose shape is not fully known are counted apart.
 */
import type { ShapeResult } from './types';

export interface ParamCount {
  learnable: number;
  statistics: number;
  /** Parameter blobs left out of the sums because an axis is unknown. */
  unknownBlobs: number;
}

export function countParams(result: ShapeResult): ParamCount {
  const out: ParamCount = { learnable: 0, statistics: 0, unknownBlobs: 0 };
  for (const layer of result.layers) {
    for (const p of layer.params) {
      if (!p.shape) {
        out.unknownBlobs++;
        continue;
      }
      const n = p.shape.reduce((a, b) => a * b, 1);
      if (p.learnable) out.learnable += n;
      else out.statistics += n;
    }
  }
  return out;
}
