/**
 * The editor behaviour declared in language-configuration.json and the manifest, checked the way
 * VS Code uses it: its patterns compiled as JavaScript regular expressions and run on real lines.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/paths';

interface OnEnterRule {
  beforeText: string;
  afterText?: string;
  action: { indent: string };
}

const config = JSON.parse(readFileSync(join(repoRoot, 'language-configuration.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'prototxt');

const increase = new RegExp(config.indentationRules.increaseIndentPattern);
const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
const words = (line: string): string[] => [...line.matchAll(new RegExp(config.wordPattern, 'g'))].map((m) => m[0]);

/** The onEnter action VS Code would take with the cursor between `before` and `after`. */
function onEnter(before: string, after: string): string | undefined {
  for (const rule of config.onEnterRules as OnEnterRule[]) {
    if (!new RegExp(rule.beforeText).test(before)) continue;
    if (rule.afterText !== undefined && !new RegExp(rule.afterText).test(after)) continue;
    return rule.action.indent;
  }
  return undefined;
}

describe('language configuration', () => {
  it('toggles # line comments', () => {
    assert.deepEqual(config.comments, { lineComment: '#' });
  });

  it('pairs {}, [] and <> and auto-closes them and both quotes outside strings and comments', () => {
    assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['<', '>']]);
    const closes = Object.fromEntries(config.autoClosingPairs.map((p: { open: string; close: string; notIn: string[] }) => [p.open, p]));
    for (const [open, close] of [['{', '}'], ['[', ']'], ['<', '>'], ['"', '"'], ["'", "'"]]) {
      assert.equal(closes[open]?.close, close, `${open} is not auto-closed`);
      assert.deepEqual(closes[open].notIn, ['string', 'comment'], `${open} auto-closes inside strings or comments`);
    }
    assert.deepEqual(config.surroundingPairs.map((p: string[]) => p.join('')).sort(), ['""', "''", '<>', '[]', '{}']);
  });

  it('folds by the server\'s brace ranges and # region markers, not by indentation', () => {
    assert.equal(config.folding.offSide, false);
    assert.ok(new RegExp(config.folding.markers.start).test('  # region solver settings'));
    assert.ok(new RegExp(config.folding.markers.end).test('# endregion'));
    assert.ok(!new RegExp(config.folding.markers.start).test('name: "region"'));
  });

  it('indents after a line that opens a message or list', () => {
    for (const line of ['layer {', '  convolution_param {', 'net_param: {  # inline net', 'test_state <', 'dim: [', '  name: "a}" param {']) {
      assert.ok(increase.test(line), line);
    }
    for (const line of ['layer { name: "a" }', '# layer {', 'name: "open {"', "name: 'x<'", 'dim: [1, 2]', 'base_lr: 0.01']) {
      assert.ok(!increase.test(line), line);
    }
  });

  it('outdents a line that starts with a closing bracket', () => {
    for (const line of ['}', '    }', '  >', ']']) assert.ok(decrease.test(line), line);
    for (const line of ['name: "}"', '# }']) assert.ok(!decrease.test(line), line);
  });

  it('Enter between an opening and a closing bracket puts the cursor on an indented line of its own', () => {
    assert.equal(onEnter('layer {', '}'), 'indentOutdent');
    assert.equal(onEnter('  weight_filler <', '>'), 'indentOutdent');
    assert.equal(onEnter('dim: [', ']'), 'indentOutdent');
    assert.equal(onEnter('layer {  # conv block', ''), 'indent');
    assert.equal(onEnter('name: "conv1"', ''), undefined);
    assert.equal(onEnter('# layer {', '}'), undefined);
    assert.equal(onEnter('name: "{"', '}'), undefined);
  });

  it('treats numbers with sign, dot and exponent, and dotted or dashed names as single words', () => {
    assert.deepEqual(words('base_lr: -1.5e-4 # conv1_2'), ['base_lr', '-1.5e-4', 'conv1_2']);
    assert.deepEqual(words('dim: [.5, 5., 0x1F, 10f]'), ['dim', '.5', '5.', '0x1F', '10f']);
    assert.deepEqual(words('bottom: "score-pool4" module: "rpn.proposal_layer"'), ['bottom', 'score-pool4', 'module', 'rpn.proposal_layer']);
    assert.deepEqual(words('variance_norm: FAN_IN'), ['variance_norm', 'FAN_IN']);
  });
});

describe('manifest language contribution', () => {
  it('gives .prototxt files the prototxt language with this configuration, grammar and icon', () => {
    assert.deepEqual(language.extensions, ['.prototxt']);
    assert.equal(language.configuration, './language-configuration.json');
    const grammar = manifest.contributes.grammars.find((g: { language: string }) => g.language === 'prototxt');
    assert.equal(grammar.scopeName, 'source.prototxt');
    const grammarFile = JSON.parse(readFileSync(join(repoRoot, grammar.path), 'utf8'));
    assert.equal(grammarFile.scopeName, 'source.prototxt');
    for (const icon of [language.icon.light, language.icon.dark]) assert.ok(existsSync(join(repoRoot, icon)), icon);
  });

  it('never claims generic text-proto extensions', () => {
    const claimed = manifest.contributes.languages.flatMap((l: { extensions?: string[] }) => l.extensions ?? []);
    for (const ext of ['.pbtxt', '.txtpb', '.textproto', '.textpb']) assert.ok(!claimed.includes(ext), ext);
  });

  it('recognises a first line that is a Caffe text-format header and nothing else', () => {
    const firstLine = new RegExp(language.firstLine);
    for (const line of [
      '# proto-message: caffe.NetParameter',
      '# proto-message: caffe.SolverParameter',
      '#proto-message: .caffe.NetParameter',
      '# proto-file: caffe/proto/caffe.proto',
      '# proto-file: src/caffe/proto/caffe.proto',
    ]) {
      assert.ok(firstLine.test(line), line);
    }
    for (const line of [
      '# proto-message: tensorflow.GraphDef',
      '# proto-message: NetParameter',
      '# proto-file: tensorflow/core/framework/graph.proto',
      '# proto-file: mycaffe.proto',
      'name: "caffe.NetParameter"',
      '',
    ]) {
      assert.ok(!firstLine.test(line), line);
    }
  });
});
