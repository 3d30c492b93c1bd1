/**
 * V0 nets (`layers { layer { type: "conv" num_output: 20 kernelsize: 5 … } bottom: … top: … }`)
 * read as the caffe.LayerParameters Caffe makes of them (src/caffe/util/upgrade_proto.cpp):
 * UpgradeV0PaddingLayers first folds each "padding" layer into the conv or pool layer that reads it
 * (that layer gets the pad and reads the padding layer's input instead); UpgradeV0LayerParameter
 * then moves the flat V0 fields into the *_param messages (v0-fields.ts) and the type string to a
 * registry type (legacy-types.ts). Bottoms and tops come from the outer `layers`; every other outer
 * field is dropped, as Caffe drops it.
 */
import type { Diagnostic } from '../diagnostics';
import type { BoundField, BoundMessage, BoundScalar } from '../schema/bound';
import { MessageView } from '../schema/message-view';
import { caffeSchema } from '../schema/registry';
import { messageValue, scalarValue, synthesizeField, synthesizeMessage, syntheticFieldNode } from '../schema/synthesize';
import type { Span } from '../text/span';
import { LegacyParamSpecs } from './legacy-param-specs';
import type { LayerSource } from './layer-source';
import { v0TypeName } from './legacy-types';
import { v0FieldTarget } from './v0-fields';

export interface LegacyEntry {
  /** The outer `layers { }` message (a caffe.V1LayerParameter). */
  message: BoundMessage;
  span: Span;
  keywordSpan: Span;
}

/** One bottom or top as written: its field and value. */
interface Wire {
  field: BoundField;
  value: BoundScalar;
}

interface V0Layer {
  entry: LegacyEntry;
  inner?: { field: BoundField; message: BoundMessage };
  type: string;
  bottoms: Wire[];
  tops: Wire[];
  /** The padding layer's `pad` field that UpgradeV0PaddingLayers gives this layer. */
  padFrom?: BoundField;
}

function wires(message: BoundMessage, name: string): Wire[] {
  const out: Wire[] = [];
  for (const field of MessageView.of(message).fields(name)) {
    for (const value of field.values) if (value.kind === 'scalar') out.push({ field, value });
  }
  return out;
}

function readV0Layer(entry: LegacyEntry): V0Layer {
  const fields = MessageView.of(entry.message).fields('layer');
  const field = fields[fields.length - 1];
  const last = field?.values[field.values.length - 1];
  const inner = field && last?.kind === 'message' ? { field, message: last.message } : undefined;
  const type = inner ? MessageView.of(inner.message).string('type') : '';
  return { entry, inner, type, bottoms: wires(entry.message, 'bottom'), tops: wires(entry.message, 'top') };
}

