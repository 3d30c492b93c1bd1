import * as assert from 'assert';
import * as vscode from 'vscode';
import { describeDiagnostics, diagnosticCode, lineOf, openInEditor, waitForDiagnostics, workspaceUri } from './helpers';

const errors = (ds: readonly vscode.Diagnostic[]) => ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);

describe('diagnostics', () => {
  it('a misspelt field is an unknown-field error on its line, with the field underlined', async () => {
    const doc = await openInEditor('unknown-field.prototxt');
    const line = lineOf(doc, 'kernal_size');
    const ds = await waitForDiagnostics(doc.uri, `a diagnostic for kernal_size on line ${line + 1}`,
      (d) => d.some((x) => /kernal_size/.test(x.message) && x.range.start.line === line));
    const d = ds.find((x) => /kernal_size/.test(x.message))!;
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(diagnosticCode(d), 'unknown-field');
    assert.match(d.message, /"caffe\.ConvolutionParameter" has no field named "kernal_size"/);
    assert.strictEqual(doc.getText(d.range), 'kernal_size');
  });

  it("a field from a Caffe fork is an error in protobuf's own words", async () => {
    const doc = await openInEditor('unknown-field.prototxt');
    const line = lineOf(doc, 'bn_param {');
    const ds = await waitForDiagnostics(doc.uri, `a diagnostic for bn_param on line ${line + 1}`,
      (d) => d.some((x) => /bn_param/.test(x.message) && x.range.start.line === line));
    const d = ds.find((x) => /bn_param/.test(x.message))!;
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /Message type "caffe\.LayerParameter" has no field named "bn_param"\./);
    assert.strictEqual(doc.getText(d.range), 'bn_param');
  });

  it('syntax errors are reported on the lines where they are', async () => {
    const doc = await openInEditor('syntax-error.prototxt');
    const missingColon = lineOf(doc, 'num_output 20');
    const missingValue = lineOf(doc, 'decay_mult: }');
    const ds = await waitForDiagnostics(doc.uri, 'syntax errors on both mistakes', (d) => {
      const lines = new Set(errors(d).map((x) => x.range.start.line));
      return lines.has(missingColon) && lines.has(missingValue);
    });
    // The two slips are the only errors: the parser recovers and reads the rest of the net.
    const elsewhere = errors(ds).filter((x) => x.range.start.line !== missingColon && x.range.start.line !== missingValue);
    assert.deepStrictEqual(describeDiagnostics(elsewhere), '(none)');
  });

  it('the healthy example has no errors or warnings', async () => {
    const doc = await openInEditor('healthy.prototxt');
    // Open a file that is known to have an error after it: once that file's diagnostics have
    // arrived, the server has also answered for the healthy one (it handles documents in order).
    const probe = await vscode.workspace.openTextDocument(workspaceUri('unknown-field.prototxt'));
    await waitForDiagnostics(probe.uri, 'the probe file to be analysed', (d) => d.length > 0);
    const bad = vscode.languages.getDiagnostics(doc.uri)
      .filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(describeDiagnostics(bad), '(none)');
  });

  it('diagnostics follow edits: a typo appears as an error and goes when fixed', async () => {
    const doc = await openInEditor('healthy.prototxt');
    const editor = vscode.window.activeTextEditor!;
    const line = lineOf(doc, 'num_output: 32');
    const col = doc.lineAt(line).text.indexOf('num_output');
    const range = new vscode.Range(line, col, line, col + 'num_output'.length);
    assert.ok(await editor.edit((e) => e.replace(range, 'num_outptu')));
    try {
      const ds = await waitForDiagnostics(doc.uri, 'an error for num_outptu', (d) => errors(d).some((x) => /num_outptu/.test(x.message)));
      const d = errors(ds).find((x) => /num_outptu/.test(x.message))!;
      assert.strictEqual(d.range.start.line, line);
      assert.strictEqual(diagnosticCode(d), 'unknown-field');
    } finally {
      await editor.edit((e) => e.replace(new vscode.Range(line, col, line, col + 'num_outptu'.length), 'num_output'));
    }
    assert.ok(doc.getText().includes('num_output: 32'), 'the text is restored');
    await waitForDiagnostics(doc.uri, 'the error to go away', (d) => errors(d).length === 0);
  });
});
