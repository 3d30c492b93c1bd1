/**
 * A real LSP client for tests: starts the built server (dist/server.js --stdio) as a child process
 * and talks JSON-RPC to it with vscode-languageserver-protocol, collecting published diagnostics.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsNotification,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers/paths';

export class TestClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: (() => void)[] = [];
  stderr = '';
  exitCode: number | null = null;

  constructor(settings?: unknown) {
    this.child = spawn(process.execPath, [join(repoRoot, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += d.toString()));
    this.child.on('exit', (code) => (this.exitCode = code));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.diagnostics.set(p.uri, list);
      this.waiters.splice(0).forEach((w) => w());
    });
    this.connection.listen();
    this.settings = settings;
  }

  private settings: unknown;

  async initialize(): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { hover: { contentFormat: ['markdown'] }, documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
      initializationOptions: this.settings ? { settings: this.settings } : undefined,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'prototxt', version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The latest diagnostics published for `uri` that satisfy `ready` (waits up to timeoutMs). */
  async diagnosticsFor(uri: string, ready: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = this.diagnostics.get(uri) ?? [];
      const last = list[list.length - 1];
      if (last && ready(last)) return last;
      if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(list.map((l) => l.version))}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  /** Every publication seen for a uri, in order. */
  published(uri: string): PublishDiagnosticsParams[] {
    return this.diagnostics.get(uri) ?? [];
  }

  get alive(): boolean {
    return this.exitCode === null && !this.child.killed;
  }

  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      await new Promise((r) => setTimeout(r, 100));
      this.connection.dispose();
      if (this.exitCode === null) this.child.kill();
    }
  }
}
