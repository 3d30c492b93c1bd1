/**
 * Layers that move, copy or combine values without weights: Split, Flatten, Reshape, Crop, Tile,
 * Concat, Slice, Eltwise, Silence, BatchReindex (src/caffe/layers/*_layer.cpp).
 * - Concat keeps each bottom's channels as they are: the top's statistics are the channel-weighted
 *   averages (a later layer's fan_in counts every channel, so it sees the average second moment).
 * - Eltwise SUM: Σ c_i·x_i of uncorrelated branches (independent zero-mean weights make a residual
 *   branch uncorrelated with its shortcut): mean Σ c_i m_i, variance Σ c_i² v_i; the same bottom
 *   given twice adds its coefficients first. PROD: independent factors. MAX: Clark's moments of the
 *   maximum of two Gaussians, applied pairwise (approximate).
 * Backward: a copy passes the gradient on; a blob read by several layers (Split's tops) gets the
 * sum of their gradients (propagate.ts adds them).
 */
import { Phi, phi } from '../normal';
import { gradient, moments, NO_GRADIENT, secondMoment, type Moments } from '../moments';
import { kernelOf, withKernel } from '../spatial/blob-kernel';
import { sumKernels, type SumTerm } from '../spatial/combine-kernel';
import { mixParts } from './parts';
import { gaussianLaw, lawOf, lazy, notGaussian, pairsOf, sumOfLaws, sumOfPairs } from '../law';
import type { SignalContext, SignalRule } from '../types';
import { unknownBottoms } from '../types';

const count = (s: number[] | undefined) => (s ? s.reduce((n, d) => n * d, 1) : undefined);

/** Every top a copy of bottom 0; backward the sum of the tops' gradients. */
export const copy: SignalRule = {
  forward(ctx, [x]) {
    return { tops: ctx.layer.tops.map(() => x) };
  },
  backward(ctx, grads) {
    let second = 0;
    let approximate = false;
    for (const g of grads) {
      second += g!.second;
      approximate = approximate || g!.approximate;
    }
    return { bottoms: ctx.layer.bottoms.map((_, i) => (i === 0 ? gradient(second, approximate) : NO_GRADIENT)) };
  },
};

/** A subset (Crop) or repetition (Tile) of the bottom: same statistics; the gradient spreads by the count ratio. */
export const resample: SignalRule = {
  forward: copy.forward,
  backward(ctx, [g]) {
    const top = count(ctx.shapes?.tops[0]);
    const bottom = count(ctx.shapes?.bottoms[0]);
    if (top === undefined || bottom === undefined || bottom === 0) return unknownBottoms(ctx, 'its shapes are unknown');
    return { bottoms: ctx.layer.bottoms.map((_, i) => (i === 0 ? gradient((g!.second * top) / bottom, g!.approximate) : NO_GRADIENT)) };
  },
};

export const silence: SignalRule = {
  forward: () => ({ tops: [] }),
  // Silence writes zero gradients (silence_layer.cpp).
  backward: (ctx) => ({ bottoms: ctx.layer.bottoms.map(() => NO_GRADIENT) }),
  acceptsUnknown: true,
};

/** The concatenation axis (concat_param axis, or legacy concat_dim) and each bottom's share of it. */
function concatShares(ctx: SignalContext): { shares: number[]; known: boolean } {
  const p = ctx.layer.view.message('concat_param');
  const axis0 = p.has('concat_dim') ? p.number('concat_dim') : p.number('axis');
  const dims = ctx.shapes?.bottomDims ?? [];
  const sizes = ctx.layer.bottoms.map((_, i) => {
    const d = dims[i];
    if (!d) return null;
    const axis = axis0 < 0 ? axis0 + d.length : axis0;
    return d[axis] ?? null;
  });
  if (sizes.some((s) => s === null)) return { shares: sizes.map(() => 1 / sizes.length), known: false };
  const total = (sizes as number[]).reduce((a, b) => a + b, 0);
  return { shares: (sizes as number[]).map((s) => (total ? s / total : 0)), known: true };
}

export const concat: SignalRule = {
  forward(ctx, xs) {
    const { shares, known } = concatShares(ctx);
    if (xs.length === 1) return { tops: [xs[0]] };
    // Each bottom's channels keep their statistics; kernels are mixed where every bottom has one.
    const parts = xs.map((x, i) => ({ share: shares[i], moments: x! }));
    const kernels = ctx.spatial && xs.every((x, i) => kernelOf(ctx, x!, i));
    return { tops: [mixParts(parts, !known, !!kernels)] };
  },
  backward(ctx, [g]) {
    return { bottoms: ctx.layer.bottoms.map(() => g) };
  },
};

/** Slice: each top a part of the bottom's channels, with the bottom's (pooled) statistics. */
export const slice: SignalRule = {
  forward(ctx, [x]) {
    return { tops: ctx.layer.tops.map(() => x) };
  },
  backward(ctx, grads) {
    const dims = ctx.shapes?.topDims ?? [];
    const p = ctx.layer.view.message('slice_param');
    const axis0 = p.has('slice_dim') ? p.number('slice_dim') : p.number('axis');
    const sizes = grads.map((_, i) => {
      const d = dims[i];
      return d ? (d[axis0 < 0 ? axis0 + d.length : axis0] ?? null) : null;
    });
    const known = sizes.every((s) => s !== null);
    const total = known ? (sizes as number[]).reduce((a, b) => a + b, 0) : grads.length;
    let second = 0;
    grads.forEach((g, i) => (second += (known ? sizes[i]! / total : 1 / total) * g!.second));
    return { bottoms: [gradient(second, !known || grads.some((g) => g!.approximate))] };
  },
};

