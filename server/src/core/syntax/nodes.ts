/** Builders for the tree's nodes, from the tokens they were read from. */
import type { IToken } from 'chevrotain';
import type { Span } from '../text/span';
import type { CommentNode, FieldNameNode, FieldNode, IdentifierNode, ListNode, MessageNode, NumberNode, StringNode } from './ast';
import { decodeUtf8 } from './byte-buffer';
import { scanNumber } from './number-literal';
import { scanStringLiteral } from './string-literal';
import { Slash, tokenEnd } from './tokens';

export function tokenSpan(token: IToken): Span {
  return { start: token.startOffset, end: tokenEnd(token) };
}

/** A signed value starts at its sign; without one, its span is the token's, one object for both. */
function valueSpan(own: Span, minus: IToken | undefined): Span {
  return minus ? { start: minus.startOffset, end: own.end } : own;
}

/** A valid number token (a broken one has no value: its lexical error says why). */
export function numberNode(token: IToken, minus: IToken | undefined): NumberNode {
  // The form depends on the token's own characters only, so its image is enough to tell it.
  const form = scanNumber(token.image, 0)?.form ?? 'decimal';
  const own = tokenSpan(token);
  return { kind: 'number', span: valueSpan(own, minus), tokenSpan: own, negative: !!minus, text: token.image, form };
}

export function identifierNode(token: IToken, minus: IToken | undefined): IdentifierNode {
  const own = tokenSpan(token);
  return { kind: 'identifier', span: valueSpan(own, minus), tokenSpan: own, negative: !!minus, text: token.image };
}

/** Adjacent literals are one value; their bytes are joined before reading them as UTF-8. */
export function stringNode(text: string, parts: readonly IToken[]): StringNode {
  const first = parts[0];
  const last = parts[parts.length - 1];
  const span = { start: first.startOffset, end: tokenEnd(last) };
  if (parts.length === 1) {
    const scan = scanStringLiteral(text, first.startOffset);
    // One literal: the value's span is the literal's, and one object serves both.
    return { kind: 'string', span, parts: [span], bytes: scan.bytes, value: scan.value };
  }
  const scans = parts.map((part) => scanStringLiteral(text, part.startOffset));
  const partSpans = parts.map(tokenSpan);
  if (scans.every((scan) => scan.bytes === undefined)) {
    return { kind: 'string', span, parts: partSpans, bytes: undefined, value: scans.map((scan) => scan.value).join('') };
  }
  const pieces = scans.map((scan) => scan.bytes ?? asciiBytes(scan.value));
  const bytes = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return { kind: 'string', span, parts: partSpans, bytes, value: decodeUtf8(bytes) };
}

function asciiBytes(value: string): Uint8Array {
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) bytes[i] = value.charCodeAt(i);
  return bytes;
}

/** The bytes Caffe receives for a string value (a `bytes` field's value). */
export function stringBytes(node: StringNode): Uint8Array {
  return node.bytes ?? asciiBytes(node.value);
}

/** The comment's text excludes the `#` and a \r before the line break. */
export function commentNode(token: IToken): CommentNode {
  const image = token.image.endsWith('\r') ? token.image.slice(0, -1) : token.image;
  return { span: { start: token.startOffset, end: token.startOffset + image.length }, text: image.slice(1) };
}

export function plainNameNode(token: IToken): FieldNameNode {
  return { span: tokenSpan(token), form: 'plain', text: token.image };
}

/** `[pkg.ext]`, or `[type.url/pkg.Msg]` (an Any expansion, told by its slash). */
export function bracketedNameNode(open: IToken, parts: IToken[], end: number): FieldNameNode {
  return {
    span: { start: open.startOffset, end },
    form: parts.some((part) => part.tokenType === Slash) ? 'any' : 'extension',
    text: parts.map((part) => part.image).join(''),
  };
}

/**
 * Only the members that are there: a field without colon has no `colon` key at all. The common
 * shapes are written out whole, since adding keys one by one makes a big file's parse much slower.
 */
export function fieldNode(
  name: FieldNameNode,
  end: number,
  colon: IToken | undefined,
  value: FieldNode['value'],
  separator: IToken | undefined,
): FieldNode {
  const span = { start: name.span.start, end };
  if (value && !separator) {
    return colon ? { kind: 'field', span, name, colon: tokenSpan(colon), value } : { kind: 'field', span, name, value };
  }
  const node: FieldNode = { kind: 'field', span, name };
  if (colon) node.colon = tokenSpan(colon);
  if (value) node.value = value;
  if (separator) node.separator = tokenSpan(separator);
  return node;
}

export function messageNode(open: IToken, fields: FieldNode[], closed: boolean, end: number): MessageNode {
  return { kind: 'message', span: { start: open.startOffset, end }, open: open.image === '<' ? '<' : '{', closed, fields };
}

export function listNode(open: IToken, items: ListNode['items'], closed: boolean, end: number): ListNode {
  return { kind: 'list', span: { start: open.startOffset, end }, items, closed };
}
