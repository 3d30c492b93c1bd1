/** Builders for the tree's scalar nodes and comments, from tokens. */
import type { IToken } from 'chevrotain';
import type { Span } from '../text/span';
import type { CommentNode, IdentifierNode, NumberNode, StringNode } from './ast';
import { decodeUtf8 } from './byte-buffer';
import { numberScanOf, stringScanOf, tokenEnd } from './tokens';

export function tokenSpan(token: IToken): Span {
  return { start: token.startOffset, end: tokenEnd(token) };
}

/** Undefined for a broken number: its lexical error already says why, and no value can be read. */
export function numberNode(token: IToken, minus: IToken | undefined): NumberNode | undefined {
  const scan = numberScanOf(token);
  if (scan.problem) return undefined;
  const own = tokenSpan(token);
  return {
    kind: 'number',
    span: { start: minus ? minus.startOffset : own.start, end: own.end },
    tokenSpan: own,
    negative: minus !== undefined,
    text: token.image,
    form: scan.form,
  };
}

export function identifierNode(token: IToken, minus: IToken | undefined): IdentifierNode {
  const own = tokenSpan(token);
  return {
    kind: 'identifier',
    span: { start: minus ? minus.startOffset : own.start, end: own.end },
    tokenSpan: own,
    negative: minus !== undefined,
    text: token.image,
  };
}

/** Adjacent literals are one value; their bytes are joined before reading them as UTF-8. */
export function stringNode(parts: IToken[]): StringNode {
  const first = parts[0];
  const last = parts[parts.length - 1];
  const span = { start: first.startOffset, end: tokenEnd(last) };
  if (parts.length === 1) {
    const scan = stringScanOf(first);
    return { kind: 'string', span, parts: [tokenSpan(first)], bytes: scan.bytes, value: scan.value };
  }
  const pieces = parts.map((part) => stringScanOf(part).bytes);
  const bytes = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return { kind: 'string', span, parts: parts.map(tokenSpan), bytes, value: decodeUtf8(bytes) };
}

/** The comment's text excludes the `#` and a \r before the line break. */
export function commentNode(token: IToken): CommentNode {
  const image = token.image.endsWith('\r') ? token.image.slice(0, -1) : token.image;
  return { span: { start: token.startOffset, end: token.startOffset + image.length }, text: image.slice(1) };
}
