/** The built language server over stdio, driven by a real LSP client library. */
import * as assert from 'node:assert/strict';
import type { Diagnostic, DocumentSymbol, FoldingRange, Hover, CodeAction } from 'vscode-languageserver-protocol';
import { TestClient } from './lsp-client';

const NET = `name: "tiny"
# A small net for the LSP tests.
layer {
  name: "data"
  type: "Input"
  top: "data"
  input_param { shape { dim: 1 dim: 3 dim: 8 dim: 8 } }
}
layer {
  name: "conv1"
  type: "Convolution"
  bottom: "data"
  top: "conv1"
  convolution_param {
    num_output: 4
    kernel_size: 3
    weight_filler { type: "msra" }
  }
}
`;

describe('language server over stdio', function () {
  this.timeout(30000);
  let client: TestClient;

  before(async () => {
    client = new TestClient();
    const init = (await client.initialize()) as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
    assert.equal(init.serverInfo.name, 'prototxt-lens-server');
    assert.ok(init.capabilities.hoverProvider);
  });

  after(async () => {
    await client.shutdown();
  });

  it('publishes no errors for a valid net, and an error with protobuf wording for a bad field', async () => {
    await client.open('file:///ok.prototxt', NET);
    const ok = await client.diagnosticsFor('file:///ok.prototxt');
    assert.deepEqual(ok.diagnostics.filter((d) => d.severity === 1), []);

    const bad = NET.replace('kernel_size: 3', 'kernel_sise: 3');
    await client.open('file:///bad.prototxt', bad);
    const published = await client.diagnosticsFor('file:///bad.prototxt', (p) => p.diagnostics.length > 0);
    const d = published.diagnostics.find((x) => x.code === 'unknown-field') as Diagnostic;
    assert.equal(d.message, 'Message type "caffe.ConvolutionParameter" has no field named "kernel_sise". Did you mean "kernel_size"?');
    assert.deepEqual(d.range, { start: { line: 15, character: 4 }, end: { line: 15, character: 15 } });
    assert.equal(d.source, 'prototxt-lens');
  });

  it('publishes only for the latest version after quick successive edits', async () => {
    const uri = 'file:///edits.prototxt';
    await client.open(uri, NET, 1);
    await client.diagnosticsFor(uri);
    for (let v = 2; v <= 6; v++) await client.change(uri, v, NET.replace('num_output: 4', `num_output: ${v === 6 ? 'x' : v}`));
    const last = await client.diagnosticsFor(uri, (p) => p.version === 6);
    assert.ok(last.diagnostics.some((d) => d.code === 'wrong-value-type'));
    // The debounce means the intermediate versions 2–5 are never analysed and published.
    const versions = client.published(uri).map((p) => p.version);
    assert.ok(!versions.includes(3) && !versions.includes(4), `published versions: ${versions}`);
  });

  it('gives the outline: layers by name with their type, nested messages as children', async () => {
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///ok.prototxt' } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail]),
      [
        ['data', 'Input'],
        ['conv1', 'Convolution'],
      ],
    );
    assert.deepEqual(symbols[1].children?.map((c) => c.name), ['convolution_param']);
    assert.deepEqual(symbols[1].children?.[0].children?.map((c) => c.name), ['weight_filler']);
  });

  it('gives folding ranges for messages and comment runs', async () => {
    const ranges = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: 'file:///ok.prototxt' } })) as FoldingRange[];
    const lines = ranges.map((r) => [r.startLine, r.endLine]);
    assert.ok(lines.some(([s, e]) => s === 2 && e === 6), JSON.stringify(lines)); // first layer
    assert.ok(lines.some(([s, e]) => s === 8 && e === 17), JSON.stringify(lines)); // second layer
    assert.ok(lines.some(([s, e]) => s === 13 && e === 16), JSON.stringify(lines)); // convolution_param
  });

  it('hovers a field name with its type, default and description', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///ok.prototxt' },
      position: { line: 14, character: 6 },
    })) as Hover;
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /\*\*num_output\*\*: `optional uint32`/);
    assert.match(text, /Number of output channels/);
  });

  it('offers the did-you-mean quick fix', async () => {
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: 'file:///bad.prototxt' },
      range: { start: { line: 15, character: 5 }, end: { line: 15, character: 5 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Change to "kernel_size"');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(fix!.edit?.changes?.['file:///bad.prototxt'], [
      { range: { start: { line: 15, character: 4 }, end: { line: 15, character: 15 } }, newText: 'kernel_size' },
    ]);
  });

  it('survives garbage: unknown methods, out-of-range positions, unknown documents, random bytes', async () => {
    await assert.rejects(client.connection.sendRequest('prototxtLens/noSuchMethod', {}), /Unhandled method|not found/i);
    const far = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///ok.prototxt' }, position: { line: 99999, character: -7 } });
    assert.equal(far, null);
    const unknownDoc = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///never-opened.prototxt' } });
    assert.deepEqual(unknownDoc, []);
    // Malformed params get an error response (from the JSON-RPC layer), not a crash.
    await assert.rejects(client.connection.sendRequest('textDocument/hover', null));
    const noDocument = await client.connection.sendRequest('textDocument/hover', { position: { line: 0, character: 0 } });
    assert.equal(noDocument, null);
    let seed = 7;
    const bytes = Array.from({ length: 20000 }, () => String.fromCharCode((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 0xffff)).join('');
    await client.open('file:///garbage.prototxt', bytes);
    const g = await client.diagnosticsFor('file:///garbage.prototxt');
    assert.ok(g.diagnostics.length > 0);
    await client.open('file:///deep.prototxt', 'a { '.repeat(100000));
    const deep = await client.diagnosticsFor('file:///deep.prototxt');
    assert.ok(deep.diagnostics.some((d) => d.code === 'nesting-too-deep'));
    // Still answering.
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///ok.prototxt' }, position: { line: 14, character: 6 } });
    assert.ok(hover);
    assert.ok(client.alive, client.stderr);
  });

  it('labels each publication with the version it was analysed from when edits arrive during a long analysis', async () => {
    // A net big enough that its analysis takes a while; edits come as small incremental changes, as editors send them.
    const layers = Array.from({ length: 4000 }, (_, i) => `layer {\n  name: "c${i}"\n  type: "Convolution"\n  bottom: "${i ? `c${i - 1}` : 'data'}"\n  top: "c${i}"\n  convolution_param {\n    num_output: 8\n    kernel_size: 3\n    pad: 1\n    weight_filler { type: "msra" }\n  }\n}\n`);
    const text = `name: "big"\ninput: "data"\ninput_shape { dim: 1 dim: 8 dim: 16 dim: 16 }\n${layers.join('')}`;
    const uri = 'file:///big.prototxt';
    await client.open(uri, text, 1);
    const line = text.slice(0, text.indexOf('num_output: 8', text.length >> 1)).split('\n').length - 1;
    const at = (character: number) => ({ line, character });
    // Version 2 breaks one value, version 3 puts it back, version 4 breaks it again.
    const edits = [
      { range: { start: at(16), end: at(17) }, text: 'x' },
      { range: { start: at(16), end: at(17) }, text: '8' },
      { range: { start: at(16), end: at(17) }, text: 'x' },
    ];
    for (const [i, change] of edits.entries()) {
      await new Promise((r) => setTimeout(r, 100));
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [change] });
    }
    await client.diagnosticsFor(uri, (p) => p.version === 4, 60000);
    const broken = (p: { diagnostics: Diagnostic[] }) => p.diagnostics.some((d) => d.code === 'wrong-value-type' && d.range.start.line === line);
    for (const p of client.published(uri)) assert.equal(broken(p), p.version === 2 || p.version === 4, `version ${p.version}`);
    assert.equal(client.published(uri).at(-1)!.version, 4);
  });

  it('answers the inspect request with the parsed message', async () => {
    const report = (await client.connection.sendRequest('prototxtLens/inspect', { uri: 'file:///ok.prototxt' })) as { parsed: { name: string; layer: unknown[] } };
    assert.equal(report.parsed.name, 'tiny');
    assert.equal(report.parsed.layer.length, 2);
  });
});
