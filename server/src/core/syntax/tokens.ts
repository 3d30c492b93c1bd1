/**
 * The tokens of the protobuf text format (as protobuf's io::Tokenizer reads them for TextFormat)
 * and the one lexer instance every parse reuses. Numbers and strings use hand-written matchers so
 * their rules, and their errors, follow protobuf exactly.
 */
import { createToken, Lexer, type CustomPatternMatcherReturn, type IToken, type TokenType } from 'chevrotain';
import { scanNumber } from './number-literal';
import { stringLiteralEnd } from './string-literal';

const DIGITS = '0123456789'.split('');

/**
 * The lexer copies the image out of a match at once, so one match object serves every call (a
 * 10 MB file has hundreds of thousands of numbers and strings). Tokens carry no payload: what a
 * literal means is worked out again from the text where it is needed, which keeps every token
 * the same shape and the token list small.
 */
const reusedMatch: CustomPatternMatcherReturn = [''];

function matchNumber(text: string, offset: number): CustomPatternMatcherReturn | null {
  const scan = scanNumber(text, offset);
  if (!scan) return null;
  reusedMatch[0] = text.slice(offset, scan.end);
  return reusedMatch;
}

function matchString(text: string, offset: number): CustomPatternMatcherReturn | null {
  const c = text.charCodeAt(offset);
  if (c !== 0x22 && c !== 0x27) return null;
  reusedMatch[0] = text.slice(offset, stringLiteralEnd(text, offset));
  return reusedMatch;
}

/** protobuf's whitespace: space, \t, \n, \r, \v, \f (nothing else, not even U+00A0). */
export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\n\r\x0b\x0c]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/** `#` to the end of the line. */
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n]*/, group: 'comments', line_breaks: false });

export const StringLiteral = createToken({
  name: 'String',
  pattern: { exec: matchString },
  start_chars_hint: ['"', "'"],
  line_breaks: false,
});

export const NumberLiteral = createToken({
  name: 'Number',
  pattern: { exec: matchNumber },
  start_chars_hint: [...DIGITS, '.'],
  line_breaks: false,
});

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/ });

export const LCurly = createToken({ name: 'LCurly', pattern: '{', label: '{' });
export const RCurly = createToken({ name: 'RCurly', pattern: '}', label: '}' });
export const LAngle = createToken({ name: 'LAngle', pattern: '<', label: '<' });
export const RAngle = createToken({ name: 'RAngle', pattern: '>', label: '>' });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', label: '[' });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', label: ']' });
export const Colon = createToken({ name: 'Colon', pattern: ':', label: ':' });
export const Semicolon = createToken({ name: 'Semicolon', pattern: ';', label: ';' });
export const Comma = createToken({ name: 'Comma', pattern: ',', label: ',' });
export const Minus = createToken({ name: 'Minus', pattern: '-', label: '-' });
export const Slash = createToken({ name: 'Slash', pattern: '/', label: '/' });
/** After NumberLiteral, which claims a dot followed by a digit (`.5`). */
export const Dot = createToken({ name: 'Dot', pattern: '.', label: '.' });

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLiteral,
  NumberLiteral,
  Identifier,
  LCurly,
  RCurly,
  LAngle,
  RAngle,
  LBracket,
  RBracket,
  Colon,
  Semicolon,
  Comma,
  Minus,
  Slash,
  Dot,
];

/**
 * Characters no token matches (control characters, `@`, non-ASCII outside strings) are left to
 * the lexer's own recovery, which drops each run of them and reports it as one lexing error.
 */
export const textFormatLexer = new Lexer(allTokens, {
  positionTracking: 'onlyOffset',
  ensureOptimizations: true,
});

/** Offset just past a token. */
export function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}
