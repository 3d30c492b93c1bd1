/**
 * The maximum of a pooling window of Gaussian values x_i = μ_i + c_i + e_i: c the correlated part
 * (covariance C, the offsets neighbours share), e independent (variances D_i). Conditioned on the
 * leading principal component of C (integrated over it), the rest of C is folded into the
 * independent parts, and the maximum of independent normals has the distribution Π_i Φ((x − m_i)/s_i),
 * integrated by Simpson over its density. A monotone f (the activation before the pool) commutes
 * with the max: max f(x_i) = f(max x_i). Exact when C is a shared offset (rank one) — the interior of a map — and
 * close when border positions share only part of it; on such windows a Monte Carlo check agrees to
 * about 1 %.
 */
import { tablePhi as Phi, tablephi as phi } from './normal-table';

export interface WindowMax {
  /** E[f(M)], E[f(M)²] for M = max_i x_i. */
  mean: number;
  second: number;
  /** E[M], E[M²] without f. */
  preMean: number;
  preSecond: number;
  /** P(x_i is the maximum). */
  winners: Float64Array;
}

/** The leading eigenpair of a small symmetric matrix (power iteration). */
function leadingEigen(C: Float64Array, k: number): { value: number; vector: Float64Array } {
  let v = new Float64Array(k).fill(1 / Math.sqrt(k));
  let value = 0;
  for (let it = 0; it < 100; it++) {
    const next = new Float64Array(k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) next[i] += C[i * k + j] * v[j];
    let norm = 0;
    for (const x of next) norm += x * x;
    norm = Math.sqrt(norm);
    if (!(norm > 1e-300)) return { value: 0, vector: v };
    const nv = next.map((x) => x / norm);
    let change = 0;
    for (let i = 0; i < k; i++) change += Math.abs(nv[i] - v[i]);
    v = nv;
    value = norm;
    if (change < 1e-12) break;
  }
  return { value, vector: v };
}

/** Simpson intervals over the leading component z ∈ [−Z_REACH, Z_REACH] (weighted by φ(z)). */
const Z_INTERVALS = 32;
const Z_REACH = 6;
/** Simpson intervals over the range of the maximum (per node z). */
const INTERVALS = 32;
/** The range: every value is below its mean + REACH·s, and the maximum above each value's mean − REACH·s. */
const REACH = 7;

/**
 * Nodes and weights for E over z ~ N(0, 1): composite Simpson on [−Z_REACH, Z_REACH] weighted by φ(z),
 * normalised to sum to 1. The conditional maximum bends in z where the lead passes from one value to
 * another or crosses the activation's kink; Gauss–Hermite converges slowly on such bends (16 nodes
 * were up to 7 % off a fine reference on GoogLeNet's inception pools, 32 Simpson intervals 3 %), Simpson's error stays second order there.
 */
const Z_NODES = (() => {
  const h = (2 * Z_REACH) / Z_INTERVALS;
  const points = new Float64Array(Z_INTERVALS + 1);
  const weights = new Float64Array(Z_INTERVALS + 1);
  let total = 0;
  for (let g = 0; g <= Z_INTERVALS; g++) {
    points[g] = -Z_REACH + g * h;
    weights[g] = (g === 0 || g === Z_INTERVALS ? 1 : g % 2 ? 4 : 2) * phi(points[g]);
    total += weights[g];
  }
  for (let g = 0; g <= Z_INTERVALS; g++) weights[g] /= total;
  return { points, weights };
})();

/**
 * Per node z, the density of M = max of independent N(m_i, s_i²) is
 *   p(x) = Σ_i w_i(x),  w_i(x) = φ((x − m_i)/s_i)/s_i · Π_{j≠i} Φ((x − m_j)/s_j)
 * (w_i: x_i is the maximum and equals x). Composite Simpson integrates the moments and each
 * w_i (P(i wins)); the range is split at 0, where the ReLU family has its kink, so each piece is smooth.
 */
export function maxOfWindow(mu: Float64Array, C: Float64Array, D: Float64Array, f?: (x: number) => number): WindowMax {
  const k = mu.length;
  const { value: lambda, vector } = leadingEigen(C, k);
  const load = vector.map((x) => Math.sqrt(Math.max(0, lambda)) * x);
  const s = new Float64Array(k);
  for (let i = 0; i < k; i++) s[i] = Math.sqrt(Math.max(1e-300, D[i] + C[i * k + i] - load[i] * load[i]));
  const nodes = lambda > 0 ? Z_NODES : { points: Float64Array.of(0), weights: Float64Array.of(1) };
  const out: WindowMax = { mean: 0, second: 0, preMean: 0, preSecond: 0, winners: new Float64Array(k) };
  const m = new Float64Array(k);
  const cdf = new Float64Array(k);
  const dens = new Float64Array(k);
  // after[r] = Π of the last r CDFs (products of the others from both sides: dividing by a CDF that
  // underflowed would give 0/0).
  const after = new Float64Array(k);
  let mass = 0;
  const at = (x: number, weight: number) => {
    for (let i = 0; i < k; i++) {
      const u = (x - m[i]) / s[i];
      cdf[i] = Phi(u);
      dens[i] = phi(u) / s[i];
    }
    for (let i = 0; i < k; i++) after[i] = i === 0 ? 1 : after[i - 1] * cdf[k - i];
    let before = 1;
    let p = 0;
    for (let i = 0; i < k; i++) {
      const w = dens[i] * before * after[k - 1 - i];
      before *= cdf[i];
      out.winners[i] += weight * w;
      p += w;
    }
    if (!(p > 0)) return;
    const pw = p * weight;
    const y = f ? f(x) : x;
    mass += pw;
    out.mean += pw * y;
    out.second += pw * y * y;
    out.preMean += pw * x;
    out.preSecond += pw * x * x;
  };
  const simpson = (a: number, b: number, intervals: number, wz: number) => {
    const h = (b - a) / intervals;
    for (let g = 0; g <= intervals; g++) {
      const c = g === 0 || g === intervals ? 1 : g % 2 ? 4 : 2;
      at(a + g * h, (wz * c * h) / 3);
    }
  };
  for (let z = 0; z < nodes.points.length; z++) {
    const wz = nodes.weights[z];
    let lo = -Infinity;
    let hi = -Infinity;
    for (let i = 0; i < k; i++) {
      m[i] = mu[i] + load[i] * nodes.points[z];
      lo = Math.max(lo, m[i] - REACH * s[i]);
      hi = Math.max(hi, m[i] + REACH * s[i]);
    }
    if (lo < 0 && hi > 0) {
      const left = 2 * Math.max(1, Math.round((INTERVALS / 2) * (-lo / (hi - lo))));
      simpson(lo, 0, left, wz);
      simpson(0, hi, Math.max(2, INTERVALS - left), wz);
    } else {
      simpson(lo, hi, INTERVALS, wz);
    }
  }
  if (mass > 0) {
    out.mean /= mass;
    out.second /= mass;
    out.preMean /= mass;
    out.preSecond /= mass;
  }
  let total = 0;
  for (const p of out.winners) total += p;
  if (total > 0) for (let i = 0; i < k; i++) out.winners[i] /= total;
  return out;
}
