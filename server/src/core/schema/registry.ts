import { CAFFE_PROTO } from './caffe-proto.generated';
import type { EnumDescriptor, FieldDescriptor, MessageDescriptor, SchemaFacts } from './descriptors';

/** Lookup tables over the schema facts: messages and enums by full name, fields by name. */
export class Schema {
  private readonly messages = new Map<string, MessageDescriptor>();
  private readonly enums = new Map<string, EnumDescriptor>();
  private readonly fieldsByName = new Map<MessageDescriptor, Map<string, FieldDescriptor>>();
  private readonly required = new Map<MessageDescriptor, FieldDescriptor[]>();

  constructor(readonly facts: SchemaFacts) {
    for (const m of facts.messages) {
      this.messages.set(m.fullName, m);
      this.fieldsByName.set(m, new Map(m.fields.map((f) => [f.name, f])));
      this.required.set(m, m.fields.filter((f) => f.label === 'required'));
    }
    for (const e of facts.enums) this.enums.set(e.fullName, e);
  }

  message(fullName: string): MessageDescriptor | undefined {
    return this.messages.get(fullName);
  }

  /** Like message(), for names the schema itself guarantees. */
  requireMessage(fullName: string): MessageDescriptor {
    const m = this.messages.get(fullName);
    if (!m) throw new Error(`schema has no message ${fullName}`);
    return m;
  }

  enum(fullName: string): EnumDescriptor | undefined {
    return this.enums.get(fullName);
  }

  field(message: MessageDescriptor, name: string): FieldDescriptor | undefined {
    return this.fieldsByName.get(message)?.get(name);
  }

  /** The message's required fields, in declaration order. */
  requiredFields(message: MessageDescriptor): readonly FieldDescriptor[] {
    return this.required.get(message) ?? message.fields.filter((f) => f.label === 'required');
  }

  /** The message type of a message field. */
  fieldMessage(field: FieldDescriptor): MessageDescriptor | undefined {
    return field.type === 'message' && field.typeName ? this.messages.get(field.typeName) : undefined;
  }

  fieldEnum(field: FieldDescriptor): EnumDescriptor | undefined {
    return field.type === 'enum' && field.typeName ? this.enums.get(field.typeName) : undefined;
  }

  allMessages(): Iterable<MessageDescriptor> {
    return this.messages.values();
  }
}

export const caffeSchema = new Schema(CAFFE_PROTO);
