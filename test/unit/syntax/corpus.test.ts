/**
 * Every real prototxt of the shared corpus is valid protobuf text format (Caffe loads them), so
 * each must parse with no syntax error and every top-level block closed.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../../server/src/core/syntax/parse';
import { corpusDir, corpusFiles } from '../../helpers/paths';

describe('syntax: the shared corpus', () => {
  const files = corpusFiles();

  it('finds the corpus', () => {
    assert.ok(files.length >= 50, `only ${files.length} files under ${corpusDir}`);
  });

  for (const rel of files) {
    it(`parses ${rel} with no syntax errors`, () => {
      const text = readFileSync(join(corpusDir, rel), 'utf8');
      const tree = parse(text);
      assert.deepEqual(
        tree.errors.map((e) => `${e.code} at ${e.span.start}: ${e.message}`),
        [],
      );
      assert.ok(tree.fields.length > 0, 'no fields read');
      for (const field of tree.fields) {
        if (field.value?.kind === 'message') assert.ok(field.value.closed, `${field.name.text} not closed`);
      }
    });
  }
});
