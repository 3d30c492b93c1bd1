/**
 * The schema stage: binds the syntax tree to caffe.proto and reports what protobuf's
 * TextFormat::Parse (which Caffe calls) would reject — unknown fields, values of the wrong type,
 * bad enum names, missing colons, lists on singular fields, singular fields given twice, missing
 * required fields — each with protobuf's wording where it has one.
 */
import type { Diagnostic, QuickFix } from '../diagnostics';
import { NestedBuffers } from '../nested-buffers';
import type { FieldNode, MessageNode, ScalarNode, SyntaxTree } from '../syntax/ast';
import type { Span } from '../text/span';
import { closestName } from '../text/suggest';
import type { BoundField, BoundMessage, BoundValue } from './bound';
import { BoundMessageOfNode, BoundScalarOfNode } from './bound-values';
import type { FieldDescriptor, MessageDescriptor } from './descriptors';
import { forkOf } from './fork-fields';
import type { Schema } from './registry';
import { leadingToken, readScalar } from './scalar-value';

export interface SchemaResult {
  root: BoundMessage;
  diagnostics: Diagnostic[];
}

export function bindToSchema(tree: SyntaxTree, text: string, rootType: MessageDescriptor, schema: Schema): SchemaResult {
  const binder = new Binder(text, schema);
  const root = binder.bindMessage(rootType, tree.fields, { start: 0, end: text.length }, undefined, undefined);
  return { root, diagnostics: binder.diagnostics };
}

/** What to say instead of listing the values, for enums whose unknown values have a known cause. */
const ENUM_HINTS: Record<string, string> = {
  'caffe.V1LayerParameter.LayerType':
    ' V1 `layers` take only the 40 types V1LayerParameter.LayerType lists; write newer layer types in the current format, layer { type: "…" }.',
};

function replaceFix(title: string, span: Span, newText: string): QuickFix {
  return { title, edits: [{ span, newText }], preferred: true };
}

/** Above this many fields a message indexes its fields given once; below, a scan is cheaper. */
const INDEXED_MESSAGE_SIZE = 16;

function boundAs(field: BoundField, descriptor: FieldDescriptor): boolean {
  return field.descriptor === descriptor;
}

class Binder {
  readonly diagnostics: Diagnostic[] = [];
  /** Per nesting depth, the bound fields of the message being bound there. */
  private readonly pending = new NestedBuffers<BoundField>();
  private depth = 0;
  /** A file repeats its unknown names (a fork's field in every layer): each suggestion is worked out once. */
  private readonly suggestions = new Map<string, string | undefined>();

  constructor(private readonly text: string, private readonly schema: Schema) {}

  private error(span: Span, code: string, message: string, fixes?: QuickFix[], related?: Diagnostic['related']): void {
    this.diagnostics.push({ span, severity: 'error', code, message, fixes, related });
  }

  bindMessage(
    descriptor: MessageDescriptor,
    fieldNodes: FieldNode[],
    span: Span,
    node: MessageNode | undefined,
    owner: FieldNode | undefined,
  ): BoundMessage {
    const depth = this.depth++;
    this.pending.open(depth);
    const firstSeen = fieldNodes.length > INDEXED_MESSAGE_SIZE ? new Map<FieldDescriptor, FieldNode>() : undefined;
    for (const fieldNode of fieldNodes) {
      const descriptorOfField = this.resolveField(descriptor, fieldNode);
      if (!descriptorOfField) continue;
      if (descriptorOfField.label !== 'repeated') {
        const first = firstSeen ? firstSeen.get(descriptorOfField) : this.pending.find(depth, boundAs, descriptorOfField)?.node;
        if (first) {
          this.error(
            fieldNode.name.span,
            'duplicate-field',
            `Non-repeated field "${descriptorOfField.name}" is specified multiple times.`,
            undefined,
            [{ span: first.name.span, message: `"${descriptorOfField.name}" is first given here` }],
          );
        } else {
          firstSeen?.set(descriptorOfField, fieldNode);
        }
      }
      this.pending.add(depth, this.bindField(descriptorOfField, fieldNode));
    }
    this.depth--;
    const message: BoundMessage = { descriptor, node, span, fields: this.pending.close(depth) };
    this.checkRequired(message, owner);
    return message;
  }

  private resolveField(message: MessageDescriptor, fieldNode: FieldNode): FieldDescriptor | undefined {
    const name = fieldNode.name;
    if (name.form !== 'plain') {
      this.error(
        name.span,
        'unsupported-extension',
        `Extension "${name.text}" is not defined or is not an extension of "${message.fullName}". ` +
          'caffe.proto declares no extensions and no Any fields.',
      );
      return undefined;
    }
    const field = this.schema.field(message, name.text);
    if (field) return field;
    const base = `Message type "${message.fullName}" has no field named "${name.text}".`;
    const fork = forkOf(message.fullName, name.text);
    if (fork) {
      this.error(name.span, 'fork-field', `${base} It comes from ${fork}; it is not in BVLC caffe.proto, so BVLC Caffe rejects the file.`);
      return undefined;
    }
    const suggestion = this.suggest(`${message.fullName} ${name.text}`, () => closestName(name.text, message.fields.map((f) => f.name)));
    this.error(
      name.span,
      'unknown-field',
      suggestion ? `${base} Did you mean "${suggestion}"?` : base,
      suggestion ? [replaceFix(`Change to "${suggestion}"`, name.span, suggestion)] : undefined,
    );
    return undefined;
  }

