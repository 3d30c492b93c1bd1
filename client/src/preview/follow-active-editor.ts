/**
 * The preview follows the prototxt editor the user works in: each time a prototxt editor becomes
 * active it switches to that document. Other editors (and focusing the preview itself, which
 * leaves no active text editor) leave it where it is.
 */
import * as vscode from 'vscode';

export function isPrototxt(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'prototxt';
}

/** Remembers the last prototxt document the user had active, for commands run from elsewhere. */
export class ActivePrototxtTracker implements vscode.Disposable {
  private last: vscode.TextDocument | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(onFollow: (doc: vscode.TextDocument) => void) {
    const initial = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].find((e) => e && isPrototxt(e.document));
    this.last = initial?.document;
    this.subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (!editor || !isPrototxt(editor.document)) return;
      this.last = editor.document;
      onFollow(editor.document);
    });
  }

  /** The active prototxt document, else the last one that was active and is still open. */
  document(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor?.document;
    if (active && isPrototxt(active)) return active;
    return this.last && !this.last.isClosed ? this.last : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
