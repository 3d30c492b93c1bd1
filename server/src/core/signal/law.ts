/**
 * The distribution of one value when it is not Gaussian, and the second-order structure between
 * positions that batch normalisation imposes. Both matter in residual nets:
 * - A residual sum adds a ReLU output (skewed, an atom at 0) to a Gaussian branch; the next ReLU of
 *   that sum is not the ReLU of a Gaussian with its mean and variance. A Law keeps the shape: an
 *   equal-weight mixture of K Gaussians N(a_k, noise_k) (equal-mass quantile bins; the ReLU's atom
 *   at 0 stays one, with no spread).
 * - BatchNorm with batch statistics fixes each channel's sum and sum of squares, so two positions of
 *   a channel covary by −v/(P−1) and their squared deviations by −Var((x−m)²)/(P−1) (`shared2`).
 *   An activation sees both: projected on x and (x−m)², f covaries by β²·s1 + γ²·s2 (Gaussian:
 *   Mehler's ĥ₁²ρ + ĥ₂²ρ², whose ρ² the constraint replaces by its own −1/(P−1)).
 */
import { expectNormal } from './gauss-hermite';
import { Phi, phi } from './normal';
import type { Activation } from './rules/activations';

export interface Law {
  /** Equal-weight atoms (sorted). */
  atoms: Float64Array;
  /** Per atom, the variance of its Gaussian. */
  noise: Float64Array;
}

export const gaussianLaw = (mean: number, variance: number): Law => ({ atoms: Float64Array.of(mean), noise: Float64Array.of(Math.max(0, variance)) });

/** Atoms a law keeps; normal bins per atom when an activation is integrated (a single atom needs more). */
const ATOMS = 12;
const NODES = 24;
const NODES_PER_ATOM = 6;

interface Bins {
  /** E[Z | bin] and Var(Z | bin) for n equal-mass bins of a standard normal. */
  mean: Float64Array;
  within: Float64Array;
}

const binCache = new Map<number, Bins>();

