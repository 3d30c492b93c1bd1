// Issue 4 in the editor: the filler diagnostics on examples/filler-mistakes.prototxt, their quick
// fixes (the lightbulb's code actions, applied as a user accepting them would), and the hovers of a
// filler, a layer and a bottom blob. Titles and texts are the server's (server/src/core/lint/*.ts,
// server/src/core/features/*-hover.ts); the numbers are Caffe's (filler.hpp: fan_in =
// count/shape(0), fan_out = count/shape(1)).
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  describeDiagnostics, diagnosticCode, hoverText, lineOf, openInEditor, positionOf, quickFixes, restoreText, waitFor, waitForDiagnostics,
} from './helpers';

const FILE = 'filler-mistakes.prototxt';
const FILLER_CODES = [
  'missing-weight-filler', 'filler-scale', 'unknown-filler-type', 'filler-param-ignored', 'activation-mismatch',
  'fan-filler-on-bias', 'prelu-scale-filler', 'bilinear-not-deconvolution', 'nonzero-mean-weights', 'filler-param-invalid',
];

const withCode = (ds: readonly vscode.Diagnostic[], code: string) => ds.filter((d) => diagnosticCode(d) === code);

/** The example's diagnostics once the server has analysed it (all ten mistakes reported). */
function analysed(doc: vscode.TextDocument): Promise<readonly vscode.Diagnostic[]> {
  return waitForDiagnostics(doc.uri, `the diagnostics of ${FILE}`, (ds) => FILLER_CODES.every((c) => withCode(ds, c).length > 0));
}

/** The hover at `pos` once the server answers with one containing `marker`. */
function hoverWith(doc: vscode.TextDocument, pos: vscode.Position, marker: string): Promise<string> {
  return waitFor(`a hover with "${marker}"`, async () => {
    const text = await hoverText(doc.uri, pos);
    return text.includes(marker) ? text : undefined;
  });
}

