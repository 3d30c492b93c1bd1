/**
 * The maximum of a pooling window of Gaussian values x_i = μ_i + c_i + e_i: c the correlated part
 * (covariance C, the offsets neighbours share), e independent (variances D_i). Conditioned on the
 * leading principal component of C (Gauss–Hermite over it), the rest of C is folded into the
 * independent parts, and the maximum of independent normals has the distribution Π_i Φ((z − μ_i)/s_i),
 * integrated on a grid. A monotone f (the activation before the pool) commutes with the max:
 * max f(x_i) = f(max x_i). Exact when C is a shared offset (rank one) — the interior of a map — and
 * close when border positions share only part of it; on such windows a Monte Carlo check agrees to
 * about 1 %.
 */
import { gaussHermite } from '../gauss-hermite';
import { phi } from '../normal';

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

/**
 * Φ to a relative error of 1.2e-7 in erfc (Numerical Recipes' Chebyshev fit): the grid evaluates it
 * tens of thousands of times per window, where normal.ts's double-precision series is too slow.
 */
function Phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const r =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - 0.5 * r : 0.5 * r;
}

const Z_NODES = 16;
const GRID = 120;

export function maxOfWindow(mu: Float64Array, C: Float64Array, D: Float64Array, f?: (x: number) => number): WindowMax {
  const k = mu.length;
  const { value: lambda, vector } = leadingEigen(C, k);
  const load = vector.map((x) => Math.sqrt(Math.max(0, lambda)) * x);
  const s = new Float64Array(k);
  for (let i = 0; i < k; i++) s[i] = Math.sqrt(Math.max(1e-300, D[i] + C[i * k + i] - load[i] * load[i]));
  const nodes = lambda > 0 ? gaussHermite(Z_NODES) : { points: Float64Array.of(0), weights: Float64Array.of(1) };
  const out: WindowMax = { mean: 0, second: 0, preMean: 0, preSecond: 0, winners: new Float64Array(k) };
  const m = new Float64Array(k);
  const cdf = new Float64Array(k);
  for (let z = 0; z < nodes.points.length; z++) {
    const wz = nodes.weights[z];
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < k; i++) {
      m[i] = mu[i] + load[i] * nodes.points[z];
      lo = Math.min(lo, m[i] - 7 * s[i]);
      hi = Math.max(hi, m[i] + 7 * s[i]);
    }
    const step = (hi - lo) / GRID;
    let below = 1;
    for (let i = 0; i < k; i++) below *= Phi((lo - m[i]) / s[i]);
    for (let g = 1; g <= GRID; g++) {
      const x = lo + g * step;
      const mid = x - step / 2;
      let F = 1;
      for (let i = 0; i < k; i++) F *= cdf[i] = Phi((x - m[i]) / s[i]);
      const dF = (F - below) * wz;
      below = F;
      if (dF > 0) {
        const y = f ? f(mid) : mid;
        out.mean += dF * y;
        out.second += dF * y * y;
        out.preMean += dF * mid;
        out.preSecond += dF * mid * mid;
      }
      // P(i wins near mid) = density_i(mid)·step·Π_{j≠i} Φ_j(mid), with the CDFs at the cell's end.
      for (let i = 0; i < k; i++) {
        if (cdf[i] <= 0) continue;
        out.winners[i] += (wz * phi((mid - m[i]) / s[i]) * step * F) / (s[i] * cdf[i]);
      }
    }
  }
  let total = 0;
  for (const p of out.winners) total += p;
  if (total > 0) for (let i = 0; i < k; i++) out.winners[i] /= total;
  return out;
}
