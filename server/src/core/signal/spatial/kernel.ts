/**
 * A channel's spatial covariance on a 2-D map, factorised per axis: the mean-field kernel of a
 * convolutional net (the covariance of one channel's values at positions p and p', over weights and
 * input), which the per-value moments alone cannot carry. Zero padding makes border positions read
 * fewer taps, so their values are smaller and share less of the channel's offset with their
 * neighbours; on the small maps of deep layers most pooling windows touch a border, and max pooling
 * over such a window depends on exactly that structure.
 *
 *   Cov(x_p, x_p') = iid · Π_a iid_a[p_a] · [p = p']  +  corr · Π_a corr_a[p_a, p'_a]
 *   E[x_p]         = mean · Π_a mean_a[p_a]
 *
 * The first part is independent across positions; the second is the correlated part (offsets that
 * neighbours share), a Kronecker product of one matrix per axis. A zero-mean-weight convolution maps
 * each factor exactly (conv-kernel.ts); nonlinear steps (activations, max pooling) are projected back
 * onto this form (kron.ts), with every position's own variance kept by the independent part.
 * Per-position maps are handled as sums of separable terms or per class of alike positions, never
 * position by position: a 112×112 map costs what its borders cost.
 */

export interface AxisKernel {
  readonly size: number;
  /** The independent part along the axis (mean 1). */
  readonly iid: Float64Array;
  /** The correlated part along the axis, size × size row-major, symmetric, diagonal mean 1. */
  readonly corr: Float64Array;
  /** The mean along the axis (mean 1). */
  readonly mean: Float64Array;
}

/**
 * The two factors hold the same values up to rounding (layers build each axis's factor anew, in
 * their own order of operations, so identity is rare on a square map).
 */
export function alikeAxes(a: AxisKernel, b: AxisKernel): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  const same = (x: Float64Array, y: Float64Array) => x.every((v, i) => Math.abs(v - y[i]) <= 1e-9 * Math.max(Math.abs(v), Math.abs(y[i])));
  return same(a.iid, b.iid) && same(a.mean, b.mean) && same(a.corr, b.corr);
}

export interface SpatialKernel {
  /** [height, width]: one factor per spatial axis (the same object when both axes agree). */
  readonly axes: readonly AxisKernel[];
  /** Scale of the independent part (its average over positions). */
  readonly iid: number;
  /** Scale of the correlated part (its diagonal's average); negative after batch normalisation. */
  readonly corr: number;
  /** The values are Gaussian (a weighted sum, or a linear map of one): activations integrate exactly. */
  readonly gaussian: boolean;
}

// Shared read-only constants by size (nothing mutates a factor once built).
const constants = new Map<string, Float64Array>();

function constant(key: string, make: () => Float64Array): Float64Array {
  let c = constants.get(key);
  if (!c) constants.set(key, (c = make()));
  return c;
}

export const ones = (n: number) => constant(`1,${n}`, () => new Float64Array(n).fill(1));

export const identity = (n: number) =>
  constant(`I,${n}`, () => {
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) m[i * n + i] = 1;
    return m;
  });

/** The all-ones matrix: a part that every position shares alike. */
export const allOnes = (n: number) => constant(`J,${n}`, () => new Float64Array(n * n).fill(1));

export function outer(v: Float64Array): Float64Array {
  const n = v.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = v[i] * v[j];
  return m;
}

export function average(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return v.length ? s / v.length : 0;
}

export function diagonal(m: Float64Array, n: number): Float64Array {
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = m[i * n + i];
  return d;
}

/** [scale, profile] with the profile's mean 1 (negative entries clamped; a non-positive average gives scale 0). */
export function normalized(v: Float64Array): [number, Float64Array] {
  const a = average(v);
  if (!(a > 0)) return [0, ones(v.length)];
  return [a, v.map((x) => Math.max(0, x) / a)];
}

/** Uniform axes; the correlated factor is all ones (a shared offset) or the identity (unused). */
function uniformAxis(n: number, sharedOffset: boolean): AxisKernel {
  return { size: n, iid: ones(n), corr: sharedOffset ? allOnes(n) : identity(n), mean: ones(n) };
}

const uniformAxes = new Map<string, AxisKernel>();

