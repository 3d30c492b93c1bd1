import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, lineOf, openInEditor, waitFor, waitForDiagnostics } from './helpers';

describe('commands', () => {
  it('the manifest contributes the commands under the "Prototxt Lens" category and they are registered', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: { command: string; title: string; category?: string }[] = ext.packageJSON.contributes?.commands ?? [];
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of ['prototxtLens.inspect', 'prototxtLens.restartServer']) {
      const c = contributed.find((x) => x.command === id);
      assert.ok(c, `${id} is contributed in package.json`);
      assert.match(`${c.category ?? ''}: ${c.title}`, /Prototxt Lens/);
      assert.ok(registered.has(id), `${id} is registered after activation`);
    }
  });

  it('"Inspect Net as JSON" opens the analysis of the active net in a JSON editor', async () => {
    const net = await openInEditor('healthy.prototxt');
    await vscode.commands.executeCommand('prototxtLens.inspect');
    const editor = await waitFor('a JSON editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.toString() !== net.uri.toString() && e.document.languageId === 'json' ? e : undefined;
    });
    const report = JSON.parse(editor.document.getText());
    const text = JSON.stringify(report);
    for (const layer of ['conv1', 'pool2', 'fc1']) assert.ok(text.includes(`"${layer}"`), `report mentions ${layer}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('"Restart Language Server" brings the server back, answering edits', async () => {
    const doc = await openInEditor('unknown-field.prototxt');
    await waitForDiagnostics(doc.uri, 'the first analysis', (d) => d.some((x) => /bn_param/.test(x.message)));
    await vscode.commands.executeCommand('prototxtLens.restartServer');
    const editor = vscode.window.activeTextEditor!;
    const at = new vscode.Position(lineOf(doc, 'name: "ForkedBatchNorm"') + 1, 0);
    const probe = 'restart_probe_field: 1\n';
    assert.ok(await editor.edit((e) => e.insert(at, probe)));
    try {
      const ds = await waitForDiagnostics(doc.uri, 'a diagnostic from the restarted server',
        (d) => d.some((x) => /restart_probe_field/.test(x.message)) && d.some((x) => /bn_param/.test(x.message)));
      assert.strictEqual(ds.find((x) => /restart_probe_field/.test(x.message))!.range.start.line, at.line);
    } finally {
      await editor.edit((e) => e.delete(new vscode.Range(at, at.translate(1))));
    }
    assert.ok(!doc.getText().includes('restart_probe_field'), 'probe line removed');
    await waitForDiagnostics(doc.uri, 'the probe diagnostic to go', (d) => !d.some((x) => /restart_probe_field/.test(x.message)));
  });
});
