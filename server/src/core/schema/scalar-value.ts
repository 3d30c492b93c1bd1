/**
 * Reading one scalar value node as a field's type, with protobuf's C++ TextFormat rules and
 * wording (text_format.cc: ConsumeFieldValue and its helpers), checked against protoc 3.21.
 */
import type { IdentifierNode, NumberNode, ScalarNode, ValueNode } from '../syntax/ast';
import { stringBytes } from '../syntax/nodes';
import type { Span } from '../text/span';
import type { EnumDescriptor, FieldDescriptor, ScalarType } from './descriptors';

export type ScalarJsValue = number | bigint | boolean | string | Uint8Array;

export type ScalarReading =
  | { ok: true; value: ScalarJsValue; enumName?: string }
  | { ok: false; span: Span; message: string; code: 'wrong-value-type' | 'integer-out-of-range' | 'unknown-enum-value'; suggestionFor?: string };

const INT_RANGES: Partial<Record<ScalarType, { min: bigint; max: bigint }>> = {
  int32: { min: -(2n ** 31n), max: 2n ** 31n - 1n },
  sint32: { min: -(2n ** 31n), max: 2n ** 31n - 1n },
  sfixed32: { min: -(2n ** 31n), max: 2n ** 31n - 1n },
  int64: { min: -(2n ** 63n), max: 2n ** 63n - 1n },
  sint64: { min: -(2n ** 63n), max: 2n ** 63n - 1n },
  sfixed64: { min: -(2n ** 63n), max: 2n ** 63n - 1n },
  uint32: { min: 0n, max: 2n ** 32n - 1n },
  fixed32: { min: 0n, max: 2n ** 32n - 1n },
  uint64: { min: 0n, max: 2n ** 64n - 1n },
  fixed64: { min: 0n, max: 2n ** 64n - 1n },
};

const BOOL_WORDS: Record<string, boolean> = { true: true, True: true, t: true, false: false, False: false, f: false };
const FLOAT_WORDS: Record<string, number> = { inf: Infinity, infinity: Infinity, nan: NaN };

/** The text protobuf's error messages quote for the token at the start of a value. */
function leadingToken(node: ValueNode, text: string): { text: string; span: Span } {
  if ((node.kind === 'number' || node.kind === 'identifier') && node.negative) {
    return { text: '-', span: { start: node.span.start, end: node.span.start + 1 } };
  }
  if (node.kind === 'number' || node.kind === 'identifier') return { text: node.text, span: node.tokenSpan };
  if (node.kind === 'string') return { text: text.slice(node.parts[0].start, node.parts[0].end), span: node.parts[0] };
  const open = node.kind === 'list' ? '[' : node.open;
  return { text: open, span: { start: node.span.start, end: node.span.start + 1 } };
}

/** The token after a `-` sign, which is what protobuf complains about when the sign was fine. */
function unsignedToken(node: NumberNode | IdentifierNode): { text: string; span: Span } {
  return { text: node.text, span: node.tokenSpan };
}

function fail(code: Extract<ScalarReading, { ok: false }>['code'], token: { span: Span }, message: string): ScalarReading {
  return { ok: false, code, span: token.span, message };
}

export function integerOf(node: NumberNode): bigint {
  const t = node.text;
  if (node.form === 'hex') return BigInt(t.replace(/^0[xX]/, '0x'));
  if (node.form === 'octal') return BigInt('0o' + t.slice(1));
  return BigInt(t);
}

function readInteger(type: ScalarType, node: ValueNode, text: string): ScalarReading {
  const range = INT_RANGES[type]!;
  const unsigned = range.min === 0n;
  if (node.kind !== 'number' || node.form === 'float' || (node.negative && unsigned)) {
    const token = node.kind === 'number' && node.negative && !unsigned ? unsignedToken(node) : leadingToken(node, text);
    return fail('wrong-value-type', token, `Expected integer, got: ${token.text}`);
  }
  const is64 = type.endsWith('64');
  // Up to 9 decimal digits fit every 32-bit type and read exactly as a double: no BigInt needed.
  if (!is64 && node.form === 'decimal' && node.text.length <= 9) {
    const magnitude = Number(node.text);
    return { ok: true, value: node.negative ? 0 - magnitude : magnitude }; // 0 - 0 is +0, as -0n gives
  }
  const magnitude = integerOf(node);
  const value = node.negative ? -magnitude : magnitude;
  if (value < range.min || value > range.max) {
    return fail('integer-out-of-range', unsignedToken(node), `Integer out of range (${node.text})`);
  }
  return { ok: true, value: is64 ? value : Number(value) };
}

