/**
 * A big file is read a piece at a time, and from the first piece with an error on, the rest as
 * one (parse.ts, piece-boundaries.ts): whatever the file, the tree and the errors must be the ones
 * reading it at once gives, and the pieces must end only where top-level fields start.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedNet } from '../../../bench/generated-net';
import type { SyntaxTree } from '../../../server/src/core/syntax/ast';
import { parse, parseAtOnce, PIECE_SIZE } from '../../../server/src/core/syntax/parse';
import { pieceEnds } from '../../../server/src/core/syntax/piece-boundaries';
import { corpusDir, corpusFiles } from '../../helpers/paths';
import { prng } from '../../helpers/prng';
import { syntaxSnapshot } from '../../helpers/syntax-snapshot';

function assertSameAsAtOnce(text: string, what: string): SyntaxTree {
  const tree = parse(text);
  assert.equal(syntaxSnapshot(tree), syntaxSnapshot(parseAtOnce(text)), what);
  return tree;
}

/**
 * With the smallest pieces, the cuts are every place a piece may end: exactly the top-level
 * fields' starts (after the first), since each starts a line here.
 */
function assertCutsAreTopLevelFieldStarts(text: string, tree: SyntaxTree): void {
  const cuts = pieceEnds(text, 1);
  assert.equal(cuts.pop(), text.length);
  assert.deepEqual(cuts, tree.fields.slice(1).map((field) => field.span.start));
  assert.ok(pieceEnds(text, PIECE_SIZE).length > 2, 'read in several pieces');
}

function unindented(text: string): string {
  return text.replace(/^[ \t]+/gm, '');
}

/**
 * Strings and comments holding brackets, quotes and `#`, an escaped quote, `<>` blocks and a list
 * over two lines, all in the first column: a bracket miscounted would cut inside the layer.
 */
const TRICKY_LAYER = (i: number): string =>
  `layer { # a comment with { and ' and "\n` +
  `name: "odd{name}#${i}"\n` +
  `type: 'Con"vol}'\n` +
  `top: "t\\"{${i}"\n` +
  `bottom: "b${i}" # a "quoted" note\n` +
  `include < phase: TRAIN >\n` +
  `param: [ { lr_mult: 1 },\n{ lr_mult: 2 } ]\n` +
  `}\n` +
  `# top-level comment with < and [\n`;

describe('syntax: reading a big file in pieces', () => {
  it('gives the generated benchmark net the tree a whole read gives, cut only between layers', () => {
    const text = generatedNet(300_000);
    const tree = assertSameAsAtOnce(text, 'generated net');
    assert.equal(tree.errors.length, 0);
    assertCutsAreTopLevelFieldStarts(text, tree);
  });

  it('cuts an unindented file only between top-level fields, not at the names inside blocks', () => {
    const text = unindented(generatedNet(300_000));
    const tree = assertSameAsAtOnce(text, 'unindented net');
    assert.equal(tree.errors.length, 0);
    assertCutsAreTopLevelFieldStarts(text, tree);
  });

  it('is not misled by brackets, quotes and # inside strings and comments', () => {
    const parts: string[] = [];
    for (let i = 0, size = 0; size < 300_000; i++) {
      parts.push(TRICKY_LAYER(i));
      size += parts[parts.length - 1].length;
    }
    const text = parts.join('');
    const tree = assertSameAsAtOnce(text, 'tricky layers');
    assert.equal(tree.errors.length, 0);
    assertCutsAreTopLevelFieldStarts(text, tree);
    assert.equal(tree.comments.length, parts.length * 3);
  });

  it('gives the whole corpus, one file after another, the tree and errors a whole read gives', () => {
    const text = corpusFiles()
      .map((rel) => readFileSync(join(corpusDir, rel), 'utf8').replace(/^\uFEFF/, ''))
      .join('\n');
    assert.ok(text.length > 2 * PIECE_SIZE);
    assertSameAsAtOnce(text, 'the corpus joined');
  });

  // After an error, the rest of the file is read as one; blocks it leaves open make a whole read
  // (whose second pass, by indentation, also reads an unindented file's clean pieces differently).
  it('reports the errors of a big file wherever they are, as a whole read does, indented or not', () => {
    for (const text of [generatedNet(300_000), unindented(generatedNet(300_000))]) {
      // Past the first piece: an error there makes the whole file be read at once anyway.
      for (const at of [PIECE_SIZE + 2000, Math.floor(text.length / 2), text.length - 3]) {
        const brace = text.indexOf('}', at);
        const line = text.indexOf('\n', at) + 1;
        const layer = text.indexOf('\nlayer', at - 200) + 1;
        const cases = {
          'a missing }': text.slice(0, brace) + text.slice(brace + 1),
          'a stray character': text.slice(0, line) + '@' + text.slice(line),
          'an unclosed string': text.slice(0, line) + '"' + text.slice(line),
          'a stray }': text.slice(0, layer) + '}\n' + text.slice(layer),
        };
        for (const [what, broken] of Object.entries(cases)) {
          const tree = assertSameAsAtOnce(broken, `${what} at ${at}`);
          assert.ok(tree.errors.length > 0, `${what} at ${at} is reported`);
        }
      }
    }
  });

  it('reads layers with random characters between them as a whole read does', () => {
    const random = prng(7);
    const harmless = [' ', '\n', '\n\n', '\r\n', '\t', '# a note with {\n'];
    const any = [...harmless, 'a', 'b', '_', '1', '.', '-', ':', '{', '}', '<', '>', '[', ']', '"', "'", '\\', '#', ',', ';', '\0', 'é'];
    for (const [alphabet, what] of [[harmless, 'whitespace and comments'], [any, 'any characters'], [any, 'any characters']] as const) {
      const parts: string[] = [];
      for (let size = 0; size < 200_000; size += parts[parts.length - 1].length) {
        parts.push(random() < 0.9 ? TRICKY_LAYER(parts.length) : alphabet[Math.floor(random() * alphabet.length)]);
      }
      const tree = assertSameAsAtOnce(parts.join(''), `layers with ${what} between them`);
      if (alphabet === harmless) assert.equal(tree.errors.length, 0);
    }
  });

  it('gives a big file after random edits the tree a whole read gives', () => {
    const random = prng(2026);
    const base = generatedNet(200_000);
    const pieces = ['{', '}', '"', "'", '#', '\n', '[', ']', '<', '>', 'x', ':', '\nlayer {\n', '\\', ' -'];
    for (let i = 0; i < 25; i++) {
      const at = Math.floor(random() * base.length);
      const piece = pieces[Math.floor(random() * pieces.length)];
      assertSameAsAtOnce(base.slice(0, at) + piece + base.slice(at), `${JSON.stringify(piece)} inserted at ${at}`);
    }
  });
});
