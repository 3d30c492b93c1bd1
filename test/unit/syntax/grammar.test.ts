/**
 * The grammar forms of the protobuf text format (text_format.cc, ParserImpl) and the exact spans
 * later stages point at: fields, colons, separators, messages in {} and <>, lists, bracketed
 * names, comments, empty input.
 */
import * as assert from 'node:assert/strict';
import type { IdentifierNode, ListNode, NumberNode, StringNode } from '../../../server/src/core/syntax/ast';
import { parse } from '../../../server/src/core/syntax/parse';
import { asMessage, fieldNames, onlyValue, parseClean, textAt } from './syntax-helpers';

describe('syntax: grammar', () => {
  it('gives empty, blank and comment-only input a tree with no fields and no errors', () => {
    for (const text of ['', '   \n\t\v\f\r\n ', '# only a comment', '#', '# a\n\n# b\n']) {
      const tree = parse(text);
      assert.deepEqual(tree.fields, [], JSON.stringify(text));
      assert.deepEqual(tree.errors, [], JSON.stringify(text));
    }
  });

  it('records name, colon, value and separator spans of a field; the field span excludes the separator', () => {
    const text = '  num_output : 64 ;';
    const [field] = parseClean(text).fields;
    assert.equal(field.kind, 'field');
    assert.equal(field.name.form, 'plain');
    assert.equal(field.name.text, 'num_output');
    assert.equal(textAt(text, field.name.span), 'num_output');
    assert.equal(textAt(text, field.colon!), ':');
    assert.equal(textAt(text, field.value!.span), '64');
    assert.equal(textAt(text, field.separator!), ';');
    assert.equal(textAt(text, field.span), 'num_output : 64');
  });

  it('accepts , as a separator and fields with no separator at all', () => {
    const tree = parseClean('a: 1, b: "x" c: IDENT; d {}, e {};');
    assert.deepEqual(fieldNames(tree.fields), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(
      tree.fields.map((f) => (f.separator ? 'sep' : '-')),
      ['sep', '-', 'sep', 'sep', 'sep'],
    );
  });

  it('leaves colons to the schema stage: a scalar without colon is no syntax error', () => {
    const tree = parseClean('name "conv1" bias_term false num 3');
    assert.deepEqual(fieldNames(tree.fields), ['name', 'bias_term', 'num']);
    assert.ok(tree.fields.every((f) => f.colon === undefined && f.value !== undefined));
  });

  it('reads messages in {} and <>, with or without colon, and nested', () => {
    const text = 'a { b: 1 } c: { } d < e: 2 > f: < g { h: 3 } >';
    const tree = parseClean(text);
    assert.deepEqual(fieldNames(tree.fields), ['a', 'c', 'd', 'f']);
    const [a, c, d, f] = tree.fields.map((x) => asMessage(x.value));
    assert.equal(a.open, '{');
    assert.equal(a.closed, true);
    assert.equal(textAt(text, a.span), '{ b: 1 }');
    assert.deepEqual(c.fields, []);
    assert.equal(tree.fields[1].colon !== undefined, true);
    assert.equal(d.open, '<');
    assert.equal(textAt(text, d.span), '< e: 2 >');
    const g = asMessage(f.fields[0].value);
    assert.equal((g.fields[0].value as NumberNode).text, '3');
  });

  it('reads identifier values: enum names and booleans', () => {
    const value = onlyValue('pool: MAX') as IdentifierNode;
    assert.equal(value.kind, 'identifier');
    assert.equal(value.text, 'MAX');
    assert.equal(value.negative, false);
  });

  it('reads lists of scalars, of messages, and empty lists, with or without colon', () => {
    const text = 'dim: [1, -2, 0x3] s: ["a" "b", \'c\'] m [ {x: 1}, <x: 2> ] e: [] f []';
    const tree = parseClean(text);
    const [dim, s, m, e, f] = tree.fields.map((x) => x.value as ListNode);
    assert.equal(dim.kind, 'list');
    assert.equal(dim.closed, true);
    assert.equal(textAt(text, dim.span), '[1, -2, 0x3]');
    assert.deepEqual(
      dim.items.map((i) => textAt(text, i.span)),
      ['1', '-2', '0x3'],
    );
    assert.deepEqual(
      s.items.map((i) => (i as StringNode).value),
      ['ab', 'c'],
    );
    assert.deepEqual(
      m.items.map((i) => (i.kind === 'message' ? i.open : i.kind)),
      ['{', '<'],
    );
    assert.deepEqual(e.items, []);
    assert.deepEqual(f.items, []);
    assert.equal(tree.fields[4].colon, undefined);
  });

  it('reads extension and Any-expansion names, text without spaces, span over the brackets', () => {
    const text = '[ caffe . my_ext ]: 1 [type.googleapis.com/caffe.LayerParameter] { name: "x" }';
    const tree = parseClean(text);
    const [ext, any] = tree.fields;
    assert.equal(ext.name.form, 'extension');
    assert.equal(ext.name.text, 'caffe.my_ext');
    assert.equal(textAt(text, ext.name.span), '[ caffe . my_ext ]');
    assert.equal(any.name.form, 'any');
    assert.equal(any.name.text, 'type.googleapis.com/caffe.LayerParameter');
    assert.equal(asMessage(any.value).fields[0].name.text, 'name');
  });

  it('collects every comment in order, text after # without the line break', () => {
    const text = '# head\r\na: 1 # tail\nb { # inside\n}\n#end';
    const tree = parseClean(text);
    assert.deepEqual(
      tree.comments.map((c) => c.text),
      [' head', ' tail', ' inside', 'end'],
    );
    assert.deepEqual(
      tree.comments.map((c) => textAt(text, c.span)),
      ['# head', '# tail', '# inside', '#end'],
    );
  });

  it('accepts comments and line breaks between every pair of tokens', () => {
    const text = 'a # 1\n : # 2\n - # 3\n 5 # 4\n ; b # 5\n { # 6\n c # 7\n : # 8\n "x" # 9\n "y" }';
    const tree = parseClean(text);
    assert.equal((tree.fields[0].value as NumberNode).negative, true);
    assert.equal((asMessage(tree.fields[1].value).fields[0].value as StringNode).value, 'xy');
  });

  it('reports a byte-order mark once and reads the rest normally', () => {
    const text = '\uFEFFname: "x"\nlayer { type: "ReLU" }';
    const tree = parse(text);
    assert.deepEqual(
      tree.errors.map((e) => [e.code, e.span]),
      [['byte-order-mark', { start: 0, end: 1 }]],
    );
    assert.match(tree.errors[0].message, /Caffe's protobuf parser rejects it/);
    assert.deepEqual(fieldNames(tree.fields), ['name', 'layer']);
    assert.equal(tree.fields[0].name.span.start, 1);
  });

  it('measures spans in UTF-16 code units, as editors do', () => {
    const text = 's: "😀" n: 1';
    const tree = parseClean(text);
    assert.deepEqual(tree.fields[0].value!.span, { start: 3, end: 7 });
    assert.deepEqual(tree.fields[1].name.span, { start: 8, end: 9 });
  });
});
