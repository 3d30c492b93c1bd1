/**
 * One rule for every elementwise nonlinearity (activations.ts): forward the Gaussian statistics of
 * f(X), with the same-channel covariance carried through f; backward E[dx²] = E[f'(X)²]·E[dy²]
 * (the mean-field independence of gradient and activation, as in He et al. 2015 §2.2).
 */
import { expectNormal, gaussHermite } from '../gauss-hermite';
import { gradient, moments, withProfile, type Moments } from '../moments';
import type { SignalContext, SignalRule } from '../types';
import { unknownBottoms, unknownTops } from '../types';
import { activationKernel } from '../spatial/activation-kernel';
import { kernelOf, withKernel } from '../spatial/blob-kernel';
import { activationOfLaw, gaussianLaw, pairsOf } from '../law';
import { activationSlope2, activationStats, type Activation, type ActivationFactory } from './activations';

const SHARED_POINTS = 24;

/**
 * Cov(f(x_p), f(x_p')) when x_p, x_p' share a channel offset: x = m + √s·Z + √(v−s)·e, so
 * E[f(x_p) f(x_p')] = E_Z[g(m + √s·Z)²] with g(μ) = E[f(μ + √(v−s)·e)].
 */
function sharedThrough(act: Activation, x: Moments, mean: number, variance: number): number {
  const { mean: m, variance: v, shared: s } = x;
  // A small negative covariance (after batch normalisation) passes at first order: × E[f'(x)]².
  if (s < 0) {
    const slope = act.df ? expectNormal(act.df, m, v) : 0;
    return s * slope * slope;
  }
  if (!(s > 0)) return 0;
  if (s >= v) return variance;
  const { points, weights } = gaussHermite(SHARED_POINTS);
  const rs = Math.sqrt(s);
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const g = activationStats(act, m + rs * points[i], v - s).mean;
    sum += weights[i] * (g - mean) ** 2;
  }
  return sum;
}

/** outer ∘ inner (both nondecreasing) as an activation: max pooling integrates it by quadrature. */
function compose(outer: Activation, inner: (x: number) => number): Activation {
  const f = (x: number) => outer.f(inner(x));
  return { f, monotone: true, exact: false };
}

/** A non-Gaussian input (a residual sum) or one whose channels batch normalisation constrained (law.ts). */
function ofLaw(act: Activation, x: Moments): Moments {
  const r = activationOfLaw(act, x.law?.() ?? gaussianLaw(x.mean, x.variance), pairsOf(x));
  const y = moments(r.mean, r.variance, r.pairs.s1, true);
  y.law = r.law;
  y.shared2 = r.pairs.s2;
  y.shared3 = r.pairs.s3;
  withProfile(y, x);
  // Max pooling reads f(pre) only for a Gaussian pre-activation.
  if (act.monotone && !x.law) y.monotoneOf = { f: act.f, pre: x, act };
  return y;
}

/** E[f'(x)²] over the input's law when it has one. */
function slope2(act: Activation, x: Moments): number | undefined {
  if (!x.law) return activationSlope2(act, x.mean, x.variance);
  const law = x.law();
  let sum = 0;
  for (let i = 0; i < law.atoms.length; i++) {
    const k = activationSlope2(act, law.atoms[i], law.noise[i]);
    if (k === undefined) return undefined;
    sum += k / law.atoms.length;
  }
  return sum;
}

export function neuronRule(factory: ActivationFactory): SignalRule {
  const activation = (ctx: SignalContext) => factory(ctx.layer, ctx.params);
  return {
    channelwise: true,
    forward(ctx, [x]) {
      const act = activation(ctx);
      if (typeof act === 'string') return unknownTops(ctx, act);
      const stats = activationStats(act, x!.mean, x!.variance);
      if (!Number.isFinite(stats.mean) || !Number.isFinite(stats.variance)) {
        return unknownTops(ctx, `its input reaches values where ${ctx.layer.type} is undefined or overflows (Caffe computes inf or NaN)`);
      }
      // Gaussian integrals of a mixture of channel statistics (after Concat) are an approximation.
      const approximate = x!.approximate || !act.exact || !!x!.mixed;
      // With a spatial kernel each position is integrated at its own variance (border positions are smaller).
      const kernel = x!.mixed ? undefined : kernelOf(ctx, x!);
      const spatial = kernel && activationKernel(act, kernel, x!.mean);
      if (!spatial && !x!.mixed && x!.variance > 0 && (x!.law || x!.shared2 !== undefined)) return { tops: [ofLaw(act, x!)] };
      const mean = spatial ? spatial.mean : stats.mean;
      const variance = spatial ? spatial.variance : stats.variance;
      const y = moments(mean, variance, sharedThrough(act, x!, stats.mean, stats.variance), approximate, x!.mixed);
      // Exact for the ReLU family (homogeneous); the usual case for the others, whose inputs are near 0.
      withProfile(y, x!);
      if (spatial) withKernel(y, spatial.kernel);
      if (act.monotone && !x!.mixed) {
        const inner = x!.monotoneOf;
        const outer = inner ? compose(act, inner.f) : act;
        y.monotoneOf = { f: outer.f, pre: inner ? inner.pre : x!, act: outer };
      }
      return { tops: [y] };
    },
    backward(ctx, [g], [x]) {
      const act = activation(ctx);
      if (typeof act === 'string') return unknownBottoms(ctx, act);
      const k = slope2(act, x!);
      if (k === undefined) return unknownBottoms(ctx, `Caffe does not back-propagate through ${ctx.layer.type}`);
      const closedSlope = !!act.closedSlope2 || !(x!.variance > 0);
      return { bottoms: [gradient(k * g!.second, g!.approximate || x!.approximate || !closedSlope || !!x!.mixed)] };
    },
  };
}
