/**
 * The last step of analyze(), over every stage's diagnostics: severity overrides from settings
 * (`severity[code]` = error | warning | information | hint | off) and disable comments
 * (disable-comments.ts). A disabled or 'off' diagnostic is dropped; the rest come back in
 * document order.
 */
import type { Diagnostic, Severity } from '../diagnostics';
import type { SyntaxTree } from '../syntax/ast';
import { disabledRanges, type DisabledRange } from './disable-comments';

export function applySettings(
  diagnostics: Diagnostic[],
  text: string,
  tree: SyntaxTree,
  severity: Record<string, Severity | 'off'>,
): Diagnostic[] {
  const ranges = disabledRanges(text, tree).sort((a, b) => a.span.start - b.span.start);
  const out: Diagnostic[] = [];
  // Sweep diagnostics in document order; `open` holds the ranges begun so far that may still cover them.
  let next = 0;
  let open: DisabledRange[] = [];
  for (const d of [...diagnostics].sort((a, b) => a.span.start - b.span.start)) {
    const override = Object.prototype.hasOwnProperty.call(severity, d.code) ? severity[d.code] : undefined;
    if (override === 'off') continue;
    while (next < ranges.length && ranges[next].span.start <= d.span.start) open.push(ranges[next++]);
    if (open.length) open = open.filter((r) => r.span.end > d.span.start);
    if (open.some((r) => r.codes === 'all' || r.codes.has(d.code))) continue;
    out.push(override ? { ...d, severity: override } : d);
  }
  return out;
}
