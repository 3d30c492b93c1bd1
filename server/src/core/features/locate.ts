/**
 * What is at an offset: the innermost field whose name or value covers it, with the chain of
 * bound messages around it (when the field is known to the schema).
 */
import type { Analysis } from '../analysis';
import type { BoundField, BoundMessage, BoundValue } from '../schema/bound';
import type { FieldNode, ScalarNode } from '../syntax/ast';
import { spanContains } from '../text/span';

export interface Location {
  /** The innermost field node at the offset (known to the schema or not). */
  field: FieldNode;
  /** The same field bound to the schema, when it names a real field. */
  bound?: BoundField;
  /** Bound messages from the top level down to the one holding the field. */
  messages: BoundMessage[];
  /** Whether the offset is on the field's name or inside its value. */
  part: 'name' | 'value';
  /** The scalar value under the offset (a list item or the value itself). */
  scalar?: ScalarNode;
}

export function locate(analysis: Analysis, offset: number): Location | undefined {
  let fields: FieldNode[] = analysis.syntax.fields;
  let message: BoundMessage | undefined = analysis.schema.root;
  const messages: BoundMessage[] = [];
  let found: Location | undefined;
  for (;;) {
    const field = fields.find((f) => spanContains(f.name.span, offset) || (f.value && spanContains(f.value.span, offset)));
    if (!field) return found;
    const bound: BoundField | undefined = message?.fields.find((b) => b.node === field);
    if (message) messages.push(message);
    const onName = spanContains(field.name.span, offset);
    found = { field, bound, messages: [...messages], part: onName ? 'name' : 'value' };
    const value = field.value;
    if (onName || !value) return found;
    if (value.kind === 'number' || value.kind === 'identifier' || value.kind === 'string') {
      found.scalar = value;
      return found;
    }
    const items = value.kind === 'list' ? value.items : [value];
    const item = items.find((i) => spanContains(i.span, offset));
    if (!item) return found;
    if (item.kind !== 'message') {
      found.scalar = item;
      return found;
    }
    const boundValue: BoundValue | undefined = bound?.values.find((v) => v.kind === 'message' && v.span.start === item.span.start);
    message = boundValue?.kind === 'message' ? boundValue.message : undefined;
    fields = item.fields;
  }
}
