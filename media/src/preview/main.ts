/**
 * The variance preview's webview script (bundled with Chart.js into media/dist/preview.js): takes
 * the extension's messages (the server's signal data, or why there is none), draws the chart, the
 * notes, the toggles and the hidden data table, and asks the extension to reveal layers and save
 * exports. Saved state (followed document, toggles) survives hiding the panel and reloading.
 */
import type { SignalResult } from '../../../server/src/protocol';
import { DEFAULT_PREVIEW_STATE, type PreviewState, type ToWebview, type UpdateTiming } from '../../../client/src/preview/webview-messages';
import { ChartView } from './chart-view';
import { fillDataTable } from './data-table';
import { byId } from './dom';
import { showNotes } from './notes';
import { plotModel } from './plot-model';
import { readTheme, watchTheme } from './theme';
import { fillSchemeToggles, wireDirectionToggles } from './toggles';
import { vscode } from './vscode-api';

const body = document.body;

// Anything the content security policy blocks is counted where the tests (and a curious user
// with the webview developer tools) can see it.
let cspViolations = 0;
document.addEventListener('securitypolicyviolation', (e) => {
  cspViolations++;
  body.dataset.cspViolations = String(cspViolations);
  console.error(`Prototxt Lens preview: the content security policy blocked ${e.blockedURI || 'inline content'} (${e.violatedDirective})`);
});

const saved = vscode.getState();
const state: PreviewState = {
  ...DEFAULT_PREVIEW_STATE,
  ...(saved ?? {}),
  hiddenSchemes: Array.isArray(saved?.hiddenSchemes) ? saved.hiddenSchemes.filter((s) => typeof s === 'string') : [],
};
const save = () => vscode.setState(state);

let shown: { file: string; result: SignalResult; timing?: UpdateTiming } | undefined;

let theme = readTheme();
const chartBox = byId('chart-box');
const view = new ChartView(byId<HTMLCanvasElement>('chart'), byId('tooltip'), theme, (layer) => vscode.postMessage({ type: 'reveal', layer }));
const exportButtons = [byId<HTMLButtonElement>('export-png'), byId<HTMLButtonElement>('export-csv')];

function setHeading(file: string | undefined, detail: string): void {
  const h = byId('file');
  h.textContent = file ? `${file} — ${detail}` : detail;
}

function draw(): void {
  if (!shown) return;
  const { result, file } = shown;
  const model = plotModel(result, state);
  fillSchemeToggles(result.series, state, (scheme, i) => theme.seriesColour(scheme, i), (scheme, on) => {
    state.hiddenSchemes = on ? state.hiddenSchemes.filter((s) => s !== scheme) : [...new Set([...state.hiddenSchemes, scheme])];
    save();
    draw();
  });
  setHeading(file, `${result.layers.length} layer${result.layers.length === 1 ? '' : 's'}`);
  const plottable = model.anyKnown && result.layers.length > 0;
  const notes = result.notes.length ? result.notes
    : !result.layers.length ? [{ message: 'The net has no layers to plot.', fix: 'Add layers, or check that the phase in the status bar is the one the layers belong to.' }]
      : plottable ? [] : [{ message: 'No layer has a known variance.' }];
  showNotes(notes, plottable ? 'Some values are unknown' : 'Nothing to plot yet');
  chartBox.hidden = !plottable;
  body.dataset.view = plottable ? 'chart' : 'notes';
  for (const b of exportButtons) b.disabled = !plottable;
  if (plottable) view.show(result, model);
  fillDataTable(byId<HTMLTableElement>('data-table'), result, model);
}

function showEmpty(file: string | undefined, message: string, fix?: string): void {
  shown = undefined;
  setHeading(file, 'no data');
  showNotes([{ message, fix }], 'Nothing to plot');
  chartBox.hidden = true;
  for (const b of exportButtons) b.disabled = true;
  body.dataset.view = 'empty';
}

/** Records when the new data reached the screen: the frame after the synchronous draw. */
function stampRepaint(timing: UpdateTiming, receivedAt: number, drawMs: number, version: number): void {
  requestAnimationFrame(() => {
    const paintedAt = Date.now();
    body.dataset.version = String(version);
    body.dataset.paintedAt = String(paintedAt);
    if (timing.editedAt !== undefined) body.dataset.repaintMs = String(paintedAt - timing.editedAt);
    body.dataset.timing = JSON.stringify({ ...timing, receivedAt, drawMs: +drawMs.toFixed(1), paintedAt });
  });
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  switch (m?.type) {
    case 'signal': {
      const receivedAt = Date.now();
      const t0 = performance.now();
      shown = { file: m.file, result: m.result, timing: m.timing };
      state.uri = m.uri;
      save();
      draw();
      stampRepaint(m.timing, receivedAt, performance.now() - t0, m.result.version);
      break;
    }
    case 'empty':
      if (m.uri) state.uri = m.uri;
      save();
      showEmpty(m.file, m.message, m.fix);
      break;
    case 'request-png':
      vscode.postMessage({ type: 'png', id: m.id, dataUrl: shown && !chartBox.hidden ? view.pngDataUrl() : null });
      break;
  }
});

wireDirectionToggles(state, (forward, backward) => {
  state.showForward = forward;
  state.showBackward = backward;
  save();
  draw();
});
byId('export-png').addEventListener('click', () => vscode.postMessage({ type: 'export-png' }));
byId('export-csv').addEventListener('click', () => vscode.postMessage({ type: 'export-csv' }));
watchTheme(() => {
  theme = readTheme();
  view.setTheme(theme);
  draw();
});
for (const b of exportButtons) b.disabled = true;
setHeading(undefined, 'Waiting for the analysis…');
body.dataset.view = 'waiting';
save();
vscode.postMessage({ type: 'ready' });
