/**
 * The VS Code side of Prototxt Lens: starts the language server and wires commands. All analysis
 * happens in the server; this file only connects VS Code to it.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerInspectCommand } from './commands/inspect';
import { registerPhaseControls } from './commands/phase';
import { registerCaffeTextprotoDetection } from './detect-language';
import { registerPreview } from './preview/register';

export interface PrototxtLensApi {
  client: LanguageClient;
  /** Time spent in activate(), in milliseconds (the server starts in the background). */
  activationMs: number;
  /** Settles when the language server is up. */
  ready: Promise<void>;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): PrototxtLensApi {
  const started = performance.now();
  // Before the client starts, so a Caffe .pbtxt reaches the server as prototxt from the first sync.
  registerCaffeTextprotoDetection(context);
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'prototxt' }],
    synchronize: { configurationSection: 'prototxtLens' },
  };
  const languageClient = new LanguageClient('prototxtLens', 'Prototxt Lens', serverOptions, clientOptions);
  client = languageClient;

  registerInspectCommand(context, languageClient);
  registerPhaseControls(context);
  registerPreview(context, languageClient);
  context.subscriptions.push(
    vscode.commands.registerCommand('prototxtLens.restartServer', async () => {
      await languageClient.restart();
      return 'restarted';
    }),
  );

  // Do not hold activation up for the server process: it reports in when it is up.
  const ready = languageClient.start();
  return { client: languageClient, activationMs: performance.now() - started, ready };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
