/**
 * Layer::SetLossWeights (include/caffe/layer.hpp): a layer that sets loss_weight must set it once per
 * top. A loss layer that sets none gets one — loss_weight 1 from LossLayer::LayerSetUp
 * (src/caffe/layers/loss_layer.cpp) — so with a second top (SoftmaxWithLoss's probabilities) it
 * fails the same check unless the file gives both weights.
 */
import type { Diagnostic } from '../diagnostics';
import { effectiveTopCount } from './layer-model';
import { isLossType } from './layer-types';
import type { LayerModel } from './model';

const CAFFE_WORDS = 'loss_weight must be unspecified or specified once per top blob.';

export function checkLossWeights(layer: LayerModel): Diagnostic[] {
  if (layer.format === 'input') return [];
  const given = layer.view.numbers('loss_weight').length;
  const tops = effectiveTopCount(layer.view, layer.type, layer.tops.length);
  if (given > 0) {
    if (given === tops) return [];
    const spans = layer.view.valueSpans('loss_weight');
    return [{ span: spans[Math.min(tops, spans.length - 1)] ?? spans[0], severity: 'error', code: 'loss-weight-count', message: `${CAFFE_WORDS} Found ${given} loss_weight value(s) for ${tops} top(s).` }];
  }
  if (!isLossType(layer.type) || tops <= 1) return [];
  const span = layer.tops[1]?.span ?? layer.typeSpan;
  if (!span) return [];
  return [{
    span,
    severity: 'error',
    code: 'loss-weight-count',
    message:
      `${CAFFE_WORDS} ${layer.type} is a loss layer, so Caffe gives it one loss_weight (1, for the first top) when none is set, ` +
      `but it has ${tops} tops: set loss_weight once per top, e.g. loss_weight: 1 then loss_weight: 0.`,
  }];
}
