/**
 * Where the forward chain ends and the backward chain starts: losses, Accuracy, Softmax, ArgMax,
 * HDF5Output. A loss (with a non-zero loss_weight) sends a unit gradient to its prediction bottom(s);
 * labels get none. Softmax's output is a probability (mean 1/K), not a signal to keep near 1, and
 * the gradient of a softmax-based loss is taken at the logits: the backward chain starts at Softmax's
 * bottom with a unit gradient whenever its output receives one.
 */
import { gradient, moments, NO_GRADIENT } from '../moments';
import type { SignalContext, SignalRule } from '../types';

const UNIT = gradient(1, false);

/** Bottoms that receive the loss gradient: the prediction, and for pairwise losses both inputs. */
const PREDICTIONS: Record<string, number[]> = {
  EuclideanLoss: [0, 1],
  ContrastiveLoss: [0, 1],
};

function lossRule(type: string): SignalRule {
  const receivers = PREDICTIONS[type] ?? [0];
  return {
    head: true,
    acceptsUnknown: true,
    forward: (ctx) => ({ tops: ctx.layer.tops.map(() => null) }),
    backward(ctx, _grads, bottoms) {
      const weighted = ctx.layer.lossWeights.some((w) => w !== 0);
      // A bottom whose forward value is unknown because it is a label gets no gradient either.
      return { bottoms: ctx.layer.bottoms.map((_, i) => (weighted && receivers.includes(i) && (i === 0 || bottoms[i]) ? UNIT : NO_GRADIENT)) };
    },
  };
}

/** Accuracy, ArgMax, HDF5Output: outputs that are not signals and send no gradient back. */
export const sink: SignalRule = {
  head: true,
  acceptsUnknown: true,
  forward: (ctx) => ({ tops: ctx.layer.tops.map(() => null) }),
  backward: (ctx) => ({ bottoms: ctx.layer.bottoms.map(() => NO_GRADIENT) }),
};

/** The number of classes: the softmax axis (softmax_param axis, default 1). */
function classes(ctx: SignalContext): number | null {
  const b = ctx.shapes?.bottomDims[0];
  if (!b) return null;
  const axis = ctx.layer.view.message('softmax_param').number('axis');
  return b[axis < 0 ? axis + b.length : axis] ?? null;
}

export const softmax: SignalRule = {
  head: true,
  forward(ctx, [x]) {
    const K = classes(ctx);
    if (K === null || !x) return { tops: [null] };
    // Mean exactly 1/K; for many classes y_i ≈ e^(x_i)/(K·E[e^x]), a log-normal: Var ≈ (e^v − 1)/K²,
    // at most that of a one-hot output, 1/K − 1/K².
    const variance = Math.min(Math.expm1(x.variance) / (K * K), 1 / K - 1 / (K * K));
    return { tops: [moments(1 / K, variance, 0, true)] };
  },
  backward(_ctx, [g]) {
    return { bottoms: [g && g.second > 0 ? UNIT : NO_GRADIENT] };
  },
};

export const LOSS_TYPES = [
  'SoftmaxWithLoss',
  'SigmoidCrossEntropyLoss',
  'EuclideanLoss',
  'HingeLoss',
  'InfogainLoss',
  'MultinomialLogisticLoss',
  'ContrastiveLoss',
] as const;

export const LOSS_RULES: Record<string, SignalRule> = Object.fromEntries(LOSS_TYPES.map((t) => [t, lossRule(t)]));
