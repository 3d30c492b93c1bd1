/**
 * Saving what the preview shows: the chart as a PNG (drawn by the webview's canvas and posted back
 * as a data URL) and the data as CSV (from the last answer of the server). Both ask where to save
 * with the save dialog, next to the net by default, unless a target is given (the export commands
 * take one, for scripts and tests).
 */
import * as vscode from 'vscode';
import { signalCsv } from './csv';
import type { SignalPreviewPanel } from './panel';

const PNG_DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/;

/** `dir/net.variance.png` beside the net (or in the first workspace folder for an untitled one). */
function defaultTarget(preview: SignalPreviewPanel, extension: string): vscode.Uri | undefined {
  const doc = preview.uri;
  const stem = preview.fileName().replace(/\.[^.]*$/, '') || 'net';
  const name = `${stem}.variance.${extension}`;
  if (doc && doc.scheme !== 'untitled') return vscode.Uri.joinPath(doc, '..', name);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : undefined;
}

async function save(preview: SignalPreviewPanel, bytes: Uint8Array, extension: string, filter: string,
  target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const where = target ?? await vscode.window.showSaveDialog({
    title: `Save the signal variance ${extension === 'png' ? 'chart' : 'data'}`,
    defaultUri: defaultTarget(preview, extension),
    filters: { [filter]: [extension] },
  });
  if (!where) return undefined;
  await vscode.workspace.fs.writeFile(where, bytes);
  vscode.window.setStatusBarMessage(`Prototxt Lens: saved ${vscode.workspace.asRelativePath(where)}`, 5000);
  return where;
}

export async function exportChartPng(preview: SignalPreviewPanel, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const dataUrl = await preview.chartPng();
  const base64 = dataUrl ? PNG_DATA_URL.exec(dataUrl)?.[1] : undefined;
  if (!base64) {
    void vscode.window.showWarningMessage('Prototxt Lens: the preview has no chart to export (show the preview of a net with known values first).');
    return undefined;
  }
  return save(preview, Buffer.from(base64, 'base64'), 'png', 'PNG image', target);
}

export async function exportDataCsv(preview: SignalPreviewPanel, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const result = preview.result;
  if (!result) {
    void vscode.window.showWarningMessage('Prototxt Lens: the preview has no data to export yet.');
    return undefined;
  }
  return save(preview, Buffer.from(signalCsv(result), 'utf8'), 'csv', 'CSV', target);
}
