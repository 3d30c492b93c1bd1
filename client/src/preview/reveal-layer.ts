/**
 * Clicking a point in the preview shows its layer in the editor: the layer's name is selected in
 * the editor that shows the net (or the net is opened in the first column), scrolled into view.
 */
import * as vscode from 'vscode';
import type { SignalLayer } from '../../../server/src/protocol';

/** The layer's name at (line, character): the quoted string there, or the word. */
function nameRange(doc: vscode.TextDocument, at: vscode.Position): vscode.Range {
  const text = doc.lineAt(Math.min(at.line, doc.lineCount - 1)).text;
  const quote = text[at.character];
  if (quote === '"' || quote === "'") {
    const end = text.indexOf(quote, at.character + 1);
    if (end > at.character) return new vscode.Range(at.line, at.character + 1, at.line, end);
  }
  return doc.getWordRangeAtPosition(at) ?? new vscode.Range(at, at);
}

export async function revealLayer(uri: vscode.Uri, layer: SignalLayer | undefined): Promise<vscode.TextEditor | undefined> {
  if (!layer) return undefined;
  const doc = await vscode.workspace.openTextDocument(uri);
  const at = doc.validatePosition(new vscode.Position(layer.line, layer.character));
  const range = nameRange(doc, at);
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(doc, {
    viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One,
    selection: new vscode.Selection(range.start, range.end),
    preserveFocus: false,
  });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
