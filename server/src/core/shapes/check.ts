/**
 * Caffe's CHECKs during Reshape/LayerSetUp abort the whole net. Rules mirror that: a failed check
 * throws a ShapeCheckError, which inferShapes turns into one error diagnostic for the layer and
 * unknown tops (so one mistake does not cascade into a diagnostic per downstream layer).
 * Checks on an unknown (null) size pass: we only report what is certain.
 */
import type { Diagnostic, Severity } from '../diagnostics';
import type { LayerModel } from '../net/model';
import type { MessageView } from '../schema/message-view';
import type { Span } from '../text/span';
import type { Dim, Dims } from './types';

export class ShapeCheckError extends Error {
  constructor(readonly code: string, message: string, readonly span: Span | undefined) {
    super(message);
  }
}

/** Where a layer-level finding is shown: its name, else its type, else the whole block. */
export function layerSpan(layer: LayerModel): Span {
  return layer.nameSpan ?? layer.typeSpan ?? layer.span ?? { start: 0, end: 0 };
}

/** Where a parameter is written (its field name), falling back to the message, then the layer. */
export function fieldSpan(layer: LayerModel, view: MessageView, ...fields: string[]): Span {
  for (const f of fields) {
    const s = view.nameSpan(f);
    if (s) return s;
  }
  return view.span ?? layerSpan(layer);
}

export function bottomSpan(layer: LayerModel, i: number): Span {
  return layer.bottoms[i]?.span ?? layerSpan(layer);
}

export function topSpan(layer: LayerModel, i: number): Span {
  return layer.tops[i]?.span ?? layerSpan(layer);
}

/**
 * A message or span computed only when a check fails: most checks pass, and building their texts
 * and looking up their spans for every layer would cost more than the shape arithmetic itself.
 */
export type Lazy<T> = T | (() => T);

function force<T>(v: Lazy<T>): T {
  return typeof v === 'function' ? (v as () => T)() : v;
}

export function fail(code: string, message: Lazy<string>, span?: Lazy<Span | undefined>): never {
  throw new ShapeCheckError(code, force(message), force(span));
}

export function check(ok: boolean, code: string, message: Lazy<string>, span?: Lazy<Span | undefined>): void {
  if (!ok) fail(code, message, span);
}

/** CHECK_EQ on sizes that may be unknown: passes unless both are known and differ. */
export function checkEq(a: Dim, b: Dim, code: string, message: Lazy<string>, span?: Lazy<Span | undefined>): void {
  if (a !== null && b !== null && a !== b) fail(code, message, span);
}

/** The span of the first of `fields` the layer's parameter message writes, looked up on failure. */
export function at(layer: LayerModel, view: MessageView, ...fields: string[]): () => Span {
  return () => fieldSpan(layer, view, ...fields);
}

export function finding(span: Span, severity: Severity, code: string, message: string): Diagnostic {
  return { span, severity, code, message };
}

/** Blob::CanonicalAxisIndex, with its CHECK wording. */
export function canonicalAxis(axis: number, dims: Dims, span?: Lazy<Span | undefined>): number {
  const n = dims.length;
  if (axis < -n || axis >= n) fail('shape-check', `axis ${axis} out of range for ${n}-D Blob with shape ${dims.map((d) => d ?? '?').join(' ')}`, span);
  return axis < 0 ? axis + n : axis;
}
