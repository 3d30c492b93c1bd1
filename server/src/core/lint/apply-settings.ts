/**
 * The last step of analyze(), over every stage's diagnostics: severity overrides from settings
 * (`severity[code]` = error | warning | information | hint | off) and disable comments
 * (disable-comments.ts). A disabled or 'off' diagnostic is dropped.
 */
import type { Diagnostic, Severity } from '../diagnostics';
import type { SyntaxTree } from '../syntax/ast';
import { disabledRanges } from './disable-comments';

export function applySettings(
  diagnostics: Diagnostic[],
  text: string,
  tree: SyntaxTree,
  severity: Record<string, Severity | 'off'>,
): Diagnostic[] {
  const ranges = disabledRanges(text, tree);
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const override = Object.prototype.hasOwnProperty.call(severity, d.code) ? severity[d.code] : undefined;
    if (override === 'off') continue;
    const silenced = ranges.some(
      (r) => d.span.start >= r.span.start && d.span.start < r.span.end && (r.codes === 'all' || r.codes.has(d.code)),
    );
    if (silenced) continue;
    out.push(override ? { ...d, severity: override } : d);
  }
  return out;
}
