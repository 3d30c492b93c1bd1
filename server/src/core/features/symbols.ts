/**
 * The document outline: layers by name and type, with their nested messages; for solvers and
 * other non-net files, the top-level fields. Spans only — the LSP layer turns them into ranges.
 */
import type { Analysis } from '../analysis';
import type { BoundMessage } from '../schema/bound';
import type { Span } from '../text/span';

export type OutlineKind = 'layer' | 'message' | 'field' | 'list';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  span: Span;
  selectionSpan: Span;
  children: OutlineSymbol[];
}

const LAYER_FIELDS = new Set(['caffe.NetParameter.layer', 'caffe.NetParameter.layers', 'caffe.V1LayerParameter.layer']);

export function documentSymbols(analysis: Analysis): OutlineSymbol[] {
  const isNet = analysis.schema.root.descriptor.fullName === 'caffe.NetParameter';
  return symbolsOf(analysis.schema.root, !isNet, analysis.text);
}

function symbolsOf(message: BoundMessage, includeScalars: boolean, text: string): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const field of message.fields) {
    const key = `${message.descriptor.fullName}.${field.descriptor.name}`;
    for (const value of field.values) {
      if (value.kind === 'message') {
        const isLayer = LAYER_FIELDS.has(key);
        const named = isLayer ? layerLabel(value.message) : undefined;
        out.push({
          name: named?.name ?? field.descriptor.name,
          detail: named?.type ?? (isLayer ? undefined : shortType(field.descriptor.typeName)),
          kind: isLayer ? 'layer' : 'message',
          span: { start: field.node.span.start, end: Math.max(field.node.span.end, value.span.end) },
          selectionSpan: field.node.name.span,
          children: symbolsOf(value.message, false, text),
        });
      } else if (includeScalars) {
        out.push({
          name: field.descriptor.name,
          detail: field.node.value ? valuePreview(text.slice(field.node.value.span.start, field.node.value.span.end)) : undefined,
          kind: field.values.length > 1 ? 'list' : 'field',
          span: field.node.span,
          selectionSpan: field.node.name.span,
          children: [],
        });
        break; // one entry per field occurrence, however many list items
      }
    }
  }
  return out;
}

/** A layer's outline label: its name (or a placeholder) and its type (V1 enum names as written). */
function layerLabel(layer: BoundMessage): { name: string; type?: string } {
  let name: string | undefined;
  let type: string | undefined;
  for (const f of layer.fields) {
    const v = f.values[f.values.length - 1];
    if (!v || v.kind !== 'scalar') continue;
    if (f.descriptor.name === 'name') name = String(v.value);
    if (f.descriptor.name === 'type') type = v.enumName ?? String(v.value);
  }
  return { name: name && name.length > 0 ? name : '(unnamed layer)', type };
}

function shortType(typeName: string | undefined): string | undefined {
  return typeName?.replace(/^caffe\./, '');
}

function valuePreview(raw: string): string {
  const oneLine = raw.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 39)}…` : oneLine;
}
