/**
 * On purely syntactic questions the syntax stage agrees with protoc: every input protoc's
 * tokenizer or grammar rejects gets at least one error, every input it accepts gets none.
 * The verdicts are data recorded from protoc runs (see protoc-verdicts.ts); protoc is not needed.
 */
import * as assert from 'node:assert/strict';
import { parse } from '../../../server/src/core/syntax/parse';
import { PROTOC_CASES } from './protoc-verdicts';

describe('syntax: agreement with protoc', () => {
  it('has a table of at least 60 recorded verdicts of each useful kind', () => {
    assert.ok(PROTOC_CASES.length >= 60);
    for (const verdict of ['accepts', 'rejects-syntax', 'rejects-schema']) {
      assert.ok(PROTOC_CASES.some(([, v]) => v === verdict), `no ${verdict} case`);
    }
  });

  for (const [input, verdict, protoc] of PROTOC_CASES) {
    const expectErrors = verdict === 'rejects-syntax';
    it(`${expectErrors ? 'rejects' : 'accepts'} ${JSON.stringify(input)}${protoc ? ` (protoc: ${protoc})` : ''}`, () => {
      const errors = parse(input).errors;
      if (expectErrors) assert.ok(errors.length > 0, 'protoc rejects this, but no syntax error was reported');
      else assert.deepEqual(errors.map((e) => e.message), [], `protoc ${verdict === 'accepts' ? 'accepts this' : 'rejects this only for its schema'}`);
    });
  }
});
