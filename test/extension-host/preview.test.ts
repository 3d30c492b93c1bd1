import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, activeApi, lineOf, openInEditor, waitFor, workspaceUri } from './helpers';

const VIEW_TYPE = 'prototxtLens.signalPreview';
const COMMAND = 'prototxtLens.previewSignal';

/** The preview's tabs (the workbench adds its own prefix to the extension's view type). */
function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

async function closePreviews(): Promise<void> {
  const tabs = previewTabs();
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

/** Exports the preview's CSV to `name` once the panel has data; returns the rows as objects. */
async function exportedRows(name: string, accept: (rows: Record<string, string>[]) => boolean = () => true): Promise<Record<string, string>[]> {
  const target = workspaceUri(name);
  return waitFor(`the preview's data in ${name}`, async () => {
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('prototxtLens.exportSignalCsv', target);
    if (!written) return undefined;
    const [head, ...lines] = Buffer.from(await vscode.workspace.fs.readFile(written)).toString('utf8').trim().split('\r\n');
    const keys = head.split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
    return accept(rows) ? rows : undefined;
  }, 20000);
}

/** Exports the chart the webview drew to `name` (once it has drawn one) and returns the bytes. */
async function chartPng(name: string): Promise<Uint8Array> {
  const target = workspaceUri(name);
  const written = await waitFor('a PNG from the webview', async () =>
    (await vscode.commands.executeCommand<vscode.Uri | undefined>('prototxtLens.exportSignalPng', target)) ?? undefined, 20000);
  return vscode.workspace.fs.readFile(written);
}

const value = (rows: Record<string, string>[], layer: string, scheme: string, direction = 'forward') =>
  Number(rows.find((r) => r.layer === layer && r.scheme === scheme && r.direction === direction)?.variance);

describe('signal variance preview', () => {
  before(async () => {
    await activeApi();
  });
  afterEach(closePreviews);

  it('is contributed: command in the palette, the editor title and the context menu of prototxt files; restored by a serializer', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const cmd = pkg.contributes.commands.find((c: { command: string }) => c.command === COMMAND);
    assert.strictEqual(`${cmd.category}: ${cmd.title}`, 'Prototxt Lens: Preview Signal Variance');
    for (const menu of ['commandPalette', 'editor/title', 'editor/context']) {
      const entry = pkg.contributes.menus[menu]?.find((m: { command: string }) => m.command === COMMAND);
      assert.ok(entry, `${menu} lists the preview`);
      assert.match(entry.when, /editorLangId == prototxt/, `${menu} offers it for prototxt editors`);
    }
    assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${VIEW_TYPE}`), 'a restored panel wakes the extension');
  });

  it('has its webview serializer registered (a second registration for the view type is refused)', () => {
    let second: vscode.Disposable | undefined;
    assert.throws(() => {
      second = vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, { deserializeWebviewPanel: async () => undefined });
    }, /already registered/);
    second?.dispose();
  });

  it('opens beside the editor, named after the file; running it again reuses the panel', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await openInEditor('healthy.prototxt');
    const editorColumn = vscode.window.activeTextEditor!.viewColumn;
    await vscode.commands.executeCommand(COMMAND);
    const tab = await waitFor('the preview tab', () => previewTabs()[0]);
    assert.strictEqual(tab.label, 'Signal Variance: healthy.prototxt');
    assert.notStrictEqual(tab.group.viewColumn, editorColumn, 'the preview sits beside the editor, not over it');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.path.endsWith('healthy.prototxt'), true, 'the editor keeps the focus');
    await vscode.commands.executeCommand(COMMAND);
    assert.strictEqual(previewTabs().length, 1, 'one preview');
  });

  it('follows the active prototxt editor and ignores other editors', async () => {
    await openInEditor('healthy.prototxt');
    await vscode.commands.executeCommand(COMMAND);
    await waitFor('the preview tab', () => previewTabs()[0]);
    const doc = await vscode.workspace.openTextDocument(workspaceUri('filler-mistakes.prototxt'));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    await waitFor('the preview to follow', () => (previewTabs()[0]?.label === 'Signal Variance: filler-mistakes.prototxt' ? true : undefined));
    const text = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'not a net' });
    await vscode.window.showTextDocument(text, { viewColumn: vscode.ViewColumn.One });
    await new Promise((r) => setTimeout(r, 300));
    assert.strictEqual(previewTabs()[0]?.label, 'Signal Variance: filler-mistakes.prototxt');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows the server\'s values for the followed net and updates them when a filler is edited', async () => {
    const doc = await openInEditor('signal-plain.prototxt');
    await vscode.commands.executeCommand(COMMAND);
    const before = await exportedRows('preview-before.csv');
    assert.deepStrictEqual([...new Set(before.map((r) => r.layer))].slice(0, 4), ['input', 'conv1', 'relu1', 'conv2']);
    // conv1: fan_in = 3·3·3 = 27; gaussian std 0.01 gives 27·1e-4 of the input's variance, msra
    // (2/fan_in) 2, xavier (1/fan_in) 1 — times (94/96)², since with pad 1 on a 32-wide map 2 of the
    // 3·32 taps along each axis read the zero padding.
    const pad = (94 / 96) ** 2;
    const near = (x: number, want: number) => Math.abs(x / want - 1) < 0.01;
    assert.ok(near(value(before, 'conv1', 'as-written'), 27e-4 * pad), `as-written conv1 = ${value(before, 'conv1', 'as-written')}`);
    assert.ok(near(value(before, 'conv1', 'msra'), 2 * pad), `msra conv1 = ${value(before, 'conv1', 'msra')}`);
    assert.ok(near(value(before, 'conv1', 'xavier'), pad), `xavier conv1 = ${value(before, 'conv1', 'xavier')}`);

    // Wait for the webview to be up (it answers the PNG request), so that only the edit itself can
    // bring the new values: a webview that loads late asks for fresh data when it is ready.
    await chartPng('preview-before.png');
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc)!;
    const line = lineOf(doc, 'std: 0.01');
    const col = doc.lineAt(line).text.indexOf('0.01');
    const range = new vscode.Range(line, col, line, col + 4);
    assert.ok(await editor.edit((e) => e.replace(range, '0.1')));
    try {
      const after = await exportedRows('preview-after.csv', (rows) => value(rows, 'conv1', 'as-written') > 0.01);
      assert.ok(near(value(after, 'conv1', 'as-written'), 0.27 * pad), `after the edit, as-written conv1 = ${value(after, 'conv1', 'as-written')}`);
      assert.strictEqual(value(after, 'conv1', 'msra'), value(before, 'conv1', 'msra'), 'the reference schemes do not depend on the written filler');
    } finally {
      await editor.edit((e) => e.replace(new vscode.Range(line, col, line, col + 3), '0.01'));
      await doc.save();
    }
  });

  it('catches up after being hidden: an edit made while another tab covered it shows when it comes back', async () => {
    const doc = await openInEditor('signal-plain.prototxt');
    const netColumn = vscode.window.activeTextEditor!.viewColumn!;
    await vscode.commands.executeCommand(COMMAND);
    await exportedRows('hidden-before.csv');
    await chartPng('hidden-before.png');
    const tab = await waitFor('the preview tab', () => previewTabs()[0]);
    const cover = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'covers the preview' });
    await vscode.window.showTextDocument(cover, { viewColumn: tab.group.viewColumn, preview: false });
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: netColumn });
    const line = lineOf(doc, 'std: 0.01');
    const col = doc.lineAt(line).text.indexOf('0.01');
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(line, col, line, col + 4), '0.1')));
    try {
      await new Promise((r) => setTimeout(r, 500));
      await vscode.commands.executeCommand(COMMAND); // brings the preview to the front again
      const after = await exportedRows('hidden-after.csv', (rows) => value(rows, 'conv1', 'as-written') > 0.01);
      assert.ok(value(after, 'conv1', 'as-written') > 0.2, `as-written conv1 = ${value(after, 'conv1', 'as-written')}`);
    } finally {
      await editor.edit((e) => e.replace(new vscode.Range(line, col, line, col + 3), '0.01'));
      await doc.save();
      await vscode.window.showTextDocument(cover, { viewColumn: tab.group.viewColumn });
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('exports the chart the webview drew as a PNG', async () => {
    await openInEditor('healthy.prototxt');
    await vscode.commands.executeCommand(COMMAND);
    await exportedRows('preview-healthy.csv');
    const bytes = await chartPng('preview-healthy.png');
    assert.deepStrictEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.ok(bytes.length > 5000, `a drawn chart, not an empty canvas (${bytes.length} bytes)`);
  });
});
