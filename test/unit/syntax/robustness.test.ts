/**
 * parse never throws and always returns usable spans: on random text, random bytes, lone
 * surrogates, NUL, mutated real files and absurd nesting (which must be cut off with one
 * diagnostic, quickly, without overflowing the stack).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldNode, SyntaxTree, ValueNode } from '../../../server/src/core/syntax/ast';
import { MAX_NESTING_DEPTH } from '../../../server/src/core/syntax/depth-guard';
import { parse } from '../../../server/src/core/syntax/parse';
import { corpusDir, corpusFiles } from '../../helpers/paths';
import { prng as random } from '../../helpers/prng';
import { asMessage, fieldNames } from './syntax-helpers';

function checkSpan(text: string, span: { start: number; end: number }, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: non-integer span`);
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, `${what}: span out of range`);
}

function checkValue(text: string, value: ValueNode): void {
  checkSpan(text, value.span, value.kind);
  if (value.kind === 'message') value.fields.forEach((f) => checkField(text, f));
  if (value.kind === 'list') value.items.forEach((i) => checkValue(text, i));
}

function checkField(text: string, field: FieldNode): void {
  checkSpan(text, field.span, 'field');
  checkSpan(text, field.name.span, 'field name');
  if (field.value) checkValue(text, field.value);
}

/** What an editor relies on: spans inside the text, errors in document order, no internal failure. */
function checkTree(text: string, tree: SyntaxTree): void {
  tree.fields.forEach((f) => checkField(text, f));
  tree.comments.forEach((c) => checkSpan(text, c.span, 'comment'));
  let previous = 0;
  for (const e of tree.errors) {
    checkSpan(text, e.span, e.code);
    assert.ok(e.span.start >= previous, 'errors out of document order');
    previous = e.span.start;
    if (e.message.includes('could not read this part')) {
      assert.fail(`internal failure on ${JSON.stringify(text.slice(0, 500))}: ${e.message}`);
    }
  }
}

const ALPHABET = 'ab_09xXeEfF.-+:;,{}<>[]/"\'\\#\n\r\t \u0000\u0001\u007f@é\uFEFF\uD83D\uDE00\uDC00';

describe('syntax: robustness', function () {
  this.timeout(60_000);

  it('survives 3000 random strings over the format\'s own characters', () => {
    const next = random(1);
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(next() * 60);
      let text = '';
      for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
      checkTree(text, parse(text));
    }
  });

  it('survives random UTF-16 code units, lone surrogates included', () => {
    const next = random(2);
    for (let n = 0; n < 300; n++) {
      const units = Array.from({ length: Math.floor(next() * 200) }, () => Math.floor(next() * 0x10000));
      const text = String.fromCharCode(...units);
      checkTree(text, parse(text));
    }
  });

  it('survives random bytes read as UTF-8 and as Latin-1', () => {
    const next = random(3);
    for (let n = 0; n < 200; n++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(next() * 300) }, () => Math.floor(next() * 256)));
      for (const text of [bytes.toString('utf8'), bytes.toString('latin1')]) checkTree(text, parse(text));
    }
  });

  it('survives corpus files with characters and tokens deleted, inserted and duplicated', () => {
    const next = random(4);
    const files = corpusFiles().slice(0, 40);
    const snippets = ['{', '}', '<', '>', '[', ']', ':', ';', ',', '"', "'", '\\', '-', '#', '0x', '1e', '\n', 'layer {'];
    for (const rel of files) {
      const original = readFileSync(join(corpusDir, rel), 'utf8');
      for (let n = 0; n < 8; n++) {
        let text = original;
        for (let edits = 1 + Math.floor(next() * 4); edits > 0; edits--) {
          const at = Math.floor(next() * text.length);
          const kind = Math.floor(next() * 3);
          const piece = snippets[Math.floor(next() * snippets.length)];
          if (kind === 0) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 8));
          else if (kind === 1) text = text.slice(0, at) + piece + text.slice(at);
          else text = text.slice(0, at) + text.slice(at, at + 20) + text.slice(at);
        }
        checkTree(text, parse(text));
      }
    }
  });

  it(`accepts ${MAX_NESTING_DEPTH} nested blocks without complaint`, () => {
    const text = 'a {'.repeat(MAX_NESTING_DEPTH) + '}'.repeat(MAX_NESTING_DEPTH);
    assert.deepEqual(parse(text).errors, []);
  });

  it('cuts off deeper nesting with one diagnostic at the first too-deep opener, then reads on', () => {
    const depth = MAX_NESTING_DEPTH + 50;
    const text = 'a {'.repeat(depth) + 'b: 1' + '}'.repeat(depth) + '\nafter: 2';
    const tree = parse(text);
    assert.deepEqual(
      tree.errors.map((e) => e.code),
      ['nesting-too-deep'],
    );
    assert.equal(tree.errors[0].span.start, 'a {'.repeat(MAX_NESTING_DEPTH + 1).length - 1);
    assert.deepEqual(fieldNames(tree.fields), ['a', 'after']);
  });

  for (const depth of [10_000, 100_000]) {
    for (const [open, close] of [
      ['a {', '}'],
      ['a <', '>'],
      ['[', ']'],
    ]) {
      it(`gives ${depth} nested "${open}" one error, closed or not`, () => {
        const prefix = open === '[' ? 'a: ' : '';
        for (const text of [prefix + open.repeat(depth), prefix + open.repeat(depth) + close.repeat(depth)]) {
          const tree = parse(text);
          // Lists cannot nest at all, so a second "[" is already the error.
          assert.deepEqual(
            tree.errors.map((e) => e.code),
            [open === '[' ? 'unexpected-token' : 'nesting-too-deep'],
          );
          checkTree(text, tree);
        }
      });
    }
  }

  it('reads deep lists of messages and a stray "{" chain without overflowing', () => {
    const text = 'm [ { '.repeat(5000) + '{'.repeat(50_000);
    const tree = parse(text);
    checkTree(text, tree);
    assert.ok(tree.errors.some((e) => e.code === 'nesting-too-deep'));
  });

  it('reports every broken number of a huge broken file without failing internally', () => {
    const text = 'a: 1x '.repeat(200_000);
    const tree = parse(text);
    assert.equal(tree.errors.length, 200_000);
    checkTree(text, tree);
  });

  it('parses a large generated net (about 2 MB) with no errors and every layer', () => {
    const layer = (i: number): string =>
      `layer {\n  name: "conv${i}"\n  type: "Convolution"\n  bottom: "x${i}"\n  top: "x${i + 1}"\n` +
      `  convolution_param { num_output: 64 kernel_size: 3 weight_filler { type: "xavier" } }\n}\n`;
    const text = Array.from({ length: 12_000 }, (_, i) => layer(i)).join('');
    const tree = parse(text);
    assert.deepEqual(tree.errors, []);
    assert.equal(tree.fields.length, 12_000);
    assert.equal(asMessage(tree.fields[11_999].value).fields[0].value?.span.start, text.lastIndexOf('"conv11999"'));
  });
});
