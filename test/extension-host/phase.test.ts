// The analysed phase (issue 4): prototxtLens.phase, the command "Prototxt Lens: Set Analysed Phase"
// (prototxtLens.setPhase), and net-level wiring errors in Caffe's words. The fixture
// phase-wiring.prototxt has a TRAIN-only loss that reads the misspelt "lable" and a TEST-only
// accuracy that reads "score", which no layer produces: each phase sees exactly one of them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { describeDiagnostics, diagnosticCode, lineOf, openInEditor, sleep, waitFor, waitForDiagnostics } from './helpers';

const FILE = 'phase-wiring.prototxt';
const config = () => vscode.workspace.getConfiguration('prototxtLens');
const unknownBottoms = (ds: readonly vscode.Diagnostic[]) => ds.filter((d) => diagnosticCode(d) === 'unknown-bottom');
const mentions = (ds: readonly vscode.Diagnostic[], blob: string) => unknownBottoms(ds).some((d) => d.message.includes(`'${blob}'`));

/** Waits until the fixture shows the wiring error of `phase` and not the other one's. */
function wiringOf(doc: vscode.TextDocument, phase: 'TRAIN' | 'TEST'): Promise<readonly vscode.Diagnostic[]> {
  const [seen, gone] = phase === 'TRAIN' ? ['lable', 'score'] : ['score', 'lable'];
  return waitForDiagnostics(doc.uri, `the ${phase} net's wiring error ('${seen}' without '${gone}')`, (ds) => mentions(ds, seen) && !mentions(ds, gone));
}

describe('analysed phase and net wiring', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    doc = await openInEditor(FILE);
  });
  after(async () => {
    // Leave the workspace as it was: no phase setting of its own.
    await config().update('phase', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('TRAIN by default: an unknown bottom blob is an error in Caffe\'s words, on the bottom\'s value', async () => {
    assert.strictEqual(config().get('phase'), 'TRAIN');
    const ds = await wiringOf(doc, 'TRAIN');
    const d = unknownBottoms(ds).find((x) => x.message.includes("'lable'"))!;
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    // src/caffe/net.cpp: LOG(FATAL) << "Unknown bottom blob '" << blob_name << "' (layer '" << layer_name << "', bottom index " << bottom_id << ")"
    assert.match(d.message, /^Unknown bottom blob 'lable' \(layer 'loss', bottom index 1\)\. Did you mean 'label'\?$/);
    assert.strictEqual(d.range.start.line, lineOf(doc, 'bottom: "lable"'));
    assert.strictEqual(doc.getText(d.range), '"lable"');
  });

  it('"Set Analysed Phase" with TEST writes the setting and swaps the TRAIN-only error for the TEST-only one', async () => {
    await wiringOf(doc, 'TRAIN');
    const picked = await vscode.commands.executeCommand('prototxtLens.setPhase', 'TEST');
    assert.strictEqual(picked, 'TEST');
    assert.strictEqual(config().get('phase'), 'TEST');
    assert.strictEqual(config().inspect('phase')?.workspaceValue, 'TEST', 'written to the workspace settings');
    const ds = await wiringOf(doc, 'TEST');
    const d = unknownBottoms(ds).find((x) => x.message.includes("'score'"))!;
    assert.strictEqual(d.message, "Unknown bottom blob 'score' (layer 'accuracy', bottom index 0)");
    assert.strictEqual(d.range.start.line, lineOf(doc, 'bottom: "score"'));
    assert.strictEqual(unknownBottoms(ds).length, 1, describeDiagnostics(ds));

    assert.strictEqual(await vscode.commands.executeCommand('prototxtLens.setPhase', 'TRAIN'), 'TRAIN');
    await wiringOf(doc, 'TRAIN');
  });

  it('without an argument the command asks with a quick pick, and the pick takes effect', async () => {
    await wiringOf(doc, 'TRAIN');
    const answer = vscode.commands.executeCommand<string | undefined>('prototxtLens.setPhase');
    // The quick pick lists TRAIN (analysed now) then TEST: move to TEST and accept, as the keys do.
    await sleep(800);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.strictEqual(await answer, 'TEST');
    await waitFor('the setting to be TEST', () => (config().get('phase') === 'TEST' ? true : undefined));
    await wiringOf(doc, 'TEST');
    await vscode.commands.executeCommand('prototxtLens.setPhase', 'TRAIN');
    await wiringOf(doc, 'TRAIN');
  });
});
