/**
 * Each syntax error: its code, what is underlined, protobuf's wording where it has one, and that
 * one mistake gives one diagnostic.
 */
import * as assert from 'node:assert/strict';
import { parse } from '../../../server/src/core/syntax/parse';
import { errorSpots, fieldNames } from './syntax-helpers';

function onlyError(text: string): { code: string; underlined: string; message: string } {
  const tree = parse(text);
  assert.equal(tree.errors.length, 1, `expected one error in ${JSON.stringify(text)}: ${JSON.stringify(tree.errors)}`);
  const [e] = tree.errors;
  assert.equal(e.severity, 'error');
  return { code: e.code, underlined: text.slice(e.span.start, e.span.end), message: e.message };
}

describe('syntax: errors', () => {
  describe('invalid-character', () => {
    const cases: [string, string, RegExp][] = [
      ['a: 1 \u0001\u0002 b: 2', '\u0001\u0002', /^Invalid control characters encountered in text/],
      ['a: 1\u0000 b: 2', '\u0000', /^Invalid control characters encountered in text/],
      ['a: 1 @ b: 2', '@', /Unexpected character "@"/],
      ['a: 1 $$ b: 2', '$$', /Unexpected character "\$"/],
      ['a: 1 ` b: 2', '`', /Unexpected character "`"/],
      ['a: 1 \u007f b: 2', '\u007f', /Unexpected character/],
      ['a: 1 é b: 2', 'é', /U\+00E9.*only ASCII/],
      ['a: 1 \u00a0 b: 2', '\u00a0', /U\+00A0/],
      ['a: 1 # \u0000 b\nb: 2', '\u0000', /NUL character inside a comment/],
    ];
    for (const [text, underlined, wording] of cases) {
      it(`underlines ${JSON.stringify(underlined)} once and reads both fields`, () => {
        const e = onlyError(text);
        assert.equal(e.code, 'invalid-character');
        assert.equal(e.underlined, underlined);
        assert.match(e.message, wording);
        assert.deepEqual(fieldNames(parse(text).fields), ['a', 'b']);
      });
    }

    it('does not blame the rest of a name that a stray character splits', () => {
      assert.deepEqual(errorSpots('nüm: 1'), [['invalid-character', 'ü']]);
      assert.deepEqual(errorSpots('é: 1'), [['invalid-character', 'é']]);
    });
  });

  describe('unexpected-token', () => {
    const cases: [string, string, string][] = [
      ['}', '}', 'Expected identifier, got: }.'],
      ['a: 1 }', '}', 'Expected identifier, got: }.'],
      ['a: 1 >', '>', 'Expected identifier, got: >.'],
      ['a: 1 ]', ']', 'Expected identifier, got: ].'],
      ['a: 1;;', ';', 'Expected identifier, got: ;. Only one ";" or "," may follow a field.'],
      ['a: 1,;', ';', 'Expected identifier, got: ;. Only one'],
      ['; a: 1', ';', 'Expected identifier, got: ;. A ";" may only follow a field.'],
      ['1: 5', '1', 'Expected identifier, got: 1.'],
      ['"x": 5', '"x"', 'Expected identifier, got: "x".'],
      ['a { { b: 1 } }', '{', 'Expected identifier, got: {.'],
      [': 1', ':', 'Expected identifier, got: :.'],
      ['a: 1 / b: 2', '/', 'Expected identifier, got: /.'],
      ['a:', 'a:', 'Expected a value after "a:", got: end of file.'],
      ['a: }', 'a:', 'Expected a value after "a:", got: }.'],
      ['a: : 1', 'a:', 'Expected a value after "a:", got: :.'],
      ['x { a: }', 'a:', 'Expected a value after "a:", got: }.'],
      ['a:\nb: 1', 'a:', 'Expected a value after "a:", got: b.'],
      ['a', 'a', 'Expected ":" or "{" after field name "a", got: end of file.'],
      ['a\nb: 1', 'a', 'Expected ":" or "{" after field name "a", got: b.'],
      ['a { b: 1 >', '>', 'Expected "}", found ">".'],
      ['a < b: 1 }', '}', 'Expected ">", found "}".'],
      ['a: -', '-', 'Expected a number after "-", got: end of file.'],
      ['a: --1', '-', 'Expected a number after "-", got: -.'],
      ['a: - "x"', '-', 'A "-" sign can only precede a number'],
      ['a: [1 2]', '2', 'Expected ",", found "2".'],
      ['a: [1;2]', ';', 'Expected ",", found ";".'],
      ['a: [1, 2,]', ']', 'Expected a value, got: ].'],
      ['a: [,]', ',', 'Expected a value, got: ,.'],
      ['a: [1,,2]', ',', 'Expected a value, got: ,.'],
      ['a: [[1]]', '[', 'Expected a value, got: [. Lists cannot contain lists.'],
      ['[pkg.]: 1', ']', 'Expected identifier, got: ].'],
      ['[]: 1', ']', 'Expected identifier, got: ].'],
      ['[a..b]: 1', '.', 'Expected identifier, got: ..'],
    ];
    for (const [text, underlined, wording] of cases) {
      it(`${JSON.stringify(text)}: ${wording}`, () => {
        const e = onlyError(text);
        assert.equal(e.code, 'unexpected-token');
        assert.equal(e.underlined, underlined);
        assert.ok(e.message.startsWith(wording), e.message);
      });
    }

    it('gives a run of stray tokens one error', () => {
      assert.deepEqual(errorSpots('a: 1 : 2 , 3 "x" b: 2'), [['unexpected-token', ':']]);
    });

    it('reads the fields after a stray closer at the top level', () => {
      const tree = parse('a { b: 1 } } c: 2 } d: 3');
      assert.deepEqual(
        tree.errors.map((e) => e.code),
        ['unexpected-token', 'unexpected-token'],
      );
      assert.deepEqual(fieldNames(tree.fields), ['a', 'c', 'd']);
    });
  });

  describe('unclosed-delimiter', () => {
    it('puts a block unclosed at the end of the file on its opener, in protobuf terms', () => {
      for (const [text, opener, closer] of [
        ['layer {\n  name: "a"\n', '{', '}'],
        ['layer <\n  name: "a"\n', '<', '>'],
      ]) {
        const e = onlyError(text);
        assert.equal(e.code, 'unclosed-delimiter');
        assert.equal(e.underlined, opener);
        assert.ok(e.message.startsWith(`Expected "${closer}": the file ends before this "${opener}" is closed.`), e.message);
      }
    });

    it('reports each of two blocks left open at the end of the file', () => {
      const text = 'a {\nb {\nc: 1\n';
      assert.deepEqual(errorSpots(text), [
        ['unclosed-delimiter', '{'],
        ['unclosed-delimiter', '{'],
      ]);
    });

    it('keeps what an unclosed block holds, and marks it unclosed', () => {
      const tree = parse('layer { name: "a" type: "ReLU"');
      const layer = tree.fields[0].value;
      assert.ok(layer && layer.kind === 'message');
      assert.equal(layer.closed, false);
      assert.deepEqual(fieldNames(layer.fields), ['name', 'type']);
    });

    it('reports a list not closed before the next field on its "[" and reads the field', () => {
      const text = 'dim: [1, 2\nname: "x"';
      const e = onlyError(text);
      assert.equal(e.code, 'unclosed-delimiter');
      assert.equal(e.underlined, '[');
      assert.ok(e.message.startsWith('Expected "," or "]" after a list item, got: name.'), e.message);
      const tree = parse(text);
      assert.deepEqual(fieldNames(tree.fields), ['dim', 'name']);
      assert.equal(tree.fields[0].value?.kind === 'list' && tree.fields[0].value.closed, false);
    });

    it('reports a list unclosed at the end of the file', () => {
      const e = onlyError('dim: [1, 2');
      assert.equal(e.code, 'unclosed-delimiter');
      assert.equal(e.underlined, '[');
      assert.match(e.message, /^Expected "\]": the file ends/);
    });

    it('does not report the "]" of a list already reported unclosed', () => {
      assert.deepEqual(errorSpots('m [ a: 1 ]'), [['unclosed-delimiter', '[']]);
    });

    it('reports a bracketed name without its "]"', () => {
      const e = onlyError('[pkg.ext: 1');
      assert.equal(e.code, 'unclosed-delimiter');
      assert.equal(e.underlined, '[');
      assert.match(e.message, /^Expected "\]", found ":"/);
    });
  });
});
