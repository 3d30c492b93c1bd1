import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { InspectRequestMethod, type InspectParams, type InspectResult } from '../../../server/src/protocol';

/** "Prototxt Lens: Inspect Net as JSON": the `caffe-lint inspect` report of the active file, in a new editor. */
export function registerInspectCommand(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('prototxtLens.inspect', async (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target) {
        void vscode.window.showInformationMessage('Open a prototxt file to inspect it.');
        return undefined;
      }
      const params: InspectParams = { uri: target.toString() };
      const report = await client.sendRequest<InspectResult>(InspectRequestMethod, params);
      if (!report) {
        void vscode.window.showWarningMessage('Prototxt Lens has no analysis for this file (is it a prototxt file?).');
        return undefined;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(report, null, 2) });
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
      return report;
    }),
  );
}
