/** A LayerModel from a layer's caffe.LayerParameter view: names, wiring, learning and loss settings. */
import type { BoundScalar } from '../schema/bound';
import { MessageView } from '../schema/message-view';
import type { Span } from '../text/span';
import { blobCounts, isLossType, layerTypeInfo } from './layer-types';
import type { LayerSource } from './layer-source';
import type { BlobRef, LayerModel, ParamSpecInfo } from './model';

function scalarsOf(view: MessageView, name: string): BoundScalar[] {
  const out: BoundScalar[] = [];
  for (const f of view.fields(name)) for (const v of f.values) if (v.kind === 'scalar') out.push(v);
  return out;
}

function lastValueSpan(view: MessageView, name: string): Span | undefined {
  const all = scalarsOf(view, name);
  return all[all.length - 1]?.span;
}

function blobRefs(view: MessageView, name: 'bottom' | 'top'): BlobRef[] {
  return scalarsOf(view, name).map((s) => ({ name: String(s.value), span: s.span }));
}

function paramSpecs(view: MessageView, type: string): ParamSpecInfo[] {
  const specs = view.messages('param').map((p) => ({
    ...(p.has('name') ? { name: p.string('name') } : {}),
    lrMult: p.number('lr_mult'),
    decayMult: p.number('decay_mult'),
    span: p.span,
  }));
  // UpgradeNetBatchNorm: the old BatchNorm definition declared its three statistics blobs as params;
  // Caffe now zeroes their lr_mult and decay_mult (the statistics are not learnt).
  if (type === 'BatchNorm' && specs.length === 3) return specs.map((s) => ({ ...s, lrMult: 0, decayMult: 0 }));
  return specs;
}

/** The number of tops Caffe gives the layer: those written, plus the ones AutoTopBlobs adds. */
export function effectiveTopCount(view: MessageView, type: string, written: number): number {
  const info = layerTypeInfo(type);
  if (!info) return written;
  const counts = blobCounts(info, view);
  if (!counts.autoTops) return written;
  return Math.max(written, counts.minTops ?? 0, counts.exactTops ?? 0);
}

function lossWeights(view: MessageView, type: string, topCount: number): number[] {
  const given = view.numbers('loss_weight');
  if (given.length > 0) return given;
  return Array.from({ length: topCount }, (_, i) => (i === 0 && isLossType(type) ? 1 : 0));
}

export function toLayerModel(source: LayerSource, index: number): LayerModel {
  const view = MessageView.of(source.bound);
  const type = view.string('type');
  const tops = blobRefs(view, 'top');
  return {
    index,
    name: view.string('name'),
    type,
    format: source.format,
    view,
    ...(source.span ? { span: source.span } : {}),
    ...(source.format !== 'input' ? { nameSpan: lastValueSpan(view, 'name'), typeSpan: lastValueSpan(view, 'type') } : {}),
    bottoms: blobRefs(view, 'bottom'),
    tops,
    params: paramSpecs(view, type),
    lossWeights: lossWeights(view, type, effectiveTopCount(view, type, tops.length)),
    inPlace: false,
  };
}
