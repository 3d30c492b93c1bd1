/**
 * The net stage: from the file's caffe.NetParameter view to the net Caffe would build for one state
 * (phase, level, stages) — the layers read and upgraded (read-layers.ts), filtered by their
 * include/exclude rules (state-rules.ts), wired into a blob graph (blob-graph.ts) — with the
 * diagnostics Caffe's own checks would give. Wiring is only checked among the active layers; a
 * layer's own definition (type, blob counts, loss weights, rules) is checked for every layer.
 */
import type { Diagnostic } from '../diagnostics';
import type { MessageView } from '../schema/message-view';
import { wireBlobs } from './blob-graph';
import { checkBlobCounts } from './blob-count-check';
import { toLayerModel } from './layer-model';
import { checkDuplicateNames, checkMissingName } from './layer-name-checks';
import { checkIncludeExclude, checkPhaseField } from './layer-rule-checks';
import { checkLayerType } from './layer-type-check';
import { knownLayerTypes, layerTypeInfo } from './layer-types';
import { checkLossWeights } from './loss-weight-check';
import type { LayerModel, NetModel, Phase } from './model';
import { effectiveNetState } from './net-state';
import { readLayers } from './read-layers';
import { layerIncluded } from './state-rules';
import { findUnusedTops } from './unused-tops';

export interface NetSettings {
  phase: Phase;
  level: number;
  stages: readonly string[];
  customLayerTypes: readonly string[];
}

export function buildNet(root: MessageView, settings: NetSettings): NetModel {
  const state = effectiveNetState(root.message('state'), settings);
  const written = readLayers(root);
  const diagnostics: Diagnostic[] = [...written.diagnostics];
  const known = knownLayerTypes(settings.customLayerTypes);
  const layers: LayerModel[] = [];
  const excluded: LayerModel[] = [];
  for (const source of written.sources) {
    const layer = toLayerModel(source, -1);
    const active = layerIncluded(layer.view, state);
    if (active) layer.index = layers.length;
    (active ? layers : excluded).push(layer);
    diagnostics.push(
      ...checkLayerType(layer, source, known),
      ...checkMissingName(layer, source),
      ...checkBlobCounts(layer, source.keywordSpan),
      ...checkLossWeights(layer),
      ...checkIncludeExclude(layer),
      ...checkPhaseField(layer),
    );
  }
  const graph = wireBlobs(layers, excluded, state);
  diagnostics.push(...graph.diagnostics, ...checkDuplicateNames(layers, state.phase));
  diagnostics.push(...findUnusedTops(layers, graph.blobs, graph.outputs, state.phase));
  const trains = layers.some((l) => l.lossWeights.some((w) => w !== 0) || layerTypeInfo(l.type)?.data === 'dataset');
  return {
    name: root.string('name'),
    state,
    format: written.format,
    layers,
    excluded,
    outputs: graph.outputs,
    blobs: graph.blobs,
    trains,
    diagnostics: diagnostics.sort((a, b) => a.span.start - b.span.start),
  };
}
