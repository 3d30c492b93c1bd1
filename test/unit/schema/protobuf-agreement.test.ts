/**
 * Our accept/reject verdict against protobuf's C++ TextFormat parser (protoc, the parser Caffe
 * calls), and our JSON against python3-protobuf's json_format, on the corpus and on mutated
 * corpus files. The mutations are seeded, so a failure reproduces.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, parsesInCaffe } from '../../../server/src/core/analysis';
import { messageToJson } from '../../../server/src/core/schema/to-json';
import { corpusDir, corpusFiles } from '../../helpers/paths';
import { prng } from '../../helpers/prng';
import { protocVerdict, pythonMessageToDict, requireReference } from '../../helpers/reference-protobuf';

const REPLACEMENTS = ['-1', '1.5', '"x"', 'FOO', 'true', '0x10', '010', '[1, 2]', '{ }', '<', '}', ':', ';;', '-', 'inf', '1e', '08', "'a' \"b\"", '4294967296', '# c\n', 'num_output', '[]', 'nan', 'MAX', 'TEST'];

function mutate(text: string, rand: () => number): string {
  const tokens = [...text.matchAll(/"[^"\n]*"|'[^'\n]*'|[\w.+-]+|[^\s\w]/g)];
  if (tokens.length === 0) return text;
  const t = tokens[Math.floor(rand() * tokens.length)];
  const at = t.index!;
  const end = at + t[0].length;
  switch (Math.floor(rand() * 5)) {
    case 0: // delete the token
      return text.slice(0, at) + text.slice(end);
    case 1: // replace it with a tricky one
      return text.slice(0, at) + REPLACEMENTS[Math.floor(rand() * REPLACEMENTS.length)] + text.slice(end);
    case 2: // duplicate its line
      {
        const ls = text.lastIndexOf('\n', at) + 1;
        const le = text.indexOf('\n', at);
        const line = text.slice(ls, le < 0 ? text.length : le);
        return text.slice(0, ls) + line + '\n' + text.slice(ls);
      }
    case 3: // drop one character inside it
      return text.slice(0, at + Math.floor(rand() * t[0].length)) + text.slice(at + Math.floor(rand() * t[0].length) + 1);
    default: // insert a tricky token before it
      return text.slice(0, at) + REPLACEMENTS[Math.floor(rand() * REPLACEMENTS.length)] + ' ' + text.slice(at);
  }
}

function messageOf(text: string): string {
  return analyze(text).schema.root.descriptor.fullName;
}

describe('agreement with protobuf (protoc 3.21, C++ TextFormat)', function () {
  this.timeout(300000);
  before(function () {
    requireReference(this, 'protoc');
  });

  it('gives protoc\'s verdict on every corpus file', () => {
    const disagreements: string[] = [];
    for (const rel of corpusFiles()) {
      const text = readFileSync(join(corpusDir, rel), 'utf8');
      const ours = parsesInCaffe(analyze(text));
      const theirs = protocVerdict(text, messageOf(text));
      if (ours !== theirs.accepted) disagreements.push(`${rel}: ours=${ours} protoc=${theirs.accepted} ${theirs.stderr.split('\n')[0]}`);
    }
    assert.deepEqual(disagreements, []);
  });

  it('gives protoc\'s verdict on 600 seeded mutations of corpus files', () => {
    const files = corpusFiles().filter((f) => !f.includes('ResNet-1') && !f.includes('DenseNet'));
    const rand = prng(20261129);
    const disagreements: string[] = [];
    let rejected = 0;
    for (let i = 0; i < 600; i++) {
      const rel = files[Math.floor(rand() * files.length)];
      let text = readFileSync(join(corpusDir, rel), 'utf8');
      const edits = 1 + Math.floor(rand() * 2);
      for (let k = 0; k < edits; k++) text = mutate(text, rand);
      const ours = parsesInCaffe(analyze(text));
      const theirs = protocVerdict(text, messageOf(text));
      if (!theirs.accepted) rejected++;
      if (ours !== theirs.accepted) disagreements.push(`#${i} ${rel}: ours=${ours} protoc=${theirs.accepted} ${theirs.stderr.split('\n')[0]}`);
    }
    assert.deepEqual(disagreements.slice(0, 20), [], `${disagreements.length} disagreements`);
    // The mutations must exercise both verdicts, or the comparison proves little.
    assert.ok(rejected > 100 && rejected < 590, `protoc rejected ${rejected} of 600`);
  });
});

describe('agreement with python3-protobuf json_format.MessageToDict', function () {
  this.timeout(120000);
  before(function () {
    requireReference(this, 'python');
  });

  it('gives the same JSON for every corpus file that parses', () => {
    const files = corpusFiles().map((rel) => ({ rel, path: join(corpusDir, rel), text: readFileSync(join(corpusDir, rel), 'utf8') }));
    const parsed = files.filter((f) => parsesInCaffe(analyze(f.text)));
    assert.ok(parsed.length > 50, `only ${parsed.length} corpus files parse`);
    const theirs = pythonMessageToDict(parsed.map((f) => ({ path: f.path, message: messageOf(f.text) })));
    const mismatches: string[] = [];
    parsed.forEach((f, i) => {
      const ours = JSON.parse(JSON.stringify(messageToJson(analyze(f.text).schema.root)));
      try {
        assert.deepEqual(ours, theirs[i]);
      } catch (e) {
        mismatches.push(`${f.rel}: ${(e as Error).message.slice(0, 400)}`);
      }
    });
    assert.deepEqual(mismatches, []);
  });
});
