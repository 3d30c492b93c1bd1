/**
 * Concatenated parts (Moments.parts): Concat keeps each bottom's channels with their own statistics,
 * and a channelwise layer after it (SignalRule.channelwise) runs once per part, both ways. The mixture is what
 * a layer that reads every channel (a convolution: fan_in counts all of them) sees: the channel-
 * weighted average of the second moments, the mean, and the covariance between positions.
 */
import { gradient, moments, secondMoment, type Gradient, type Moments, type Part } from '../moments';
import { mixKernels } from '../spatial/combine-kernel';
import { withKernel } from '../spatial/blob-kernel';
import type { BackwardOutput, ForwardOutput, SignalContext, SignalRule } from '../types';

function differ(a: Moments, b: Moments): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y), 1e-300);
  return !close(a.mean, b.mean) || !close(a.variance, b.variance);
}

/** Nested parts flattened: a Concat of Concats is one list. */
function flatten(parts: readonly Part[]): Part[] {
  return parts.flatMap((p) => (p.moments.parts ? flatten(p.moments.parts).map((q) => ({ share: p.share * q.share, moments: q.moments })) : [p]));
}

/** The mixture of parts (shares summing to 1); `kernels`: mix their spatial kernels when all have one of one size. */
export function mixParts(given: readonly Part[], approximate: boolean, kernels: boolean): Moments {
  const parts = flatten(given);
  if (parts.length === 1) return parts[0].moments;
  let mean = 0;
  let second = 0;
  let cross = 0;
  let dispersion = 0;
  let mixed = false;
  for (const { share, moments: x } of parts) {
    mean += share * x.mean;
    second += share * secondMoment(x);
    cross += share * (x.shared + x.mean ** 2);
    dispersion += share * (x.dispersion ?? 0);
    approximate = approximate || x.approximate;
    mixed = mixed || !!x.mixed || differ(x, parts[0].moments);
  }
  const y = moments(mean, second - mean * mean, cross - mean * mean, approximate, mixed);
  if (dispersion > 0) y.dispersion = dispersion;
  // Kept even when the parts look alike (same mean and variance): a channelwise layer still runs
  // per part, where each part keeps what the mixture cannot carry (its pre-activation for max
  // pooling, its own kernel). Without them a max pool after two alike ReLU branches predicted a
  // third of the variance (0.19 against 0.53, sampled 0.535).
  y.parts = parts;
  const sizes = parts.map((p) => p.moments.spatial?.axes.map((a) => a.size).join('×'));
  if (kernels && sizes.every((s) => s !== undefined && s === sizes[0])) {
    withKernel(y, mixKernels(parts.map((p) => ({ share: p.share, kernel: p.moments.spatial!, mean: p.moments.mean })), mean));
    y.shared = Math.max(-y.variance, Math.min(y.variance, cross - mean * mean));
  }
  return y;
}

/** A channelwise rule on a blob of parts: once per part, the tops mixed again. */
export function forwardPerPart(rule: SignalRule, ctx: SignalContext, parts: readonly Part[]): ForwardOutput {
  const outs = parts.map((p) => rule.forward(ctx, [p.moments]));
  const failed = outs.find((o) => o.reason);
  if (failed) return failed;
  return {
    tops: ctx.layer.tops.map((_, slot) => {
      const each = outs.map((o) => o.tops[slot]);
      if (each.some((m) => !m)) return null;
      return mixParts(
        parts.map((p, i) => ({ share: p.share, moments: each[i]! })),
        false,
        ctx.spatial,
      );
    }),
  };
}

/**
 * A channelwise rule's gradient on a blob of parts: once per part (a BatchNorm divides each part's
 * gradient by that part's own variance), averaged over the channels by share. Each part reads its
 * own top where the top kept its parts, the mixed top where the parts' outputs came out alike.
 */
export function backwardPerPart(
  rule: SignalRule,
  ctx: SignalContext,
  grads: (Gradient | null)[],
  parts: readonly Part[],
  tops: (Moments | null)[],
): BackwardOutput {
  const topOf = (top: Moments | null, i: number) => (top?.parts?.length === parts.length ? top.parts[i].moments : top);
  const outs = parts.map((p, i) => rule.backward(ctx, grads, [p.moments], tops.map((top) => topOf(top, i))));
  const failed = outs.find((o) => o.reason);
  if (failed) return failed;
  const each = outs.map((o) => o.bottoms[0]);
  if (each.some((g) => g === null)) return { bottoms: [null] };
  const second = each.reduce((sum, g, i) => sum + parts[i].share * g!.second, 0);
  return { bottoms: [gradient(second, each.some((g) => g!.approximate))] };
}
