/**
 * Scale and Bias (scale_layer.cpp, bias_layer.cpp) and Dropout (dropout_layer.cpp).
 * - Scale with one bottom: y = γ_c·x + β_c, γ from `filler` (constant 1 by default), β from
 *   `bias_filler` when bias_term; one γ per channel, so positions of a channel share it.
 *   With two bottoms the second is the scale: a product of independent values.
 * - Bias: y = x + β_c (β learnt, or the second bottom).
 * - Dropout TRAIN: y = x·mask/(1 − p) with P(keep) = 1 − p; TEST: a copy.
 */
import { gradient, moments, secondMoment, withProfile, type Moments } from '../moments';
import { kernelOf, withKernel } from '../spatial/blob-kernel';
import { affineKernel } from '../spatial/combine-kernel';
import { scaleLaw } from '../law';
import type { ParamStats, SignalContext, SignalRule } from '../types';
import { unknownBottoms, unknownTops } from '../types';

const ZERO: ParamStats = { mean: 0, variance: 0, deterministic: true, squareSpread: 0 };
const ONE: ParamStats = { mean: 1, variance: 0, deterministic: true, squareSpread: 0 };

function byRole(ctx: SignalContext, role: string): ParamStats | undefined | null {
  const i = (ctx.shapes?.params ?? []).findIndex((p) => p.role === role);
  return i < 0 ? null : ctx.params[i];
}

/** y = γ·x + β with γ, β independent of x and shared by a channel's positions. */
function affine(x: Moments, g: ParamStats, b: ParamStats): Moments {
  const g2 = g.variance + g.mean * g.mean;
  const b2 = b.variance + b.mean * b.mean;
  const mean = g.mean * x.mean + b.mean;
  const second = g2 * secondMoment(x) + 2 * g.mean * b.mean * x.mean + b2;
  const cross = g2 * (x.shared + x.mean * x.mean) + 2 * g.mean * b.mean * x.mean + b2;
  return moments(mean, second - mean * mean, cross - mean * mean, x.approximate, x.mixed);
}

/** y with x's kernel and law through γ·x + β, when γ and β are fixed values (random ones vary per channel: neither). */
function withAffineKernel(ctx: SignalContext, y: Moments, x: Moments, g: ParamStats, b: ParamStats): Moments {
  if (g.variance !== 0 || b.variance !== 0) return y;
  scaleLaw(y, x, g.mean, b.mean);
  const k = kernelOf(ctx, x);
  return k ? withKernel(y, affineKernel(k, x.mean, g.mean, b.mean)) : y;
}

/** Two independent inputs multiplied (the second broadcast over the first's trailing axes). */
function product(x: Moments, z: Moments): Moments {
  const mean = x.mean * z.mean;
  const second = secondMoment(x) * secondMoment(z);
  const cross = (x.shared + x.mean ** 2) * (z.shared + z.mean ** 2);
  return moments(mean, second - mean * mean, cross - mean * mean, true, x.mixed || z.mixed);
}

/** How many values of bottom 0 one value of bottom 1 meets (broadcast), for its gradient. */
function broadcastCount(ctx: SignalContext): number {
  const [a, b] = ctx.shapes?.bottoms ?? [];
  if (!a || !b) return 1;
  const count = (s: number[]) => s.reduce((n, d) => n * d, 1);
  return count(b) ? count(a) / count(b) : 1;
}

export const scale: SignalRule = {
  channelwise: true,
  forward(ctx, [x, z]) {
    if (ctx.layer.bottoms.length > 1) return { tops: [product(x!, z!)] };
    const g = byRole(ctx, 'scale');
    const b = byRole(ctx, 'bias');
    if (g === undefined || b === undefined) return unknownTops(ctx, 'the statistics of its filler are unknown');
    const gamma = g ?? ONE;
    const beta = b ?? ZERO;
    return { tops: [withAffineKernel(ctx, withProfile(affine(x!, gamma, beta), x!), x!, gamma, beta)] };
  },
  backward(ctx, [dy], [x, z]) {
    if (ctx.layer.bottoms.length > 1) {
      return { bottoms: [gradient(dy!.second * secondMoment(z!), true), gradient(dy!.second * secondMoment(x!) * broadcastCount(ctx), true)] };
    }
    const g = byRole(ctx, 'scale');
    if (g === undefined) return unknownBottoms(ctx, 'the statistics of its filler are unknown');
    const gamma = g ?? ONE;
    return { bottoms: [gradient(dy!.second * (gamma.variance + gamma.mean ** 2), dy!.approximate)] };
  },
};

export const bias: SignalRule = {
  channelwise: true,
  forward(ctx, [x, z]) {
    if (ctx.layer.bottoms.length > 1) {
      const y = z!;
      return { tops: [moments(x!.mean + y.mean, x!.variance + y.variance, x!.shared + y.shared, x!.approximate || y.approximate, x!.mixed)] };
    }
    const b = byRole(ctx, 'bias');
    if (b === undefined) return unknownTops(ctx, 'the statistics of its filler are unknown');
    const beta = b ?? ZERO;
    // One β per channel: its variance is shared by the channel's positions.
    const y = withProfile(moments(x!.mean + beta.mean, x!.variance + beta.variance, x!.shared + beta.variance, x!.approximate, x!.mixed), x!);
    return { tops: [withAffineKernel(ctx, y, x!, ONE, beta)] };
  },
  backward(ctx, [dy]) {
    const out = [gradient(dy!.second, dy!.approximate)];
    if (ctx.layer.bottoms.length > 1) out.push(gradient(dy!.second * broadcastCount(ctx), true));
    return { bottoms: out };
  },
};

interface DropoutScale {
  keep: number;
  scale: number;
}

/** TRAIN: keep with 1 − p and scale by 1/(1 − p); TEST: a copy. */
function dropoutSetting(ctx: SignalContext): DropoutScale {
  const ratio = ctx.layer.view.message('dropout_param').number('dropout_ratio');
  return ctx.phase === 'TRAIN' ? { keep: 1 - ratio, scale: 1 / (1 - ratio) } : { keep: 1, scale: 1 };
}

export const dropout: SignalRule = {
  channelwise: true,
  forward(ctx, [x]) {
    const { keep, scale } = dropoutSetting(ctx);
    // A plain copy keeps everything the next rules know about the values.
    if (keep === 1 && scale === 1) return { tops: [x] };
    const mean = keep * scale * x!.mean;
    const second = keep * scale * scale * secondMoment(x!);
    const shared = keep * keep * scale * scale * x!.shared;
    return { tops: [withProfile(moments(mean, second - mean * mean, shared, x!.approximate, x!.mixed), x!)] };
  },
  backward(ctx, [dy]) {
    const { keep, scale } = dropoutSetting(ctx);
    return { bottoms: [gradient(dy!.second * keep * scale * scale, dy!.approximate)] };
  },
};
