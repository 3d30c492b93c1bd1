/**
 * "Prototxt Lens: Preview Signal Variance" and everything that keeps the preview current: the
 * command (palette, editor title, context menu), the serializer that restores it after a reload,
 * following the active prototxt editor, edits, the server's re-analysis notifications, and the
 * export commands.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { AnalysisChangedNotificationMethod, type AnalysisChangedParams } from '../../../server/src/protocol';
import { ActivePrototxtTracker } from './follow-active-editor';
import { SignalPreviewPanel } from './panel';
import { registerPreviewSerializer } from './serializer';

export const PREVIEW_COMMAND = 'prototxtLens.previewSignal';

export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  let current: SignalPreviewPanel | undefined;
  const adopt = (preview: SignalPreviewPanel): SignalPreviewPanel => {
    if (current && current !== preview) current.dispose();
    current = preview;
    preview.onDidDispose(() => {
      if (current === preview) current = undefined;
    });
    return preview;
  };
  const tracker = new ActivePrototxtTracker((doc) => current?.follow(doc));

  const openDocument = async (uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> => {
    if (!uri) return undefined;
    try {
      return await vscode.workspace.openTextDocument(uri);
    } catch {
      return undefined;
    }
  };

  context.subscriptions.push(
    tracker,
    vscode.commands.registerCommand(PREVIEW_COMMAND, async (resource?: unknown) => {
      const doc = resource instanceof vscode.Uri ? await openDocument(resource) : tracker.document();
      if (!doc) {
        void vscode.window.showInformationMessage('Open a prototxt file to preview how its signal variance propagates.');
        return;
      }
      const existing = current;
      const preview = existing ?? adopt(SignalPreviewPanel.create(context.extensionUri, client));
      preview.follow(doc);
      if (existing) preview.reveal();
    }),
    registerPreviewSerializer(async (panel, state) => {
      const preview = adopt(SignalPreviewPanel.revive(panel, context.extensionUri, client));
      const saved = state?.uri ? await openDocument(client.protocol2CodeConverter.asUri(state.uri)) : undefined;
      const doc = saved ?? tracker.document();
      if (doc) preview.follow(doc);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) current?.documentChanged(e.document);
    }),
    client.onNotification(AnalysisChangedNotificationMethod, (p: AnalysisChangedParams) => current?.analysisChanged(p.uri)),
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) current?.refresh();
    }),
    vscode.commands.registerCommand('prototxtLens.exportSignalPng', (target?: vscode.Uri) => current?.exportPng(target)),
    vscode.commands.registerCommand('prototxtLens.exportSignalCsv', (target?: vscode.Uri) => current?.exportCsv(target)),
    { dispose: () => current?.dispose() },
  );
}
