/**
 * Caffe's elementwise nonlinearities as functions of a Gaussian input X ~ N(m, v) (the mean-field
 * assumption, moments.ts): E[f(X)], Var f(X) and E[f'(X)²] (the backward factor). Closed forms where
 * they exist (the ReLU family, ELU, AbsVal, Exp, Clip, Threshold: truncated-normal and log-normal
 * moments), Gauss–Hermite otherwise (TanH, Sigmoid, BNLL, Swish, Power, Log), which marks the value
 * approximate. Parameters and formulas as in BVLC/caffe src/caffe/layers/<name>_layer.cpp.
 */
import type { LayerModel } from '../../net/model';
import { expectNormal } from '../gauss-hermite';
import { Phi, phi } from '../normal';
import type { ParamStats } from '../types';

export interface MeanVar {
  mean: number;
  variance: number;
}

export interface Activation {
  f: (x: number) => number;
  /** f' where it exists; undefined when Caffe does not back-propagate (Threshold). */
  df?: (x: number) => number;
  /** Closed-form statistics for a non-degenerate Gaussian (v > 0); absent: Gauss–Hermite. */
  closed?: (m: number, v: number) => MeanVar;
  /** Closed-form E[f'(X)²]. */
  closedSlope2?: (m: number, v: number) => number;
  /** Nondecreasing f: max pooling commutes with it. */
  monotone: boolean;
  /** The ReLU family's negative slope (its Hermite coefficients have a closed form). */
  leakySlope?: number;
  /** The statistics are exact (closed forms, or quadrature that is exact for a polynomial f). */
  exact: boolean;
}

/** Truncated moments of X ~ N(m, v) on either side of 0. */
interface Halves {
  p: number;
  /** E[X·1{X>0}], E[X²·1{X>0}], E[X·1{X<0}], E[X²·1{X<0}] */
  e1p: number;
  e2p: number;
  e1n: number;
  e2n: number;
}

export function halves(m: number, v: number): Halves {
  const s = Math.sqrt(v);
  const t = m / s;
  const p = Phi(t);
  const d = phi(t);
  const q = m * m + v;
  const e1p = m * p + s * d;
  const e2p = q * p + m * s * d;
  return { p, e1p, e2p, e1n: m - e1p, e2n: q - e2p };
}

/** ReLU with negative_slope a (also PReLU at its initial slope): x for x > 0, a·x otherwise. */
export function leaky(a: number): Activation {
  return {
    f: (x) => (x > 0 ? x : a * x),
    df: (x) => (x > 0 ? 1 : a),
    closed: (m, v) => {
      const h = halves(m, v);
      const mean = h.e1p + a * h.e1n;
      return { mean, variance: h.e2p + a * a * h.e2n - mean * mean };
    },
    closedSlope2: (m, v) => {
      const p = Phi(m / Math.sqrt(v));
      return p + a * a * (1 - p);
    },
    monotone: a >= 0,
    exact: true,
    leakySlope: a,
  };
}

/** log Φ(z) without underflow far in the lower tail. */
function logPhi(z: number): number {
  if (z > -30) return Math.log(Phi(z));
  return -0.5 * z * z - Math.log(-z) - 0.5 * Math.log(2 * Math.PI);
}

/** E[e^(kX)·1{X<0}] = e^(k·m + k²v/2)·Φ(−(m + k·v)/√v) (log-normal, truncated). */
function expBelowZero(k: number, m: number, v: number): number {
  return Math.exp(k * m + (k * k * v) / 2 + logPhi(-(m + k * v) / Math.sqrt(v)));
}

/** ELU (elu_layer.cpp): x for x > 0, α(e^x − 1) otherwise. */
export function elu(alpha: number): Activation {
  return {
    f: (x) => (x > 0 ? x : alpha * Math.expm1(x)),
    df: (x) => (x > 0 ? 1 : alpha * Math.exp(x)),
    closed: (m, v) => {
      const h = halves(m, v);
      const pn = 1 - h.p;
      const e1 = expBelowZero(1, m, v);
      const e2 = expBelowZero(2, m, v);
      const mean = h.e1p + alpha * (e1 - pn);
      const second = h.e2p + alpha * alpha * (e2 - 2 * e1 + pn);
      return { mean, variance: second - mean * mean };
    },
    closedSlope2: (m, v) => Phi(m / Math.sqrt(v)) + alpha * alpha * expBelowZero(2, m, v),
    monotone: alpha >= 0,
    exact: true,
  };
}

export const absVal: Activation = {
  f: Math.abs,
  df: (x) => (x >= 0 ? 1 : -1),
  closed: (m, v) => {
    const h = halves(m, v);
    const mean = h.e1p - h.e1n;
    return { mean, variance: m * m + v - mean * mean };
  },
  closedSlope2: () => 1,
  monotone: false,
  exact: true,
};

const sigmoidFn = (x: number) => 1 / (1 + Math.exp(-x));

export const tanh: Activation = { f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2, monotone: true, exact: false };

export const sigmoid: Activation = {
  f: sigmoidFn,
  df: (x) => {
    const y = sigmoidFn(x);
    return y * (1 - y);
  },
  monotone: true,
  exact: false,
};

/** BNLL (bnll_layer.cpp): log(1 + e^x), computed stably; f' = sigmoid. */
export const bnll: Activation = {
  f: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
  df: sigmoidFn,
  monotone: true,
  exact: false,
};

/** Swish (swish_layer.cpp): x·sigmoid(β·x). */
export function swish(beta: number): Activation {
  return {
    f: (x) => x * sigmoidFn(beta * x),
    df: (x) => {
      const y = sigmoidFn(beta * x);
      return y + beta * x * y * (1 - y);
    },
    monotone: false,
    exact: false,
  };
}

