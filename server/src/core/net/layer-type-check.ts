/**
 * The layer's type must be one Caffe can create: LayerRegistry::CreateLayer (include/caffe/
 * layer_factory.hpp) stops with "Unknown layer type: <type>" otherwise, and a V0 file's type must be
 * one UpgradeV0LayerType knows ("Unknown layer name: <type>"). Known types are the registry's, Python,
 * and the user's customLayerTypes setting. Applies to every layer, whatever the phase.
 */
import type { Diagnostic } from '../diagnostics';
import { closestName } from '../text/suggest';
import { V0_LAYER_TYPES } from './legacy-types';
import type { LayerSource } from './layer-source';
import type { LayerModel } from './model';

const CUSTOM_HINT = 'If your Caffe build registers it, add it to the prototxtLens.customLayerTypes setting.';

function unknownType(layer: LayerModel, message: string, suggestion: string | undefined, hint = ''): Diagnostic {
  const span = layer.typeSpan!;
  return {
    span,
    severity: 'error',
    code: 'unknown-layer-type',
    message: message + (suggestion ? ` Did you mean "${suggestion}"?` : '') + (hint ? ` ${hint}` : ''),
    ...(suggestion ? { fixes: [{ title: `Change to "${suggestion}"`, edits: [{ span, newText: JSON.stringify(suggestion) }], preferred: true }] } : {}),
  };
}

export function checkLayerType(layer: LayerModel, source: LayerSource, known: ReadonlySet<string>): Diagnostic[] {
  if (layer.format === 'input') return [];
  if (!layer.typeSpan) {
    // A `type` written with a value the schema rejected has its own diagnostic already.
    if (layer.view.fields('type').length > 0 || !source.keywordSpan) return [];
    const who = layer.name ? `Layer '${layer.name}'` : 'This layer';
    return [{ span: source.keywordSpan, severity: 'error', code: 'missing-layer-type', message: `${who} has no type. Caffe cannot create it ("Unknown layer type: ").` }];
  }
  if (source.unknownV0Type) {
    const v0 = String(layer.type);
    return [unknownType(layer, `Unknown layer name: ${v0} (not a V0 layer type Caffe can upgrade).`, closestName(v0, Object.keys(V0_LAYER_TYPES)))];
  }
  if (known.has(layer.type)) return [];
  if (layer.type === '') return [unknownType(layer, 'Unknown layer type: "" (an empty type names no layer).', undefined)];
  return [unknownType(layer, `Unknown layer type: ${layer.type}.`, closestName(layer.type, known), CUSTOM_HINT)];
}
