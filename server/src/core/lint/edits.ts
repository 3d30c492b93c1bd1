/**
 * Text edits for quick fixes on protobuf text: insert a field into a message indented like its
 * siblings (or on the same line when the message is written on one line), replace a field, remove
 * a field with its line. Edits are plain offsets; nothing here knows about fillers.
 */
import type { TextEdit } from '../diagnostics';
import type { FieldNode, MessageNode } from '../syntax/ast';

const DEFAULT_UNIT = '  ';

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The whitespace before `offset` on its line, or undefined when something else precedes it there. */
export function indentBefore(text: string, offset: number): string | undefined {
  const start = lineStart(text, offset);
  const before = text.slice(start, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

function sameLine(text: string, a: number, b: number): boolean {
  return !text.slice(Math.min(a, b), Math.max(a, b)).includes('\n');
}

/** The end of a field including its `;`/`,` separator. */
function fieldEnd(field: FieldNode): number {
  return field.separator ? field.separator.end : field.span.end;
}

/** One indentation step as the message's children use it relative to the message's own line. */
function indentUnit(text: string, message: MessageNode): string {
  const ownIndent = /^[ \t]*/.exec(text.slice(lineStart(text, message.span.start)))![0];
  for (const f of message.fields) {
    const ind = indentBefore(text, f.span.start);
    if (ind !== undefined && ind.length > ownIndent.length && ind.startsWith(ownIndent)) return ind.slice(ownIndent.length);
  }
  return ownIndent.includes('\t') ? '\t' : DEFAULT_UNIT;
}

/**
 * Insert `fieldText` into `message`: before `before` when given (e.g. weight_filler ahead of
 * bias_filler), else after the last field. A message written across lines gets a new line indented
 * like its fields; a one-line message gets the field on the same line before its closing brace.
 */
export function insertFieldEdit(text: string, message: MessageNode, fieldText: string, before?: FieldNode): TextEdit | undefined {
  if (!message.closed) return undefined;
  const close = message.span.end - 1;
  const open = message.span.start;
  const multiLine = !sameLine(text, open, close);
  if (before) {
    const ind = indentBefore(text, before.span.start);
    if (ind !== undefined && multiLine) return { span: { start: before.span.start, end: before.span.start }, newText: `${fieldText}\n${ind}` };
    return { span: { start: before.span.start, end: before.span.start }, newText: `${fieldText} ` };
  }
  const last = message.fields[message.fields.length - 1];
  if (multiLine) {
    const closeIndent = indentBefore(text, close);
    const childIndent = last ? indentBefore(text, last.span.start) : undefined;
    const indent = childIndent ?? (closeIndent ?? '') + indentUnit(text, message);
    if (last && !sameLine(text, fieldEnd(last), close)) {
      return { span: { start: fieldEnd(last), end: fieldEnd(last) }, newText: `\n${indent}${fieldText}` };
    }
    // The closing brace shares a line with the last field (or the message is empty): open a line before it.
    if (closeIndent !== undefined) {
      const at = lineStart(text, close);
      return { span: { start: at, end: at }, newText: `${indent}${fieldText}\n` };
    }
    const at = last ? fieldEnd(last) : open + 1;
    return { span: { start: at, end: at }, newText: ` ${fieldText}` };
  }
  // One line: `{ a: 1 }` → `{ a: 1 field }`; `{}` → `{ field }`.
  const gapBefore = text[close - 1] === ' ' || text[close - 1] === '\t';
  return { span: { start: close, end: close }, newText: gapBefore ? `${fieldText} ` : ` ${fieldText} ` };
}

/** A new message field `name { inner }`, written across lines when the surrounding message is. */
export function messageFieldText(text: string, parent: MessageNode, name: string, inner: string): string {
  const multiLine = !sameLine(text, parent.span.start, parent.span.end - 1);
  if (!multiLine) return `${name} { ${inner} }`;
  const last = parent.fields[parent.fields.length - 1];
  const indent = (last && indentBefore(text, last.span.start)) ?? '';
  return `${name} {\n${indent}${indentUnit(text, parent)}${inner}\n${indent}}`;
}

/**
 * Remove a field: its whole line when nothing else is on it, else the field, its separator and the
 * spaces after it.
 */
export function removeFieldEdit(text: string, field: FieldNode): TextEdit {
  const start = field.span.start;
  let end = fieldEnd(field);
  const ind = indentBefore(text, start);
  const rest = /^[ \t]*(\r?\n|$)/.exec(text.slice(end));
  if (ind !== undefined && rest) {
    return { span: { start: lineStart(text, start), end: end + rest[0].length }, newText: '' };
  }
  while (text[end] === ' ' || text[end] === '\t') end++;
  return { span: { start, end }, newText: '' };
}