export function upgradeV0Layers(entries: LegacyEntry[], inputNames: readonly string[]): { sources: LayerSource[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const all = entries.map(readV0Layer);
  foldPaddingLayers(all, inputNames, diagnostics);
  const sources = all.filter((l) => l.type !== 'padding').map((l) => toLayerParameter(l, diagnostics));
  return { sources, diagnostics };
}

/** UpgradeV0PaddingLayers, with its CHECKs reported in Caffe's words. */
function foldPaddingLayers(layers: V0Layer[], inputNames: readonly string[], diagnostics: Diagnostic[]): void {
  const lastWriter = new Map<string, number>(inputNames.map((n) => [n, -1]));
  const error = (span: Span, message: string): void => {
    diagnostics.push({ span, severity: 'error', code: 'v0-padding', message });
  };
  layers.forEach((layer, i) => {
    const originalBottoms = [...layer.bottoms];
    originalBottoms.forEach((bottom, j) => {
      const source = layers[lastWriter.get(String(bottom.value.value)) ?? -1];
      if (!source || source.type !== 'padding') return;
      if (layer.type !== 'conv' && layer.type !== 'pool') {
        error(bottom.value.span, `Padding layer input to non-convolutional / non-pooling layer type ${layer.type}`);
      } else if (originalBottoms.length !== 1) {
        error(bottom.value.span, 'Conv Layer takes a single blob as input.');
      } else if (source.bottoms.length !== 1) {
        error(bottom.value.span, 'Padding Layer takes a single blob as input.');
      } else if (source.tops.length !== 1) {
        error(bottom.value.span, 'Padding Layer produces a single blob as output.');
      } else {
        layer.bottoms[j] = source.bottoms[0];
        const pads = source.inner ? MessageView.of(source.inner.message).fields('pad') : [];
        layer.padFrom = pads[pads.length - 1];
      }
    });
    for (const top of layer.tops) lastWriter.set(String(top.value.value), i);
  });
}

/** UpgradeV0LayerParameter followed by UpgradeV1LayerParameter. */
function toLayerParameter(layer: V0Layer, diagnostics: Diagnostic[]): LayerSource {
  const schema = caffeSchema;
  const layerParameter = schema.requireMessage('caffe.LayerParameter');
  const fields: BoundField[] = [];
  for (const w of layer.bottoms) fields.push(synthesizeField(layerParameter, 'bottom', w.field.node, [w.value]));
  for (const w of layer.tops) fields.push(synthesizeField(layerParameter, 'top', w.field.node, [w.value]));
  const keywordSpan = layer.inner?.field.node.name.span ?? layer.entry.keywordSpan;
  let unknownV0Type = false;
  if (layer.inner) {
    const params = new LegacyParamSpecs();
    const groups = new Map<string, BoundField[]>();
    const place = (path: string, f: BoundField): void => {
      const [message, field] = path.split('.');
      if (field === undefined) fields.push(synthesizeField(layerParameter, message, f.node, f.values));
      else groups.set(message, [...(groups.get(message) ?? []), { ...f, descriptor: fieldOf(message, field) }]);
    };
    for (const f of layer.inner.message.fields) {
      const name = f.descriptor.name;
      if (params.add(f)) continue;
      if (name === 'name' || name === 'blobs') {
        fields.push(synthesizeField(layerParameter, name, f.node, f.values));
      } else if (name === 'type') {
        const values = f.values.map((v) => {
          if (v.kind !== 'scalar') return v;
          const mapped = v0TypeName(String(v.value));
          unknownV0Type = mapped === undefined;
          return scalarValue(v.node, v.span, mapped ?? String(v.value));
        });
        fields.push(synthesizeField(layerParameter, 'type', f.node, values));
      } else {
        const target = v0FieldTarget(name, layer.type);
        if (target === 'unknown') {
          diagnostics.push({
            span: f.node.name.span,
            severity: 'warning',
            code: 'v0-unknown-parameter',
            message: `Unknown parameter ${name} for layer type ${layer.type}. Caffe's upgrade of this V0 layer drops it.`,
          });
        } else if (target !== undefined) {
          place(target, f);
        }
      }
    }
    if (layer.padFrom) {
      const target = v0FieldTarget('pad', layer.type);
      if (target && target !== 'unknown') place(target, layer.padFrom);
    }
    for (const [message, groupFields] of groups) {
      const descriptor = schema.fieldMessage(schema.field(layerParameter, message)!)!;
      const synthesized = synthesizeMessage(descriptor, layer.inner.message.span, groupFields);
      fields.push(synthesizeField(layerParameter, message, syntheticFieldNode(message, keywordSpan), [messageValue(synthesized)]));
    }
    fields.push(...params.fields());
  }
  const bound = synthesizeMessage(layerParameter, layer.entry.message.node?.span ?? layer.entry.message.span, fields);
  return { format: 'v0', bound, span: layer.entry.span, keywordSpan, unknownV0Type };
}

function fieldOf(message: string, field: string) {
  const layerParameter = caffeSchema.requireMessage('caffe.LayerParameter');
  const descriptor = caffeSchema.fieldMessage(caffeSchema.field(layerParameter, message)!)!;
  const f = caffeSchema.field(descriptor, field);
  if (!f) throw new Error(`${descriptor.fullName} has no field ${field}`);
  return f;
}
