/**
 * Which layers should build a spatial kernel: those whose output can reach a pooling layer through
 * layers that carry one (convolutions, activations, normalisations, affine maps, sums, copies). Only
 * pooling windows read the structure between positions; every other rule needs a value's moments,
 * which the per-value rules compute exactly. A global pool (one window over the whole map) needs only
 * the average covariance, which the per-value moments carry too. Nets without such pools (ResNet's
 * only windows come right after its first convolution) build none and cost nothing extra.
 */
import type { LayerModel, NetModel } from '../../net/model';
import type { LayerShapes } from '../../shapes/types';
import { ACTIVATIONS } from '../rules/activations';

const CARRIERS = new Set(['Convolution', 'LRN', 'BatchNorm', 'Scale', 'Bias', 'Dropout', 'Split', 'Eltwise', 'Concat', 'Pooling', ...Object.keys(ACTIVATIONS)]);

/** A pooling layer with more than one window. */
function windowedPool(layer: LayerModel, shapes: LayerShapes | undefined): boolean {
  if (layer.type !== 'Pooling' || layer.view.message('pooling_param').bool('global_pooling')) return false;
  const top = shapes?.topDims[0];
  return !top || top.length !== 4 || top[2] !== 1 || top[3] !== 1;
}

/** Per layer: its tops may feed a windowed pool through kernel carriers. */
export function kernelDemand(net: NetModel, shapes: (LayerShapes | undefined)[], bottoms: number[][], tops: number[][], versions: number): boolean[] {
  const wanted = new Uint8Array(versions);
  const out = new Array<boolean>(net.layers.length).fill(false);
  for (let i = net.layers.length - 1; i >= 0; i--) {
    const layer = net.layers[i];
    const pool = windowedPool(layer, shapes[i]);
    out[i] = tops[i].some((v) => wanted[v] === 1);
    if (pool || (CARRIERS.has(layer.type) && out[i])) for (const v of bottoms[i]) if (v >= 0) wanted[v] = 1;
  }
  return out;
}
