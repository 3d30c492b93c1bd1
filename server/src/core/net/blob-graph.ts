/**
 * The wiring of the active layers, walked in order as Net::Init does (src/caffe/net.cpp AppendBottom
 * and AppendTop; src/caffe/util/insert_splits.cpp): a bottom must name a blob that an earlier layer
 * wrote ("Unknown bottom blob …"); a top that names an existing blob is legal only in place — the
 * same name as this layer's bottom at the same position — otherwise "Top blob … produced by
 * multiple sources."; the net's outputs are the blobs nobody reads after their last write.
 */
import type { Diagnostic, RelatedInfo } from '../diagnostics';
import { closestName } from '../text/suggest';
import type { BlobInfo, LayerModel, NetState } from './model';

export interface BlobGraph {
  blobs: Map<string, BlobInfo>;
  outputs: string[];
  diagnostics: Diagnostic[];
}

/** Wires `layers` (the active ones, in order) and marks in-place layers; `excluded` only explains errors. */
export function wireBlobs(layers: LayerModel[], excluded: LayerModel[], state: NetState): BlobGraph {
  const blobs = new Map<string, BlobInfo>();
  const diagnostics: Diagnostic[] = [];
  const writers = { active: writersByBlob(layers), excluded: writersByBlob(excluded) };
  layers.forEach((layer, li) => {
    layer.bottoms.forEach((bottom, slot) => {
      const blob = blobs.get(bottom.name);
      if (blob) blob.consumers.push({ layer: li, slot });
      else if (bottom.span) diagnostics.push(unknownBottom(layer, slot, writers, blobs, state));
    });
    layer.tops.forEach((top, slot) => {
      const blob = blobs.get(top.name);
      if (!blob) {
        blobs.set(top.name, { name: top.name, producers: [{ layer: li, slot }], consumers: [] });
        return;
      }
      const inPlace = layer.bottoms[slot]?.name === top.name;
      if (inPlace) layer.inPlace = true;
      else if (top.span) diagnostics.push(duplicateTop(layer, slot, layers[blob.producers[0].layer]));
      // Caffe stops at a duplicate; going on with this layer as the latest writer keeps later reads meaningful.
      blob.producers.push({ layer: li, slot });
    });
  });
  return { blobs, outputs: netOutputs(blobs), diagnostics };
}

/** Blobs that no layer reads after the last layer that writes them, in the order of those writes. */
function netOutputs(blobs: Map<string, BlobInfo>): string[] {
  const outputs: { name: string; at: number; slot: number }[] = [];
  for (const blob of blobs.values()) {
    const last = blob.producers[blob.producers.length - 1];
    if (!blob.consumers.some((c) => c.layer > last.layer)) outputs.push({ name: blob.name, at: last.layer, slot: last.slot });
  }
  return outputs.sort((a, b) => a.at - b.at || a.slot - b.slot).map((o) => o.name);
}

/** Blob name → the layers that write it, in order. */
function writersByBlob(layers: LayerModel[]): Map<string, LayerModel[]> {
  const out = new Map<string, LayerModel[]>();
  for (const l of layers) {
    for (const t of l.tops) {
      const list = out.get(t.name);
      if (!list) out.set(t.name, [l]);
      else if (list[list.length - 1] !== l) list.push(l);
    }
  }
  return out;
}

function unknownBottom(
  layer: LayerModel,
  slot: number,
  writers: { active: Map<string, LayerModel[]>; excluded: Map<string, LayerModel[]> },
  known: Map<string, BlobInfo>,
  state: NetState,
): Diagnostic {
  const bottom = layer.bottoms[slot];
  const related: RelatedInfo[] = [];
  let message = `Unknown bottom blob '${bottom.name}' (layer '${layer.name}', bottom index ${slot})`;
  const later = writers.active.get(bottom.name)?.find((l) => l.index > layer.index);
  const elsewhere = writers.excluded.get(bottom.name) ?? [];
  if (later) {
    message += `. It is produced later, by layer '${later.name}'; Caffe needs a blob's producer before its readers.`;
    const at = later.tops.find((t) => t.name === bottom.name)?.span;
    if (at) related.push({ span: at, message: `'${bottom.name}' is produced here` });
  } else if (elsewhere.length > 0) {
    const names = [...new Set(elsewhere.map((l) => `'${l.name}'`))].join(', ');
    message +=
      `. Only layers outside the analysed net produce it (${names}): their include/exclude rules leave them out of ${describeState(state)}. ` +
      'The prototxtLens.phase, prototxtLens.stages and prototxtLens.level settings choose the analysed state.';
    for (const l of elsewhere) {
      const at = l.tops.find((t) => t.name === bottom.name)?.span;
      if (at) related.push({ span: at, message: `'${bottom.name}' is produced here, outside ${describeState(state)}` });
    }
  }
  const suggestion = later || elsewhere.length > 0 ? undefined : closestName(bottom.name, known.keys());
  if (suggestion) message += `. Did you mean '${suggestion}'?`;
  return {
    span: bottom.span!,
    severity: 'error',
    code: 'unknown-bottom',
    message,
    ...(related.length > 0 ? { related } : {}),
    ...(suggestion ? { fixes: [{ title: `Change to "${suggestion}"`, edits: [{ span: bottom.span!, newText: JSON.stringify(suggestion) }], preferred: true }] } : {}),
  };
}

function describeState(state: NetState): string {
  const stages = state.stages.length > 0 ? `stages ${state.stages.map((s) => `'${s}'`).join(', ')}` : 'no stages';
  return `the ${state.phase} net (level ${state.level}, ${stages})`;
}

function duplicateTop(layer: LayerModel, slot: number, first: LayerModel): Diagnostic {
  const top = layer.tops[slot];
  let message = `Top blob '${top.name}' produced by multiple sources.`;
  const bottomIndex = layer.bottoms.findIndex((b) => b.name === top.name);
  if (bottomIndex >= 0) {
    message += ` A top is computed in place only when it repeats the bottom at the same position; '${top.name}' is bottom ${bottomIndex} but top ${slot}.`;
  } else if (first === layer) {
    message += ' This layer already gives it as an earlier top; give this top another name.';
  } else {
    message += ` Layer '${first.name}' already produces it; give this top another name.`;
  }
  const firstTop = first.tops.find((t) => t.name === top.name)?.span;
  return {
    span: top.span!,
    severity: 'error',
    code: 'duplicate-top',
    message,
    ...(firstTop && first !== layer ? { related: [{ span: firstTop, message: `'${top.name}' is first produced here, by layer '${first.name}'` }] } : {}),
  };
}
