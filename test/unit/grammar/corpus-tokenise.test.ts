/**
 * The grammar on every real prototxt of the shared corpus: it must tokenise each file without
 * throwing or timing out, end with every block closed, mark nothing of valid Caffe files as
 * invalid, and give each layer's blob names their bottom/top scopes.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { corpusDir, corpusFiles } from '../../helpers/paths';
import { loadGrammar, tokenise } from './textmate';

describe('TextMate grammar on the shared corpus', function () {
  this.timeout(60_000);
  let g: IGrammar;
  before(async () => {
    g = await loadGrammar();
  });

  const files = corpusFiles();

  it('finds the corpus', () => {
    assert.ok(files.length >= 50, `only ${files.length} corpus files in ${corpusDir}`);
  });

  for (const rel of files) {
    it(`tokenises ${rel}`, () => {
      const text = readFileSync(join(corpusDir, rel), 'utf8');
      const result = tokenise(g, text);
      assert.deepEqual(result.stoppedEarly, [], 'tokenising hit the time limit');
      assert.equal(result.endDepth, 1, 'a block opened by the grammar was never closed');

      const invalid = result.tokens.filter((t) => t.scopes.some((s) => s.startsWith('invalid.')));
      assert.deepEqual(invalid.map((t) => `${t.line}: ${t.text}`), [], 'valid Caffe text scoped as invalid');

      // Every `bottom: "x"` / `top: "x"` in the file names a blob of a layer.
      const lines = text.split(/\r?\n/);
      lines.forEach((line, index) => {
        for (const m of line.matchAll(/(?<![\w#"'])(bottom|top)\s*:\s*"([^"]+)"/g)) {
          if (line.slice(0, m.index).includes('#')) continue;
          const blob = result.tokens.find((t) => t.line === index + 1 && t.text === m[2] && t.scopes.some((s) => s.startsWith('string.')));
          assert.ok(blob, `line ${index + 1}: no string token "${m[2]}"`);
          assert.ok(
            blob.scopes.includes(`variable.other.blob.${m[1]}.prototxt`),
            `line ${index + 1}: ${m[1]} blob "${m[2]}" scoped ${blob.scopes.join(' ')}`,
          );
        }
      });
    });
  }
});
