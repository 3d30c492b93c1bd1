import * as assert from 'assert';
import * as vscode from 'vscode';
import { lineOf, openInEditor } from './helpers';

const HEALTHY_LAYERS = ['input', 'conv1', 'relu1', 'pool1', 'conv2', 'relu2', 'pool2', 'fc1', 'loss', 'accuracy'];

describe('document symbols and folding', () => {
  it('the outline lists every layer, in file order, with its type', async () => {
    const doc = await openInEditor('healthy.prototxt');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok(symbols && symbols.length > 0, 'document symbols returned');
    // Layers may sit at the top level or under one net node.
    const flat = symbols.flatMap((s) => [s, ...(s.children ?? [])]);
    const layers = flat.filter((s) => HEALTHY_LAYERS.some((n) => s.name === n || s.name.startsWith(`${n} `)));
    assert.deepStrictEqual(layers.map((s) => s.name.split(' ')[0]), HEALTHY_LAYERS);
    const conv1 = layers[1];
    assert.match(`${conv1.name} ${conv1.detail}`, /Convolution/);
    const nameLine = lineOf(doc, 'name: "conv1"');
    assert.ok(conv1.range.start.line < nameLine && conv1.range.end.line > nameLine, 'symbol range covers the layer block');
    assert.ok(conv1.range.contains(conv1.selectionRange), 'selection range inside the symbol range');
  });

  it('each multi-line layer block folds from "layer {" to its closing brace', async () => {
    const doc = await openInEditor('healthy.prototxt');
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
    const nameLine = lineOf(doc, 'name: "conv1"');
    const start = nameLine - 1;                 // "layer {"
    const close = lineOf(doc, 'layer { name: "relu1"') - 1; // the "}" before relu1
    assert.strictEqual(doc.lineAt(start).text.trim(), 'layer {');
    assert.strictEqual(doc.lineAt(close).text.trim(), '}');
    const fold = (ranges ?? []).find((r) => r.start === start);
    assert.ok(fold, `a folding range starts at line ${start + 1}; got ${JSON.stringify(ranges)}`);
    assert.ok(fold.end === close || fold.end === close - 1, `it ends at the closing brace (line ${close + 1}), not ${fold.end + 1}`);
  });
});
