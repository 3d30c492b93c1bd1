/**
 * Lint findings of a text. Until the shape stage is part of analyze(), the parameter shapes come
 * from the test (per layer name, in Caffe's blob order) and are matched to the layer's filler slots.
 */
import { analyze } from '../../../server/src/core/analysis';
import type { Diagnostic, TextEdit } from '../../../server/src/core/diagnostics';
import { analyzeInit } from '../../../server/src/core/init/analyze-init';
import { fillerSlots } from '../../../server/src/core/init/layer-fillers';
import { lint } from '../../../server/src/core/lint/rules';
import { buildNet } from '../../../server/src/core/net/build-net';
import type { ShapeResult } from '../../../server/src/core/shapes/types';

export interface LintOptions {
  shapes?: Record<string, number[][]>;
  phase?: 'TRAIN' | 'TEST';
  tolerance?: number;
}

export function lintOf(text: string, options: LintOptions = {}): Diagnostic[] {
  const a = analyze(text);
  const net = buildNet(a.view, { phase: options.phase ?? 'TRAIN', level: 0, stages: [], customLayerTypes: [] });
  const given = options.shapes ?? {};
  const shapes: ShapeResult = {
    layers: net.layers.map((layer) => ({
      layer,
      bottoms: [],
      tops: [],
      bottomDims: [],
      topDims: [],
      statedTops: [],
      params: (given[layer.name] ?? []).map((shape, i) => {
        const slot = fillerSlots(layer)[Math.min(i, fillerSlots(layer).length - 1)];
        return { role: slot.role, shape, dims: shape, learnable: true, fillerField: slot.field, fillerMessage: slot.message, ...(slot.defaultFiller ? { defaultFiller: slot.defaultFiller } : {}) };
      }),
    })),
    blobs: new Map(),
    blobDims: new Map(),
    diagnostics: [],
  };
  const init = analyzeInit(net, shapes);
  return lint({ text, syntax: a.syntax, root: a.schema.root, net, init, fillerScaleTolerance: options.tolerance ?? 4 });
}

export function withCode(ds: Diagnostic[], code: string): Diagnostic[] {
  return ds.filter((d) => d.code === code);
}

/** The text after applying edits (non-overlapping, any order). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

export function at(text: string, d: Diagnostic): string {
  return text.slice(d.span.start, d.span.end);
}
