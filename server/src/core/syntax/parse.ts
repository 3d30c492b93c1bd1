/**
 * The syntax stage: any string in, a syntax tree with every syntax error out. Never throws.
 */
import type { IToken } from 'chevrotain';
import type { Diagnostic } from '../diagnostics';
import type { CommentNode, FieldNode, SyntaxTree } from './ast';
import { lexicalFindings, syntaxError } from './lexical-diagnostics';
import { commentNode } from './nodes';
import { pieceEnds } from './piece-boundaries';
import { TextFormatParser, type GrammarOutcome } from './parser';
import { characterMessages, grammarMessages, SyntaxCode } from './syntax-messages';
import { textFormatLexer } from './tokens';

const BYTE_ORDER_MARK = 0xfeff;

/** One parser for all parses, as chevrotain advises: building one analyses the whole grammar. */
let sharedParser: TextFormatParser | undefined;

function parser(): TextFormatParser {
  sharedParser ??= new TextFormatParser();
  return sharedParser;
}

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

function parseText(text: string): SyntaxTree {
  if (text.length >= 2 * PIECE_SIZE) {
    const pieces = parseInPieces(text);
    if (pieces) return { ...pieces, errors: [] };
  }
  return parseAtOnce(text);
}

/** The whole text in one pass of the lexer and the parser, as parse() reads it unless it can read it in pieces. */
export function parseAtOnce(text: string): SyntaxTree {
  let errors: Diagnostic[] = [];
  let source = text;
  if (text.charCodeAt(0) === BYTE_ORDER_MARK) {
    errors.push(syntaxError({ start: 0, end: 1 }, SyntaxCode.byteOrderMark, characterMessages.byteOrderMark()));
    // A space of the same length keeps every offset while the rest is read normally.
    source = ' ' + text.slice(1);
  }

  const lexed = textFormatLexer.tokenize(source);
  const lexical = lexicalFindings(source, lexed);
  const settings = {
    text: source,
    indentationRecovery: false,
    lexicalErrorEnds: lexical.errorEnds,
    brokenTokenStarts: lexical.brokenTokenStarts,
    unterminatedStrings: lexical.unterminatedStrings,
  };
  let grammar = parser().parseTokens(lexed.tokens, settings);
  if (grammar.unclosedAtEnd > 0 && !grammar.endedInsideSkippedBlock) {
    grammar = preferIndentation(grammar, parser().parseTokens(lexed.tokens, { ...settings, indentationRecovery: true }));
  }

  // concat, not push(...): a garbage file can have more errors than a call takes arguments.
  errors = errors.concat(lexical.diagnostics, grammar.errors);
  errors.sort((a, b) => a.span.start - b.span.start);
  return { fields: grammar.fields, comments: (lexed.groups.comments ?? []).map(commentNode), errors };
}

/**
 * When blocks are unclosed at the end of the file, a second pass closes each where the
 * indentation says it ended, so the layers after a missing `}` stay at the top level. It wins
 * unless it finds more errors than reading to the end of the file did.
 */
function preferIndentation(toEndOfFile: GrammarOutcome, byIndentation: GrammarOutcome): GrammarOutcome {
  return byIndentation.errors.length <= toEndOfFile.errors.length ? byIndentation : toEndOfFile;
}

/** A big file is read in pieces of about this many characters when it can be (parseInPieces). */
const PIECE_SIZE = 64 * 1024;

/**
 * A big file without syntax errors, read a piece at a time: each piece's tokens are garbage
 * before the next is read, where reading the whole file at once keeps 1.8 M tokens of a 10 MB
 * net alive until its end (140 MB, copied by every collection while they live). The pieces are
 * runs of top-level fields (piece-boundaries.ts). The result is parse(text)'s whenever every piece
 * reads without error and closes all it opens: no decision at a piece's end reads past it
 * differently, since the next token is a name there, or the end, and neither continues a field.
 * Otherwise undefined, after at most one file's worth of reading: the caller parses the whole.
 */
function parseInPieces(text: string): { fields: FieldNode[]; comments: CommentNode[] } | undefined {
  const fields: FieldNode[] = [];
  const comments: CommentNode[] = [];
  let start = 0;
  for (const end of pieceEnds(text, PIECE_SIZE)) {
    const piece = parseErrorFreeRange(text, start, end);
    if (!piece) return undefined;
    for (const field of piece.fields) fields.push(field);
    for (const comment of piece.comments) comments.push(comment);
    start = end;
  }
  return { fields, comments };
}

/**
 * The fields and comments of text[start, end) when that range reads without any syntax error, as
 * a file of its own; undefined otherwise. Offsets are the whole text's. The caller chooses a range
 * that starts and ends at line starts between top-level fields (see reparse.ts).
 */
export function parseErrorFreeRange(text: string, start: number, end: number): { fields: FieldNode[]; comments: CommentNode[] } | undefined {
  const lexed = textFormatLexer.tokenize(text.slice(start, end));
  if (lexed.errors.length > 0) return undefined;
  const comments = lexed.groups.comments ?? [];
  moveTokens(lexed.tokens, start);
  moveTokens(comments, start);
  if (lexicalFindings(text, lexed).diagnostics.length > 0) return undefined;
  const settings = { text, indentationRecovery: false, lexicalErrorEnds: new Set<number>(), brokenTokenStarts: new Set<number>(), unterminatedStrings: [] };
  const grammar = parser().parseTokens(lexed.tokens, settings);
  if (grammar.errors.length > 0 || grammar.unclosedAtEnd > 0) return undefined;
  return { fields: grammar.fields, comments: comments.map(commentNode) };
}

/**
 * Adds `delta` to each token's start (tokens carry no end: it is start + image length). An indexed
 * loop: a 10 MB file has 1.8 M tokens, and for...of made an iterator result for each of them.
 */
function moveTokens(tokens: IToken[], delta: number): void {
  for (let i = 0; i < tokens.length; i++) tokens[i].startOffset += delta;
}