/** A map of independent values with variance v, plus a shared offset of variance `shared` (a data layer's input, or a blob read from its per-value moments). */
export function independent(sizes: readonly number[], variance: number, shared = 0): SpatialKernel {
  const axes = sizes.map((n) => {
    const key = `${n},${shared !== 0}`;
    let a = uniformAxes.get(key);
    if (!a) uniformAxes.set(key, (a = uniformAxis(n, shared !== 0)));
    return a;
  });
  return { axes, iid: Math.max(0, variance - shared), corr: shared, gaussian: true };
}

/** One term coef·h[i]·w[j] of a per-position map. */
export interface Separable {
  coef: number;
  h: Float64Array;
  w: Float64Array;
}

/**
 * The per-axis marginal profiles of Σ terms (mean 1) and their average: scale·h[i]·w[j] is the
 * separable approximation of the map (exact when it is one term). Cost: the axes' lengths.
 */
export function separableMarginals(terms: Separable[], H: number, W: number): [number, Float64Array, Float64Array] {
  const m = separableMap(terms, H, W);
  const [s, hp] = normalized(m.h);
  const [, wp] = normalized(m.w);
  return [s, hp, wp];
}

/** Derived per-axis quantities, computed once per factor. */
interface AxisFacts {
  diag: Float64Array;
  /** Σ of all entries of corr, and of its diagonal. */
  total: number;
  trace: number;
  /** Positions whose factors agree (groupAlike): the interior of a large map is one class. */
  classOf: Int32Array;
  representative: number[];
  count: number[];
}

const facts = new WeakMap<AxisKernel, AxisFacts>();

/**
 * Groups items whose feature vectors agree to a relative tolerance, at most `cap` groups: the
 * tolerance starts at 1e-9 and grows until the groups fit (a smooth interior then shares one value;
 * 1 % apart at worst on a large map). Returns each item's group and each group's first item.
 */
export function groupAlike(features: Float64Array[], cap = 24): { of: Int32Array; first: number[]; count: number[] } {
  for (let tol = 1e-9; ; tol *= 4) {
    const of = new Int32Array(features.length);
    const first: number[] = [];
    const count: number[] = [];
    let ok = true;
    for (let i = 0; i < features.length && ok; i++) {
      const f = features[i];
      let id = first.findIndex((r) => features[r].every((x, k) => Math.abs(x - f[k]) <= tol * Math.max(Math.abs(x), Math.abs(f[k]), 1e-300)));
      if (id < 0) {
        id = first.length;
        first.push(i);
        count.push(0);
        ok = first.length <= cap || tol > 0.05;
      }
      of[i] = id;
      count[id]++;
    }
    if (ok) return { of, first, count };
  }
}

function axisFacts(a: AxisKernel): AxisFacts {
  const hit = facts.get(a);
  if (hit) return hit;
  const n = a.size;
  const diag = diagonal(a.corr, n);
  let total = 0;
  for (const x of a.corr) total += x;
  const groups = groupAlike(Array.from({ length: n }, (_, i) => Float64Array.of(a.iid[i], diag[i], a.mean[i])));
  const out = { diag, total, trace: average(diag) * n, classOf: groups.of, representative: groups.first, count: groups.count };
  facts.set(a, out);
  return out;
}

/**
 * A function of a position's own factors, evaluated once per class pair of alike rows and columns:
 * its average over the map and its per-axis marginal (unnormalised) profiles.
 */
export function perClass(k: SpatialKernel, outputs: number, fn: (i: number, j: number) => number[]): { average: number; h: Float64Array; w: Float64Array }[] {
  const [ha, wa] = k.axes;
  const hf = axisFacts(ha);
  const wf = axisFacts(wa);
  const values = hf.representative.map((i) => wf.representative.map((j) => fn(i, j)));
  return Array.from({ length: outputs }, (_, r) => classMarginals(hf, wf, ha.size, wa.size, (ch, cw) => values[ch][cw][r]));
}

/** Average and marginals of a map given per (row class, column class). */
export function classMarginals(
  hf: { classOf: Int32Array; count: number[] },
  wf: { classOf: Int32Array; count: number[] },
  H: number,
  W: number,
  value: (ch: number, cw: number) => number,
): { average: number; h: Float64Array; w: Float64Array } {
  const hRow = hf.count.map((_, ch) => wf.count.reduce((s, n, cw) => s + (n / W) * value(ch, cw), 0));
  const wCol = wf.count.map((_, cw) => hf.count.reduce((s, n, ch) => s + (n / H) * value(ch, cw), 0));
  const h = Float64Array.from(hf.classOf, (c) => hRow[c]);
  const w = Float64Array.from(wf.classOf, (c) => wCol[c]);
  return { average: hf.count.reduce((s, n, ch) => s + (n / H) * hRow[ch], 0), h, w };
}

