/**
 * Lint findings of a text as analyze() gives them (severity settings and disable comments applied),
 * without other stages' findings. `shapes` states the parameter shapes the test derived by hand
 * (per layer name, in Caffe's blob order); they are checked against the shape stage's.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analysis';
import type { Diagnostic, TextEdit } from '../../../server/src/core/diagnostics';
import { LINT_CODES } from '../../../server/src/core/lint/codes';

export interface LintOptions {
  shapes?: Record<string, number[][]>;
  phase?: 'TRAIN' | 'TEST';
  tolerance?: number;
  inputShapes?: Record<string, number[]>;
}

export function lintOf(text: string, options: LintOptions = {}): Diagnostic[] {
  const a = analyze(text, {
    phase: options.phase ?? 'TRAIN',
    fillerScaleTolerance: options.tolerance ?? 4,
    inputShapes: options.inputShapes ?? {},
  });
  for (const [name, expected] of Object.entries(options.shapes ?? {})) {
    const layer = a.shapes?.layers.find((l) => l.layer.name === name);
    assert.deepEqual(layer?.params.map((p) => p.shape), expected, `parameter shapes of ${name}`);
  }
  return a.diagnostics.filter((d) => Object.prototype.hasOwnProperty.call(LINT_CODES, d.code));
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
