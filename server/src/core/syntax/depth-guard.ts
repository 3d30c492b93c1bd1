/**
 * Keeps recursion bounded. A recursive-descent parser overflows the stack after a few thousand
 * nested blocks; no Caffe model nests deeper than about 8, so past MAX_NESTING_DEPTH the parser
 * stops descending and skips the block with a loop instead.
 */
import type { IToken, TokenType } from 'chevrotain';
import { EOF } from 'chevrotain';
import { LAngle, LBracket, LCurly, RAngle, RBracket, RCurly } from './tokens';

export const MAX_NESTING_DEPTH = 200;

const OPENERS: ReadonlySet<TokenType> = new Set([LCurly, LAngle, LBracket]);
const CLOSERS: ReadonlySet<TokenType> = new Set([RCurly, RAngle, RBracket]);

/** The parser's view of its token stream, as much as skipping needs. */
export interface TokenCursor {
  peek(): IToken;
  advance(): void;
}

/**
 * Skips tokens after an opener up to the bracket that balances it (any of } > ] counts, since
 * nothing inside is checked), without recursion. Returns that closer, or undefined when the file
 * ends first.
 */
export function skipBalancedBlock(cursor: TokenCursor): IToken | undefined {
  let level = 1;
  for (;;) {
    const token = cursor.peek();
    if (token.tokenType === EOF) return undefined;
    cursor.advance();
    if (OPENERS.has(token.tokenType)) level++;
    else if (CLOSERS.has(token.tokenType) && --level === 0) return token;
  }
}
