/**
 * What the signal analysis knows about a blob: the statistics of one value, taken over the random
 * weights and the random (unit Gaussian) input — the mean-field view of signal propagation.
 *
 * The standard mean-field assumption: a pre-activation (a sum over many inputs with independent
 * zero-mean weights) is Gaussian, so a nonlinearity's output moments are Gaussian integrals of its
 * input's mean and variance. After a nonlinearity the values are not Gaussian; the next weighted sum
 * makes them Gaussian again (central limit), which is why the rules carry moments, not shapes.
 *
 * Besides mean and variance a blob carries `shared`: the covariance of two values of one channel
 * at different positions (or different samples). A layer whose inputs have a non-zero mean gives
 * each output channel a random offset (mean · Σ its weights) that all its positions share; pooling
 * and batch normalisation act very differently on that shared part than on the rest.
 */
import type { Activation } from './rules/activations';
import type { Law } from './law';
import type { SpatialKernel } from './spatial/kernel';

export interface Moments {
  /** E[x], averaged over the blob's values. */
  mean: number;
  /** Var(x) of one value, pooled over the blob (what the variance of all its values estimates). */
  variance: number;
  /**
   * Cov(x_p, x_p') for two values of one channel at different positions or samples (|shared| ≤
   * variance). Negative only after batch normalisation, whose outputs sum to 0 over each channel.
   */
  shared: number;
  /** True when the value rests on an approximation beyond the mean-field assumption. */
  approximate: boolean;
  /** Channels with different statistics side by side (after Concat): one Gaussian no longer describes them. */
  mixed?: boolean;
  /**
   * When the blob is f(Gaussian pre-activation) for a nondecreasing f (ReLU family): f and the
   * pre-activation's moments. max(f(x_i)) = f(max x_i), so max pooling can integrate exactly.
   */
  monotoneOf?: { f: (x: number) => number; pre: Moments; act?: Activation };
  /**
   * Per spatial axis, the second moment at each position relative to the blob's average (mean 1;
   * absent: uniform). Zero padding makes border outputs smaller, and in a deep padded stack only a
   * rim of the map decays: a convolution reads its taps with these weights.
   */
  profile?: Float64Array[];
  /**
   * Relative variance, across channels, of a channel's own variance: each output channel of a
   * weighted sum has its own weights, so its scale varies (2/n for n gaussian weights). The mean of
   * a max over a window grows with the scale's square root, so max pooling needs it.
   */
  dispersion?: number;
  /**
   * A 2-D blob's covariance between positions of one channel (spatial/kernel.ts): which neighbours
   * share how much of the channel's offset, and how border positions differ. Pooling reads it.
   */
  spatial?: SpatialKernel;
  /**
   * After Concat: the parts side by side, each with its share of the channels. A layer that acts on
   * each channel alone (a ReLU, a pool) acts on each part with its own statistics — a max over
   * channels of different scales is not the max of their average — and the parts are mixed again.
   */
  parts?: readonly Part[];
  /** The value's distribution when it is not Gaussian (a residual sum of a ReLU output and a branch; law.ts), built when read. */
  law?: () => Law;
  /**
   * Cov((x_p − m)², (x_p' − m)²) for two positions of one channel, when it is not the Gaussian 2·shared²:
   * batch normalisation fixes each channel's sum of squares, making it −Var((x − m)²)/(count − 1).
   */
  shared2?: number;
  /** Cov(x_p, (x_p' − m)²), when not 0 (skewed values under that constraint, law.ts). */
  shared3?: number;
}

export interface Part {
  share: number;
  moments: Moments;
}

/** The gradient arriving at a blob: E[(∂L/∂x)²], relative to the unit gradient at the outputs. */
export interface Gradient {
  second: number;
  approximate: boolean;
}

export function secondMoment(m: Moments): number {
  return m.variance + m.mean * m.mean;
}

/** Zero-mean unit-variance values, independent across positions: what every data top starts with. */
export const UNIT_INPUT: Moments = Object.freeze({ mean: 0, variance: 1, shared: 0, approximate: false });

export function moments(mean: number, variance: number, shared: number, approximate: boolean, mixed?: boolean): Moments {
  const v = Math.max(0, variance);
  const out: Moments = { mean, variance: v, shared: Math.min(v, Math.max(-v, shared)), approximate };
  if (mixed) out.mixed = true;
  return out;
}

export function gradient(second: number, approximate: boolean): Gradient {
  return { second: Math.max(0, second), approximate };
}

export const NO_GRADIENT: Gradient = Object.freeze({ second: 0, approximate: false });

/** Float32 overflows past 3.4e38: a second moment beyond its square means Caffe computes inf/NaN. */
export const FLOAT32_MAX = 3.4028234663852886e38;

export function overflows(m: Moments): boolean {
  return !(secondMoment(m) < FLOAT32_MAX * FLOAT32_MAX);
}

/** `y` with the spatial profile and channel dispersion of `x` (layers that act on every position alike). */
export function withProfile(y: Moments, x: Moments): Moments {
  if (x.profile) y.profile = x.profile;
  if (x.dispersion) y.dispersion = x.dispersion;
  return y;
}
