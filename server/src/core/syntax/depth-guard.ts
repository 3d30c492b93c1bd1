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

export interface SkippedBlock {
  /** The token that balanced the opener, or undefined when the file ended first. */
  closer?: IToken;
  /** The last token skipped (the closer when there is one). */
  last?: IToken;
}

/**
 * Skips tokens after an opener until the bracket that balances it (any of } > ] counts, since
 * nothing inside is checked), without recursion.
 */
export function skipBalancedBlock(cursor: TokenCursor): SkippedBlock {
  let level = 1;
  let last: IToken | undefined;
  for (;;) {
    const token = cursor.peek();
    if (token.tokenType === EOF) return { last };
    cursor.advance();
    last = token;
    if (OPENERS.has(token.tokenType)) level++;
    else if (CLOSERS.has(token.tokenType) && --level === 0) return { closer: token, last };
  }
}