/** Exp (exp_layer.cpp): base^(shift + scale·x) = e^(a + b·x); base −1 means e. Log-normal moments. */
export function exp(base: number, scale: number, shift: number): Activation {
  const ln = base === -1 ? 1 : Math.log(base);
  const a = shift * ln;
  const b = scale * ln;
  return {
    f: (x) => Math.exp(a + b * x),
    df: (x) => b * Math.exp(a + b * x),
    closed: (m, v) => {
      const mean = Math.exp(a + b * m + (b * b * v) / 2);
      // Var = E² (e^(b²v) − 1)
      return { mean, variance: mean * mean * Math.expm1(b * b * v) };
    },
    closedSlope2: (m, v) => b * b * Math.exp(2 * a + 2 * b * m + 2 * b * b * v),
    monotone: b >= 0,
    exact: true,
  };
}

/** Power (power_layer.cpp): (shift + scale·x)^power. Polynomial for a non-negative integer power, so the quadrature is exact. */
export function power(p: number, scale: number, shift: number): Activation {
  const integer = Number.isInteger(p) && p >= 0 && p <= 30;
  return {
    f: (x) => Math.pow(shift + scale * x, p),
    df: (x) => (p === 0 ? 0 : p * scale * Math.pow(shift + scale * x, p - 1)),
    monotone: scale >= 0 && (p === 1 || (integer && p % 2 === 1)),
    exact: integer,
  };
}

/** Log (log_layer.cpp): log_base(shift + scale·x); base −1 means e. */
export function log(base: number, scale: number, shift: number): Activation {
  const k = base === -1 ? 1 : 1 / Math.log(base);
  return {
    f: (x) => k * Math.log(shift + scale * x),
    df: (x) => (k * scale) / (shift + scale * x),
    monotone: scale * k >= 0,
    exact: false,
  };
}

/** Clip (clip_layer.cpp): min(max(x, lo), hi). Truncated-normal moments. */
export function clip(lo: number, hi: number): Activation {
  return {
    f: (x) => Math.min(Math.max(x, lo), hi),
    df: (x) => (x >= lo && x <= hi ? 1 : 0),
    closed: (m, v) => {
      const s = Math.sqrt(v);
      const a = (lo - m) / s;
      const b = (hi - m) / s;
      const pa = Phi(a);
      const pb = Phi(b);
      const da = phi(a);
      const db = phi(b);
      const inside = pb - pa;
      const mean = lo * pa + hi * (1 - pb) + m * inside + s * (da - db);
      const second = lo * lo * pa + hi * hi * (1 - pb) + m * m * inside + 2 * m * s * (da - db) + v * (inside + a * da - b * db);
      return { mean, variance: second - mean * mean };
    },
    closedSlope2: (m, v) => Phi((hi - m) / Math.sqrt(v)) - Phi((lo - m) / Math.sqrt(v)),
    monotone: true,
    exact: true,
  };
}

/** Threshold (threshold_layer.cpp): 1 where x > t, else 0. Caffe does not back-propagate it. */
export function threshold(t: number): Activation {
  return {
    f: (x) => (x > t ? 1 : 0),
    closed: (m, v) => {
      const p = 1 - Phi((t - m) / Math.sqrt(v));
      return { mean: p, variance: p * (1 - p) };
    },
    monotone: true,
    exact: true,
  };
}

/** Statistics of f(X), X ~ N(m, v): closed form, quadrature, or f(m) for a constant input. */
export function activationStats(act: Activation, m: number, v: number): MeanVar {
  if (!(v > 0)) return { mean: act.f(m), variance: 0 };
  if (act.closed) {
    const r = act.closed(m, v);
    return { mean: r.mean, variance: Math.max(0, r.variance) };
  }
  const mean = expectNormal(act.f, m, v);
  return { mean, variance: expectNormal((x) => (act.f(x) - mean) ** 2, m, v) };
}

/** E[f'(X)²]; undefined when f is not back-propagated. */
export function activationSlope2(act: Activation, m: number, v: number): number | undefined {
  if (!act.df) return undefined;
  const df = act.df;
  if (!(v > 0)) return df(m) ** 2;
  if (act.closedSlope2) return act.closedSlope2(m, v);
  return expectNormal((x) => df(x) ** 2, m, v);
}

/** What each activation layer type computes, from its parameters (and PReLU's slope blob). */
export type ActivationFactory = (layer: LayerModel, params: (ParamStats | undefined)[]) => Activation | string;

export const ACTIVATIONS: Record<string, ActivationFactory> = {
  ReLU: (l) => leaky(l.view.message('relu_param').number('negative_slope')),
  // The slope blob's mean (constant 0.25 by default); a random slope is read at its mean.
  PReLU: (_l, params) => (params[0] ? leaky(params[0].mean) : 'the statistics of its slope filler are unknown'),
  ELU: (l) => elu(l.view.message('elu_param').number('alpha')),
  AbsVal: () => absVal,
  TanH: () => tanh,
  Sigmoid: () => sigmoid,
  BNLL: () => bnll,
  Swish: (l) => swish(l.view.message('swish_param').number('beta')),
  Exp: (l) => {
    const p = l.view.message('exp_param');
    return exp(p.number('base'), p.number('scale'), p.number('shift'));
  },
  Power: (l) => {
    const p = l.view.message('power_param');
    return power(p.number('power'), p.number('scale'), p.number('shift'));
  },
  Log: (l) => {
    const p = l.view.message('log_param');
    return log(p.number('base'), p.number('scale'), p.number('shift'));
  },
  Clip: (l) => {
    const p = l.view.message('clip_param');
    return clip(p.number('min'), p.number('max'));
  },
  Threshold: (l) => threshold(l.view.message('threshold_param').number('threshold')),
};
