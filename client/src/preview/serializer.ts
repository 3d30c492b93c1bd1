/**
 * Brings the preview back after a window reload: VS Code keeps the webview's saved state
 * (`vscode.setState` in media/src/preview: the followed document and the toggles) and hands it to
 * this serializer, which re-creates the panel's content and follows the same document again.
 * The `onWebviewPanel:prototxtLens.signalPreview` activation event in package.json wakes the
 * extension for it.
 */
import * as vscode from 'vscode';
import { PREVIEW_VIEW_TYPE, type PreviewState } from './webview-messages';

export type Reviver = (panel: vscode.WebviewPanel, state: Partial<PreviewState> | undefined) => Promise<void>;

export function registerPreviewSerializer(revive: Reviver): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
    deserializeWebviewPanel: (panel, state: unknown) =>
      revive(panel, state && typeof state === 'object' ? (state as Partial<PreviewState>) : undefined),
  });
}