/** The variance and mean of position (i, j) of a blob of mean `mean`. */
export function positionMoments(k: SpatialKernel, mean: number, i: number, j: number): { mean: number; variance: number } {
  const [ha, wa] = k.axes;
  const variance = k.iid * ha.iid[i] * wa.iid[j] + k.corr * ha.corr[i * ha.size + i] * wa.corr[j * wa.size + j];
  return { mean: mean * ha.mean[i] * wa.mean[j], variance };
}

/** A mean map's per-axis profiles from its marginals: [average, h, w]; uniform when the average is 0. */
export function meanProfiles(m: { average: number; h: Float64Array; w: Float64Array }): [number, Float64Array, Float64Array] {
  const avg = m.average;
  if (!(Math.abs(avg) > 1e-300)) return [avg, ones(m.h.length), ones(m.w.length)];
  const [, h] = normalized(m.h.map((v) => v / avg));
  const [, w] = normalized(m.w.map((v) => v / avg));
  return [avg, h, w];
}

export interface KernelSummary {
  /** Var(x) pooled over positions (the spread of the positions' means included). */
  variance: number;
  /** Cov(x_p, x_p') averaged over distinct positions p ≠ p' of one channel. */
  shared: number;
  /** Per axis, the second moment's marginal profile (mean 1). */
  profile: Float64Array[];
}

export function summarize(k: SpatialKernel, mean: number): KernelSummary {
  const [ha, wa] = k.axes;
  const [hf, wf] = [axisFacts(ha), axisFacts(wa)];
  const H = ha.size;
  const W = wa.size;
  const P = H * W;
  const squares = (v: Float64Array) => v.map((x) => x * x);
  const m2h = squares(ha.mean);
  const m2w = squares(wa.mean);
  const second: Separable[] = [
    { coef: k.iid, h: ha.iid, w: wa.iid },
    { coef: k.corr, h: hf.diag, w: wf.diag },
    { coef: mean * mean, h: m2h, w: m2w },
  ];
  const [q, qh, qw] = separableMarginals(second, H, W);
  const mAvg = mean * average(ha.mean) * average(wa.mean);
  const sum = (v: Float64Array) => average(v) * v.length;
  const crossCov = k.corr * (hf.total * wf.total - hf.trace * wf.trace);
  const crossMean = mean * mean * (sum(ha.mean) ** 2 * sum(wa.mean) ** 2 - sum(m2h) * sum(m2w));
  const variance = Math.max(0, q - mAvg * mAvg);
  const shared = P > 1 ? (crossCov + crossMean) / (P * (P - 1)) - mAvg * mAvg : 0;
  return { variance, shared: Math.max(-variance, Math.min(variance, shared)), profile: [qh, qw] };
}

export interface Marginals {
  average: number;
  h: Float64Array;
  w: Float64Array;
}

/**
 * The independent part left of a variance map (given by its marginals) once the correlated part's
 * fitted diagonal scale·fh[i, i]·fw[j, j] is taken out: [scale, h, w] with profiles of mean 1.
 */
export function remainder(m: Marginals, scale: number, fh: Float64Array, fw: Float64Array): [number, Float64Array, Float64Array] {
  const dh = diagonal(fh, m.h.length);
  const dw = diagonal(fw, m.w.length);
  const ah = average(dh);
  const aw = average(dw);
  const [s, hp] = normalized(m.h.map((v, i) => v - scale * dh[i] * aw));
  const [, wp] = normalized(m.w.map((v, j) => v - scale * ah * dw[j]));
  return [s, hp, wp];
}

/** The marginals of a sum of separable terms (exact). */
export function separableMap(terms: Separable[], H: number, W: number): Marginals {
  const h = new Float64Array(H);
  const w = new Float64Array(W);
  let avg = 0;
  for (const t of terms) {
    const ah = average(t.h);
    const aw = average(t.w);
    for (let i = 0; i < H; i++) h[i] += t.coef * t.h[i] * aw;
    for (let j = 0; j < W; j++) w[j] += t.coef * ah * t.w[j];
    avg += t.coef * ah * aw;
  }
  return { average: avg, h, w };
}
