/**
 * Helpers for the shape tests: a LayerModel built by hand from a LayerParameter body (so a rule
 * can be fed any bottom shapes, unknown axes included), and the shapes of whole nets.
 */
import * as assert from 'node:assert/strict';
import { analyze, type AnalysisSettings } from '../../../server/src/core/analysis';
import type { Diagnostic } from '../../../server/src/core/diagnostics';
import type { LayerModel } from '../../../server/src/core/net/model';
import { MessageView } from '../../../server/src/core/schema/message-view';
import { caffeSchema } from '../../../server/src/core/schema/registry';
import { bindToSchema } from '../../../server/src/core/schema/validate';
import { ShapeCheckError } from '../../../server/src/core/shapes/check';
import { shapeRuleFor } from '../../../server/src/core/shapes/shape-table';
import type { Dims, ParamBlob, ShapeResult } from '../../../server/src/core/shapes/types';
import { parse } from '../../../server/src/core/syntax/parse';

/**
 * A layer from the body of a `layer { … }` block. Bottoms default to b0, b1, … (one per given
 * shape) and the top to "t" when the text names none.
 */
export function layerModel(body: string, bottomCount = 1): LayerModel {
  const tree = parse(body);
  assert.deepEqual(tree.errors.map((e) => e.message), [], 'the layer text must parse');
  const bound = bindToSchema(tree, body, caffeSchema.requireMessage('caffe.LayerParameter'), caffeSchema);
  assert.deepEqual(bound.diagnostics.map((d) => d.message), [], 'the layer text must bind');
  const view = MessageView.of(bound.root);
  const bottoms = view.strings('bottom');
  const tops = view.strings('top');
  const bottomNames = bottoms.length ? bottoms : Array.from({ length: bottomCount }, (_, i) => `b${i}`);
  const topNames = tops.length ? tops : ['t'];
  return {
    index: 0,
    name: view.string('name') || 'L',
    type: view.string('type'),
    format: 'v2',
    view,
    bottoms: bottomNames.map((name) => ({ name })),
    tops: topNames.map((name) => ({ name })),
    params: [],
    lossWeights: [],
    inPlace: topNames.some((t, i) => bottomNames[i] === t),
  };
}

export interface RuleRun {
  tops: (Dims | undefined)[];
  params: ParamBlob[];
  /** Non-fatal findings, as "code: message". */
  findings: string[];
  /** The failed Caffe CHECK, as "code: message". */
  error?: string;
  layer: LayerModel;
}

/** Runs the table's rule for the layer on the given bottom shapes, catching a failed CHECK. */
export function runRule(body: string, bottoms: (Dims | undefined)[]): RuleRun {
  const layer = layerModel(body, bottoms.length);
  const rule = shapeRuleFor(layer.type);
  assert.ok(rule, `no rule for ${layer.type}`);
  try {
    const out = rule({ layer, bottoms });
    return { tops: out.tops, params: out.params ?? [], findings: (out.diagnostics ?? []).map(line), layer };
  } catch (e) {
    if (!(e instanceof ShapeCheckError)) throw e;
    return { tops: [], params: [], findings: [], error: `${e.code}: ${e.message}`, layer };
  }
}

/** The single top of a rule run (fails on a CHECK). */
export function topOf(body: string, bottoms: (Dims | undefined)[]): Dims | undefined {
  const run = runRule(body, bottoms);
  assert.equal(run.error, undefined);
  return run.tops[0];
}

export function errorOf(body: string, bottoms: (Dims | undefined)[]): string {
  const run = runRule(body, bottoms);
  assert.ok(run.error, 'expected a failed Caffe CHECK');
  return run.error;
}

/** role + dims of each parameter blob, e.g. "weight 16x3x5x5". */
export function paramsOf(run: RuleRun): string[] {
  return run.params.map((p) => `${p.role} ${p.dims.map((d) => d ?? '?').join('x')}`);
}

export function line(d: Diagnostic): string {
  return `${d.code}: ${d.message}`;
}

/** The shapes of a whole net text (TEST phase unless told). */
export function netShapes(text: string, settings: Partial<AnalysisSettings> = {}): ShapeResult & { text: string } {
  const a = analyze(text, { phase: 'TEST', ...settings });
  assert.ok(a.shapes, 'expected a net');
  return { ...a.shapes, text };
}

/** The dims of a blob after the whole net ran. */
export function blob(result: ShapeResult, name: string): Dims | undefined {
  assert.ok(result.blobDims.has(name), `no blob ${name}`);
  return result.blobDims.get(name);
}

/** Shape findings as { code, severity, message, at } with `at` the text the finding points to. */
export function shapeFindings(result: ShapeResult & { text: string }) {
  return result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, at: result.text.slice(d.span.start, d.span.end) }));
}

/** An Input layer giving `data` the shape, then the layers given. */
export function withInput(shape: number[], layers: string, name = 'data'): string {
  return `layer { name: "${name}" type: "Input" top: "${name}" input_param { shape { ${shape.map((d) => `dim: ${d}`).join(' ')} } } }\n${layers}`;
}
