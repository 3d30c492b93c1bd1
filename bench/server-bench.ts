/**
 * The language server on an enormous file (the generated 10 MB net), driven over stdio by a real
 * LSP client as an editor would: how long until its diagnostics, how long until the diagnostics of
 * the last of five keystrokes typed while it is analysing, and how long a hover on another, small
 * document waits meanwhile. Uses the bundled server (dist/server.js; `npm run bench` builds it).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../test/helpers/paths';
import { TestClient } from '../test/lsp/lsp-client';
import { generatedNet } from './generated-net';
import { section } from './timing';

const SMALL = 'name: "small"\nlayer { name: "relu" type: "ReLU" bottom: "x" top: "x" }\n';

async function hoverWait(client: TestClient, uri: string): Promise<number> {
  const start = Date.now();
  await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 10 } });
  return Date.now() - start;
}

export async function serverOnBigNet(): Promise<void> {
  section('The language server on the generated 10 MB net');
  if (!existsSync(join(repoRoot, 'dist/server.js'))) {
    console.log('dist/server.js is missing: run `npm run build` first');
    return;
  }
  const client = new TestClient();
  try {
    await client.initialize();
    const small = 'file:///small.prototxt';
    const big = 'file:///big.prototxt';
    await client.open(small, SMALL);
    await client.diagnosticsFor(small);

    const text = generatedNet(10e6);
    let start = Date.now();
    await client.open(big, text);
    await new Promise((r) => setTimeout(r, 500));
    const hoverWhileOpening = await hoverWait(client, small);
    await client.diagnosticsFor(big, (p) => p.version === 1, 300_000);
    console.log(`open → diagnostics: ${Date.now() - start} ms; a hover on a small file sent 0.5 s after opening waited ${hoverWhileOpening} ms`);

    // Five keystrokes 300 ms apart, as incremental changes (what editors send), in the middle of the file.
    const offset = text.indexOf('num_output: 16', text.length >> 1) + 'num_output: 1'.length;
    const lines = text.slice(0, offset).split('\n');
    const at = { line: lines.length - 1, character: lines[lines.length - 1].length };
    start = Date.now();
    for (let version = 2; version <= 6; version++) {
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: big, version },
        contentChanges: [{ range: { start: at, end: at }, text: '1' }],
      });
      await new Promise((r) => setTimeout(r, 300));
    }
    const hoverWhileTyping = await hoverWait(client, small);
    const typed = Date.now();
    await client.diagnosticsFor(big, (p) => p.version === 6, 300_000);
    const published = client.published(big).map((p) => p.version);
    console.log(
      `five keystrokes 300 ms apart → diagnostics of the last: ${Date.now() - typed} ms after it (${Date.now() - start} ms after the first); ` +
        `versions published: ${published.join(', ')}; a hover on the small file meanwhile waited ${hoverWhileTyping} ms`,
    );
  } finally {
    await client.shutdown();
  }
}
