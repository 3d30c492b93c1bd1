/**
 * The lint rules on the shared corpus: every net in both phases lints without throwing, and the
 * quick fixes, applied round after round, clear every finding that has one without bringing in a
 * syntax or schema error.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type AnalysisSettings } from '../../../server/src/core/analysis';
import type { Diagnostic, TextEdit } from '../../../server/src/core/diagnostics';
import { LINT_CODES } from '../../../server/src/core/lint/codes';
import { corpusDir, corpusManifest } from '../../helpers/paths';
import { applyEdits } from './lint-of';

const nets = [...corpusManifest()].filter(([, row]) => row.kind !== 'solver' && row.kind !== 'other').map(([path]) => path);
const isLint = (d: Diagnostic) => Object.prototype.hasOwnProperty.call(LINT_CODES, d.code);
const preferredFix = (d: Diagnostic) => d.fixes?.find((f) => f.preferred);
const parseErrors = (text: string) => {
  const a = analyze(text);
  return [...a.syntax.errors, ...a.schema.diagnostics.filter((d) => d.severity === 'error')].length;
};

/** Applies every preferred fix of the lint findings that does not overlap an earlier one. */
function fixRound(text: string, settings: Partial<AnalysisSettings>): { text: string; fixable: number } {
  const edits: TextEdit[] = [];
  const fixable = analyze(text, settings).diagnostics.filter((d) => isLint(d) && preferredFix(d));
  for (const d of fixable) {
    const e = preferredFix(d)!.edits;
    if (e.every((x) => edits.every((y) => x.span.end < y.span.start || x.span.start > y.span.end))) edits.push(...e);
  }
  return { text: applyEdits(text, edits), fixable: fixable.length };
}

describe('lint: the corpus', function () {
  this.timeout(120000);

  it('every net lints in both phases without throwing', () => {
    for (const path of nets) {
      const text = readFileSync(join(corpusDir, path), 'utf8');
      for (const phase of ['TRAIN', 'TEST'] as const) assert.doesNotThrow(() => analyze(text, { phase }), path);
    }
  });

  it('quick fixes clear their findings and keep the file parseable', () => {
    let files = 0;
    for (const path of nets) {
      let text = readFileSync(join(corpusDir, path), 'utf8');
      const before = parseErrors(text);
      const settings = { phase: 'TRAIN' as const };
      let round = fixRound(text, settings);
      if (round.fixable === 0) continue;
      files++;
      for (let i = 0; i < 4 && round.fixable > 0; i++) {
        text = round.text;
        round = fixRound(text, settings);
      }
      assert.equal(round.fixable, 0, `${path}: fixable findings remain after 4 rounds`);
      assert.equal(parseErrors(text), before, `${path}: the fixes brought in parse errors`);
    }
    assert.ok(files > 10, `only ${files} corpus nets had fixable findings`);
  });
});
