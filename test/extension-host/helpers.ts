// Shared helpers for the extension-host tests: the workspace's files, the extension's API,
// waiting for the language server's asynchronous answers.
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'prototxt-lens.prototxt-lens';

/** What `activate()` returns (see client/src/extension.ts). */
export interface PrototxtLensApi {
  client: { isRunning?: () => boolean; state?: number };
  activationMs: number;
}

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder holding the example nets');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openInEditor(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

export async function activeApi(): Promise<PrototxtLensApi> {
  const ext = vscode.extensions.getExtension<PrototxtLensApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

/** Zero-based line of the first line containing `needle`. */
export function lineOf(doc: vscode.TextDocument, needle: string, from = 0): number {
  for (let i = from; i < doc.lineCount; i++) {
    if (doc.lineAt(i).text.includes(needle)) return i;
  }
  throw new Error(`"${needle}" not found in ${doc.uri.path}`);
}

/** Position inside the first occurrence of `word` on the first line containing `lineNeedle`. */
export function positionOf(doc: vscode.TextDocument, lineNeedle: string, word: string, from = 0): vscode.Position {
  const line = lineOf(doc, lineNeedle, from);
  const col = doc.lineAt(line).text.indexOf(word);
  assert.ok(col >= 0, `"${word}" not on line ${line + 1}`);
  return new vscode.Position(line, col + 1);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value that is not undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export function diagnosticCode(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** Waits until the diagnostics of `uri` satisfy `accept`, and returns them. */
export function waitForDiagnostics(uri: vscode.Uri, what: string,
  accept: (ds: readonly vscode.Diagnostic[]) => boolean, timeoutMs = 15000): Promise<readonly vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const ds = vscode.languages.getDiagnostics(uri);
    return accept(ds) ? ds : undefined;
  }, timeoutMs).catch((err: Error) => {
    throw new Error(`${err.message}; diagnostics now: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`);
  });
}

/** The plain text of the hovers at a position (markdown sources joined). */
export async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  return ds.map((d) => `L${d.range.start.line + 1} [${vscode.DiagnosticSeverity[d.severity]}] ${String(diagnosticCode(d))}: ${d.message}`).join('; ') || '(none)';
}

/** The quick fixes VS Code's lightbulb would offer for `range` (what Ctrl+. lists). */
export async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

/** Puts the whole text of `doc` back to `text` (after a test edited it), leaving it unsaved. */
export async function restoreText(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() === text) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the original text is restored');
}
