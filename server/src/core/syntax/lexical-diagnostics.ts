/**
 * Turns what the lexer found wrong into diagnostics: runs of characters no token matches, broken
 * numbers and strings (read again from the text), and NUL characters inside comments.
 */
import type { ILexingResult, IToken } from 'chevrotain';
import type { Diagnostic } from '../diagnostics';
import type { Span } from '../text/span';
import {
  characterMessages,
  NUMBER_PROBLEM_MESSAGES,
  STRING_PROBLEM_CODES,
  STRING_PROBLEM_MESSAGES,
  SyntaxCode,
} from './syntax-messages';
import { scanNumber } from './number-literal';
import { scanStringLiteral } from './string-literal';
import { NumberLiteral, StringLiteral, tokenEnd } from './tokens';

export function syntaxError(span: Span, code: SyntaxCode, message: string): Diagnostic {
  return { span, severity: 'error', code, message };
}

/** Control characters as protobuf's `Unprintable` class has them: below space, except whitespace. */
function isControl(c: number): boolean {
  return c < 0x20 && !(c >= 0x09 && c <= 0x0d);
}

/**
 * One diagnostic per run of unmatched characters; a run that mixes kinds (a control character
 * next to `@`) is split so each message names what it covers.
 */
function unmatchedRunDiagnostics(text: string, start: number, end: number, out: Diagnostic[]): void {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    const kind = isControl(c) ? 'control' : c >= 0x80 ? 'nonAscii' : 'stray';
    let j = i + 1;
    while (j < end) {
      const d = text.charCodeAt(j);
      const next = isControl(d) ? 'control' : d >= 0x80 ? 'nonAscii' : 'stray';
      if (next !== kind) break;
      j++;
    }
    const first = String.fromCodePoint(text.codePointAt(i) ?? c);
    out.push(syntaxError({ start: i, end: j }, SyntaxCode.invalidCharacter, characterMessages[kind](first)));
    i = j;
  }
}

/** Most literals are closed and have no backslash or NUL: nothing in them can be wrong. */
function isPlainClosedString(image: string): boolean {
  return (
    image.length >= 2 &&
    image.charCodeAt(image.length - 1) === image.charCodeAt(0) &&
    image.indexOf('\\') < 0 &&
    image.indexOf('\0') < 0
  );
}

/** Reports a broken number or string; returns true when the token as a whole is unusable. */
function tokenDiagnostics(text: string, token: IToken, out: Diagnostic[]): boolean {
  if (token.tokenType === NumberLiteral) {
    const problem = scanNumber(text, token.startOffset)?.problem;
    if (!problem) return false;
    const span = { start: token.startOffset, end: tokenEnd(token) };
    out.push(syntaxError(span, SyntaxCode.invalidNumber, NUMBER_PROBLEM_MESSAGES[problem](token.image)));
    return true;
  }
  if (token.tokenType === StringLiteral && !isPlainClosedString(token.image)) {
    const scan = scanStringLiteral(text, token.startOffset);
    for (const problem of scan.problems) {
      out.push(syntaxError(problem.span, STRING_PROBLEM_CODES[problem.kind], STRING_PROBLEM_MESSAGES[problem.kind]));
    }
    return !scan.terminated;
  }
  return false;
}

function commentDiagnostics(comment: IToken, out: Diagnostic[]): void {
  const at = comment.image.indexOf('\0');
  if (at < 0) return;
  const start = comment.startOffset + at;
  out.push(syntaxError({ start, end: start + 1 }, SyntaxCode.invalidCharacter, characterMessages.nulInComment()));
}

export interface LexicalFindings {
  diagnostics: Diagnostic[];
  /**
   * Offsets where an unreadable run of characters or a broken token ends: a token starting right
   * there is part of the same mistake (`1i:2`, `nümber: 1`), so the grammar does not blame it again.
   */
  errorEnds: Set<number>;
  /** Where each broken number and unterminated string starts: tokens no value can be read from. */
  brokenTokenStarts: Set<number>;
  /** Where each unterminated string starts, in order: such a string may have swallowed a closer. */
  unterminatedStrings: number[];
}

export function lexicalFindings(text: string, lexed: ILexingResult): LexicalFindings {
  const diagnostics: Diagnostic[] = [];
  const errorEnds = new Set<number>();
  for (const error of lexed.errors) {
    unmatchedRunDiagnostics(text, error.offset, error.offset + error.length, diagnostics);
    errorEnds.add(error.offset + error.length);
  }
  const brokenTokenStarts = new Set<number>();
  const unterminatedStrings: number[] = [];
  for (const token of lexed.tokens) {
    if (!tokenDiagnostics(text, token, diagnostics)) continue;
    errorEnds.add(tokenEnd(token));
    brokenTokenStarts.add(token.startOffset);
    if (token.tokenType === StringLiteral) unterminatedStrings.push(token.startOffset);
  }
  for (const comment of lexed.groups.comments ?? []) commentDiagnostics(comment, diagnostics);
  return { diagnostics, errorEnds, brokenTokenStarts, unterminatedStrings };
}
