/**
 * Every layer the net file gives, in Caffe's order and read as caffe.LayerParameters — what
 * UpgradeNetAsNeeded (src/caffe/util/upgrade_proto.cpp) hands to Net::Init: V0 `layers` (any entry
 * with a nested `layer`) through the V0 upgrade, else V1 `layers` through the V1 upgrade, else the
 * current `layer`s as written; then the Input layer made from net-level inputs, moved to the front.
 * When both `layers` and `layer` are given, UpgradeV1Net keeps only the former.
 */
import type { Diagnostic } from '../diagnostics';
import type { BoundField } from '../schema/bound';
import type { MessageView } from '../schema/message-view';
import type { LayerSource } from './layer-source';
import type { NetModel } from './model';
import { inputLayer } from './net-input';
import { upgradeV0Layers, type LegacyEntry } from './upgrade-v0';
import { upgradeV1Layer } from './upgrade-v1';

export interface WrittenLayers {
  sources: LayerSource[];
  format: NetModel['format'];
  diagnostics: Diagnostic[];
}

/** Each message value of the fields, with the span of its whole field (or list item) and keyword. */
function entries(fields: readonly BoundField[]): LegacyEntry[] {
  const out: LegacyEntry[] = [];
  for (const f of fields) {
    const messages = f.values.filter((v) => v.kind === 'message');
    for (const v of messages) {
      if (v.kind !== 'message') continue;
      out.push({ message: v.message, span: messages.length === 1 ? f.node.span : v.span, keywordSpan: f.node.name.span });
    }
  }
  return out;
}

export function readLayers(root: MessageView): WrittenLayers {
  const diagnostics: Diagnostic[] = [];
  const current = entries(root.fields('layer'));
  const legacy = entries(root.fields('layers'));
  const input = inputLayer(root);
  diagnostics.push(...input.diagnostics);
  const inputNames = root.strings('input');

  let sources: LayerSource[];
  let format: NetModel['format'];
  if (legacy.length > 0) {
    const v0 = legacy.some((e) => e.message.fields.some((f) => f.descriptor.name === 'layer' && f.values.length > 0));
    if (v0) {
      const upgraded = upgradeV0Layers(legacy, inputNames);
      sources = upgraded.sources;
      diagnostics.push(...upgraded.diagnostics);
    } else {
      sources = legacy.map((e) => ({ format: 'v1', bound: upgradeV1Layer(e.message), span: e.span, keywordSpan: e.keywordSpan }));
    }
    format = current.length > 0 ? 'mixed' : v0 ? 'v0' : 'v1';
    for (const e of current) {
      diagnostics.push({
        span: e.keywordSpan,
        severity: 'warning',
        code: 'ignored-layer',
        message:
          "Input NetParameter to be upgraded already specifies 'layer' fields; these will be ignored for the upgrade. " +
          "Caffe upgrades this file's legacy `layers` and drops every `layer`, this one included.",
        unnecessary: true,
      });
    }
  } else {
    sources = current.map((e) => ({ format: 'v2', bound: e.message, span: e.span, keywordSpan: e.keywordSpan }));
    format = current.length > 0 ? 'v2' : 'none';
  }
  if (input.source) sources.unshift(input.source);
  return { sources, format, diagnostics };
}
