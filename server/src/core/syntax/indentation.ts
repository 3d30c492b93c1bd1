/**
 * Indentation facts used to guess where an unclosed block was meant to end: in an indented file,
 * a line that starts no deeper than the line opening a block is no longer inside that block.
 */
import { EOF, type IToken } from 'chevrotain';
import { RAngle, RCurly } from './tokens';

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c;
}

function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isLineBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

/** The column of the first non-blank character on the line holding `offset`. */
export function lineIndentation(text: string, offset: number): number {
  const start = lineStartOf(text, offset);
  let i = start;
  while (i < offset && isBlank(text.charCodeAt(i))) i++;
  return i - start;
}

/** The column of `offset` when only blanks precede it on its line; -1 otherwise. */
export function leadingColumn(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && isBlank(text.charCodeAt(i - 1))) i--;
  if (i > 0 && !isLineBreak(text.charCodeAt(i - 1))) return -1;
  return offset - lineStartOf(text, offset);
}

function isCloser(token: IToken): boolean {
  return token.tokenType === RCurly || token.tokenType === RAngle;
}

/**
 * The indentation a block's lines must exceed, or -1 when its indentation says nothing: when its
 * first line is no deeper than its opener (a file written flush left).
 */
export function blockIndentation(text: string, open: IToken, first: IToken): number {
  const indentation = lineIndentation(text, open.startOffset);
  if (first.tokenType === EOF || isCloser(first)) return indentation;
  const column = leadingColumn(text, first.startOffset);
  return column >= 0 && column <= indentation ? -1 : indentation;
}

/** Whether `next` starts a line no deeper than the block's opener line (a closer: shallower). */
export function endsByIndentation(text: string, indentation: number, next: IToken): boolean {
  if (indentation < 0 || next.tokenType === EOF) return false;
  const column = leadingColumn(text, next.startOffset);
  if (column < 0) return false;
  return isCloser(next) ? column < indentation : column <= indentation;
}
