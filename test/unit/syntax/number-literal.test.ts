/**
 * Number tokens as protobuf's tokenizer reads them (io/tokenizer.cc, ConsumeNumber): forms, the
 * sign that may stand apart from its number, and each lexical error with protobuf's wording.
 */
import * as assert from 'node:assert/strict';
import type { NumberNode } from '../../../server/src/core/syntax/ast';
import { parse } from '../../../server/src/core/syntax/parse';
import { onlyValue, textAt } from './syntax-helpers';

function numberOf(text: string): NumberNode {
  const value = onlyValue(text);
  assert.equal(value.kind, 'number', `${JSON.stringify(text)} gave a ${value.kind}`);
  return value as NumberNode;
}

describe('syntax: number literals', () => {
  const forms: [string, NumberNode['form']][] = [
    ['0', 'decimal'],
    ['42', 'decimal'],
    ['0x1F', 'hex'],
    ['0X1f', 'hex'],
    ['010', 'octal'],
    ['00', 'octal'],
    ['.5', 'float'],
    ['5.', 'float'],
    ['0.', 'float'],
    ['1e-4', 'float'],
    ['1.5E+3', 'float'],
    ['1.e5', 'float'],
    ['0e5', 'float'],
    ['1f', 'float'],
    ['1F', 'float'],
    ['0f', 'float'],
    ['1.5e3f', 'float'],
  ];
  for (const [written, form] of forms) {
    it(`reads ${written} as a ${form} number with its exact text and span`, () => {
      const text = `x: ${written}`;
      const n = numberOf(text);
      assert.equal(n.form, form);
      assert.equal(n.text, written);
      assert.equal(n.negative, false);
      assert.equal(textAt(text, n.span), written);
      assert.equal(textAt(text, n.tokenSpan), written);
    });
  }

  it('keeps a sign separated from its number by spaces and a comment, span starting at the sign', () => {
    const text = 'x: -  # why\n  2.5';
    const n = numberOf(text);
    assert.equal(n.negative, true);
    assert.equal(n.text, '2.5');
    assert.equal(textAt(text, n.span), '-  # why\n  2.5');
    assert.equal(textAt(text, n.tokenSpan), '2.5');
  });

  it('reads inf, infinity and nan in any case as identifiers, signed or not', () => {
    for (const word of ['inf', 'Infinity', 'NAN', 'nan', 'INF']) {
      const value = onlyValue(`x: -${word}`);
      assert.equal(value.kind, 'identifier');
      assert.equal(value.kind === 'identifier' && value.text, word);
      assert.equal(value.kind === 'identifier' && value.negative, true);
    }
  });

  const broken: [string, string, string][] = [
    ['1x', '1x', 'Need space between number and identifier.'],
    ['10px', '10px', 'Need space between number and identifier.'],
    ['0_', '0_', 'Need space between number and identifier.'],
    ['010f', '010f', 'Need space between number and identifier.'],
    ['1.5ff', '1.5ff', 'Need space between number and identifier.'],
    ['0x', '0x', '"0x" must be followed by hex digits.'],
    ['0xG', '0xG', '"0x" must be followed by hex digits.'],
    ['08', '08', 'Numbers starting with leading zero must be in octal.'],
    ['0129', '0129', 'Numbers starting with leading zero must be in octal.'],
    ['1e', '1e', '"e" must be followed by exponent.'],
    ['1e+', '1e+', '"e" must be followed by exponent.'],
    ['5.e', '5.e', '"e" must be followed by exponent.'],
    ['1.2.3', '1.2.3', "Already saw decimal point or exponent; can't have another one."],
    ['1e5.5', '1e5.5', "Already saw decimal point or exponent; can't have another one."],
    ['0x1.5', '0x1.5', 'Hex and octal numbers must be integers.'],
    ['00.5', '00.5', 'Hex and octal numbers must be integers.'],
  ];
  for (const [written, underlined, wording] of broken) {
    it(`reports ${written} once as invalid-number with protobuf's wording`, () => {
      const text = `x: ${written}\ny: 1`;
      const tree = parse(text);
      assert.equal(tree.errors.length, 1, JSON.stringify(tree.errors));
      const [error] = tree.errors;
      assert.equal(error.code, 'invalid-number');
      assert.equal(error.severity, 'error');
      assert.equal(textAt(text, error.span), underlined);
      assert.ok(error.message.startsWith(wording), error.message);
      // No value can be read from it, and the next field is unaffected.
      assert.equal(tree.fields[0].value, undefined);
      assert.equal(tree.fields[1].name.text, 'y');
    });
  }

  it('refuses a fraction glued to a name, as protobuf does, with one error', () => {
    const text = 'x: MAX.5\ny: 1';
    const tree = parse(text);
    assert.deepEqual(
      tree.errors.map((e) => [e.code, textAt(text, e.span)]),
      [['invalid-number', '.5']],
    );
    assert.ok(tree.errors[0].message.startsWith('Need space between identifier and decimal point.'));
    assert.deepEqual(
      tree.fields.map((f) => f.name.text),
      ['x', 'y'],
    );
  });

  it('does not take a lone dot for a number', () => {
    const tree = parse('x: .');
    assert.equal(tree.errors.length, 1);
    assert.equal(tree.errors[0].code, 'unexpected-token');
  });
});
