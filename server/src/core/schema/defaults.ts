/** A field's value when the file does not set it: the proto default, else the type's zero. */
import type { FieldDescriptor } from './descriptors';
import type { Schema } from './registry';
import type { ScalarJsValue } from './scalar-value';

export function defaultValue(field: FieldDescriptor, schema: Schema): ScalarJsValue {
  const d = field.default;
  switch (field.type) {
    case 'float':
    case 'double':
      return d === undefined ? 0 : d === 'inf' ? Infinity : d === '-inf' ? -Infinity : d === 'nan' ? NaN : Number(d);
    case 'bool':
      return d === 'true';
    case 'string':
      return d ?? '';
    case 'bytes':
      return new Uint8Array();
    case 'enum': {
      const e = schema.fieldEnum(field)!;
      // proto2: the first declared value unless a default is given.
      return d === undefined ? e.values[0].number : e.values.find((v) => v.name === d)!.number;
    }
    case 'int64':
    case 'uint64':
    case 'sint64':
    case 'fixed64':
    case 'sfixed64':
      return BigInt(d ?? 0);
    case 'message':
      throw new Error(`message field ${field.name} has no scalar default`);
    default:
      return Number(d ?? 0);
  }
}
