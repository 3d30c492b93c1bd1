/**
 * The parser keeps one string per distinct text (string-table.ts), and starts its table again past
 * 65,536 texts: names and values must read the same either way.
 */
import * as assert from 'node:assert/strict';
import { parse } from '../../../server/src/core/syntax/parse';

describe('syntax: one string per distinct text', () => {
  it('reads every name and value of a file with more distinct texts than the table keeps', () => {
    const count = 70_000;
    const lines: string[] = [];
    for (let i = 0; i < count; i++) lines.push(`f${i}: "v${i}" g: v${i % 3} h: ${i}`);
    const tree = parse(lines.join('\n'));
    assert.equal(tree.errors.length, 0);
    assert.equal(tree.fields.length, 3 * count);
    for (let i = 0; i < count; i++) {
      const [f, g, h] = tree.fields.slice(3 * i, 3 * i + 3);
      assert.equal(f.name.text, `f${i}`);
      assert.ok(f.value?.kind === 'string' && f.value.value === `v${i}`);
      assert.ok(g.value?.kind === 'identifier' && g.value.text === `v${i % 3}`);
      assert.ok(h.value?.kind === 'number' && h.value.text === String(i));
    }
  });
});
