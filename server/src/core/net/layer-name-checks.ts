/**
 * Layer names: Caffe accepts a missing or repeated name, but it matches trained weights to layers by
 * name (Net::CopyTrainedLayersFrom, src/caffe/net.cpp, takes the first layer of that name), so a
 * nameless layer or a second layer of the same name never gets its weights from a .caffemodel.
 * Duplicates count within the analysed phase's net only (TRAIN and TEST data layers often share a
 * name), and only for layers that may hold such blobs: two loss layers both called "loss" are harmless.
 */
import type { Diagnostic } from '../diagnostics';
import type { LayerSource } from './layer-source';
import { layerTypeInfo } from './layer-types';
import type { LayerModel, Phase } from './model';

export function checkMissingName(layer: LayerModel, source: LayerSource): Diagnostic[] {
  if (layer.format === 'input' || layer.view.fields('name').length > 0 || !source.keywordSpan) return [];
  return [{
    span: source.keywordSpan,
    severity: 'warning',
    code: 'missing-layer-name',
    message: `This ${layer.type || 'untyped'} layer has no name. Caffe runs it, but its log lines name no layer and no trained weights can be matched to it.`,
  }];
}

export function checkDuplicateNames(layers: LayerModel[], phase: Phase): Diagnostic[] {
  const first = new Map<string, LayerModel>();
  const out: Diagnostic[] = [];
  for (const layer of layers) {
    if (layer.name === '') continue;
    const earlier = first.get(layer.name);
    if (!earlier) {
      first.set(layer.name, layer);
      continue;
    }
    const info = layerTypeInfo(layer.type);
    // An untyped layer has its own error and cannot be created at all.
    const mayHoldBlobs = layer.type !== '' && (!info || info.hasBlobs === true || layer.type === 'Python');
    if (!layer.nameSpan || !mayHoldBlobs) continue;
    out.push({
      span: layer.nameSpan,
      severity: 'warning',
      code: 'duplicate-layer-name',
      message:
        `Another layer of the ${phase} net is already named '${layer.name}'. Caffe matches trained weights to layers by name ` +
        '(Net::CopyTrainedLayersFrom takes the first), so this layer would never get its weights from a .caffemodel.',
      ...(earlier.nameSpan ? { related: [{ span: earlier.nameSpan, message: `the first layer named '${layer.name}'` }] } : {}),
    });
  }
  return out;
}
