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
  fields(name: string): BoundField[] {
    const d = this.descriptorOf(name);
    return this.bound ? this.bound.fields.filter((f) => f.descriptor === d) : [];
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
