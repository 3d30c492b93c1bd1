/**
 * Which grammar errors the parser reports, and in what words. protobuf stops at its first error;
 * we go on, so the rules here keep one mistake from being reported several times: a token is
 * blamed at most once, a run of stray tokens gets one error, a token glued to a lexical error is
 * part of that error, and a string left open is blamed for the closer it swallowed.
 */
import { EOF, type IToken, type TokenType } from 'chevrotain';
import type { Diagnostic, RelatedInfo } from '../diagnostics';
import type { Span } from '../text/span';
import type { FieldNameNode } from './ast';
import { MAX_NESTING_DEPTH } from './depth-guard';
import { syntaxError } from './lexical-diagnostics';
import { tokenSpan } from './nodes';
import { describeToken, grammarMessages, SyntaxCode } from './syntax-messages';
import {
  Comma,
  Identifier,
  LAngle,
  LCurly,
  NumberLiteral,
  RAngle,
  RBracket,
  RCurly,
  Semicolon,
  StringLiteral,
  tokenEnd,
} from './tokens';

/** What the lexer found that the grammar errors must take into account. */
export interface LexicalContext {
  /** Offsets where a lexical error ends (see lexical-diagnostics). */
  lexicalErrorEnds: ReadonlySet<number>;
  /** Start offsets of broken numbers and unterminated strings. */
  brokenTokenStarts: ReadonlySet<number>;
  /** Start offsets of unterminated strings, ascending. */
  unterminatedStrings: readonly number[];
}

/** How a token is named in a message: its text, or "end of file". */
export function describe(token: IToken): string {
  return describeToken(token.tokenType === EOF ? undefined : token.image);
}

function separatorMessage(got: string, before: IToken): string {
  const afterSeparator = before.tokenType === Semicolon || before.tokenType === Comma;
  return afterSeparator ? grammarMessages.straySeparator(got) : grammarMessages.separatorWithoutField(got);
}

/** The message for a token found where a field should start, by the token's type. */
const STRAY_MESSAGES: ReadonlyMap<TokenType, (got: string, before: IToken) => string> = new Map([
  [RCurly, grammarMessages.strayCloser],
  [RAngle, grammarMessages.strayCloser],
  [RBracket, grammarMessages.strayCloser],
  [LCurly, grammarMessages.strayBlock],
  [LAngle, grammarMessages.strayBlock],
  [NumberLiteral, grammarMessages.strayNumber],
  [StringLiteral, grammarMessages.strayValue],
  [Semicolon, separatorMessage],
  [Comma, separatorMessage],
]);

const CLOSER_OF: ReadonlyMap<TokenType, TokenType> = new Map([
  [LCurly, RCurly],
  [LAngle, RAngle],
]);

/** The grammar errors of one parse. */
export class GrammarErrors {
  readonly diagnostics: Diagnostic[] = [];
  /** Blocks and lists still open when the tokens ran out. */
  unclosedAtEnd = 0;
  /** The file ended inside a block skipped whole (too deep, or a nested list). */
  endedInsideSkippedBlock = false;
  private blamedToken: IToken | undefined;
  private strayRunEnd: IToken | undefined;
  /** Lists reported unclosed before the end of the file: a later stray `]` is theirs. */
  private listsLeftOpen = 0;

  constructor(private readonly lexical: LexicalContext) {}

  /**
   * Records an error unless `blamed` already carries one: it was named by an earlier error, it is
   * itself lexically broken, or it directly follows a lexical error.
   */
  report(blamed: IToken, span: Span, code: SyntaxCode, message: string, related?: RelatedInfo[]): void {
    if (blamed.tokenType !== EOF) {
      if (blamed === this.blamedToken || this.lexical.brokenTokenStarts.has(blamed.startOffset)) return;
      if (this.lexical.lexicalErrorEnds.has(blamed.startOffset)) return;
      this.blamedToken = blamed;
    }
    const diagnostic = syntaxError(span, code, message);
    if (related) diagnostic.related = related;
    this.diagnostics.push(diagnostic);
  }

  missingValue(name: FieldNameNode, colon: IToken | undefined, got: IToken): void {
    const span = { start: name.span.start, end: colon ? tokenEnd(colon) : name.span.end };
    const message = colon
      ? grammarMessages.missingValueAfterColon(name.text, describe(got))
      : grammarMessages.missingValueNoColon(name.text, describe(got));
    this.report(got, span, SyntaxCode.unexpectedToken, message);
  }

