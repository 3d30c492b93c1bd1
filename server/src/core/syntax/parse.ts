/**
 * The syntax stage: any string in, a syntax tree with every syntax error out. Never throws.
 */
import type { Diagnostic } from '../diagnostics';
import type { CommentNode, FieldNode, SyntaxTree } from './ast';
import { syntaxError } from './lexical-diagnostics';
import { pieceEnds } from './piece-boundaries';
import type { GrammarOutcome } from './parser';
import { commentsOf, isErrorFree, lexRange, readRange, withSecondPass, type Reading } from './read-range';
import { characterMessages, grammarMessages, SyntaxCode } from './syntax-messages';

const BYTE_ORDER_MARK = 0xfeff;

/** A big file (twice this size or more) is read in pieces of about this many characters (piece-boundaries.ts). */
export const PIECE_SIZE = 64 * 1024;

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
 * one. A whole read is at the top level there, with nothing pending and nothing reported, so its
 * first pass goes on just as the rest's reading does. The result is always parseAtOnce(text)'s.
 */
function parseText(text: string): SyntaxTree {
  if (text.length < 2 * PIECE_SIZE) return parseAtOnce(text);
  const clean = readCleanPieces(text);
  if (clean.end === text.length) return { fields: clean.fields, comments: clean.comments, errors: [] };
  if (clean.end === 0) return parseAtOnce(text);
  // The piece with the error is the rest when no cut follows it (a block left open runs to the end).
  const rest = clean.failedPiece ?? readRange(text, clean.end, text.length);
  const firstPass = { ...rest.grammar, fields: clean.fields.concat(rest.grammar.fields) };
  // A second pass goes by indentation, which may close blocks inside the clean pieces too: it
  // reads the whole file's tokens, the clean pieces' lexed again.
  const wholeTokens = () => lexRange(text, 0, clean.end).tokens.concat(rest.tokens);
  const grammar = withSecondPass(firstPass, wholeTokens, rest.settings);
  return treeOf(grammar, rest.lexical.diagnostics, clean.comments.concat(commentsOf(rest)));
}

/**
 * The pieces (runs of whole top-level fields) from the start of the file that read without error,
 * and where they end. No decision at a clean piece's end reads past it differently than a whole
 * read does: the next token is a name there, or the end, and neither continues a field. The
 * reading of the piece with the error comes along when that piece runs to the end of the file.
 */
function readCleanPieces(text: string): { fields: FieldNode[]; comments: CommentNode[]; end: number; failedPiece?: Reading } {
  const fields: FieldNode[] = [];
  const comments: CommentNode[] = [];
  let start = 0;
  for (const end of pieceEnds(text, PIECE_SIZE)) {
    const piece = readRange(text, start, end);
    if (!isErrorFree(piece)) return { fields, comments, end: start, failedPiece: end === text.length ? piece : undefined };
    for (const field of piece.grammar.fields) fields.push(field);
    for (const comment of commentsOf(piece)) comments.push(comment);
    start = end;
  }
  return { fields, comments, end: start };
}

/** The whole text in one reading, as parse() reads a file below 128 KB (and a big one whose first piece has an error). */
export function parseAtOnce(text: string): SyntaxTree {
  let byteOrderMark: Diagnostic[] = [];
  let source = text;
  if (text.charCodeAt(0) === BYTE_ORDER_MARK) {
    byteOrderMark = [syntaxError({ start: 0, end: 1 }, SyntaxCode.byteOrderMark, characterMessages.byteOrderMark())];
    // A space of the same length keeps every offset while the rest is read normally.
    source = ' ' + text.slice(1);
  }
  const reading = readRange(source, 0, source.length);
  const grammar = withSecondPass(reading.grammar, () => reading.tokens, reading.settings);
  return treeOf(grammar, byteOrderMark.concat(reading.lexical.diagnostics), commentsOf(reading));
}

function treeOf(grammar: GrammarOutcome, lexicalErrors: Diagnostic[], comments: CommentNode[]): SyntaxTree {
  // concat, not push(...): a garbage file can have more errors than a call takes arguments.
  const errors = lexicalErrors.concat(grammar.errors);
  errors.sort((a, b) => a.span.start - b.span.start);
  return { fields: grammar.fields, comments, errors };
}
