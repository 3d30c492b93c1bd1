/**
 * Copies of syntax nodes moved by a number of characters, for the fields after an edit that the
 * re-parse takes from the previous version. Each copy has the shape the parser gives (the same
 * keys, and one span object where the parser shares one), so nothing after the syntax stage can
 * tell a moved node from a freshly read one.
 */
import type { Span } from '../text/span';
import type { CommentNode, FieldNameNode, FieldNode, ListNode, MessageNode, ScalarNode, ValueNode } from './ast';

function moved(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function movedName(name: FieldNameNode, delta: number): FieldNameNode {
  return { span: moved(name.span, delta), form: name.form, text: name.text };
}

function movedScalar(node: ScalarNode, delta: number): ScalarNode {
  if (node.kind === 'string') {
    const span = moved(node.span, delta);
    // A single literal's span is the value's span, one object for both.
    const parts = node.parts.length === 1 ? [span] : node.parts.map((part) => moved(part, delta));
    return { kind: 'string', span, parts, bytes: node.bytes, value: node.value };
  }
  const tokenSpan = moved(node.tokenSpan, delta);
  // Without a sign the value's span is the token's, one object for both.
  const span = node.span === node.tokenSpan ? tokenSpan : moved(node.span, delta);
  if (node.kind === 'number') {
    return { kind: 'number', span, tokenSpan, negative: node.negative, text: node.text, form: node.form };
  }
  return { kind: 'identifier', span, tokenSpan, negative: node.negative, text: node.text };
}

function movedMessage(node: MessageNode, delta: number): MessageNode {
  const fields = node.fields.map((f) => movedField(f, delta));
  return { kind: 'message', span: moved(node.span, delta), open: node.open, closed: node.closed, fields };
}

function movedList(node: ListNode, delta: number): ListNode {
  const items = node.items.map((item) => (item.kind === 'message' ? movedMessage(item, delta) : movedScalar(item, delta)));
  return { kind: 'list', span: moved(node.span, delta), items, closed: node.closed };
}

function movedValue(value: ValueNode, delta: number): ValueNode {
  if (value.kind === 'message') return movedMessage(value, delta);
  if (value.kind === 'list') return movedList(value, delta);
  return movedScalar(value, delta);
}

/** The field `delta` characters later (or earlier), with every node inside it. */
export function movedField(field: FieldNode, delta: number): FieldNode {
  const span = moved(field.span, delta);
  const name = movedName(field.name, delta);
  // The keys the parser writes, in its order: only the members that are there.
  if (field.value && !field.separator) {
    const value = movedValue(field.value, delta);
    return field.colon ? { kind: 'field', span, name, colon: moved(field.colon, delta), value } : { kind: 'field', span, name, value };
  }
  const node: FieldNode = { kind: 'field', span, name };
  if (field.colon) node.colon = moved(field.colon, delta);
  if (field.value) node.value = movedValue(field.value, delta);
  if (field.separator) node.separator = moved(field.separator, delta);
  return node;
}

export function movedComment(comment: CommentNode, delta: number): CommentNode {
  return { span: moved(comment.span, delta), text: comment.text };
}
