/**
 * Losses and Accuracy. LossLayer::Reshape (loss_layer.cpp) makes the loss a scalar, shape (),
 * after checking that data and label agree on the first axis; each loss adds its own checks.
 * SoftmaxWithLoss and InfogainLoss may output the probabilities as a second top, shaped like the
 * scores. Accuracy (accuracy_layer.cpp): a scalar, plus per-class accuracies (C) as a second top.
 */
import type { LayerModel } from '../../net/model';
import type { MessageView } from '../../schema/message-view';
import { at, bottomSpan, canonicalAxis, check, checkEq } from '../check';
import { count, formatDims } from '../dims';
import type { Dim, Dims, ShapeRule, ShapeRuleOutput } from '../types';

const SCALAR: Dims = [];

/** Blob::LegacyShape: axes past the last read as 1 (so a (N, C) blob has height and width 1). */
function legacy(b: Dims, i: number): Dim {
  return i < b.length ? b[i] : 1;
}

function firstAxesAgree(layer: LayerModel, bottoms: (Dims | undefined)[]): void {
  const [b0, b1] = bottoms;
  if (!b0 || !b1) return;
  checkEq(
    legacy(b0, 0),
    legacy(b1, 0),
    'shape-mismatch',
    () => `The data and label should have the same first dimension: ${formatDims(b0)} vs ${formatDims(b1)}.`,
    () => bottomSpan(layer, 1),
  );
}

function lossOnly(layer: LayerModel, bottoms: (Dims | undefined)[]): ShapeRuleOutput {
  firstAxesAgree(layer, bottoms);
  return { tops: layer.tops.map(() => SCALAR) };
}

/** One label per prediction: count(0, axis) × count(axis+1) labels (softmax_loss_layer.cpp, accuracy_layer.cpp). */
function labelsPerPrediction(layer: LayerModel, p: MessageView, b0: Dims, b1: Dims, what: 'softmax' | 'label'): void {
  const axis = canonicalAxis(p.number('axis'), b0, at(layer, p, 'axis'));
  const outer = count(b0, 0, axis);
  const inner = count(b0, axis + 1);
  const labels = count(b1);
  if (outer !== null && inner !== null) {
    checkEq(
      outer * inner,
      labels,
      'shape-mismatch',
      () => `Number of labels must match number of predictions; e.g., if ${what} axis == 1 and prediction shape is (N, C, H, W), label count (number of labels) must be N*H*W, with integer values in {0, 1, ..., C-1}. Here: predictions ${formatDims(b0)} need ${outer * inner} labels, the label blob ${formatDims(b1)} has ${labels}.`,
      () => bottomSpan(layer, 1),
    );
  }
}

/** Softmax-based losses: scalar loss, optional probabilities shaped like the scores. */
function softmaxLoss(axisParam: string): ShapeRule {
  return ({ layer, bottoms }) => {
    firstAxesAgree(layer, bottoms);
    const [b0, b1] = bottoms;
    if (b0 && b1) labelsPerPrediction(layer, layer.view.message(axisParam), b0, b1, 'softmax');
    return { tops: layer.tops.map((_, i) => (i === 0 ? SCALAR : b0)) };
  };
}

// softmax_loss_layer.cpp reads the axis from softmax_param; infogain_loss_layer.cpp from its own param.
export const softmaxWithLoss: ShapeRule = softmaxLoss('softmax_param');
export const infogainLoss: ShapeRule = softmaxLoss('infogain_loss_param');

export const euclideanLoss: ShapeRule = ({ layer, bottoms }) => {
  const [b0, b1] = bottoms;
  if (b0 && b1) {
    checkEq(count(b0, 1), count(b1, 1), 'shape-mismatch', () => `Inputs must have the same dimension: ${formatDims(b0)} vs ${formatDims(b1)}.`, () => bottomSpan(layer, 1));
  }
  return lossOnly(layer, bottoms);
};

export const sigmoidCrossEntropyLoss: ShapeRule = ({ layer, bottoms }) => {
  const [b0, b1] = bottoms;
  if (b0 && b1) {
    checkEq(count(b0), count(b1), 'shape-mismatch', () => `SIGMOID_CROSS_ENTROPY_LOSS layer inputs must have the same count: ${formatDims(b0)} vs ${formatDims(b1)}.`, () => bottomSpan(layer, 1));
  }
  return lossOnly(layer, bottoms);
};

/** contrastive_loss_layer.cpp: two (N, C, 1, 1) features and a (N, 1, 1, 1) similarity label. */
export const contrastiveLoss: ShapeRule = ({ layer, bottoms }) => {
  const [a, b, y] = bottoms;
  const singleton = (blob: Dims | undefined, i: number, axes: number[]) => {
    if (!blob) return;
    for (const ax of axes) checkEq(legacy(blob, ax), 1, 'shape-check', () => `bottom[${i}] must have size 1 along axis ${ax}, it is ${formatDims(blob)}.`, () => bottomSpan(layer, i));
  };
  if (a && b) checkEq(legacy(a, 1), legacy(b, 1), 'shape-mismatch', () => `Both features must have the same channels: ${formatDims(a)} vs ${formatDims(b)}.`, () => bottomSpan(layer, 1));
  singleton(a, 0, [2, 3]);
  singleton(b, 1, [2, 3]);
  singleton(y, 2, [1, 2, 3]);
  return lossOnly(layer, bottoms);
};

/** multinomial_logistic_loss_layer.cpp: one label per item, (N, 1, 1, 1). */
export const multinomialLogisticLoss: ShapeRule = ({ layer, bottoms }) => {
  const label = bottoms[1];
  if (label) {
    for (const ax of [1, 2, 3]) checkEq(legacy(label, ax), 1, 'shape-check', () => `The label must have size 1 along axis ${ax}, it is ${formatDims(label)}.`, () => bottomSpan(layer, 1));
  }
  return lossOnly(layer, bottoms);
};

export const hingeLoss: ShapeRule = ({ layer, bottoms }) => lossOnly(layer, bottoms);

export const accuracy: ShapeRule = ({ layer, bottoms }) => {
  const p = layer.view.message('accuracy_param');
  const [b0, b1] = bottoms;
  if (b0 && b1) {
    const classes = count(b0);
    const labels = count(b1);
    if (classes !== null && labels !== null && labels > 0) {
      const k = p.number('top_k');
      check(k <= classes / labels, 'shape-check', () => `top_k must be less than or equal to the number of classes (top_k ${k}, ${classes / labels} classes).`, at(layer, p, 'top_k'));
    }
    labelsPerPrediction(layer, p, b0, b1, 'label');
  }
  const perClass: Dims | undefined = b0 ? [b0[canonicalAxis(p.number('axis'), b0, at(layer, p, 'axis'))]] : undefined;
  return { tops: layer.tops.map((_, i) => (i === 0 ? SCALAR : perClass)) };
};

export const noTops: ShapeRule = () => ({ tops: [] });
