/**
 * Error recovery: every independent error is reported once, and the tree keeps the rest of the
 * file, so later stages still check the layers around a mistake.
 */
import * as assert from 'node:assert/strict';
import type { FieldNode, StringNode } from '../../../server/src/core/syntax/ast';
import { parse } from '../../../server/src/core/syntax/parse';
import { asMessage, errorSpots, fieldNames } from './syntax-helpers';

/** The `name` of each top-level layer, as read. */
function layerNames(fields: FieldNode[]): string[] {
  return fields
    .filter((f) => f.name.text === 'layer')
    .map((f) => {
      const name = asMessage(f.value).fields.find((x) => x.name.text === 'name');
      return (name?.value as StringNode | undefined)?.value ?? '?';
    });
}

describe('syntax: recovery', () => {
  it('reports four separate errors in four layers and keeps all five layers', () => {
    const text = [
      'name: "net"',
      'layer { name: "data" type: "Input" top: "data" input_param { shape { dim: [1, 3 224, 224] } } }',
      'layer { name: "conv1" type: "Convolution" convolution_param { num_output: 64x kernel_size: 3 } }',
      'layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" ; ; }',
      'layer { name: "pool1" type: "Pooling" pooling_param { pool: MAX stride: } }',
      'layer { name: "fc" type: "InnerProduct" inner_product_param { num_output: 10 } }',
    ].join('\n');
    assert.deepEqual(errorSpots(text), [
      ['unexpected-token', '224'],
      ['invalid-number', '64x'],
      ['unexpected-token', ';'],
      ['unexpected-token', 'stride:'],
    ]);
    assert.deepEqual(layerNames(parse(text).fields), ['data', 'conv1', 'relu1', 'pool1', 'fc']);
  });

  it('keeps the fields after a bad value inside a layer', () => {
    const text = 'layer {\n  name: "conv1"\n  convolution_param { num_output: 0x kernel_size: 3 }\n  top: "conv1"\n}';
    const tree = parse(text);
    assert.deepEqual(errorSpots(text), [['invalid-number', '0x']]);
    const layer = asMessage(tree.fields[0].value);
    assert.deepEqual(fieldNames(layer.fields), ['name', 'convolution_param', 'top']);
    assert.deepEqual(fieldNames(asMessage(layer.fields[1].value).fields), ['num_output', 'kernel_size']);
  });

  it('closes a block left open where the indentation says it ends, keeping later layers at the top', () => {
    const text = [
      'layer {',
      '  name: "a"',
      '  param {',
      '    lr_mult: 1',
      '}',
      'layer {',
      '  name: "b"',
      '}',
      '',
    ].join('\n');
    const tree = parse(text);
    assert.deepEqual(errorSpots(text), [['unclosed-delimiter', '{']]);
    // The "{" of param is the unclosed one: the "}" at column 0 belongs to the layer.
    assert.equal(tree.errors[0].span.start, text.indexOf('param {') + 6);
    assert.equal(tree.errors[0].related?.[0].message, 'the block seems to end here');
    assert.deepEqual(layerNames(tree.fields), ['a', 'b']);
  });

  it('ends a half-typed layer before the next one, instead of swallowing the rest of the file', () => {
    const text = [
      'layer { name: "a" }',
      'layer {',
      '  name: "b"',
      'layer {',
      '  name: "c"',
      '}',
      'layer { name: "d" }',
      '',
    ].join('\n');
    const tree = parse(text);
    assert.equal(tree.errors.length, 1);
    assert.equal(tree.errors[0].code, 'unclosed-delimiter');
    assert.equal(tree.errors[0].span.start, text.indexOf('layer {\n  name: "b"') + 6);
    assert.match(tree.errors[0].message, /before "layer"/);
    assert.deepEqual(layerNames(tree.fields), ['a', 'b', 'c', 'd']);
    assert.equal(asMessage(tree.fields[1].value).closed, false);
  });

  it('does not split a flush-left file by indentation: its unclosed block runs to the end', () => {
    const text = 'layer {\nname: "a"\ntype: "ReLU"\n';
    const tree = parse(text);
    assert.deepEqual(errorSpots(text), [['unclosed-delimiter', '{']]);
    assert.match(tree.errors[0].message, /the file ends/);
    assert.deepEqual(fieldNames(asMessage(tree.fields[0].value).fields), ['name', 'type']);
  });

  it('gives a field whose value is missing one error and reads the next field', () => {
    const text = 'layer {\n  name:\n  type: "ReLU"\n}\nlayer { name: "b" }';
    const tree = parse(text);
    assert.deepEqual(errorSpots(text), [['unexpected-token', 'name:']]);
    const layer = asMessage(tree.fields[0].value);
    assert.deepEqual(fieldNames(layer.fields), ['name', 'type']);
    assert.equal(layer.fields[0].value, undefined);
    assert.deepEqual(layerNames(tree.fields), ['?', 'b']);
  });

  it('blames a string that swallowed its block\'s "}", not the block, and keeps the layers', () => {
    const text = 'layer { name: "a }\nlayer { name: "b" }\nlayer { name: "c }\n';
    assert.deepEqual(errorSpots(text), [
      ['unterminated-string', '"a }'],
      ['unterminated-string', '"c }'],
    ]);
    assert.deepEqual(layerNames(parse(text).fields), ['a }', 'b', 'c }']);
  });

  it('reports lexical and grammar errors together in document order', () => {
    const text = 'a: 1 @\nb: 08\nc: "\\q"\nd: [1 2]\n}';
    assert.deepEqual(errorSpots(text), [
      ['invalid-character', '@'],
      ['invalid-number', '08'],
      ['invalid-escape', '\\q'],
      ['unexpected-token', '2'],
      ['unexpected-token', '}'],
    ]);
    assert.deepEqual(fieldNames(parse(text).fields), ['a', 'b', 'c', 'd']);
  });
});
