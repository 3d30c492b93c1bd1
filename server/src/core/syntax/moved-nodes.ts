/**
 * Copies of syntax nodes moved by a number of characters, for the fields after an edit that the
 * re-parse takes from the previous version. Each copy is built by the parser's own classes
 * (compact-nodes.ts), so nothing after the syntax stage can tell a moved node from a freshly read one.
 */
import type { CommentNode, FieldNameNode, FieldNode, ListNode, MessageNode, ScalarNode, ValueNode } from './ast';
import { ABSENT, FieldSyntax, IdentifierSyntax, ListSyntax, MessageSyntax, NameSyntax, NumberSyntax, StringSyntax } from './compact-nodes';

function movedName(name: FieldNameNode, delta: number): NameSyntax {
  const span = name.span;
  return new NameSyntax(span.start + delta, span.end + delta, name.form, name.text);
}

function movedScalar(node: ScalarNode, delta: number): ScalarNode {
  const { start, end } = node.span;
  if (node.kind === 'string') {
    const parts = node.parts;
    const partSpans = parts.length === 1 ? undefined : parts.map((part) => ({ start: part.start + delta, end: part.end + delta }));
    return new StringSyntax(start + delta, end + delta, partSpans, node.bytes, node.value);
  }
  const tokenStart = node.tokenSpan.start + delta;
  if (node.kind === 'number') return new NumberSyntax(start + delta, tokenStart, end + delta, node.text, node.form);
  return new IdentifierSyntax(start + delta, tokenStart, end + delta, node.text);
}

function movedMessage(node: MessageNode, delta: number): MessageNode {
  const { start, end } = node.span;
  const fields = node.fields.map((f) => movedField(f, delta));
  return new MessageSyntax(start + delta, end + delta, node.open, node.closed, fields);
}

function movedList(node: ListNode, delta: number): ListNode {
  const { start, end } = node.span;
  const items = node.items.map((item) => (item.kind === 'message' ? movedMessage(item, delta) : movedScalar(item, delta)));
  return new ListSyntax(start + delta, end + delta, items, node.closed);
}

function movedValue(value: ValueNode, delta: number): ValueNode {
  if (value.kind === 'message') return movedMessage(value, delta);
  if (value.kind === 'list') return movedList(value, delta);
  return movedScalar(value, delta);
}

/** The field `delta` characters later (or earlier), with every node inside it. */
export function movedField(field: FieldNode, delta: number): FieldNode {
  const colonAt = field.colon ? field.colon.start + delta : ABSENT;
  const separatorAt = field.separator ? field.separator.start + delta : ABSENT;
  const value = field.value && movedValue(field.value, delta);
  return new FieldSyntax(movedName(field.name, delta), field.span.end + delta, colonAt, value, separatorAt);
}

export function movedComment(comment: CommentNode, delta: number): CommentNode {
  return { span: { start: comment.span.start + delta, end: comment.span.end + delta }, text: comment.text };
}
