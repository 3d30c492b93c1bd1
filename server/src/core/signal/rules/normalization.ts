/**
 * BatchNorm, LRN and MVN (src/caffe/layers/{batch_norm,lrn,mvn}_layer.cpp).
 * - BatchNorm with batch statistics (TRAIN by default): each channel centred and divided by its
 *   standard deviation over (N, H, W), which removes the channel offset: variance (v − s)/(v − s + eps).
 *   With use_global_stats (TEST by default) and the zero statistics a fresh net starts with, Caffe
 *   computes mean 0 and variance 0, so y = x/√eps: about 316·x with the default eps 1e-5.
 * - LRN: y = x·(k + α/n·Σ_window x²)^(−β); mean field: the window's other squares are independent of
 *   x, their sum by the Wilson–Hilferty cube of a normal; Gauss–Hermite over both.
 * - MVN: per sample and channel (or per sample), minus the mean, optionally over the std.
 */
import { expectNormal, gaussHermite } from '../gauss-hermite';
import { gradient, moments, withProfile } from '../moments';
import { kernelOf, withKernel } from '../spatial/blob-kernel';
import { affineKernel, centeredKernel } from '../spatial/combine-kernel';
import { central, lawOf, scaleLaw } from '../law';
import type { LayerModel, Phase } from '../../net/model';
import type { SignalContext, SignalRule } from '../types';
import { unknownTops } from '../types';

/** batch_norm_layer.cpp: use_global_stats defaults to (phase == TEST). */
export function batchNormUsesGlobalStats(layer: LayerModel, phase: Phase): boolean {
  const p = layer.view.message('batch_norm_param');
  return p.has('use_global_stats') ? p.bool('use_global_stats') : phase === 'TEST';
}

function useGlobalStats(ctx: SignalContext): boolean {
  return batchNormUsesGlobalStats(ctx.layer, ctx.phase);
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
  channelwise: true,
  forward(ctx, [x]) {
    const eps = ctx.layer.view.message('batch_norm_param').number('eps');
    const kernel = kernelOf(ctx, x!);
    if (useGlobalStats(ctx)) {
      const k = 1 / eps;
      const y = withProfile(moments(x!.mean * Math.sqrt(k), x!.variance * k, x!.shared * k, x!.approximate, x!.mixed), x!);
      scaleLaw(y, x!, Math.sqrt(k), 0);
      return { tops: [kernel ? withKernel(y, affineKernel(kernel, x!.mean, Math.sqrt(k), 0)) : y] };
    }
    // One value per channel normalises to exactly 0.
    const count = perChannelCount(ctx);
    if (count === 1) return { tops: [moments(0, 0, 0, x!.approximate)] };
    const within = Math.max(0, x!.variance - x!.shared);
    const variance = within / (within + eps);
    // A channel's normalised values sum to 0: two of them covary by −variance/(count − 1).
    const shared = count ? -variance / (count - 1) : 0;
    const y = withProfile(moments(0, variance, shared, true), x!);
    // One sample: the statistics are the map's own (a batch mixes samples, which the kernel does not model).
    if (kernel && ctx.shapes?.bottomDims[0]?.[0] === 1) withKernel(y, centeredKernel(kernel, x!.mean, variance));
    // The channel's sum of squares is fixed too: squared deviations covary by −Var((y − m)²)/(count − 1),
    // and a value with the others' squares by −E[(y − m)³]/(count − 1).
    if (count && count > 1) {
      const law = lawOf(x!);
      const c = law ? central(law) : undefined;
      const scaled = c && c.variance > 0 ? variance / c.variance : 0;
      const kurtosis = c && c.variance > 0 ? c.fourth / (c.variance * c.variance) : 3;
      y.shared2 = -((kurtosis - 1) * variance * variance) / (count - 1);
      if (c && c.third !== 0) y.shared3 = -(c.third * scaled ** 1.5) / (count - 1);
    }
    return { tops: [y] };
  },
  backward(ctx, [g], [x]) {
    const eps = ctx.layer.view.message('batch_norm_param').number('eps');
    if (useGlobalStats(ctx)) return { bottoms: [gradient(g!.second / eps, g!.approximate)] };
    // The gradient is divided by the channel's std (minus a small projection we neglect).
    return { bottoms: [gradient(g!.second / (x!.variance - x!.shared + eps), true)] };
  },
};

interface LrnSetting {
  /** y = x·(k + a·(x² + S))^(−β) with S the sum of the window's other squares. */
  k: number;
  a: number;
  beta: number;
  /** How many other values the window holds, with how often (edges clip it). */
  others: Map<number, number>;
}

/** Over positions 0…size−1: how often a centred window (n wide, clipped at both ends) holds each count. */
function validCounts(size: number | null, n: number): Map<number, number> {
  if (size === null || size <= 0) return new Map([[n, 1]]);
  const half = Math.floor((n - 1) / 2);
  const out = new Map<number, number>();
  for (let i = 0; i < size; i++) {
    const c = Math.min(size - 1, i + half) - Math.max(0, i - half) + 1;
    out.set(c, (out.get(c) ?? 0) + 1 / size);
  }
  return out;
}

