// UI checks of the signal variance preview (issue 5): what a user sees in its webview. Called by
// ui-checks.mjs after the editor checks, on the same page and workspace.
// Values are read from the webview's DOM: the visually hidden data table the chart is drawn from
// (what a screen reader reads), the tooltip element, and data attributes on <body> (version shown,
// when it was painted, CSP violations counted by the page).
import fs from 'node:fs';
import path from 'node:path';
import { eventually } from './lib/checks.mjs';
import { RESULTS_DIR } from './lib/paths.mjs';
import { focusEditor, openFile, runCommand, webviewFrame, wordCentre } from './lib/workbench.mjs';

const PLAIN = 'signal-plain.prototxt';
const HTML_NAMES = 'signal-html-name.prototxt';
const SHAPELESS = 'signal-no-input-shape.prototxt';
const EVIL = '<img src=x onerror=alert(1)>';

/** The data table: layer names and, per "scheme/direction", the numbers (null where unknown). */
async function plotted(frame) {
  return frame.locator('#data-table').evaluate((table) => {
    const rows = [...table.tBodies[0].rows];
    const values = {};
    for (const td of table.querySelectorAll('td.value')) {
      const key = `${td.dataset.scheme}/${td.dataset.direction}`;
      (values[key] ??= []).push(td.dataset.value === '' ? null : Number(td.dataset.value));
    }
    const plottedFlags = {};
    for (const td of table.querySelectorAll('tbody tr:first-child td.value')) plottedFlags[`${td.dataset.scheme}/${td.dataset.direction}`] = td.dataset.plotted === 'true';
    return {
      layers: rows.map((r) => r.querySelector('td.name').textContent),
      values,
      plotted: plottedFlags,
      version: Number(document.body.dataset.version ?? -1),
      view: document.body.dataset.view,
      heading: document.getElementById('file').textContent,
      csp: Number(document.body.dataset.cspViolations ?? 0),
    };
  });
}

async function bodyData(frame) {
  return frame.locator('body').evaluate((b) => ({ ...b.dataset }));
}

/** Waits until the preview shows `file` with a chart (or `view`), and returns what it plots. */
async function waitForPreviewOf(frame, file, { view = 'chart', timeout = 30000, accept = () => true } = {}) {
  return eventually(async () => {
    const p = await plotted(frame);
    if (!p.heading.startsWith(file)) throw new Error(`the preview shows ${JSON.stringify(p.heading)}`);
    if (p.view !== view) throw new Error(`view is ${p.view}`);
    if (!accept(p)) throw new Error(`not yet: ${JSON.stringify(p.values['as-written/forward'])}`);
    return p;
  }, { timeout, message: `the preview of ${file}` });
}

/**
 * Moves the mouse across the chart, as a user looking for a layer would, until the tooltip names
 * `layer`; returns the point and the tooltip's text.
 */
async function hoverLayer(page, frame, layer) {
  const box = await frame.locator('#chart').boundingBox();
  if (!box) throw new Error('the chart is not on screen');
  const y = box.y + box.height * 0.45;
  await page.mouse.move(box.x + 2, y);
  for (let x = box.x + 4; x < box.x + box.width; x += 6) {
    await page.mouse.move(x, y);
    const name = await frame.locator('#tooltip').evaluate((t) => (t.hidden ? null : t.querySelector('.tt-name')?.textContent));
    if (name === layer) return { x, y, text: await frame.locator('#tooltip').innerText() };
  }
  throw new Error(`no point of the chart shows the tooltip of ${layer}`);
}

/** Opens `name` in the first editor group (not over the preview, which sits in the second). */
async function openNet(page, name, expectText) {
  await page.keyboard.press('Control+1');
  await openFile(page, name, expectText, { pin: true });
}

// conv1 sums fan_in = 3·3·3 = 27 unit-variance inputs: gaussian std 0.01 gives 27·1e-4 of the
// input's variance, msra (2/fan_in) 2. With pad 1 on a 32-wide map, 2 of the 3·32 taps along each
// axis fall on the zero padding, so the mean over positions is (94/96)² of that.
const PAD = (94 / 96) ** 2;

