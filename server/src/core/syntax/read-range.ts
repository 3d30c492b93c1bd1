/**
 * Reading text[start, end) as a file of its own: the lexer, the lexical findings and the parser's
 * first pass (and its second, where wanted), with every offset the whole text's. parse.ts puts
 * readings together into the syntax stage; reparse.ts reads an edit's lines with parseErrorFreeRange.
 */
import type { ILexingResult, IToken } from 'chevrotain';
import type { CommentNode, FieldNode } from './ast';
import { lexicalFindings, type LexicalFindings } from './lexical-diagnostics';
import { commentNode } from './nodes';
import { TextFormatParser, type GrammarOutcome, type GrammarSettings } from './parser';
import { textFormatLexer } from './tokens';

/** One parser for all parses, as chevrotain advises: building one analyses the whole grammar. */
let sharedParser: TextFormatParser | undefined;

function parser(): TextFormatParser {
  sharedParser ??= new TextFormatParser();
  return sharedParser;
}

export interface Reading {
  tokens: IToken[];
  comments: IToken[];
  lexical: LexicalFindings;
  settings: GrammarSettings;
  /** The first pass: blocks left open run to the end of the range. */
  grammar: GrammarOutcome;
}

/** The tokens and comments of text[start, end), offsets the whole text's, and what the lexer could not read. */
export function lexRange(text: string, start: number, end: number): ILexingResult & { comments: IToken[] } {
  const lexed = textFormatLexer.tokenize(start === 0 && end === text.length ? text : text.slice(start, end));
  const comments = lexed.groups.comments ?? [];
  if (start > 0) {
    moveTokens(lexed.tokens, start);
    moveTokens(comments, start);
    for (const error of lexed.errors) error.offset += start;
  }
  return { ...lexed, comments };
}

export function readRange(text: string, start: number, end: number): Reading {
  const lexed = lexRange(text, start, end);
  const lexical = lexicalFindings(text, lexed);
  const settings: GrammarSettings = {
    text,
    indentationRecovery: false,
    lexicalErrorEnds: lexical.errorEnds,
    brokenTokenStarts: lexical.brokenTokenStarts,
    unterminatedStrings: lexical.unterminatedStrings,
  };
  return { tokens: lexed.tokens, comments: lexed.comments, lexical, settings, grammar: parser().parseTokens(lexed.tokens, settings) };
}

/**
 * The first pass, or, when it left blocks open at the end (outside a block skipped whole), the
 * second pass over `tokens()` if that reads better: there each unclosed block ends where the
 * indentation says, so the layers after a missing `}` stay at the top level. The second pass wins
 * unless it finds more errors than reading to the end of the file did.
 */
export function withSecondPass(firstPass: GrammarOutcome, tokens: () => IToken[], settings: GrammarSettings): GrammarOutcome {
  if (firstPass.unclosedAtEnd === 0 || firstPass.endedInsideSkippedBlock) return firstPass;
  const byIndentation = parser().parseTokens(tokens(), { ...settings, indentationRecovery: true });
  return byIndentation.errors.length <= firstPass.errors.length ? byIndentation : firstPass;
}

/**
 * The fields and comments of text[start, end) when that range reads without any syntax error, as
 * a file of its own; undefined otherwise. The caller chooses a range that starts and ends at line
 * starts between top-level fields.
 */
export function parseErrorFreeRange(text: string, start: number, end: number): { fields: FieldNode[]; comments: CommentNode[] } | undefined {
  const reading = readRange(text, start, end);
  return isErrorFree(reading) ? { fields: reading.grammar.fields, comments: commentsOf(reading) } : undefined;
}

/** No lexical or grammar error, and every block and list closed. */
export function isErrorFree(reading: Reading): boolean {
  const { grammar } = reading;
  return reading.lexical.diagnostics.length === 0 && grammar.errors.length === 0 && grammar.unclosedAtEnd === 0;
}

export function commentsOf(reading: Reading): CommentNode[] {
  return reading.comments.map(commentNode);
}

/**
 * Adds `delta` to each token's start (tokens carry no end: it is start + image length). An indexed
 * loop: a 10 MB file has 1.8 M tokens, and for...of made an iterator result for each of them.
 */
function moveTokens(tokens: IToken[], delta: number): void {
  for (let i = 0; i < tokens.length; i++) tokens[i].startOffset += delta;
}
