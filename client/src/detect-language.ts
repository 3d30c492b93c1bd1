/**
 * Switches generic text-proto files (.pbtxt, .txtpb, .textproto, .textpb) to the `prototxt`
 * language when their content is a Caffe net or solver. The manifest never claims those
 * extensions, so other text protos keep whatever language they had.
 */
import * as vscode from 'vscode';
import { DETECT_WINDOW, isTextprotoPath, looksLikeCaffeText } from '../../server/src/core/schema/caffe-detect';

export function registerCaffeTextprotoDetection(context: vscode.ExtensionContext): void {
  // Each document is judged once while it stays open: switching a language fires close + open
  // for the same uri, and judging again would fight a user who switched the file back by hand.
  const judged = new Set<string>();

  const judge = (doc: vscode.TextDocument): void => {
    const key = doc.uri.toString();
    if (judged.has(key) || !isTextprotoPath(doc.uri.path)) return;
    judged.add(key);
    if (doc.languageId === 'prototxt') return;
    const head = doc.getText(new vscode.Range(new vscode.Position(0, 0), doc.positionAt(DETECT_WINDOW)));
    if (!looksLikeCaffeText(head)) return;
    vscode.languages.setTextDocumentLanguage(doc, 'prototxt').then(undefined, (err: unknown) => {
      console.warn(`Prototxt Lens: could not switch ${doc.uri.fsPath} to prototxt: ${String(err)}`);
    });
  };

  const forget = (doc: vscode.TextDocument): void => {
    const key = doc.uri.toString();
    // A language switch reopens the document within the same turn; only a real close forgets it.
    setTimeout(() => {
      if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) judged.delete(key);
    }, 0);
  };

  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(judge), vscode.workspace.onDidCloseTextDocument(forget));
  for (const doc of vscode.workspace.textDocuments) judge(doc);
}