/** The quick fix titled `title` for the diagnostic `d`, applied; returns once the edit is in the text. */
async function applyFix(doc: vscode.TextDocument, d: vscode.Diagnostic, title: string): Promise<void> {
  const fixes = await quickFixes(doc.uri, d.range);
  const fix = fixes.find((f) => f.title === title);
  assert.ok(fix, `no quick fix "${title}"; offered: ${JSON.stringify(fixes.map((f) => f.title))}`);
  assert.strictEqual(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
  assert.ok(fix.edit, `"${title}" carries an edit`);
  const version = doc.version;
  assert.ok(await vscode.workspace.applyEdit(fix.edit), `"${title}" applied`);
  assert.ok(doc.version > version, 'the edit changed the document');
}

describe('filler diagnostics, quick fixes and hovers', () => {
  let doc: vscode.TextDocument;
  let original: string;
  before(async () => {
    doc = await openInEditor(FILE);
    original = doc.getText();
  });
  afterEach(async () => {
    await restoreText(doc, original);
  });

  it('the example shows each kind of filler diagnostic once, on the lines its comments describe', async () => {
    const ds = await analysed(doc);
    const counts = Object.fromEntries(FILLER_CODES.map((c) => [c, withCode(ds, c).length]));
    assert.deepStrictEqual(counts, Object.fromEntries(FILLER_CODES.map((c) => [c, 1])), describeDiagnostics(ds));
    // Every mistake sits under the comment that names its code.
    for (const code of FILLER_CODES) {
      const d = withCode(ds, code)[0];
      const comment = lineOf(doc, `. ${code}`);
      const next = FILLER_CODES.map((c) => lineOf(doc, `. ${c}`)).filter((l) => l > comment).sort((a, b) => a - b)[0] ?? doc.lineCount;
      assert.ok(d.range.start.line > comment && d.range.start.line < next, `${code} on line ${d.range.start.line + 1}, not in its section`);
    }
  });

  it('filler-scale: a warning on "std: 0.01" of a convolution ahead of a ReLU, with the numbers', async () => {
    const ds = await analysed(doc);
    const d = withCode(ds, 'filler-scale')[0];
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(d.range.start.line, lineOf(doc, 'std: 0.01'));
    assert.strictEqual(doc.getText(d.range), 'std: 0.01');
    // conv2: 32 inputs × 3×3 → fan_in 288; He 2/288 = 0.006944; 0.0001 is 69.44× smaller.
    assert.match(d.message, /Var\(W\) = 0\.0001, 69\.44× smaller than the 0\.006944 recommended ahead of ReLU \(He: 2\/fan_in, fan_in = 288\)/);
    assert.strictEqual(d.source, 'prototxt-lens');
  });

  it('missing-weight-filler: a warning on the convolution_param of a convolution without weight_filler', async () => {
    const ds = await analysed(doc);
    const d = withCode(ds, 'missing-weight-filler')[0];
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(doc.getText(d.range), 'convolution_param');
    assert.strictEqual(d.range.start.line, lineOf(doc, 'convolution_param {', lineOf(doc, 'name: "conv1"')));
    assert.match(d.message, /Layer "conv1" \(Convolution\) has no weight_filler: Caffe fills its 32×3×3×3 weights with constant 0/);
  });

  it('unknown-filler-type: an error on "xaiver" in GetFiller\'s words, with a did-you-mean', async () => {
    const ds = await analysed(doc);
    const d = withCode(ds, 'unknown-filler-type')[0];
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(doc.getText(d.range), '"xaiver"');
    assert.match(d.message, /^Unknown filler name: xaiver\..*Did you mean "xavier"\?$/);
  });

  it('quick fix "Use msra …" replaces the gaussian filler and the filler-scale warning goes', async () => {
    const d = withCode(await analysed(doc), 'filler-scale')[0];
    const line = d.range.start.line;
    await applyFix(doc, d, 'Use msra (Var 2/fan_in = 0.006944)');
    assert.strictEqual(doc.lineAt(line).text, '    weight_filler { type: "msra" }');
    await waitForDiagnostics(doc.uri, 'the filler-scale warning to go', (ds) => withCode(ds, 'filler-scale').length === 0
      && withCode(ds, 'unknown-filler-type').length === 1);
  });

  it('quick fix "Add weight_filler msra …" inserts an indented line into convolution_param and the warning goes', async () => {
    const d = withCode(await analysed(doc), 'missing-weight-filler')[0];
    const pad = lineOf(doc, 'pad: 1', d.range.start.line);
    const linesBefore = doc.lineCount;
    // conv1: 3 inputs × 3×3 → fan_in 27, 2/27 = 0.07407; ReLU follows.
    await applyFix(doc, d, 'Add weight_filler msra (Var 2/fan_in = 0.07407): ReLU follows');
    assert.strictEqual(doc.lineCount, linesBefore + 1, 'one line inserted');
    assert.strictEqual(doc.lineAt(pad).text, '    pad: 1');
    assert.strictEqual(doc.lineAt(pad + 1).text, '    weight_filler { type: "msra" }', 'indented like its siblings');
    assert.strictEqual(doc.lineAt(pad + 2).text, '  }');
    await waitForDiagnostics(doc.uri, 'the missing-weight-filler warning to go', (ds) => withCode(ds, 'missing-weight-filler').length === 0
      && withCode(ds, 'filler-scale').length === 1);
  });

  it('quick fix "Change to "xavier"" corrects the misspelt type and the error goes', async () => {
    const d = withCode(await analysed(doc), 'unknown-filler-type')[0];
    const line = d.range.start.line;
    await applyFix(doc, d, 'Change to "xavier"');
    assert.strictEqual(doc.lineAt(line).text.trim(), 'weight_filler { type: "xavier" }');
    const ds = await waitForDiagnostics(doc.uri, 'the unknown-filler-type error to go', (x) => withCode(x, 'unknown-filler-type').length === 0
      && withCode(x, 'filler-scale').length === 1);
    // Now Caffe's xavier sits ahead of a ReLU: the information that msra fits takes its place.
    assert.ok(withCode(ds, 'activation-mismatch').some((x) => x.range.start.line === line), describeDiagnostics(ds));
  });

  it('hover on weight_filler: fan_in, fan_out, the filler\'s variance and the xavier / Glorot / He variances', async () => {
    const text = await hoverWith(doc, positionOf(doc, 'weight_filler { type: "gaussian" std: 0.01 }', 'weight_filler'), 'fan_out');
    const rows = text.replace(/\s+/g, ' ');
    for (const want of [
      '**weight_filler** of conv2 (Convolution): weight 32×32×3×3',
      '| fan_in | 288 |', '| fan_out | 288 |', '| filler | gaussian (std 0.01) |', '| variance | 0.0001 |', '| std | 0.01 |',
      '| Caffe xavier 1/n (FAN_IN, n = 288) | 0.003472 | 34.72× |',
      '| Glorot 2/(fan_in+fan_out) | 0.003472 | 34.72× |',
      '| He 2/fan_in | 0.006944 | 69.44× |',
      'Followed by ReLU (relu2).',
    ]) assert.ok(rows.includes(want), `hover lacks ${JSON.stringify(want)}: ${JSON.stringify(text)}`);
  });

  it('hover on a layer name: its top shape and its learnable parameters', async () => {
    const text = await hoverWith(doc, positionOf(doc, 'name: "conv2"', 'conv2'), 'Learnable parameters');
    assert.match(text, /\*\*conv2\*\* \(Convolution\)/);
    assert.match(text, /Top: `conv2` 32×32×32×32/);
    assert.match(text, /\| weight \| 32×32×3×3 \| 9216 \| gaussian \(std 0\.01\) \|/);
    assert.match(text, /\| bias \| 32 \| 32 \| constant 0 \(default\) \|/);
    assert.match(text, /Learnable parameters: 9248/);
  });

  it('hover on a bottom: the blob\'s shape and the layer that produced it (in place)', async () => {
    // conv2's bottom "conv1" is the output of relu1, which ran in place over conv1's.
    const text = await hoverWith(doc, positionOf(doc, 'bottom: "conv1"', 'conv1', lineOf(doc, 'name: "conv2"')), 'Produced by');
    assert.match(text, /Blob \*\*conv1\*\*: 32×32×32×32/);
    assert.match(text, /Produced by \*\*relu1\*\* \(ReLU\), in place over the output of conv1\./);
  });
});
