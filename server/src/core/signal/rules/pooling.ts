/**
 * Pooling (src/caffe/layers/pooling_layer.cpp), with Caffe's exact windows (window-counts.ts):
 * - AVE: y = (1/size)·Σ over the window's valid inputs; with the same-channel covariance s,
 *   E[y²] = (a·(v − s) + a²·(s + m²)) / size² for a window of a valid inputs — between v/k² (s = 0)
 *   and v (s = v). Backward: each input gets Σ dy/size over the windows containing it.
 * - MAX: a window's values are offset + independent parts, so max = m + √s·Z + √(v − s)·M_a with M_a
 *   the maximum of a standard normals (order-statistics.ts). After a ReLU-family layer the max is
 *   taken of the pre-activations (max f(x) = f(max x)) and f applied by integration. Neighbouring
 *   windows' correlations are neglected: approximate. Backward: each output's gradient goes to one
 *   input, so E[dx²] = (outputs / inputs)·E[dy²].
 * With the input's spatial kernel (most pools of a plain net, spatial/demand.ts) both kinds use it
 * instead (spatial/pool-kernel.ts): each window with its own covariance, border windows included.
 */
import type { MessageView } from '../../schema/message-view';
import { gaussHermite } from '../gauss-hermite';
import { gradient, moments, secondMoment, type Moments } from '../moments';
import { maxOfNormals } from '../order-statistics';
import type { SignalContext, SignalRule } from '../types';
import { unknownBottoms, unknownTops } from '../types';
import { inputKernel, withKernel } from '../spatial/blob-kernel';
import { avePoolKernel, maxPoolKernel } from '../spatial/pool-kernel';
import { averageOver, pooledProfile, poolAxis, scatterAverage, type PoolWindow } from './window-counts';

interface Windows {
  axes: PoolWindow[][];
  inSizes: number[];
  outSizes: number[];
  /** Map sizes were unknown, so full windows were assumed. */
  assumed: boolean;
}

function pair(p: MessageView, single: string, h: string, w: string, pairWins: boolean): [number, number] {
  const usePair = pairWins ? p.has(h) : !p.has(single);
  return usePair ? [p.number(h), p.number(w)] : [p.number(single), p.number(single)];
}

function windows(ctx: SignalContext): Windows | string {
  const b = ctx.shapes?.bottomDims[0];
  const t = ctx.shapes?.topDims[0];
  if (!b || !t || b.length !== 4) return 'its input shape is unknown';
  const p = ctx.layer.view.message('pooling_param');
  const global = p.bool('global_pooling');
  const kernel = global ? [b[2], b[3]] : pair(p, 'kernel_size', 'kernel_h', 'kernel_w', false);
  const pad = global ? [0, 0] : pair(p, 'pad', 'pad_h', 'pad_w', true);
  const stride = global ? [1, 1] : pair(p, 'stride', 'stride_h', 'stride_w', true);
  const axes: PoolWindow[][] = [];
  const inSizes: number[] = [];
  const outSizes: number[] = [];
  let assumed = false;
  for (let i = 0; i < 2; i++) {
    const inSize = b[2 + i];
    const outSize = t[2 + i];
    const k = kernel[i];
    if (inSize === null || outSize === null || k === null) {
      if (k === null) return 'its window size is unknown';
      assumed = true;
      axes.push([{ start: 0, valid: k, size: k }]);
      inSizes.push(stride[i]);
      outSizes.push(1);
      continue;
    }
    axes.push(poolAxis(inSize, outSize, k, stride[i], pad[i]));
    inSizes.push(inSize);
    outSizes.push(outSize);
  }
  return { axes, inSizes, outSizes, assumed };
}

function average(x: Moments, w: Windows): Moments {
  const r1 = averageOver(w.axes, (win) => win.valid / win.size);
  const r2 = averageOver(w.axes, (win) => win.valid / (win.size * win.size));
  const r3 = averageOver(w.axes, (win) => (win.valid * win.valid) / (win.size * win.size));
  const { mean: m, variance: v, shared: s } = x;
  const mean = r1 * m;
  const second = r2 * (v - s) + r3 * (s + m * m);
  return moments(mean, second - mean * mean, r1 * r1 * s, x.approximate || s > 0 || w.assumed, x.mixed);
}

/** How often each window size (valid inputs) occurs over the output positions. */
function windowSizes(w: Windows): Map<number, number> {
  let sizes = new Map<number, number>([[1, 1]]);
  for (const axis of w.axes) {
    const next = new Map<number, number>();
    for (const [a, fa] of sizes) {
      for (const win of axis) next.set(a * win.valid, (next.get(a * win.valid) ?? 0) + fa / axis.length);
    }
    sizes = next;
  }
  return sizes;
}

const Z_POINTS = 16;

