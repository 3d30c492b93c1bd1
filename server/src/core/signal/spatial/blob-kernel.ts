/**
 * Between the rules and the kernels: a blob's kernel when the layer builds one (spatial/demand.ts)
 * and it fits the bottom's map, and a result's kernel written back into its moments (with the shared
 * covariance and the second moment's profile that the per-value rules read).
 */
import type { Moments } from '../moments';
import type { SignalContext } from '../types';
import { independent, summarize, type SpatialKernel } from './kernel';

/**
 * Maps up to 64×64 carry kernels. On larger maps the rim that padding shrinks is a few percent of the
 * positions, which the per-value profiles already weigh, and an axis factor's size² cost would grow.
 */
const MAX_POSITIONS = 64 * 64;

/** The bottom's 2-D map size (N, C, H, W with H and W known), or undefined. */
function mapSize(dims: readonly (number | null)[] | undefined): [number, number] | undefined {
  if (!dims || dims.length !== 4 || dims[2] === null || dims[3] === null || dims[2] * dims[3] > MAX_POSITIONS) return undefined;
  return [dims[2], dims[3]];
}

/** Bottom `slot`'s kernel if it describes that bottom's map (a Reshape or Crop in between makes it stale). */
export function inputKernel(ctx: SignalContext, x: Moments, slot = 0): SpatialKernel | undefined {
  const size = mapSize(ctx.shapes?.bottomDims[slot]);
  const k = x.spatial;
  if (!size || !k) return undefined;
  return k.axes[0].size === size[0] && k.axes[1].size === size[1] ? k : undefined;
}

/** inputKernel, for a layer whose output kernel something downstream reads. */
export function kernelOf(ctx: SignalContext, x: Moments, slot = 0): SpatialKernel | undefined {
  return ctx.spatial ? inputKernel(ctx, x, slot) : undefined;
}

/** kernelOf, or a kernel read from x's per-value moments: a shared offset plus independent values (a data layer's input). */
export function kernelOrScalar(ctx: SignalContext, x: Moments, slot = 0): SpatialKernel | undefined {
  if (!ctx.spatial) return undefined;
  const size = mapSize(ctx.shapes?.bottomDims[slot]);
  if (!size) return undefined;
  return inputKernel(ctx, x, slot) ?? independent(size, x.variance, Math.max(0, x.shared));
}

/** y with kernel k: its shared covariance and second-moment profile follow from k. */
export function withKernel(y: Moments, k: SpatialKernel): Moments {
  const s = summarize(k, y.mean);
  y.spatial = k;
  y.shared = Math.max(-y.variance, Math.min(y.variance, s.shared));
  y.profile = s.profile;
  return y;
}
