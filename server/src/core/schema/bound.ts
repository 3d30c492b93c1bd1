/**
 * The syntax tree bound to caffe.proto: each field that names a real field carries its descriptor
 * and its values read as the field's type. Fields or values with errors are left out (a diagnostic
 * says why), so later stages see only what Caffe would have read.
 */
import type { FieldNode, MessageNode, ScalarNode } from '../syntax/ast';
import type { Span } from '../text/span';
import type { FieldDescriptor, MessageDescriptor } from './descriptors';
import type { ScalarJsValue } from './scalar-value';

export interface BoundMessage {
  descriptor: MessageDescriptor;
  /** Undefined for the file's top-level message. */
  node?: MessageNode;
  span: Span;
  /** In file order; several entries may share a descriptor (repeated fields). */
  fields: BoundField[];
}

export interface BoundField {
  descriptor: FieldDescriptor;
  node: FieldNode;
  /** One value per value written (a list gives several); invalid values are left out. */
  values: BoundValue[];
}

export type BoundValue = BoundScalar | BoundMessageValue;

export interface BoundScalar {
  kind: 'scalar';
  node: ScalarNode;
  span: Span;
  /**
   * int32/uint32 → number, int64/uint64 → bigint, float/double → number (as the file wrote it,
   * not rounded to float32), bool → boolean, string → string, bytes → Uint8Array,
   * enum → its number (with `enumName`).
   */
  value: ScalarJsValue;
  enumName?: string;
}

export interface BoundMessageValue {
  kind: 'message';
  span: Span;
  message: BoundMessage;
}