/** E[y], E[y²] and E_Z[E[y|Z]²] for the max of a window of a values. */
function maxOfWindow(x: Moments, a: number, spread: number): [number, number, number] {
  const pre = x.monotoneOf?.pre ?? x;
  const f = x.monotoneOf?.f;
  const { mean: m, variance: v } = pre;
  // A negative covariance (after batch normalisation, about −v/count) is too small to matter for a max.
  const s = Math.max(0, pre.shared);
  if (a <= 1 && !f) return [m, secondMoment(pre), s + m * m];
  const M = maxOfNormals(Math.max(1, a));
  const rs = Math.sqrt(s);
  const ri = Math.sqrt(Math.max(0, v - s));
  if (!f) {
    // Windows differ in scale (relative variance `spread` of v − s): E[√·] = √E[·]·(1 − spread/8).
    const mean = m + ri * (1 - spread / 8) * M.mean;
    const second = m * m + 2 * m * ri * (1 - spread / 8) * M.mean + s + (v - s) * M.second;
    return [mean, second, mean * mean + s];
  }
  if (spread > 0) {
    // Two scales, √(1 ± √spread) of the mean one, with half the windows each.
    const lo = scaled(pre, Math.max(0, 1 - Math.sqrt(spread)));
    const hi = scaled(pre, 1 + Math.sqrt(spread));
    const [l1, l2, l3] = maxOfWindow({ ...x, monotoneOf: { f, pre: lo } }, a, 0);
    const [h1, h2, h3] = maxOfWindow({ ...x, monotoneOf: { f, pre: hi } }, a, 0);
    return [(l1 + h1) / 2, (l2 + h2) / 2, (l3 + h3) / 2];
  }
  // f(max): integrate over the shared offset (Gauss–Hermite) and the max of the rest (grid).
  const { points, weights } = gaussHermite(Z_POINTS);
  let e1 = 0;
  let e2 = 0;
  let h2 = 0;
  for (let i = 0; i < points.length; i++) {
    const base = m + rs * points[i];
    let c1 = 0;
    let c2 = 0;
    for (let j = 0; j < M.points.length; j++) {
      if (M.weights[j] < 1e-14) continue;
      const y = f(base + ri * M.points[j]);
      c1 += M.weights[j] * y;
      c2 += M.weights[j] * y * y;
    }
    e1 += weights[i] * c1;
    e2 += weights[i] * c2;
    h2 += weights[i] * c1 * c1;
  }
  return [e1, e2, h2];
}

/** The moments with the independent part's variance multiplied by k. */
function scaled(x: Moments, k: number): Moments {
  const s = Math.max(0, x.shared);
  return { ...x, variance: s + k * (x.variance - s) };
}

/** Relative variance of a window's scale: the channels' dispersion and the positions' profile. */
function scaleSpread(x: Moments): number {
  const src = x.monotoneOf?.pre ?? x;
  let positions = 1;
  for (const p of src.profile ?? []) {
    let sq = 0;
    for (const v of p) sq += v * v;
    positions *= p.length ? sq / p.length : 1;
  }
  return (1 + (src.dispersion ?? 0)) * positions - 1;
}

function max(x: Moments, w: Windows): Moments {
  let mean = 0;
  let second = 0;
  let cross = 0;
  const spread = scaleSpread(x);
  for (const [a, freq] of windowSizes(w)) {
    const [e1, e2, h2] = maxOfWindow(x, a, spread);
    mean += freq * e1;
    second += freq * e2;
    cross += freq * h2;
  }
  return moments(mean, second - mean * mean, cross - mean * mean, true, x.mixed);
}

function poolKind(ctx: SignalContext): string {
  return ctx.layer.view.message('pooling_param').enumName('pool');
}

/** Pooling with the input's spatial kernel (spatial/pool-kernel.ts); undefined when it has none. */
function withSpatial(ctx: SignalContext, x: Moments, w: Windows, kind: string): Moments | undefined {
  if (w.assumed || x.mixed) return undefined;
  let r;
  if (kind === 'AVE') {
    const k = inputKernel(ctx, x);
    if (!k) return undefined;
    r = avePoolKernel(k, x.mean, w.axes);
  } else {
    // The maximum is taken of the Gaussian values before a monotone activation, if there was one.
    const pre = x.monotoneOf?.act ? x.monotoneOf.pre : x;
    const k = inputKernel(ctx, pre);
    if (!k) return undefined;
    r = maxPoolKernel({ pre: k, preMean: pre.mean, act: pre === x ? undefined : x.monotoneOf!.act, dispersion: pre.dispersion }, w.axes);
  }
  return withKernel(moments(r.mean, r.variance, 0, true), r.kernel);
}

export const pooling: SignalRule = {
  channelwise: true,
  forward(ctx, [x]) {
    const w = windows(ctx);
    if (typeof w === 'string') return unknownTops(ctx, w);
    const kind = poolKind(ctx);
    if (kind === 'STOCHASTIC') return unknownTops(ctx, 'stochastic pooling has no rule (its output depends on the sampled positions)');
    const spatial = withSpatial(ctx, x!, w, kind);
    if (spatial) {
      if (x!.dispersion) spatial.dispersion = x!.dispersion;
      return { tops: ctx.layer.tops.map((_, i) => (i === 0 ? spatial : null)) };
    }
    const y = kind === 'AVE' ? average(x!, w) : max(x!, w);
    if (x!.dispersion) y.dispersion = x!.dispersion;
    // Border windows average smaller values: carry the profile on when every axis is known.
    if (x!.profile && !w.assumed && x!.profile.length === 2) {
      const profile = w.axes.map((axis, i) => pooledProfile(axis, x!.profile![i]));
      if (profile.every((p) => p)) y.profile = profile as Float64Array[];
    }
    // A second top (MAX's argmax mask) holds indices, not signal.
    return { tops: ctx.layer.tops.map((_, i) => (i === 0 ? y : null)) };
  },
  backward(ctx, [g]) {
    const w = windows(ctx);
    if (typeof w === 'string') return unknownBottoms(ctx, w);
    const kind = poolKind(ctx);
    if (kind === 'STOCHASTIC') return unknownBottoms(ctx, 'stochastic pooling has no rule');
    if (kind === 'AVE') {
      const k = scatterAverage(w.axes, w.inSizes, (win) => 1 / (win.size * win.size));
      return { bottoms: [gradient(k * g!.second, g!.approximate || w.assumed)] };
    }
    const ratio = (w.outSizes[0] * w.outSizes[1]) / (w.inSizes[0] * w.inSizes[1]);
    return { bottoms: [gradient(ratio * g!.second, true)] };
  },
};
