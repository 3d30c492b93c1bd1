/** The code registry is complete: every code the analysis emits is listed, with its severity, and the README documents each. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analysis';
import { DIAGNOSTIC_CODES } from '../../server/src/core/codes';
import { corpusDir, corpusFiles, repoRoot } from '../helpers/paths';
import { prng } from '../helpers/prng';

function mutations(text: string, rand: () => number, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(rand() * text.length);
    const cut = Math.floor(rand() * 12);
    const insert = ['', '{', '}', '"', ' 0x', ' -1', ' foo', ': 1.5', '\n', 'layer {', ' bottom: "zz"'][Math.floor(rand() * 11)];
    out.push(text.slice(0, at) + insert + text.slice(at + cut));
  }
  return out;
}

describe('diagnostic code registry', function () {
  this.timeout(120000);

  it('lists every code the analysis emits on the corpus, the examples and mutated files, at a listed severity', () => {
    const rand = prng(4242);
    const unknown = new Map<string, string>();
    const wrongSeverity = new Map<string, string>();
    const texts: [string, string][] = [];
    for (const rel of corpusFiles()) {
      const text = readFileSync(join(corpusDir, rel), 'utf8');
      texts.push([rel, text]);
      if (!rel.includes('ResNet-1') && !rel.includes('DenseNet')) mutations(text, rand, 6).forEach((m, i) => texts.push([`${rel}~${i}`, m]));
    }
    for (const name of ['healthy', 'filler-mistakes', 'syntax-error']) texts.push([name, readFileSync(join(repoRoot, 'examples', `${name}.prototxt`), 'utf8')]);
    for (const [name, text] of texts) {
      for (const phase of ['TRAIN', 'TEST'] as const) {
        for (const d of analyze(text, { phase }).diagnostics) {
          const info = DIAGNOSTIC_CODES[d.code];
          if (!info) unknown.set(d.code, `${name}: ${d.message}`);
          else if (d.severity !== info.severity && !info.alsoAs?.includes(d.severity)) wrongSeverity.set(d.code, `${d.severity} in ${name}`);
        }
      }
    }
    assert.deepEqual(Object.fromEntries(unknown), {});
    assert.deepEqual(Object.fromEntries(wrongSeverity), {});
  });

  it('is documented in the README, one table row per code', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((code) => !readme.includes(`| \`${code}\` |`));
    assert.deepEqual(missing, []);
  });
});