function readFloat(node: ValueNode, text: string): ScalarReading {
  if (node.kind === 'number') {
    if (node.form === 'hex' || node.form === 'octal') {
      return fail('wrong-value-type', unsignedToken(node), `Expect a decimal number, got: ${node.text}`);
    }
    const t = node.text;
    const last = t.charCodeAt(t.length - 1);
    const magnitude = Number(last === 0x66 || last === 0x46 ? t.slice(0, -1) : t); // without an f/F suffix
    return { ok: true, value: node.negative ? -magnitude : magnitude };
  }
  if (node.kind === 'identifier') {
    const lower = node.text.toLowerCase();
    const word = FLOAT_WORDS[lower];
    if (word === undefined) return fail('wrong-value-type', unsignedToken(node), `Expected double, got: ${lower}`);
    return { ok: true, value: node.negative ? -word : word };
  }
  const token = leadingToken(node, text);
  return fail('wrong-value-type', token, `Expected double, got: ${token.text}`);
}

function readBool(field: FieldDescriptor, node: ValueNode, text: string): ScalarReading {
  if (node.kind === 'number' && !node.negative && node.form !== 'float') {
    const v = integerOf(node);
    if (v > 1n) return fail('integer-out-of-range', unsignedToken(node), `Integer out of range (${node.text})`);
    return { ok: true, value: v === 1n };
  }
  if (node.kind === 'identifier' && !node.negative) {
    const v = BOOL_WORDS[node.text];
    if (v === undefined) {
      return fail('wrong-value-type', { span: node.tokenSpan }, `Invalid value for boolean field "${field.name}". Value: "${node.text}".`);
    }
    return { ok: true, value: v };
  }
  const token = leadingToken(node, text);
  return fail('wrong-value-type', token, `Expected identifier, got: ${token.text}`);
}

function readString(type: ScalarType, node: ValueNode, text: string): ScalarReading {
  if (node.kind !== 'string') {
    const token = leadingToken(node, text);
    return fail('wrong-value-type', token, `Expected string, got: ${token.text}`);
  }
  return { ok: true, value: type === 'bytes' ? stringBytes(node) : node.value };
}

function readEnum(field: FieldDescriptor, e: EnumDescriptor, node: ValueNode, text: string): ScalarReading {
  if (node.kind === 'identifier' && !node.negative) {
    const v = e.values.find((x) => x.name === node.text);
    if (!v) {
      return {
        ok: false,
        code: 'unknown-enum-value',
        span: node.tokenSpan,
        message: `Unknown enumeration value of "${node.text}" for field "${field.name}".`,
        suggestionFor: node.text,
      };
    }
    return { ok: true, value: v.number, enumName: v.name };
  }
  if (node.kind === 'number' || (node.kind === 'identifier' && node.negative)) {
    if (node.kind === 'identifier' || node.form === 'float') {
      const token = node.negative ? unsignedToken(node) : leadingToken(node, text);
      const what = node.negative ? 'Expected integer, got: ' : 'Expected integer or identifier, got: ';
      return fail('wrong-value-type', token, what + token.text);
    }
    const magnitude = integerOf(node);
    const n = node.negative ? -magnitude : magnitude;
    if (n < -(2n ** 31n) || n > 2n ** 31n - 1n) {
      return fail('integer-out-of-range', unsignedToken(node), `Integer out of range (${node.text})`);
    }
    const v = e.values.find((x) => BigInt(x.number) === n);
    if (!v) {
      return fail('unknown-enum-value', node, `Unknown enumeration value of "${n}" for field "${field.name}".`);
    }
    return { ok: true, value: v.number, enumName: v.name };
  }
  const token = leadingToken(node, text);
  return fail('wrong-value-type', token, `Expected integer or identifier, got: ${token.text}`);
}

/**
 * Reads `node` as a value of the (non-message) field. `e` is the field's enum type for enums.
 * Message and list nodes are reported the way protobuf does when it meets `{` or `[`.
 */
export function readScalar(field: FieldDescriptor, node: ScalarNode | ValueNode, text: string, e?: EnumDescriptor): ScalarReading {
  const type = field.type;
  if (type === 'enum') return readEnum(field, e!, node, text);
  if (type === 'message') throw new Error('readScalar called for a message field');
  if (type === 'float' || type === 'double') return readFloat(node, text);
  if (type === 'bool') return readBool(field, node, text);
  if (type === 'string' || type === 'bytes') return readString(type, node, text);
  return readInteger(type, node, text);
}

export { leadingToken };
