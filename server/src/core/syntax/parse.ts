/**
 * The syntax stage: any string in, a syntax tree with every syntax error out. Never throws.
 */
import type { Diagnostic } from '../diagnostics';
import type { CommentNode, FieldNode, SyntaxTree } from './ast';
import { syntaxError } from './lexical-diagnostics';
import { pieceEnds } from './piece-boundaries';
import type { GrammarOutcome } from './parser';
import { commentsOf, parseErrorFreeRange, readByIndentation, readRange, wantsSecondPass, type Reading } from './read-range';
import { characterMessages, grammarMessages, SyntaxCode } from './syntax-messages';

const BYTE_ORDER_MARK = 0xfeff;

/** A big file is read in pieces of about this many characters (piece-boundaries.ts). */
const PIECE_SIZE = 64 * 1024;

export function parse(text: string): SyntaxTree {
  try {
    return parseText(text);
  } catch (error) {
    // A last resort that no test input reaches: the editor must keep working whatever happens.
    const detail = error instanceof Error ? error.message : String(error);
    const span = { start: 0, end: typeof text === 'string' ? Math.min(text.length, 1) : 0 };
    return { fields: [], comments: [], errors: [syntaxError(span, SyntaxCode.unexpectedToken, grammarMessages.internal(detail))] };
  }
}

/**
 * A big file is read a piece at a time: each piece's tokens are garbage before the next is read,
 * where reading the whole file at once keeps 1.8 M tokens of a 10 MB net alive until its end
 * (140 MB, copied by every collection while they live). Pieces are read while they read without
 * error and close all they open; from the first that does not, the rest of the file is read as
 * one (readRest). The result is always parseAtOnce(text)'s.
 */
function parseText(text: string): SyntaxTree {
  if (text.length < 2 * PIECE_SIZE) return parseAtOnce(text);
  const clean = readCleanPieces(text);
  if (clean.end === text.length) return { fields: clean.fields, comments: clean.comments, errors: [] };
  const rest = clean.end > 0 ? readRest(text, clean.end) : undefined;
  if (!rest) return parseAtOnce(text);
  return { fields: clean.fields.concat(rest.fields), comments: clean.comments.concat(rest.comments), errors: rest.errors };
}

/**
 * The pieces (runs of whole top-level fields) from the start of the file that read without error,
 * and where they end. No decision at a clean piece's end reads past it differently than a whole
 * read does: the next token is a name there, or the end, and neither continues a field.
 */
function readCleanPieces(text: string): { fields: FieldNode[]; comments: CommentNode[]; end: number } {
  const fields: FieldNode[] = [];
  const comments: CommentNode[] = [];
  let start = 0;
  for (const end of pieceEnds(text, PIECE_SIZE)) {
    const piece = parseErrorFreeRange(text, start, end);
    if (!piece) break;
    for (const field of piece.fields) fields.push(field);
    for (const comment of piece.comments) comments.push(comment);
    start = end;
  }
  return { fields, comments, end: start };
}

/**
 * text[start..], after clean pieces, read as one. A whole read is at the top level there with
 * nothing pending and nothing reported, so its first pass goes on just as this reading does.
 * Undefined when the rest leaves blocks open: the second pass goes by indentation, which may also
 * close blocks inside the clean pieces, so only a whole read gives its result.
 */
function readRest(text: string, start: number): SyntaxTree | undefined {
  const reading = readRange(text, start, text.length);
  if (wantsSecondPass(reading.grammar)) return undefined;
  return treeOf(reading, reading.grammar, []);
}

/** The whole text in one reading, as parse() reads a file below 128 KB (and any file it cannot read in pieces). */
export function parseAtOnce(text: string): SyntaxTree {
  const errors: Diagnostic[] = [];
  let source = text;
  if (text.charCodeAt(0) === BYTE_ORDER_MARK) {
    errors.push(syntaxError({ start: 0, end: 1 }, SyntaxCode.byteOrderMark, characterMessages.byteOrderMark()));
    // A space of the same length keeps every offset while the rest is read normally.
    source = ' ' + text.slice(1);
  }
  const reading = readRange(source, 0, source.length);
  let grammar = reading.grammar;
  if (wantsSecondPass(grammar)) grammar = preferIndentation(grammar, readByIndentation(reading));
  return treeOf(reading, grammar, errors);
}

/**
 * When blocks are unclosed at the end of the file, a second pass closes each where the
 * indentation says it ended, so the layers after a missing `}` stay at the top level. It wins
 * unless it finds more errors than reading to the end of the file did.
 */
function preferIndentation(toEndOfFile: GrammarOutcome, byIndentation: GrammarOutcome): GrammarOutcome {
  return byIndentation.errors.length <= toEndOfFile.errors.length ? byIndentation : toEndOfFile;
}

function treeOf(reading: Reading, grammar: GrammarOutcome, earlierErrors: Diagnostic[]): SyntaxTree {
  // concat, not push(...): a garbage file can have more errors than a call takes arguments.
  const errors = earlierErrors.concat(reading.lexical.diagnostics, grammar.errors);
  errors.sort((a, b) => a.span.start - b.span.start);
  return { fields: grammar.fields, comments: commentsOf(reading), errors };
}
