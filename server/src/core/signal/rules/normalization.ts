/**
 * BatchNorm, LRN and MVN (src/caffe/layers/{batch_norm,lrn,mvn}_layer.cpp).
 * - BatchNorm with batch statistics (TRAIN by default): each channel centred and divided by its
 *   standard deviation over (N, H, W), which removes the channel offset: variance (v − s)/(v − s + eps).
 *   With use_global_stats (TEST by default) and the zero statistics a fresh net starts with, Caffe
 *   computes mean 0 and variance 0, so y = x/√eps: about 316·x with the default eps 1e-5.
 * - LRN: y = x·(k + α/n·Σ_window x²)^(−β); mean field: the window's other n − 1 squares are replaced
 *   by their expectation and the remaining one-dimensional integral done by Gauss–Hermite.
 * - MVN: per sample and channel (or per sample), minus the mean, optionally over the std.
 */
import { expectNormal } from '../gauss-hermite';
import { gradient, moments, secondMoment } from '../moments';
import type { SignalContext, SignalRule } from '../types';
import { unknownTops } from '../types';

function useGlobalStats(ctx: SignalContext): boolean {
  const p = ctx.layer.view.message('batch_norm_param');
  return p.has('use_global_stats') ? p.bool('use_global_stats') : ctx.phase === 'TEST';
}

/** Values per channel that the batch statistics average over: N·H·W (null when unknown). */
function perChannelCount(ctx: SignalContext): number | null {
  const b = ctx.shapes?.bottomDims[0];
  if (!b) return null;
  let n = 1;
  for (let i = 0; i < b.length; i++) {
    if (i === 1) continue;
    if (b[i] === null) return null;
    n *= b[i]!;
  }
  return n;
}

export const batchNorm: SignalRule = {
  forward(ctx, [x]) {
    const eps = ctx.layer.view.message('batch_norm_param').number('eps');
    if (useGlobalStats(ctx)) {
      const k = 1 / eps;
      return { tops: [moments(x!.mean * Math.sqrt(k), x!.variance * k, x!.shared * k, x!.approximate, x!.mixed)] };
    }
    // One value per channel normalises to exactly 0.
    if (perChannelCount(ctx) === 1) return { tops: [moments(0, 0, 0, x!.approximate)] };
    const within = x!.variance - x!.shared;
    return { tops: [moments(0, within / (within + eps), 0, true)] };
  },
  backward(ctx, [g], [x]) {
    const eps = ctx.layer.view.message('batch_norm_param').number('eps');
    if (useGlobalStats(ctx)) return { bottoms: [gradient(g!.second / eps, g!.approximate)] };
    // The gradient is divided by the channel's std (minus a small projection we neglect).
    return { bottoms: [gradient(g!.second / (x!.variance - x!.shared + eps), true)] };
  },
};

interface LrnSetting {
  /** y = x·(k + a·(x² + rest))^(−β) with rest the expected sum of the window's other squares. */
  k: number;
  a: number;
  beta: number;
  others: number;
}

function lrnSetting(ctx: SignalContext, q: number): LrnSetting {
  const p = ctx.layer.view.message('lrn_param');
  const n = p.number('local_size');
  const alpha = p.number('alpha');
  const beta = p.number('beta');
  const b = ctx.shapes?.bottomDims[0];
  if (p.enumName('norm_region') === 'WITHIN_CHANNEL') {
    // Split → square → AVE pooling (n×n, padding counted) → power(shift 1, scale α, power −β) → product.
    return { k: 1, a: alpha / (n * n), beta, others: (n * n - 1) * q };
  }
  // Across channels: the window is clipped at the first and last channel (zero padding), α divided by n.
  const C = b?.[1] ?? null;
  let inside = n;
  if (C !== null && C > 0) {
    const half = (n - 1) / 2;
    let total = 0;
    for (let c = 0; c < C; c++) total += Math.min(C - 1, c + half) - Math.max(0, c - half) + 1;
    inside = total / C;
  }
  return { k: p.number('k'), a: alpha / n, beta, others: (inside - 1) * q };
}

export const lrn: SignalRule = {
  forward(ctx, [x]) {
    const s = lrnSetting(ctx, secondMoment(x!));
    const scale = (t: number) => Math.pow(s.k + s.a * (t * t + s.others), -s.beta);
    const mean = expectNormal((t) => t * scale(t), x!.mean, x!.variance);
    const variance = expectNormal((t) => (t * scale(t) - mean) ** 2, x!.mean, x!.variance);
    const c = expectNormal(scale, x!.mean, x!.variance);
    if (!Number.isFinite(mean) || !Number.isFinite(variance)) return unknownTops(ctx, 'its input overflows the normalisation (Caffe computes inf or NaN)');
    return { tops: [moments(mean, variance, x!.shared * c * c, true, x!.mixed)] };
  },
  backward(ctx, [g], [x]) {
    const s = lrnSetting(ctx, secondMoment(x!));
    // The diagonal of the Jacobian: scale^(−β) − 2β·a·x²·scale^(−β−1).
    const d = (t: number) => {
      const base = s.k + s.a * (t * t + s.others);
      return Math.pow(base, -s.beta) - 2 * s.beta * s.a * t * t * Math.pow(base, -s.beta - 1);
    };
    return { bottoms: [gradient(g!.second * expectNormal((t) => d(t) ** 2, x!.mean, x!.variance), true)] };
  },
};

export const mvn: SignalRule = {
  forward(ctx, [x]) {
    const p = ctx.layer.view.message('mvn_param');
    const b = ctx.shapes?.bottomDims[0];
    // Values per normalised group: H·W per channel, or C·H·W across channels.
    let group: number | null = 1;
    for (let i = p.bool('across_channels') ? 1 : 2; b && i < b.length; i++) group = group === null || b[i] === null ? null : group * b[i]!;
    if (!b) group = null;
    if (group === 1) return { tops: [moments(0, 0, 0, x!.approximate)] };
    const within = (x!.variance - x!.shared) * (group ? 1 - 1 / group : 1);
    const variance = p.bool('normalize_variance') ? within / (within + p.number('eps')) : within;
    return { tops: [moments(0, variance, 0, true)] };
  },
  backward(ctx, [g], [x]) {
    const p = ctx.layer.view.message('mvn_param');
    const k = p.bool('normalize_variance') ? 1 / (x!.variance - x!.shared + p.number('eps')) : 1;
    return { bottoms: [gradient(g!.second * k, true)] };
  },
};
