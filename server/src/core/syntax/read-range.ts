/**
 * One reading of text[start, end) as a file of its own: the lexer, the lexical findings and the
 * parser's first pass, with every offset the whole text's. parse.ts puts readings together into
 * the syntax stage; reparse.ts reads the changed lines of an edit with parseErrorFreeRange.
 */
import type { IToken } from 'chevrotain';
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

export function readRange(text: string, start: number, end: number): Reading {
  const lexed = textFormatLexer.tokenize(start === 0 && end === text.length ? text : text.slice(start, end));
  const comments = lexed.groups.comments ?? [];
  if (start > 0) {
    moveTokens(lexed.tokens, start);
    moveTokens(comments, start);
    for (const error of lexed.errors) error.offset += start;
  }
  const lexical = lexicalFindings(text, lexed);
  const settings: GrammarSettings = {
    text,
    indentationRecovery: false,
    lexicalErrorEnds: lexical.errorEnds,
    brokenTokenStarts: lexical.brokenTokenStarts,
    unterminatedStrings: lexical.unterminatedStrings,
  };
  return { tokens: lexed.tokens, comments, lexical, settings, grammar: parser().parseTokens(lexed.tokens, settings) };
}

/** True when blocks were left open at the end, outside a block skipped whole: a second pass may close them. */
export function wantsSecondPass(grammar: GrammarOutcome): boolean {
  return grammar.unclosedAtEnd > 0 && !grammar.endedInsideSkippedBlock;
}

/** The second pass over a reading's tokens: each unclosed block ends where the indentation says. */
export function readByIndentation(reading: Reading): GrammarOutcome {
  return parser().parseTokens(reading.tokens, { ...reading.settings, indentationRecovery: true });
}

/**
 * The fields and comments of text[start, end) when that range reads without any syntax error, as
 * a file of its own; undefined otherwise. The caller chooses a range that starts and ends at line
 * starts between top-level fields.
 */
export function parseErrorFreeRange(text: string, start: number, end: number): { fields: FieldNode[]; comments: CommentNode[] } | undefined {
  const reading = readRange(text, start, end);
  const { grammar } = reading;
  if (reading.lexical.diagnostics.length > 0 || grammar.errors.length > 0 || grammar.unclosedAtEnd > 0) return undefined;
  return { fields: grammar.fields, comments: commentsOf(reading) };
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
