/**
 * The syntax stage after an edit: the top-level fields before and after the changed lines come
 * from the previous version's tree (those after it moved by the change in length), and only the
 * lines in between are read again, which makes a keystroke in a big net cost a few lines' parse.
 *
 * The result is always what parse(text) gives. Re-use is limited to where that is certain: the
 * previous tree has no syntax error and the lines read again have none, so every top-level field
 * reads the same whatever surrounds it; and those lines start and end between top-level fields
 * at line starts, where no token can cross (strings and comments end at a line break). In every
 * other case the whole text is parsed.
 */
import type { CommentNode, FieldNode, SyntaxTree } from './ast';
import { movedComment, movedField } from './moved-nodes';
import { parse } from './parse';
import { parseErrorFreeRange } from './read-range';

export interface PreviousParse {
  text: string;
  tree: SyntaxTree;
}

const BYTE_ORDER_MARK = 0xfeff;
const NEWLINE = 0x0a;

export function reparse(previous: PreviousParse | undefined, text: string): SyntaxTree {
  if (!previous) return parse(text);
  if (previous.text === text) return previous.tree;
  return reuseAround(previous, text) ?? parse(text);
}

/** Where a field ends, its separator included. */
function fieldEnd(field: FieldNode): number {
  return field.separator ? field.separator.end : field.span.end;
}

/** The start of the line holding `offset` (only \n ends a token-free line; a lone \r does not). */
function lineStart(text: string, offset: number): number {
  const at = text.lastIndexOf('\n', offset - 1);
  return at + 1;
}

function reuseAround(previous: PreviousParse, text: string): SyntaxTree | undefined {
  const old = previous.text;
  if (previous.tree.errors.length > 0) return undefined;
  if (old.charCodeAt(0) === BYTE_ORDER_MARK || text.charCodeAt(0) === BYTE_ORDER_MARK) return undefined;

  // The changed range: old[prefix, old.length - suffix) became text[prefix, text.length - suffix).
  const shorter = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < shorter && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const changeEnd = old.length - suffix;
  const delta = text.length - old.length;

  const fields = previous.tree.fields;
  // Kept as they are: the fields that end before the line start where reading again begins.
  let start = lineStart(old, prefix);
  let kept = 0;
  while (kept < fields.length && fieldEnd(fields[kept]) <= start) kept++;
  // A field reaching into that line is read again, from its own line's start, and so on backwards.
  if (kept < fields.length && fields[kept].span.start < start) start = lineStart(old, fields[kept].span.start);
  while (kept > 0 && fieldEnd(fields[kept - 1]) > start) {
    kept--;
    start = lineStart(old, fields[kept].span.start);
  }

  // Moved: the fields from the first line start after the change (its \n unchanged) where no field
  // is open; reading again ends there.
  let next = kept;
  while (next < fields.length && fields[next].span.start < changeEnd) next++;
  let end = old.length;
  for (; next < fields.length; next++) {
    const line = lineStart(old, fields[next].span.start);
    if (line - 1 >= changeEnd && old.charCodeAt(line - 1) === NEWLINE && (next === 0 || fieldEnd(fields[next - 1]) <= line)) {
      end = line;
      break;
    }
  }

  const read = parseErrorFreeRange(text, start, end + delta);
  if (!read) return undefined;
  const moved = fields.slice(next).map((f) => (delta === 0 ? f : movedField(f, delta)));
  return {
    fields: fields.slice(0, kept).concat(read.fields, moved),
    comments: commentsAround(previous.tree.comments, start, end, delta, read.comments),
    errors: [],
  };
}

/** The previous comments before `start`, the ones read again, and the previous ones from `end` on, moved. */
function commentsAround(previous: CommentNode[], start: number, end: number, delta: number, read: CommentNode[]): CommentNode[] {
  let before = 0;
  while (before < previous.length && previous[before].span.start < start) before++;
  let after = before;
  while (after < previous.length && previous[after].span.start < end) after++;
  const moved = previous.slice(after).map((c) => (delta === 0 ? c : movedComment(c, delta)));
  return previous.slice(0, before).concat(read, moved);
}