  /** `first` to `last` were read where a field should start; `before` is the token ahead of them. */
  stray(before: IToken, first: IToken, last: IToken): void {
    const continuesRun = this.strayRunEnd !== undefined && before === this.strayRunEnd;
    this.strayRunEnd = last;
    if (first.tokenType === RBracket && this.listsLeftOpen > 0) {
      this.listsLeftOpen--;
      return;
    }
    if (continuesRun) return;
    const got = describe(first);
    const message = STRAY_MESSAGES.get(first.tokenType)?.(got, before) ?? grammarMessages.strayToken(got);
    this.report(first, tokenSpan(first), SyntaxCode.unexpectedToken, message);
  }

  /** protobuf reads identifiers joined by `.` (or `/` in a type URL); reports the first misfit. */
  bracketedName(open: IToken, parts: IToken[], close: IToken | undefined, next: IToken): void {
    let misplaced = parts.find((part, i) => (part.tokenType === Identifier) !== (i % 2 === 0));
    if (!misplaced && parts.length % 2 === 0) misplaced = close ?? next;
    if (misplaced) {
      const span = misplaced.tokenType === EOF ? tokenSpan(open) : tokenSpan(misplaced);
      this.report(misplaced, span, SyntaxCode.unexpectedToken, grammarMessages.extensionNamePart(describe(misplaced)));
    } else if (!close) {
      this.report(next, tokenSpan(open), SyntaxCode.unclosedDelimiter, grammarMessages.unclosedExtensionName(describe(next)));
    }
  }

  signBeforeString(minus: IToken): void {
    this.report(minus, tokenSpan(minus), SyntaxCode.unexpectedToken, grammarMessages.signBeforeString());
  }

  signWithoutNumber(minus: IToken, got: IToken): void {
    this.report(got, tokenSpan(minus), SyntaxCode.unexpectedToken, grammarMessages.signWithoutNumber(describe(got)));
  }

  /** A block closed by the other kind of closer (`{ ... >`). */
  closer(open: IToken, close: IToken): void {
    if (close.tokenType === CLOSER_OF.get(open.tokenType)) return;
    this.report(close, tokenSpan(close), SyntaxCode.unexpectedToken, grammarMessages.mismatchedCloser(open.image, close.image));
  }

  /** A block or list still open at the end of the file, or (second pass) where its indentation ends. */
  unclosed(open: IToken, next: IToken): void {
    const atEnd = next.tokenType === EOF;
    if (atEnd) this.unclosedAtEnd++;
    // A string left open inside the block read its closer as text: the string is the mistake.
    if (this.hasUnterminatedStringBetween(open.startOffset, atEnd ? Infinity : next.startOffset)) return;
    if (atEnd) {
      // When a skipped block swallowed the rest of the file, that block's diagnostic says it all.
      if (this.endedInsideSkippedBlock) return;
      const message = grammarMessages.unclosedAtEndOfFile(open.image);
      this.diagnostics.push(syntaxError(tokenSpan(open), SyntaxCode.unclosedDelimiter, message));
      return;
    }
    const message = grammarMessages.unclosedByIndentation(open.image, describe(next));
    const related = [{ span: tokenSpan(next), message: grammarMessages.blockEndsHere() }];
    this.report(next, tokenSpan(open), SyntaxCode.unclosedDelimiter, message, related);
  }

  /** A list followed by something that neither continues nor closes it. */
  unclosedList(open: IToken, next: IToken): void {
    if (next.tokenType === EOF) return this.unclosed(open, next);
    this.listsLeftOpen++;
    this.report(next, tokenSpan(open), SyntaxCode.unclosedDelimiter, grammarMessages.unclosedList(describe(next)));
  }

  nestingTooDeep(open: IToken): void {
    const message = grammarMessages.nestingTooDeep(MAX_NESTING_DEPTH);
    this.diagnostics.push(syntaxError(tokenSpan(open), SyntaxCode.nestingTooDeep, message));
  }

  /** Chevrotain had to recover: the rules should never let it, so this names the spot plainly. */
  internal(at: Span, detail: string): void {
    this.diagnostics.push(syntaxError(at, SyntaxCode.unexpectedToken, grammarMessages.internal(detail)));
  }

  private hasUnterminatedStringBetween(start: number, end: number): boolean {
    const starts = this.lexical.unterminatedStrings;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length && starts[lo] < end;
  }
}