/** Φ⁻¹(p) by bisection on Φ (once per bin count). */
function quantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  let lo = -10;
  let hi = 10;
  for (let it = 0; it < 64; it++) {
    const mid = (lo + hi) / 2;
    if (Phi(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Equal-mass bins of a standard normal: conditional means (φ(a) − φ(b))·n and variances
 * 1 + (aφ(a) − bφ(b))·n − mean² — a sample per bin keeps the mean and, with its within-bin variance,
 * the variance exactly (the tails are not cut short).
 */
function normalBins(n: number): Bins {
  let b = binCache.get(n);
  if (b) return b;
  const mean = new Float64Array(n);
  const within = new Float64Array(n);
  const zdens = (z: number) => (Number.isFinite(z) ? z * phi(z) : 0); // φ(±∞) is 0, ∞·0 is not
  for (let j = 0; j < n; j++) {
    const a = quantile(j / n);
    const c = quantile((j + 1) / n);
    mean[j] = (phi(a) - phi(c)) * n;
    within[j] = Math.max(0, 1 + (zdens(a) - zdens(c)) * n - mean[j] * mean[j]);
  }
  b = { mean, within };
  binCache.set(n, b);
  return b;
}

export interface Central {
  mean: number;
  variance: number;
  /** E[(x − m)³] and E[(x − m)⁴]. */
  third: number;
  fourth: number;
}

export function central(law: Law): Central {
  const K = law.atoms.length;
  let mean = 0;
  for (const a of law.atoms) mean += a / K;
  let v = 0;
  let third = 0;
  let fourth = 0;
  law.atoms.forEach((a, k) => {
    const d = a - mean;
    const t = law.noise[k];
    v += (d * d + t) / K;
    third += (d * d * d + 3 * d * t) / K;
    fourth += (d ** 4 + 6 * d * d * t + 3 * t * t) / K;
  });
  return { mean, variance: v, third, fourth };
}

/**
 * Equal-weight samples with their own variances → K atoms of equal mass (a sample straddling two
 * atoms is split between them), the within-atom variance as noise: mean and variance are kept.
 */
function toLaw(values: Float64Array, spread: Float64Array): Law {
  const order = Int32Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
  const n = values.length;
  const K = Math.min(ATOMS, n);
  const sum = new Float64Array(K);
  const square = new Float64Array(K);
  const own = new Float64Array(K);
  // Sample i covers mass [i/n, (i+1)/n); atom k covers [k/K, (k+1)/K).
  for (let i = 0; i < n; i++) {
    const v = values[order[i]];
    for (let k = Math.floor((i * K) / n); k < K && k * n < (i + 1) * K; k++) {
      const w = Math.min((i + 1) / n, (k + 1) / K) - Math.max(i / n, k / K);
      if (w <= 0) continue;
      sum[k] += w * v;
      square[k] += w * v * v;
      own[k] += w * spread[order[i]];
    }
  }
  const atoms = new Float64Array(K);
  const noise = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    atoms[k] = sum[k] * K;
    noise[k] = Math.max(0, (square[k] + own[k]) * K - atoms[k] * atoms[k]);
  }
  return { atoms, noise };
}

/**
 * The law's values through f, one sample per (atom, normal bin): f at the bin's conditional mean, and
 * the bin's variance carried through f's slope there (exact where f is linear across the bin).
 */
function samplesOf(law: Law, f: (x: number) => number, df?: (x: number) => number): { y: Float64Array; spread: Float64Array } {
  const bins = normalBins(law.atoms.length > 1 ? NODES_PER_ATOM : NODES);
  const J = bins.mean.length;
  const n = law.atoms.length * J;
  const y = new Float64Array(n);
  const spread = new Float64Array(n);
  let i = 0;
  for (let k = 0; k < law.atoms.length; k++) {
    const t = law.noise[k];
    const s = Math.sqrt(t);
    for (let j = 0; j < J; j++, i++) {
      const x = law.atoms[k] + s * bins.mean[j];
      y[i] = f(x);
      const slope = df ? df(x) : 1;
      spread[i] = slope * slope * t * bins.within[j];
    }
  }
  return { y, spread };
}

/** The law moved to the exact mean and variance (the bins round both a little at a kink). */
function matched(law: Law, mean: number, variance: number): Law {
  const c = central(law);
  const k = c.variance > 0 ? Math.sqrt(variance / c.variance) : 1;
  return { atoms: law.atoms.map((a) => mean + k * (a - c.mean)), noise: law.noise.map((t) => k * k * t) };
}

/**
 * Between-position structure of a channel: s1 = Cov(x_p, x_p'), s2 = Cov((x_p − m)², (x_p' − m)²),
 * s3 = Cov(x_p, (x_p' − m)²) (zero for Gaussian pairs and for symmetric constrained ones).
 */
export interface Pairs {
  s1: number;
  s2: number;
  s3: number;
}

/** Gaussian pairs of covariance s1 (Cov of squared deviations 2·s1², s3 = 0), or x's own structure. */
export function pairsOf(x: { shared: number; shared2?: number; shared3?: number }): Pairs {
  return { s1: x.shared, s2: x.shared2 ?? 2 * x.shared * x.shared, s3: x.shared3 ?? 0 };
}

/** A function's projection on (x − m, (x − m)² − v): its coefficients, and the variance left over. */
interface Projection {
  beta: number;
  gamma: number;
  rest: number;
}

/** Least squares of a function on (d, d² − v), d = x − m, from Cov(g, d), Cov(g, d² − v) and Var(g). */
function project(c: Central, cg1: number, cg2: number, gVar: number): Projection {
  // Normal equations for (β, γ): [v, m3; m3, m4 − v²]·(β, γ) = (cg1, cg2).
  const a = c.variance;
  const b = c.third;
  const d = c.fourth - c.variance * c.variance;
  const det = a * d - b * b;
  if (!(det > 1e-12 * Math.max(1e-300, a * d))) {
    const beta = a > 0 ? cg1 / a : 0;
    return { beta, gamma: 0, rest: Math.max(0, gVar - beta * cg1) };
  }
  const beta = (d * cg1 - b * cg2) / det;
  const gamma = (a * cg2 - b * cg1) / det;
  return { beta, gamma, rest: Math.max(0, gVar - beta * cg1 - gamma * cg2) };
}

/** E[f(X)^p·z^j] for X = a + τ·z, z standard normal: the table the projections need. */
interface Integrals {
  f: [number, number, number];
  f2: [number, number, number];
  f3: number;
  f4: number;
}

const binomial = (n: number, k: number) => [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1], [1, 4, 6, 4, 1]][n][k];
/** E[z^k] of a standard normal. */
const normalMoment = (k: number) => (k % 2 ? 0 : [1, 1, 3, 15, 105][k / 2]);

/**
 * The ReLU family, f = s·X + (1 − s)·max(X, 0): f^p = s^p·X^p + (1 − s^p)·X^p·[X > 0], and
 * E[z^k; z > −t] = T_k by T_k = (k − 1)·T_(k−2) + (−t)^(k−1)·φ(t) (t = a/τ).
 */
function leakyIntegrals(slope: number, a: number, t2: number): Integrals {
  const tau = Math.sqrt(t2);
  const t = a / tau;
  const T = [Phi(t), phi(t)];
  for (let k = 2; k <= 6; k++) T.push((k - 1) * T[k - 2] + (-t) ** (k - 1) * phi(t));
  // Powers of a and τ, once.
  const ap = [1, a, a * a, a * a * a, a * a * a * a];
  const tp = [1, tau, t2, t2 * tau, t2 * t2];
  const e = (p: number, j: number) => {
    let full = 0;
    let positive = 0;
    for (let i = 0; i <= p; i++) {
      const c = binomial(p, i) * ap[p - i] * tp[i];
      full += c * normalMoment(i + j);
      positive += c * T[i + j];
    }
    const sp = slope === 0 ? 0 : slope ** p;
    return sp * full + (1 - sp) * positive;
  };
  return { f: [e(1, 0), e(1, 1), e(1, 2)], f2: [e(2, 0), e(2, 1), e(2, 2)], f3: e(3, 0), f4: e(4, 0) };
}

/** Integrals at mean 0 (every batch-normalised value) scale as τ^p: one table per slope. */
const centred = new Map<number, Integrals>();

function leakyAtZero(slope: number, t2: number): Integrals {
  let unit = centred.get(slope);
  if (!unit) centred.set(slope, (unit = leakyIntegrals(slope, 0, 1)));
  const tau = Math.sqrt(t2);
  const s = (v: number, p: number) => v * tau ** p;
  return { f: [s(unit.f[0], 1), s(unit.f[1], 1), s(unit.f[2], 1)], f2: [s(unit.f2[0], 2), s(unit.f2[1], 2), s(unit.f2[2], 2)], f3: s(unit.f3, 3), f4: s(unit.f4, 4) };
}

function integrals(act: Activation, a: number, t2: number): Integrals {
  if (!(t2 > 0)) {
    const y = act.f(a);
    return { f: [y, 0, y], f2: [y * y, 0, y * y], f3: y ** 3, f4: y ** 4 };
  }
  if (act.leakySlope !== undefined) return a === 0 ? leakyAtZero(act.leakySlope, t2) : leakyIntegrals(act.leakySlope, a, t2);
  const tau = Math.sqrt(t2);
  const e = (p: number, j: number) => expectNormal((x) => act.f(x) ** p * ((x - a) / tau) ** j, a, t2);
  return { f: [e(1, 0), e(1, 1), e(1, 2)], f2: [e(2, 0), e(2, 1), e(2, 2)], f3: e(3, 0), f4: e(4, 0) };
}

/**
 * Cov(u(x_p), w(x_p')) from the projections of u and w and the pairs' structure; what the projections
 * leave covaries as a Gaussian pair's third-order term would, (s1/v)³.
 */
function pairCovariance(u: Projection, w: Projection, pairs: Pairs, v: number): number {
  const rho = v > 0 ? pairs.s1 / v : 0;
  const rest = Math.sqrt(u.rest * w.rest) * rho ** 3;
  return u.beta * w.beta * pairs.s1 + u.gamma * w.gamma * pairs.s2 + (u.beta * w.gamma + u.gamma * w.beta) * pairs.s3 + rest;
}

export interface LawActivation {
  mean: number;
  variance: number;
  /** Built when read (a residual sum reads it; a convolution after the activation does not). */
  law: () => Law;
  pairs: Pairs;
}

/** A value computed once, when first asked for. */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/**
 * f(x) for x of the given law and pair structure. Every integral is exact over the law's Gaussian
 * components (E[f·(x − m)] = Σ_k (a_k − m)·E[f] + τ_k·E[f·z], and so on); only the law of the output
 * is sampled (for a residual sum after it).
 */
export function activationOfLaw(act: Activation, law: Law, pairs: Pairs): LawActivation {
  const c = central(law);
  const K = law.atoms.length;
  let mean = 0;
  let second = 0;
  let third = 0;
  let fourth = 0;
  // Cov(f, d), Cov(f, d² − v), Cov(f², d), Cov(f², d² − v) with d = x − m.
  let f1 = 0;
  let f2 = 0;
  let q1 = 0;
  let q2 = 0;
  for (let k = 0; k < K; k++) {
    const t2 = law.noise[k];
    const tau = Math.sqrt(t2);
    const d = law.atoms[k] - c.mean;
    const e = integrals(act, law.atoms[k], t2);
    mean += e.f[0] / K;
    second += e.f2[0] / K;
    third += e.f3 / K;
    fourth += e.f4 / K;
    // E[g·d] = d·E[g] + τ·E[g z]; E[g·(d² − v)] = (d² − v)·E[g] + 2dτ·E[g z] + τ²·E[g z²].
    const lin = (g: number[]) => d * g[0] + tau * g[1];
    const quad = (g: number[]) => (d * d - c.variance) * g[0] + 2 * d * tau * g[1] + t2 * g[2];
    f1 += lin(e.f) / K;
    f2 += quad(e.f) / K;
    q1 += lin(e.f2) / K;
    q2 += quad(e.f2) / K;
  }
  const variance = Math.max(0, second - mean * mean);
  // g = (f − μ)² = f² − 2μf + μ²: its covariances with d and d² − v, and its variance.
  const gVar = Math.max(0, fourth - 4 * mean * third + 6 * mean * mean * second - 3 * mean ** 4 - variance * variance);
  const f = project(c, f1, f2, variance);
  const g = project(c, q1 - 2 * mean * f1, q2 - 2 * mean * f2, gVar);
  const s1 = pairCovariance(f, f, pairs, c.variance);
  const s2 = pairCovariance(g, g, pairs, c.variance);
  const s3 = pairCovariance(f, g, pairs, c.variance);
  const output = lazy(() => {
    const { y, spread } = samplesOf(law, act.f, act.df);
    return matched(toLaw(y, spread), mean, variance);
  });
  return { mean, variance, law: output, pairs: { s1, s2, s3 } };
}

/** Σ c_i·x_i of independent values: the laws convolve (two non-Gaussian ones on a K×K grid, binned back). */
export function sumOfLaws(terms: { law: Law; coeff: number }[]): Law {
  let law: Law = gaussianLaw(0, 0);
  for (const { law: next, coeff } of terms) {
    if (next.atoms.length === 1) {
      law = { atoms: law.atoms.map((a) => a + coeff * next.atoms[0]), noise: law.noise.map((t) => t + coeff * coeff * next.noise[0]) };
      continue;
    }
    if (law.atoms.length === 1) {
      law = { atoms: next.atoms.map((b) => law.atoms[0] + coeff * b), noise: next.noise.map((t) => law.noise[0] + coeff * coeff * t) };
      if (coeff < 0) law = { atoms: law.atoms.reverse(), noise: law.noise.reverse() };
      continue;
    }
    // Two non-Gaussian laws: every pair of components, binned back to K atoms.
    const values: number[] = [];
    const spread: number[] = [];
    law.atoms.forEach((a, i) => next.atoms.forEach((b, j) => {
      values.push(a + coeff * b);
      spread.push(law.noise[i] + coeff * coeff * next.noise[j]);
    }));
    law = toLaw(Float64Array.from(values), Float64Array.from(spread));
  }
  return law;
}

/** The pair structure of a sum of independent centred values: s1 and s3 add (c², c³), s2 gains 4·c_i²c_j²·s1_i·s1_j. */
export function sumOfPairs(terms: { pairs: Pairs; coeff: number }[]): Pairs {
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  terms.forEach(({ pairs, coeff }, i) => {
    const c2 = coeff * coeff;
    s1 += c2 * pairs.s1;
    s2 += c2 * c2 * pairs.s2;
    s3 += c2 * coeff * pairs.s3;
    for (let j = 0; j < i; j++) s2 += 4 * c2 * terms[j].coeff * terms[j].coeff * pairs.s1 * terms[j].pairs.s1;
  });
  return { s1, s2, s3 };
}

function affineLaw(law: Law, gamma: number, beta: number): Law {
  const atoms = law.atoms.map((a) => gamma * a + beta);
  const noise = law.noise.map((t) => gamma * gamma * t);
  return gamma < 0 ? { atoms: atoms.reverse(), noise: noise.reverse() } : { atoms, noise };
}

type LawSource = { mean: number; variance: number; shared: number; law?: () => Law; shared2?: number; shared3?: number; monotoneOf?: { pre: { mean: number; variance: number }; act?: Activation } };

/** x carries more than a Gaussian's mean and variance: a law, a constrained pair structure, or f(Gaussian). */
export function notGaussian(x: LawSource): boolean {
  return !!x.law || x.shared2 !== undefined || !!x.monotoneOf?.act;
}

/**
 * x's law: its own, a Gaussian's when x is one, or for f(Gaussian) (Moments.monotoneOf) f applied to
 * the pre-activation's law. `undefined` when x is Gaussian with the Gaussian pair structure (nothing to add).
 */
export function lawOf(x: LawSource): Law | undefined {
  if (x.law) return x.law();
  const m = x.monotoneOf;
  if (m?.act) return activationOfLaw(m.act, gaussianLaw(m.pre.mean, m.pre.variance), { s1: 0, s2: 0, s3: 0 }).law();
  return x.shared2 !== undefined ? gaussianLaw(x.mean, x.variance) : undefined;
}

/** y = γ·x + β (fixed γ, β) carries x's law and pair structure. */
export function scaleLaw(y: { law?: () => Law; shared2?: number; shared3?: number }, x: { law?: () => Law; shared2?: number; shared3?: number }, gamma: number, beta: number): void {
  const inner = x.law;
  if (inner) y.law = lazy(() => affineLaw(inner(), gamma, beta));
  if (x.shared2 !== undefined) y.shared2 = gamma ** 4 * x.shared2;
  if (x.shared3 !== undefined) y.shared3 = gamma ** 3 * x.shared3;
}