const close = (a, b, rel = 0.01) => a !== null && b !== null && Math.abs(a / b - 1) < rel;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function previewChecks({ page, check, log, workspace, lineNumber }) {
  const frame = webviewFrame(page);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });

  await check('preview-opens-from-palette', async () => {
    // The Problems panel of earlier checks, if open: hide it to leave room for the chart.
    if (await page.locator('.part.panel').isVisible()) await runCommand(page, 'View: Hide Panel');
    await openNet(page, PLAIN, 'PlainGaussianStack');
    await focusEditor(page);
    await runCommand(page, 'Prototxt Lens: Preview Signal Variance');
    const tab = page.locator('.editor-group-container .tab', { hasText: `Signal Variance: ${PLAIN}` });
    await tab.waitFor({ timeout: 15000 });
    if ((await page.locator('.editor-group-container').count()) < 2) throw new Error('the preview did not open beside the editor');
    const p = await waitForPreviewOf(frame, PLAIN);
    // Every layer that writes a blob, in the order Caffe runs them (the loss ends the chain: no point).
    const want = ['input', 'conv1', 'relu1', 'conv2', 'relu2', 'conv3', 'relu3', 'conv4', 'relu4', 'conv5', 'relu5', 'fc'];
    if (p.layers.join(' ') !== want.join(' ')) throw new Error(`x axis: ${JSON.stringify(p.layers)}`);
    for (const key of ['as-written/forward', 'as-written/backward', 'xavier/forward', 'msra/forward', 'glorot/forward']) {
      if (!p.values[key]) throw new Error(`no ${key} line in ${Object.keys(p.values)}`);
    }
    const conv1 = p.layers.indexOf('conv1');
    const asWritten = p.values['as-written/forward'][conv1];
    const msra = p.values['msra/forward'][conv1];
    if (!close(asWritten, 27e-4 * PAD) || !close(msra, 2 * PAD)) throw new Error(`conv1 forward: as written ${asWritten}, msra ${msra}`);
    log(`    plotted conv1 forward: as written ${asWritten}, msra ${msra}; as written at conv5 ${p.values['as-written/forward'][p.layers.indexOf('conv5')]}`);
    if (p.csp) throw new Error(`${p.csp} content security policy violation(s) in the preview`);
  });

  await check('preview-tooltip', async () => {
    const p = await waitForPreviewOf(frame, PLAIN);
    const { text } = await hoverLayer(page, frame, 'conv2');
    const flat = text.replace(/\s+/g, ' ');
    log(`    tooltip: ${JSON.stringify(flat.slice(0, 160))}`);
    const conv2 = p.layers.indexOf('conv2');
    const fmt = (v) => (v >= 1e-3 && v < 1e4 ? String(Number(v.toPrecision(3))) : v.toExponential(2).replace(/\.?0*e\+?/, 'e'));
    for (const part of ['conv2', 'Convolution', 'top: 8 × 16 × 32 × 32', 'fan_in 144', 'fan_out 144', 'as written', 'msra', fmt(p.values['as-written/forward'][conv2])]) {
      if (!flat.includes(part)) throw new Error(`tooltip lacks ${JSON.stringify(part)}: ${flat}`);
    }
    await page.screenshot({ path: path.join(RESULTS_DIR, 'preview.png') });
  });

  await check('preview-follows-an-edit', async () => {
    await openNet(page, PLAIN); // scrolled anywhere: no text to wait for
    const first = await waitForPreviewOf(frame, PLAIN);
    const conv1 = first.layers.indexOf('conv1');
    const old = first.values['as-written/forward'][conv1];
    // Double-click "01" in conv1's "std: 0.01" (the dot separates words) and type 1: std 0.1.
    const at = await wordCentre(page, 'std: 0.01', '01');
    await page.mouse.dblclick(at.x, at.y);
    const samples = [];
    let expected = old * 100;
    for (let round = 0; round < 7; round++) {
      const before = (await plotted(frame)).version;
      const t0 = Date.now();
      if (round === 0) await page.keyboard.type('1');
      else await page.keyboard.press(round % 2 ? 'Control+Z' : 'Control+Shift+Z');
      const p = await waitForPreviewOf(frame, PLAIN, { accept: (x) => x.version > before && close(x.values['as-written/forward'][conv1], expected) });
      const d = await bodyData(frame);
      const t = JSON.parse(d.timing);
      samples.push({ repaint: Number(d.repaintMs), keystroke: Number(d.paintedAt) - t0, wait: t.requestedAt - t.editedAt, server: t.answeredAt - t.requestedAt, post: t.receivedAt - t.answeredAt, draw: t.paintedAt - t.receivedAt });
      if (round === 0) log(`    after std 0.01 → 0.1: as written at conv1 ${old} → ${p.values['as-written/forward'][conv1]} (version ${p.version})`);
      expected = round % 2 ? old * 100 : old;
    }
    const [first0] = samples;
    log(`    preview repaint after edit: ${median(samples.map((s) => s.repaint))} ms median, ${Math.max(...samples.map((s) => s.repaint))} ms max over ${samples.length} edits `
      + `(edit at the extension host → frame painted; first edit: debounce ${first0.wait}, server ${first0.server}, to webview ${first0.post}, draw+frame ${first0.draw} ms; `
      + `keystroke in the browser → painted ${median(samples.map((s) => s.keystroke))} ms median)`);
    await page.keyboard.press('Control+Z');
    await waitForPreviewOf(frame, PLAIN, { accept: (x) => close(x.values['as-written/forward'][conv1], old) });
  });

  await check('preview-click-reveals-layer', async () => {
    await waitForPreviewOf(frame, PLAIN);
    const { x, y } = await hoverLayer(page, frame, 'conv3');
    await page.mouse.click(x, y);
    const want = lineNumber(PLAIN, 'name: "conv3"');
    await eventually(async () => {
      const status = (await page.locator('#status\\.editor\\.selection').innerText()).trim();
      if (!status.startsWith(`Ln ${want},`)) throw new Error(`the cursor is at ${status}`);
    }, { timeout: 10000, message: `the editor did not reveal conv3 (line ${want})` });
    const tab = page.locator('.editor-group-container.active .tab.active', { hasText: PLAIN });
    if (!(await tab.count())) throw new Error('the net\'s editor is not the active one');
  });

  await check('preview-notes-when-unknown', async () => {
    await openNet(page, SHAPELESS, 'ShapelessNet');
    await eventually(async () => {
      const heading = await frame.locator('#file').textContent();
      if (!heading.startsWith(SHAPELESS)) throw new Error(heading);
    }, { timeout: 20000, message: 'the preview did not follow to the shapeless net' });
    const notes = frame.locator('#notes:not([hidden])');
    await notes.waitFor({ timeout: 10000 });
    const text = (await notes.innerText()).replace(/\s+/g, ' ');
    const fixes = await frame.locator('#notes .note-fix').allTextContents();
    log(`    notes: ${JSON.stringify(text.slice(0, 200))}`);
    if (!fixes.length || fixes.every((f) => !f.trim())) throw new Error(`the notes say no fix: ${text}`);
    if (!/shape|data|Python/i.test(text)) throw new Error(`the notes do not say what is unknown: ${text}`);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'preview-notes.png') });
  });

  await check('preview-escapes-layer-names', async () => {
    await openNet(page, HTML_NAMES, 'onerror');
    const p = await waitForPreviewOf(frame, HTML_NAMES);
    if (!p.layers.includes(EVIL) || !p.layers.includes('relu & <b>bold</b>')) throw new Error(`layer names read ${JSON.stringify(p.layers)}`);
    const { text } = await hoverLayer(page, frame, EVIL);
    if (!text.includes(EVIL)) throw new Error(`tooltip: ${text}`);
    const injected = await frame.locator('body').evaluate(() => ({
      elements: document.querySelectorAll('img, b, script:not([src]):not(#_vscodeApiScript)').length,
      title: document.title,
      csp: Number(document.body.dataset.cspViolations ?? 0),
    }));
    if (injected.elements) throw new Error(`${injected.elements} element(s) made from the file's text`);
    if (injected.title !== 'Signal Variance') throw new Error(`a script from the file ran: title ${injected.title}`);
    if (injected.csp) throw new Error(`${injected.csp} CSP violation(s): something tried to load or run`);
    if (dialogs.length) throw new Error(`dialogs opened: ${dialogs.join(', ')}`);
  });

  await check('preview-exports-csv-and-png', async () => {
    await openNet(page, PLAIN); // scrolled anywhere: no text to wait for
    await waitForPreviewOf(frame, PLAIN);
    for (const [button, file] of [['Export CSV', 'signal-plain.variance.csv'], ['Export PNG', 'signal-plain.variance.png']]) {
      await frame.locator('button', { hasText: button }).click();
      // VS Code for the Web asks with its own file dialog, filled in with the default path.
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 10000 });
      await eventually(async () => {
        const proposed = await input.inputValue();
        if (!proposed.endsWith(`/${file}`)) throw new Error(proposed);
      }, { timeout: 10000, message: 'the save dialog does not propose the file beside the net' });
      // Its OK button, not Enter: the Enter would also reach the Explorer, which gets the focus back.
      await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click();
      const target = path.join(workspace, file);
      await eventually(() => { if (!fs.existsSync(target) || !fs.statSync(target).size) throw new Error('not written'); }, { timeout: 10000, message: `${file} was not saved` });
      // And the Explorer lists it (its rows are recycled when it refreshes: later clicks wait for that).
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).waitFor({ timeout: 10000 });
    }
    const csv = fs.readFileSync(path.join(workspace, 'signal-plain.variance.csv'), 'utf8').split('\r\n');
    if (!csv[0].startsWith('index,layer,type') || !csv.some((l) => l.startsWith('1,conv1,Convolution,8 16 32 32,27,144,as-written,forward,'))) {
      throw new Error(`CSV: ${csv.slice(0, 4).join(' | ')}`);
    }
    const png = fs.readFileSync(path.join(workspace, 'signal-plain.variance.png'));
    if (png.subarray(1, 4).toString() !== 'PNG' || png.length < 5000) throw new Error(`PNG: ${png.length} bytes`);
  });

  await check('preview-follows-the-theme', async () => {
    await openNet(page, PLAIN);
    await waitForPreviewOf(frame, PLAIN);
    /** The chart's background (a canvas pixel in its corner) and the page's, as "r,g,b". */
    const colours = () => frame.locator('#chart').evaluate((canvas) => {
      const [r, g, b] = canvas.getContext('2d').getImageData(2, 2, 1, 1).data;
      const page = getComputedStyle(document.body).backgroundColor.match(/\d+/g).slice(0, 3).join(',');
      return { chart: `${r},${g},${b}`, page };
    });
    const dark = await colours();
    if (dark.chart !== dark.page) throw new Error(`chart background ${dark.chart}, editor background ${dark.page}`);
    const toggleTheme = () => runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await toggleTheme();
    try {
      const light = await eventually(async () => {
        const c = await colours();
        if (c.page === dark.page || c.chart !== c.page) throw new Error(JSON.stringify(c));
        return c;
      }, { timeout: 10000, message: 'the chart did not take the light theme\'s background' });
      log(`    chart background: dark theme ${dark.chart}, light theme ${light.chart}`);
    } finally {
      await toggleTheme();
    }
  });

  await check('preview-survives-reload', async () => {
    await openNet(page, PLAIN); // scrolled anywhere: no text to wait for
    await waitForPreviewOf(frame, PLAIN);
    const glorot = frame.locator('#schemes input[data-scheme="glorot"]');
    await glorot.uncheck();
    const hidden = await plotted(frame);
    if (hidden.plotted['glorot/forward'] !== false || hidden.plotted['msra/forward'] !== true) throw new Error(`toggles: ${JSON.stringify(hidden.plotted)}`);
    // What a user runs to reload the window: the workbench shuts down properly (saving the
    // editors and webview states) and loads again.
    await page.keyboard.press('Control+1');
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForLoadState('load');
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    const p = await waitForPreviewOf(frame, PLAIN, { timeout: 60000 });
    if (p.plotted['glorot/forward'] !== false || p.plotted['xavier/forward'] !== true) throw new Error(`toggles after reload: ${JSON.stringify(p.plotted)}`);
    if (await glorot.isChecked()) throw new Error('the Glorot toggle is on again');
    // Switch it back on (with the mouse: playwright's own click waits on the reload's navigation).
    const box = await glorot.boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await eventually(async () => {
      if ((await plotted(frame)).plotted['glorot/forward'] !== true) throw new Error('still off');
    }, { timeout: 5000, message: 'the Glorot toggle does not switch its line back on after the reload' });
  });
}
