/** Small readers over parse results, so each test states what it checks and nothing else. */
import * as assert from 'node:assert/strict';
import type { FieldNode, MessageNode, SyntaxTree, ValueNode } from '../../../server/src/core/syntax/ast';
import { parse } from '../../../server/src/core/syntax/parse';

/** The text a span covers. */
export function textAt(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

/** Parses text that must have no syntax errors. */
export function parseClean(text: string): SyntaxTree {
  const tree = parse(text);
  assert.deepEqual(
    tree.errors.map((e) => `${e.code}: ${e.message}`),
    [],
    `unexpected syntax errors in ${JSON.stringify(text)}`,
  );
  return tree;
}

/** The value of the only top-level field of clean text. */
export function onlyValue(text: string): ValueNode {
  const tree = parseClean(text);
  assert.equal(tree.fields.length, 1, `expected one field in ${JSON.stringify(text)}`);
  const value = tree.fields[0].value;
  assert.ok(value, 'the field has no value');
  return value;
}

/** The errors of a parse as [code, covered text] pairs: what a user sees underlined, and why. */
export function errorSpots(text: string): [string, string][] {
  return parse(text).errors.map((e) => [e.code, textAt(text, e.span)]);
}

export function asMessage(value: ValueNode | undefined): MessageNode {
  assert.ok(value && value.kind === 'message', `expected a message, got ${value?.kind}`);
  return value;
}

/** Top-level field names, in order. */
export function fieldNames(fields: FieldNode[]): string[] {
  return fields.map((f) => f.name.text);
}