type Op = 'SUM' | 'PROD' | 'MAX';

function eltwiseOp(ctx: SignalContext): { op: Op; coeffs: number[] } {
  const p = ctx.layer.view.message('eltwise_param');
  const given = p.numbers('coeff');
  return { op: p.enumName('operation') as Op, coeffs: ctx.layer.bottoms.map((_, i) => given[i] ?? 1) };
}

/** Bottoms grouped by identity: the same blob twice is one term with the coefficients added. */
function groups(ctx: SignalContext, coeffs: number[]): { index: number; coeff: number }[] {
  const out: { index: number; coeff: number }[] = [];
  ctx.bottomIds.forEach((id, i) => {
    const same = out.find((g) => ctx.bottomIds[g.index] === id);
    if (same) same.coeff += coeffs[i];
    else out.push({ index: i, coeff: coeffs[i] });
  });
  return out;
}

/** Clark (1961): mean and second moment of max(X1, X2) for independent normals; P(X1 wins). */
function clarkMax(a: Moments, b: Moments): { mean: number; second: number; p: number } {
  const theta = Math.sqrt(a.variance + b.variance);
  if (!(theta > 0)) {
    const first = a.mean >= b.mean;
    const m = first ? a.mean : b.mean;
    return { mean: m, second: m * m, p: first ? 1 : 0 };
  }
  const alpha = (a.mean - b.mean) / theta;
  const p = Phi(alpha);
  const d = phi(alpha);
  const mean = a.mean * p + b.mean * (1 - p) + theta * d;
  const second = secondMoment(a) * p + secondMoment(b) * (1 - p) + (a.mean + b.mean) * theta * d;
  return { mean, second, p };
}

export const eltwise: SignalRule = {
  forward(ctx, xs) {
    const { op, coeffs } = eltwiseOp(ctx);
    const approximate = xs.some((x) => x!.approximate);
    const mixed = xs.some((x) => x!.mixed);
    if (op === 'SUM') {
      let mean = 0;
      let variance = 0;
      let shared = 0;
      const terms = groups(ctx, coeffs);
      for (const { index, coeff } of terms) {
        const x = xs[index]!;
        mean += coeff * x.mean;
        variance += coeff * coeff * x.variance;
        shared += coeff * coeff * x.shared;
      }
      const y = moments(mean, variance, shared, approximate, mixed);
      // A ReLU output plus a branch (a residual sum) is not Gaussian: the laws convolve (law.ts).
      if (!mixed && variance > 0 && terms.some(({ index }) => notGaussian(xs[index]!))) {
        const each = terms.map(({ index, coeff }) => ({ x: xs[index]!, coeff }));
        y.law = lazy(() => sumOfLaws(each.map(({ x, coeff }) => ({ law: lawOf(x) ?? gaussianLaw(x.mean, x.variance), coeff }))));
        const pairs = sumOfPairs(terms.map(({ index, coeff }) => ({ pairs: pairsOf(xs[index]!), coeff })));
        y.shared2 = pairs.s2;
        y.shared3 = pairs.s3;
      }
      // Independent branches: their spatial covariances add too.
      const kernels = terms.map(({ index, coeff }) => ({ kernel: kernelOf(ctx, xs[index]!, index), mean: xs[index]!.mean, coeff }));
      if (!mixed && kernels.every((t) => t.kernel)) withKernel(y, sumKernels(kernels as SumTerm[]));
      return { tops: [y] };
    }
    if (op === 'PROD') {
      let mean = 1;
      let second = 1;
      let cross = 1;
      for (const x of xs) {
        mean *= x!.mean;
        second *= secondMoment(x!);
        cross *= x!.shared + x!.mean ** 2;
      }
      const repeated = new Set(ctx.bottomIds).size < ctx.bottomIds.length;
      return { tops: [moments(mean, second - mean * mean, cross - mean * mean, approximate || repeated, mixed)] };
    }
    let acc = xs[0]!;
    for (let i = 1; i < xs.length; i++) {
      const r = clarkMax(acc, xs[i]!);
      const shared = r.p * acc.shared + (1 - r.p) * xs[i]!.shared;
      acc = moments(r.mean, r.second - r.mean * r.mean, shared, true, mixed);
    }
    return { tops: [acc] };
  },
  backward(ctx, [g], xs) {
    const { op, coeffs } = eltwiseOp(ctx);
    const dy = g!;
    if (op === 'SUM') return { bottoms: coeffs.map((c) => gradient(c * c * dy.second, dy.approximate)) };
    if (op === 'PROD') {
      return {
        bottoms: xs.map((_, i) => {
          let k = 1;
          xs.forEach((x, j) => (k *= j === i ? 1 : secondMoment(x!)));
          return gradient(k * dy.second, true);
        }),
      };
    }
    // MAX routes the gradient to the winner: E[dx_i²] = P(i wins)·E[dy²].
    if (xs.length === 2) {
      const p = clarkMax(xs[0]!, xs[1]!).p;
      return { bottoms: [gradient(p * dy.second, true), gradient((1 - p) * dy.second, true)] };
    }
    return { bottoms: xs.map(() => gradient(dy.second / xs.length, true)) };
  },
};

