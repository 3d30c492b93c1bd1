/**
 * Re-parsing after an edit (reparse.ts) takes unchanged top-level fields from the previous tree;
 * whatever the edit, its tree must be the one a full parse gives: the same nodes, spans, errors and
 * comments, built by the same node classes, on random edits of real files and while typing.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/core/analysis';
import type { SyntaxTree } from '../../../server/src/core/syntax/ast';
import { parse } from '../../../server/src/core/syntax/parse';
import { reparse } from '../../../server/src/core/syntax/reparse';
import { corpusDir, corpusFiles } from '../../helpers/paths';
import { prng } from '../../helpers/prng';
import { syntaxSnapshot } from '../../helpers/syntax-snapshot';

const PIECES = ['{', '}', '<', '>', '[', ']', ':', ';', ',', '-', '"', "'", '\\', '#', '\n', ' ', 'a', '7', '.', 'e',
  'é', '\0', 'x: 1', 'layer {', '"ab\\x', '0x', '\n}\n', 'top: "x"\n', '\r\n', '# note\n', 'pad: [1, 2]\n'];

function randomEdit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  if (kind < 0.3) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
  if (kind < 0.7) return text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + text.slice(at);
  if (kind < 0.85) return text.slice(0, at) + String(Math.floor(random() * 10)) + text.slice(at + 1);
  return text.slice(0, at) + text.slice(at + Math.floor(random() * 400));
}

function assertSameAsFullParse(previous: { text: string; tree: SyntaxTree }, text: string, what: string): SyntaxTree {
  const tree = reparse(previous, text);
  assert.equal(syntaxSnapshot(tree), syntaxSnapshot(parse(text)), what);
  return tree;
}

describe('syntax: re-parsing after an edit', () => {
  const files = corpusFiles();
  const read = (rel: string) => readFileSync(join(corpusDir, rel), 'utf8');

  it('gives the full parse\'s tree after every edit of a session of random edits, in every corpus file', () => {
    const random = prng(20240611);
    for (const rel of files) {
      let text = read(rel);
      let tree = parse(text);
      // Fewer edits in the few big files: each costs two parses of the whole text.
      const steps = text.length > 50_000 ? 2 : 6;
      for (let step = 0; step < steps; step++) {
        const next = randomEdit(text, random);
        const nextTree = assertSameAsFullParse({ text, tree }, next, `${rel}, edit ${step}`);
        // Mostly go on editing the edited text, sometimes start again from the file.
        if (random() < 0.6) {
          text = next;
          tree = nextTree;
        }
      }
    }
  });

  it('gives the full parse\'s tree at every keystroke while a field is typed and deleted again', () => {
    const random = prng(7);
    const typed = ['  pad: 1\n', '  name: "a b"\n', 'layer { top: "x" }\n', '  bias_filler { std: -0.5 }\n', '# note\n'];
    for (const rel of files.filter((_, i) => i % 6 === 0)) {
      let text = read(rel);
      let tree = parse(text);
      const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
      const at = lineStarts[Math.floor(random() * lineStarts.length)];
      const word = typed[Math.floor(random() * typed.length)];
      const original = text;
      const states = [];
      for (let i = 1; i <= word.length; i++) states.push(original.slice(0, at) + word.slice(0, i) + original.slice(at));
      for (let i = word.length - 1; i >= 0; i--) states.push(original.slice(0, at) + word.slice(0, i) + original.slice(at));
      for (const next of states) {
        tree = assertSameAsFullParse({ text, tree }, next, `${rel}, typing at ${at}: ${JSON.stringify(next.slice(at, at + word.length))}`);
        text = next;
      }
    }
  });

  it('moves the spans of the fields after an insertion', () => {
    const before = 'a: 1\nb {\n  c: -2\n  d: 3 e: \'x\' f: "y" \'z\'\n  g: [1, -inf]\n}\n';
    const after = 'a: 12\nb {\n  c: -2\n  d: 3 e: \'x\' f: "y" \'z\'\n  g: [1, -inf]\n}\n';
    const tree = assertSameAsFullParse({ text: before, tree: parse(before) }, after, 'insertion');
    const b = tree.fields[1].value;
    assert.ok(b?.kind === 'message');
    const d = b.fields[1].value;
    assert.ok(d?.kind === 'number');
    assert.deepEqual(d.span, { start: after.indexOf('3'), end: after.indexOf('3') + 1 });
    assert.deepEqual(d.tokenSpan, d.span);
    const c = b.fields[0].value;
    assert.ok(c?.kind === 'number' && c.negative);
    assert.deepEqual([c.span.start, c.tokenSpan.start], [after.indexOf('-2'), after.indexOf('-2') + 1]);
  });

  it('gives analyze() with the previous version\'s analysis the same diagnostics as without it', () => {
    const random = prng(99);
    for (const rel of files.filter((_, i) => i % 10 === 0)) {
      let previous = analyze(read(rel));
      for (let step = 0; step < 4; step++) {
        const next = randomEdit(previous.text, random);
        const withPrevious = analyze(next, {}, previous);
        assert.deepEqual(withPrevious.diagnostics, analyze(next).diagnostics, `${rel}, edit ${step}`);
        previous = withPrevious;
      }
    }
  });
});
