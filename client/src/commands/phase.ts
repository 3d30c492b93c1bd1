/**
 * The analysed phase in the editor. Caffe builds a different net per phase (include/exclude rules),
 * and the language server analyses the one the `prototxtLens.phase` setting names. A status-bar item
 * shows it while a prototxt file is open; clicking it, or running "Prototxt Lens: Set Analysed
 * Phase" (prototxtLens.setPhase), writes the setting, and the server re-analyses on the change.
 */
import * as vscode from 'vscode';

const PHASES = ['TRAIN', 'TEST'] as const;
type Phase = (typeof PHASES)[number];

const DETAIL: Record<Phase, string> = {
  TRAIN: 'The net Caffe trains: layers with include { phase: TRAIN } or no rules.',
  TEST: 'The net Caffe tests and deploys with: layers with include { phase: TEST } or no rules.',
};

function asPhase(value: unknown): Phase | undefined {
  const upper = typeof value === 'string' ? value.toUpperCase() : undefined;
  return PHASES.find((p) => p === upper);
}

function scopeUri(): vscode.Uri | undefined {
  return vscode.window.activeTextEditor?.document.uri;
}

export function analysedPhase(): Phase {
  return asPhase(vscode.workspace.getConfiguration('prototxtLens', scopeUri()).get('phase')) ?? 'TRAIN';
}

/**
 * Write where the value that is in effect comes from, so that the change takes effect. Never to a
 * workspace folder: the setting is window-scoped, so VS Code refuses folder writes, and in a
 * single-folder workspace inspect() reports the workspace's own value as the folder's too.
 */
function target(config: vscode.WorkspaceConfiguration): vscode.ConfigurationTarget {
  const where = config.inspect('phase');
  if (where?.workspaceValue !== undefined || vscode.workspace.workspaceFolders?.length) return vscode.ConfigurationTarget.Workspace;
  return vscode.ConfigurationTarget.Global;
}

async function pickPhase(current: Phase): Promise<Phase | undefined> {
  const items = PHASES.map((p) => ({ label: p, description: p === current ? 'analysed now' : undefined, detail: DETAIL[p], phase: p }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Prototxt Lens: Set Analysed Phase', placeHolder: `Analysed phase: ${current}` });
  return picked?.phase;
}

/** The status-bar item and the prototxtLens.setPhase command (which takes an optional "TRAIN"/"TEST" argument). */
export function registerPhaseControls(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('prototxtLens.phase', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Prototxt Lens: Analysed Phase';
  item.command = 'prototxtLens.setPhase';

  const refresh = (): void => {
    const phase = analysedPhase();
    item.text = `$(layers) ${phase}`;
    item.tooltip = `Prototxt Lens analyses the ${phase} net. Click to switch the phase.`;
    if (vscode.window.activeTextEditor?.document.languageId === 'prototxt') item.show();
    else item.hide();
  };

  context.subscriptions.push(
    item,
    vscode.commands.registerCommand('prototxtLens.setPhase', async (requested?: unknown): Promise<Phase | undefined> => {
      const current = analysedPhase();
      const phase = asPhase(requested) ?? (await pickPhase(current));
      if (!phase) return undefined;
      if (phase !== current) {
        const config = vscode.workspace.getConfiguration('prototxtLens', scopeUri());
        await config.update('phase', phase, target(config));
      }
      refresh();
      return phase;
    }),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('prototxtLens.phase')) refresh();
    }),
  );
  refresh();
}
