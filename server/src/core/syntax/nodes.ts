/** Builders for the tree's nodes (compact-nodes.ts), from the tokens they were read from. */
import type { IToken } from 'chevrotain';
import type { Span } from '../text/span';
import type { CommentNode, FieldNode, IdentifierNode, ListNode, MessageNode, NumberNode, StringNode } from './ast';
import { ABSENT, FieldSyntax, IdentifierSyntax, ListSyntax, MessageSyntax, NameSyntax, NumberSyntax, StringSyntax } from './compact-nodes';
import { decodeUtf8 } from './byte-buffer';
import { scanNumber } from './number-literal';
import { scanStringLiteral } from './string-literal';
import type { StringTable } from './string-table';
import { Slash, tokenEnd } from './tokens';

export function tokenSpan(token: IToken): Span {
  return { start: token.startOffset, end: tokenEnd(token) };
}

/** A valid number token (a broken one has no value: its lexical error says why). */
export function numberNode(token: IToken, minus: IToken | undefined, strings: StringTable): NumberNode {
  // The form depends on the token's own characters only, so its image is enough to tell it.
  const form = scanNumber(token.image, 0)?.form ?? 'decimal';
  return new NumberSyntax(minus ? minus.startOffset : token.startOffset, token.startOffset, tokenEnd(token), strings.shared(token.image), form);
}

export function identifierNode(token: IToken, minus: IToken | undefined, strings: StringTable): IdentifierNode {
  return new IdentifierSyntax(minus ? minus.startOffset : token.startOffset, token.startOffset, tokenEnd(token), strings.shared(token.image));
}

/** The first `count` of `parts` are one value (adjacent literals); their bytes are joined before reading them as UTF-8. */
export function stringNode(text: string, parts: readonly IToken[], count: number, strings: StringTable): StringNode {
  const start = parts[0].startOffset;
  const end = tokenEnd(parts[count - 1]);
  if (count === 1) {
    const scan = scanStringLiteral(text, start);
    return new StringSyntax(start, end, undefined, scan.bytes, strings.shared(scan.value));
  }
  const literals = parts.slice(0, count);
  const scans = literals.map((part) => scanStringLiteral(text, part.startOffset));
  const partSpans = literals.map(tokenSpan);
  if (scans.every((scan) => scan.bytes === undefined)) {
    return new StringSyntax(start, end, partSpans, undefined, scans.map((scan) => scan.value).join(''));
  }
  const pieces = scans.map((scan) => scan.bytes ?? asciiBytes(scan.value));
  const bytes = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return new StringSyntax(start, end, partSpans, bytes, decodeUtf8(bytes));
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

export function plainNameNode(token: IToken, strings: StringTable): NameSyntax {
  return new NameSyntax(token.startOffset, tokenEnd(token), 'plain', strings.shared(token.image));
}

/** `[pkg.ext]`, or `[type.url/pkg.Msg]` (an Any expansion, told by its slash). */
export function bracketedNameNode(open: IToken, parts: IToken[], end: number): NameSyntax {
  const form = parts.some((part) => part.tokenType === Slash) ? 'any' : 'extension';
  return new NameSyntax(open.startOffset, end, form, parts.map((part) => part.image).join(''));
}

export function fieldNode(name: NameSyntax, end: number, colon: IToken | undefined, value: FieldNode['value'], separator: IToken | undefined): FieldNode {
  return new FieldSyntax(name, end, colon ? colon.startOffset : ABSENT, value, separator ? separator.startOffset : ABSENT);
}

export function messageNode(open: IToken, fields: FieldNode[], closed: boolean, end: number): MessageNode {
  return new MessageSyntax(open.startOffset, end, open.image === '<' ? '<' : '{', closed, fields);
}

export function listNode(open: IToken, items: ListNode['items'], closed: boolean, end: number): ListNode {
  return new ListSyntax(open.startOffset, end, items, closed);
}
