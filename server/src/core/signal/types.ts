/** The contract between the propagation walk (propagate.ts) and the per-type rules (signal-table.ts). */
import type { LayerModel, Phase } from '../net/model';
import type { LayerShapes } from '../shapes/types';
import type { Gradient, Moments } from './moments';

/** The values a parameter blob starts with under the scheme being analysed. */
export interface ParamStats {
  mean: number;
  variance: number;
  /** constant and bilinear: fixed values, so the "random weights" reading of the mean field is approximate (unless constant). */
  deterministic: boolean;
  /** Var(w²)/E[w²]²: how much the sum of squares of n such weights spreads (relative variance 2/n for gaussian). */
  squareSpread: number;
}

export interface SignalContext {
  layer: LayerModel;
  /** The shape stage's view of the layer (bottom/top dims, parameter blob shapes); undefined when it has none. */
  shapes: LayerShapes | undefined;
  /** Per parameter blob in Caffe's order: its statistics under the scheme; undefined when unknown. */
  params: (ParamStats | undefined)[];
  phase: Phase;
  /** Blob-version ids of the bottoms: equal ids are the very same values (Eltwise of a blob with itself). */
  bottomIds: number[];
  /** Per top: true for a label (a data layer's second top, or a top only losses and Accuracy read as their labels). */
  labelTops: boolean[];
  /** The layer's output can reach a windowed pool: it builds a spatial kernel (spatial/demand.ts). */
  spatial: boolean;
}

export interface ForwardOutput {
  /** One per top; null where the value cannot be known (then `reason` says why, unless an input was already unknown). */
  tops: (Moments | null)[];
  reason?: string;
}

export interface BackwardOutput {
  /** One per bottom: the gradient this layer sends back (0 for bottoms it does not differentiate). */
  bottoms: (Gradient | null)[];
  reason?: string;
}

export interface SignalRule {
  forward(ctx: SignalContext, bottoms: (Moments | null)[]): ForwardOutput;
  /** `grads` are the gradients arriving at the tops; `bottoms`/`tops` the forward values. */
  backward(ctx: SignalContext, grads: (Gradient | null)[], bottoms: (Moments | null)[], tops: (Moments | null)[]): BackwardOutput;
  /** Ends the forward chain (losses, Accuracy, Softmax): not plotted, not band-checked; starts the backward chain. */
  head?: boolean;
  /** Called even when a bottom is unknown (data layers have none; heads ignore labels). */
  acceptsUnknown?: boolean;
  /**
   * Acts on each channel by itself (activations, pooling, normalisation within a channel, per-channel
   * affine maps): on a Concat's output it runs once per concatenated part (moments.ts, `parts`), both
   * ways. LRN across channels is treated so too: its window of neighbouring channels lies within one
   * part except at the parts' borders.
   */
  channelwise?: boolean;
}

export function unknownTops(ctx: SignalContext, reason?: string): ForwardOutput {
  return { tops: ctx.layer.tops.map(() => null), ...(reason ? { reason } : {}) };
}

export function unknownBottoms(ctx: SignalContext, reason?: string): BackwardOutput {
  return { bottoms: ctx.layer.bottoms.map(() => null), ...(reason ? { reason } : {}) };
}
