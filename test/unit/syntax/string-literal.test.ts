/**
 * String literals: quotes, adjacent literals joined into one value, every escape protobuf decodes
 * (io/tokenizer.cc, ParseStringAppend) and the bytes Caffe would receive, and each string error.
 */
import * as assert from 'node:assert/strict';
import type { StringNode } from '../../../server/src/core/syntax/ast';
import { stringBytes } from '../../../server/src/core/syntax/nodes';
import { parse } from '../../../server/src/core/syntax/parse';
import { errorSpots, onlyValue, textAt } from './syntax-helpers';

function stringOf(text: string): StringNode {
  const value = onlyValue(text);
  assert.equal(value.kind, 'string', `${JSON.stringify(text)} gave a ${value.kind}`);
  return value as StringNode;
}

function bytesOf(literal: string): number[] {
  return Array.from(stringBytes(stringOf(`s: ${literal}`)));
}

const utf8 = (s: string): number[] => Array.from(Buffer.from(s, 'utf8'));

describe('syntax: string literals', () => {
  it('reads single- and double-quoted strings, each quote inside the other', () => {
    assert.equal(stringOf(`s: 'say "hi"'`).value, 'say "hi"');
    assert.equal(stringOf(`s: "it's"`).value, "it's");
  });

  it('joins adjacent literals, across spaces and comments, into one value recording each part', () => {
    const text = `s: "conv" 'ol' # more\n "ution"`;
    const node = stringOf(text);
    assert.equal(node.value, 'convolution');
    assert.deepEqual(
      node.parts.map((p) => textAt(text, p)),
      ['"conv"', "'ol'", '"ution"'],
    );
    assert.equal(textAt(text, node.span), `"conv" 'ol' # more\n "ution"`);
  });

  it('joins bytes before reading UTF-8, so a character split across literals survives', () => {
    assert.equal(stringOf(`s: "\\xc3" "\\xa9"`).value, 'é');
  });

  const escapes: [string, number[]][] = [
    ['\\a', [7]],
    ['\\b', [8]],
    ['\\f', [12]],
    ['\\n', [10]],
    ['\\r', [13]],
    ['\\t', [9]],
    ['\\v', [11]],
    ['\\?', [63]],
    ['\\\\', [92]],
    ["\\'", [39]],
    ['\\"', [34]],
    ['\\0', [0]],
    ['\\7', [7]],
    ['\\101', [65]],
    ['\\377', [255]],
    ['\\1234', [83, 52]], // three octal digits at most
    ['\\777', [255]], // protobuf keeps the low byte
    ['\\x4', [4]],
    ['\\x41', [65]],
    ['\\x414', [65, 52]], // two hex digits at most
    ['\\xff', [255]],
    ['\\u00e9', utf8('é')],
    ['\\u20AC', utf8('€')],
    ['\\U0001F600', utf8('😀')],
    ['\\U0010FFFF', [0xf4, 0x8f, 0xbf, 0xbf]],
    ['\\uD83D\\uDE00', utf8('😀')], // a surrogate pair is one code point
    ['\\uD83D', [0xed, 0xa0, 0xbd]], // a lone surrogate: protobuf writes its 3-byte form
    ['\\uDE00', [0xed, 0xb8, 0x80]],
    ['\\uD83D\\u0041', [0xed, 0xa0, 0xbd, 65]],
    ['\\U00110000', utf8('\\U00110000')], // beyond Unicode: protobuf writes the escape back as text
  ];
  for (const [escape, bytes] of escapes) {
    it(`decodes "${escape}" to bytes [${bytes.join(' ')}]`, () => {
      assert.deepEqual(bytesOf(`"${escape}"`), bytes);
    });
  }

  it('writes raw non-ASCII characters as UTF-8 and reads them back', () => {
    const node = stringOf('s: "Größe 😀"');
    assert.deepEqual(Array.from(stringBytes(node)), utf8('Größe 😀'));
    assert.equal(node.value, 'Größe 😀');
  });

  it('reads invalid UTF-8 bytes as U+FFFD in value, keeping the bytes', () => {
    const node = stringOf('s: "a\\xffb"');
    assert.deepEqual(Array.from(stringBytes(node)), [97, 255, 98]);
    assert.equal(node.value, 'a\uFFFDb');
  });

  it('keeps raw tabs, carriage returns and control characters inside strings (protobuf accepts them)', () => {
    assert.deepEqual(bytesOf('"a\tb\rc\u0001"'), [97, 9, 98, 13, 99, 1]);
  });

  const badEscapes: [string, string, string][] = [
    ['"\\c"', '\\c', 'Invalid escape sequence in string literal.'],
    ['"\\8"', '\\8', 'Invalid escape sequence in string literal.'],
    ['"\\e"', '\\e', 'Invalid escape sequence in string literal.'],
    ['"\\x"', '\\x', 'Expected hex digits for escape sequence.'],
    ['"\\xg"', '\\x', 'Expected hex digits for escape sequence.'],
    ['"\\u00e"', '\\u00e', 'Expected four hex digits for \\u escape sequence.'],
    ['"\\U00200000"', '\\U00200000', 'Expected eight hex digits up to 10ffff for \\U escape sequence'],
    ['"\\U0000004"', '\\U0000004', 'Expected eight hex digits up to 10ffff for \\U escape sequence'],
  ];
  for (const [literal, underlined, wording] of badEscapes) {
    it(`reports ${literal} as invalid-escape, underlining ${underlined}`, () => {
      const text = `s: ${literal}`;
      const tree = parse(text);
      assert.equal(tree.errors.length, 1, JSON.stringify(tree.errors));
      assert.equal(tree.errors[0].code, 'invalid-escape');
      assert.equal(textAt(text, tree.errors[0].span), underlined);
      assert.ok(tree.errors[0].message.startsWith(wording), tree.errors[0].message);
      assert.equal(tree.fields[0].value?.kind, 'string', 'the string is still a value');
    });
  }

  it('reports a string running into a line break up to the line end, and reads the next line normally', () => {
    const text = 's: "abc\r\nn: 1\n';
    const tree = parse(text);
    assert.deepEqual(errorSpots(text), [['unterminated-string', '"abc']]);
    assert.ok(tree.errors[0].message.startsWith('String literals cannot cross line boundaries.'));
    assert.deepEqual(
      tree.fields.map((f) => f.name.text),
      ['s', 'n'],
    );
  });

  it('reports a string running into the end of the file with protobuf wording', () => {
    const text = "s: 'abc\"";
    assert.deepEqual(errorSpots(text), [['unterminated-string', `'abc"`]]);
    assert.ok(parse(text).errors[0].message.startsWith('Unexpected end of string.'));
  });

  it('reports a backslash at the line end once, as the unterminated string it causes', () => {
    assert.deepEqual(errorSpots('s: "ab\\\nn: 1'), [['unterminated-string', '"ab\\']]);
  });

  it('reports a NUL character inside a string (protobuf ends the string there)', () => {
    const text = 's: "a\u0000b"';
    assert.deepEqual(errorSpots(text), [['invalid-character', '\u0000']]);
    assert.deepEqual(Array.from(stringBytes(parse(text).fields[0].value as StringNode)), [97, 0, 98]);
  });
});
