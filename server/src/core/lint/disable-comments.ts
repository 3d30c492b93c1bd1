/**
 * `# prototxt-lens: disable=CODE[,CODE2]` (or `disable=all`) silences codes for one block:
 * - on a line of its own: the field that follows it in the same message (at the top level: the
 *   next layer), with everything inside it;
 * - after an opening brace on the same line (`layer {  # prototxt-lens: disable=…`): that block;
 * - after a field on the same line (`std: 0.01  # prototxt-lens: disable=…`, or after a block's
 *   closing brace): the outermost field that ends on that line.
 */
import type { CommentNode, FieldNode, SyntaxTree } from '../syntax/ast';
import type { Span } from '../text/span';

export interface DisabledRange {
  span: Span;
  /** Codes silenced, or 'all'. */
  codes: Set<string> | 'all';
  /** The comment, so unused directives can be reported later. */
  comment: CommentNode;
}

const DIRECTIVE = /^\s*prototxt-lens:\s*disable\s*=\s*([\w-]+(?:\s*,\s*[\w-]+)*)/;

function childFields(field: FieldNode): FieldNode[] {
  const v = field.value;
  if (!v) return [];
  if (v.kind === 'message') return v.fields;
  if (v.kind === 'list') return v.items.flatMap((i) => (i.kind === 'message' ? i.fields : []));
  return [];
}

function lineOf(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { start, end: nl < 0 ? text.length : nl };
}

/** Index of the first field of `level` (in document order) that ends after `offset`. */
function firstEndingAfter(level: FieldNode[], offset: number): number {
  let lo = 0;
  let hi = level.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (level[mid].span.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The field of `level` whose span holds `offset` strictly inside, if any. */
function fieldHolding(level: FieldNode[], offset: number): FieldNode | undefined {
  const f = level[firstEndingAfter(level, offset)];
  return f && f.span.start < offset ? f : undefined;
}

/** The block a directive comment applies to (see the file comment), or undefined. */
function targetOf(text: string, fields: FieldNode[], comment: CommentNode): FieldNode | undefined {
  const line = lineOf(text, comment.span.start);
  const before = text.slice(line.start, comment.span.start).trimEnd();
  if (before.length > 0) {
    // After an opening brace: the field whose message opens there.
    if (before.endsWith('{') || before.endsWith('<')) {
      const braceAt = line.start + before.length - 1;
      let level = fields;
      for (;;) {
        const f = fieldHolding(level, braceAt + 1);
        if (!f) return undefined;
        if (f.value?.kind === 'message' && f.value.span.start === braceAt) return f;
        level = childFields(f);
      }
    }
    // After a field: the outermost field that ends on this line before the comment.
    let level = fields;
    for (;;) {
      const i = firstEndingAfter(level, line.start);
      const ending = level[i];
      if (ending && ending.span.end <= comment.span.start) return ending;
      const inside = fieldHolding(level, comment.span.start);
      if (!inside) return undefined;
      level = childFields(inside);
    }
  }
  // On its own line: the next field of the innermost message holding the comment.
  let level = fields;
  for (;;) {
    const inside = fieldHolding(level, comment.span.start);
    if (!inside) {
      const next = level[firstEndingAfter(level, comment.span.end)];
      return next && next.span.start >= comment.span.end ? next : undefined;
    }
    level = childFields(inside);
  }
}

export function disabledRanges(text: string, tree: SyntaxTree): DisabledRange[] {
  const out: DisabledRange[] = [];
  for (const comment of tree.comments) {
    const m = DIRECTIVE.exec(comment.text);
    if (!m) continue;
    const names = m[1].split(',').map((s) => s.trim());
    const target = targetOf(text, tree.fields, comment);
    if (!target) continue;
    out.push({ span: target.span, codes: names.includes('all') ? 'all' : new Set(names), comment });
  }
  return out;
}
