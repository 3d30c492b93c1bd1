/** Folding regions: every message and list that spans lines, and runs of comment lines. */
import type { Analysis } from '../analysis';
import type { FieldNode } from '../syntax/ast';

export interface FoldingRegion {
  startLine: number;
  endLine: number;
  kind: 'region' | 'comment';
}

export function foldingRegions(analysis: Analysis): FoldingRegion[] {
  const { lines } = analysis;
  const out: FoldingRegion[] = [];
  // An explicit stack instead of recursion: nesting depth is bounded by the parser, but this costs nothing.
  const stack: FieldNode[] = [...analysis.syntax.fields];
  while (stack.length > 0) {
    const field = stack.pop()!;
    const value = field.value;
    if (!value || (value.kind !== 'message' && value.kind !== 'list')) continue;
    const startLine = lines.positionAt(field.span.start).line;
    // End the region on the line before the closer, so the closer stays visible when folded.
    const endLine = lines.positionAt(value.span.end).line - (value.closed ? 1 : 0);
    if (endLine > startLine) out.push({ startLine, endLine, kind: 'region' });
    if (value.kind === 'message') stack.push(...value.fields);
    else for (const item of value.items) if (item.kind === 'message') stack.push(...item.fields);
  }
  let runStart = -1;
  let runEnd = -1;
  for (const c of analysis.syntax.comments) {
    const line = lines.positionAt(c.span.start).line;
    const startsLine = analysis.text.slice(lines.lineStart(line), c.span.start).trim() === '';
    if (startsLine && line === runEnd + 1 && runStart >= 0) {
      runEnd = line;
      continue;
    }
    if (runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: 'comment' });
    runStart = startsLine ? line : -1;
    runEnd = startsLine ? line : -1;
  }
  if (runEnd > runStart && runStart >= 0) out.push({ startLine: runStart, endLine: runEnd, kind: 'comment' });
  return out.sort((a, b) => a.startLine - b.startLine);
}
