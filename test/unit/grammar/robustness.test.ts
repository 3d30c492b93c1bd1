/**
 * The grammar on hostile input: deep nesting, long lines and seeded random bytes. The editor must
 * stay responsive, so no line may hit vscode-textmate's time limit, and brackets must balance.
 */
import * as assert from 'node:assert/strict';
import type { IGrammar } from 'vscode-textmate';
import { prng } from '../../helpers/prng';
import { loadGrammar, tokenise } from './textmate';

describe('TextMate grammar on hostile input', function () {
  this.timeout(60_000);
  let g: IGrammar;
  before(async () => {
    g = await loadGrammar();
  });

  it('closes 500 nested messages and layers, on one line or many', () => {
    const oneLine = 'layer { '.repeat(250) + 'a < '.repeat(250) + '> '.repeat(250) + '} '.repeat(250);
    assert.equal(tokenise(g, oneLine).endDepth, 1);
    const manyLines = 'net_param {\n'.repeat(500) + 'x: [1, 2]\n' + '}\n'.repeat(500);
    const result = tokenise(g, manyLines);
    assert.equal(result.endDepth, 1);
    assert.deepEqual(result.stoppedEarly, []);
  });

  it('tokenises long lines of fields, lists, strings and escapes within the time limit', () => {
    const lines = [
      'a: 1.5e-3 b: FOO c: "x" '.repeat(500),
      'v: [' + '1, -2.5, MAX, "s", '.repeat(1000) + ']',
      's: "' + '\\n\\x41\\\\'.repeat(2000) + '"',
      '[' + 'a.'.repeat(5000),
      'v: ' + '-'.repeat(5000),
      'x: "' + 'unterminated '.repeat(1000),
    ];
    const result = tokenise(g, lines.join('\n'));
    assert.deepEqual(result.stoppedEarly, []);
  });

  it('tokenises seeded random bytes without throwing or stalling', () => {
    const rand = prng(20240611);
    const alphabet = 'abcXYZ_019.-+eExf:;,{}<>[]"\'\\# \t\n';
    for (let round = 0; round < 50; round++) {
      let text = '';
      for (let i = 0; i < 2000; i++) {
        text += rand() < 0.9 ? alphabet[Math.floor(rand() * alphabet.length)] : String.fromCharCode(Math.floor(rand() * 0xffff));
      }
      const result = tokenise(g, text);
      assert.deepEqual(result.stoppedEarly, [], `round ${round}`);
      assert.ok(result.tokens.length > 0);
    }
  });
});
