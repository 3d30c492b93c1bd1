/** Hover text for a field name: its proto type and label, default, allowed values and a description. */
import type { Analysis } from '../analysis';
import type { FieldDescriptor, MessageDescriptor } from '../schema/descriptors';
import { fieldDoc } from '../schema/field-docs';
import { caffeSchema } from '../schema/registry';
import type { Span } from '../text/span';
import { locate } from './locate';

export interface HoverResult {
  markdown: string;
  span: Span;
}

export function fieldHover(analysis: Analysis, offset: number): HoverResult | undefined {
  const at = locate(analysis, offset);
  if (!at || at.part !== 'name' || !at.bound) return undefined;
  const owner = at.messages[at.messages.length - 1];
  return { markdown: describeField(owner.descriptor, at.bound.descriptor), span: at.field.name.span };
}

export function describeField(owner: MessageDescriptor, field: FieldDescriptor): string {
  const typeName = field.type === 'message' || field.type === 'enum' ? field.typeName!.replace(/^caffe\./, '') : field.type;
  const lines = [`**${field.name}**: \`${field.label} ${typeName}\` (${owner.fullName.replace(/^caffe\./, '')}, field ${field.number})`];
  const doc = fieldDoc(owner.fullName, field.name);
  if (doc) lines.push('', doc);
  const facts: string[] = [];
  if (field.type !== 'message' && field.label !== 'repeated') facts.push(`Default: \`${defaultText(field)}\``);
  if (field.label === 'required') facts.push('Required: Caffe rejects the message without it.');
  const e = caffeSchema.fieldEnum(field);
  if (e) facts.push(`Values: ${e.values.map((v) => `\`${v.name}\``).join(', ')}`);
  if (facts.length) lines.push('', facts.join('  \n'));
  return lines.join('\n');
}

function defaultText(field: FieldDescriptor): string {
  if (field.default !== undefined) return field.type === 'string' ? JSON.stringify(field.default) : field.default;
  if (field.type === 'enum') return caffeSchema.fieldEnum(field)!.values[0].name;
  if (field.type === 'bool') return 'false';
  if (field.type === 'string' || field.type === 'bytes') return '""';
  return '0';
}