/** The other values of a window: its count less one, per count frequency (axes multiply). */
function others(...axes: Map<number, number>[]): Map<number, number> {
  let acc = new Map<number, number>([[1, 1]]);
  for (const axis of axes) {
    const next = new Map<number, number>();
    for (const [a, fa] of acc) for (const [b, fb] of axis) next.set(a * b, (next.get(a * b) ?? 0) + fa * fb);
    acc = next;
  }
  return new Map([...acc].map(([c, f]) => [c - 1, f]));
}

function lrnSetting(ctx: SignalContext): LrnSetting {
  const p = ctx.layer.view.message('lrn_param');
  const n = p.number('local_size');
  const alpha = p.number('alpha');
  const beta = p.number('beta');
  const b = ctx.shapes?.bottomDims[0];
  if (p.enumName('norm_region') === 'WITHIN_CHANNEL') {
    // Split → square → AVE pooling (n×n, padding counted in the divisor) → power(shift 1, scale α, power −β) → product.
    return { k: 1, a: alpha / (n * n), beta, others: others(validCounts(b?.[2] ?? null, n), validCounts(b?.[3] ?? null, n)) };
  }
  // Across channels: the window is clipped at the first and last channel (zero padding), α divided by n.
  return { k: p.number('k'), a: alpha / n, beta, others: others(validCounts(b?.[1] ?? null, n)) };
}

const S_POINTS = 12;

/**
 * E[g(x, S)] for x ~ N(m, v) and S the sum of `others` independent squares of such values
 * (replacing S by its mean would miss the convexity of the normaliser).
 */
function expectWindow(g: (x: number, s: number) => number, m: number, v: number, counts: Map<number, number>): number {
  let sum = 0;
  for (const [others, freq] of counts) sum += freq * expectWindowOf(g, m, v, others);
  return sum;
}

function expectWindowOf(g: (x: number, s: number) => number, m: number, v: number, others: number): number {
  const q = m * m + v;
  const meanS = others * q;
  const varS = others * (2 * v * v + 4 * m * m * v);
  if (!(meanS > 0) || !(varS > 0)) return expectNormal((x) => g(x, meanS), m, v);
  // Wilson–Hilferty: a sum of squares is close to mean·(1 − c + √c·Z)³ with c = Var/(9·mean²)
  // (exact mean and variance to first order, and right for few terms, where S is far from normal).
  const c = varS / (9 * meanS * meanS);
  const { points, weights } = gaussHermite(S_POINTS);
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const s = meanS * Math.max(0, 1 - c + Math.sqrt(c) * points[i]) ** 3;
    sum += weights[i] * expectNormal((x) => g(x, s), m, v);
  }
  return sum;
}

export const lrn: SignalRule = {
  channelwise: true,
  forward(ctx, [x]) {
    const s = lrnSetting(ctx);
    const scale = (t: number, rest: number) => Math.pow(s.k + s.a * (t * t + rest), -s.beta);
    const { mean: m, variance: v } = x!;
    const mean = expectWindow((t, r) => t * scale(t, r), m, v, s.others);
    const second = expectWindow((t, r) => (t * scale(t, r)) ** 2, m, v, s.others);
    const c = expectWindow(scale, m, v, s.others);
    if (!Number.isFinite(mean) || !Number.isFinite(second)) return unknownTops(ctx, 'its input overflows the normalisation (Caffe computes inf or NaN)');
    const y = withProfile(moments(mean, second - mean * mean, x!.shared * c * c, true, x!.mixed), x!);
    // Between positions the normaliser acts as its average factor c: the kernel scales by c², and a
    // monotone input stays monotone (max pooling after LRN still takes the max before the activation).
    const k = kernelOf(ctx, x!);
    if (k) withKernel(y, { ...k, iid: k.iid * c * c, corr: k.corr * c * c, gaussian: false });
    const inner = x!.monotoneOf;
    if (inner) {
      const f = (t: number) => c * inner.f(t);
      y.monotoneOf = { f, pre: inner.pre, act: { f, monotone: true, exact: false } };
    }
    return { tops: [y] };
  },
  backward(ctx, [g], [x]) {
    const s = lrnSetting(ctx);
    // The diagonal of the Jacobian: scale^(−β) − 2β·a·x²·scale^(−β−1).
    const d = (t: number, r: number) => {
      const base = s.k + s.a * (t * t + r);
      return Math.pow(base, -s.beta) - 2 * s.beta * s.a * t * t * Math.pow(base, -s.beta - 1);
    };
    return { bottoms: [gradient(g!.second * expectWindow((t, r) => d(t, r) ** 2, x!.mean, x!.variance, s.others), true)] };
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
