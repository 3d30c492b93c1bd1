/**
 * The Prototxt Lens language server. Wiring only: documents in, the core's analysis out through
 * small handler files. Runs inside VS Code (IPC) or on its own for any editor (`--stdio`).
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisSettings } from './core/analysis';
import { AnalysisCache } from './lsp/analysis-cache';
import type { ServerContext } from './lsp/context';
import { toLspDiagnostic } from './lsp/convert';
import { DiagnosticsScheduler } from './lsp/diagnostics-scheduler';
import { registerCodeActions } from './lsp/handlers/code-actions';
import { registerFolding } from './lsp/handlers/folding';
import { registerHover } from './lsp/handlers/hover';
import { registerInspect } from './lsp/handlers/inspect';
import { registerSignal } from './lsp/handlers/signal';
import { registerSymbols } from './lsp/handlers/symbols';
import { readSettings } from './lsp/settings';
import { AnalysisChangedNotificationMethod, type AnalysisChangedParams } from './protocol';

const VERSION = '0.1.0';
const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];

if (process.argv.includes('--version')) {
  process.stdout.write(`prototxt-lens-server ${VERSION}\n`);
  process.exit(0);
}
if (process.argv.includes('--help')) {
  process.stdout.write('Usage: prototxt-lens-server [--stdio]\nSpeaks the Language Server Protocol over stdio (the default).\n');
  process.exit(0);
}
// Standalone use: stdio unless the launcher chose a transport.
if (!process.argv.some((a) => TRANSPORTS.some((t) => a.startsWith(t)))) process.argv.push('--stdio');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let clientHasConfiguration = false;
let initialSettings: AnalysisSettings = readSettings(undefined);
const settingsByUri = new Map<string, AnalysisSettings>();

const cache = new AnalysisCache((uri) => settingsByUri.get(uri) ?? initialSettings);
const ctx: ServerContext = {
  connection,
  documents,
  cache,
  analysisOf(uri) {
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    return doc ? cache.get(doc) : undefined;
  },
};

/** The client's settings for a document; undefined when it cannot say (the defaults apply). */
async function fetchSettings(uri: string): Promise<AnalysisSettings | undefined> {
  if (!clientHasConfiguration) return undefined;
  try {
    return readSettings(await connection.workspace.getConfiguration({ scopeUri: uri, section: 'prototxtLens' }));
  } catch {
    return undefined;
  }
}

async function refreshSettings(uri: string): Promise<void> {
  const settings = await fetchSettings(uri);
  if (settings) settingsByUri.set(uri, settings);
}

const scheduler = new DiagnosticsScheduler(150, (uri) => void publishDiagnostics(uri));

/** Analyses the document's current version a stage at a time and publishes, unless an edit or close came first. */
async function publishDiagnostics(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  // An edit updates the document object in place: this run is for the version it has now.
  const version = doc.version;
  try {
    const current = () => documents.get(uri)?.version === version;
    const a = await cache.analyseInSteps(doc, current);
    // A newer version may have arrived while analysing: leave publishing to its own run.
    if (!a || !current()) return;
    void connection.sendDiagnostics({ uri, version, diagnostics: a.diagnostics.map((d) => toLspDiagnostic(a.lines, uri, d)) });
    // The preview re-requests its data for the new version.
    const changed: AnalysisChangedParams = { uri, version };
    void connection.sendNotification(AnalysisChangedNotificationMethod, changed);
  } catch (err) {
    connection.console.error(`analysis of ${uri} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

connection.onInitialize((params): InitializeResult => {
  clientHasConfiguration = !!params.capabilities.workspace?.configuration;
  initialSettings = readSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      documentSymbolProvider: { label: 'Prototxt Lens' },
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
    },
    serverInfo: { name: 'prototxt-lens-server', version: VERSION },
  };
});

connection.onDidChangeConfiguration(async (change) => {
  if (!clientHasConfiguration) initialSettings = readSettings((change.settings as { prototxtLens?: unknown } | undefined)?.prototxtLens);
  // Read every open document's new settings before dropping the analyses, and swap both with no
  // await in between: a request answered meanwhile (VS Code asks for code actions whenever
  // diagnostics change) would otherwise analyse a document with the defaults and cache that for
  // its unchanged version, so the settings change would never show.
  const docs = documents.all();
  const fresh = await Promise.all(docs.map((doc) => fetchSettings(doc.uri)));
  settingsByUri.clear();
  docs.forEach((doc, i) => {
    const settings = fresh[i];
    if (settings) settingsByUri.set(doc.uri, settings);
  });
  cache.clear();
  for (const doc of docs) scheduler.schedule(doc.uri, true);
});

documents.onDidOpen(async (e) => {
  await refreshSettings(e.document.uri);
  cache.forget(e.document.uri);
  scheduler.schedule(e.document.uri, true);
});
documents.onDidChangeContent((e) => scheduler.schedule(e.document.uri));
documents.onDidClose((e) => {
  scheduler.cancel(e.document.uri);
  cache.forget(e.document.uri);
  settingsByUri.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

registerHover(ctx);
registerSymbols(ctx);
registerFolding(ctx);
registerCodeActions(ctx);
registerInspect(ctx);
registerSignal(ctx);

documents.listen(connection);
connection.listen();
