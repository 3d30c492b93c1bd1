/**
 * The moments of a weighted sum y = Σ_j w_j x_j + b over n inputs (one output of Convolution,
 * InnerProduct, Deconvolution), from the weights' mean μ and variance σ², the bias's, and the
 * input's mean m, variance v, second moment q and same-channel covariance s:
 *
 *   E[y]          = μ·n·m + μ_b
 *   Var(y)        = σ²·n·q + μ²·(n·v + (n² − n̄²)·m² + pairs·s) + σ_b²
 *   Cov(y_p, y_p') = σ²·n'·(s + m²) + μ²·(n + pairs)·s + σ_b²   (same output channel)
 *
 * where n is averaged over output positions (n̄ and n² its first two moments: border outputs of a
 * padded convolution read fewer inputs) and `pairs` counts ordered pairs of distinct inputs of one
 * input channel inside a window; n' counts the inputs two nearby outputs both read with the same
 * weight (n, except where zero padding cuts their windows differently). With zero-mean weights (μ = 0) this is exact for any input
 * distribution (He et al. 2015: Var(y) = n·Var(w)·E[x²]); with μ ≠ 0 correlations between input
 * channels are neglected, so the result is marked approximate. The backward pass: each input is read
 * by `fanBack` (output, weight) pairs, so E[dx²] = fanBack·(σ² + μ²)·E[dy²].
 */
import { gradient, moments, secondMoment, type Gradient, type Moments } from '../moments';
import type { ParamStats } from '../types';

export interface Taps {
  /** Average number of inputs one output sums, and the average of its square. */
  n1: number;
  n2: number;
  /** Average number of ordered pairs of distinct inputs from one input channel in a window. */
  pairs: number;
  /** Inputs (with the same weights) that two nearby outputs of a channel both read: n without borders. */
  near: number;
}

const NO_BIAS: ParamStats = { mean: 0, variance: 0, deterministic: true, squareSpread: 0 };

/** Whether the mean field's "independent random weights" reading is an approximation for this filler. */
function approximateWeights(w: ParamStats): boolean {
  return w.mean !== 0 || (w.deterministic && w.variance > 0);
}

export function weightedSum(x: Moments, w: ParamStats, b: ParamStats | undefined, t: Taps): Moments {
  const bias = b ?? NO_BIAS;
  const { mean: m, variance: v, shared: s } = x;
  const q = secondMoment(x);
  const mu = w.mean;
  const mean = mu * t.n1 * m + bias.mean;
  const variance = w.variance * t.n1 * q + mu * mu * (t.n1 * v + (t.n2 - t.n1 * t.n1) * m * m + t.pairs * s) + bias.variance;
  const shared = w.variance * t.near * (s + m * m) + mu * mu * (t.n1 + t.pairs) * s + bias.variance;
  const approximate = x.approximate || (approximateWeights(w) && (v > 0 || m !== 0));
  const y = moments(mean, variance, shared, approximate);
  // A channel's variance is the sum of n squared weights times the inputs' second moment.
  if (w.squareSpread > 0 && t.n1 > 0) y.dispersion = w.squareSpread / t.n1;
  return y;
}

export function weightedSumBackward(g: Gradient, w: ParamStats, fanBack: number): Gradient {
  return gradient(fanBack * (w.variance + w.mean * w.mean) * g.second, g.approximate || approximateWeights(w));
}
