/**
 * An elementwise activation's output kernel, from a Gaussian input kernel (hermite.ts): positions p,
 * p' with correlation ρ(p, p') give Cov(f(x_p), f(x_p')) = Σ_{n≥1} ρ^n·ĥ_n(p)·ĥ_n(p'). The correlation
 * is separable, ρ = ρ̄·X_h[i, i']·X_w[j, j'], and ĥ_n(p) is read as ĥ_n at the average variance times
 * √(V(p)/V̄) (exact for the ReLU family at mean 0, whose f is homogeneous), so every term of the series
 * is a Kronecker product; kronPowerSeries projects their sum onto one. Each position's own mean and
 * variance are integrated exactly at its variance, and the independent part takes the rest.
 */
import { activationStats, type Activation } from '../rules/activations';
import { hermiteCoefficients } from './hermite';
import { identity, meanProfiles, normalized, perClass, positionMoments, remainder, type AxisKernel, type SpatialKernel } from './kernel';
import { kronPowerSeries, type PowerAxis } from './kron';

export interface KernelMoments {
  kernel: SpatialKernel;
  mean: number;
  variance: number;
}

/** Per-axis S[i, i'] = √(v[i]·v[i']) and X = corr/S: the axis's correlation factor. */
function powerAxis(a: AxisKernel, v: Float64Array): PowerAxis {
  const n = a.size;
  const S = new Float64Array(n * n);
  const X = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const s = Math.sqrt(v[i] * v[j]);
      S[i * n + j] = s;
      X[i * n + j] = s > 0 ? a.corr[i * n + j] / s : 0;
    }
  }
  return { S, X };
}

/**
 * The activation's correlated part for a Gaussian map with per-axis variance profiles vh, vw (mean
 * 1), average variance V̄, correlated scale `corr` and mean b. Shared with max pooling, which applies
 * the activation to the windows' maxima.
 */
export function activationCorrelation(act: Activation, axes: readonly AxisKernel[], vh: Float64Array, vw: Float64Array, V: number, corr: number, b: number) {
  const [ha, wa] = axes;
  const H = ha.size;
  const W = wa.size;
  if (corr === 0 || !(V > 0)) return { scale: 0, h: identity(H), w: identity(W) };
  // Negative after batch normalisation (a channel's values sum to 0).
  const rho = Math.max(-1, Math.min(1, corr / V));
  const h = powerAxis(ha, vh);
  const w = ha === wa && vh === vw ? h : powerAxis(wa, vw);
  const coef = Array.from(hermiteCoefficients(act, b, V), (c, n) => (n === 0 ? 0 : c * c * rho ** n));
  return kronPowerSeries(coef, h, w, H, W);
}

/** Correlations this small (|ρ̄| < 1e-3, a batch-normalised large map) change nothing a pool or a sum reads. */
const NEGLIGIBLE = 1e-3;

export function activationKernel(act: Activation, x: SpatialKernel, mean: number): KernelMoments {
  const [ha, wa] = x.axes;
  const H = ha.size;
  const W = wa.size;
  const [fMean, fVar, fSecond, inVar] = perClass(x, 4, (i, j) => {
    const m = positionMoments(x, mean, i, j);
    const s = activationStats(act, m.mean, m.variance);
    return [s.mean, s.variance, s.variance + s.mean * s.mean, m.variance];
  });
  const [V, vh, vw0] = [inVar.average, ...normalizedPair(inVar)];
  const vw = ha === wa ? vh : vw0;
  const corr = Math.abs(x.corr) < NEGLIGIBLE * V ? 0 : x.corr;
  const fit = activationCorrelation(act, x.axes, vh, vw, V, corr, mean);
  // What the fit leaves of each position's variance is independent.
  const [iid, dh, dw] = remainder(fVar, fit.scale, fit.h, fit.w);
  const [m, mh, mw] = meanProfiles(fMean);
  const hAxis: AxisKernel = { size: H, iid: dh, corr: fit.h, mean: mh };
  const wAxis: AxisKernel = ha === wa && fit.h === fit.w ? hAxis : { size: W, iid: dw, corr: fit.w, mean: mw };
  return { kernel: { axes: [hAxis, wAxis], iid, corr: fit.scale, gaussian: false }, mean: m, variance: Math.max(0, fSecond.average - m * m) };
}

/** The per-axis profiles (mean 1) of a map's marginals. */
function normalizedPair(m: { h: Float64Array; w: Float64Array }): [Float64Array, Float64Array] {
  return [normalized(m.h)[1], normalized(m.w)[1]];
}