  /** The suggestion for a name of a message or enum type (`key` names both), worked out once per file. */
  private suggest(key: string, work: () => string | undefined): string | undefined {
    if (!this.suggestions.has(key)) this.suggestions.set(key, work());
    return this.suggestions.get(key);
  }

  private bindField(descriptor: FieldDescriptor, node: FieldNode): BoundField {
    return { descriptor, node, values: this.fieldValues(descriptor, node) };
  }

  /** The field's values read as its type; those with errors are reported and left out. */
  private fieldValues(descriptor: FieldDescriptor, node: FieldNode): BoundValue[] {
    const value = node.value;
    if (!value) return []; // the syntax stage has reported why
    const isMessage = descriptor.type === 'message';
    if (!isMessage && value.kind === 'message') {
      this.reportMessageForScalar(descriptor, value);
      return [];
    }
    if (!isMessage && !node.colon) {
      const token = leadingToken(value, this.text);
      this.error(
        token.span,
        'missing-colon',
        `Expected ":", found "${token.text}". A colon is required before the value of "${descriptor.name}".`,
        [{ title: 'Insert ":"', edits: [{ span: { start: node.name.span.end, end: node.name.span.end }, newText: ':' }], preferred: true }],
      );
    }
    if (value.kind !== 'list') {
      // Most fields have one value: a list of exactly one (a pushed one keeps room for 17).
      const bound = this.bindValue(descriptor, value, node);
      return bound ? [bound] : [];
    }
    if (descriptor.label !== 'repeated') {
      this.error(
        { start: value.span.start, end: value.span.start + 1 },
        'list-on-singular',
        `Field "${descriptor.name}" is not repeated, so it takes one value, not a list "[...]".`,
      );
      return [];
    }
    const values: BoundValue[] = [];
    for (const item of value.items) {
      const bound = this.bindValue(descriptor, item, node);
      if (bound) values.push(bound);
    }
    return values;
  }

  private bindValue(descriptor: FieldDescriptor, value: ScalarNode | MessageNode, owner: FieldNode): BoundValue | undefined {
    if (descriptor.type === 'message') {
      const type = this.schema.fieldMessage(descriptor)!;
      if (value.kind !== 'message') {
        const token = leadingToken(value, this.text);
        this.error(
          token.span,
          'expected-message',
          `Expected "{", found "${token.text}". Field "${descriptor.name}" is a message (${type.fullName}); write ${descriptor.name} { ... }.`,
        );
        return undefined;
      }
      return new BoundMessageOfNode(value, this.bindMessage(type, value.fields, value.span, value, owner));
    }
    if (value.kind === 'message') {
      this.reportMessageForScalar(descriptor, value);
      return undefined;
    }
    const reading = readScalar(descriptor, value, this.text, this.schema.fieldEnum(descriptor));
    if (!reading.ok) {
      const fixes: QuickFix[] = [];
      let message = reading.message;
      if (reading.code === 'unknown-enum-value' && reading.suggestionFor !== undefined) {
        const type = this.schema.fieldEnum(descriptor)!;
        const names = type.values.map((v) => v.name);
        const suggestion = this.suggest(`${type.fullName} ${reading.suggestionFor}`, () => closestName(reading.suggestionFor!, names));
        if (suggestion) {
          message += ` Did you mean "${suggestion}"?`;
          fixes.push(replaceFix(`Change to "${suggestion}"`, reading.span, suggestion));
        } else {
          message += ENUM_HINTS[type.fullName] ?? (names.length <= 12 ? ` Allowed: ${names.join(', ')}.` : ` ${type.fullName} has ${names.length} values; hover the field to see them.`);
        }
      } else if (reading.code === 'wrong-value-type' || reading.code === 'integer-out-of-range') {
        message += ` (field "${descriptor.name}" is ${descriptor.type === 'enum' ? 'an enum' : descriptor.type}).`;
      }
      this.error(reading.span, reading.code, message, fixes.length ? fixes : undefined);
      return undefined;
    }
    return new BoundScalarOfNode(value, reading.value, reading.enumName);
  }

  private reportMessageForScalar(descriptor: FieldDescriptor, value: MessageNode): void {
    const what = descriptor.type === 'enum' ? 'an enum value' : `a ${descriptor.type} value`;
    this.error(
      { start: value.span.start, end: value.span.start + 1 },
      'expected-scalar',
      `Field "${descriptor.name}" takes ${what}, not a message (protobuf: Expected ":" or a value, got: ${value.open}).`,
    );
  }

  private checkRequired(message: BoundMessage, owner: FieldNode | undefined): void {
    const required = this.schema.requiredFields(message.descriptor);
    if (required.length === 0) return;
    const missing = required.filter((f) => !message.fields.some((bound) => bound.descriptor === f));
    if (missing.length === 0) return;
    const names = missing.map((f) => `"${f.name}"`).join(' and ');
    this.error(
      owner ? owner.name.span : { start: 0, end: 0 },
      'missing-required-field',
      `Message type "${message.descriptor.fullName}" is missing required field${missing.length > 1 ? 's' : ''} ${names}; Caffe's parser rejects the file ("Message missing required fields").`,
    );
  }
}
