/**
 * The bound message in protobuf's JSON mapping with original field names — what Python's
 * `json_format.MessageToDict(msg, preserving_proto_field_name=True)` returns: only fields present
 * in the file, repeated fields as arrays, int64 as strings, enums by name, bytes as base64, float
 * fields as the shortest decimal that reads back to the same float32, NaN/Infinity as strings.
 */
import type { BoundMessage, BoundScalar } from './bound';
import type { FieldDescriptor } from './descriptors';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function messageToJson(message: BoundMessage): { [key: string]: JsonValue } {
  const byField = new Map<FieldDescriptor, JsonValue[]>();
  for (const field of message.fields) {
    const list = byField.get(field.descriptor) ?? [];
    for (const v of field.values) list.push(v.kind === 'message' ? messageToJson(v.message) : scalarToJson(field.descriptor, v));
    byField.set(field.descriptor, list);
  }
  const out: { [key: string]: JsonValue } = {};
  // Fields in number order, as ListFields() gives them.
  const present = [...byField.entries()].filter(([, values]) => values.length > 0).sort(([a], [b]) => a.number - b.number);
  for (const [d, values] of present) out[d.name] = d.label === 'repeated' ? values : values[values.length - 1];
  return out;
}

function scalarToJson(d: FieldDescriptor, v: BoundScalar): JsonValue {
  if (d.type === 'enum') return v.enumName ?? Number(v.value);
  const x = v.value;
  if (typeof x === 'bigint') return x.toString();
  if (typeof x === 'boolean' || typeof x === 'string') return x;
  if (x instanceof Uint8Array) return Buffer.from(x).toString('base64');
  if (d.type === 'float') return floatToJson(shortestFloat32(x));
  if (d.type === 'double') return floatToJson(x);
  return x;
}

function floatToJson(x: number): JsonValue {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return x;
}

/** The shortest decimal (6 to 9 significant digits) whose float32 rounding equals that of x. */
export function shortestFloat32(x: number): number {
  const f = Math.fround(x);
  if (!Number.isFinite(f) || f === 0) return f;
  for (let digits = 6; digits < 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return candidate;
  }
  return Number(f.toPrecision(9));
}
