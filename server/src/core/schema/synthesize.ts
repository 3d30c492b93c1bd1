/**
 * Bound messages that the file does not contain literally but that Caffe makes from it: legacy
 * layers rewritten by upgrade_proto.cpp, the Input layer made from net-level inputs. Their fields
 * reuse the file's FieldNodes and values wherever the text has them, so spans still point at what
 * the user wrote. Where the text has nothing to point at (a `convolution_param` made from V0's flat
 * fields), a synthetic FieldNode stands in; `isSynthetic` tells it apart, so that quick fixes never
 * edit text that is not there.
 */
import type { FieldNode, ScalarNode } from '../syntax/ast';
import type { Span } from '../text/span';
import type { BoundField, BoundMessage, BoundMessageValue, BoundScalar, BoundValue } from './bound';
import type { MessageDescriptor } from './descriptors';
import type { ScalarJsValue } from './scalar-value';
import { caffeSchema, type Schema } from './registry';

const syntheticNodes = new WeakSet<FieldNode>();

/** A field node for a field that Caffe adds but the file does not write; `span` says what it stands for. */
export function syntheticFieldNode(name: string, span: Span): FieldNode {
  const node: FieldNode = { kind: 'field', span, name: { span, form: 'plain', text: name } };
  syntheticNodes.add(node);
  return node;
}

/** True for field nodes made by syntheticFieldNode (their spans do not hold the field's text). */
export function isSynthetic(node: FieldNode): boolean {
  return syntheticNodes.has(node);
}

export function synthesizeMessage(descriptor: MessageDescriptor, span: Span, fields: BoundField[]): BoundMessage {
  return { descriptor, span, fields };
}

/** A field of `owner` by name, bound to the given node and values; throws when the schema has no such field. */
export function synthesizeField(
  owner: MessageDescriptor,
  name: string,
  node: FieldNode,
  values: BoundValue[],
  schema: Schema = caffeSchema,
): BoundField {
  const descriptor = schema.field(owner, name);
  if (!descriptor) throw new Error(`${owner.fullName} has no field ${name}`);
  return { descriptor, node, values };
}

export function messageValue(message: BoundMessage): BoundMessageValue {
  return { kind: 'message', span: message.span, message };
}

/** A scalar read from `node` but holding another value (an upgraded enum, a renamed type). */
export function scalarValue(node: ScalarNode, span: Span, value: ScalarJsValue, enumName?: string): BoundScalar {
  return enumName === undefined ? { kind: 'scalar', node, span, value } : { kind: 'scalar', node, span, value, enumName };
}

/** A string scalar with no text behind it (e.g. the Input layer's name "input"), placed at `span`. */
export function syntheticString(value: string, span: Span): BoundScalar {
  const node: ScalarNode = { kind: 'string', span, parts: [], bytes: new TextEncoder().encode(value), value };
  return { kind: 'scalar', node, span, value };
}
