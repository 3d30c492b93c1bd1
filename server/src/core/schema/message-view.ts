/**
 * Typed, default-applying reads of a bound message, for the stages after the schema: a field the
 * file leaves out reads as Caffe would see it (its proto default), a singular field given twice
 * reads as its last value (protobuf's merge behaviour), and a message field left out reads as an
 * empty message of its type.
 */
import type { Span } from '../text/span';
import type { BoundField, BoundMessage, BoundScalar } from './bound';
import { defaultValue } from './defaults';
import type { FieldDescriptor, MessageDescriptor } from './descriptors';
import type { Schema } from './registry';
import { caffeSchema } from './registry';

const NO_FIELDS: readonly BoundField[] = Object.freeze([]);

/**
 * Above this many fields (a net's top level with its layers) a message gets a descriptor →
 * occurrences index on its first read, kept beside it; smaller ones (a layer, a filler) are
 * scanned, which costs less than building and keeping an index for each.
 */
const INDEXED_SIZE = 32;
const indexes = new WeakMap<BoundMessage, Map<FieldDescriptor, BoundField[]>>();

function indexOf(message: BoundMessage): Map<FieldDescriptor, BoundField[]> {
  let index = indexes.get(message);
  if (!index) {
    index = new Map();
    for (const f of message.fields) {
      const list = index.get(f.descriptor);
      if (list) list.push(f);
      else index.set(f.descriptor, [f]);
    }
    indexes.set(message, index);
  }
  return index;
}

/** Every occurrence of the field in the message, in order. */
function occurrences(message: BoundMessage, descriptor: FieldDescriptor): readonly BoundField[] {
  if (message.fields.length > INDEXED_SIZE) return indexOf(message).get(descriptor) ?? NO_FIELDS;
  let out: BoundField[] | undefined;
  for (const f of message.fields) {
    if (f.descriptor !== descriptor) continue;
    if (out) out.push(f);
    else out = [f];
  }
  return out ?? NO_FIELDS;
}

export class MessageView {
  constructor(
    readonly descriptor: MessageDescriptor,
    readonly bound: BoundMessage | undefined,
    private readonly schema: Schema = caffeSchema,
  ) {}

  static of(bound: BoundMessage, schema: Schema = caffeSchema): MessageView {
    return new MessageView(bound.descriptor, bound, schema);
  }

  /** The span of the whole message (its braces), when the file wrote it. */
  get span(): Span | undefined {
    return this.bound?.node?.span ?? this.bound?.span;
  }

  private descriptorOf(name: string): FieldDescriptor {
    const f = this.schema.field(this.descriptor, name);
    if (!f) throw new Error(`${this.descriptor.fullName} has no field ${name}`);
    return f;
  }

  /** Every occurrence of the field in the file, in order. */
  fields(name: string): readonly BoundField[] {
    const d = this.descriptorOf(name);
    return this.bound ? occurrences(this.bound, d) : NO_FIELDS;
  }

  has(name: string): boolean {
    return this.fields(name).some((f) => f.values.length > 0);
  }

  private scalars(name: string): BoundScalar[] {
    const out: BoundScalar[] = [];
    for (const f of this.fields(name)) for (const v of f.values) if (v.kind === 'scalar') out.push(v);
    return out;
  }

  private lastScalar(name: string): BoundScalar | undefined {
    const all = this.scalars(name);
    return all[all.length - 1];
  }

  /** Numeric value (ints, floats, enum numbers; int64 converted to number) with the default. */
  number(name: string): number {
    const v = this.lastScalar(name)?.value ?? defaultValue(this.descriptorOf(name), this.schema);
    return typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? Number(v) : (v as number);
  }

  /** The value only when the file sets it. */
  optionalNumber(name: string): number | undefined {
    return this.has(name) ? this.number(name) : undefined;
  }

  numbers(name: string): number[] {
    return this.scalars(name).map((s) => (typeof s.value === 'bigint' ? Number(s.value) : (s.value as number)));
  }

  bool(name: string): boolean {
    const v = this.lastScalar(name)?.value ?? defaultValue(this.descriptorOf(name), this.schema);
    return v === true;
  }

  string(name: string): string {
    const v = this.lastScalar(name)?.value ?? defaultValue(this.descriptorOf(name), this.schema);
    return typeof v === 'string' ? v : '';
  }

  strings(name: string): string[] {
    return this.scalars(name).map((s) => String(s.value));
  }

  /** An enum field's value name (the default's name when not set). */
  enumName(name: string): string {
    const d = this.descriptorOf(name);
    const set = this.lastScalar(name);
    if (set?.enumName) return set.enumName;
    const n = defaultValue(d, this.schema) as number;
    return this.schema.fieldEnum(d)!.values.find((v) => v.number === n)!.name;
  }

  enumNames(name: string): string[] {
    return this.scalars(name).map((s) => s.enumName ?? String(s.value));
  }

  /** The (last) sub-message, or an empty one with every default when the file leaves it out. */
  message(name: string): MessageView {
    const d = this.descriptorOf(name);
    const all = this.messages(name);
    return all[all.length - 1] ?? new MessageView(this.schema.fieldMessage(d)!, undefined, this.schema);
  }

  messages(name: string): MessageView[] {
    const out: MessageView[] = [];
    for (const f of this.fields(name)) {
      for (const v of f.values) if (v.kind === 'message') out.push(new MessageView(v.message.descriptor, v.message, this.schema));
    }
    return out;
  }

  /** Where the (last) occurrence of a field is written: its name, and its last value. */
  nameSpan(name: string): Span | undefined {
    const all = this.fields(name);
    return all[all.length - 1]?.node.name.span;
  }

  fieldSpan(name: string): Span | undefined {
    const all = this.fields(name);
    return all[all.length - 1]?.node.span;
  }

  valueSpans(name: string): Span[] {
    const out: Span[] = [];
    for (const f of this.fields(name)) for (const v of f.values) out.push(v.span);
    return out;
  }
}
